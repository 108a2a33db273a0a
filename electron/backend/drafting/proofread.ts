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
  /** Parties whose service record says they have no domicile in China (30-day appeal, CPL art. 286). */
  readonly foreignDomicileParties: readonly string[];
  /**
   * The court appeals go to: set in the drafting settings (`configured`), or derived from this
   * court's name (a guess, so a mismatch is only a warning); null when neither gives one.
   */
  readonly appealCourt: { readonly name: string; readonly configured: boolean } | null;
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
// procedure the case is tried under (brief §4.6, §5.2 rows 5, 14, 15; §5.9). The articles are
// cited by the text in force on the document date (brief §0.3: key any citation by version date).
// ---------------------------------------------------------------------------------------------

const CPL = '《中华人民共和国民事诉讼法》';
const CPL_INTERP = '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》';

/**
 * The CPL articles these findings cite, by their number in the 2021 text: 40 composition, 42 no
 * single judge, 126 non-admission, 155 judgment contents and signatures, 157 rulings, 160 and 163
 * simplified, 165 small claims, 171 appeal (all kept by the 2023 amendment, brief §0.2), and 276,
 * the 30-day appeal of a party without a domicile in China (art. 286 of the 2023 text).
 */
type CplArticle = 40 | 42 | 126 | 155 | 157 | 160 | 163 | 165 | 171 | 276;

/**
 * The same articles in the 2017 text (in force 2017-07-01 until 2022-01-01, as citations.json keys
 * the late-payment clause). [U] all of them: neither the brief nor citations.json gives these
 * numbers except art. 154 for art. 157 (citations.json cplRuling*, itself [U]); they follow the
 * shift the brief does verify for the late-payment clause (253 → 260) and citations.json for arts.
 * 119 → 122, 145 → 148. Null: the article was added in 2021.
 */
const CPL_2017: Readonly<Record<CplArticle, number | null>> = {
  40: 39,
  42: null,
  126: 123,
  155: 152,
  157: 154,
  160: 157,
  163: 160,
  165: 162,
  171: 164,
  276: 269,
};

/**
 * The 2023 text (in force 2024-01-01) keeps arts. 1–190 (brief §0.2) but renumbers the
 * foreign-related part: the 30-day appeal is art. 286 [V: brief §3.7, §5.9]. Art. 276 in the 2021
 * text is checked in the LawRefBook copy the brief's [V] refers to, not in the brief itself.
 */
const CPL_2023: Readonly<Partial<Record<CplArticle, number>>> = { 276: 286 };

interface CplText {
  readonly from: string;
  /** Numbers that differ from the 2021 text; null: the article was added in 2021. */
  readonly numbers: Readonly<Partial<Record<CplArticle, number | null>>>;
  /** Before the 2021 amendment: words it added are cited with the date they took effect. */
  readonly before2021Amendment: boolean;
}

/** Texts by the date they took effect, newest first; a document dated before all of them uses the oldest. */
const CPL_TEXTS: readonly CplText[] = [
  { from: '2024-01-01', numbers: CPL_2023, before2021Amendment: false },
  { from: '2022-01-01', numbers: {}, before2021Amendment: false },
  { from: '2017-07-01', numbers: CPL_2017, before2021Amendment: true },
];

/**
 * CPL-Interp articles on small-claims rulings that take effect once made: jurisdiction objection and
 * dismissal. Arts. 276, 277 of the 2022 revision (in force 2022-04-10, brief §0.2), arts. 278, 279 of
 * the 2020 revision (both checked in the LawRefBook copies the brief's [V] refers to; not in the brief
 * itself); the 2015 text [U], taken to be as in 2020.
 */
const INTERP_SMALL_CLAIMS_RULINGS: ReadonlyArray<{ readonly from: string; readonly jurisdiction: number; readonly dismissal: number }> = [
  { from: '2022-04-10', jurisdiction: 276, dismissal: 277 },
  { from: '2015-02-04', jurisdiction: 278, dismissal: 279 },
];

function inForce<T extends { readonly from: string }>(texts: readonly T[], date: string): T {
  return texts.find((t) => t.from <= date) ?? texts[texts.length - 1]!;
}

/**
 * An article reference: the article (2021 numbering), optionally its paragraph and item, and whether
 * the words cited were added in 2021 to an article that existed before.
 */
