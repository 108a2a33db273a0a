import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER, BAD_DATES, COMPLAINT, EVIDENCE_LIST } from '../services/review-fixtures';
import { chromiumPath, loadSamples, openCase, screenshot, screenshotDir, startSession, type Session } from './harness';

const FILES: Record<string, string> = {
  '民事起诉状.txt': COMPLAINT,
  '答辩状.txt': ANSWER,
  '原告证据目录.txt': EVIDENCE_LIST,
  '情况说明.txt': BAD_DATES,
};

function row(page: Page, title: string) {
  return page.getByTestId('casefile-table').locator('tbody tr', { hasText: title });
}

/** Picks an option of an antd Select by its exact visible text. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, text: string) {
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${text}$`) });
  await option.first().click();
}

async function closeReader(page: Page) {
  await page.locator('.ant-drawer-open .ant-drawer-close').click();
  await page.getByTestId('reader').waitFor({ state: 'detached' });
  await page.locator('.ant-drawer-mask').waitFor({ state: 'detached' });
}

describe.skipIf(!chromiumPath)('E2E file review (阅卷): case file, timeline, elements, points, evidence; intact after reload', () => {
  let s: Session;
  let tmp: string;
  let caseUrl = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'courtdesk-review-e2e-'));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(tmp, name), text, 'utf8');
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the samples and opens the lending case’s 阅卷 tab', async () => {
    const { page } = s;
    await page.goto(s.app.url);
    await loadSamples(page);
    await openCase(page, '9001');
    await page.getByTestId('tab-review').click();
    await page.getByTestId('casefile').waitFor();
    caseUrl = page.url();
    expect(caseUrl).toContain('tab=review');
  });

  it('uploads a complaint, an answer, an evidence list and a note, and shows them classified with reasons', async () => {
    const { page } = s;
    await page.getByTestId('casefile-upload').locator('input[type=file]').setInputFiles(Object.keys(FILES).map((f) => join(tmp, f)));
    for (const name of Object.keys(FILES)) await row(page, name.replace('.txt', '')).waitFor({ timeout: 20_000 });
    expect(await row(page, '民事起诉状').getAttribute('data-category')).toBe('complaint');
    expect(await row(page, '答辩状').getAttribute('data-category')).toBe('answer');
    expect(await row(page, '原告证据目录').getAttribute('data-category')).toBe('evidence_list');
    await expect(row(page, '答辩状').getByTestId('casefile-reason').textContent()).resolves.toMatch(/答辩/);
    await expect(row(page, '民事起诉状').getByTestId('casefile-confidence').textContent()).resolves.toMatch(/%/);

    // The same file again is recognised as a duplicate, not added twice.
    await page.getByTestId('casefile-upload').locator('input[type=file]').setInputFiles(join(tmp, '答辩状.txt'));
    await page.locator('.ant-message').getByText('内容相同').waitFor();
    expect(await row(page, '答辩状').count()).toBe(1);
    await screenshot(page, 'review-01-case-file');
  });

  it('takes the clerk’s correction of a category and keeps the order by category', async () => {
    const { page } = s;
    const note = row(page, '情况说明');
    const before = (await note.getAttribute('data-category')) ?? '';
    const target = before === 'evidence' ? '其他' : '证据';
    await choose(page, note.getByTestId('casefile-category'), target);
    await note.getByTestId('casefile-by-clerk').waitFor();
    expect(await note.getAttribute('data-source')).toBe('clerk');
    expect(await note.getAttribute('data-category')).toBe(target === '证据' ? 'evidence' : 'other');
    // Move it to the top, then let the rules order the file by category again.
    await note.getByTestId('casefile-up').click();
    await page.waitForTimeout(300);
    await page.getByTestId('casefile-sort').click();
    await page.getByTestId('casefile-row-1').filter({ hasText: '民事起诉状' }).waitFor();
  });

  it('searches the whole file and opens a hit in the reader; finds within the document', async () => {
    const { page } = s;
    await page.getByTestId('casefile-search').locator('input').fill('归还20000元');
    await page.getByTestId('casefile-search').locator('input').press('Enter');
    await page.getByTestId('search-hit-0').waitFor();
    await expect(page.getByTestId('search-hit-0').textContent()).resolves.toContain('答辩状');
    await screenshot(page, 'review-02-search');
    await page.getByTestId('search-hit-0').click();
    await page.getByTestId('reader').waitFor();
    await expect(page.getByTestId('span-active').textContent()).resolves.toMatch(/归还|20000/);
    await page.getByTestId('reader-find').fill('答辩人');
    await page.getByTestId('reader-count').filter({ hasText: /^1 \/ \d+$/ }).waitFor();
    await page.getByTestId('reader-next').click();
    await page.getByTestId('reader-count').filter({ hasText: /^2 \/ \d+$/ }).waitFor();
    await expect(page.getByTestId('span-active').textContent()).resolves.toBe('答辩人');
    await page.waitForTimeout(300);
    await screenshot(page, 'review-03-reader-find');
    await closeReader(page);
  });

  it('builds the timeline: sorted events with relative dates explained, sources, and unreadable dates listed', async () => {
    const { page } = s;
    await page.getByTestId('review-section-timeline').click();
    await page.getByTestId('timeline-build').click();
    await page.getByTestId('timeline-table').locator('tbody tr').nth(3).waitFor();
    const texts = await page.getByTestId('timeline-datetext').allTextContents();
    expect(texts).toContain('次日（据“2026年1月15日”推算）');
    const problems = (await page.getByTestId('timeline-problems').textContent()) ?? '';
    expect(problems).toContain('2025年2月30日');
    const dates = await page.getByTestId('timeline-date').allTextContents();
    expect(dates).toContain('2025年1月10日');
    expect(dates).toContain('2025年6月'); // 答辩状: 已于2025年6月归还 (month precision)
    const key = (d: string) => d.replace(/(\d+)年(\d+)月(?:(\d+)日)?/, (_m, y: string, m: string, day?: string) => `${y}-${m.padStart(2, '0')}-${(day ?? '01').padStart(2, '0')}`);
    expect(dates.map(key)).toEqual(dates.map(key).sort());
    await screenshot(page, 'review-04-timeline');
    // A source opens the reader at the date in the document.
    const nextDay = page.getByTestId('timeline-table').locator('tbody tr', { hasText: '次日（据' }).first();
    await nextDay.getByTestId('timeline-source').click();
    await page.getByTestId('reader').waitFor();
    await expect(page.getByTestId('span-active').textContent()).resolves.toBe('次日');
    await page.waitForTimeout(300);
    await screenshot(page, 'review-05-timeline-source');
    await closeReader(page);
  });

  it('analyses the elements, the judge marks one disputed, and the resulting point is confirmed and saved', async () => {
    const { page } = s;
    await page.getByTestId('review-section-elements').click();
    await page.getByTestId('elements-analyze').click();
    const agreement = page.getByTestId('element-agreement');
    await agreement.waitFor();
    expect(await agreement.getAttribute('data-status')).toBe('admitted');
    // The catalogue's basis (CC arts. 667, 668; provisions arts. 2, 14–16) is cited as a clerk writes it.
    expect(await agreement.getByTestId('element-basis').textContent()).toBe(
      '依据：《民法典》第六百六十七条、第六百六十八条；《民间借贷规定》第二条、第十四条至第十六条',
    );
    expect(await page.getByTestId('element-maturity-default').getAttribute('data-status')).toBe('disputed');
    await agreement.getByTestId('element-set-disputed').click();
    await agreement.getByTestId('element-by-judge').waitFor();
    expect(await agreement.getAttribute('data-status')).toBe('disputed');

    const point = page.getByTestId('points').locator('[data-elements~="agreement"]');
    await point.waitFor();
    await point.getByTestId('point-confirm').click();
    await page.getByTestId('points-save').click();
    await page.getByTestId('points-dirty').waitFor({ state: 'detached' });
    expect(await point.getAttribute('data-status')).toBe('confirmed');
    await screenshot(page, 'review-06-elements');
    await page.getByTestId('points').screenshot({ path: join(screenshotDir, 'review-06b-points.png') });
    await agreement.screenshot({ path: join(screenshotDir, 'review-06c-element.png') });
    // A signal's source opens the reader at the pleading's sentence.
    await page.getByTestId('element-maturity-default').getByTestId('element-signal-source').first().click();
    await page.getByTestId('reader').waitFor();
    await page.getByTestId('span-active').waitFor();
    await closeReader(page);
  });

  it('imports the evidence list into the catalogue with its original lines, records a cross-examination and exports CSV', async () => {
    const { page } = s;
    await page.getByTestId('review-section-evidence').click();
    await page.getByTestId('evidence-import').click();
    await page.getByTestId('import-doc').waitFor();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-item').count()).toBe(3);
    await expect(page.getByTestId('import-original').first().textContent()).resolves.toContain('借条一份');
    await screenshot(page, 'review-07-evidence-import');
    await page.getByTestId('import-close').click();
    await page.getByTestId('evidence-row-3').waitFor();
    await expect(page.getByTestId('evidence-row-2').textContent()).resolves.toContain('银行转账凭证');
    await expect(page.getByTestId('evidence-row-1').textContent()).resolves.toContain('张明远');

    await page.getByTestId('evidence-row-3').getByTestId('evidence-edit').click();
    await page.getByTestId('evidence-form').waitFor();
    await page.getByTestId('opinion-add-all').click();
    await page.getByTestId('opinion-0-relevance-dispute').click();
    await page.getByTestId('opinion-0-note').fill('聊天记录无法确认系被告本人');
    await page.getByTestId('evidence-form-finding-partly-admitted').click();
    await page.waitForTimeout(300);
    await screenshot(page, 'review-08-evidence-form');
    await page.getByTestId('evidence-form-save').click();
    await page.getByTestId('evidence-form').waitFor({ state: 'detached' });
    await page.getByTestId('evidence-row-3').getByTestId('evidence-opinion').filter({ hasText: '关联性 有异议' }).waitFor();
    await screenshot(page, 'review-09-evidence');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-export').click()]);
    const path = join(tmp, 'export.csv');
    await download.saveAs(path);
    const csv = readFileSync(path, 'utf8');
    expect(csv).toContain('证明目的');
    expect(csv).toContain('银行转账凭证');
    expect(csv).toContain('关联性有异议');
  });

  it('summarises the case without a model, each sentence linked to its source', async () => {
    const { page } = s;
    await page.getByTestId('review-section-summary').click();
    await page.getByTestId('summary-generate').click();
    await page.getByTestId('summary-sentence-0').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('summary-method').textContent()).resolves.toBe('抽取式');
    await screenshot(page, 'review-10-summary');
    await page.getByTestId('summary-source').first().click();
    await page.getByTestId('span-active').waitFor();
    await closeReader(page);
  });

  it('finds everything intact after a reload', async () => {
    const { page } = s;
    await page.goto(caseUrl);
    await page.getByTestId('casefile').waitFor();
    await row(page, '情况说明').getByTestId('casefile-by-clerk').waitFor();
    await page.getByTestId('review-section-timeline').click();
    await page.getByTestId('timeline-datetext').first().waitFor();
    expect(await page.getByTestId('timeline-datetext').allTextContents()).toContain('次日（据“2026年1月15日”推算）');
    await page.getByTestId('review-section-elements').click();
    await page.getByTestId('element-agreement').getByTestId('element-by-judge').waitFor();
    expect(await page.getByTestId('element-agreement').getAttribute('data-status')).toBe('disputed');
    expect(await page.getByTestId('points').locator('[data-status="confirmed"]').count()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('review-section-evidence').click();
    await page.getByTestId('evidence-row-3').getByTestId('evidence-opinion').waitFor();
    expect(await page.getByTestId('evidence-table').locator('tbody tr[data-testid^="evidence-row-"]').count()).toBe(3);
    await page.getByTestId('review-section-summary').click();
    await page.getByTestId('summary-sentence-0').waitFor();
    expect(s.foreignRequests).toEqual([]);
  });
});
