/*
 * The keys of the 庭审 enums and their Chinese labels, which notices, outlines, transcripts and the
 * zh UI all print. Kept apart from hearings.ts (its zod schemas) so the renderer's first screen,
 * which carries the zh strings, can use them without loading the schemas.
 */

/** 开庭 / 证据交换 / 调解 / 询问. */
export const HEARING_TYPES = ['trial', 'evidence_exchange', 'mediation', 'inquiry'] as const;
export const HEARING_TYPE_ZH: Readonly<Record<(typeof HEARING_TYPES)[number], string>> = {
  trial: '开庭',
  evidence_exchange: '证据交换',
  mediation: '调解',
  inquiry: '询问',
};

/** The order of a Chinese civil hearing: 法庭调查, 举证质证, 法庭辩论, 最后陈述, 调解意愿 (CPL arts. 141-145). */
export const OUTLINE_STAGES = ['opening', 'investigation', 'evidence', 'debate', 'final_statement', 'mediation'] as const;
export const OUTLINE_STAGE_ZH: Readonly<Record<(typeof OUTLINE_STAGES)[number], string>> = {
  opening: '开庭准备',
  investigation: '法庭调查',
  evidence: '举证质证',
  debate: '法庭辩论',
  final_statement: '最后陈述',
  mediation: '调解意愿',
};

export const SPEAKER_ROLES = [
  'presiding',
  'judge',
  'juror',
  'clerk',
  'plaintiff',
  'defendant',
  'third_party',
  'agent',
  'witness',
  'expert',
  'interpreter',
  'other',
] as const;
export const SPEAKER_ROLE_ZH: Readonly<Record<(typeof SPEAKER_ROLES)[number], string>> = {
  presiding: '审判长',
  judge: '审判员',
  juror: '人民陪审员',
  clerk: '书记员',
  plaintiff: '原告',
  defendant: '被告',
  third_party: '第三人',
  agent: '代理人',
  witness: '证人',
  expert: '鉴定人',
  interpreter: '翻译人员',
  other: '其他',
};
