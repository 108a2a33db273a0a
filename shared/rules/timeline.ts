/**
 * Dates for a case timeline (阅卷 时间线): explicit dates (2024年3月5日, 二〇二四年三月五日, 2024.3.5,
 * 2024年3月) and the relative forms judgments and pleadings use after a first explicit date —
 * 同年5月, 同年5月10日, 同月12日, 次月3日, 次年2月1日, 当日/当天/同日, 次日/翌日, and a bare 3月10日
 * that takes its year from the context. Each relative form is resolved against the previous
 * resolved date in the same text; with no such date it is reported as unresolved, never guessed.
 * Pure: no I/O.
 */
import { addDays, daysInMonth, isValidYmd, ymdToIso, type IsoDateString } from './dates';
import { findDates, parseChineseInteger, toHalfWidth } from './numerals';

export type DatePrecision = 'day' | 'month';

export type TimelineDateKind = 'explicit' | 'relative';

export interface TimelineDate {
  /** [start, end) in the original text. */
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly kind: TimelineDateKind;
  /** YYYY-MM-DD; for month precision the first of the month. null when unresolved or impossible. */
  readonly iso: IsoDateString | null;
  readonly precision: DatePrecision;
  /** For a relative date: the raw text of the date it was resolved against. */
  readonly anchor: string | null;
  /** Why iso is null (impossible day, no earlier date to resolve against). */
  readonly problem: { readonly zh: string; readonly en: string } | null;
}

const NUM = '[0-9一二三四五六七八九十两〇零]{1,3}';
const YEAR_MONTH = /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*[0-9一二三四五六七八九十]+\s*[日号])/y;
/** Relative forms, tried at each position, longest first. */
const RELATIVE: ReadonlyArray<{ re: RegExp; kind: 'sameYear' | 'sameMonth' | 'nextMonth' | 'nextYear' | 'sameDay' | 'nextDay' | 'bareMonthDay' }> = [
  { re: new RegExp(`同年\\s*(${NUM})\\s*月(?:\\s*(${NUM})\\s*[日号])?`, 'y'), kind: 'sameYear' },
  { re: new RegExp(`(?:次年|翌年|第二年)\\s*(${NUM})\\s*月(?:\\s*(${NUM})\\s*[日号])?`, 'y'), kind: 'nextYear' },
  { re: new RegExp(`(?:同月|当月|本月)\\s*(${NUM})\\s*[日号]`, 'y'), kind: 'sameMonth' },
  { re: new RegExp(`(?:次月|翌月|下月)\\s*(${NUM})\\s*[日号]`, 'y'), kind: 'nextMonth' },
  { re: /(?:当日|当天|同日|同一天)/y, kind: 'sameDay' },
  { re: /(?:次日|翌日|第二天|次一日)/y, kind: 'nextDay' },
  { re: new RegExp(`(${NUM})\\s*月\\s*(${NUM})\\s*[日号]`, 'y'), kind: 'bareMonthDay' },
];

function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  return parseChineseInteger(s);
}

interface Resolved {
  readonly y: number;
  readonly m: number;
  readonly d: number | null;
  readonly raw: string;
}

function problem(zh: string, en: string): { zh: string; en: string } {
  return { zh, en };
}

/**
 * Finds every explicit and relative date in `text`, in text order, resolving relative ones
 * against the previous resolved date. Character offsets are into the original string.
 */
export function findTimelineDates(text: string): TimelineDate[] {
  const s = toHalfWidth(text); // one-to-one with the original, so offsets carry over
  const explicit = findDates(text);
  const out: TimelineDate[] = [];
  let last: Resolved | null = null;
  let ei = 0;
  let i = 0;
  const push = (d: TimelineDate, resolved: Resolved | null) => {
    out.push(d);
    if (resolved !== null) last = resolved;
  };
  while (i < s.length) {
    while (ei < explicit.length && (explicit[ei] as { start: number }).start < i) ei++;
    const e = explicit[ei];
    if (e !== undefined && e.start === i) {
      ei++;
      if (e.iso === null) {
        push(
          { start: e.start, end: e.end, raw: e.raw, kind: 'explicit', iso: null, precision: 'day', anchor: null, problem: problem(`“${e.raw}”不是真实存在的日期`, `"${e.raw}" is not a real calendar date`) },
          null,
        );
      } else {
        const [y, m, d] = e.iso.split('-').map(Number) as [number, number, number];
        push({ start: e.start, end: e.end, raw: e.raw, kind: 'explicit', iso: e.iso, precision: 'day', anchor: null, problem: null }, { y, m, d, raw: e.raw });
      }
      i = e.end;
      continue;
    }
    // Skip positions inside a digit run (…12024年 is not a year) and inside the next explicit date.
    const prev = i > 0 ? (s[i - 1] as string) : '';
    if (/\d/.test(prev)) {
      i++;
      continue;
    }
    YEAR_MONTH.lastIndex = i;
    const ym = YEAR_MONTH.exec(s);
    if (ym !== null && (e === undefined || ym.index + ym[0].length <= e.start)) {
      const y = Number(ym[1]);
      const m = Number(ym[2]);
      const end = i + ym[0].length;
      const raw = text.slice(i, end);
      if (isValidYmd(y, m, 1)) {
        push({ start: i, end, raw, kind: 'explicit', iso: ymdToIso(y, m, 1), precision: 'month', anchor: null, problem: null }, { y, m, d: null, raw });
      } else {
        push({ start: i, end, raw, kind: 'explicit', iso: null, precision: 'month', anchor: null, problem: problem(`“${raw}”不是真实存在的月份`, `"${raw}" is not a real month`) }, null);
      }
      i = end;
      continue;
    }
    let matched = false;
    for (const { re, kind } of RELATIVE) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m === null) continue;
      const end = i + m[0].length;
      if (e !== undefined && end > e.start) continue;
      // A bare 月日 right after 年 or a digit is part of something else (e.g. 2024年3月5日 already handled).
      if (kind === 'bareMonthDay' && /[年\d]/.test(prev)) continue;
      const raw = text.slice(i, end);
      const r = resolveRelative(kind, m, last);
      push({ start: i, end, raw, kind: 'relative', iso: r.iso, precision: r.precision, anchor: r.anchor, problem: r.problem }, r.resolved);
      i = end;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return out;
}

