/**
 * Chinese numerals: integers (article numbers 第六百七十五条), financial capitals (壹贰叁), and
 * dates written in Chinese numerals for the signature block (落款: 二〇二四年三月五日).
 */
import { isValidYmd, splitIso, ymdToIso, type IsoDateString } from './dates';
import { RuleInputError } from './errors';

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, '○': 0, Ｏ: 0, O: 0, o: 0,
  一: 1, 壹: 1, 幺: 1,
  二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2,
  三: 3, 叁: 3, 參: 3,
  四: 4, 肆: 4,
  五: 5, 伍: 5,
  六: 6, 陆: 6, 陸: 6,
  七: 7, 柒: 7,
  八: 8, 捌: 8,
  九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that may appear in a Chinese integer (for building regexes elsewhere). */
export const CHINESE_NUMERAL_CHARS = '零〇○Ｏ一壹幺二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億';

const LOWER_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const LOWER_UNITS = ['', '十', '百', '千'] as const;
const CAPITAL_UNITS = ['', '拾', '佰', '仟'] as const;

/** Convert full-width ASCII digits and common full-width punctuation to half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

type Token = { kind: 'digit'; value: number; zero: boolean } | { kind: 'small'; value: number } | { kind: 'big'; value: number };

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < s.length && (s[j] as string) >= '0' && (s[j] as string) <= '9') j++;
      const value = Number(s.slice(i, j));
      tokens.push({ kind: 'digit', value, zero: value === 0 });
      i = j;
      continue;
    }
    const d = DIGIT_VALUES[ch];
    if (d !== undefined) tokens.push({ kind: 'digit', value: d, zero: d === 0 });
    else if (SMALL_UNITS[ch] !== undefined) tokens.push({ kind: 'small', value: SMALL_UNITS[ch] });
    else if (BIG_UNITS[ch] !== undefined) tokens.push({ kind: 'big', value: BIG_UNITS[ch] });
    else return null;
    i++;
  }
  return tokens;
}

/**
 * Parse a Chinese integer: 六百七十五 → 675, 十五 → 15, 一百零五 → 105, 壹拾万伍仟 → 105000,
 * 两千 → 2000, 3万5千 → 35000, colloquial 一万五 → 15000. A string of digits with no unit
 * (二〇二四) is read positionally → 2024. Returns null when the text is not a numeral.
 */
export function parseChineseInteger(input: string): number | null {
  const s = toHalfWidth(input.trim());
  if (s === '') return null;
  const tokens = tokenize(s);
  if (tokens === null || tokens.length === 0) return null;
  const hasUnit = tokens.some((t) => t.kind !== 'digit');
  if (!hasUnit) {
    // Positional: 二〇二四, or a plain Arabic number.
    let v = 0;
    for (const t of tokens) {
      if (t.kind !== 'digit') return null;
      if (t.value > 9 && tokens.length > 1) return null;
      v = tokens.length === 1 ? t.value : v * 10 + t.value;
    }
    return Number.isSafeInteger(v) ? v : null;
  }
  let result = 0; // completed 亿 groups
  let section = 0; // value below the current 亿 group
  let sub = 0; // value below the current 万 group
  let num: number | null = null; // pending digit
  let lastSmall = Infinity; // small units must decrease inside a 万 group
  let lastBig = Infinity;
  let lastUnit = 0; // the unit token just before a trailing digit (colloquial 一万五)
  let sawZeroSinceUnit = false;
  for (const t of tokens) {
    if (t.kind === 'digit') {
      if (num !== null && !t.zero) return null; // two digits in a row: 五五十
      if (t.zero) {
        sawZeroSinceUnit = true;
        num = null;
        continue;
      }
      num = t.value;
      continue;
    }
    if (t.kind === 'small') {
      if (t.value >= lastSmall) return null;
      if (num !== null && num > 9) return null; // 35十 is not a numeral
      // A bare 十 means 一十 (十五, 二百一十 / 二百十); a bare 百 or 千 is not a numeral.
      const mult = num ?? (t.value === 10 ? 1 : null);
      if (mult === null) return null;
      sub += mult * t.value;
      lastSmall = t.value;
      lastUnit = t.value;
      num = null;
      sawZeroSinceUnit = false;
      continue;
    }
    // big unit
    if (t.value >= lastBig && !(t.value === 1e8 && lastBig === 1e4)) return null;
    const group = sub + (num ?? 0);
    if (t.value === 1e8) {
      result = (result + section + group) * 1e8;
      section = 0;
      if (result === 0) return null;
      lastBig = Infinity;
    } else {
      if (group === 0) return null;
      section += group * 1e4;
      lastBig = 1e4;
    }
    sub = 0;
    num = null;
    lastSmall = Infinity;
    lastUnit = t.value;
    sawZeroSinceUnit = false;
  }
  let tail = num ?? 0;
  if (num !== null && !sawZeroSinceUnit && lastUnit >= 100 && num <= 9) {
    tail = num * (lastUnit / 10); // 一万五 = 15000, 三千五 = 3500
  }
  const v = result + section + sub + tail;
  return Number.isSafeInteger(v) ? v : null;
}

function sectionToChinese(n: number, digits: readonly string[], units: readonly string[]): string {
  let out = '';
  let zeroPending = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (zeroPending) out += digits[0];
    zeroPending = false;
    out += (digits[d] ?? '') + (units[pos] ?? '');
  }
  return out;
}

export type NumeralStyle = 'lower' | 'capital';

