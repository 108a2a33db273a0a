import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HearingDraft } from '../../shared/contract/hearings';
import type { Registration } from '../../shared/contract/intake';
import { openTestBackend, type TestBackend } from '../helpers/backend';

// 2026-02-12 10:00 local, a Thursday.
const NOW = new Date(2026, 1, 12, 10, 0, 0).getTime();

/**
 * A trial inside the answer or evidence period (CPL arts. 128, 130; Evidence Rules art. 51) is
 * flagged when the hearing is planned, from the case's tracked deadlines: the estimate first, the
 * dates of the recorded service once there is one.
 */
describe('hearings and the answer / evidence periods (real SQLite file)', () => {
  let t: TestBackend;
  let reg: Registration;
  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    const c = await t.api['cases.create']({
      causeOfAction: '民间借贷纠纷',
      parties: [
        { role: 'plaintiff', name: '张三' },
        { role: 'defendant', name: '李四' },
      ],
      claims: [{ text: '判令被告偿还借款50,000元', amountFen: 5_000_000 }],
    });
    reg = await t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'ordinary', filedOn: '2026-02-02' });
  });
  afterEach(() => t.close());

  const draft = (date: string): HearingDraft => ({
    caseId: reg.case.id,
    type: 'trial',
    date,
    start: '09:00',
    end: '11:00',
    room: '第三法庭',
    presidingJudge: '王示审',
    clerk: '陈示记',
  });
  const due = (r: Registration, kind: string) => r.deadlines.find((d) => d.kind === kind)!.due;
  const periodConflicts = async (date: string) =>
    (await t.api['hearings.check']({ draft: draft(date) })).conflicts.filter((c) => c.kind.startsWith('before-'));

  it('warns about a trial inside the estimated periods, citing the articles, and not after them', async () => {
    const answerDue = due(reg, 'answer');
    const evidenceDue = due(reg, 'evidence');
    // Assumed service 02-07; +15 days = 02-22, inside the Spring Festival holiday → 02-24 for both.
    expect([answerDue, evidenceDue]).toEqual(['2026-02-24', '2026-02-24']);

    const inside = await periodConflicts(answerDue);
    expect(inside.map((c) => [c.kind, c.severity, c.rule])).toEqual([
      ['before-answer-period', 'warning', 'CPL arts. 128, 130'],
      ['before-evidence-period', 'warning', 'Evidence Rules art. 51; CPL-Interp art. 99'],
    ]);
    expect(inside[0]!.zh).toBe(
      `开庭日${answerDue}未过答辩期（${answerDue}届满）（按预估送达日计算，登记实际送达后会重新核对）；除当事人同意提前开庭外，应待答辩期届满后开庭`,
    );
    // A warning only: the hearing can still be created.
    const created = await t.api['hearings.create']({ draft: draft(answerDue) });
    expect(created.conflicts.some((c) => c.kind === 'before-answer-period')).toBe(true);

    expect(await periodConflicts('2026-02-25')).toEqual([]);
  });

  it('follows the recorded service, and drops the answer period once it is marked done', async () => {
    // Served 2026-02-10 (Tue): answer due 02-25 (Wed).
    const served = await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: reg.case.parties.find((p) => p.role === 'defendant')!.id, servedOn: '2026-02-10', method: 'personal', evidenceDays: 15 });
    expect(due(served, 'answer')).toBe('2026-02-25');
    const onDue = await periodConflicts('2026-02-25');
    expect(onDue.map((c) => c.kind)).toContain('before-answer-period');
    expect(onDue.find((c) => c.kind === 'before-answer-period')!.zh).not.toContain('预估');

    const answer = served.deadlines.find((d) => d.kind === 'answer')!;
    await t.api['deadlines.complete']({ id: answer.id, done: true });
    expect((await periodConflicts('2026-02-25')).map((c) => c.kind)).not.toContain('before-answer-period');
  });
});