type Ref = readonly [article: CplArticle, paragraph?: number, item?: number, addedIn2021?: true];

/**
 * Art. 40(2), second sentence: a single judge under ordinary procedure. Added by the 2021 amendment
 * [U: from the 2017 text, not in the brief]; art. 39(2) of the 2017 text names simplified procedure only.
 */
const ORDINARY_SOLO: Ref = [40, 2, undefined, true];

/** Formats CPL references for a document date in both languages. */
interface Cite {
  /** 《中华人民共和国民事诉讼法》第四十条第二款、第一百六十三条 */
  readonly zh: (...refs: Ref[]) => string;
  /** 第四十条第二款, without the law's name (for a reference inside a sentence that names it). */
  readonly zhBare: (...refs: Ref[]) => string;
  /** CPL arts. 40(2), 163 */
  readonly en: (...refs: Ref[]) => string;
}

function citeFor(documentDate: string): Cite {
  const text = inForce(CPL_TEXTS, documentDate);
  // Words added in 2021 are cited with the date they took effect, so a reader of an older draft sees why.
  const num = ([a, , , added]: Ref): { n: number; added: boolean } => {
    const n = text.numbers[a];
    if (!text.before2021Amendment) return { n: n ?? a, added: false };
    return n === null || n === undefined || added === true ? { n: a, added: true } : { n, added: false };
  };
  const ADDED_ZH = '（2022年1月1日起施行）';
  // 第一百五十七条第一款第五项、第二款: a paragraph of the article just named does not repeat the article.
  const zhBare = (...refs: Ref[]): string =>
    refs
      .map((ref, k) => {
        const [, p, i] = ref;
        const { n, added } = num(ref);
        const prev = k > 0 ? num(refs[k - 1]!) : null;
        const sameArticle = prev !== null && prev.n === n && !prev.added && !added && p !== undefined;
        return `${sameArticle ? '' : `第${toChineseInteger(n)}条`}${p ? `第${toChineseInteger(p)}款` : ''}${i ? `第${toChineseInteger(i)}项` : ''}${added ? ADDED_ZH : ''}`;
      })
      .join('、');
  const enOne = (ref: Ref): string => {
    const [, p, i] = ref;
    const { n, added } = num(ref);
    return `${n}${p ? `(${p})` : ''}${i ? `(${i})` : ''}${added ? ' (in force from 2022-01-01)' : ''}`;
  };
  return {
    zh: (...refs) => `${CPL}${zhBare(...refs)}`,
    zhBare,
    en: (...refs) => `CPL art${refs.length > 1 ? 's' : ''}. ${refs.map(enOne).join(', ')}`,
  };
}

/** The names the origin paragraph uses (fill.ts writes them), so a suggestion reads like the template. */
const PROCEDURE_ZH: Readonly<Record<Procedure, string>> = PROCEDURE_NAME;
const PROCEDURE_EN: Readonly<Record<Procedure, string>> = {
  ordinary: 'ordinary procedure',
  simplified: 'simplified procedure',
  small_claims: 'small-claims procedure',
};

/** What each procedure requires of a document, with its articles, as the findings quote it. */
function procedureRule(procedure: Procedure, cite: Cite, lang: 'zh' | 'en'): string {
  switch (procedure) {
    case 'ordinary':
      return lang === 'zh'
        ? `普通程序案件由合议庭审理（仅符合${cite.zhBare(ORDINARY_SOLO)}条件的可由审判员一人独任审理），判决可以上诉（${cite.zh([40], [171])}）`
        : `ordinary-procedure cases are tried by a collegial panel (a single judge only under ${cite.en(ORDINARY_SOLO)}) and the judgment is appealable (${cite.en([40], [171])})`;
    case 'simplified':
      return lang === 'zh' ? `简易程序案件由审判员一人独任审理（${cite.zh([40, 2], [160], [163])}）` : `simplified-procedure cases are tried by a single judge (${cite.en([40, 2], [160], [163])})`;
    case 'small_claims':
      return lang === 'zh'
        ? `小额诉讼案件由审判员一人独任审理，实行一审终审（${cite.zh([163], [165])}）`
        : `small-claims cases are tried by a single judge and decided in one instance (${cite.en([163], [165])})`;
  }
}