/**
 * Write a non-negative integer in Chinese: 675 → 六百七十五, 15 → 十五 (lower style drops the
 * leading 一 of 一十), 105000 → 十万五千; capital style: 105000 → 壹拾万伍仟.
 */
export function toChineseInteger(n: number, style: NumeralStyle = 'lower'): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e16) {
    throw new RuleInputError(`${n} cannot be written as a Chinese integer`, `${n}无法写成中文数字`);
  }
  const digits = style === 'capital' ? CAPITAL_DIGITS : LOWER_DIGITS;
  const units = style === 'capital' ? CAPITAL_UNITS : LOWER_UNITS;
  if (n === 0) return digits[0];
  const below1e8 = (v: number): string => {
    const hi = Math.floor(v / 1e4);
    const lo = v % 1e4;
    let r = hi > 0 ? `${sectionToChinese(hi, digits, units)}万` : '';
    if (lo > 0) r += (r !== '' && lo < 1000 ? digits[0] : '') + sectionToChinese(lo, digits, units);
    return r;
  };
  const write = (v: number): string => {
    if (v < 1e8) return below1e8(v);
    const lo = v % 1e8;
    let r = `${write(Math.floor(v / 1e8))}亿`;
    if (lo > 0) r += (lo < 1e7 ? digits[0] : '') + below1e8(lo);
    return r;
  };
  let out = write(n);
  if (style === 'lower' && out.startsWith('一十')) out = out.slice(1);
  return out;
}

/** 675 → 第六百七十五条 (article citations in judgments use lower-case numerals). */
export function formatArticleNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RuleInputError(`Article number must be ≥ 1, got ${n}`, `条文序号必须≥1`);
  return `第${toChineseInteger(n)}条`;
}

/** 第六百七十五条 / 第675条 / 六百七十五 → 675; null when not an article number. */
export function parseArticleNumber(s: string): number | null {
  const m = /^\s*第?\s*([0-9０-９零〇一二两三四五六七八九十百千]+)\s*条?\s*$/.exec(s);
  if (m === null) return null;
  const v = parseChineseInteger(m[1] as string);
  return v !== null && v >= 1 ? v : null;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const YEAR_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 2024-03-05 → 二〇二四年三月五日 (落款 style: year digit by digit with 〇, month/day as numbers). */
export function formatChineseDate(iso: IsoDateString): string {
  const { y, m, d } = splitIso(iso);
  const year = String(y)
    .split('')
    .map((c) => YEAR_DIGITS[Number(c)] ?? '')
    .join('');
  return `${year}年${toChineseInteger(m)}月${toChineseInteger(d)}日`;
}

/** 2024-03-05 → 2024年3月5日 */
export function formatArabicChineseDate(iso: IsoDateString): string {
  const { y, m, d } = splitIso(iso);
  return `${y}年${m}月${d}日`;
}

const ZH_DIGIT_CLASS = '零〇○Ｏ一二三四五六七八九';
const DATE_PATTERNS: readonly RegExp[] = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/y,
  /(\d{4})([.\-/])(\d{1,2})\2(\d{1,2})(?!\d)/y,
  new RegExp(`([${ZH_DIGIT_CLASS}]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月\\s*([一二三四五六七八九十]{1,3})\\s*[日号]`, 'y'),
];

function matchDateAt(s: string, index: number): { iso: IsoDateString | null; end: number } | null {
  for (const re of DATE_PATTERNS) {
    re.lastIndex = index;
    const m = re.exec(s);
    if (m === null) continue;
    const groups = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    const [ys, ms, ds] = groups.map((g) => parseChineseInteger(g ?? '')) as [number | null, number | null, number | null];
    const ok = ys !== null && ms !== null && ds !== null && isValidYmd(ys, ms, ds);
    return { iso: ok ? ymdToIso(ys, ms, ds) : null, end: re.lastIndex };
  }
  return null;
}

/**
 * Parse one date written as 2024年3月5日, 2024.3.5, 2024-3-5, 2024/3/5, 二〇二四年三月五日 (also with
 * full-width digits). Throws RuleInputError for anything else, including impossible dates
 * such as 2025-02-30.
 */
export function parseDateText(input: string): IsoDateString {
  const s = toHalfWidth(input.trim());
  const r = matchDateAt(s, 0);
  if (r === null || r.end !== s.length) {
    throw new RuleInputError(`"${input}" is not a recognised date`, `“${input}”不是可识别的日期`);
  }
  if (r.iso === null) throw new RuleInputError(`"${input}" is not a real calendar date`, `“${input}”不是真实存在的日期`);
  return r.iso;
}

export function tryParseDateText(input: string): IsoDateString | null {
  try {
    return parseDateText(input);
  } catch {
    return null;
  }
}

export interface DateMatch {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** null when the text looks like a date but the day does not exist (2025年2月30日). */
  readonly iso: IsoDateString | null;
}

/** Find every date in free text, with character spans (into the original string). */
export function findDates(text: string): DateMatch[] {
  const s = toHalfWidth(text); // same length: full-width chars map one-to-one
  const out: DateMatch[] = [];
  let i = 0;
  while (i < s.length) {
    const prev = i > 0 ? (s[i - 1] as string) : '';
    if (/\d/.test(prev)) {
      i++;
      continue;
    }
    const r = matchDateAt(s, i);
    if (r !== null) {
      out.push({ start: i, end: r.end, raw: text.slice(i, r.end), iso: r.iso });
      i = r.end;
    } else i++;
  }
  return out;
}
