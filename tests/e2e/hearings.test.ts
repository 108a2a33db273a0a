import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, loadSamples, openCase, screenshot, startSession, type Session } from './harness';

/** A weekday about three weeks ahead, clear of the big holidays (the check would flag them, rightly). */
function hearingDay(): string {
  const d = new Date();
  d.setDate(d.getDate() + 21);
  const avoid = (x: Date) => x.getDay() === 0 || x.getDay() === 6 || (x.getMonth() === 9 && x.getDate() <= 8) || (x.getMonth() === 0 && x.getDate() <= 3);
  while (avoid(d)) d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe.skipIf(!chromiumPath)('E2E hearings: schedule with conflicts, outline, transcript, calendar', () => {
  let s: Session;
  const day = hearingDay();

  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function openHearingsTab(page: Page, search: string): Promise<void> {
    await openCase(page, search);
    await page.getByTestId('tab-hearing').click();
    await page.getByTestId('hearings-tab').waitFor();
  }

  async function setTime(page: Page, id: string, value: string): Promise<void> {
    const input = page.locator(`#${id}`);
    await input.click();
    await input.press('Control+a');
    await input.pressSequentially(value);
    await input.press('Enter');
  }

  async function fillSchedule(page: Page, start: string, end: string): Promise<void> {
    await page.getByTestId('hearing-schedule').click();
    await page.getByTestId('schedule-form').waitFor();
    const date = page.locator('#hearing-date');
    await date.click();
    await date.fill(day);
    await date.press('Enter');
    await setTime(page, 'hearing-start', start);
    await setTime(page, 'hearing-end', end);
    const room = page.locator('#hearing-room');
    await room.click();
    await page.locator('.ant-select-item-option', { hasText: '第一法庭' }).first().click();
  }

  it('loads the samples and sets up the courtrooms on the 日程 page', async () => {
    const { page } = s;
    await page.goto(s.app.url);
    await loadSamples(page);
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-page').waitFor();
    await page.getByTestId('rooms-open').click();
    await page.getByTestId('rooms-editor').waitFor();
    await page.getByTestId('room-add').click();
    await page.getByTestId('room-name-0').fill('第一法庭');
    await page.getByTestId('room-add').click();
    await page.getByTestId('room-name-1').fill('第二法庭');
    await page.getByTestId('rooms-save').click();
    await page.getByTestId('rooms-editor').waitFor({ state: 'detached' });
  });

  it('schedules a first hearing in the sale case (over its conflicts, with a reason)', async () => {
    const { page } = s;
    await openHearingsTab(page, '9002');
    await page.getByTestId('hearings-empty').waitFor();
    await fillSchedule(page, '09:00', '11:00');
    // The check runs as the form is edited; whatever it finds is listed with its reason.
    await page.getByTestId('schedule-check').locator('[data-testid="conflict-list"], [data-testid="conflicts-clear"]').first().waitFor();
    await page.waitForTimeout(800);
    if (await page.getByTestId('override-toggle').isVisible()) {
      await page.getByTestId('override-toggle').click();
      await page.getByTestId('override-reason').fill('审限已依法延长，经院长批准');
    }
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-form').waitFor({ state: 'detached' });
    await page.getByTestId('hearings-table').waitFor();
    await page.getByTestId('hearing-info').waitFor();
  });

  it('sees why a hearing in another case at the same time and room conflicts, fixes the time, saves', async () => {
    const { page } = s;
    await openHearingsTab(page, '9001');
    await fillSchedule(page, '10:00', '12:00');
    const judge = page.getByTestId('conflict-judge-double-booked');
    await judge.waitFor();
    expect(await judge.getAttribute('data-severity')).toBe('hard');
    expect(await judge.getByTestId('conflict-reason').textContent()).toContain('审判人员王示审同一时段已安排');
    expect(await judge.getByTestId('conflict-other-case').textContent()).toContain('（2026）粤0305民初9002号');
    await page.getByTestId('conflict-room-double-booked').waitFor();
    expect(await page.getByTestId('conflict-room-double-booked').textContent()).toContain('第一法庭同一时段已安排');
    expect(await page.getByTestId('schedule-save').isDisabled()).toBe(true);
    await screenshot(page, 'hearings-01-conflicts');

    // Fix it: the afternoon is free.
    await setTime(page, 'hearing-start', '14:00');
    await setTime(page, 'hearing-end', '16:00');
    await judge.waitFor({ state: 'detached' });
    expect(await page.getByTestId('conflict-room-double-booked').count()).toBe(0);
    // Anything hard left (e.g. the sample's trial limit, long past) needs a reason.
    const overriding = await page.getByTestId('override-toggle').isVisible();
    if (overriding) {
      await page.getByTestId('override-toggle').click();
      await page.getByTestId('override-reason').fill('审限已依法延长，经院长批准');
    }
    await screenshot(page, 'hearings-02-fixed');
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-form').waitFor({ state: 'detached' });
    await page.getByTestId('hearing-info').waitFor();
    expect(await page.getByTestId('hearing-info').textContent()).toContain('14:00–16:00');
    if (overriding) expect(await page.getByTestId('hearing-override').textContent()).toContain('审限已依法延长');
    await page.waitForTimeout(600); // the drawer's closing animation
    await screenshot(page, 'hearings-03-scheduled');
  });

  it('shows the notice data', async () => {
    const { page } = s;
    await page.getByTestId('hearing-tab-notices').click();
    await page.getByTestId('notice-recipients').waitFor();
    const text = await page.getByTestId('notice-recipients').textContent();
    expect(text).toContain('传票');
    expect(text).toContain('出庭通知书');
    expect(text).toContain('张明远');
    await screenshot(page, 'hearings-04-notices');
  });

  it('generates the outline, ticks an item and saves it', async () => {
    const { page } = s;
    await page.getByTestId('hearing-tab-outline').click();
    await page.getByTestId('outline-generate').click();
    await page.getByTestId('outline-editor').waitFor();
    await page.getByTestId('outline-section-investigation').waitFor();
    expect(await page.getByTestId('outline-item').count()).toBeGreaterThan(3);
    await page.getByTestId('outline-item').first().locator('input[type="checkbox"]').check();
    await page.getByTestId('outline-save').click();
    await page.getByTestId('outline-progress').filter({ hasText: '已完成 1 /' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="outline-save"]')?.hasAttribute('disabled'));
    await screenshot(page, 'hearings-05-outline');
  });

  it('writes a transcript with the keyboard, autosaves, and finds it intact after a reload', async () => {
    const { page } = s;
    await page.getByTestId('hearing-tab-transcript').click();
    await page.getByTestId('transcript-editor').waitFor();
    await page.getByTestId('transcript-add').click();
    await page.keyboard.press('/');
    await page.getByTestId('phrase-palette').waitFor();
    await page.getByTestId('phrase-identity').waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('原告张明远，到庭。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('被告是否到庭？');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('被告李清河，到庭。对原告的身份没有异议。');
    await page.keyboard.press('Enter');
    // Enter renders the new turn and moves the caret into it before the key handler returns, so the
    // very next keystroke of a fast typist lands there (no waiting on a render frame).
    const turns = page.getByTestId('transcript-turn');
    expect(await turns.count()).toBe(5);
    expect(await turns.nth(4).getByTestId('turn-text').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Control+.');
    await turns.nth(4).getByTestId('phrase-palette').waitFor();
    await turns.nth(4).getByTestId('phrase-discipline').waitFor();
    await page.keyboard.press('2');
    expect(await turns.count()).toBe(5);
    expect(await turns.nth(1).getAttribute('data-role')).toBe('plaintiff');
    expect(await turns.nth(3).getAttribute('data-role')).toBe('defendant');
    // Autosave every few seconds: 已保存 HH:MM:SS.
    await page.getByTestId('transcript-status').filter({ hasText: /已保存 \d\d:\d\d:\d\d/ }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'hearings-06-transcript');

    await page.reload();
    await page.getByTestId('transcript-editor').waitFor();
    const after = page.getByTestId('turn-text');
    expect(await after.count()).toBe(5);
    expect(await after.nth(0).inputValue()).toContain('核对当事人');
    expect(await after.nth(1).inputValue()).toBe('原告张明远，到庭。');
    expect(await after.nth(3).inputValue()).toBe('被告李清河，到庭。对原告的身份没有异议。');
    expect(await after.nth(4).inputValue()).toContain('宣布法庭纪律');
    expect(await page.getByTestId('transcript-notice').count()).toBe(0);

    // Typed, then reloaded before the autosave: the local copy brings it back.
    await after.nth(4).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('刚写完还没保存的一句。');
    await page.waitForTimeout(500);
    await page.reload();
    await page.getByTestId('transcript-editor').waitFor();
    expect(await page.getByTestId('turn-text').count()).toBe(6);
    expect(await page.getByTestId('turn-text').nth(5).inputValue()).toBe('刚写完还没保存的一句。');
  });

  it('shows both hearings on the 日程 page and opens a case from it', async () => {
    const { page } = s;
    await page.evaluate((d) => {
      location.hash = `#/calendar?date=${d}&view=week`;
    }, day);
    await page.getByTestId('calendar-grid').waitFor();
    const blocks = page.getByTestId('calendar-hearing');
    await blocks.nth(1).waitFor();
    const numbers = await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-number')));
    expect(numbers).toEqual(expect.arrayContaining(['（2026）粤0305民初9001号', '（2026）粤0305民初9002号']));
    await screenshot(page, 'hearings-07-calendar-week');

    await page.getByTestId('calendar-view-month').click();
    await page.getByTestId('calendar-month').waitFor();
    await page.getByTestId(`calendar-cell-${day}`).getByTestId('calendar-hearing').nth(1).waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'hearings-08-calendar-month');

    await page.getByTestId('calendar-view-day').click();
    await page.getByTestId('calendar-grid').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'hearings-09-calendar-day');

    await page.getByTestId('calendar-hearing').filter({ hasText: '9001' }).first().click();
    await page.getByTestId('hearings-tab').waitFor();
    expect(await page.getByTestId('hearing-info').textContent()).toContain('14:00–16:00');
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
