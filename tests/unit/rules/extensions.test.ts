import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR as calendar } from '../../../shared/rules/defaultCalendar';
import { RuleInputError } from '../../../shared/rules/errors';
import { checkExtension, trialLimitWithExtensions, type TrialExtension, type TrialLimitInput } from '../../../shared/rules/extensions';
import { ruleRefusal } from '../../helpers/rules';

const o = { calendar };
const text = (xs: ReadonlyArray<{ zh: string; en: string }>) => xs.map((x) => `${x.zh} | ${x.en}`).join('\n');
const ext = (over: Partial<TrialExtension>): TrialExtension => ({ months: 1, days: 0, authority: 'president', approvedOn: '2024-05-20', ...over });

describe('trial-limit extensions (审限延长)', () => {
  const simplified: TrialLimitInput = { filedOn: '2024-03-04', procedure: 'simplified', excluded: [], extensions: [] };

  it('simplified: 3 months, +1 month with the president’s approval, never more than 4 (CPL art. 164; CPL-Interp art. 258)', () => {
    const c = checkExtension({ ...simplified, next: ext({}), today: '2024-06-01' }, o);
    expect(c.before.due).toBe('2024-06-04');
    expect(c.after.due).toBe('2024-07-04');
    expect(c.article).toContain('CPL art. 164');
    expect(c.warnings).toEqual([]);
    // A second month, or 31 days instead of one month, passes 4 months in all: refused, citing the article.
    const again = ruleRefusal(() => checkExtension({ ...simplified, extensions: [ext({})], next: ext({ approvedOn: '2024-06-20' }), today: '2024-06-25' }, o));
    expect(again.message).toMatch(/^months: .*CPL art\. 164; CPL-Interp art\. 258/);
    expect(again.zh).toContain('民事诉讼法第一百六十四条');
    expect(() => checkExtension({ ...simplified, next: ext({ months: 0, days: 31 }), today: '2024-06-01' }, o)).toThrow(RuleInputError);
    expect(checkExtension({ ...simplified, next: ext({ months: 0, days: 30 }), today: '2024-06-01' }, o).after.due).toBe('2024-07-04');
    // Only the president: the higher court has no role in simplified procedure.
    expect(ruleRefusal(() => checkExtension({ ...simplified, next: ext({ authority: 'higher-court' }), today: '2024-06-01' }, o)).message).toMatch(/^authority: /);
  });

  it('a holiday at the end moves the extended limit: filed 2025-07-01 → 2025-10-09 (National Day); +1 month → 2025-11-03', () => {
    const c = checkExtension(
      { filedOn: '2025-07-01', procedure: 'simplified', excluded: [], extensions: [], next: ext({ approvedOn: '2025-09-20' }), today: '2025-09-25' },
      o,
    );
    expect(c.before.rawEnd).toBe('2025-10-01');
    expect(c.before.due).toBe('2025-10-09');
    expect(c.after.due).toBe('2025-11-03'); // 2025-11-01 is a Saturday
  });

  it('ordinary: +6 months by the president (CPL art. 152), further only by the higher court', () => {
    const ordinary: TrialLimitInput = { filedOn: '2024-08-31', procedure: 'ordinary', excluded: [], extensions: [] };
    const six = ext({ months: 6, approvedOn: '2025-02-10' });
    const c = checkExtension({ ...ordinary, next: six, today: '2025-02-11' }, o);
    expect(c.before.due).toBe('2025-02-28'); // brief §3.10: month-end rule
    expect(c.after.due).toBe('2025-09-01'); // 2025-08-31 is a Sunday
    const more = ruleRefusal(() => checkExtension({ ...ordinary, extensions: [six], next: ext({ approvedOn: '2025-08-20' }), today: '2025-08-21' }, o));
    expect(more.message).toMatch(/CPL art\. 152/);
    const higher = checkExtension({ ...ordinary, extensions: [six], next: ext({ months: 3, authority: 'higher-court', approvedOn: '2025-08-20' }), today: '2025-08-21' }, o);
    expect(higher.after.due).toBe('2025-12-01'); // 2025-11-30 is a Sunday
    expect(text(higher.after.warnings)).not.toMatch(/higher court/);
    // Without a recorded higher-court approval, the same total is flagged.
    const flagged = trialLimitWithExtensions({ ...ordinary, extensions: [six, ext({ months: 3, approvedOn: '2025-08-20' })] }, o);
    expect(text(flagged.warnings)).toMatch(/higher court/);
  });

  it('excluded periods and extensions add up', () => {
    const r = trialLimitWithExtensions({ ...simplified, excluded: [{ from: '2024-04-01', to: '2024-04-10' }], extensions: [ext({})] }, o);
    expect(r.due).toBe('2024-07-15'); // 07-04 + 10 = 07-14 (Sun) → 07-15
  });

  it('refuses approvals after expiry, in the future, before filing, and empty extensions; warns when late', () => {
    expect(ruleRefusal(() => checkExtension({ ...simplified, next: ext({ approvedOn: '2024-06-05' }), today: '2024-06-10' }, o)).message).toMatch(
      /^approvedOn: the trial limit expired on 2024-06-04/,
    );
    expect(ruleRefusal(() => checkExtension({ ...simplified, next: ext({ approvedOn: '2024-06-02' }), today: '2024-06-01' }, o)).message).toMatch(/^approvedOn: .*future/);
    expect(ruleRefusal(() => checkExtension({ ...simplified, next: ext({ approvedOn: '2024-03-01' }), today: '2024-06-01' }, o)).message).toMatch(/^approvedOn: .*before the filing/);
    expect(ruleRefusal(() => checkExtension({ ...simplified, next: ext({ months: 0, days: 0 }), today: '2024-06-01' }, o)).message).toMatch(/^months: /);
    // Decided 2024-06-01, 3 days before expiry: allowed, but the 5-day rule (SPC 2019 provisions art. 1) is flagged.
    const late = checkExtension({ ...simplified, next: ext({ approvedOn: '2024-06-01' }), today: '2024-06-01' }, o);
    expect(text(late.warnings)).toMatch(/5 days before/);
  });
});
