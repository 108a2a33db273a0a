import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/rules/dates';
import { computeDeadline } from '../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../shared/rules/defaultCalendar';
import { checkConversion } from '../../shared/rules/conversion';
import { checkExtension } from '../../shared/rules/extensions';
import { join } from 'node:path';
import { chromiumPath, openBrowser, screenshot, screenshotDir, serveApp, type BrowserSession, type ServedApp } from './harness';

function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const today = localIso(new Date());
// Filed 12 days ago: the estimate assumes service on day 5; the actual service is earlier.
const filedOn = addDays(today, -12);
const opts = { calendar: DEFAULT_CALENDAR } as const;
const answerFrom = (start: string) => computeDeadline({ kind: 'answer', start, procedure: 'simplified' }, opts).due;
const estimatedDue = answerFrom(addDays(filedOn, 5));
// The first day after filing whose answer period ends on another day than the estimate (rest days can merge them).
const servedOn = [1, 2, 3, 4, 6, 7].map((n) => addDays(filedOn, n)).find((d) => answerFrom(d) !== estimatedDue) ?? addDays(filedOn, 1);
const actualDue = answerFrom(servedOn);

describe.skipIf(!chromiumPath)('E2E deadlines: record the actual service and extend the trial limit', () => {
  let app: ServedApp;
  let s: BrowserSession;
  let caseId = '';
  let token = '';

  /** The real HTTP API of `courtdesk serve`, with the per-run token (the way the browser calls it). */
  async function rpc<T>(method: string, input: unknown): Promise<T> {
    const res = await fetch(`${app.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? 'failed'}`);
    return body.value;
  }

  async function pickDate(page: Page, id: string, date: string): Promise<void> {
    const input = page.locator(`#${id}`);
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
  }

  beforeAll(async () => {
    app = await serveApp();
    token = decodeURIComponent(/#token=([^&]+)/.exec(app.url)?.[1] ?? '');
    s = await openBrowser(app.origin);
    await rpc('settings.update', { userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    const c = await rpc<{ id: string; version: number }>('cases.create', {
      causeOfAction: '民间借贷纠纷',
      parties: [
        { role: 'plaintiff', name: '欧阳明远' },
        { role: 'defendant', name: '端木建华' },
      ],
      claims: [{ text: '判令被告偿还借款本金人民币80,000元', amountFen: 8_000_000 }],
    });
    await rpc('intake.register', { caseId: c.id, version: c.version, procedure: 'simplified', filedOn });
    caseId = c.id;
  });
  afterAll(async () => {
    await s?.close();
    await app?.stop();
  });

  it('shows the estimated answer period with its basis', async () => {
    const { page } = s;
    await page.goto(app.url);
    await page.getByTestId('samples-card').waitFor();
    await page.getByTestId('samples-decline').click();
    await page.goto(`${app.origin}/#/cases/${caseId}`);
    await page.getByTestId('registration-result').waitFor();
    const answer = page.getByTestId('deadline-table').getByTestId('deadline-row-answer');
    await answer.getByTestId('deadline-estimated').waitFor();
    await expect(answer.textContent()).resolves.toContain(estimatedDue);
    await expect(answer.getByTestId('deadline-basis').textContent()).resolves.toContain('假定');
    await expect(page.getByTestId('service-records').textContent()).resolves.toContain('尚未登记送达');
  });

  it('records the service by post: the answer date changes and the 预估 tag goes away', async () => {
    const { page } = s;
    const answer = page.getByTestId('deadline-table').getByTestId('deadline-row-answer');
    await answer.getByTestId('deadline-service-answer').click();
    await page.getByTestId('service-form').waitFor();
    await page.waitForTimeout(400); // the dialog's zoom-in
    await page.getByTestId('service-method').click();
    await page.getByTestId('service-method-post').click();
    await pickDate(page, 'service-servedOn', servedOn);
    await page.getByTestId('service-preview').filter({ hasText: actualDue }).waitFor();
    await screenshot(page, 'deadlines-01-record-service');
    await page.getByTestId('service-save').click();
    await page.getByTestId('service-form').waitFor({ state: 'detached' });
    await answer.getByTestId('deadline-estimated').waitFor({ state: 'detached' });
    await expect(answer.textContent()).resolves.toContain(actualDue);
    await expect(answer.getByTestId('deadline-basis').textContent()).resolves.toBe(
      `起算：${servedOn}实际送达（邮寄送达，民事诉讼法第九十一条）`,
    );
    // The article column names the service method's article too.
    await expect(answer.textContent()).resolves.toContain('《民事诉讼法》第一百二十八条；第九十一条');
    await expect(page.getByTestId('deadline-table').getByTestId('deadline-row-evidence').getByTestId('deadline-estimated').count()).resolves.toBe(0);
    await page.getByTestId('service-records').getByText('端木建华').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'deadlines-02-served');
  });

  it('refuses moving the filing date after the recorded service, under 立案日期, and changes nothing', async () => {
    const { page } = s;
    const table = page.getByTestId('deadline-table');
    const deadlinesBefore = await table.textContent();
    const later = addDays(servedOn, 1);
    await page.getByTestId('case-edit').click();
    await page.getByTestId('case-form').waitFor();
    await pickDate(page, 'filedOn', later);
    await page.getByTestId('case-form-save').click();
    // The backend's sentence (CPL art. 128) in the UI language, under the field it is about.
    const filedOnItem = page.getByTestId('case-form').locator('.ant-form-item', { has: page.locator('#filedOn') });
    const refusal = filedOnItem.locator('.ant-form-item-explain-error');
    await refusal.filter({ hasText: `立案日期${later}晚于已登记的对端木建华的送达日期${servedOn}` }).waitFor();
    await expect(refusal.textContent()).resolves.toContain('民事诉讼法第一百二十八条');
    await expect(refusal.textContent()).resolves.not.toMatch(/case\.filedOn|filing date/);
    await page.getByTestId('case-form-fix').waitFor();
    // The previous step's "service recorded" toast would cover the field's label in the picture.
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
    await screenshot(page, 'deadlines-02b-edit-refused');

    // Nothing changed: the stored filing date, and the deadlines computed from it.
    await expect(rpc<{ filedOn: string | null }>('cases.get', { id: caseId })).resolves.toMatchObject({ filedOn });
    await page.getByTestId('case-form-cancel').click();
    await page.getByTestId('registration-result').waitFor();
    await expect(table.textContent()).resolves.toBe(deadlinesBefore);
    await expect(page.getByTestId('registration-result').textContent()).resolves.toContain(filedOn);
  });

  it('extends the trial limit by one month with the president’s approval, and refuses a second month', async () => {
    const { page } = s;
    const check = checkExtension(
      { filedOn, procedure: 'simplified', excluded: [], extensions: [], next: { months: 1, days: 0, authority: 'president', approvedOn: today }, today },
      opts,
    );
    const trial = page.getByTestId('deadline-table').getByTestId('deadline-row-trial-limit');
    await expect(trial.textContent()).resolves.toContain(check.before.due);
    await trial.getByTestId('deadline-extend').click();
    await page.getByTestId('extend-form').waitFor();
    await page.waitForTimeout(400);
    await page.getByTestId('extend-approvedBy').fill('院长 王某');
    await pickDate(page, 'extend-approvedOn', today);
    await page.getByTestId('extend-reason').fill('需调取被告银行流水，案情较复杂');
    await page.getByTestId('extend-preview').filter({ hasText: check.after.due }).waitFor();
    await screenshot(page, 'deadlines-03-extend');
    await page.getByTestId('extend-save').click();
    await page.getByTestId('extend-form').waitFor({ state: 'detached' });
    await trial.filter({ hasText: check.after.due }).waitFor();
    await expect(trial.getByTestId('deadline-basis').textContent()).resolves.toContain('经批准延长1次');
    await page.getByTestId('extension-row').waitFor();
    await expect(page.getByTestId('extension-row').textContent()).resolves.toContain('院长 王某');
    // Close-ups of the table and the records, at full resolution.
    await page.getByTestId('deadline-table').screenshot({ path: join(screenshotDir, 'deadlines-03b-table.png') });
    await page.getByTestId('service-records').screenshot({ path: join(screenshotDir, 'deadlines-03c-records.png') });

    // A second month would pass 4 months in all: the form says so with the article, and the server refuses it too.
    await trial.getByTestId('deadline-extend').click();
    await page.getByTestId('extend-form').waitFor();
    await page.waitForTimeout(400);
    await page.getByTestId('extend-approvedBy').fill('院长 王某');
    await pickDate(page, 'extend-approvedOn', today);
    await page.getByTestId('extend-reason').fill('再次延长');
    await page.getByTestId('extend-preview').filter({ hasText: '第一百六十四条' }).waitFor();
    await page.getByTestId('extend-save').click();
    await page.getByTestId('extend-form').locator('.ant-form-item-explain-error').filter({ hasText: '第一百六十四条' }).waitFor();
    await screenshot(page, 'deadlines-04-extend-refused');
    await page.keyboard.press('Escape');
    await page.getByTestId('extend-form').waitFor({ state: 'detached' });
    await expect(page.getByTestId('extension-row').count()).resolves.toBe(1);
  });

  it('converts to ordinary procedure: the new limit is previewed, counted from filing, and the simplified extension is dropped', async () => {
    const { page } = s;
    // The 1-month simplified extension approved today stops counting after the conversion (CPL-Interp art. 258).
    const conv = checkConversion(
      {
        filedOn,
        from: 'simplified',
        to: 'ordinary',
        ruledOn: today,
        today,
        excluded: [],
        extensions: [{ months: 1, days: 0, authority: 'president', approvedOn: today }],
      },
      opts,
    );
    const trial = page.getByTestId('deadline-table').getByTestId('deadline-row-trial-limit');
    await trial.getByTestId('deadline-convert').click();
    await page.getByTestId('convert-form').waitFor();
    await page.waitForTimeout(400);
    await pickDate(page, 'convert-ruledOn', today);
    await page.getByTestId('convert-reason').fill('案情复杂，需要委托鉴定');
    await page.getByTestId('convert-preview').filter({ hasText: conv.after.due }).waitFor();
    await expect(page.getByTestId('convert-preview').textContent()).resolves.toContain('不再计入');
    // Enter in the date field validated the then-empty reason; its message goes once the reason is filled.
    await page.getByTestId('convert-form').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    await screenshot(page, 'deadlines-06-convert');
    await page.getByTestId('convert-save').click();
    await page.getByTestId('convert-form').waitFor({ state: 'detached' });
    await trial.filter({ hasText: conv.after.due }).waitFor();
    await expect(page.getByTestId('registration-procedure').textContent()).resolves.toBe('普通程序');
    await expect(trial.getByTestId('deadline-basis').textContent()).resolves.toContain('转为普通程序');
    // No longer simplified: the action goes away; the ruling is on the record card, the fee balance is due.
    await expect(page.getByTestId('procedure-convert').count()).resolves.toBe(0);
    await page.getByTestId('conversion-row').waitFor();
    await expect(page.getByTestId('conversion-row').textContent()).resolves.toContain('裁定由简易程序转为普通程序');
    await expect(page.getByTestId('deadline-table').getByTestId('deadline-row-fee-payment').textContent()).resolves.toContain(
      computeDeadline({ kind: 'fee-payment', start: today }, opts).due,
    );
    await page.waitForTimeout(300);
    await screenshot(page, 'deadlines-07-converted');
    await page.getByTestId('service-records').screenshot({ path: join(screenshotDir, 'deadlines-07b-records.png') });
  });

  it('reads in English too', async () => {
    const { page } = s;
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('service-records').getByText('Service and trial-limit records').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'deadlines-05-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('service-records').getByText('送达与审限记录').waitFor();
  });

  it('made no foreign request and logged no errors', () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
