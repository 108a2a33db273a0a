/**
 * Public-holiday calendars for deadline computation. The calendar is data (resources/holidays/*.json,
 * from the State Council General Office's yearly 部分节假日安排 notices, brief §8); this module only
 * validates and queries it, so shared/ stays free of file I/O.
 *
 * For deadlines, a rest day is an official holiday day or an ordinary Saturday/Sunday, except a
 * make-up workday (调休上班日) — subject to the make-up-workday policy (brief §3.1 [U]).
 */
import { z } from 'zod';
import { addDays, isIsoDate, toEpochDay, weekday, yearOf, type IsoDateString } from './dates';
import { RuleInputError } from './errors';

const IsoDate = z.string().refine(isIsoDate, 'must be a real date as YYYY-MM-DD');

export const HolidayFileSchema = z.object({
  schema: z.literal('courtdesk.holidays/1'),
  jurisdiction: z.string(),
  description: z.string().optional(),
  years: z
    .array(
      z.object({
        year: z.number().int().min(2000).max(2100),
        notice: z.string().min(1),
        documentNo: z.string().nullable(),
        noticeDate: IsoDate,
        url: z.url().nullable(),
        holidays: z.array(
          z.object({
            name: z.string().min(1),
            nameEn: z.string().min(1),
            /** Inclusive [first, last] day off, including weekend days joined to the holiday. */
            off: z.tuple([IsoDate, IsoDate]),
            makeupWorkdays: z.array(IsoDate),
          }),
        ),
      }),
    )
    .min(1),
});
export type HolidayFile = z.infer<typeof HolidayFileSchema>;

export interface HolidayName {
  readonly name: string;
  readonly nameEn: string;
}

export interface HolidaySource {
  readonly year: number;
  readonly notice: string;
  readonly documentNo: string | null;
  readonly noticeDate: IsoDateString;
  readonly url: string | null;
}

export interface HolidayCalendar {
  readonly offDays: ReadonlyMap<IsoDateString, HolidayName>;
  readonly makeupWorkdays: ReadonlyMap<IsoDateString, HolidayName>;
  /** Years whose State Council notice is loaded. */
  readonly years: ReadonlySet<number>;
  readonly sources: readonly HolidaySource[];
}

/**
 * 'working-day' (default): a make-up workday is a working day, so a period can end on it.
 * 'weekend-rest': every Saturday and Sunday is a rest day, make-up workdays included.
 */
export type MakeupWorkdayPolicy = 'working-day' | 'weekend-rest';
export const DEFAULT_MAKEUP_POLICY: MakeupWorkdayPolicy = 'working-day';

/** A calendar with no holiday data: weekends only. */
export const WEEKENDS_ONLY_CALENDAR: HolidayCalendar = {
  offDays: new Map(),
  makeupWorkdays: new Map(),
  years: new Set(),
  sources: [],
};

/** Validate holiday data (already-parsed JSON) and build a calendar. Throws RuleInputError. */
export function buildCalendar(data: unknown): HolidayCalendar {
  const parsed = HolidayFileSchema.safeParse(data);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new RuleInputError(`Invalid holiday data: ${msg}`, `节假日数据无效：${msg}`);
  }
  const offDays = new Map<IsoDateString, HolidayName>();
  const makeup = new Map<IsoDateString, HolidayName>();
  const years = new Set<number>();
  const sources: HolidaySource[] = [];
  for (const y of parsed.data.years) {
    if (years.has(y.year)) throw new RuleInputError(`Year ${y.year} appears twice`, `年份${y.year}重复`);
    years.add(y.year);
    sources.push({ year: y.year, notice: y.notice, documentNo: y.documentNo, noticeDate: y.noticeDate, url: y.url });
    for (const h of y.holidays) {
      const name = { name: h.name, nameEn: h.nameEn };
      const [from, to] = h.off;
      const span = toEpochDay(to) - toEpochDay(from);
      if (span < 0 || span > 15) {
        throw new RuleInputError(`${h.name} ${y.year}: bad day-off range ${from}–${to}`, `${y.year}年${h.name}放假区间${from}至${to}无效`);
      }
      for (let i = 0; i <= span; i++) offDays.set(addDays(from, i), name);
      for (const d of h.makeupWorkdays) {
        const wd = weekday(d);
        if (wd !== 0 && wd !== 6) {
          throw new RuleInputError(`${h.name} ${y.year}: make-up workday ${d} is not a weekend`, `${y.year}年${h.name}调休上班日${d}不是周末`);
        }
        makeup.set(d, name);
      }
    }
  }
  for (const d of makeup.keys()) {
    if (offDays.has(d)) throw new RuleInputError(`${d} is both a day off and a make-up workday`, `${d}同时为放假日和调休上班日`);
  }
  return { offDays, makeupWorkdays: makeup, years, sources };
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

