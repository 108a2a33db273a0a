import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PartyInput, Procedure } from '../../shared/contract/cases';
import type { Registration, TrackedDeadline } from '../../shared/contract/intake';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

// 2026-03-20 10:00 local, a Friday.
const NOW = new Date(2026, 2, 20, 10, 0, 0).getTime();

describe('deadlines follow case edits and procedure conversions (real SQLite file)', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
  });
  afterEach(() => t.close());

  function audits(action: string): Array<Record<string, unknown>> {
    const rows = t.backend.ctx.db.prepare('SELECT detail FROM audit WHERE action = ? ORDER BY at, rowid').all(action) as { detail: string }[];
    return rows.map((r) => JSON.parse(r.detail) as Record<string, unknown>);
  }

  async function registered(procedure: Procedure, filedOn: string, extra: PartyInput[] = []) {
    const c = await t.api['cases.create']({
      causeOfAction: '民间借贷纠纷',
      parties: [{ role: 'plaintiff', name: '张三' }, { role: 'defendant', name: '李四' }, ...extra],
      claims: [{ text: '判令被告偿还借款50,000元', amountFen: 5_000_000 }],
    });
    const reg = await t.api['intake.register']({ caseId: c.id, version: c.version, procedure, filedOn });
    const ids = Object.fromEntries(reg.case.parties.map((p) => [p.name, p.id])) as Record<string, string>;
    return { reg, ids, id: reg.case.id };
  }

  const row = (reg: Registration, kind: string): TrackedDeadline => {
    const d = reg.deadlines.find((x) => x.kind === kind);
    if (!d) throw new Error(`no ${kind} deadline`);
    return d;
  };

  async function edit(id: string, patch: Record<string, unknown>) {
    const c = await t.api['cases.get']({ id });
    return t.api['cases.update']({ id, version: c.version, case: { ...c, ...patch } });
  }

  const snapshot = async (id: string) => {
    const r = await t.api['intake.registration']({ caseId: id });
    return { case: r.case, fee: r.fee, deadlines: r.deadlines.map((d) => [d.kind, d.due, d.status, d.estimated, d.updatedAt]), services: r.services, conversions: r.conversions };
  };
  const auditCount = () => (t.backend.ctx.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;

  it('an edit of the filing date recomputes every open deadline in the same transaction, audits what moved, and leaves done ones alone', async () => {
    const { reg, id } = await registered('ordinary', '2026-02-02');
    // Fee 02-09 (Mon); service assumed 02-07 → answer 02-22 (Spring Festival) → 02-24; trial limit 08-02 (Sun) → 08-03.
    expect([row(reg, 'fee-payment').due, row(reg, 'answer').due, row(reg, 'evidence').due, row(reg, 'trial-limit').due]).toEqual([
      '2026-02-09',
      '2026-02-24',
      '2026-02-24',
      '2026-08-03',
    ]);
    await t.api['deadlines.complete']({ id: row(reg, 'fee-payment').id });

    await edit(id, { filedOn: '2026-03-02' });
    const after = await t.api['intake.registration']({ caseId: id });
    // Service assumed 03-07 (Sat) + 15 = 03-22 (Sun) → 03-23 (Mon); 6 months → 09-02 (Wed).
    expect(row(after, 'answer')).toMatchObject({ id: row(reg, 'answer').id, due: '2026-03-23', estimated: true, status: 'open' });
    expect(row(after, 'evidence').due).toBe('2026-03-23');
    expect(row(after, 'trial-limit')).toMatchObject({ id: row(reg, 'trial-limit').id, due: '2026-09-02', start: '2026-03-02' });
    // The fee was paid by the notice then in force: the done row keeps its date.
    expect(row(after, 'fee-payment')).toMatchObject({ due: '2026-02-09', status: 'done' });
    const a = audits('case.update').at(-1);
    expect(a).toMatchObject({
      fields: { filedOn: { from: '2026-02-02', to: '2026-03-02' } },
      deadlines: expect.arrayContaining([
        { kind: 'answer', from: '2026-02-24', to: '2026-03-23' },
        { kind: 'evidence', from: '2026-02-24', to: '2026-03-23' },
        { kind: 'trial-limit', from: '2026-08-03', to: '2026-09-02' },
      ]),
      keptDone: ['fee-payment'],
    });
  });

  it('a recorded service, pause or extension dated before a new filing date refuses the edit naming case.filedOn; nothing changes', async () => {
    const { id, ids } = await registered('ordinary', '2026-02-02');
    await t.api['deadlines.recordService']({ caseId: id, partyId: ids['李四']!, servedOn: '2026-02-10', method: 'post' });
    const before = await snapshot(id);
    const n = auditCount();

    const late = await expectAppError(edit(id, { filedOn: '2026-02-12' }));
    expect(late.code).toBe('BAD_INPUT');
    expect(late.details?.issues?.[0]?.path).toBe('case.filedOn');
    expect(late.message).toContain('李四 (2026-02-10)');
    expect((late.details as { zh?: string }).zh).toContain('请先更正该送达记录');
    const cleared = await expectAppError(edit(id, { filedOn: null }));
    expect(cleared.details?.issues?.[0]?.path).toBe('case.filedOn');
    const noProcedure = await expectAppError(edit(id, { procedure: null }));
    expect(noProcedure.details?.issues?.[0]?.path).toBe('case.procedure');
    expect(await snapshot(id)).toEqual(before);
    expect(auditCount()).toBe(n);

    // Moving it to a day still before the service is fine.
    await edit(id, { filedOn: '2026-02-03' });
    expect((await t.api['intake.registration']({ caseId: id })).case.filedOn).toBe('2026-02-03');
  });

  it('a procedure correction the recorded facts do not allow is refused naming case.procedure', async () => {
    // Publication service is not allowed in simplified procedure (CPL-Interp art. 140).
    const a = await registered('ordinary', '2026-01-05');
    await t.api['deadlines.recordService']({ caseId: a.id, partyId: a.ids['李四']!, servedOn: '2026-01-15', method: 'publication' });
    const before = await snapshot(a.id);
    const pub = await expectAppError(edit(a.id, { procedure: 'simplified' }));
    expect([pub.code, pub.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'case.procedure']);
    expect(pub.message).toContain('CPL-Interp art. 140');
    expect(await snapshot(a.id)).toEqual(before);

    // A 6-month ordinary extension exceeds what simplified procedure allows (CPL art. 164).
    const b = await registered('ordinary', '2026-01-05');
    await t.api['deadlines.extend']({ caseId: b.id, kind: 'trial-limit', months: 6, approvedBy: '院长', approvedOn: '2026-03-19', reason: '案情复杂' });
    const ext = await expectAppError(edit(b.id, { procedure: 'simplified' }));
    expect([ext.code, ext.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'case.procedure']);
    expect(ext.message).toContain('CPL art. 164');
  });

  it('correcting the procedure recomputes the trial limit and the fee; adding a defendant makes the answer period estimated again', async () => {
    const { id, ids } = await registered('simplified', '2026-02-02');
    const reg = await t.api['intake.registration']({ caseId: id });
    // Simplified: 05-02 is in the Labour Day holiday (05-01–05-05) → 05-06 (Wed). Fee halved: 525.
    expect(row(reg, 'trial-limit').due).toBe('2026-05-06');
    expect(reg.fee?.fee).toBe('525.00');
    await edit(id, { procedure: 'ordinary' });
    const after = await t.api['intake.registration']({ caseId: id });
    expect(row(after, 'trial-limit').due).toBe('2026-08-03');
    expect(after.fee).toMatchObject({ fee: '1050.00', halved: false });
    expect(audits('case.update').at(-1)).toMatchObject({ fee: { from: '525.00', to: '1050.00' }, deadlines: [{ kind: 'trial-limit', from: '2026-05-06', to: '2026-08-03' }] });

    // 李四 served 03-05 → answer 03-20 (Fri); a new defendant 王五 is not served yet: estimated 03-07 → 03-23 again.
    await edit(id, { filedOn: '2026-03-02' });
    const served = await t.api['deadlines.recordService']({ caseId: id, partyId: ids['李四']!, servedOn: '2026-03-05', method: 'personal' });
    expect(row(served, 'answer')).toMatchObject({ due: '2026-03-20', estimated: false });
    const c = await t.api['cases.get']({ id });
    await t.api['cases.update']({ id, version: c.version, case: { ...c, parties: [...c.parties, { role: 'defendant', name: '王五' }] } });
    const more = await t.api['intake.registration']({ caseId: id });
    expect(row(more, 'answer')).toMatchObject({ due: '2026-03-23', estimated: true });
    // An edit that does not touch the facts leaves the deadlines and their audit alone.
    const stamp = row(more, 'answer').updatedAt;
    await edit(id, { summary: '只改摘要' });
    expect(audits('case.update').at(-1)).not.toHaveProperty('deadlines');
    expect(row(await t.api['intake.registration']({ caseId: id }), 'answer').updatedAt).toBe(stamp);
  });

  it('converts simplified → ordinary: the limit counts from filing under ordinary procedure, the simplified extension stops counting, the fee balance is due', async () => {
    const { id } = await registered('simplified', '2025-12-22');
    const ext = await t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '院长 王某', approvedOn: '2026-03-16', reason: '需补充调查' });
    expect(row(ext, 'trial-limit').due).toBe('2026-04-22');
    await t.api['deadlines.complete']({ id: row(ext, 'fee-payment').id });

    const c = await t.api['cases.get']({ id });
    const conv = await t.api['cases.convertProcedure']({ caseId: id, version: c.version, to: 'ordinary', ruledOn: '2026-03-18', reason: '案情复杂，需要鉴定' });
    expect(conv.case.procedure).toBe('ordinary');
    // 2025-12-22 + 6 months = 2026-06-22 (Mon); the 1-month simplified extension does not add to it.
    const tl = row(conv, 'trial-limit');
    expect(tl.due).toBe('2026-06-22');
    const steps = tl.steps.map((s) => s.zh).join('\n');
    expect(steps).toContain('2026-03-18裁定由简易程序转为普通程序，审限自立案之日起按普通程序计算（民事诉讼法第一百七十条、民诉法解释第二百五十八条）');
    expect(steps).toContain('2026-03-16批准的简易程序审限延长1个月随程序转换不再计入');
    expect(tl.basis?.zh).toContain('转为普通程序');
    expect(conv.conversions).toEqual([
      expect.objectContaining({ from: 'simplified', to: 'ordinary', ruledOn: '2026-03-18', dueBefore: '2026-04-22', dueAfter: '2026-06-22', feeBeforeFen: 52_500, feeAfterFen: 105_000, createdBy: '书记员甲' }),
    ]);
    // CPL-Interp art. 199: the balance of 525.00 within 7 days of the notice → 03-25 (Wed), reopened.
    expect(conv.fee?.fee).toBe('1050.00');
    expect(row(conv, 'fee-payment')).toMatchObject({ due: '2026-03-25', status: 'open' });
    expect(row(conv, 'fee-payment').basis?.zh).toContain('补交差额¥525.00');
    expect(row(conv, 'fee-payment').article).toContain('CPL-Interp art. 199');
    expect(conv.extensions).toHaveLength(1); // kept in the record
    expect(audits('case.convertProcedure')).toEqual([
      expect.objectContaining({ procedure: { from: 'simplified', to: 'ordinary' }, dueBefore: '2026-04-22', dueAfter: '2026-06-22', fee: { from: '525.00', to: '1050.00' }, reason: '案情复杂，需要鉴定' }),
    ]);

    // Extensions under ordinary procedure: approved after the ruling, the president's 6 months (CPL art. 152).
    const early = await expectAppError(
      t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2026-03-18', reason: 'x' }),
    );
    expect([early.code, early.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'approvedOn']);
    const six = await t.api['deadlines.extend']({ caseId: id, kind: 'trial-limit', months: 6, approvedBy: '院长', approvedOn: '2026-03-19', reason: '鉴定' });
    expect(row(six, 'trial-limit').due).toBe('2026-12-22');
    // The procedure is now the ruling's: an edit cannot change it.
    const edited = await expectAppError(edit(id, { procedure: 'simplified' }));
    expect(edited.details?.issues?.[0]?.path).toBe('case.procedure');
  });

  it('converts small claims → simplified: 3 months from filing; no fee change', async () => {
    const { id } = await registered('small_claims', '2026-02-02');
    const reg = await t.api['intake.registration']({ caseId: id });
    expect(row(reg, 'trial-limit').due).toBe('2026-04-02'); // 2 months (CPL art. 168)
    const c = await t.api['cases.get']({ id });
    const conv = await t.api['cases.convertProcedure']({ caseId: id, version: c.version, to: 'simplified', ruledOn: '2026-03-18', reason: '被告提出反诉' });
    // 3 months → 05-02 (Labour Day) → 05-06 (Wed), by analogy with CPL-Interp art. 258.
    expect(row(conv, 'trial-limit').due).toBe('2026-05-06');
    expect(row(conv, 'trial-limit').steps.map((s) => s.zh).join('\n')).toContain('民事诉讼法第一百六十九条，参照民诉法解释第二百五十八条');
    expect(conv.conversions[0]).toMatchObject({ from: 'small_claims', to: 'simplified', feeBeforeFen: 52_500, feeAfterFen: 52_500, article: 'CPL art. 169; CPL-Interp art. 258' });
    expect(row(conv, 'fee-payment').due).toBe(row(reg, 'fee-payment').due);
  });

  it('refuses a conversion the law does not allow, naming the field, and saves nothing', async () => {
    const { id } = await registered('simplified', '2026-02-02');
    const ord = await registered('ordinary', '2026-02-02');
    const small = await registered('small_claims', '2026-01-05');
    const v = async (caseId: string) => (await t.api['cases.get']({ id: caseId })).version;
    const before = await Promise.all([id, ord.id, small.id].map(snapshot));
    const n = auditCount();
    const cases: Array<[Promise<unknown>, string, string]> = [
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'simplified', ruledOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'to'],
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'small_claims', ruledOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'to'],
      [t.api['cases.convertProcedure']({ caseId: ord.id, version: await v(ord.id), to: 'simplified', ruledOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'to'],
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'ordinary', ruledOn: '2026-02-01', reason: 'x' }), 'BAD_INPUT', 'ruledOn'],
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'ordinary', ruledOn: '2026-03-21', reason: 'x' }), 'BAD_INPUT', 'ruledOn'],
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'ordinary', ruledOn: '2026-02-30', reason: 'x' }), 'BAD_INPUT', 'ruledOn'],
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'ordinary', ruledOn: '2026-03-10', reason: ' ' }), 'BAD_INPUT', 'reason'],
      [t.api['cases.convertProcedure']({ caseId: id, version: await v(id), to: 'appeal' as 'ordinary', ruledOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'to'],
      // Small claims filed 01-05: 2 months → 03-05; a ruling on 03-10 comes after expiry (CPL-Interp art. 258).
      [t.api['cases.convertProcedure']({ caseId: small.id, version: await v(small.id), to: 'ordinary', ruledOn: '2026-03-10', reason: 'x' }), 'BAD_INPUT', 'ruledOn'],
      [t.api['cases.convertProcedure']({ caseId: id, version: 1, to: 'ordinary', ruledOn: '2026-03-10', reason: 'x' }), 'CONFLICT', ''],
      [t.api['cases.convertProcedure']({ caseId: 'no-such-case', version: 1, to: 'ordinary', ruledOn: '2026-03-10', reason: 'x' }), 'NOT_FOUND', ''],
    ];
    for (const [p, code, path] of cases) {
      const err = await expectAppError(p);
      expect([err.code, err.details?.issues?.[0]?.path ?? '']).toEqual([code, path]);
    }
    const ordErr = await expectAppError(t.api['cases.convertProcedure']({ caseId: ord.id, version: await v(ord.id), to: 'simplified', ruledOn: '2026-03-10', reason: 'x' }));
    expect(ordErr.message).toContain('CPL-Interp art. 260');
    const expired = await expectAppError(t.api['cases.convertProcedure']({ caseId: small.id, version: await v(small.id), to: 'ordinary', ruledOn: '2026-03-10', reason: 'x' }));
    expect(expired.message).toContain('expired on 2026-03-05');
    expect(await Promise.all([id, ord.id, small.id].map(snapshot))).toEqual(before);
    expect(auditCount()).toBe(n);
  });

  it('records service on a plaintiff and a third party: shown, the answer period does not move, a publication period is still excluded', async () => {
    const { id, ids, reg } = await registered('ordinary', '2026-03-02', [{ role: 'third_party', name: '王五' }]);
    const answer = row(reg, 'answer');
    const p = await t.api['deadlines.recordService']({ caseId: id, partyId: ids['张三']!, servedOn: '2026-03-05', method: 'post' });
    expect(p.services.map((s) => [s.partyName, s.method])).toEqual([['张三', 'post']]);
    expect(row(p, 'answer')).toMatchObject({ due: answer.due, estimated: true });
    expect(audits('deadline.service').at(-1)).toMatchObject({ partyName: '张三', role: 'plaintiff' });
    // Publication on the third party 03-06: deemed served 04-05 (Qingming) → 04-07; 03-07..04-07 (32 days) not counted:
    // 09-02 + 32 = 10-04 (National Day) → 10-08 (Thu).
    const third = await t.api['deadlines.recordService']({ caseId: id, partyId: ids['王五']!, servedOn: '2026-03-06', method: 'publication' });
    expect(third.services.find((s) => s.partyName === '王五')?.effectiveOn).toBe('2026-04-07');
    expect(row(third, 'answer')).toMatchObject({ due: answer.due, estimated: true });
    expect(row(third, 'trial-limit').due).toBe('2026-10-08');
  });
});
