import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR as calendar } from '../../../shared/rules/defaultCalendar';
import { RuleInputError } from '../../../shared/rules/errors';
import { publicationPeriods, serviceDeadlines, serviceEffect, type DefendantService, type ServicePlanInput } from '../../../shared/rules/service';
import { ruleRefusal } from '../../helpers/rules';

const o = { calendar };
const text = (xs: ReadonlyArray<{ zh: string; en: string }>) => xs.map((x) => `${x.zh} | ${x.en}`).join('\n');

function served(partyId: string, over: Partial<DefendantService> = {}): DefendantService {
  return { partyId, partyName: partyId, method: 'post', servedOn: '2026-02-06', foreignDomicile: false, evidenceDays: null, ...over };
}

function plan(over: Partial<ServicePlanInput>): ServicePlanInput {
  return { filedOn: '2026-02-02', procedure: 'ordinary', today: '2026-03-20', defendants: [{ id: 'a', name: '李四' }], services: [], ...over };
}

describe('service (送达) and the periods it starts', () => {
  it('before service is recorded, assumes the 5th day after filing and says so (CPL art. 128)', () => {
    // Filed 2026-01-05 (Mon): assumed service 01-10 (Sat); +15 days = 01-25 (Sun) → 01-26 (Mon).
    const [answer, evidence] = serviceDeadlines(plan({ filedOn: '2026-01-05' }), o);
    expect(answer?.estimated).toBe(true);
    expect(answer?.result.start).toBe('2026-01-10');
    expect(answer?.result.due).toBe('2026-01-26');
    expect(answer?.basis.zh).toContain('假定');
    expect(evidence?.result.due).toBe('2026-01-26');
  });

  it('answer from an actual postal service 2026-02-06 crosses the Spring Festival: raw 02-21 → 2026-02-24 (brief §3.10)', () => {
    const [answer, evidence] = serviceDeadlines(plan({ services: [served('a')] }), o);
    expect(answer?.estimated).toBe(false);
    expect(answer?.result.rawEnd).toBe('2026-02-21');
    expect(answer?.result.due).toBe('2026-02-24');
    expect(answer?.article).toBe('CPL art. 128; CPL art. 91');
    expect(answer?.basis.zh).toBe('2026-02-06实际送达（邮寄送达，民事诉讼法第九十一条）');
    expect(text(answer?.result.steps ?? [])).toContain('春节');
    expect(text(answer?.extraSteps ?? [])).toContain('回执上注明的收件日期');
    // Ordinary procedure, evidence period 15 days by default (Evidence Rules art. 51): same day.
    expect(evidence?.result.due).toBe('2026-02-24');
    expect(evidence?.article).toContain('Evidence Rules art. 51');
  });

  it('a defendant without a domicile in China has 30 days (CPL art. 285); a court-fixed evidence period is used', () => {
    // Served 2026-03-02 (Mon): +30 = 04-01 (Wed). Evidence 20 days: 03-22 (Sun) → 03-23 (Mon).
    const [answer, evidence] = serviceDeadlines(plan({ services: [served('a', { servedOn: '2026-03-02', foreignDomicile: true, evidenceDays: 20 })] }), o);
    expect(answer?.result.due).toBe('2026-04-01');
    expect(answer?.article).toContain('CPL art. 285');
    expect(evidence?.result.due).toBe('2026-03-23');
  });

  it('publication: deemed served 30 days after publication (CPL art. 95), then the answer and evidence periods run (brief §3.10)', () => {
    const e = serviceEffect({ method: 'publication', servedOn: '2025-03-03', filedOn: '2025-02-20', procedure: 'ordinary', today: '2025-06-01' }, o);
    expect(e.effectiveOn).toBe('2025-04-02');
    expect(e.deemed).toBe(true);
    expect(e.publicationPeriod).toEqual({ from: '2025-03-04', to: '2025-04-02' });
    const [answer, evidence] = serviceDeadlines(
      plan({ filedOn: '2025-02-20', today: '2025-06-01', services: [served('a', { method: 'publication', servedOn: '2025-03-03' })] }),
      o,
    );
    expect(answer?.result.due).toBe('2025-04-17');
    expect(answer?.basis.zh).toContain('视为送达');
    // The brief marks "answer period from the day after deemed service" [U]: it is flagged.
    expect(text(answer?.result.warnings ?? [])).toMatch(/no express rule/);
    // Evidence Rules art. 55: from the day after the publication period.
    expect(evidence?.article).toContain('Evidence Rules art. 55');
    expect(evidence?.result.due).toBe('2025-04-17');
  });

  it('publication abroad is 60 days (CPL art. 283); a deemed date on a make-up workday stands (policy)', () => {
    const abroad = serviceEffect({ method: 'publication', servedOn: '2025-03-03', filedOn: '2025-03-01', procedure: 'ordinary', foreignDomicile: true, today: '2025-06-01' }, o);
    // 2025-03-03 + 60 days = 05-02, inside the Labour Day holiday (05-01–05-05) → 05-06.
    expect(abroad.effectiveOn).toBe('2025-05-06');
    expect(abroad.article).toBe('CPL art. 283');
    // 2026-01-15 + 30 = 2026-02-14, a Saturday that is a make-up workday (brief §8.4).
    const e = serviceEffect({ method: 'publication', servedOn: '2026-01-15', filedOn: '2026-01-05', procedure: 'ordinary', today: '2026-03-20' }, o);
    expect(e.effectiveOn).toBe('2026-02-14');
  });

  it('several defendants: each from its own service; the case tracks the latest and stays estimated until all are served', () => {
    const defendants = [
      { id: 'a', name: '李四' },
      { id: 'b', name: '王五' },
    ];
    // Filed 2026-01-05: 李四 served 01-12 (Mon) → 01-27 (Tue); 王五 assumed 01-10 → 01-26.
    const [partial] = serviceDeadlines(plan({ filedOn: '2026-01-05', defendants, services: [served('a', { servedOn: '2026-01-12' })] }), o);
    expect(partial?.result.due).toBe('2026-01-27');
    expect(partial?.estimated).toBe(true);
    expect(text(partial?.extraSteps ?? [])).toContain('尚未登记送达：王五');
    const [all] = serviceDeadlines(
      plan({ filedOn: '2026-01-05', defendants, services: [served('a', { servedOn: '2026-01-12' }), served('b', { servedOn: '2026-01-07', method: 'personal' })] }),
      o,
    );
    expect(all?.estimated).toBe(false);
    expect(all?.result.due).toBe('2026-01-27');
    expect(all?.basis.zh).toContain('被告李四');
    // A record of someone who is no longer a defendant is ignored.
    const [stray] = serviceDeadlines(plan({ filedOn: '2026-01-05', services: [served('zzz', { servedOn: '2026-01-12' })] }), o);
    expect(stray?.estimated).toBe(true);
  });

  it('publication periods are excluded from the trial limit (CPL-Interp art. 243)', () => {
    const p = publicationPeriods(plan({ filedOn: '2026-01-05', services: [served('a', { method: 'publication', servedOn: '2026-01-15' })] }), o);
    expect(p).toEqual([{ from: '2026-01-16', to: '2026-02-14', partyName: '李四' }]);
  });

  it('refuses a service before filing, in the future, or by publication in simplified procedure (CPL-Interp art. 140)', () => {
    const base = { method: 'post' as const, filedOn: '2026-02-02', procedure: 'ordinary' as const, today: '2026-03-20' };
    expect(ruleRefusal(() => serviceEffect({ ...base, servedOn: '2026-02-01' }, o)).message).toMatch(/^servedOn: .*before the filing date 2026-02-02/);
    expect(serviceEffect({ ...base, servedOn: '2026-02-02' }, o).effectiveOn).toBe('2026-02-02');
    expect(ruleRefusal(() => serviceEffect({ ...base, servedOn: '2026-03-21' }, o)).message).toMatch(/^servedOn: .*future/);
    const pub = ruleRefusal(() => serviceEffect({ ...base, method: 'publication', procedure: 'simplified', servedOn: '2026-02-10' }, o));
    expect(pub.message).toMatch(/^method: .*CPL-Interp art\. 140/);
    expect(pub.zh).toContain('民诉法解释第140条');
    expect(() => serviceEffect({ ...base, method: 'publication', procedure: 'small-claims', servedOn: '2026-02-10' }, o)).toThrow(RuleInputError);
  });
});