export interface DayInfo {
  readonly date: IsoDateString;
  readonly kind: DayKind;
  /** Whether a period ending on this day rolls forward (CPL art. 85; CC art. 203). */
  readonly rest: boolean;
  readonly holiday: HolidayName | null;
  /** False when the calendar has no notice for this year: weekends only were applied. */
  readonly covered: boolean;
}

export function isCovered(cal: HolidayCalendar, date: IsoDateString): boolean {
  return cal.years.has(yearOf(date));
}

export function dayInfo(cal: HolidayCalendar, date: IsoDateString, policy: MakeupWorkdayPolicy = DEFAULT_MAKEUP_POLICY): DayInfo {
  const covered = isCovered(cal, date);
  const off = cal.offDays.get(date);
  if (off !== undefined) return { date, kind: 'holiday', rest: true, holiday: off, covered };
  const wd = weekday(date);
  const weekend = wd === 0 || wd === 6;
  const mk = cal.makeupWorkdays.get(date);
  if (mk !== undefined) return { date, kind: 'makeup-workday', rest: policy === 'weekend-rest' && weekend, holiday: mk, covered };
  return weekend
    ? { date, kind: 'weekend', rest: true, holiday: null, covered }
    : { date, kind: 'workday', rest: false, holiday: null, covered };
}

export function isRestDay(cal: HolidayCalendar, date: IsoDateString, policy: MakeupWorkdayPolicy = DEFAULT_MAKEUP_POLICY): boolean {
  return dayInfo(cal, date, policy).rest;
}

const MAX_ROLL = 60;

/** The first working day on or after `date`. */
export function nextWorkingDay(cal: HolidayCalendar, date: IsoDateString, policy: MakeupWorkdayPolicy = DEFAULT_MAKEUP_POLICY): IsoDateString {
  let d = date;
  for (let i = 0; i < MAX_ROLL; i++) {
    if (!isRestDay(cal, d, policy)) return d;
    d = addDays(d, 1);
  }
  throw new RuleInputError(`No working day within ${MAX_ROLL} days after ${date}`, `${date}之后${MAX_ROLL}日内无工作日`);
}

/** The last working day on or before `date`. */
export function previousWorkingDay(cal: HolidayCalendar, date: IsoDateString, policy: MakeupWorkdayPolicy = DEFAULT_MAKEUP_POLICY): IsoDateString {
  let d = date;
  for (let i = 0; i < MAX_ROLL; i++) {
    if (!isRestDay(cal, d, policy)) return d;
    d = addDays(d, -1);
  }
  throw new RuleInputError(`No working day within ${MAX_ROLL} days before ${date}`, `${date}之前${MAX_ROLL}日内无工作日`);
}

/** Serialize a calendar back to the JSON file shape's essentials (for diagnostics and the UI). */
export function listRestDays(cal: HolidayCalendar, year: number): Array<{ date: IsoDateString } & HolidayName> {
  return [...cal.offDays.entries()]
    .filter(([d]) => yearOf(d) === year)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, n]) => ({ date, ...n }));
}
