import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Procedure } from '../../shared/contract/cases';
import type { Registration, TrackedDeadline } from '../../shared/contract/intake';
import { expectAppError, openTestBackend, tempDir, type TestBackend } from '../helpers/backend';

// 2026-03-20 10:00 local, a Friday.
const NOW = new Date(2026, 2, 20, 10, 0, 0).getTime();

describe('deadlines: recorded service and trial-limit extensions (real SQLite file)', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
  });
  afterEach(() => t.close());

  function auditRows(action: string): Array<Record<string, unknown>> {
    const rows = t.backend.ctx.db.prepare('SELECT detail FROM audit WHERE action = ? ORDER BY at, rowid').all(action) as { detail: string }[];
    return rows.map((r) => JSON.parse(r.detail) as Record<string, unknown>);
  }

  async function registered(procedure: Procedure, filedOn: string, defendants = ['李四']) {
    const c = await t.api['cases.create']({
      causeOfAction: '民间借贷纠纷',
      parties: [{ role: 'plaintiff', name: '张三' }, ...defendants.map((name) => ({ role: 'defendant' as const, name }))],
      claims: [{ text: '判令被告偿还借款50,000元', amountFen: 5_000_000 }],
    });
    const reg = await t.api['intake.register']({ caseId: c.id, version: c.version, procedure, filedOn });
    const ids = Object.fromEntries(reg.case.parties.map((p) => [p.name, p.id]));
    return { reg, ids };
  }

  const row = (reg: Registration, kind: string): TrackedDeadline => {
    const d = reg.deadlines.find((x) => x.kind === kind);
    if (!d) throw new Error(`no ${kind} deadline`);
    return d;
  };

  it('replaces the estimate with dates from the actual service, with the basis and article, and audits it', async () => {
    const { reg, ids } = await registered('ordinary', '2026-02-02');
    // Registration assumed service on 02-07 (Sat): 02-22 (Sun, Spring Festival) → 02-24.
    expect(row(reg, 'answer')).toMatchObject({ estimated: true, due: '2026-02-24' });
    expect(row(reg, 'answer').basis?.zh).toContain('假定');
    expect(reg.services).toEqual([]);

    // Served by post 2026-02-10 (Tue): +15 = 02-25 (Wed); ordinary evidence period 20 days → 03-02 (Mon).
    const after = await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: ids['李四']!, servedOn: '2026-02-10', method: 'post', evidenceDays: 20 });
    const answer = row(after, 'answer');
    expect(answer).toMatchObject({ estimated: false, start: '2026-02-10', due: '2026-02-25', article: 'CPL art. 128; CPL art. 91' });
    expect(answer.basis?.zh).toBe('2026-02-10实际送达（邮寄送达，民事诉讼法第九十一条）');
    expect(answer.steps[0]?.zh).toContain('邮寄送达');
    expect(row(after, 'evidence')).toMatchObject({ estimated: false, due: '2026-03-02' });
    expect(after.services).toEqual([
      expect.objectContaining({ partyName: '李四', method: 'post', servedOn: '2026-02-10', effectiveOn: '2026-02-10', evidenceDays: 20, createdBy: '书记员甲' }),
    ]);
    // The dashboard list shows the same row, and its id did not change (status kept).
    const listed = await t.api['deadlines.list']({ caseId: reg.case.id, includeDone: true });
    expect(listed.items.find((d) => d.kind === 'answer')?.id).toBe(row(reg, 'answer').id);

    // A correction replaces the record; the audit keeps the previous one.
    const fixed = await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: ids['李四']!, servedOn: '2026-02-06', method: 'personal' });
    expect(fixed.services).toHaveLength(1);
    expect(row(fixed, 'answer').due).toBe('2026-02-24'); // 02-21 is in the Spring Festival (brief §3.10)
    const audits = auditRows('deadline.service');
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ partyName: '李四', method: 'personal', servedOn: '2026-02-06', previous: { method: 'post', servedOn: '2026-02-10' } });
  });

  it('publication service: deemed served after 30 days, and its period is not counted in the trial limit', async () => {
    const { reg, ids } = await registered('ordinary', '2026-01-05');
    expect(row(reg, 'trial-limit').due).toBe('2026-07-06'); // 07-05 is a Sunday
    const after = await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: ids['李四']!, servedOn: '2026-01-15', method: 'publication' });
    expect(after.services[0]?.effectiveOn).toBe('2026-02-14'); // a make-up workday: the period ends that day
    expect(row(after, 'answer')).toMatchObject({ estimated: false, due: '2026-03-02' }); // 03-01 is a Sunday
    expect(row(after, 'evidence').article).toContain('Evidence Rules art. 55');
    // 2026-01-16..02-14 (30 days) excluded: 07-05 + 30 = 08-04 (Tue).
    const tl = row(after, 'trial-limit');
    expect(tl.due).toBe('2026-08-04');
    expect(tl.steps.map((s) => s.zh).join('\n')).toContain('公告送达期间2026-01-16至2026-02-14（李四）不计入审限');
  });

  it('two defendants: stays estimated until both are served, then tracks the later one', async () => {
    const { reg, ids } = await registered('simplified', '2026-03-02', ['李四', '王五']);
    const one = await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: ids['李四']!, servedOn: '2026-03-10', method: 'electronic' });
    expect(row(one, 'answer')).toMatchObject({ estimated: true, due: '2026-03-25' });
    const both = await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: ids['王五']!, servedOn: '2026-03-04', method: 'refusal' });
    expect(row(both, 'answer')).toMatchObject({ estimated: false, due: '2026-03-25' });
    expect(row(both, 'answer').basis?.zh).toContain('被告李四');
  });

  it('extends the trial limit, records why, and refuses what the law does not allow', async () => {
    const { reg } = await registered('simplified', '2025-12-22');
    // Simplified: 3 months → 2026-03-22 (Sun) → 03-23.
    expect(row(reg, 'trial-limit').due).toBe('2026-03-23');
    const extended = await t.api['deadlines.extend']({
      caseId: reg.case.id,
      kind: 'trial-limit',
      months: 1,
      approvedBy: '院长 王某',
      approvedOn: '2026-03-16',
      reason: '需补充调查当事人财产状况',
    });
    const tl = row(extended, 'trial-limit');
    expect(tl.due).toBe('2026-04-22');
    expect(tl.basis?.zh).toContain('经批准延长1次');
    expect(tl.steps[0]?.zh).toContain('2026-03-16经本院院长（院长 王某）批准延长1个月，理由：需补充调查当事人财产状况');
    expect(extended.extensions).toEqual([
      expect.objectContaining({ months: 1, days: 0, authority: 'president', dueBefore: '2026-03-23', dueAfter: '2026-04-22', createdBy: '书记员甲' }),
    ]);
    expect(auditRows('deadline.extend')).toEqual([expect.objectContaining({ months: 1, dueBefore: '2026-03-23', dueAfter: '2026-04-22', reason: '需补充调查当事人财产状况' })]);

    // A second month would pass 4 months in all (CPL art. 164; CPL-Interp art. 258).
    const more = await expectAppError(
      t.api['deadlines.extend']({ caseId: reg.case.id, kind: 'trial-limit', months: 1, approvedBy: '院长 王某', approvedOn: '2026-03-18', reason: '再延长' }),
    );
    expect(more.code).toBe('BAD_INPUT');
    expect(more.details?.issues?.[0]?.path).toBe('months');
    expect(more.message).toContain('CPL art. 164; CPL-Interp art. 258');
    expect((more.details as { zh?: string }).zh).toContain('民事诉讼法第一百六十四条');
    const higher = await expectAppError(
      t.api['deadlines.extend']({ caseId: reg.case.id, kind: 'trial-limit', days: 5, authority: 'higher-court', approvedBy: '中院', approvedOn: '2026-03-18', reason: 'x' }),
    );
    expect(higher.details?.issues?.[0]?.path).toBe('authority');
    // Nothing of the refused extensions was saved.
    const now = await t.api['intake.registration']({ caseId: reg.case.id });
    expect(now.extensions).toHaveLength(1);
    expect(row(now, 'trial-limit').due).toBe('2026-04-22');
    expect(auditRows('deadline.extend')).toHaveLength(1);

    // A later pause keeps the extension in the recomputation.
    const paused = await t.api['deadlines.pause']({ caseId: reg.case.id, from: '2026-03-01', to: '2026-03-05', reason: '鉴定' });
    expect(row(paused, 'trial-limit').due).toBe('2026-04-27'); // 04-22 + 5 = 04-27 (Mon)
  });
});