function resolveRelative(
  kind: (typeof RELATIVE)[number]['kind'],
  m: RegExpExecArray,
  last: Resolved | null,
): { iso: IsoDateString | null; precision: DatePrecision; anchor: string | null; problem: TimelineDate['problem']; resolved: Resolved | null } {
  const raw = m[0];
  if (last === null) {
    return {
      iso: null,
      precision: 'day',
      anchor: null,
      problem: problem(`“${raw}”之前没有可作参照的明确日期，无法确定`, `"${raw}" has no earlier explicit date to resolve against`),
      resolved: null,
    };
  }
  const needDay = (what: string) =>
    problem(`“${raw}”的参照日期“${last.raw}”只精确到月，无法推算${what}`, `"${raw}": the reference date "${last.raw}" has no day`);
  let y = last.y;
  let mo = last.m;
  let d: number | null = null;
  switch (kind) {
    case 'sameYear':
    case 'nextYear':
      if (kind === 'nextYear') y += 1;
      mo = num(m[1]) ?? -1;
      d = m[2] !== undefined ? num(m[2]) : null;
      break;
    case 'sameMonth':
      d = num(m[1]);
      break;
    case 'nextMonth':
      mo += 1;
      if (mo > 12) {
        mo = 1;
        y += 1;
      }
      d = num(m[1]);
      break;
    case 'bareMonthDay':
      mo = num(m[1]) ?? -1;
      d = num(m[2]);
      break;
    case 'sameDay':
    case 'nextDay': {
      if (last.d === null) return { iso: null, precision: 'day', anchor: last.raw, problem: needDay('具体日期'), resolved: null };
      const base = ymdToIso(last.y, last.m, last.d);
      const iso = kind === 'sameDay' ? base : addDays(base, 1);
      const [yy, mm, dd] = iso.split('-').map(Number) as [number, number, number];
      return { iso, precision: 'day', anchor: last.raw, problem: null, resolved: { y: yy, m: mm, d: dd, raw } };
    }
  }
  if (mo < 1 || mo > 12 || (d !== null && (d < 1 || d > daysInMonth(y, mo)))) {
    return {
      iso: null,
      precision: d === null ? 'month' : 'day',
      anchor: last.raw,
      problem: problem(`“${raw}”按参照日期“${last.raw}”推算后不是真实存在的日期`, `"${raw}" resolved against "${last.raw}" is not a real date`),
      resolved: null,
    };
  }
  return {
    iso: ymdToIso(y, mo, d ?? 1),
    precision: d === null ? 'month' : 'day',
    anchor: last.raw,
    problem: null,
    resolved: { y, m: mo, d, raw },
  };
}

/** Characters that end a clause (the event text around a date stops there). */
const SENTENCE_END = /[。！？!?；;\n]/;

/**
 * The event text for a date: the sentence holding it, trimmed to a readable length around the
 * date (the clause that follows a date usually says what happened on it).
 */
export function eventClause(text: string, start: number, end: number, maxChars = 120): { start: number; end: number; text: string } {
  let a = start;
  while (a > 0 && !SENTENCE_END.test(text[a - 1] as string)) a--;
  let b = end;
  while (b < text.length && !SENTENCE_END.test(text[b] as string)) b++;
  if (b < text.length && text[b] !== '\n') b++; // keep the full stop
  // Too long: keep the clause that starts with the date (the previous comma is a natural start).
  if (b - a > maxChars) {
    let a2 = start;
    while (a2 > a && !/[，,：:]/.test(text[a2 - 1] as string) && start - a2 < 30) a2--;
    a = a2;
    if (b - a > maxChars) b = Math.min(b, Math.max(end, a + maxChars));
  }
  while (a < b && /\s/.test(text[a] as string)) a++;
  while (b > a && /\s/.test(text[b - 1] as string)) b--;
  return { start: a, end: b, text: text.slice(a, b) };
}

export interface TimelineCandidate {
  readonly date: TimelineDate;
  readonly event: { readonly start: number; readonly end: number; readonly text: string };
}

/**
 * Dated events of one text: one per resolved date (unresolved ones are returned in `problems`),
 * at most `maxEvents` so a huge document cannot flood the timeline.
 */
export function extractTimeline(text: string, maxEvents = 2000): { events: TimelineCandidate[]; problems: TimelineDate[]; truncated: boolean } {
  const events: TimelineCandidate[] = [];
  const problems: TimelineDate[] = [];
  let truncated = false;
  for (const d of findTimelineDates(text)) {
    if (d.iso === null) {
      if (problems.length < 200) problems.push(d);
      continue;
    }
    // "1980年5月12日出生" in a party block is identity, not an event of the dispute.
    if (/^[ \t]*(?:出生|生[，,。；;）)\s])/.test(text.slice(d.end, d.end + 4))) continue;
    if (events.length >= maxEvents) {
      truncated = true;
      break;
    }
    events.push({ date: d, event: eventClause(text, d.start, d.end) });
  }
  return { events, problems, truncated };
}
