import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR as cal } from '../../../shared/rules/defaultCalendar';
import { computeDeadline, computePeriod, type DeadlineInput, type DeadlineOptions } from '../../../shared/rules/deadlines';
import { RuleInputError } from '../../../shared/rules/errors';

const due = (input: DeadlineInput, opts: DeadlineOptions = {}) => computeDeadline(input, { calendar: cal, ...opts });
const text = (xs: ReadonlyArray<{ zh: string; en: string }>) => xs.map((x) => `${x.zh} | ${x.en}`).join('\n');

describe('brief §3.10 worked examples', () => {
  it('appeal vs judgment served 2024-09-20 → raw 2024-10-05 (National Day) → 2024-10-08', () => {
    const r = due({ kind: 'appeal-judgment', start: '2024-09-20' });
    expect(r.rawEnd).toBe('2024-10-05');
    expect(r.due).toBe('2024-10-08');
    expect(r.rolledOver).toBe(true);
    expect(r.article).toBe('CPL art. 171');
    expect(text(r.steps)).toContain('国庆节');
    expect(text(r.steps)).toContain('CPL art. 85');
  });

  it('appeal vs judgment served 2024-09-27 → 2024-10-12 (make-up Saturday) under the workday policy; 2024-10-14 otherwise', () => {
    const r = due({ kind: 'appeal-judgment', start: '2024-09-27' });
    expect(r.rawEnd).toBe('2024-10-12');
    expect(r.due).toBe('2024-10-12');
    expect(r.rolledOver).toBe(false);
    expect(text(r.warnings)).toMatch(/make-up workday/);
    expect(due({ kind: 'appeal-judgment', start: '2024-09-27' }, { makeupPolicy: 'weekend-rest' }).due).toBe('2024-10-14');
  });

  it('appeal vs judgment served 2025-01-20 → raw 2025-02-04 (last Spring Festival day) → 2025-02-05', () => {
    const r = due({ kind: 'appeal-judgment', start: '2025-01-20' });
    expect(r.rawEnd).toBe('2025-02-04');
    expect(r.due).toBe('2025-02-05');
  });

  it('answer served 2026-02-06 → raw 2026-02-21 (Spring Festival) → 2026-02-24', () => {
    const r = due({ kind: 'answer', start: '2026-02-06' });
    expect(r.rawEnd).toBe('2026-02-21');
    expect(r.due).toBe('2026-02-24');
    expect(r.article).toBe('CPL art. 128');
  });

  it('appeal vs ruling served 2026-09-21 → raw 2026-10-01 → 2026-10-08', () => {
    const r = due({ kind: 'appeal-ruling', start: '2026-09-21' });
    expect(r.rawEnd).toBe('2026-10-01');
    expect(r.due).toBe('2026-10-08');
    expect(r.period).toEqual({ days: 10 });
  });

  it('plain weekend: 2024-03-01 + 15 days → 2024-03-16 (Sat) → 2024-03-18', () => {
    const r = due({ kind: 'answer', start: '2024-03-01' });
    expect(r.rawEnd).toBe('2024-03-16');
    expect(r.due).toBe('2024-03-18');
    expect(text(r.steps)).toMatch(/weekend/);
  });

  it('publication 2025-03-03 → deemed served 2025-04-02; answer then ends 2025-04-17', () => {
    const p = due({ kind: 'publication', start: '2025-03-03' });
    expect(p.due).toBe('2025-04-02');
    expect(p.article).toBe('CPL art. 95');
    expect(due({ kind: 'answer', start: p.due }).due).toBe('2025-04-17');
  });

  it('6-month trial limit from 2024-08-31 → 2025-02-28 (month end, a Friday)', () => {
    const r = due({ kind: 'trial-limit', start: '2024-08-31', procedure: 'ordinary' });
    expect(r.rawEnd).toBe('2025-02-28');
    expect(r.due).toBe('2025-02-28');
    expect(text(r.steps)).toMatch(/last day of the month/);
    expect(r.article).toContain('CPL art. 152');
  });
});

