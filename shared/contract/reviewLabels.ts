/*
 * The keys of the case-file categories and their Chinese labels, which the classifier's reasons
 * (分类依据, in Chinese whatever the UI language) and the zh UI both print. Kept apart from
 * review.ts (its zod schemas) so the renderer's first screen, which carries the zh strings, can
 * use them without loading the schemas.
 */

/** 起诉状, 答辩状, 证据, 证据目录, 笔录, 送达回证, 裁判文书, 其他. */
export const DOCUMENT_CATEGORIES = [
  'complaint',
  'answer',
  'evidence_list',
  'evidence',
  'transcript',
  'service_receipt',
  'decision',
  'other',
] as const;

/** Chinese labels, for the UI and the reasons the backend records. */
export const DOCUMENT_CATEGORY_ZH: Readonly<Record<(typeof DOCUMENT_CATEGORIES)[number], string>> = {
  complaint: '起诉状',
  answer: '答辩状',
  evidence_list: '证据目录',
  evidence: '证据',
  transcript: '笔录',
  service_receipt: '送达回证',
  decision: '裁判文书',
  other: '其他',
};
