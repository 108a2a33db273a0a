import type { Authority, CourtLevel, DocKind, SectionName, TrialProcedure } from '../../../shared/contract/precedents';
import { DEFAULT_CAUSE_TREE } from '../../../shared/rules/causes';
import { tryParseDateText } from '../../../shared/rules/numerals';

export type Sections = Record<SectionName, string>;

export const SECTION_ORDER: readonly SectionName[] = ['header', 'parties', 'claims', 'facts', 'reasoning', 'judgment', 'tail'];

export function emptySections(): Sections {
  return { header: '', parties: '', claims: '', facts: '', reasoning: '', judgment: '', tail: '' };
}

/**
 * Where each block of a judgment begins (brief §5.2). Each section starts at the first marker found
 * after the previous section's start; an absent marker leaves its text with the section before.
 * Markers match at the start of a paragraph or after sentence punctuation, so a quotation such as
 * "…原告诉称的事实…" inside the reasoning does not start a new block.
 */
const MARKERS: ReadonlyArray<{ name: SectionName; re: RegExp }> = [
  {
    name: 'parties',
    re: /(?:^|\n)\s*(?:原告|被告|上诉人|被上诉人|申请人|被申请人|再审申请人|申请执行人|被执行人|公诉机关|自诉人|起诉人|第三人|原审[原被]告)(?:（[^）]{0,20}）)?[：:]/,
  },
  {
    name: 'claims',
    re: /(?:^|[\n。；])\s*[^\n。；]{0,80}?(?:诉称|向本院提出诉讼请求|诉讼请求[：:]|上诉请求[：:]|上诉称|申请再审称|公诉机关指控|检察院指控|起诉指控|指控[，：:])/,
  },
  {
    name: 'facts',
    re: /(?:^|[\n。；])\s*(?:经审理查明|本院经审理查明|本院查明|经本院审理查明|本院经审理认定事实如下|本院认定事实如下|本院确认(?:以下|如下)事实|经审理认定|二审查明|本院二审查明|经审理，本院认定|对有争议的证据和事实，本院认定如下)/,
  },
  { name: 'reasoning', re: /(?:^|[\n。；])\s*本院认为/ },
  { name: 'judgment', re: /(?:判决如下|裁定如下|调解协议如下|达成(?:如下)?调解协议)[：:]?/ },
  { name: 'tail', re: /\n\s*(?:审\s*判\s*长|审\s*判\s*员|代理审判员|人民陪审员)\s/ },
];

/** Splits a full judgment text into its blocks. Text without any marker is kept whole as facts. */
export function splitJudgment(text: string): Sections {
  const s = emptySections();
  const t = text.replace(/\r\n?/g, '\n');
  const starts: Array<{ name: SectionName; at: number }> = [];
  let from = 0;
  for (const m of MARKERS) {
    const re = new RegExp(m.re.source, 'g');
    re.lastIndex = from;
    const hit = re.exec(t);
    if (!hit) continue;
    // Skip the separator the pattern consumed (newline or full stop) so it stays with the previous block.
    let at = hit.index;
    while (at < t.length && /[\n。；\s]/.test(t[at] as string) && at < hit.index + hit[0].length - 1) at++;
    starts.push({ name: m.name, at });
    from = at + 1;
  }
  if (starts.length === 0 || (starts.length === 1 && starts[0]!.name === 'tail')) {
    s.facts = t.trim();
    return s;
  }
  const first = starts[0]!;
  s.header = t.slice(0, first.at).trim();
  starts.forEach((st, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : t.length;
    s[st.name] = t.slice(st.at, end).trim();
  });
  return s;
}

export interface Metadata {
  title: string;
  court: string;
  courtLevel: CourtLevel;
  caseNumber: string;
  decidedOn: string | null;
  causes: string[];
  procedure: TrialProcedure;
  docKind: DocKind;
  /** Only when the text says so itself (指导性案例/公报/入库); otherwise null. */
  authority: Authority | null;
}

const COURT_RE = /([\u4e00-\u9fa5]{2,30}?(?:人民法院|法院))/;
const CASE_NUMBER_RE = /[（(〔[]\s*(?:19|20)\d{2}\s*[）)〕\]]\s*[\u4e00-\u9fa5]{1,4}\d{0,4}[\u4e00-\u9fa5]{1,4}\d+(?:-\d+)?号(?:之[一二三四五六七八九十]+)?/;
const ZH_DATE_RE = /[二〇○零OＯ0一三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日/g;

export function courtLevelOf(court: string): CourtLevel {
  if (!court) return 'unknown';
  if (court.startsWith('最高人民法院')) return 'supreme';
  if (court.includes('高级人民法院')) return 'high';
  if (court.includes('中级人民法院')) return 'intermediate';
  if (/海事|铁路运输|知识产权|金融|互联网|军事/.test(court)) return 'special';
  if (court.endsWith('人民法院')) return 'basic';
  return 'unknown';
}

/** From the type code in the case number (案号规定: 初 = first instance, 终 = appeal, 再/监/申 = retrial, 执 = enforcement). */
export function procedureOf(caseNumber: string, title: string): TrialProcedure {
  const code = /[）)〕\]]\s*[\u4e00-\u9fa5]{0,4}\d{0,4}([\u4e00-\u9fa5]{1,4})\d+/.exec(caseNumber)?.[1] ?? '';
  if (/执/.test(code)) return 'enforcement';
  if (/再|监|申/.test(code)) return 'retrial';
  if (/终/.test(code)) return 'second_instance';
  if (/初|特|督|催/.test(code)) return 'first_instance';
  if (/再审/.test(title)) return 'retrial';
  if (/二审|终审/.test(title)) return 'second_instance';
  if (/一审/.test(title)) return 'first_instance';
  return caseNumber || title ? 'other' : 'unknown';
}