describe('period computation (CPL art. 85)', () => {
  it('SPC 2014 example: 2014-05-28 + 3 months = 2014-08-28', () => {
    expect(computePeriod('2014-05-28', { months: 3 }).due).toBe('2014-08-28');
  });
  it('holidays in the middle of a period are not deducted', () => {
    expect(due({ kind: 'answer', start: '2024-09-30' }).due).toBe('2024-10-15');
  });
  it('warns when the calendar has no data for the year', () => {
    const r = due({ kind: 'answer', start: '2026-12-20' });
    expect(r.due).toBe('2027-01-04');
    expect(text(r.warnings)).toMatch(/No holiday data for 2027/);
  });
  it('warns when no calendar is supplied', () => {
    const r = computeDeadline({ kind: 'answer', start: '2024-09-20' });
    expect(r.due).toBe('2024-10-07'); // without holiday data Oct 5 (Sat) only rolls to Monday
    expect(text(r.warnings)).toMatch(/weekends only/);
  });
  it('rejects impossible dates and bad lengths', () => {
    expect(() => due({ kind: 'answer', start: '2025-02-30' })).toThrow(RuleInputError);
    expect(() => computePeriod('2024-01-01', { days: -1 })).toThrow(RuleInputError);
    expect(() => computePeriod('2024-01-01', { days: 1.5 })).toThrow(RuleInputError);
  });
});