function procedureList(ps: readonly Procedure[], lang: 'zh' | 'en'): string {
  return ps.map((p) => (lang === 'zh' ? PROCEDURE_ZH[p] : PROCEDURE_EN[p])).join(lang === 'zh' ? '、' : ' or ');
}

/** A judgment template is written for given procedures: its 落款 and appeal notice follow from them. */
export function checkTemplateProcedure(input: ProofreadInput, push: Push): void {
  const { procedure, templateProcedures } = input;
  if (!procedure || !templateProcedures || templateProcedures.includes(procedure)) return;
  const at = input.sections.find((s) => s.id === 'docName') ?? input.sections[0];
  if (!at) return;
  const cite = citeFor(input.documentDate);
  push({
    rule: 'procedure-template',
    severity: 'error',
    sectionId: at.id,
    start: 0,
    end: at.text.length,
    zh: `本案适用${PROCEDURE_ZH[procedure]}，但本文书使用的是${procedureList(templateProcedures, 'zh')}的模板；${procedureRule(procedure, cite, 'zh')}。请改用${PROCEDURE_ZH[procedure]}的模板重新起草。`,
    en: `This case is tried under the ${PROCEDURE_EN[procedure]}, but the document uses a template for the ${procedureList(templateProcedures, 'en')}; ${procedureRule(procedure, cite, 'en')}. Draft it again from the matching template.`,
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
      zh: `文中写明适用${PROCEDURE_ZH[stated]}，但本案适用${PROCEDURE_ZH[procedure]}；${procedureRule(procedure, citeFor(input.documentDate), 'zh')}`,
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
  const cite = citeFor(input.documentDate);
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
        zh: `${PROCEDURE_ZH[procedure]}案件由审判员一人独任审理，不组成合议庭（${cite.zh([40, 2], [163])}）`,
        en: `A ${PROCEDURE_EN[procedure]} case is tried by a single judge, not a collegial panel (${cite.en([40, 2], [163])})`,
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
        zh: `落款列有合议庭成员，但${PROCEDURE_ZH[procedure]}案件由审判员一人独任审理，落款只署审判员一人（${cite.zh([40, 2], [163])}）`,
        en: `The signature block lists a collegial panel, but a ${PROCEDURE_EN[procedure]} case is tried and signed by a single judge (${cite.en([40, 2], [163])})`,
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
      zh: `文中写明组成合议庭，落款却只有审判员一人；合议庭成员均应署名（${cite.zh([40, 1], [155, 2])}）`,
      en: `The text says a collegial panel tried the case, but only one judge signs; every member signs (${cite.en([40, 1], [155, 2])})`,
    });
  } else if (solo && closing && signsAsPanel) {
    const first = panelSigners[0] ?? judges[1]!;
    push({
      rule: 'tribunal',
      severity: 'error',
      sectionId: closing.id,
      start: first.start,
      end: first.end,
      zh: `文中写明由审判员一人独任审理，落款却列有合议庭成员（${cite.zh(ORDINARY_SOLO, [155, 2])}）`,
      en: `The text says a single judge tried the case, but the signature block lists a collegial panel (${cite.en(ORDINARY_SOLO, [155, 2])})`,
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
      zh: `普通程序由审判员一人独任审理，限于基本事实清楚、权利义务关系明确的案件，且不得属于${cite.zhBare([42])}所列情形（${cite.zh(ORDINARY_SOLO, [42])}）；请确认本案符合`,
      en: `A single judge may try an ordinary-procedure case only when its basic facts are clear and it is not a case listed in ${cite.en([42])} (${cite.en(ORDINARY_SOLO, [42])}); confirm this case qualifies`,
    });
  }
}

const APPEAL_NOTICE = /如不服本判决[^。]*?上诉[^。]*。?/;
const FINAL = /本判决为终审判决。?|一审终审/;
const FINAL_SENTENCE = '本判决为终审判决。';

/**
 * A small-claims judgment is final and says so instead of the appeal notice (CPL art. 165; brief
 * §5.9); any other first-instance judgment names the appeal period and court (CPL arts. 155, 171).
 * Rulings: see checkRulingFinality.
 */