export function docKindOf(title: string, text: string): DocKind {
  const t = title || text.slice(0, 200);
  if (/判决书/.test(t)) return 'judgment';
  if (/裁定书/.test(t)) return 'ruling';
  if (/调解书/.test(t)) return 'mediation';
  if (/判决如下/.test(text)) return 'judgment';
  if (/裁定如下/.test(text)) return 'ruling';
  return 'other';
}

/** Selectable cause names of the built-in catalogue, longest first so 金融借款合同纠纷 wins over 借款合同纠纷. */
const KNOWN_CAUSES: readonly string[] = [...DEFAULT_CAUSE_TREE.nodes.values()]
  .filter((n) => n.selectable)
  .map((n) => n.name)
  .sort((a, b) => b.length - a.length);

/**
 * Causes of action or charges. Criminal: the charges the court convicted of (…犯X罪 / 构成X罪).
 * Civil: a catalogue cause named in the title or the 审理经过 sentence, else the "…纠纷一案" phrase.
 */
export function causesOf(title: string, head: string, judgmentText: string, reasoning: string): string[] {
  const out: string[] = [];
  const add = (c: string) => {
    const v = c.trim();
    if (v.length >= 2 && v.length <= 30 && !out.includes(v)) out.push(v);
  };
  for (const m of `${judgmentText}\n${reasoning}`.matchAll(/(?:犯|构成)((?:[\u4e00-\u9fa5]{2,15}?罪)(?:、[\u4e00-\u9fa5]{2,15}?罪)*)/g)) {
    for (const part of (m[1] as string).split('、')) if (part.endsWith('罪') && part.length >= 3) add(part);
    if (out.length >= 6) break;
  }
  if (out.length) return out;
  const scope = `${title}\n${head.slice(0, 800)}`;
  for (const name of KNOWN_CAUSES) {
    if (scope.includes(name) && !out.some((o) => o.includes(name))) add(name);
  }
  if (out.length) return out;
  const m = /([\u4e00-\u9fa5、]{2,16}?纠纷)(?:一案|案)/.exec(scope);
  if (m) {
    // "原告张三与被告李四买卖合同纠纷一案": keep what follows the last party marker, then the last 2–10 chars.
    const phrase = (m[1] as string).split(/与|诉|被告|原告/).pop() ?? '';
    const tail = /([\u4e00-\u9fa5、]{0,8}纠纷)$/.exec(phrase)?.[1];
    if (tail) add(tail);
  }
  const crime = /([\u4e00-\u9fa5]{2,12}罪)一案/.exec(title);
  if (!out.length && crime) add((crime[1] as string).replace(/^.*等/, ''));
  return out;
}

export function extractMetadata(sections: Sections, titleHint = ''): Metadata {
  const head = `${sections.header}\n${sections.parties.slice(0, 1200)}`;
  const firstLines = head.split('\n').map((l) => l.trim()).filter(Boolean);
  const title =
    titleHint ||
    firstLines.find((l) => /(判决书|裁定书|调解书|决定书)$/.test(l) && l.length <= 60) ||
    /[^\n。]{2,80}?一案/.exec(head)?.[0] ||
    '';
  const court = COURT_RE.exec(sections.header || head.slice(0, 200))?.[1] ?? '';
  const caseNumber = CASE_NUMBER_RE.exec(head)?.[0]?.replace(/\s+/g, '') ?? '';
  let decidedOn: string | null = null;
  const dates = [...(sections.tail || sections.judgment.slice(-300)).matchAll(ZH_DATE_RE)];
  const last = dates.at(-1)?.[0];
  if (last) decidedOn = tryParseDateText(last);
  const causes = causesOf(title, head, sections.judgment, sections.reasoning);
  const all = `${title}\n${sections.header}`;
  const authority: Authority | null = /指导性?案例/.test(all)
    ? 'guiding'
    : /最高人民法院公报|公报案例/.test(all)
      ? 'gazette'
      : /人民法院案例库|入库编号|参考案例/.test(all)
        ? 'reference'
        : null;
  return {
    title,
    court,
    courtLevel: courtLevelOf(court),
    caseNumber,
    decidedOn,
    causes,
    procedure: procedureOf(caseNumber, title),
    docKind: docKindOf(title, `${sections.judgment.slice(0, 50)}${sections.reasoning.slice(-200)}`),
    authority,
  };
}

/** Values users type for authority in a mapped column. */
export function parseAuthority(v: string): Authority | null {
  const s = v.trim();
  if (!s) return null;
  if (/^(guiding|指导性?案例)/i.test(s)) return 'guiding';
  if (/^(gazette|公报)/i.test(s)) return 'gazette';
  if (/^(reference|入库|参考)/i.test(s)) return 'reference';
  if (/^(ordinary|普通|裁判文书)/i.test(s)) return 'ordinary';
  return null;
}
