/**
 * Case numbers (案号) per 最高人民法院《关于人民法院案件案号的若干规定》(法〔2015〕137号), as amended by
 * 法〔2018〕335号 (art. 3: "（" + 收案年度 + "）" + 法院代字 + [专门审判代字] + 类型代字 + 案件编号 + "号").
 * Court codes are validated by pattern only; names are never derived from digits (brief §1.3).
 */
import { bi, RuleInputError, type BiText } from './errors';
import { parseChineseInteger, toChineseInteger, toHalfWidth } from './numerals';

/** High-court codes (art. 4 of the 2015 rules; 内 = Inner Mongolia, 军 = PLA, 兵 = XPCC). */
export const HIGH_COURT_CODES = '京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新军兵';

/** The only specialised-trial code (专门审判代字, 2018 amendment) seen in data. */
export const SPECIAL_TRIAL_CODES: Readonly<Record<string, BiText>> = {
  知: bi('知识产权', 'intellectual property'),
};

export interface CaseTypeInfo {
  readonly zh: string;
  readonly en: string;
  /** 'observed' = seen in real case numbers [P]; 'assumed' = standard usage, not verified [U]. */
  readonly evidence: 'observed' | 'assumed';
}

/** Known case-type codes (类型代字), brief §1.4. Unknown codes give a warning, not a rejection. */
export const CASE_TYPE_CODES: Readonly<Record<string, CaseTypeInfo>> = {
  民初: { zh: '民事一审', en: 'civil first instance (ordinary, simplified and small-claims alike)', evidence: 'observed' },
  民终: { zh: '民事二审', en: 'civil second instance (appeal)', evidence: 'observed' },
  民辖: { zh: '民事管辖', en: 'civil jurisdiction matter', evidence: 'observed' },
  民辖终: { zh: '民事管辖上诉', en: 'appeal on a jurisdiction ruling', evidence: 'observed' },
  民申: { zh: '民事申请再审审查', en: 'review of a civil retrial application', evidence: 'observed' },
  民再: { zh: '民事再审', en: 'civil retrial', evidence: 'observed' },
  民特: { zh: '民事特别程序', en: 'special procedure (incl. judicial confirmation, realising security)', evidence: 'observed' },
  民诉前调: { zh: '诉前调解', en: 'pre-filing mediation', evidence: 'observed' },
  民督: { zh: '督促程序（支付令）', en: 'payment order', evidence: 'assumed' },
  民催: { zh: '公示催告', en: 'public summons', evidence: 'assumed' },
  民撤: { zh: '第三人撤销之诉', en: 'third-party action to revoke', evidence: 'assumed' },
  财保: { zh: '诉前/仲裁前财产保全审查', en: 'pre-suit/pre-arbitration property preservation', evidence: 'assumed' },
  行保: { zh: '诉前/仲裁前行为保全审查', en: 'pre-suit/pre-arbitration conduct preservation', evidence: 'assumed' },
  证保: { zh: '诉前/仲裁前证据保全审查', en: 'pre-suit/pre-arbitration evidence preservation', evidence: 'assumed' },
  执: { zh: '首次执行', en: 'first enforcement', evidence: 'observed' },
  执恢: { zh: '恢复执行', en: 'resumed enforcement', evidence: 'observed' },
  执保: { zh: '财产保全执行', en: 'enforcement of a preservation ruling', evidence: 'assumed' },
  执异: { zh: '执行异议', en: 'enforcement objection', evidence: 'observed' },
  执复: { zh: '执行复议', en: 'enforcement reconsideration', evidence: 'observed' },
  执监: { zh: '执行监督', en: 'enforcement supervision', evidence: 'observed' },
  刑初: { zh: '刑事一审', en: 'criminal first instance', evidence: 'observed' },
  刑终: { zh: '刑事二审', en: 'criminal second instance', evidence: 'observed' },
  行初: { zh: '行政一审', en: 'administrative first instance', evidence: 'observed' },
  行终: { zh: '行政二审', en: 'administrative second instance', evidence: 'observed' },
  行审: { zh: '非诉行政执行审查', en: 'non-litigation administrative enforcement review', evidence: 'observed' },
};

export type CourtLevel = 'supreme' | 'high' | 'intermediate' | 'basic';

export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

export interface ParsedCaseNumber {
  readonly input: string;
  readonly valid: boolean;
  /** Canonical form with full-width brackets, or null when invalid. */
  readonly normalized: string | null;
  readonly year: number | null;
  /** 法院代字, e.g. 粤0305; for legacy numbers a best-effort split (see warnings). */
  readonly court: string | null;
  /** Court level inferred from the code pattern only (no name lookup). */
  readonly courtLevel: CourtLevel | null;
  readonly special: string | null;
  readonly type: string | null;
  readonly typeMeaning: CaseTypeInfo | null;
  /** First sequence number (a range 14631-14660 gives 14631). */
  readonly seq: number | null;
  /** The sequence as written (keeps legacy zero-padding such as 00658). */
  readonly seqText: string | null;
  readonly seqRanges: readonly SeqRange[];
  /** 之一 → 1. */
  readonly sub: number | null;
  readonly legacy: boolean;
  readonly errors: readonly BiText[];
  readonly warnings: readonly BiText[];
}