describe('kinds', () => {
  it('answer: 30 days without a domicile in China; shortened only in simplified procedure', () => {
    expect(due({ kind: 'answer', start: '2024-03-01', foreignDomicile: true })).toMatchObject({ due: '2024-04-01', article: 'CPL art. 285' });
    expect(due({ kind: 'answer', start: '2024-03-04', procedure: 'small-claims', days: 7 }).due).toBe('2024-03-11');
    expect(() => due({ kind: 'answer', start: '2024-03-04', days: 7 })).toThrow(RuleInputError);
    expect(() => due({ kind: 'answer', start: '2024-03-04', procedure: 'simplified', days: 20 })).toThrow(RuleInputError);
  });

  it('appeals: 30 days abroad; small-claims judgments are final', () => {
    expect(due({ kind: 'appeal-judgment', start: '2024-03-01', foreignDomicile: true }).article).toBe('CPL art. 286');
    expect(due({ kind: 'appeal-ruling', start: '2024-03-01', foreignDomicile: true }).due).toBe('2024-04-01');
    expect(text(due({ kind: 'appeal-judgment', start: '2024-03-01', procedure: 'small-claims' }).warnings)).toMatch(/final/);
  });

  it('evidence period per procedure (Evidence Rules art. 51)', () => {
    expect(due({ kind: 'evidence', start: '2024-03-04' })).toMatchObject({ due: '2024-03-19', period: { days: 15 } });
    expect(due({ kind: 'evidence', start: '2024-03-04', days: 30 }).due).toBe('2024-04-03');
    expect(() => due({ kind: 'evidence', start: '2024-03-04', days: 14 })).toThrow(/at least 15/);
    expect(due({ kind: 'evidence', start: '2024-03-04', procedure: 'simplified', days: 10 }).due).toBe('2024-03-14');
    expect(() => due({ kind: 'evidence', start: '2024-03-04', procedure: 'simplified', days: 16 })).toThrow(/at most 15/);
    expect(due({ kind: 'evidence', start: '2024-03-04', procedure: 'small-claims' }).period).toEqual({ days: 7 });
    expect(text(due({ kind: 'evidence', start: '2024-03-04', procedure: 'small-claims', days: 10 }).warnings)).toMatch(/Longer than usual/);
    expect(due({ kind: 'evidence', start: '2024-03-04', procedure: 'second-instance' }).period).toEqual({ days: 10 });
    expect(() => due({ kind: 'evidence', start: '2024-03-04', procedure: 'special' })).toThrow(RuleInputError);
  });

  it('trial limits: 6 / 3 / 2 months, 30 days; extensions; excluded periods', () => {
    expect(due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'simplified' }).due).toBe('2024-06-04');
    expect(due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'small-claims' }).due).toBe('2024-05-06'); // 05-04 is a Saturday
    expect(due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'special' }).due).toBe('2024-04-03');
    expect(due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'second-instance' }).due).toBe('2024-06-04');
    expect(due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'simplified', extensionMonths: 1 }).due).toBe('2024-07-04');
    expect(() => due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'simplified', extensionMonths: 2 })).toThrow(RuleInputError);
    expect(() => due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'small-claims', extensionMonths: 2 })).toThrow(RuleInputError);
    const longExt = due({ kind: 'trial-limit', start: '2024-03-04', procedure: 'ordinary', extensionMonths: 9 });
    expect(longExt.due).toBe('2025-06-04');
    expect(text(longExt.warnings)).toMatch(/higher court/);
    const ex = due({
      kind: 'trial-limit',
      start: '2024-03-04',
      procedure: 'ordinary',
      excluded: [
        { from: '2024-04-01', to: '2024-04-30' },
        { from: '2024-04-20', to: '2024-05-10' }, // overlaps: merged to 04-01..05-10 = 40 days
      ],
    });
    expect(ex.rawEnd).toBe('2024-10-14');
    expect(ex.due).toBe('2024-10-14');
    expect(text(ex.steps)).toContain('共40日');
    expect(ex.milestones.map((m) => m.date)).toEqual(['2024-09-29', '2024-10-09']);
    expect(() => due({ kind: 'trial-limit', start: '2024-03-04', excluded: [{ from: '2024-05-01', to: '2024-04-01' }] })).toThrow(RuleInputError);
  });

  it('fee payment: 7 days from the day after the notice (Fee Measures art. 22)', () => {
    const r = due({ kind: 'fee-payment', start: '2024-09-26' });
    expect(r.rawEnd).toBe('2024-10-03');
    expect(r.due).toBe('2024-10-08');
    expect(r.article).toBe('诉讼费用交纳办法 art. 22');
  });

  it('hearing notice: serve by H−4 (conservative) or H−3 (loose), on a working day', () => {
    const c = due({ kind: 'hearing-notice', start: '2024-03-15' });
    expect(c.due).toBe('2024-03-11');
    const l = due({ kind: 'hearing-notice', start: '2024-03-15' }, { hearingNoticeReading: 'loose' });
    expect(l.due).toBe('2024-03-12');
    const w = due({ kind: 'hearing-notice', start: '2024-03-13' });
    expect(w.rawEnd).toBe('2024-03-09');
    expect(w.due).toBe('2024-03-08');
    expect(w.article).toContain('CPL art. 139');
    expect(text(due({ kind: 'hearing-notice', start: '2024-03-15', procedure: 'simplified' }).warnings)).toMatch(/not bound/);
  });

  it('limitation: 3 years (CC art. 188), 20-year cap, labour 1 year, status as of a date', () => {
    const r = due({ kind: 'limitation', start: '2021-10-03', asOf: '2024-09-01' });
    expect(r.rawEnd).toBe('2024-10-03');
    expect(r.due).toBe('2024-10-08');
    expect(r.status).toBe('expiring');
    expect(r.daysLeft).toBe(37);
    expect(due({ kind: 'limitation', start: '2021-10-03', asOf: '2024-10-09' }).status).toBe('expired');
    expect(due({ kind: 'limitation', start: '2021-10-03', asOf: '2024-01-01' }).status).toBe('running');
    expect(due({ kind: 'limitation', start: '2021-10-03', asOf: '2024-09-01' }, { limitationWarnDays: 30 }).status).toBe('running');
    expect(due({ kind: 'limitation', start: '2023-06-01', damageDate: '2004-01-05' }).due).toBe('2024-01-05');
    expect(due({ kind: 'limitation', start: '2023-06-01', limitationRegime: 'labour-arbitration' })).toMatchObject({
      due: '2024-06-03',
      article: '劳动争议调解仲裁法 art. 27',
    });
  });

  it('filing decision, preservation suit and custom periods', () => {
    expect(due({ kind: 'filing-decision', start: '2024-03-04' }).due).toBe('2024-03-11');
    expect(due({ kind: 'preservation-suit', start: '2024-03-04' }).due).toBe('2024-04-03');
    expect(due({ kind: 'custom', start: '2024-03-04', days: 5 }).due).toBe('2024-03-11'); // 03-09 Sat → Mon
    expect(due({ kind: 'custom', start: '2024-01-31', months: 1 }).due).toBe('2024-02-29');
    expect(() => due({ kind: 'custom', start: '2024-01-31' })).toThrow(RuleInputError);
    expect(() => due({ kind: 'custom', start: '2024-01-31', days: 1, months: 1 })).toThrow(RuleInputError);
  });
});
