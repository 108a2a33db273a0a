import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../shared/rules/dates';
import { computeDeadline } from '../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../shared/rules/defaultCalendar';
import { isRestDay } from '../../shared/rules/holidays';
import { chromiumPath, declineSamples, screenshot, startSession, type Session } from './harness';

function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// The dashboard asks for today's list, so the cases are placed relative to today.
const today = localIso(new Date());
const opts = { calendar: DEFAULT_CALENDAR } as const;
const noticeDue = (date: string) => computeDeadline({ kind: 'hearing-notice', start: date, procedure: 'ordinary' }, opts).due;
// The first working day whose latest notice day (CPL art. 139) falls within the next 3 days.
const hearingOn = [...Array(30).keys()]
  .map((n) => addDays(today, n + 4))
  .find((d) => !isRestDay(DEFAULT_CALENDAR, d) && noticeDue(d) >= today && noticeDue(d) <= addDays(today, 3));

describe.skipIf(!chromiumPath)('E2E dashboard to-do list (待办事项)', () => {
  let s: Session;
  let token = '';
  const ids: Record<'service' | 'limit' | 'notice', string> = { service: '', limit: '', notice: '' };
  let hearing = { id: '', version: 0 };

  async function rpc<T>(method: string, input: unknown): Promise<T> {
    const res = await fetch(`${s.app.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? 'failed'}`);
    return body.value;
  }

  type Reg = { case: { id: string; parties: Array<{ id: string; role: string }> } };
  async function registered(plaintiff: string, defendant: string, filedOn: string): Promise<Reg> {
    const c = await rpc<{ id: string; version: number }>('cases.create', {
      causeOfAction: '民间借贷纠纷',
      parties: [
        { role: 'plaintiff', name: plaintiff },
        { role: 'defendant', name: defendant },
      ],
      claims: [{ text: '判令被告偿还借款本金人民币80,000元', amountFen: 8_000_000 }],
    });
    return rpc<Reg>('intake.register', { caseId: c.id, version: c.version, procedure: 'ordinary', filedOn });
  }
  const serve = (r: Reg, servedOn: string) =>
    rpc('deadlines.recordService', { caseId: r.case.id, partyId: r.case.parties.find((p) => p.role === 'defendant')!.id, servedOn, method: 'personal' });

  beforeAll(async () => {
    s = await startSession();
    token = decodeURIComponent(/#token=([^&]+)/.exec(s.app.url)?.[1] ?? '');
    await rpc('settings.update', { userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    // Filed 20 days ago, nobody served: the 5-day service period (CPL art. 128) is long past.
    ids.service = (await registered('欧阳明远', '端木建华', addDays(today, -20))).case.id;
    // Filed so that the 6-month limit ends in about 3 weeks (CPL art. 152): inside the 30-day window.
    const limitFiled = addDays(addMonths(today, -6), 20);
    const limit = await registered('上官云舒', '司马致远', limitFiled);
    await serve(limit, addDays(limitFiled, 2));
    ids.limit = limit.case.id;
    const notice = await registered('诸葛清风', '慕容晓岚', addDays(today, -10));
    await serve(notice, addDays(today, -8));
    ids.notice = notice.case.id;
    const created = await rpc<{ hearing: { id: string; version: number } }>('hearings.create', {
      draft: { caseId: ids.notice, type: 'trial', date: hearingOn, start: '09:30', end: '11:30', room: '第三法庭', presidingJudge: '王示审', clerk: '陈示记' },
    });
    hearing = created.hearing;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the three actions on the dashboard, overdue first, with their articles', async () => {
    expect(hearingOn).toBeDefined();
    const { page } = s;
    await page.goto(s.app.url);
    await declineSamples(page);
    const card = page.getByTestId('tasks-card');
    await card.getByTestId(`task-service-record:${ids.service}`).waitFor();
    await expect(card.getByTestId('tasks-total').textContent()).resolves.toBe('共 3 项');
    await expect(card.getByTestId('tasks-overdue-count').textContent()).resolves.toBe('逾期 1 项');

    const rows = card.locator('[data-testid^="task-"][data-severity]');
    const order = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    expect(order.map((id) => id.split(':')[0])).toEqual(['task-service-record', 'task-hearing-notice', 'task-trial-limit-extension']);

    const service = card.getByTestId(`task-service-record:${ids.service}`);
    await expect(service.textContent()).resolves.toContain('送达待登记');
    await expect(service.getByTestId('task-article').textContent()).resolves.toMatch(/^依据：《民事诉讼法》第一百二十八条/);
    const limitRow = card.getByTestId(`task-trial-limit-extension:${ids.limit}`);
    await expect(limitRow.textContent()).resolves.toMatch(/如需延长审限，应于\d{4}-\d{2}-\d{2}前提出申请/);
    await expect(limitRow.getByTestId('task-article').textContent()).resolves.toContain('《关于严格规范民商事案件延长审限和延期开庭问题的规定》第一条');
    const noticeRow = card.locator(`[data-testid^="task-hearing-notice:"]`);
    await expect(noticeRow.textContent()).resolves.toContain(`最迟${noticeDue(hearingOn!)}送达传票和出庭通知书`);
    await page.waitForTimeout(300);
    await screenshot(page, 'tasks-01-dashboard');
  });

  it('opens the 庭审 tab from a notice, and the list shrinks once the notice is recorded as served', async () => {
    const { page } = s;
    await page.locator('[data-testid^="task-open-hearing-notice:"]').click();
    await page.getByTestId('hearings-tab').waitFor();
    expect(page.url()).toContain(`/cases/${ids.notice}?tab=hearing`);

    await rpc('hearings.update', {
      id: hearing.id,
      version: hearing.version,
      draft: { caseId: ids.notice, type: 'trial', date: hearingOn, start: '09:30', end: '11:30', room: '第三法庭', presidingJudge: '王示审', clerk: '陈示记', noticeServedOn: today },
    });
    await page.getByTestId('nav-dashboard').click();
    const card = page.getByTestId('tasks-card');
    await card.getByTestId('tasks-total').filter({ hasText: '共 2 项' }).waitFor();
    await card.getByTestId(`task-open-service-record:${ids.service}`).click();
    await page.getByTestId('registration-result').waitFor();
    expect(page.url()).toContain(`/cases/${ids.service}?tab=intake`);
    expect(s.consoleErrors).toEqual([]);
  });
});