const OPEN = '[（(〔\\[【]';
const CLOSE = '[）)〕\\]】]';
const COURT = `最高法|[${HIGH_COURT_CODES}](?:\\d{4}|\\d{2})?`;
const SEQ = '\\d+(?:[-~－—–～]\\d+)?(?:[、，,]\\d+(?:[-~－—–～]\\d+)?)*';
const SUB = '之(?:[一二三四五六七八九十]+|\\d+)';

const MODERN_RE = new RegExp(
  `^${OPEN}((?:19|20)\\d{2})${CLOSE}(${COURT})(知)?([\\u4e00-\\u9fa5]{1,6}?)(${SEQ})号(${SUB})?$`,
);
const LEGACY_RE = new RegExp(`^${OPEN}((?:19|20)\\d{2})${CLOSE}([\\u4e00-\\u9fa5()（）]{1,16}?)字第(\\d+)号(${SUB})?$`);

const LEGACY_TYPE_START = /[民刑行执商知赔破督催海审监立保经告申]/;

function normalizeInput(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '');
}

function courtLevelOf(court: string): CourtLevel {
  if (court === '最高法') return 'supreme';
  const digits = court.slice(1);
  if (digits.length === 0) return 'high';
  return digits.length === 2 ? 'intermediate' : 'basic';
}

function parseSub(sub: string | undefined): number | null {
  if (sub === undefined) return null;
  return parseChineseInteger(sub.slice(1));
}

function parseRanges(seqText: string): { ranges: SeqRange[]; errors: BiText[] } {
  const ranges: SeqRange[] = [];
  const errors: BiText[] = [];
  for (const part of seqText.split(/[、，,]/)) {
    const [a, b] = part.split(/[-~－—–～]/);
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (from < 1 || to < 1) errors.push(bi('案件编号必须从1开始', 'Sequence numbers start at 1'));
    if (to < from) errors.push(bi(`编号区间${part}起止倒置`, `Range ${part} runs backwards`));
    ranges.push({ from, to });
  }
  return { ranges, errors };
}

function invalid(input: string, errors: BiText[]): ParsedCaseNumber {
  return {
    input,
    valid: false,
    normalized: null,
    year: null,
    court: null,
    courtLevel: null,
    special: null,
    type: null,
    typeMeaning: null,
    seq: null,
    seqText: null,
    seqRanges: [],
    sub: null,
    legacy: false,
    errors,
    warnings: [],
  };
}

function subText(sub: number | null): string {
  return sub === null ? '' : `之${toChineseInteger(sub)}`;
}

/**
 * Parse and validate a case number. Accepts full- and half-width brackets (and 〔〕), the
 * specialised-trial code 知, 之一 suffixes, batch ranges (14631-14660、14665-15665) and the
 * pre-2016 legacy 字第 format. Never throws; `valid` is false for anything else.
 */
