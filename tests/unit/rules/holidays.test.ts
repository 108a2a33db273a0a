import { describe, expect, it } from 'vitest';
import raw from '../../../resources/holidays/cn-2024-2026.json';
import { DEFAULT_CALENDAR, DEFAULT_HOLIDAY_DATA } from '../../../shared/rules/defaultCalendar';
import {
  WEEKENDS_ONLY_CALENDAR,
  buildCalendar,
  dayInfo,
  isCovered,
  isRestDay,
  listRestDays,
  nextWorkingDay,
  previousWorkingDay,
} from '../../../shared/rules/holidays';
import { RuleInputError } from '../../../shared/rules/errors';
import { addDays, weekday } from '../../../shared/rules/dates';

const cal = buildCalendar(raw);

describe('calendar data (brief §8)', () => {
  it('the embedded default equals the data passed in', () => {
    expect(DEFAULT_HOLIDAY_DATA).toEqual(raw);
    expect([...DEFAULT_CALENDAR.offDays.keys()]).toEqual([...cal.offDays.keys()]);
    expect([...cal.years]).toEqual([2024, 2025, 2026]);
    expect(cal.sources.map((s) => s.noticeDate)).toEqual(['2023-10-25', '2024-11-12', '2025-11-04']);
  });

  it.each([
    // 2024 (notice of 2023-10-25)
    ['2024', ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']],
    ['2025', ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']],
    ['2026', ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']],
  ])('make-up workdays for %s are exactly as in the brief', (year, days) => {
    const listed = [...cal.makeupWorkdays.keys()].filter((d) => d.startsWith(year)).sort();
    expect(listed).toEqual(days);
    for (const d of days) expect([0, 6]).toContain(weekday(d));
  });

  it.each([
    ['2023-12-30', '2024-01-01', '元旦'],
    ['2024-02-10', '2024-02-17', '春节'],
    ['2024-04-04', '2024-04-06', '清明节'],
    ['2024-05-01', '2024-05-05', '劳动节'],
    ['2024-06-08', '2024-06-10', '端午节'],
    ['2024-09-15', '2024-09-17', '中秋节'],
    ['2024-10-01', '2024-10-07', '国庆节'],
    ['2025-01-01', '2025-01-01', '元旦'],
    ['2025-01-28', '2025-02-04', '春节'],
    ['2025-04-04', '2025-04-06', '清明节'],
    ['2025-05-01', '2025-05-05', '劳动节'],
    ['2025-05-31', '2025-06-02', '端午节'],
    ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
    ['2026-01-01', '2026-01-03', '元旦'],
    ['2026-02-15', '2026-02-23', '春节'],
    ['2026-04-04', '2026-04-06', '清明节'],
    ['2026-05-01', '2026-05-05', '劳动节'],
    ['2026-06-19', '2026-06-21', '端午节'],
    ['2026-09-25', '2026-09-27', '中秋节'],
    ['2026-10-01', '2026-10-07', '国庆节'],
  ])('%s – %s is %s, and the days around it are not part of it', (from, to, name) => {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const info = dayInfo(cal, d);
      expect(info.kind).toBe('holiday');
      expect(info.holiday?.name).toBe(name);
      expect(info.rest).toBe(true);
    }
    expect(cal.offDays.get(addDays(from, -1))?.name).not.toBe(name);
    expect(cal.offDays.get(addDays(to, 1))?.name).not.toBe(name);
  });

  it('除夕 2024-02-09 is not an official holiday (brief §8.2 caution)', () => {
    expect(dayInfo(cal, '2024-02-09').kind).toBe('workday');
  });

  it('lists rest days per year', () => {
    const y2025 = listRestDays(cal, 2025);
    expect(y2025[0]).toEqual({ date: '2025-01-01', name: '元旦', nameEn: "New Year's Day" });
    expect(y2025).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
  });
});

describe('day classification and policy', () => {
  it('ordinary days', () => {
    expect(dayInfo(cal, '2024-03-15')).toEqual({ date: '2024-03-15', kind: 'workday', rest: false, holiday: null, covered: true });
    expect(dayInfo(cal, '2024-03-16').kind).toBe('weekend');
    expect(isRestDay(cal, '2024-03-17')).toBe(true);
  });

  it('a make-up Saturday is a working day by default, a rest day under weekend-rest', () => {
    expect(dayInfo(cal, '2024-10-12')).toMatchObject({ kind: 'makeup-workday', rest: false });
    expect(isRestDay(cal, '2024-10-12', 'weekend-rest')).toBe(true);
  });

  it('coverage: years without a notice fall back to weekends only', () => {
    expect(isCovered(cal, '2027-01-01')).toBe(false);
    expect(dayInfo(cal, '2027-01-01')).toMatchObject({ kind: 'workday', covered: false });
    expect(dayInfo(WEEKENDS_ONLY_CALENDAR, '2024-10-01').kind).toBe('workday');
  });

  it('next and previous working days', () => {
    expect(nextWorkingDay(cal, '2024-10-05')).toBe('2024-10-08');
    expect(nextWorkingDay(cal, '2025-01-28')).toBe('2025-02-05');
    expect(nextWorkingDay(cal, '2024-03-15')).toBe('2024-03-15');
    expect(previousWorkingDay(cal, '2026-10-05')).toBe('2026-09-30');
    expect(previousWorkingDay(cal, '2026-10-11')).toBe('2026-10-10');
    expect(previousWorkingDay(cal, '2026-10-11', 'weekend-rest')).toBe('2026-10-09');
  });
});

describe('buildCalendar validation', () => {
  const base = structuredClone(raw) as { years: Array<{ year: number; holidays: Array<{ off: string[]; makeupWorkdays: string[] }> }> };
  it('rejects junk', () => {
    expect(() => buildCalendar(null)).toThrow(RuleInputError);
    expect(() => buildCalendar({ schema: 'x' })).toThrow(RuleInputError);
  });
  it('rejects impossible dates, backwards ranges, weekday make-up days and duplicates', () => {
    const bad1 = structuredClone(base);
    bad1.years[0]!.holidays[0]!.off = ['2024-02-30', '2024-03-01'];
    expect(() => buildCalendar(bad1)).toThrow(/real date/);
    const bad2 = structuredClone(base);
    bad2.years[0]!.holidays[0]!.off = ['2024-01-02', '2024-01-01'];
    expect(() => buildCalendar(bad2)).toThrow(RuleInputError);
    const bad3 = structuredClone(base);
    bad3.years[0]!.holidays[1]!.makeupWorkdays = ['2024-02-05'];
    expect(() => buildCalendar(bad3)).toThrow(/not a weekend/);
    const bad4 = structuredClone(base);
    bad4.years[1]!.year = 2024;
    expect(() => buildCalendar(bad4)).toThrow(/twice/);
    const bad5 = structuredClone(base);
    bad5.years[0]!.holidays[1]!.makeupWorkdays = ['2024-02-11'];
    expect(() => buildCalendar(bad5)).toThrow(/both/);
  });
});
