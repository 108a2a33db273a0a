/**
 * Money. Internally an amount is an integer number of fen (分, 0.01 yuan); at the edges it is a
 * decimal string in yuan with exactly two decimals ("50000.00", or grouped "50,000.00").
 * Floats are never used for money arithmetic.
 */
import { RuleInputError } from './errors';
import { CHINESE_NUMERAL_CHARS, parseChineseInteger, toChineseInteger, toHalfWidth } from './numerals';

export type Fen = number;

/** Upper bound for any amount handled (10^15 fen = 10 trillion yuan), same as the contract's `Fen`. */
export const MAX_FEN = 1e15;

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RuleInputError(`${fen} is not a whole number of fen`, `${fen}不是整数分`);
  if (Math.abs(fen) > MAX_FEN) throw new RuleInputError(`Amount ${fen} fen is absurdly large`, `金额${fen}分过大，不合理`);
}

function bigToFen(v: bigint, raw: string): Fen {
  if (v > BigInt(MAX_FEN)) {
    throw new RuleInputError(`Amount "${raw}" is absurdly large`, `金额“${raw}”过大，不合理`);
  }
  return Number(v);
}

const PLAIN_RE = /^(\d+)(?:\.(\d{1,2}))?$/;
const GROUPED_RE = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

/**
 * Parse a yuan decimal string into fen: "50000" → 5000000, "50,000.00" → 5000000, "0.5" → 50.
 * At most two decimals; negative amounts, blanks, exponents and other junk are rejected.
 */
export function parseYuan(input: string): Fen {
  const s = toHalfWidth(input.trim());
  const m = PLAIN_RE.exec(s) ?? GROUPED_RE.exec(s);
  if (m === null) {
    throw new RuleInputError(
      `"${input}" is not an amount in yuan (digits, optional thousands commas, at most 2 decimals)`,
      `“${input}”不是有效的金额（元，最多两位小数）`,
    );
  }
  const intPart = (m[1] as string).replace(/,/g, '');
  const dec = (m[2] ?? '').padEnd(2, '0');
  return bigToFen(BigInt(intPart) * 100n + BigInt(dec), input);
}

export function tryParseYuan(input: string): Fen | null {
  try {
    return parseYuan(input);
  } catch {
    return null;
  }
}