export function checkFinality(input: ProofreadInput, push: Push): void {
  const procedure = input.procedure;
  if (input.group === 'ruling') {
    checkRulingFinality(input, push);
    return;
  }
  if (!procedure || input.group !== 'judgment') return;
  const cite = citeFor(input.documentDate);
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
        zh: `小额诉讼实行一审终审，判决不得上诉：应删去上诉权告知，写明“${FINAL_SENTENCE}”（${cite.zh([165])}）`,
        en: `Small-claims judgments are final at first instance: replace the appeal notice with 本判决为终审判决。 (${cite.en([165])})`,
        suggestion: final ? '' : FINAL_SENTENCE,
      });
    } else if (!final && tail) {
      push({
        rule: 'finality',
        severity: 'error',
        sectionId: tail.id,
        start: tail.text.length,
        end: tail.text.length,
        zh: `小额诉讼判决应写明“${FINAL_SENTENCE}”（一审终审，${cite.zh([165])}）`,
        en: `A small-claims judgment must state that it is final (本判决为终审判决。, ${cite.en([165])})`,
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
      zh: `只有小额诉讼判决一审终审；适用${PROCEDURE_ZH[procedure]}的一审判决可以上诉，应写明上诉期间和上诉法院（${cite.zh([155, 1, 4], [165], [171])}）`,
      en: `Only small-claims judgments are final at first instance; a ${PROCEDURE_EN[procedure]} judgment is appealable and names the appeal period and court (${cite.en([155, 1, 4], [165], [171])})`,
    });
  } else if (!appeal && tail) {
    push({
      rule: 'finality',
      severity: 'warning',
      sectionId: tail.id,
      start: tail.text.length,
      end: tail.text.length,
      zh: `缺少上诉权告知：判决书应写明上诉期间和上诉的法院（${cite.zh([155, 1, 4], [171])}）`,
      en: `The appeal notice is missing: a judgment names the appeal period and the appeal court (${cite.en([155, 1, 4], [171])})`,
    });
  } else if (appeal) {
    checkAppealPeriod(input, appeal, JUDGMENT_APPEAL, cite, push);
    checkAppealCourt(input, appeal, JUDGMENT_APPEAL, cite, push);
  }
}

// ---------------------------------------------------------------------------------------------
// What an appeal notice says: the period and the court (brief §3.7, §5.5, §5.9)
// ---------------------------------------------------------------------------------------------

interface AppealKind {
  readonly zh: '判决' | '裁定';
  readonly en: 'judgment' | 'ruling';
  /** Days from service for a party with a domicile in China. */
  readonly days: number;
  /** The paragraph of CPL art. 171 that gives them; art. 155(1)(4) also requires a judgment to name period and court. */
  readonly refs: readonly Ref[];
}

const JUDGMENT_APPEAL: AppealKind = { zh: '判决', en: 'judgment', days: 15, refs: [[155, 1, 4], [171, 1]] };
const RULING_APPEAL: AppealKind = { zh: '裁定', en: 'ruling', days: 10, refs: [[171, 2]] };
/** Art. 276 of the 2021 text (286 of 2023): 30 days, for judgments and rulings alike. */
const FOREIGN_APPEAL_DAYS = 30;
const FOREIGN_REF: Ref = [276];

const APPEAL_PERIOD = /([一二三四五六七八九十]+|\d+)日内/g;
const APPEAL_COURT = /上诉于([^，。；,;\s]+)/;
const TODO_START = /^【/;

/** Something the notice leaves out: no place to point at and no sentence certain enough to insert. */
function warnNotice(appeal: Match, zh: string, en: string, push: Push): void {
  push({ rule: 'finality', severity: 'warning', sectionId: appeal.section.id, start: appeal.start, end: appeal.end, zh, en });
}

/**
 * The periods a notice gives must be the ones its parties have: the domestic period, and 30 days
 * for a party the service record marks as without a domicile in China. A notice for both kinds of
 * party names each (原告…十五日内，被告…三十日内), which no one-click fix can write.
 */
