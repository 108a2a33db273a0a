import { describe, expect, it } from 'vitest';
import { activeExtensions, checkConversion, feeBalanceDeadline, procedureAt } from '../../../shared/rules/conversion';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { RuleInputError } from '../../../shared/rules/errors';
import { serviceDeadlines } from '../../../shared/rules/service';
import { ruleRefusal } from '../../helpers/rules';

const opts = { calendar: DEFAULT_CALENDAR } as const;
const base = { filedOn: '2025-12-22', ruledOn: '2026-03-18', today: '2026-03-20', excluded: [], extensions: [] } as const;

describe('procedure conversion (CPL arts. 169, 170; CPL-Interp art. 258)', () => {
  it('simplified → ordinary counts 6 months from the original filing date', () => {
    // Simplified: 2025-12-22 + 3 months = 2026-03-22 (Sun) → 03-23. Ordinary: 2026-06-22 (Mon).
    const c = checkConversion({ ...base, from: 'simplified', to: 'ordinary' }, opts);
    expect([c.before.due, c.after.due]).toEqual(['2026-03-23', '2026-06-22']);
    expect(c.article).toBe('CPL art. 170; CPL-Interp art. 258');
    expect(c.steps[0]?.zh).toContain('审限自立案之日起按普通程序计算');
  });

  it('keeps excluded periods and drops the simplified extension, saying so', () => {
    // Extension +1 month → 04-22 (Wed). Excluded 2026-01-05..01-14 (10 days): before 05-02 (Labour Day) → 05-06.
    const ext = { months: 1, days: 0, authority: 'president' as const, approvedOn: '2026-03-16' };
    const c = checkConversion({ ...base, from: 'simplified', to: 'ordinary', extensions: [ext], excluded: [{ from: '2026-01-05', to: '2026-01-14' }] }, opts);
    expect(c.before.due).toBe('2026-05-06');
    // Ordinary: 06-22 + 10 = 07-02 (Thu); the extension is not added.
    expect(c.after.due).toBe('2026-07-02');
    expect(c.superseded).toEqual([ext]);
    expect(c.steps[1]?.zh).toContain('2026-03-16批准的简易程序审限延长1个月随程序转换不再计入');
  });

  it('small claims → simplified: 3 months from filing, by analogy', () => {
    // 2026-02-02 + 2 months = 04-02 (Thu); + 3 months = 05-02 (Labour Day holiday) → 05-06 (Wed).
    const c = checkConversion({ ...base, filedOn: '2026-02-02', from: 'small-claims', to: 'simplified' }, opts);
    expect([c.before.due, c.after.due]).toEqual(['2026-04-02', '2026-05-06']);
    expect(c.article).toBe('CPL art. 169; CPL-Interp art. 258');
    expect(c.steps[0]?.zh).toContain('参照适用');
  });

  it('refuses what the law does not allow, naming the field', () => {
    expect(ruleRefusal(() => checkConversion({ ...base, from: 'ordinary', to: 'simplified' }, opts)).message).toMatch(/^to: .*CPL-Interp art\. 260/);
    expect(ruleRefusal(() => checkConversion({ ...base, from: 'simplified', to: 'small-claims' }, opts)).message).toMatch(/^to: .*CPL art\. 170/);
    expect(ruleRefusal(() => checkConversion({ ...base, from: 'simplified', to: 'ordinary', ruledOn: '2025-12-21' }, opts)).message).toMatch(/^ruledOn: /);
    expect(ruleRefusal(() => checkConversion({ ...base, from: 'simplified', to: 'ordinary', ruledOn: '2026-03-21' }, opts)).message).toMatch(/^ruledOn: .*future/);
    // Small claims filed 2026-01-05: limit 03-05 (Thu); a ruling on 03-06 is too late. On 03-05 it is in time.
    const small = { ...base, filedOn: '2026-01-05', from: 'small-claims' as const, to: 'ordinary' as const };
    const late = ruleRefusal(() => checkConversion({ ...small, ruledOn: '2026-03-06' }, opts));
    expect(late.message).toContain('expired on 2026-03-05');
    expect(late.zh).toContain('民诉法解释第二百五十八条');
    expect(checkConversion({ ...small, ruledOn: '2026-03-05' }, opts).after.due).toBe('2026-07-06'); // 07-05 is a Sunday
  });

  it('extensions before the ruling stop counting; the procedure of a date is the one then in force', () => {
    const conv = [{ from: 'simplified' as const, to: 'ordinary' as const, ruledOn: '2026-03-18' }];
    const exts = [{ approvedOn: '2026-03-16' }, { approvedOn: '2026-03-18' }, { approvedOn: '2026-03-19' }];
    expect(activeExtensions(exts, conv)).toEqual({ active: [{ approvedOn: '2026-03-19' }], superseded: [{ approvedOn: '2026-03-16' }, { approvedOn: '2026-03-18' }] });
    expect(activeExtensions(exts, [])).toEqual({ active: exts, superseded: [] });
    expect(procedureAt('ordinary', conv, '2026-03-17')).toBe('simplified');
    expect(procedureAt('ordinary', conv, '2026-03-18')).toBe('ordinary');
    const two = [{ from: 'small-claims' as const, ruledOn: '2026-03-01' }, { from: 'simplified' as const, ruledOn: '2026-03-18' }];
    expect(procedureAt('ordinary', two, '2026-02-20')).toBe('small-claims');
    expect(procedureAt('ordinary', two, '2026-03-10')).toBe('simplified');
  });

  it('an evidence period fixed before the conversion is judged by the former procedure', () => {
    // Served 2026-03-05 in simplified procedure with a 10-day evidence period (≤ 15, Evidence Rules art. 51) → 03-15 (Sun) → 03-16.
    const plan = {
      filedOn: '2026-03-02',
      procedure: 'ordinary' as const,
      today: '2026-03-20',
      defendants: [{ id: 'd', name: '李四' }],
      services: [{ partyId: 'd', partyName: '李四', method: 'personal' as const, servedOn: '2026-03-05', foreignDomicile: false, evidenceDays: 10 }],
    };
    expect(() => serviceDeadlines(plan, opts)).toThrow(RuleInputError); // 10 days is too short for ordinary
    const withRuling = serviceDeadlines({ ...plan, conversions: [{ from: 'simplified', ruledOn: '2026-03-18' }] }, opts);
    expect(withRuling.find((d) => d.kind === 'evidence')?.result.due).toBe('2026-03-16');
  });

  it('the fee balance is due 7 days after the ruling (CPL-Interp art. 199)', () => {
    // 2026-03-18 (Wed) + 7 = 03-25 (Wed); 2026-04-28 (Tue) + 7 = 05-05 (Labour Day) → 05-06.
    expect(feeBalanceDeadline('2026-03-18', opts).due).toBe('2026-03-25');
    expect(feeBalanceDeadline('2026-04-28', opts)).toMatchObject({ due: '2026-05-06', article: 'CPL-Interp art. 199; 诉讼费用交纳办法 art. 22' });
  });
});