describe('deadlines: bad input for service and extensions', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ court: { name: '某法院', code: '粤0305' } });
  });
  afterEach(() => t.close());

  async function setup(procedure: Procedure = 'simplified') {
    const c = await t.api['cases.create']({ parties: [{ role: 'plaintiff', name: '张三' }, { role: 'defendant', name: '李四' }] });
    const reg = await t.api['intake.register']({ caseId: c.id, version: c.version, procedure, filedOn: '2026-03-02' });
    const defendant = reg.case.parties.find((p) => p.role === 'defendant')!.id;
    const plaintiff = reg.case.parties.find((p) => p.role === 'plaintiff')!.id;
    return { reg, defendant, plaintiff };
  }

  const snapshot = async (caseId: string) => {
    const r = await t.api['intake.registration']({ caseId });
    return { deadlines: r.deadlines.map((d) => [d.kind, d.due, d.estimated, d.updatedAt]), services: r.services, extensions: r.extensions };
  };

  it('names the field and saves nothing', async () => {
    const { reg, defendant, plaintiff } = await setup();
    const before = await snapshot(reg.case.id);
    const id = reg.case.id;
    const cases: Array<[Promise<unknown>, string, string]> = [
      [t.api['deadlines.recordService']({ caseId: id, partyId: defendant, servedOn: '2026-02-30', method: 'post' }), 'BAD_INPUT', 'servedOn'],
      [t.api['deadlines.recordService']({ caseId: id, partyId: defendant, servedOn: '2026-03-01', method: 'post' }), 'BAD_INPUT', 'servedOn'],
      [t.api['deadlines.recordService']({ caseId: id, partyId: defendant, servedOn: '2026-04-01', method: 'post' }), 'BAD_INPUT', 'servedOn'],
      [t.api['deadlines.recordService']({ caseId: id, partyId: defendant, servedOn: '2026-03-05', method: 'publication' }), 'BAD_INPUT', 'method'],
      [t.api['deadlines.recordService']({ caseId: id, partyId: defendant, servedOn: '2026-03-05', method: 'pigeon' as 'post' }), 'BAD_INPUT', 'method'],
      [t.api['deadlines.recordService']({ caseId: id, partyId: defendant, servedOn: '2026-03-05', method: 'post', evidenceDays: 20 }), 'BAD_INPUT', 'evidenceDays'],
      // Service on a plaintiff is recorded, but an evidence period on it would move nothing.
      [t.api['deadlines.recordService']({ caseId: id, partyId: plaintiff, servedOn: '2026-03-05', method: 'post', evidenceDays: 10 }), 'BAD_INPUT', 'evidenceDays'],
      [t.api['deadlines.recordService']({ caseId: id, partyId: 'no-such-party', servedOn: '2026-03-05', method: 'post' }), 'BAD_INPUT', 'partyId'],
      [t.api['deadlines.recordService']({ caseId: 'no-such-case', partyId: defendant, servedOn: '2026-03-05', method: 'post' }), 'NOT_FOUND', ''],
      [t.api['deadlines.extend']({ caseId: 'no-such-case', kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-03-10', reason: 'x' }), 'NOT_FOUND', ''],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 2, approvedBy: '院长', approvedOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'months'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', approvedBy: '院长', approvedOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'months'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '  ', approvedOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'approvedBy'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-03-10', reason: '' }), 'BAD_INPUT', 'reason'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-13-01', reason: 'x' }), 'BAD_INPUT', 'approvedOn'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-02-27', reason: 'x' }), 'BAD_INPUT', 'approvedOn'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-03-21', reason: 'x' }), 'BAD_INPUT', 'approvedOn'],
      [t.api['deadlines.extend']({ caseId: id, kind: 'answer' as 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'kind'],
    ];
    for (const [p, code, path] of cases) {
      const err = await expectAppError(p);
      expect([err.code, err.details?.issues?.[0]?.path ?? '']).toEqual([code, path]);
    }
    expect(await snapshot(id)).toEqual(before);
    expect(t.backend.ctx.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action IN ('deadline.service', 'deadline.extend')").get()).toEqual({ n: 0 });
  });

  it('refuses a draft case and an expired trial limit', async () => {
    const draft = await t.api['cases.create']({ parties: [{ role: 'defendant', name: '李四' }] });
    const d = await expectAppError(t.api['deadlines.recordService']({ caseId: draft.id, partyId: draft.parties[0]!.id, servedOn: '2026-03-05', method: 'post' }));
    expect(d.code).toBe('CONFLICT');
    const c = await t.api['cases.create']({ parties: [{ role: 'plaintiff', name: '张三' }, { role: 'defendant', name: '李四' }] });
    const reg = await t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'small_claims', filedOn: '2026-01-05' });
    // Small claims: 2 months → 2026-03-05; approved 03-10 is after expiry.
    const late = await expectAppError(
      t.api['deadlines.extend']({ caseId: reg.case.id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-03-10', reason: 'x' }),
    );
    expect(late.details?.issues?.[0]?.path).toBe('approvedOn');
    expect(late.message).toContain('expired on 2026-03-05');
  });

  it('the records survive a restart on the same SQLite file and a case edit that rewrites the parties', async () => {
    const dir = tempDir();
    try {
      const t1 = await openTestBackend(dir.dir, () => NOW);
      await t1.api['settings.update']({ court: { name: '某法院', code: '粤0305' } });
      const c0 = await t1.api['cases.create']({ parties: [{ role: 'plaintiff', name: '张三' }, { role: 'defendant', name: '李四' }] });
      const reg = await t1.api['intake.register']({ caseId: c0.id, version: c0.version, procedure: 'ordinary', filedOn: '2026-03-02' });
      const defendant = reg.case.parties.find((p) => p.role === 'defendant')!.id;
      await t1.api['deadlines.recordService']({ caseId: reg.case.id, partyId: defendant, servedOn: '2026-03-05', method: 'personal' });
      await t1.api['deadlines.extend']({ caseId: reg.case.id, kind: 'trial-limit', months: 2, approvedBy: '院长', approvedOn: '2026-03-19', reason: '案情复杂' });
      const c = await t1.api['cases.get']({ id: reg.case.id });
      await t1.api['cases.update']({ id: c.id, version: c.version, case: { ...c, summary: '改一下摘要' } });
      await t1.close();
      const t2 = await openTestBackend(dir.dir, () => NOW);
      const r = await t2.api['intake.registration']({ caseId: reg.case.id });
      expect(r.services.map((s) => [s.partyName, s.partyId, s.servedOn])).toEqual([['李四', defendant, '2026-03-05']]);
      expect(r.extensions.map((e) => [e.months, e.reason])).toEqual([[2, '案情复杂']]);
      expect(r.deadlines.find((d) => d.kind === 'answer')?.estimated).toBe(false);
      // The party kept its id through the edit, so the service still counts for it.
      expect(r.case.parties.find((p) => p.role === 'defendant')?.id).toBe(defendant);
      await t2.close();
    } finally {
      dir.cleanup();
    }
  });
});
