import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_ZH, type DocumentCategory } from '../../../shared/contract/review';

/**
 * Rule-based classification of a case-file document (起诉状, 答辩状, 证据, 证据目录, 笔录, 送达回证,
 * 裁判文书, 其他) from its title, file name and text. Each signal adds to a category's score and
 * is kept as a reason, so the clerk sees why; the clerk's choice always wins (stored apart).
 */

interface Signal {
  readonly category: DocumentCategory;
  readonly re: RegExp;
  readonly weight: number;
  readonly what: string;
}

/** Names used in titles and file names. Checked against title + file name. */
const NAME_SIGNALS: readonly Signal[] = [
  { category: 'complaint', re: /起诉状|起诉书|民事诉状|诉状(?!.*答辩)|complaint/i, weight: 6, what: '起诉状' },
  { category: 'answer', re: /答辩状|答辩书|答辩意见|defen[cs]e|\banswer\b/i, weight: 6, what: '答辩状' },
  { category: 'evidence_list', re: /证据目录|证据清单|证据材料清单|举证目录|证据列表|证据明细/, weight: 7, what: '证据目录' },
  {
    category: 'evidence',
    re: /证据|借条|欠条|借据|收条|收据|转账|流水|回单|凭证|合同|协议|发票|照片|截图|聊天记录|录音|鉴定|身份证|营业执照|认定书|病历|诊断|结婚证|户口|对账单|送货单|工资条|考勤/,
    weight: 3,
    what: '证据材料名称',
  },
  { category: 'transcript', re: /笔录|庭审记录|询问记录|调查记录|谈话记录/, weight: 6, what: '笔录' },
  { category: 'service_receipt', re: /送达回证|送达回执|送达地址确认书|回证|签收单/, weight: 7, what: '送达回证' },
  { category: 'decision', re: /判决书|裁定书|调解书|决定书|裁判文书|仲裁裁决/, weight: 7, what: '裁判文书' },
];

/** Signals in the text itself. */
const TEXT_SIGNALS: readonly Signal[] = [
  { category: 'complaint', re: /诉讼请求/, weight: 3, what: '正文有“诉讼请求”' },
  { category: 'complaint', re: /事实(?:与|和|及)理由/, weight: 3, what: '正文有“事实与理由”' },
  { category: 'answer', re: /被答辩人/, weight: 4, what: '正文有“被答辩人”' },
  { category: 'answer', re: /答辩人/, weight: 2, what: '正文有“答辩人”' },
  { category: 'answer', re: /答辩意见|答辩如下|现答辩/, weight: 3, what: '正文有答辩用语' },
  { category: 'evidence_list', re: /证明目的/, weight: 4, what: '正文有“证明目的”' },
  { category: 'transcript', re: /(?:^|\n)\s*(?:问|答)\s*[:：]/, weight: 3, what: '正文有问答记录' },
  { category: 'transcript', re: /书记员[:：]|审判员[:：]|审判长[:：]/, weight: 3, what: '正文有发言人标记' },
  { category: 'service_receipt', re: /受送达人/, weight: 5, what: '正文有“受送达人”' },
  { category: 'service_receipt', re: /送达文书|送达方式|签收人/, weight: 3, what: '正文有送达事项' },
  { category: 'decision', re: /判决如下|裁定如下|调解协议如下|本院认为/, weight: 5, what: '正文有裁判用语' },
  { category: 'evidence', re: /今借到|今收到|借款人[:：]|出借人[:：]|交易流水|转账成功/, weight: 3, what: '正文像借条、收据或流水' },
];

export interface Classification {
  readonly category: DocumentCategory;
  readonly confidence: number;
  readonly reason: string;
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

export function classifyDocument(doc: { title: string; filename: string; text: string; kind: string }): Classification {
  const scores = new Map<DocumentCategory, { score: number; reasons: string[] }>(DOCUMENT_CATEGORIES.map((c) => [c, { score: 0, reasons: [] }]));
  const add = (c: DocumentCategory, w: number, why: string) => {
    const s = scores.get(c)!;
    s.score += w;
    s.reasons.push(why);
  };
  const name = `${doc.title} ${doc.filename.replace(/\.[^.]+$/, '')}`;
  // Intake already found the complaint of a filing (intake.importFiling sets kind 'complaint').
  if (doc.kind === 'complaint') add('complaint', 6, '立案时识别为起诉状');
  for (const s of NAME_SIGNALS) if (s.re.test(name)) add(s.category, s.weight, `标题或文件名含“${s.what}”`);
  const head = compact(doc.text.slice(0, 300));
  for (const s of NAME_SIGNALS) {
    // The heading of the text counts less than the name: an answer quotes "起诉状" in its first line.
    if (s.category !== 'evidence' && s.re.test(head.slice(0, 40))) add(s.category, Math.ceil(s.weight / 2), `正文标题为“${s.what}”`);
  }
  const body = doc.text.slice(0, 20_000);
  for (const s of TEXT_SIGNALS) if (s.re.test(body)) add(s.category, s.weight, s.what);
  // An evidence list is numbered items with purposes: several 证明 after numbers.
  const numbered = body.match(/(?:^|\n)\s*(?:证据\s*)?(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．:：)）]/g)?.length ?? 0;
  const proves = body.match(/证明/g)?.length ?? 0;
  if (numbered >= 2 && proves >= 2) add('evidence_list', 3, `正文有${numbered}个编号条目并写明证明内容`);
  // An answer is a response: 辩称 language without a complaint's claims section.
  if (/辩称|答辩/.test(head) && !/诉讼请求/.test(body)) add('answer', 2, '正文开头为答辩');

  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [topCat, top] = ranked[0]!;
  const second = ranked[1]![1].score;
  if (top.score < 3) {
    const why = doc.text.trim() === '' ? '无可识别文字（可能是扫描件）且名称无特征' : '名称和正文均无明显特征';
    return { category: 'other', confidence: 0.5, reason: why };
  }
  const confidence = Math.round(Math.min(0.98, top.score / (top.score + second + 2)) * 100) / 100;
  return { category: topCat, confidence, reason: `${DOCUMENT_CATEGORY_ZH[topCat]}：${[...new Set(top.reasons)].join('；')}` };
}

/** The usual order of a case file (卷宗): pleadings, evidence, records, service, decisions. */
export const CATEGORY_ORDER: Readonly<Record<DocumentCategory, number>> = {
  complaint: 1,
  answer: 2,
  evidence_list: 3,
  evidence: 4,
  transcript: 5,
  service_receipt: 6,
  decision: 7,
  other: 8,
};