function checkAppealPeriod(input: ProofreadInput, appeal: Match, kind: AppealKind, cite: Cite, push: Push): void {
  const notice = appeal.section.text.slice(appeal.start, appeal.end);
  const periods = [...notice.matchAll(APPEAL_PERIOD)].map((m) => ({
    raw: m[1] as string,
    days: parseChineseInteger(m[1] as string),
    start: appeal.start + m.index,
  }));
  const abroad = input.foreignDomicileParties;
  const domestic = abroad.length === 0 || input.parties.some((p) => !abroad.includes(p.name));
  const allowed = [...(domestic ? [kind.days] : []), ...(abroad.length ? [FOREIGN_APPEAL_DAYS] : [])];
  const refs = abroad.length ? [...kind.refs, FOREIGN_REF] : kind.refs;
  const who = abroad.join('、');
  const domesticZh = `${kind.zh}的上诉期间为${toChineseInteger(kind.days)}日`;
  const abroadZh = `${who}在中华人民共和国领域内没有住所，上诉期间为${toChineseInteger(FOREIGN_APPEAL_DAYS)}日`;
  const domesticEn = `The appeal period for a ${kind.en} is ${kind.days} days from service`;
  const abroadEn = `${who} ha${abroad.length > 1 ? 've' : 's'} no domicile in China: ${FOREIGN_APPEAL_DAYS} days`;
  const rule = (zh: string, en: string, at: { start: number; end: number }, suggestion: string | null): void =>
    push({ rule: 'finality', severity: 'error', sectionId: appeal.section.id, ...at, zh: `${zh}（${cite.zh(...refs)}）`, en: `${en} (${cite.en(...refs)})`, suggestion });

  if (!periods.length) {
    warnNotice(
      appeal,
      `上诉权告知没有写明上诉期间：${domestic ? domesticZh : abroadZh}，自${kind.zh}书送达之日起计算（${cite.zh(...refs)}）`,
      `The appeal notice gives no period: ${domestic ? domesticEn : abroadEn} (${cite.en(...refs)})`,
      push,
    );
    return;
  }
  let wrong = false;
  for (const p of periods) {
    if (p.days !== null && allowed.includes(p.days)) continue;
    wrong = true;
    const at = { start: p.start, end: p.start + p.raw.length };
    const only = allowed.length === 1 ? toChineseInteger(allowed[0]!) : null;
    if (!abroad.length) {
      // 三十日 without a party recorded abroad: say where the 30 days would come from.
      const hint = p.days === FOREIGN_APPEAL_DAYS ? `；三十日只适用于在中华人民共和国领域内没有住所的当事人（${cite.zhBare(FOREIGN_REF)}），送达记录中没有这样的当事人` : '';
      const hintEn = p.days === FOREIGN_APPEAL_DAYS ? `; 30 days apply only to a party without a domicile in China (${cite.en(FOREIGN_REF)}), and no service record says so` : '';
      rule(`${domesticZh}，不是${p.raw}日${hint}`, `${domesticEn}, not ${p.raw}${hintEn}`, at, only);
    } else if (!domestic) {
      rule(`${abroadZh}，不是${p.raw}日`, `${abroadEn}, not ${p.raw}`, at, only);
    } else {
      rule(`${domesticZh}；${abroadZh}。“${p.raw}日”两者都不是`, `${domesticEn}; ${abroadEn}. "${p.raw}" is neither`, at, null);
    }
  }
  if (wrong) return;
  // Every period given is lawful for someone: is each kind of party given its own?
  const given = new Set(periods.map((p) => p.days));
  const at = { start: appeal.start, end: appeal.end };
  if (!given.has(FOREIGN_APPEAL_DAYS) && abroad.length) {
    rule(`${abroadZh}，上诉权告知只写了${toChineseInteger(kind.days)}日：应分别写明各方当事人的上诉期间`, `${abroadEn}, but the notice gives only ${kind.days}: state each party's period`, at, null);
  } else if (!given.has(kind.days) && domestic) {
    rule(
      `${domesticZh}，上诉权告知只写了三十日，而三十日只适用于${who}（在中华人民共和国领域内没有住所）：应分别写明各方当事人的上诉期间`,
      `${domesticEn}, but the notice gives only 30, which applies to ${who} alone (no domicile in China): state each party's period`,
      at,
      null,
    );
  }
}

/**
 * 上诉于…: the next higher court (CPL art. 171), as the drafting settings name it or as derived
 * from this court's name. A derived name is a guess (a special court appeals elsewhere), so a
 * notice that differs from it is a warning; one that differs from the configured court, an error.
 */
