import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Registration } from '../../shared/contract/intake';
import type { Task } from '../../shared/contract/tasks';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

/**
 * 待办事项 (tasks.list) over a real SQLite file. Every date below was checked by hand against the
 * 2025 holiday schedule (国办发明电〔2024〕12号: 10-01 – 10-08 off, 09-28 and 10-11 worked).
 */
describe('tasks.list (real SQLite file)', () => {
  let t: TestBackend;
  let clock = new Date(2025, 8, 20, 10, 0, 0).getTime();
  const setToday = (y: number, m: number, d: number) => {
    clock = new Date(y, m - 1, d, 10, 0, 0).getTime();
  };

  beforeEach(async () => {
    setToday(2025, 9, 20);
    t = await openTestBackend(undefined, () => clock);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
  });
  afterEach(() => t.close());

  const register = async (filedOn: string, procedure: 'ordinary' | 'simplified' = 'ordinary', defendants = ['李四']): Promise<Registration> => {
    const c = await t.api['cases.create']({
      causeOfAction: '民间借贷纠纷',
      parties: [{ role: 'plaintiff', name: '张三' }, ...defendants.map((name) => ({ role: 'defendant' as const, name }))],
      claims: [{ text: '判令被告偿还借款50,000元', amountFen: 5_000_000 }],
    });
    return t.api['intake.register']({ caseId: c.id, version: c.version, procedure, filedOn });
  };
  const list = async (asOf: string, kind?: Task['kind']) => (await t.api['tasks.list']({ asOf })).items.filter((x) => kind === undefined || x.kind === kind);
  const defendant = (r: Registration, name = '李四') => r.case.parties.find((p) => p.name === name)!.id;

  it('送达待登记: once the 5-day service period (rolled past the National Day holiday) has passed, until service is recorded', async () => {
    // Filed Fri 2025-09-26: +5 days = 10-01, a holiday; the period runs to the first working day, Thu 10-09 (CPL arts. 128, 85).
    const reg = await register('2025-09-26', 'ordinary', ['李四', '王五']);
    expect(await list('2025-10-09', 'service-record')).toEqual([]);
    const [task] = await list('2025-10-10', 'service-record');
    expect(task).toMatchObject({
      kind: 'service-record',
      caseId: reg.case.id,
      caseNumber: reg.case.caseNumber,
      hearingId: null,
      due: '2025-10-09',
      daysLeft: -1,
      severity: 'overdue',
      title: { zh: '送达待登记', en: 'Service to record' },
      article: 'CPL arts. 128, 85',
    });
    expect(task!.text.zh).toBe(
      '2025-09-26立案，起诉状副本应在立案之日起5日内（最迟2025-10-09）送达被告（民事诉讼法第一百二十八条；2025-10-01为休息日，顺延至2025-10-09（民事诉讼法第八十五条））。尚未登记对李四、王五的送达，答辩期和举证期限仍是预估，请登记实际送达日期。',
    );
    expect(task!.text.en).toContain('by 2025-10-09 (CPL art. 128; 2025-10-01 is a rest day');

    // One defendant served: the task stays for the other; both served: gone.
    setToday(2025, 10, 10);
    await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: defendant(reg), servedOn: '2025-09-29', method: 'personal' });
    expect((await list('2025-10-10', 'service-record'))[0]!.text.zh).toContain('尚未登记对王五的送达');
    await t.api['deadlines.recordService']({ caseId: reg.case.id, partyId: defendant(reg, '王五'), servedOn: '2025-10-09', method: 'post' });
    expect(await list('2025-10-10', 'service-record')).toEqual([]);
  });

  it('送达待登记: a plain week (no roll-over) cites art. 128 only; draft, closed and archived cases are left out', async () => {
    // Filed Wed 2025-09-03: +5 = Mon 09-08, a working day.
    const reg = await register('2025-09-03');
    const [task] = await list('2025-09-09', 'service-record');
    expect(task).toMatchObject({ due: '2025-09-08', daysLeft: -1, article: 'CPL art. 128' });
    expect(await list('2025-09-08', 'service-record')).toEqual([]);

    // A draft (unregistered) case with a defendant has no filing date: nothing to serve yet.
    await t.api['cases.create']({ causeOfAction: '买卖合同纠纷', parties: [{ role: 'defendant', name: '赵六' }], claims: [] });
    expect(await list('2025-09-09', 'service-record')).toHaveLength(1);

    const c = (await t.api['cases.get']({ id: reg.case.id }))!;
    await t.api['cases.archive']({ id: c.id, version: c.version });
    expect(await list('2025-09-09')).toEqual([]);
  });

  it('审限延长报批: request and decision days brought forward past the holiday, the window from settings', async () => {
    // Ordinary, filed Thu 2025-04-17: 6 months → Fri 2025-10-17 (CPL art. 152).
    const reg = await register('2025-04-17');
    expect(reg.deadlines.find((d) => d.kind === 'trial-limit')!.due).toBe('2025-10-17');
    // 10-17 − 15 = 10-02 (holiday) → Tue 09-30; 10-17 − 5 = Sun 10-12 → Sat 10-11, a make-up workday.
    const [task] = await list('2025-09-20', 'trial-limit-extension');
    expect(task).toMatchObject({
      kind: 'trial-limit-extension',
      due: '2025-09-30',
      daysLeft: 10,
      severity: 'upcoming',
      title: { zh: '审限延长报批', en: 'Trial-limit extension request' },
      article: 'SPC 2019 provisions art. 1; CPL art. 152',
    });
    expect(task!.text.zh).toContain('如需延长审限，应于2025-09-30前提出申请（届满前第15日2025-10-02为休息日，提前至2025-09-30），院长应于2025-10-11前作出决定');
    expect(task!.text.zh).toContain('最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定第一条');
    expect(task!.text.en).toContain('apply by 2025-09-30');

    // 31 days before expiry: outside the default 30-day window; inside once the setting says 40.
    expect(await list('2025-09-16', 'trial-limit-extension')).toEqual([]);
    const res = await t.api['tasks.list']({ asOf: '2025-09-16' });
    expect(res.extensionReminderDays).toBe(30);
    await t.api['settings.update']({ extensionReminderDays: 40 });
    expect(await list('2025-09-16', 'trial-limit-extension')).toHaveLength(1);

    // Past the request day but before expiry: overdue, still actionable.
    const [late] = await list('2025-10-10', 'trial-limit-extension');
    expect(late).toMatchObject({ severity: 'overdue', daysLeft: -10 });
    expect(late!.text.zh).toContain('申请期限已过，请尽快报批');
    // On the expiry day itself it is still listed; after expiry it is not (an approval can no longer be given).
    expect(await list('2025-10-17', 'trial-limit-extension')).toHaveLength(1);
    expect(await list('2025-10-18', 'trial-limit-extension')).toEqual([]);

    // Extended by the president for 6 months (to 2026-04-17): listed again only near the new expiry,
    // and now for the higher court.
    setToday(2025, 10, 1);
    await t.api['deadlines.extend']({ caseId: reg.case.id, kind: 'trial-limit', months: 6, approvedBy: '院长', approvedOn: '2025-10-01', reason: '案情复杂' });
    expect(await list('2025-10-10', 'trial-limit-extension')).toEqual([]);
    const [higher] = await list('2026-03-20', 'trial-limit-extension');
    // 2026-04-17 (Fri) − 15 = Thu 04-02, a working day.
    expect(higher).toMatchObject({ due: '2026-04-02', article: 'SPC 2019 provisions art. 1; CPL art. 152' });
    expect(higher!.text.zh).toContain('应于2026-04-02前报请上级人民法院批准');
  });

  it('审限延长报批: a simplified case at its 4-month maximum is told to convert, not to extend', async () => {
    // Simplified, filed Mon 2025-06-16: 3 months → Tue 09-16; +1 month by the president → Thu 10-16.
    const reg = await register('2025-06-16', 'simplified');
    setToday(2025, 9, 1);
    const ext = await t.api['deadlines.extend']({ caseId: reg.case.id, kind: 'trial-limit', months: 1, approvedBy: '院长', approvedOn: '2025-09-01', reason: '需要鉴定' });
    expect(ext.deadlines.find((d) => d.kind === 'trial-limit')!.due).toBe('2025-10-16');
    const [task] = await list('2025-09-20', 'trial-limit-extension');
    expect(task).toMatchObject({ due: '2025-10-16', article: 'CPL art. 164; CPL-Interp art. 258; CPL arts. 169, 170' });
    expect(task!.text.zh).toContain('已延长至法定上限');
  });

  it('开庭通知待送达: latest service day brought before the holiday, listed within 3 days, gone once served', async () => {
    const reg = await register('2025-09-03');
    const created = await t.api['hearings.create']({
      draft: { caseId: reg.case.id, type: 'trial', date: '2025-10-10', start: '09:00', end: '11:00', room: '第三法庭', presidingJudge: '王示审', clerk: '陈示记' },
    });
    // Hearing Fri 10-10: 3 full days before → 10-06 (holiday) → back to Tue 09-30 (CPL art. 139).
    expect(await list('2025-09-26', 'hearing-notice')).toEqual([]);
    const [task] = await list('2025-09-27', 'hearing-notice');
    expect(task).toMatchObject({
      id: `hearing-notice:${created.hearing.id}`,
      kind: 'hearing-notice',
      hearingId: created.hearing.id,
      due: '2025-09-30',
      daysLeft: 3,
      severity: 'due-soon',
      title: { zh: '开庭通知待送达', en: 'Hearing notice to serve' },
      article: 'CPL art. 139; CPL-Interp art. 227',
    });
    expect(task!.text.zh).toBe(
      '2025-10-10 09:00开庭：应于开庭三日前通知当事人和其他诉讼参与人，最迟2025-09-30送达传票和出庭通知书（民事诉讼法第一百三十九条；民诉法解释第二百二十七条）。尚未登记送达日期。',
    );
    // Past the latest day: overdue until the hearing day; not listed once the hearing date has passed.
    expect((await list('2025-10-09', 'hearing-notice'))[0]).toMatchObject({ severity: 'overdue', daysLeft: -9 });
    expect((await list('2025-10-09', 'hearing-notice'))[0]!.text.zh).toContain('已晚于最迟送达日');
    expect(await list('2025-10-11', 'hearing-notice')).toEqual([]);

    await t.api['hearings.update']({ id: created.hearing.id, version: created.hearing.version, draft: { ...created.hearing, noticeServedOn: '2025-09-26' } });
    expect(await list('2025-09-27', 'hearing-notice')).toEqual([]);
  });

  it('sorts by due date, overdue first, across kinds and cases', async () => {
    await register('2025-09-03'); // service due 09-08
    const b = await register('2025-04-17'); // extension request due 09-30
    await t.api['deadlines.recordService']({ caseId: b.case.id, partyId: defendant(b), servedOn: '2025-04-20', method: 'personal' });
    const items = await list('2025-09-20');
    expect(items.map((x) => [x.kind, x.due, x.severity])).toEqual([
      ['service-record', '2025-09-08', 'overdue'],
      ['trial-limit-extension', '2025-09-30', 'upcoming'],
    ]);
  });

  it('refuses a bad asOf and a bad reminder window naming the field', async () => {
    const bad = await expectAppError(t.api['tasks.list']({ asOf: '2025-02-30' }));
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toContain('asOf');
    const badFormat = await expectAppError(t.api['tasks.list']({ asOf: '20250930' }));
    expect(badFormat.code).toBe('BAD_INPUT');
    expect(badFormat.message).toContain('asOf');
    const badWindow = await expectAppError(t.api['settings.update']({ extensionReminderDays: 10 }));
    expect(badWindow.code).toBe('BAD_INPUT');
    expect(badWindow.message).toContain('extensionReminderDays');
  });
});
