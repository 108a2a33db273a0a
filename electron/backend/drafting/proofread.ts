import type { Party, Procedure } from '../../../shared/contract/cases';
import type { DraftGroup, DraftSection, Finding, SectionCitation } from '../../../shared/contract/drafting';
import { parseCaseNumber } from '../../../shared/rules/caseNumber';
import { findAmounts, toChineseCapital } from '../../../shared/rules/money';
import { findDates, formatChineseDate, parseChineseInteger, toChineseInteger } from '../../../shared/rules/numerals';
import { PROCEDURE_NAME, TODO_RE, yuanText } from './fill';

/*
 * 校对: checks a reviewer can automate (brief §5.9). Pure: the service gathers the case, the
 * expected fee and the citation checks; each rule reports where in which section it found a problem.
 */

export interface ProofreadInput {
  readonly sections: readonly DraftSection[];
  readonly group: DraftGroup;
  readonly documentDate: string;
  readonly caseNumber: string;
  readonly courtCode: string;
  readonly filedOn: string | null;
  readonly parties: readonly Pick<Party, 'role' | 'name'>[];
  /** The fee the costs sentence must state (null: the document has no fee sentence to check). */
  readonly expectedFee: { readonly feeFen: number; readonly fullFeeFen: number; readonly halved: boolean } | null;
  /** The CPL article for the late-payment clause on the document date (brief §0.3). */
  readonly latePaymentArticle: number | null;
  /** Citation checks per section id (from citations.ts). */
  readonly citations: Readonly<Record<string, readonly SectionCitation[]>>;
  /** The case's procedure; null while it is not set, and then nothing is checked against it. */
  readonly procedure: Procedure | null;
  /** Procedures the draft's template is written for (the template's `procedures`); null: any. */
  readonly templateProcedures: readonly Procedure[] | null;
}

type Push = (f: Omit<Finding, 'suggestion'> & { suggestion?: string | null }) => void;

function finder(out: Finding[]): Push {
  return (f) => out.push({ ...f, suggestion: f.suggestion ?? null });
}

// ---------------------------------------------------------------------------------------------
// Amounts: figures vs Chinese capitals written side by side, e.g. 50000元（人民币伍万元整）
// ---------------------------------------------------------------------------------------------