function checkAppealCourt(input: ProofreadInput, appeal: Match, kind: AppealKind, cite: Cite, push: Push): void {
  const notice = appeal.section.text.slice(appeal.start, appeal.end);
  const m = APPEAL_COURT.exec(notice);
  if (!m) {
    warnNotice(
      appeal,
      `上诉权告知没有写明上诉的法院（上诉于上一级人民法院，${cite.zh(...kind.refs)}）`,
      `The appeal notice does not name the appeal court, the next higher court (${cite.en(...kind.refs)})`,
      push,
    );
    return;
  }
  const expected = input.appealCourt;
  const named = m[1] as string;
  // A placeholder still to be filled in is the placeholder rule's finding.
  if (!expected || named === expected.name || TODO_START.test(named)) return;
  const start = appeal.start + m.index + m[0].length - named.length;
  push({
    rule: 'finality',
    severity: expected.configured ? 'error' : 'warning',
    sectionId: appeal.section.id,
    start,
    end: start + named.length,
    zh: expected.configured
      ? `上诉法院应为${expected.name}（文书设置），这里写作“${named}”（上诉于上一级人民法院，${cite.zh(...kind.refs)}）`
      : `按本院名称推定上诉法院为${expected.name}，这里写作“${named}”；如本院的上一级法院不同，请在文书设置中填写（${cite.zh(...kind.refs)}）`,
    en: expected.configured
      ? `The appeal court is ${expected.name} (drafting settings), not "${named}" (${cite.en(...kind.refs)})`
      : `From this court's name the appeal court would be ${expected.name}, not "${named}"; if the next higher court differs, set it in the drafting settings (${cite.en(...kind.refs)})`,
    suggestion: expected.name,
  });
}

// ---------------------------------------------------------------------------------------------
// Rulings: only non-admission, jurisdiction-objection and dismissal rulings may be appealed, within
// 10 days of service (CPL art. 157 para. 2, art. 171 para. 2; brief §3.7, §5.5, §5.7); every other
// ruling takes effect on service and carries no appeal notice.
// ---------------------------------------------------------------------------------------------

type RulingMatter = 'non-admission' | 'jurisdiction' | 'dismissal' | 'withdrawal' | 'suspension' | 'correction';

interface RulingKind {
  readonly matter: RulingMatter;
  /** How the 裁定主文 says it (the ruling templates' wording and its usual variants). */
  readonly operative: RegExp;
  /** The item of CPL art. 157 para. 1. */
  readonly item: number;
  readonly zh: string;
  readonly en: string;
}

/**
 * In this order: a jurisdiction ruling may 驳回 the objection without being a dismissal, and a
 * non-admission ruling names the 起诉 it does not accept. A ruling whose operative part matches none
 * of these (preservation, enforcement, …) is not checked: its remedy is not an appeal either, but
 * reconsideration or nothing, and naming the right one needs more than its wording.
 */
const RULING_KINDS: readonly RulingKind[] = [
  { matter: 'jurisdiction', operative: /管辖权[^。；]*异议|异议[^。；]*成立|移送[^。；]*人民法院/, item: 2, zh: '管辖权异议裁定', en: 'a ruling on a jurisdiction objection' },
  { matter: 'non-admission', operative: /不予受理/, item: 1, zh: '不予受理裁定', en: 'a non-admission ruling' },
  { matter: 'dismissal', operative: /驳回[^。；]*起诉/, item: 3, zh: '驳回起诉裁定', en: 'a ruling dismissing the complaint' },
  { matter: 'withdrawal', operative: /撤诉|撤回起诉/, item: 5, zh: '撤诉裁定', en: 'a ruling on withdrawal' },
  { matter: 'suspension', operative: /(?:中止|终结)[^。；]*诉讼/, item: 6, zh: '中止或者终结诉讼的裁定', en: 'a ruling suspending or terminating the action' },
  { matter: 'correction', operative: /笔误/, item: 7, zh: '补正笔误的裁定', en: 'a ruling correcting a clerical error' },
];

const APPEALABLE_RULINGS: ReadonlySet<RulingMatter> = new Set(['non-admission', 'jurisdiction', 'dismissal']);
const RULING_APPEAL_NOTICE = /如不服本(?:裁定|判决)[^。]*?上诉[^。]*。?/;