export function parseCaseNumber(input: string): ParsedCaseNumber {
  const s = normalizeInput(input);
  if (s === '') return invalid(input, [bi('案号为空', 'Case number is empty')]);
  if (s.length > 200) return invalid(input, [bi('案号过长', 'Case number is too long')]);

  const legacy = LEGACY_RE.exec(s);
  if (legacy !== null) {
    const year = Number(legacy[1]);
    const middle = (legacy[2] as string).replace(/（/g, '(').replace(/）/g, ')');
    const seqText = legacy[3] as string;
    const seq = Number(seqText);
    const sub = parseSub(legacy[4]);
    const warnings: BiText[] = [];
    const errors: BiText[] = [];
    if (seq < 1) errors.push(bi('案件编号必须从1开始', 'Sequence numbers start at 1'));
    // Split "浙甬民一终" into court "浙甬" and type "民一终" at the first type character (heuristic).
    const idx = middle.search(LEGACY_TYPE_START);
    const court = idx > 0 ? middle.slice(0, idx) : null;
    const type = idx >= 0 ? middle.slice(idx) : middle;
    warnings.push(
      bi('旧格式案号（2016年前“字第”格式），法院与类型的拆分为推测', 'Legacy pre-2016 字第 number; the court/type split is a best guess'),
    );
    if (year >= 2016) warnings.push(bi('2016年以后的案件通常不使用“字第”格式', 'Cases received from 2016 normally use the new format'));
    return {
      input,
      valid: errors.length === 0,
      normalized: errors.length === 0 ? `（${year}）${middle}字第${seqText}号${subText(sub)}` : null,
      year,
      court,
      courtLevel: null,
      special: null,
      type,
      typeMeaning: null,
      seq,
      seqText,
      seqRanges: [{ from: seq, to: seq }],
      sub,
      legacy: true,
      errors,
      warnings,
    };
  }

  const m = MODERN_RE.exec(s);
  if (m === null) return invalid(input, [bi(`“${input}”不是有效的案号`, `"${input}" is not a valid case number`)]);
  const year = Number(m[1]);
  const court = m[2] as string;
  const special = m[3] ?? null;
  const type = m[4] as string;
  const seqText = m[5] as string;
  const sub = parseSub(m[6]);
  const errors: BiText[] = [];
  const warnings: BiText[] = [];
  const { ranges, errors: rangeErrors } = parseRanges(seqText);
  errors.push(...rangeErrors);
  if (sub !== null && sub < 1) errors.push(bi('“之”后序号无效', 'Invalid 之 suffix'));
  if (type.length > 4) errors.push(bi(`类型代字“${type}”过长`, `Type code "${type}" is too long`));
  const typeMeaning = CASE_TYPE_CODES[type] ?? null;
  if (typeMeaning === null && type.length <= 4) {
    warnings.push(bi(`类型代字“${type}”不在已知列表中`, `Type code "${type}" is not in the known list`));
  }
  if (/(^|[、，,~\-－—–～])0\d/.test(seqText)) {
    warnings.push(bi('新格式案号的编号不补零', 'Modern case numbers are not zero-padded'));
  }
  if (year < 2016) {
    warnings.push(bi('2016年1月1日前收案的案件通常使用旧格式', 'Cases received before 2016-01-01 normally use the legacy format'));
  }
  if (special !== null && year < 2019) {
    warnings.push(bi('专门审判代字自2018年修订后才使用', 'The specialised-trial code was introduced by the 2018 amendment'));
  }
  const valid = errors.length === 0;
  return {
    input,
    valid,
    normalized: valid ? `（${year}）${court}${special ?? ''}${type}${seqText.replace(/[~－—–～]/g, '-').replace(/[，,]/g, '、')}号${subText(sub)}` : null,
    year,
    court,
    courtLevel: courtLevelOf(court),
    special,
    type,
    typeMeaning,
    seq: ranges[0]?.from ?? null,
    seqText,
    seqRanges: ranges,
    sub,
    legacy: false,
    errors,
    warnings,
  };
}

export interface CaseNumberParts {
  readonly year: number;
  readonly court: string;
  readonly special?: string | null;
  readonly type: string;
  readonly seq: number;
  readonly sub?: number | null;
}

/** Pattern check for a court code (法院代字): 最高法, a high-court character, plus 2 or 4 digits. */
export function isValidCourtCode(code: string): boolean {
  return new RegExp(`^(?:${COURT})$`).test(code);
}

/**
 * Format a modern case number: {2026, 粤0305, 民初, 1} → （2026）粤0305民初1号. Throws
 * RuleInputError for anything that would not parse back as valid.
 */
export function formatCaseNumber(parts: CaseNumberParts): string {
  const { year, court, type, seq } = parts;
  const special = parts.special ?? null;
  const sub = parts.sub ?? null;
  if (!Number.isInteger(year) || year < 1900 || year > 2099) throw new RuleInputError(`Invalid year ${year}`, `收案年度${year}无效`);
  if (!isValidCourtCode(court)) throw new RuleInputError(`Invalid court code "${court}"`, `法院代字“${court}”格式无效`);
  if (special !== null && SPECIAL_TRIAL_CODES[special] === undefined) {
    throw new RuleInputError(`Unknown specialised-trial code "${special}"`, `未知的专门审判代字“${special}”`);
  }
  if (!/^[\u4e00-\u9fa5]{1,4}$/.test(type)) throw new RuleInputError(`Invalid type code "${type}"`, `类型代字“${type}”无效`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RuleInputError(`Invalid sequence ${seq}`, `案件编号${seq}无效`);
  if (sub !== null && (!Number.isInteger(sub) || sub < 1 || sub > 99)) throw new RuleInputError(`Invalid suffix ${sub}`, `“之”序号${sub}无效`);
  return `（${year}）${court}${special ?? ''}${type}${seq}号${subText(sub)}`;
}

export interface CaseNumberMatch {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly parsed: ParsedCaseNumber;
}

const FIND_RE = new RegExp(
  `${OPEN}\\s*(?:19|20)\\d{2}\\s*${CLOSE}(?:[\\u4e00-\\u9fa5()（）]{1,16}?字第\\d+号|(?:${COURT})知?[\\u4e00-\\u9fa5]{1,4}?${SEQ}号)(?:${SUB})?`,
  'g',
);

/** Find case numbers in free text (spans into the original string; full-width digits allowed). */
export function findCaseNumbers(text: string): CaseNumberMatch[] {
  const s = toHalfWidth(text); // one-to-one on code units
  const out: CaseNumberMatch[] = [];
  for (const m of s.matchAll(FIND_RE)) {
    const raw = text.slice(m.index, m.index + m[0].length);
    const parsed = parseCaseNumber(raw);
    if (parsed.valid) out.push({ start: m.index, end: m.index + m[0].length, raw, parsed });
  }
  return out;
}