export function checkAmounts(s: DraftSection, push: Push): void {
  const amounts = findAmounts(s.text);
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i]!;
    if (a.form !== 'chinese') continue;
    // The partner figure is the amount right before or after, separated only by brackets or spaces.
    const prev = amounts[i - 1];
    const next = amounts[i + 1];
    const between = (x: { end: number }, y: { start: number }) => s.text.slice(x.end, y.start);
    const near = (t: string) => /^[\s（(）)：:]*$/.test(t) && t.length <= 4;
    const partner =
      prev && prev.form === 'arabic' && near(between(prev, a)) ? prev : next && next.form === 'arabic' && near(between(a, next)) ? next : null;
    if (!partner) continue;
    if (partner.fen !== a.fen) {
      push({
        rule: 'amount-capital',
        severity: 'error',
        sectionId: s.id,
        start: a.start,
        end: a.end,
        zh: `大写金额“${a.raw}”与数字金额“${partner.raw}”不一致（数字金额的大写为${toChineseCapital(partner.fen)}）`,
        en: `The amount in words "${a.raw}" does not match the figure "${partner.raw}"`,
        suggestion: `${/^人民币/.test(a.raw) ? '人民币' : ''}${toChineseCapital(partner.fen)}`,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Party names
// ---------------------------------------------------------------------------------------------

const ROLE_OF: Readonly<Record<string, Party['role']>> = { 原告: 'plaintiff', 被告: 'defendant', 第三人: 'third_party' };
/** Characters that follow a role word when no name follows (原告的…, 被告未…, 原告、被告…). */
const NOT_A_NAME = /^[的及与向对于在和未已应均不就同亦所方人之其称辩诉提主认负撤承是系将仍再因为请如按经、，。；：:（(）)“”"\s]/;
const NAME_END = /[，。、；：:及与的向对于在和（(）)\s]|未|已|应|辩称|诉称|提出|主张|认为|负担|撤诉|到庭|偿还|支付|于本|系|承担|签订|出具|借款|起诉/;

const FORMAL_SECTIONS = new Set(['parties', 'origin', 'addressee', 'operative', 'costs', 'history', 'fields']);

function editDistanceOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

export function checkPartyNames(s: DraftSection, parties: ProofreadInput['parties'], push: Push): void {
  if (!parties.length) return;
  const all = [...parties].sort((a, b) => b.name.length - a.name.length);
  for (const m of s.text.matchAll(/(原告|被告|第三人)[：:]?/g)) {
    const role = ROLE_OF[m[1] as string]!;
    const at = m.index + m[0].length;
    const rest = s.text.slice(at, at + 60);
    if (rest === '' || NOT_A_NAME.test(rest)) continue;
    const hit = all.find((p) => rest.startsWith(p.name));
    if (hit) {
      if (hit.role !== role) {
        push({
          rule: 'party-names',
          severity: 'error',
          sectionId: s.id,
          start: m.index,
          end: at + hit.name.length,
          zh: `“${hit.name}”在本案中是${hit.role === 'plaintiff' ? '原告' : hit.role === 'defendant' ? '被告' : '第三人'}，这里写作${m[1]}`,
          en: `"${hit.name}" is the ${hit.role.replace('_', ' ')} in this case but is called ${role.replace('_', ' ')} here`,
        });
      }
      continue;
    }
    // A name-like run up to the next delimiter that is not a party of the case.
    const end = NAME_END.exec(rest);
    const cand = end ? rest.slice(0, end.index) : rest.slice(0, 10);
    if (cand.length < 2 || cand.length > 30 || !/^[\u4e00-\u9fa5A-Za-z·（）()]+$/.test(cand)) continue;
    if (cand.startsWith('【')) continue;
    const near = parties.find((p) => p.role === role && (editDistanceOne(cand, p.name) || editDistanceOne(cand.slice(0, p.name.length), p.name)));
    // In free prose (原告多次催告…) a role word is often followed by a verb: only near-misses count
    // there; an unknown name is reported where names are listed formally.
    if (!near && !FORMAL_SECTIONS.has(s.id)) continue;
    push({
      rule: 'party-names',
      severity: near ? 'error' : 'warning',
      sectionId: s.id,
      start: at,
      end: at + (near ? near.name.length : cand.length),
      zh: near ? `当事人名称“${rest.slice(0, near.name.length)}”与案件中的“${near.name}”不一致` : `“${cand}”不是本案的${m[1]}`,
      en: near
        ? `Party name "${rest.slice(0, near.name.length)}" differs from "${near.name}" in the case`
        : `"${cand}" is not a ${role.replace('_', ' ')} of this case`,
      suggestion: near ? near.name : null,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

export function checkDates(s: DraftSection, input: ProofreadInput, push: Push): void {
  for (const d of findDates(s.text)) {
    if (d.iso === null) {
      push({
        rule: 'date-valid',
        severity: 'error',
        sectionId: s.id,
        start: d.start,
        end: d.end,
        zh: `“${d.raw}”不是真实存在的日期`,
        en: `"${d.raw}" is not a real calendar date`,
      });
      continue;
    }
    // In a decision, nothing it recounts can happen after the day it is signed.
    if (input.group !== 'notice' && s.layout !== 'closing' && d.iso > input.documentDate) {
      push({
        rule: 'date-order',
        severity: 'warning',
        sectionId: s.id,
        start: d.start,
        end: d.end,
        zh: `日期${d.raw}晚于落款日期${formatChineseDate(input.documentDate)}`,
        en: `${d.raw} is after the document date ${input.documentDate}`,
      });
    }
  }
}

/** 落款 date: Chinese numerals with 〇 (二〇二四年七月五日), never Arabic figures or 零 (brief §5.6). */
export function checkClosingDate(s: DraftSection, input: ProofreadInput, push: Push): void {
  if (s.layout !== 'closing') return;
  const zh = /([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(s.text);
  const arabic = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/.exec(s.text);
  if (arabic) {
    push({
      rule: 'closing-date',
      severity: 'error',
      sectionId: s.id,
      start: arabic.index,
      end: arabic.index + arabic[0].length,
      zh: '落款日期应当用汉字书写（如二〇二四年七月五日）',
      en: 'The date in the signature block must be written in Chinese numerals',
      suggestion: formatChineseDate(input.documentDate),
    });
    return;
  }
  if (!zh) {
    push({
      rule: 'closing-date',
      severity: 'error',
      sectionId: s.id,
      start: s.text.length,
      end: s.text.length,
      zh: '落款缺少日期',
      en: 'The signature block has no date',
      suggestion: formatChineseDate(input.documentDate),
    });
    return;
  }
  const expected = formatChineseDate(input.documentDate);
  if (/[零○]/.test(zh[1] as string) || zh[0] !== expected) {
    push({
      rule: 'closing-date',
      severity: /[零○]/.test(zh[1] as string) ? 'error' : 'warning',
      sectionId: s.id,
      start: zh.index,
      end: zh.index + zh[0].length,
      zh: /[零○]/.test(zh[1] as string) ? `年份中的零应写作“〇”：${expected}` : `落款日期与文书日期（${expected}）不一致`,
      en: /[零○]/.test(zh[1] as string) ? 'Write 〇 for zero in the year' : `The date differs from the document date (${input.documentDate})`,
      suggestion: expected,
    });
  }
  if (input.filedOn && input.documentDate < input.filedOn) {
    push({
      rule: 'date-order',
      severity: 'error',
      sectionId: s.id,
      start: zh.index,
      end: zh.index + zh[0].length,
      zh: `落款日期早于立案日期（${input.filedOn}）`,
      en: `The document date is before the filing date (${input.filedOn})`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Case number, fee, late-payment article, numbering, citations, placeholders
// ---------------------------------------------------------------------------------------------

export function checkCaseNumber(s: DraftSection, input: ProofreadInput, push: Push): void {
  if (s.layout !== 'caseNumber') return;
  const text = s.text.trim();
  if (/【待补充/.test(text)) return;
  const p = parseCaseNumber(text);
  if (!p.valid) {
    push({
      rule: 'case-number',
      severity: 'error',
      sectionId: s.id,
      start: 0,
      end: s.text.length,
      zh: `案号“${text}”格式不正确：${p.errors.map((e) => e.zh).join('；') || '无法识别'}`,
      en: `The case number "${text}" is malformed: ${p.errors.map((e) => e.en).join('; ') || 'not recognised'}`,
      suggestion: input.caseNumber || null,
    });
    return;
  }
  if (input.caseNumber && p.normalized !== parseCaseNumber(input.caseNumber).normalized) {
    push({
      rule: 'case-number',
      severity: 'error',
      sectionId: s.id,
      start: 0,
      end: s.text.length,
      zh: `案号与本案案号${input.caseNumber}不一致`,
      en: `The case number differs from the case's (${input.caseNumber})`,
      suggestion: input.caseNumber,
    });
  } else if (input.courtCode && p.court && p.court !== input.courtCode) {
    push({
      rule: 'case-number',
      severity: 'warning',
      sectionId: s.id,
      start: 0,
      end: s.text.length,
      zh: `案号中的法院代字${p.court}与本院代字${input.courtCode}不一致`,
      en: `The court code ${p.court} is not this court's (${input.courtCode})`,
    });
  }
}

const YUAN = String.raw`(\d+(?:\.\d{1,2})?)元`;

function fenOf(yuan: string): number {
  const [i, d = ''] = yuan.split('.');
  return Number(i) * 100 + Number(d.padEnd(2, '0'));
}

/** The costs sentence states the fee computed at intake, halved when the procedure halves it (brief §5.4). */
export function checkFee(s: DraftSection, input: ProofreadInput, push: Push): void {
  const exp = input.expectedFee;
  if (!exp) return;
  const m = new RegExp(`案件受理费${YUAN}(?:[，,]\\s*减半收取(?:计)?${YUAN})?`).exec(s.text);
  if (!m) return;
  const stated = fenOf(m[1] as string);
  const halvedTo = m[2] !== undefined ? fenOf(m[2]) : null;
  const right = exp.halved
    ? `案件受理费${yuanText(exp.fullFeeFen)}元，减半收取计${yuanText(exp.feeFen)}元`
    : `案件受理费${yuanText(exp.feeFen)}元`;
  const ok = exp.halved ? stated === exp.fullFeeFen && halvedTo === exp.feeFen : stated === exp.feeFen && halvedTo === null;
  if (!ok) {
    push({
      rule: 'fee-sentence',
      severity: 'error',
      sectionId: s.id,
      start: m.index,
      end: m.index + m[0].length,
      zh: `诉讼费用与立案时计算的受理费不一致，应为“${right}”`,
      en: `The costs sentence does not match the fee computed at intake; expected "${right}"`,
      suggestion: right,
    });
  }
}

export function checkLatePayment(sections: readonly DraftSection[], input: ProofreadInput, push: Push): void {
  const expected = input.latePaymentArticle;
  for (const s of sections) {
    const m = /民事诉讼法》?第([〇零一二三四五六七八九十百]+)条(?:规定)?[，,]?\s*加倍支付迟延履行期间的债务利息/.exec(s.text);
    if (!m || expected === null) continue;
    const n = parseChineseInteger(m[1] as string);
    if (n !== expected) {
      const start = m.index + m[0].indexOf('第');
      push({
        rule: 'late-payment-article',
        severity: 'error',
        sectionId: s.id,
        start,
        end: start + (m[1] as string).length + 2,
        zh: `迟延履行条款应引用民事诉讼法第${toChineseInteger(expected)}条（按文书日期${input.documentDate}适用的版本）`,
        en: `The late-payment clause must cite CPL art. ${expected} for a document dated ${input.documentDate}`,
        suggestion: `第${toChineseInteger(expected)}条`,
      });
    }
  }
  const operative = sections.find((s) => s.id === 'operative');
  const late = sections.find((s) => s.id === 'latePayment');
  if (input.group === 'judgment' && operative && late && late.text.trim() === '' && /\d元/.test(operative.text) && /支付|偿还|给付|赔偿|返还/.test(operative.text)) {
    push({
      rule: 'late-payment-article',
      severity: 'warning',
      sectionId: 'latePayment',
      start: 0,
      end: 0,
      zh: '判决主文含给付金钱义务，但缺少迟延履行告知',
      en: 'The judgment orders a payment but has no late-payment clause',
    });
  }
}

const ITEM = /^([一二三四五六七八九十百]+)、/;

/** Judgment items numbered 一、二、… consecutively; ；between items and 。at the end (brief §5.3). */
export function checkNumbering(s: DraftSection, push: Push): void {
  if (s.layout !== 'body') return;
  const lines = s.text.split('\n');
  let offset = 0;
  const items: Array<{ n: number | null; raw: string; start: number; line: string }> = [];
  for (const line of lines) {
    const m = ITEM.exec(line);
    if (m) items.push({ n: parseChineseInteger(m[1] as string), raw: m[0], start: offset, line });
    offset += line.length + 1;
  }
  if (!items.length) return;
  items.forEach((it, i) => {
    if (it.n !== i + 1) {
      push({
        rule: 'item-numbering',
        severity: 'error',
        sectionId: s.id,
        start: it.start,
        end: it.start + it.raw.length,
        zh: `项目编号应为“${toChineseInteger(i + 1)}、”，实际为“${it.raw}”`,
        en: `Item ${i + 1} is numbered "${it.raw}"`,
        suggestion: `${toChineseInteger(i + 1)}、`,
      });
    }
  });
  if (s.id !== 'operative' && s.id !== 'agreement') return;
  if (items.length === 1) {
    push({
      rule: 'item-numbering',
      severity: 'warning',
      sectionId: s.id,
      start: items[0]!.start,
      end: items[0]!.start + items[0]!.raw.length,
      zh: '只有一项时不编号',
      en: 'A single item takes no number',
      suggestion: '',
    });
    return;
  }
  items.forEach((it, i) => {
    const last = i === items.length - 1;
    const trimmed = it.line.trimEnd();
    const ch = trimmed.at(-1);
    const want = last ? '。' : '；';
    if (ch !== want) {
      push({
        rule: 'item-numbering',
        severity: 'warning',
        sectionId: s.id,
        start: it.start + trimmed.length - 1,
        end: it.start + trimmed.length,
        zh: last ? '最后一项应以“。”结尾' : '各项之间应以“；”分隔',
        en: last ? 'The last item ends with 。' : 'Items are separated by ；',
        suggestion: null,
      });
    }
  });
}

export function checkCitations(s: DraftSection, input: ProofreadInput, push: Push): void {
  for (const c of input.citations[s.id] ?? []) {
    if (c.status === 'ok') continue;
    push({
      rule: 'citation',
      severity: c.status === 'unresolved' ? 'error' : 'info',
      sectionId: s.id,
      start: c.start,
      end: c.end,
      zh: `${c.raw}：${c.note || (c.status === 'unresolved' ? '库中找不到' : '无法核对')}`,
      en:
        c.status === 'unresolved'
          ? `${c.kind === 'statute' ? 'Statute' : 'Precedent'} citation not found in the library: ${c.raw}`
          : `Cannot verify ${c.raw}: the ${c.kind === 'statute' ? 'statute' : 'precedent'} library is empty`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Procedure: template, stated procedure, composition of the tribunal and finality must fit the
// procedure the case is tried under (brief §4.6, §5.2 rows 5, 14, 15; §5.9).
// Article numbers are those of the CPL as amended in 2021 and kept by the 2023 amendment: art. 40
// (composition), 42 (no single judge), 155 (judgment contents, signatures), 160 and 163 (simplified,
// one judge), 165 (small claims, one instance), 171 (appeal).
// ---------------------------------------------------------------------------------------------

const CPL = '《中华人民共和国民事诉讼法》';
/** The names the origin paragraph uses (fill.ts writes them), so a suggestion reads like the template. */
const PROCEDURE_ZH: Readonly<Record<Procedure, string>> = PROCEDURE_NAME;
const PROCEDURE_EN: Readonly<Record<Procedure, string>> = {
  ordinary: 'ordinary procedure',
  simplified: 'simplified procedure',
  small_claims: 'small-claims procedure',
};
/** What each procedure requires of a document, with its articles, as the findings quote it. */
const PROCEDURE_RULE_ZH: Readonly<Record<Procedure, string>> = {
  ordinary: `普通程序案件由合议庭审理（仅符合第四十条第二款条件的可由审判员一人独任审理），判决可以上诉（${CPL}第四十条、第一百七十一条）`,
  simplified: `简易程序案件由审判员一人独任审理（${CPL}第四十条第二款、第一百六十条、第一百六十三条）`,
  small_claims: `小额诉讼案件由审判员一人独任审理，实行一审终审（${CPL}第一百六十三条、第一百六十五条）`,
};
const PROCEDURE_RULE_EN: Readonly<Record<Procedure, string>> = {
  ordinary: 'ordinary-procedure cases are tried by a collegial panel (a single judge only under art. 40(2)) and the judgment is appealable (CPL arts. 40, 171)',
  simplified: 'simplified-procedure cases are tried by a single judge (CPL arts. 40(2), 160, 163)',
  small_claims: 'small-claims cases are tried by a single judge and decided in one instance (CPL arts. 163, 165)',
};

function procedureList(ps: readonly Procedure[], lang: 'zh' | 'en'): string {
  return ps.map((p) => (lang === 'zh' ? PROCEDURE_ZH[p] : PROCEDURE_EN[p])).join(lang === 'zh' ? '、' : ' or ');
}

/** A judgment template is written for given procedures: its 落款 and appeal notice follow from them. */
export function checkTemplateProcedure(input: ProofreadInput, push: Push): void {
  const { procedure, templateProcedures } = input;
  if (!procedure || !templateProcedures || templateProcedures.includes(procedure)) return;
  const at = input.sections.find((s) => s.id === 'docName') ?? input.sections[0];
  if (!at) return;
  push({
    rule: 'procedure-template',
    severity: 'error',
    sectionId: at.id,
    start: 0,
    end: at.text.length,
    zh: `本案适用${PROCEDURE_ZH[procedure]}，但本文书使用的是${procedureList(templateProcedures, 'zh')}的模板；${PROCEDURE_RULE_ZH[procedure]}。请改用${PROCEDURE_ZH[procedure]}的模板重新起草。`,
    en: `This case is tried under the ${PROCEDURE_EN[procedure]}, but the document uses a template for the ${procedureList(templateProcedures, 'en')}; ${PROCEDURE_RULE_EN[procedure]}. Draft it again from the matching template.`,
  });
}

/** "依法适用简易程序" and the like; a preceding 不 (本案不适用小额诉讼程序) is not a statement of the procedure. */
const STATED_PROCEDURE = /(不)?适用(简易程序[（(]小额诉讼(?:的)?程序[）)]|小额诉讼(?:的)?程序|简易程序|普通程序)/g;

function statedProcedure(words: string): Procedure {
  return words.includes('小额') ? 'small_claims' : words.startsWith('简易') ? 'simplified' : 'ordinary';
}

/** The procedure the text says the case was tried under is the case's (brief §5.2 row 5). */
export function checkStatedProcedure(s: DraftSection, input: ProofreadInput, push: Push): void {
  const procedure = input.procedure;
  if (!procedure || s.layout === 'title' || s.layout === 'closing') return;
  for (const m of s.text.matchAll(STATED_PROCEDURE)) {
    if (m[1]) continue;
    const words = m[2] as string;
    const stated = statedProcedure(words);
    if (stated === procedure) continue;
    const start = m.index + m[0].length - words.length;
    push({
      rule: 'procedure-stated',
      severity: 'error',
      sectionId: s.id,
      start,
      end: start + words.length,
      zh: `文中写明适用${PROCEDURE_ZH[stated]}，但本案适用${PROCEDURE_ZH[procedure]}；${PROCEDURE_RULE_ZH[procedure]}`,
      en: `The text says the case was tried under the ${PROCEDURE_EN[stated]}, but it is under the ${PROCEDURE_EN[procedure]}`,
      suggestion: PROCEDURE_ZH[procedure],
    });
  }
}

interface Match {
  readonly section: DraftSection;
  readonly start: number;
  readonly end: number;
}

/** The first match of `re` in document order. */
function firstMatch(sections: readonly DraftSection[], re: RegExp): Match | null {
  for (const s of sections) {
    const m = re.exec(s.text);
    if (m) return { section: s, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

const STATED_PANEL = /组成合议庭|合议庭(?:评议|审理)/;
const STATED_SOLO = /独任(?:审判|审理)/;

interface SignatureLine {
  readonly title: 'presiding' | 'judge' | 'assessor';
  readonly start: number;
  readonly end: number;
}

/** The judges in the 落款; titles are often spread with ideographic spaces (审 判 长), which are read past. */
function signatureJudges(text: string): SignatureLine[] {
  const out: SignatureLine[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const bare = line.replace(/[\s\u3000]/g, '');
    const title = /^审判长/.test(bare) ? 'presiding' : /^(?:人民)?陪审员/.test(bare) ? 'assessor' : /^(?:代理)?审判员/.test(bare) ? 'judge' : null;
    if (title) out.push({ title, start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  return out;
}

/**
 * Composition of the tribunal: what the text says (组成合议庭 / 独任审理) and who signs (brief §5.2
 * row 15) must agree with each other and with the procedure.
 */
export function checkTribunal(input: ProofreadInput, push: Push): void {
  const procedure = input.procedure;
  if (!procedure || input.group === 'notice') return;
  const body = input.sections.filter((s) => s.layout === 'body' || s.layout === 'plain');
  const panel = firstMatch(body, STATED_PANEL);
  const solo = firstMatch(body, STATED_SOLO);
  const closing = input.sections.find((s) => s.layout === 'closing');
  const judges = closing ? signatureJudges(closing.text) : [];
  const panelSigners = judges.filter((j) => j.title !== 'judge').concat(judges.filter((j) => j.title === 'judge').slice(1));
  const signsAsPanel = judges.length > 1 || panelSigners.length > 0;
  const signsAlone = judges.length === 1 && judges[0]!.title === 'judge';

  if (procedure !== 'ordinary') {
    if (panel) {
      push({
        rule: 'tribunal',
        severity: 'error',
        sectionId: panel.section.id,
        start: panel.start,
        end: panel.end,
        zh: `${PROCEDURE_ZH[procedure]}案件由审判员一人独任审理，不组成合议庭（${CPL}第四十条第二款、第一百六十三条）`,
        en: `A ${PROCEDURE_EN[procedure]} case is tried by a single judge, not a collegial panel (CPL arts. 40(2), 163)`,
      });
    }
    if (closing && signsAsPanel) {
      const first = panelSigners[0] ?? judges[1]!;
      push({
        rule: 'tribunal',
        severity: 'error',
        sectionId: closing.id,
        start: first.start,
        end: first.end,
        zh: `落款列有合议庭成员，但${PROCEDURE_ZH[procedure]}案件由审判员一人独任审理，落款只署审判员一人（${CPL}第四十条第二款、第一百六十三条）`,
        en: `The signature block lists a collegial panel, but a ${PROCEDURE_EN[procedure]} case is tried and signed by a single judge (CPL arts. 40(2), 163)`,
      });
    }
    return;
  }
  // Ordinary procedure: a panel, or a single judge under art. 40(2); either way text and 落款 agree.
  if (panel && closing && signsAlone) {
    push({
      rule: 'tribunal',
      severity: 'error',
      sectionId: closing.id,
      start: judges[0]!.start,
      end: judges[0]!.end,
      zh: `文中写明组成合议庭，落款却只有审判员一人；合议庭成员均应署名（${CPL}第四十条第一款、第一百五十五条第二款）`,
      en: 'The text says a collegial panel tried the case, but only one judge signs; every member signs (CPL arts. 40(1), 155)',
    });
  } else if (solo && closing && signsAsPanel) {
    const first = panelSigners[0] ?? judges[1]!;
    push({
      rule: 'tribunal',
      severity: 'error',
      sectionId: closing.id,
      start: first.start,
      end: first.end,
      zh: `文中写明由审判员一人独任审理，落款却列有合议庭成员（${CPL}第四十条第二款、第一百五十五条第二款）`,
      en: 'The text says a single judge tried the case, but the signature block lists a collegial panel (CPL arts. 40(2), 155)',
    });
  } else if (input.group === 'judgment' && (solo || (closing && signsAlone))) {
    // Judgments only: the ruling and mediation templates sign with one judge whatever the procedure,
    // and a reminder on each of them would be noise.
    const where = solo ? { id: solo.section.id, start: solo.start, end: solo.end } : { id: closing!.id, start: judges[0]!.start, end: judges[0]!.end };
    push({
      rule: 'tribunal',
      severity: 'info',
      sectionId: where.id,
      start: where.start,
      end: where.end,
      zh: `普通程序由审判员一人独任审理，限于基本事实清楚、权利义务关系明确的案件，且不得属于第四十二条所列情形（${CPL}第四十条第二款、第四十二条）；请确认本案符合`,
      en: 'A single judge may try an ordinary-procedure case only when its basic facts are clear and it is not a case listed in CPL art. 42 (CPL arts. 40(2), 42); confirm this case qualifies',
    });
  }
}

const APPEAL_NOTICE = /如不服本判决[^。]*?上诉[^。]*。?/;
const FINAL = /本判决为终审判决。?|一审终审/;
const FINAL_SENTENCE = '本判决为终审判决。';

/**
 * A small-claims judgment is final and says so instead of the appeal notice (CPL art. 165; brief
 * §5.9); any other first-instance judgment names the appeal period and court (CPL arts. 155, 171).
 */
export function checkFinality(input: ProofreadInput, push: Push): void {
  const procedure = input.procedure;
  if (!procedure || input.group !== 'judgment') return;
  const body = input.sections.filter((s) => s.layout === 'body' && s.text !== '');
  const appeal = firstMatch(body, APPEAL_NOTICE);
  const final = firstMatch(body, FINAL);
  // Where a missing sentence belongs: the template's appeal section, else after the last paragraph.
  const tail = input.sections.find((s) => s.id === 'appeal') ?? body.at(-1);
  if (procedure === 'small_claims') {
    if (appeal) {
      push({
        rule: 'finality',
        severity: 'error',
        sectionId: appeal.section.id,
        start: appeal.start,
        end: appeal.end,
        zh: `小额诉讼实行一审终审，判决不得上诉：应删去上诉权告知，写明“${FINAL_SENTENCE}”（${CPL}第一百六十五条）`,
        en: 'Small-claims judgments are final at first instance: replace the appeal notice with 本判决为终审判决。 (CPL art. 165)',
        suggestion: final ? '' : FINAL_SENTENCE,
      });
    } else if (!final && tail) {
      push({
        rule: 'finality',
        severity: 'error',
        sectionId: tail.id,
        start: tail.text.length,
        end: tail.text.length,
        zh: `小额诉讼判决应写明“${FINAL_SENTENCE}”（一审终审，${CPL}第一百六十五条）`,
        en: 'A small-claims judgment must state that it is final (本判决为终审判决。, CPL art. 165)',
        suggestion: FINAL_SENTENCE,
      });
    }
    return;
  }
  if (final) {
    push({
      rule: 'finality',
      severity: 'error',
      sectionId: final.section.id,
      start: final.start,
      end: final.end,
      zh: `只有小额诉讼判决一审终审；适用${PROCEDURE_ZH[procedure]}的一审判决可以上诉，应写明上诉期间和上诉法院（${CPL}第一百五十五条第一款第四项、第一百六十五条、第一百七十一条）`,
      en: `Only small-claims judgments are final at first instance; a ${PROCEDURE_EN[procedure]} judgment is appealable and names the appeal period and court (CPL arts. 155, 165, 171)`,
    });
  } else if (!appeal && tail) {
    push({
      rule: 'finality',
      severity: 'warning',
      sectionId: tail.id,
      start: tail.text.length,
      end: tail.text.length,
      zh: `缺少上诉权告知：判决书应写明上诉期间和上诉的法院（${CPL}第一百五十五条第一款第四项、第一百七十一条）`,
      en: 'The appeal notice is missing: a judgment names the appeal period and the appeal court (CPL arts. 155, 171)',
    });
  }
}

export function checkPlaceholders(s: DraftSection, push: Push): void {
  for (const m of s.text.matchAll(TODO_RE)) {
    push({
      rule: 'placeholder',
      severity: 'warning',
      sectionId: s.id,
      start: m.index,
      end: m.index + m[0].length,
      zh: `尚待补充：${m[0].slice(5, -1) || '内容'}`,
      en: 'Still to be filled in',
    });
  }
}

/** Runs every rule; findings come in document order (section, then position). */
export function proofread(input: ProofreadInput): Finding[] {
  const out: Finding[] = [];
  const push = finder(out);
  for (const s of input.sections) {
    if (s.text === '') continue;
    checkAmounts(s, push);
    if (s.layout !== 'title') checkPartyNames(s, input.parties, push);
    checkDates(s, input, push);
    checkClosingDate(s, input, push);
    checkCaseNumber(s, input, push);
    if (s.id === 'costs') checkFee(s, input, push);
    checkNumbering(s, push);
    checkCitations(s, input, push);
    checkPlaceholders(s, push);
    checkStatedProcedure(s, input, push);
  }
  checkLatePayment(input.sections, input, push);
  checkTemplateProcedure(input, push);
  checkTribunal(input, push);
  checkFinality(input, push);
  const pos = new Map(input.sections.map((s, i) => [s.id, i]));
  return out.sort((a, b) => (pos.get(a.sectionId) ?? 0) - (pos.get(b.sectionId) ?? 0) || a.start - b.start);
}