function rulingKindOf(sections: readonly DraftSection[]): RulingKind | null {
  const operative = sections.find((s) => s.id === 'operative')?.text ?? '';
  if (operative.trim() === '') return null;
  return RULING_KINDS.find((k) => k.operative.test(operative)) ?? null;
}

/**
 * Whether a ruling may be appealed, and the articles that say so. Small-claims jurisdiction and
 * dismissal rulings take effect once made (CPL-Interp arts. 276, 277 of the 2022 text); a
 * non-admission ruling comes before any procedure is chosen, so it stays appealable (CPL art. 126).
 */
function rulingAppeal(kind: RulingKind, procedure: Procedure | null, cite: Cite, documentDate: string): { appealable: boolean; zh: string; en: string } | null {
  const art157 = (para: number, item?: number): Ref => (item === undefined ? [157, para] : [157, para, item]);
  if (!APPEALABLE_RULINGS.has(kind.matter)) {
    return { appealable: false, zh: cite.zh(art157(1, kind.item), art157(2)), en: cite.en(art157(1, kind.item), art157(2)) };
  }
  if (kind.matter === 'non-admission') {
    return { appealable: true, zh: cite.zh([126], art157(2), [171, 2]), en: cite.en([126], art157(2), [171, 2]) };
  }
  // Whether a jurisdiction or dismissal ruling may be appealed depends on the procedure.
  if (procedure === null) return null;
  if (procedure === 'small_claims') {
    const interp = inForce(INTERP_SMALL_CLAIMS_RULINGS, documentDate);
    const n = kind.matter === 'jurisdiction' ? interp.jurisdiction : interp.dismissal;
    return {
      appealable: false,
      zh: `${cite.zh([165])}，${CPL_INTERP}第${toChineseInteger(n)}条`,
      en: `${cite.en([165])}; CPL-Interp art. ${n}`,
    };
  }
  return { appealable: true, zh: cite.zh(art157(2), [171, 2]), en: cite.en(art157(2), [171, 2]) };
}

/** A ruling carries an appeal notice (10 days) exactly when the law lets it be appealed. */
export function checkRulingFinality(input: ProofreadInput, push: Push): void {
  const kind = rulingKindOf(input.sections);
  if (!kind) return;
  const cite = citeFor(input.documentDate);
  const rule = rulingAppeal(kind, input.procedure, cite, input.documentDate);
  if (!rule) return;
  const body = input.sections.filter((s) => s.layout === 'body' && s.text !== '');
  const appeal = firstMatch(body, RULING_APPEAL_NOTICE);
  const tail = input.sections.find((s) => s.id === 'appeal') ?? body.at(-1);
  const smallClaims = input.procedure === 'small_claims' && kind.matter !== 'non-admission';
  if (!rule.appealable) {
    if (!appeal) return;
    push({
      rule: 'finality',
      severity: 'error',
      sectionId: appeal.section.id,
      start: appeal.start,
      end: appeal.end,
      zh: smallClaims
        ? `小额诉讼案件的${kind.zh}一经作出即生效，不得上诉：应删去上诉权告知（${rule.zh}）`
        : `${kind.zh}不属于可以上诉的裁定（仅不予受理、管辖权异议、驳回起诉的裁定可以上诉），应删去上诉权告知（${rule.zh}）`,
      en: smallClaims
        ? `In a small-claims case, ${kind.en} takes effect once made and cannot be appealed: remove the appeal notice (${rule.en})`
        : `${kind.en.replace(/^a/, 'A')} cannot be appealed (only non-admission, jurisdiction-objection and dismissal rulings can): remove the appeal notice (${rule.en})`,
      suggestion: '',
    });
    return;
  }
  if (!appeal) {
    if (!tail) return;
    push({
      rule: 'finality',
      severity: 'warning',
      sectionId: tail.id,
      start: tail.text.length,
      end: tail.text.length,
      zh: `缺少上诉权告知：${kind.zh}可以上诉，应写明“如不服本裁定，可以在裁定书送达之日起十日内……上诉于……”（${rule.zh}）`,
      en: `The appeal notice is missing: ${kind.en} can be appealed within 10 days of service; name the period and the appeal court (${rule.en})`,
    });
    return;
  }
  checkAppealPeriod(input, appeal, RULING_APPEAL, cite, push);
  checkAppealCourt(input, appeal, RULING_APPEAL, cite, push);
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
