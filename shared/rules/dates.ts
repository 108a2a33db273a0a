/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings, without `Date` time zones: dates are
 * converted to a day count since 1970-01-01 (proleptic Gregorian) and back.
 */
import { RuleInputError } from './errors';

export type IsoDateString = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True when y-m-d is a real calendar day (years 1000–9999). 2025-02-30 is not. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1000 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Split an ISO date; throws RuleInputError for malformed or impossible dates. */
export function splitIso(s: string): Ymd {
  const m = ISO_RE.exec(s);
  if (m === null) throw new RuleInputError(`"${s}" is not a date in YYYY-MM-DD form`, `“${s}”不是YYYY-MM-DD格式的日期`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isValidYmd(y, mo, d)) throw new RuleInputError(`${s} is not a real calendar date`, `${s}不是真实存在的日期`);
  return { y, m: mo, d };
}

export function ymdToIso(y: number, m: number, d: number): IsoDateString {
  if (!isValidYmd(y, m, d)) {
    throw new RuleInputError(`${y}-${m}-${d} is not a real calendar date`, `${y}年${m}月${d}日不是真实存在的日期`);
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Howard Hinnant's days_from_civil / civil_from_days.
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): Ymd {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: m <= 2 ? y + 1 : y, m, d };
}

export function toEpochDay(iso: IsoDateString): number {
  const { y, m, d } = splitIso(iso);
  return daysFromCivil(y, m, d);
}

export function fromEpochDay(n: number): IsoDateString {
  const { y, m, d } = civilFromDays(n);
  return ymdToIso(y, m, d);
}

export function addDays(iso: IsoDateString, n: number): IsoDateString {
  return fromEpochDay(toEpochDay(iso) + n);
}

/** Whole days from a to b (b − a). */
export function diffDays(a: IsoDateString, b: IsoDateString): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * Add calendar months: the same day-of-month N months later, or the last day of that month when
 * it has no such day (CC art. 203; SPC 2014-12-12 example 2014-05-28 + 3 months = 2014-08-28).
 */
export function addMonths(iso: IsoDateString, n: number): IsoDateString {
  const { y, m, d } = splitIso(iso);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return ymdToIso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(iso: IsoDateString, n: number): IsoDateString {
  return addMonths(iso, 12 * n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: IsoDateString): number {
  return (((toEpochDay(iso) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export function weekdayZh(iso: IsoDateString): string {
  return WEEKDAY_ZH[weekday(iso)] ?? '';
}

export function weekdayEn(iso: IsoDateString): string {
  return WEEKDAY_EN[weekday(iso)] ?? '';
}

export function yearOf(iso: IsoDateString): number {
  return splitIso(iso).y;
}
