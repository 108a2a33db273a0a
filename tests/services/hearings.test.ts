import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/cases';
import type { Conflict, HearingDraft, Turn } from '../../shared/contract/hearings';
import { MAX_TURN_CHARS, MAX_TURNS } from '../../shared/contract/hearings';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { ANSWER, COMPLAINT, EVIDENCE_LIST, addDoc } from './review-fixtures';

// 2026-04-20 10:00 local, a Monday. Sample cases: 9001 (loan, simplified, filed 2026-03-02, 王示审),
// 9002 (sale, ordinary, filed 2026-04-15, 王示审).
const NOW = new Date(2026, 3, 20, 10, 0, 0).getTime();

describe('hearings (庭审)', () => {
  let t: TestBackend;
  let loan: CaseDetail;
  let sale: CaseDetail;
  const kinds = (cs: readonly Conflict[]) => cs.map((c) => c.kind).sort();

  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    await t.api['samples.load']({});
    const byNo = async (n: string) => t.api['cases.get']({ id: (await t.api['cases.list']({ query: n })).items[0]!.id });
    loan = await byNo('9001');
    sale = await byNo('9002');
  });
  afterEach(() => t.close());

  const draft = (c: CaseDetail, extra: Partial<HearingDraft> = {}): HearingDraft => ({
    caseId: c.id,
    type: 'trial',
    date: '2026-05-06',
    start: '09:00',
    end: '11:00',
    room: '第三法庭',
    presidingJudge: c.judge,
    clerk: c.clerk,
    ...extra,
  });

  it('E2E: schedules a hearing, sees a conflicting one refused with reasons, overrides it with an audited reason', async () => {
    const first = await t.api['hearings.create']({ draft: draft(sale) });
    expect(first.conflicts.filter((c) => c.severity === 'hard')).toEqual([]);
    expect(first.hearing).toMatchObject({ caseNumber: sale.caseNumber, date: '2026-05-06', version: 1, override: null });

    // Same judge, room and clerk, overlapping time, in the loan case.
    const clash = draft(loan, { start: '10:00', end: '12:00' });
    const check = await t.api['hearings.check']({ draft: clash });
    expect(check.hasHard).toBe(true);
    expect(kinds(check.conflicts)).toEqual(['clerk-double-booked', 'judge-double-booked', 'room-double-booked']);
    const judge = check.conflicts.find((c) => c.kind === 'judge-double-booked')!;
    expect(judge).toMatchObject({ severity: 'hard', otherHearingId: first.hearing.id, otherCaseNumber: sale.caseNumber });
    expect(judge.zh).toMatch(/审判人员王示审同一时段已安排/);
    const refused = await expectAppError(t.api['hearings.create']({ draft: clash }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.details).toMatchObject({ reason: 'schedule-conflicts' });
    expect((refused.details!['conflicts'] as Conflict[]).length).toBe(3);
    expect((await t.api['hearings.list']({ caseId: loan.id })).items).toEqual([]);

    const forced = await t.api['hearings.create']({ draft: clash, override: { reason: '前案预计半小时结束，院长同意' } });
    expect(forced.hearing.override).toMatchObject({ reason: '前案预计半小时结束，院长同意', conflicts: ['judge-double-booked', 'room-double-booked'], by: '书记员甲' });
    const audit = await t.api['cases.audit']({ caseId: loan.id });
    const row = audit.items.find((a) => a.action === 'hearing.create')!;
    expect(row.detail['override']).toMatchObject({ reason: '前案预计半小时结束，院长同意' });

    // Moving it to the afternoon clears the conflicts (the hearing itself is not its own conflict).
    const moved = await t.api['hearings.update']({ id: forced.hearing.id, version: 1, draft: { ...clash, start: '14:30', end: '16:00' } });
    expect(moved.hearing.override).toBeNull();
    expect(moved.conflicts.filter((c) => c.severity === 'hard')).toEqual([]);
    const stale = await expectAppError(t.api['hearings.update']({ id: forced.hearing.id, version: 1, draft: clash, override: { reason: 'x' } }));
    expect(stale.details).toMatchObject({ currentVersion: 2 });
    expect((await expectAppError(t.api['hearings.update']({ id: moved.hearing.id, version: 2, draft: { ...clash, caseId: sale.id } }))).code).toBe('BAD_INPUT');
  });

  it('flags notice lead time (CPL art. 139), trial limit, rest days and the past, each with its rule', async () => {
    // Ordinary procedure, hearing in two days: the notice can no longer be served 3 days ahead.
    const soon = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-04-22' }) });
    const n = soon.conflicts.find((c) => c.kind === 'notice-lead-time')!;
    expect(n).toMatchObject({ severity: 'hard', rule: 'CPL art. 139; CPL-Interp art. 227' });
    expect(n.zh).toMatch(/最迟2026-04-17送达/);
    expect(soon.noticeDeadline).toBe('2026-04-17');
    // Already served in time: no conflict.
    const served = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-04-27', noticeServedOn: '2026-04-20' }) });
    expect(kinds(served.conflicts)).toEqual([]);
    // Simplified procedure is not bound by art. 139 (a warning only).
    const simple = await t.api['hearings.check']({ draft: draft(loan, { date: '2026-04-22' }) });
    expect(simple.conflicts.find((c) => c.kind === 'notice-lead-time')).toMatchObject({ severity: 'warning' });

    // The loan case (simplified, filed 2026-03-02) must be tried within 3 months.
    const late = await t.api['hearings.check']({ draft: draft(loan, { date: '2026-06-10' }) });
    expect(late.trialLimitDue).toBe('2026-06-02');
    expect(late.conflicts.find((c) => c.kind === 'outside-trial-limit')).toMatchObject({ severity: 'hard', rule: 'CPL art. 164' });

    const mayDay = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-05-01' }) });
    expect(mayDay.conflicts.find((c) => c.kind === 'rest-day')!.zh).toBe('2026-05-01是休息日（劳动节假期）');
    const saturday = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-05-16' }) });
    expect(saturday.conflicts.find((c) => c.kind === 'rest-day')!.zh).toMatch(/周末/);
    // 2026-05-09 is a Saturday made a workday (调休).
    const makeup = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-05-09' }) });
    expect(makeup.conflicts.some((c) => c.kind === 'rest-day')).toBe(false);

    const past = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-04-20', start: '08:30', end: '09:30' }) });
    expect(past.conflicts.find((c) => c.kind === 'in-past')).toMatchObject({ severity: 'hard' });
    expect((await expectAppError(t.api['hearings.create']({ draft: draft(sale, { date: '2026-04-20', start: '08:30', end: '09:30' }) }))).code).toBe('CONFLICT');
    // Recording a hearing already held is not "in the past".
    const held = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-04-20', start: '08:30', end: '09:30', status: 'held' }) });
    expect(held.conflicts.some((c) => c.kind === 'in-past')).toBe(false);

    const noLimit = await t.api['hearings.check']({ draft: draft((await t.api['cases.get']({ id: (await t.api['cases.list']({ query: '宋佳宁' })).items[0]!.id })), { presidingJudge: '某法官' }) });
    expect(noLimit.conflicts.find((c) => c.kind === 'no-trial-limit')?.severity).toBe('warning');
  });

  it('refuses bad drafts with clear messages', async () => {
    const endFirst = await expectAppError(t.api['hearings.check']({ draft: draft(sale, { start: '11:00', end: '10:00' }) }));
    expect(endFirst.details?.issues?.[0]).toMatchObject({ path: 'draft.end' });
    const badDate = await expectAppError(t.api['hearings.check']({ draft: draft(sale, { date: '2026-02-30' }) }));
    expect(badDate.message).toMatch(/not a real calendar date/);
    const badTime = await expectAppError(t.api['hearings.check']({ draft: draft(sale, { start: '9点' }) }));
    expect(badTime.message).toMatch(/HH:MM/);
    const ghost = await expectAppError(t.api['hearings.create']({ draft: draft(sale, { participants: [{ kind: 'party', partyId: 'ghost' }] }) }));
    expect(ghost.details?.issues?.[0]?.path).toBe('draft.participants.0.partyId');
    const nameless = await expectAppError(t.api['hearings.create']({ draft: draft(sale, { participants: [{ kind: 'witness' }] }) }));
    expect(nameless.details?.issues?.[0]?.path).toBe('draft.participants.0.name');
  });

  it('double-books an agent across cases, keeps a removed participant (marked) and gives the notices their data', async () => {
    const agentOf = (c: CaseDetail) => c.parties.flatMap((p) => p.agents.map((a) => ({ p, a })))[0]!;
    const { p: lp, a: la } = agentOf(loan);
    const def = loan.parties.find((p) => p.role === 'defendant')!;
    const h = await t.api['hearings.create']({
      draft: draft(loan, {
        participants: [
          { kind: 'party', partyId: lp.id },
          { kind: 'agent', agentId: la.id },
          { kind: 'party', partyId: def.id },
          { kind: 'witness', name: '王证人', note: '原告申请' },
        ],
      }),
    });
    expect(h.hearing.participants.map((x) => [x.kind, x.name, x.role])).toEqual([
      ['party', '张明远', 'plaintiff'],
      ['agent', la.name, 'plaintiff'],
      ['party', '李清河', 'defendant'],
      ['witness', '王证人', null],
    ]);
    // The same lawyer is also the agent in the sale case (added here): double-booked.
    const { id: _sid, ...saleParty } = sale.parties[0]!;
    const sale2 = await t.api['cases.update']({
      id: sale.id,
      version: sale.version,
      case: { ...sale, parties: [{ ...saleParty, id: sale.parties[0]!.id, agents: [...saleParty.agents, { name: la.name, kind: 'lawyer' }] }, ...sale.parties.slice(1)] },
    });
    const saleAgent = sale2.parties[0]!.agents.find((a) => a.name === la.name)!;
    const check = await t.api['hearings.check']({ draft: draft(sale2, { room: '第五法庭', presidingJudge: '另一法官', clerk: '', participants: [{ kind: 'agent', agentId: saleAgent.id }] }) });
    expect(kinds(check.conflicts)).toEqual(['agent-double-booked']);
    expect(check.conflicts[0]!.zh).toMatch(new RegExp(`代理人${la.name}同一时段需出席`));

    const notice = await t.api['hearings.noticeData']({ hearingId: h.hearing.id });
    expect(notice).toMatchObject({
      court: { name: '广东省深圳市南山区人民法院' },
      caseNumber: loan.caseNumber,
      causeOfAction: '民间借贷纠纷',
      typeZh: '开庭',
      dateTimeZh: '2026年5月6日上午9时00分',
      room: '第三法庭',
      plaintiffs: ['张明远'],
      defendants: ['李清河'],
      serveBy: null, // simplified procedure (CPL art. 163)
    });
    expect(notice.recipients.map((r) => [r.document, r.name, r.capacity])).toEqual([
      ['summons', '张明远', '原告'],
      ['appearance_notice', la.name, '原告张明远的委托诉讼代理人'],
      ['summons', '李清河', '被告'],
      ['appearance_notice', '王证人', '证人'],
    ]);
    expect(notice.recipients[0]!.address).toBe('示例省示例市示例区明远路1号');
    expect(notice.announcement.required).toBe(true);
    expect(notice.announcement.text).toBe(`本院定于2026年5月6日上午9时00分在第三法庭公开开庭审理张明远诉李清河民间借贷纠纷一案，案号${loan.caseNumber}。特此公告。`);

    // The defendant is removed from the case after scheduling: kept on the hearing, marked.
    const loan2 = await t.api['cases.get']({ id: loan.id });
    await t.api['cases.update']({ id: loan.id, version: loan2.version, case: { ...loan2, parties: loan2.parties.filter((p) => p.role !== 'defendant') } });
    const after = await t.api['hearings.get']({ id: h.hearing.id });
    expect(after.participants.find((p) => p.name === '李清河')).toMatchObject({ missing: true, partyId: def.id });
    const n2 = await t.api['hearings.noticeData']({ hearingId: h.hearing.id });
    expect(n2.gaps).toContain('李清河已从案件中移除，请核对是否仍需通知');
    const c2 = await t.api['hearings.check']({ hearingId: h.hearing.id, draft: { ...draft(loan), participants: after.participants } });
    expect(c2.conflicts.find((c) => c.kind === 'participant-missing')?.zh).toMatch(/李清河/);
    // Saving the hearing again keeps the removed participant rather than refusing or dropping it.
    const resaved = await t.api['hearings.update']({ id: h.hearing.id, version: after.version, draft: { ...draft(loan), participants: after.participants, notes: '改期通知' } });
    expect(resaved.hearing.participants.map((p) => p.name)).toContain('李清河');
  });

  it('shows a calendar by judge and room with rest days, keeps rooms as a setting, cancels with a reason', async () => {
    await t.api['hearings.create']({ draft: draft(sale) });
    const other = await t.api['hearings.create']({ draft: draft(loan, { date: '2026-05-07', room: '第一法庭', presidingJudge: '郑示审' }) });
    const week = await t.api['hearings.calendar']({ from: '2026-05-04', to: '2026-05-10' });
    expect(week.days.map((d) => [d.date, d.weekday, d.rest])).toEqual([
      ['2026-05-04', '周一', true],
      ['2026-05-05', '周二', true],
      ['2026-05-06', '周三', false],
      ['2026-05-07', '周四', false],
      ['2026-05-08', '周五', false],
      ['2026-05-09', '周六', false],
      ['2026-05-10', '周日', true],
    ]);
    expect(week.days[0]!.holiday).toBe('劳动节');
    expect(week.days[5]!.makeupWorkday).toBe(true);
    expect(week.hearings).toHaveLength(2);
    expect((await t.api['hearings.calendar']({ from: '2026-05-01', to: '2026-05-31', judge: '郑示审' })).hearings.map((h) => h.id)).toEqual([other.hearing.id]);
    expect((await t.api['hearings.calendar']({ from: '2026-05-01', to: '2026-05-31', room: '第三法庭' })).hearings.map((h) => h.caseId)).toEqual([sale.id]);
    expect((await expectAppError(t.api['hearings.calendar']({ from: '2026-05-10', to: '2026-05-01' }))).code).toBe('BAD_INPUT');

    const cancelled = await t.api['hearings.cancel']({ id: other.hearing.id, version: 1, reason: '当事人申请延期' });
    expect(cancelled.status).toBe('cancelled');
    expect((await t.api['hearings.calendar']({ from: '2026-05-01', to: '2026-05-31' })).hearings).toHaveLength(1);
    // A cancelled hearing no longer blocks its judge.
    const free = await t.api['hearings.check']({ draft: draft(sale, { date: '2026-05-07', room: '第一法庭', presidingJudge: '郑示审' }) });
    expect(free.conflicts.some((c) => c.kind.endsWith('double-booked'))).toBe(false);

    await t.api['hearings.rooms.set']({ rooms: [{ name: '第一法庭' }, { name: '第三法庭', note: '可视频' }] });
    expect((await t.api['hearings.rooms.get']({})).rooms).toEqual([
      { name: '第一法庭', note: '' },
      { name: '第三法庭', note: '可视频' },
    ]);
    expect((await expectAppError(t.api['hearings.rooms.set']({ rooms: [{ name: 'A' }, { name: 'A' }] }))).code).toBe('BAD_INPUT');
  });

  it('generates the outline from disputed points, elements and evidence in hearing order; edits are protected', async () => {
    await addDoc(t.api, loan.id, '民事起诉状.txt', COMPLAINT);
    await addDoc(t.api, loan.id, '答辩状.txt', ANSWER);
    const list = await addDoc(t.api, loan.id, '证据目录.txt', EVIDENCE_LIST);
    await t.api['review.evidence.import']({ caseId: loan.id, documentId: list.id });
    const analysis = await t.api['review.elements.analyze']({ caseId: loan.id });
    const h = await t.api['hearings.create']({ draft: draft(loan) });
    const o = await t.api['hearings.outline.generate']({ hearingId: h.hearing.id });
    expect(o.sections.map((s) => s.title)).toEqual(['开庭准备', '法庭调查', '举证质证', '法庭辩论', '最后陈述', '调解意愿']);
    const inv = o.sections[1]!.items;
    const repay = analysis.points.find((p) => p.elementIds[0] === 'maturity-default')!;
    expect(inv.filter((i) => i.pointId === repay.id).map((i) => i.target)).toEqual(['plaintiff', 'defendant']);
    expect(inv.find((i) => i.pointId === repay.id && i.target === 'defendant')!.text).toMatch(/还款的时间、方式和金额/);
    expect(inv.some((i) => i.text.startsWith('归纳双方无争议的事实'))).toBe(true);
    const ev = o.sections[2]!.items;
    expect(ev[0]!.text).toMatch(/^出示证据1：借条一份（原告张明远提交；证明目的：/);
    expect(ev[1]).toMatchObject({ target: 'defendant' });
    expect(o.sections[3]!.items.filter((i) => i.pointId !== null)).toHaveLength(analysis.points.length);

    const edited = structuredClone(o.sections);
    edited[4]!.items.push({ id: 'x1', text: '询问原告是否坚持律师费请求', target: 'plaintiff', pointId: null, elementId: null, evidenceId: null, done: false });
    const saved = await t.api['hearings.outline.save']({ hearingId: h.hearing.id, version: o.version, sections: edited });
    expect(saved.version).toBe(2);
    // Regenerating without naming the version would wipe the edit: refused.
    const refused = await expectAppError(t.api['hearings.outline.generate']({ hearingId: h.hearing.id }));
    expect(refused.details).toMatchObject({ currentVersion: 2 });
    expect((await expectAppError(t.api['hearings.outline.save']({ hearingId: h.hearing.id, version: 1, sections: edited }))).code).toBe('CONFLICT');
    expect((await t.api['hearings.outline.get']({ hearingId: h.hearing.id }))!.sections[4]!.items.at(-1)!.text).toBe('询问原告是否坚持律师费请求');
  });

  it('saves the transcript incrementally; a stale base is refused with the current version; it survives a reload', async () => {
    const h = await t.api['hearings.create']({ draft: draft(sale) });
    const hid = h.hearing.id;
    expect(await t.api['hearings.transcript.get']({ hearingId: hid })).toMatchObject({ version: 0, turns: [] });
    const turns: Turn[] = [
      { id: 't1', role: 'presiding', speakerName: '王示审', text: '现在开庭。', at: NOW },
      { id: 't2', role: 'plaintiff', speakerName: '示例五金贸易有限公司', text: '坚持诉讼请求。' },
    ];
    const v1 = await t.api['hearings.transcript.save']({ hearingId: hid, baseVersion: 0, turns });
    expect(v1.version).toBe(1);
    const v2 = await t.api['hearings.transcript.save']({ hearingId: hid, baseVersion: 1, turns: [...turns, { id: 't3', role: 'defendant', text: '货款已付清。' }] });
    expect(v2.version).toBe(2);
    // A second window still on version 1 types a turn: refused, with what is stored now.
    const mine = [...turns, { id: 't9', role: 'clerk' as const, text: '（书记员补记）' }];
    const stale = await expectAppError(t.api['hearings.transcript.save']({ hearingId: hid, baseVersion: 1, turns: mine }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details).toMatchObject({ currentVersion: 2 });
    expect((stale.details!['current'] as { turns: Turn[] }).turns.map((x) => x.id)).toEqual(['t1', 't2', 't3']);
    // The client merges and saves on top of version 2: nothing lost.
    const merged = await t.api['hearings.transcript.save']({ hearingId: hid, baseVersion: 2, turns: [...v2.turns, mine[2]!] });
    expect(merged.turns.map((x) => x.id)).toEqual(['t1', 't2', 't3', 't9']);
    // A retried save whose answer was lost is not a conflict.
    expect((await t.api['hearings.transcript.save']({ hearingId: hid, baseVersion: 2, turns: merged.turns })).version).toBe(3);

    // Links to evidence and points; a link to something deleted is kept and reported.
    const ev = await t.api['review.evidence.create']({ caseId: sale.id, item: { name: '送货单' } });
    const linked = await t.api['hearings.transcript.save']({
      hearingId: hid,
      baseVersion: 3,
      turns: [...merged.turns, { id: 't10', role: 'judge', text: '请被告对送货单发表质证意见。', links: [{ kind: 'evidence', id: ev.id }, { kind: 'point', id: 'gone-point' }] }],
    });
    expect(linked.brokenLinks).toEqual([{ turnId: 't10', kind: 'point', id: 'gone-point' }]);

    // Reload: a new backend on the same data folder finds it intact (afterEach closes the first again, harmlessly).
    await t.backend.close();
    const t2 = await openTestBackend(t.dir, () => NOW);
    try {
      const back = await t2.api['hearings.transcript.get']({ hearingId: hid });
      expect(back.version).toBe(4);
      expect(back.turns).toEqual(linked.turns);
    } finally {
      await t2.close();
    }
  });

  it('takes a large transcript and refuses oversize turns with a clear message', async () => {
    const h = await t.api['hearings.create']({ draft: draft(sale) });
    const many: Turn[] = Array.from({ length: MAX_TURNS }, (_, i) => ({ id: `t${i}`, role: i % 2 ? 'plaintiff' : 'judge', text: `第${i}轮发言，内容若干。`.repeat(20) }));
    const saved = await t.api['hearings.transcript.save']({ hearingId: h.hearing.id, baseVersion: 0, turns: many });
    expect(saved.turns).toHaveLength(MAX_TURNS);
    const tooMany = await expectAppError(t.api['hearings.transcript.save']({ hearingId: h.hearing.id, baseVersion: 1, turns: [...many, { id: 'x', role: 'clerk', text: '' }] }));
    expect(tooMany.message).toMatch(/at most 5000 turns/);
    const tooLong = await expectAppError(t.api['hearings.transcript.save']({ hearingId: h.hearing.id, baseVersion: 1, turns: [{ id: 'a', role: 'clerk', text: 'x'.repeat(MAX_TURN_CHARS + 1) }] }));
    expect(tooLong.message).toMatch(/split it/);
    const dupIds = await expectAppError(t.api['hearings.transcript.save']({ hearingId: h.hearing.id, baseVersion: 1, turns: [{ id: 'a', role: 'clerk', text: '' }, { id: 'a', role: 'clerk', text: '' }] }));
    expect(dupIds.message).toMatch(/unique/);
    // Nothing was lost by the refusals.
    expect((await t.api['hearings.transcript.get']({ hearingId: h.hearing.id })).turns).toHaveLength(MAX_TURNS);
    // Autosaves do not flood the audit trail.
    for (let v = 1; v <= 5; v++) await t.api['hearings.transcript.save']({ hearingId: h.hearing.id, baseVersion: v, turns: many.slice(0, v) });
    const audit = await t.api['cases.audit']({ caseId: sale.id, pageSize: 100 });
    expect(audit.items.filter((a) => a.action === 'transcript.save')).toHaveLength(1);
  });
});