/** 105000 → "1050.00" (the wire format: no grouping, always two decimals). */
export function fenToYuan(fen: Fen): string {
  assertFen(fen);
  const neg = fen < 0;
  const a = Math.abs(fen);
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 5000000 → "50,000.00" (display format). */
export function formatYuan(fen: Fen): string {
  const plain = fenToYuan(fen);
  const neg = plain.startsWith('-');
  const [i, d] = (neg ? plain.slice(1) : plain).split('.') as [string, string];
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}.${d}`;
}

// ---------------------------------------------------------------------------------------------
// Chinese capital amounts (大写金额), per the conventions of 支付结算办法 attachment 正确填写票据和
// 结算凭证的基本规定: 整 after 元; no 整 after 分; 拾 keeps its 壹 (壹拾元).
// ---------------------------------------------------------------------------------------------

const CAP_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
function capInteger(n: number): string {
  return toChineseInteger(n, 'capital');
}

export interface CapitalOptions {
  /** Prefix 人民币 (as written in judgments and on bills). Default false. */
  readonly prefix?: boolean;
}

/**
 * Fen → Chinese capital amount: 5000000 → 伍万元整; 12345 → 壹佰贰拾叁元肆角伍分;
 * 100405 → 壹仟零肆元零伍分; 100050 → 壹仟元伍角; 5 → 伍分; 0 → 零元整.
 */
export function toChineseCapital(fen: Fen, options: CapitalOptions = {}): string {
  assertFen(fen);
  if (fen < 0) throw new RuleInputError('Negative amounts have no capital form', '负数金额无大写形式');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out = '';
  if (yuan > 0) out += `${capInteger(yuan)}元`;
  if (jiao === 0 && fenDigit === 0) out = yuan > 0 ? `${out}整` : '零元整';
  else {
    if (jiao > 0) out += `${CAP_DIGITS[jiao]}角`;
    else if (yuan > 0) out += '零'; // 壹仟元零伍分
    if (fenDigit > 0) out += `${CAP_DIGITS[fenDigit]}分`;
  }
  return (options.prefix === true ? '人民币' : '') + out;
}

const ZH_DIGIT_ONLY = '零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖';

/**
 * Chinese capital (or lower-case Chinese) amount → fen. Accepts 人民币 prefix, 圆 for 元, 正 for 整,
 * an optional 零 before 角/分, and a bare 拾 at the start (拾万元整). Throws RuleInputError.
 */
export function parseChineseCapital(input: string): Fen {
  const fail = (): never => {
    throw new RuleInputError(`"${input}" is not a Chinese amount in words`, `“${input}”不是有效的中文大写金额`);
  };
  let s = input.replace(/\s+/g, '');
  s = s.replace(/^(人民币|RMB|CNY)/i, '');
  if (s === '') fail();
  const m = new RegExp(
    `^(?:([${CHINESE_NUMERAL_CHARS}]+)[元圆])?零?(?:([${ZH_DIGIT_ONLY}])角)?零?(?:([${ZH_DIGIT_ONLY}])分)?[整正]?$`,
  ).exec(s);
  if (m === null || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return fail();
  const yuan = m[1] === undefined ? 0 : parseChineseInteger(m[1]);
  if (yuan === null) return fail();
  const jiao = m[2] === undefined ? 0 : (parseChineseInteger(m[2]) ?? -1);
  const fenD = m[3] === undefined ? 0 : (parseChineseInteger(m[3]) ?? -1);
  if (jiao < 0 || jiao > 9 || fenD < 0 || fenD > 9) return fail();
  return bigToFen(BigInt(yuan) * 100n + BigInt(jiao * 10 + fenD), input);
}

// ---------------------------------------------------------------------------------------------
// Amounts in running text: 5万元, 1.2亿元, 50000元, 人民币伍万元整, ¥50,000.00, 3万5千元
// ---------------------------------------------------------------------------------------------

export type AmountForm = 'arabic' | 'chinese' | 'mixed';

export interface AmountMatch {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly fen: Fen;
  readonly form: AmountForm;
}

const UNIT_MULT: Readonly<Record<string, bigint>> = { 千: 1000n, 万: 10000n, 亿: 100000000n, 萬: 10000n, 億: 100000000n };

/** "1.2" × 亿 → fen, exactly; null if the result is not a whole number of fen. */
function decimalTimesUnitToFen(intPart: string, decPart: string, unit: string | undefined): bigint | null {
  const mult = (unit === undefined ? 1n : (UNIT_MULT[unit] ?? 1n)) * 100n; // fen per unit
  const scale = 10n ** BigInt(decPart.length);
  const num = BigInt(intPart.replace(/,/g, '') + decPart) * mult;
  if (num % scale !== 0n) return null;
  return num / scale;
}

const PREFIX = String.raw`(?:(?:人民币|RMB|CNY)\s*[:：]?\s*)?(?:[¥￥]\s*)?`;
const ARABIC_RE = new RegExp(
  String.raw`(${PREFIX})(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(千|万|萬|亿|億)?\s*(元整|元|圆整|圆)?`,
  'y',
);
const MIXED_RE = new RegExp(
  String.raw`(${PREFIX})(\d+\s*[千万萬亿億](?:\s*零?\d+\s*[千百万萬]?)+)\s*(元整|元|圆整|圆)`,
  'y',
);
const CHINESE_RE = new RegExp(
  `(${PREFIX})((?:[${CHINESE_NUMERAL_CHARS}]+[元圆])(?:零?[${ZH_DIGIT_ONLY}]角)?(?:零?[${ZH_DIGIT_ONLY}]分)?[整正]?|(?:[${ZH_DIGIT_ONLY}]角)(?:零?[${ZH_DIGIT_ONLY}]分)?[整正]?|[${ZH_DIGIT_ONLY}]分)`,
  'y',
);

function matchAmountAt(s: string, i: number): { fen: Fen; end: number; form: AmountForm } | null {
  MIXED_RE.lastIndex = i;
  const mm = MIXED_RE.exec(s);
  if (mm !== null) {
    const v = parseChineseInteger((mm[2] as string).replace(/\s+/g, ''));
    if (v !== null && BigInt(v) * 100n <= BigInt(MAX_FEN)) return { fen: v * 100, end: MIXED_RE.lastIndex, form: 'mixed' };
  }
  ARABIC_RE.lastIndex = i;
  const am = ARABIC_RE.exec(s);
  if (am !== null) {
    const hasPrefix = (am[1] ?? '').trim() !== '';
    const unit = am[4];
    const yuan = am[5];
    if (hasPrefix || yuan !== undefined) {
      const v = decimalTimesUnitToFen(am[2] as string, am[3] ?? '', unit);
      if (v !== null && v <= BigInt(MAX_FEN)) {
        // Without 元 or a unit, the amount ends at the number: trim trailing spaces.
        let end = ARABIC_RE.lastIndex;
        while (end > i && /\s/.test(s[end - 1] as string)) end--;
        return { fen: Number(v), end, form: 'arabic' };
      }
    }
  }
  CHINESE_RE.lastIndex = i;
  const cm = CHINESE_RE.exec(s);
  if (cm !== null) {
    try {
      return { fen: parseChineseCapital(cm[2] as string), end: CHINESE_RE.lastIndex, form: 'chinese' };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Parse exactly one amount: "5万元", "1.2亿元", "50000元", "人民币伍万元整", "¥50,000.00",
 * "3万5千元", "50,000.00" (a bare number is read as yuan). Throws RuleInputError.
 */
export function parseAmount(input: string): Fen {
  const s = toHalfWidth(input.trim());
  const bare = tryParseYuan(s);
  if (bare !== null) return bare;
  const r = matchAmountAt(s, 0);
  if (r === null || r.end !== s.length) {
    // A number with a unit but no 元 (5万) is fine when it is the whole input.
    const u = /^(?:(?:人民币|RMB|CNY)\s*)?(?:[¥￥]\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(千|万|亿)$/.exec(s);
    if (u !== null) {
      const v = decimalTimesUnitToFen(u[1] as string, u[2] ?? '', u[3]);
      if (v !== null) return bigToFen(v, input);
    }
    throw new RuleInputError(`"${input}" is not a recognised amount of money`, `“${input}”不是可识别的金额`);
  }
  return r.fen;
}

export function tryParseAmount(input: string): Fen | null {
  try {
    return parseAmount(input);
  } catch {
    return null;
  }
}

const ZH_NUMERAL_CHAR_RE = new RegExp(`[${CHINESE_NUMERAL_CHARS}]`);

/**
 * Find amounts of money in free text, with spans into the original string. An Arabic number
 * counts only with a currency marker (人民币, ¥) or a 元 suffix; Chinese numerals need 元 (or 角/分).
 */
export function findAmounts(text: string): AmountMatch[] {
  const s = toHalfWidth(text);
  const out: AmountMatch[] = [];
  let i = 0;
  while (i < s.length) {
    const prev = i > 0 ? (s[i - 1] as string) : '';
    const startsToken = !/[\d.,]/.test(prev) && !ZH_NUMERAL_CHAR_RE.test(prev);
    const r = startsToken ? matchAmountAt(s, i) : null;
    if (r !== null) {
      out.push({ start: i, end: r.end, raw: text.slice(i, r.end), fen: r.fen, form: r.form });
      i = r.end;
    } else i++;
  }
  return out;
}
