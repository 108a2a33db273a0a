import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FIXTURES, DIVORCE, LENDING, TRAFFIC, judgmentText, type FixtureJudgment } from '../fixtures/precedents/judgments';
import { chromiumPath, loadSamples, openCase, root, screenshot, screenshotDir, startSession, type Session } from './harness';

const FIXTURES = join(root, 'tests', 'fixtures', 'precedents');
const SOURCE_NAME = '青山县示例文书库';
const BULK_NAME = '批量示例';

/** The drawer is fixed to the viewport, so a full-page shot would cut it off mid-page. */
async function viewportShot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** Browser code as a string: this project's Node tsconfig has no DOM types. */
async function watchFor(page: Page, testId: string, flag: string): Promise<void> {
  await page.evaluate(`
    window.${flag} = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="${testId}"]')) window.${flag} = true;
    }).observe(document.body, { childList: true, subtree: true });
  `);
}

/** Polls from Node (the app's CSP forbids the string evaluation waitForFunction would need). */
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Variants of the fictional judgments, for a corpus big enough to cancel mid-way. */
function variant(base: FixtureJudgment, i: number): FixtureJudgment {
  return {
    ...base,
    number: `（2019）某0101民初${10_000 + i}号`,
    plaintiff: `甲${i}`,
    defendant: `乙${i}`,
    facts: `${base.facts}（第${i}号示例，金额${1000 + i}元。）`,
  };
}

/**
 * Precedents and statutes end to end in browser mode against the real `courtdesk serve`: import the
 * small fictional corpus by path (progress, counts, issues), cancel and resume a bigger import, 类案
 * from a sample case with reasons and highlighted passages, statute import and the citation checker.
 */
describe.skipIf(!chromiumPath)('E2E precedents and statutes', () => {
  let s: Session;
  const work = mkdtempSync(join(tmpdir(), 'courtdesk-e2e-prec-'));
  const corpus = join(work, 'corpus');
  const bulk = join(work, 'bulk.jsonl');

  beforeAll(async () => {
    // The small corpus: the four fictional judgments, the GBK one, a duplicate and an unreadable file.
    mkdirSync(corpus, { recursive: true });
    ALL_FIXTURES.forEach((j, i) => writeFileSync(join(corpus, `judgment-${i + 1}.txt`), judgmentText(j)));
    copyFileSync(join(FIXTURES, 'gbk-lending-judgment.txt'), join(corpus, 'gbk-lending-judgment.txt'));
    writeFileSync(join(corpus, 'copy-of-judgment-1.txt'), judgmentText(ALL_FIXTURES[0]!));
    writeFileSync(join(corpus, 'broken.pdf'), 'this is not a PDF');
    const rows: string[] = [];
    for (let i = 0; i < 4000; i++) rows.push(JSON.stringify({ doc: judgmentText(variant([LENDING, TRAFFIC, DIVORCE][i % 3]!, i)) }));
    writeFileSync(bulk, rows.join('\n'));

    s = await startSession();
    await s.page.goto(s.app.url);
    await loadSamples(s.page);
  }, 120_000);

  afterAll(async () => {
    await s?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows what to import, then imports the fictional corpus by path with progress, counts and issues', async () => {
    const { page } = s;
    await page.getByTestId('nav-precedents').click();
    await page.getByTestId('precedents-page').waitFor();
    await page.getByTestId('prec-library-empty').waitFor();
    await screenshot(page, 'precedents-01-empty');

    await page.getByTestId('prec-library-empty-action').click();
    await page.getByTestId('import-card').waitFor();
    await page.getByTestId('import-path').fill(corpus);
    await page.getByTestId('import-source-name').fill(SOURCE_NAME);
    await watchFor(page, 'import-progress', 'sawProgress');
    await page.getByTestId('import-start').click();

    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('ok');
    const counts = result.getByTestId('import-counts');
    expect(await counts.getAttribute('data-inserted')).toBe('5');
    expect(await counts.getAttribute('data-duplicates')).toBe('1');
    expect(await counts.getAttribute('data-failed')).toBe('1');
    await expect(result.getByTestId('import-issue').first().textContent()).resolves.toMatch(/broken\.pdf：文件已损坏/);
    console.info(`[e2e precedents] small import: progress bar seen = ${String(await page.evaluate('window.sawProgress'))}`);

    await page.getByTestId('import-history').getByText(SOURCE_NAME).waitFor();
    await page.getByTestId('import-history').locator('[data-testid="import-status"][data-status="done"]').first().waitFor();
    await page.getByTestId('prec-stats').getByText('指导性案例').waitFor();
    await screenshot(page, 'precedents-02-imported');
  });

  it('cancels a bigger JSONL import mid-way and resumes it to the end, then removes it', async () => {
    const { page } = s;
    await page.getByTestId('import-card').getByText('JSONL / CSV 表格').click();
    await page.getByTestId('import-map-text').waitFor();
    await page.getByTestId('import-path').fill(bulk);
    await page.getByTestId('import-map-text').fill('doc');
    await page.getByTestId('import-source-name').fill(BULK_NAME);
    await page.getByTestId('import-start').click();

    await page.getByTestId('import-progress').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-cancel').waitFor();
    // Let some rows in first, so the cancel visibly stops a running import.
    const live = page.getByTestId('import-progress').getByTestId('import-counts');
    await until(async () => Number((await live.getAttribute('data-inserted')) ?? 0) >= 100);
    await screenshot(page, 'precedents-03-import-progress');
    await page.getByTestId('import-cancel').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('cancelled');
    const before = Number(await result.getByTestId('import-counts').getAttribute('data-inserted'));
    expect(before).toBeGreaterThanOrEqual(100);
    expect(before).toBeLessThan(4000);
    await page.getByTestId('import-history').locator('[data-testid="import-status"][data-status="cancelled"]').waitFor();
    await screenshot(page, 'precedents-04-import-cancelled');

    await page.getByTestId('import-result-resume').click();
    await page.locator('[data-testid="import-result"][data-status="ok"]').waitFor({ timeout: 120_000 });
    const c = page.getByTestId('import-result').getByTestId('import-counts');
    // Every row once: what the first run inserted plus what the resume inserted, nothing twice.
    const after = Number(await c.getAttribute('data-inserted'));
    expect(after + Number(await c.getAttribute('data-duplicates'))).toBe(4000);

    // Remove the bulk rows again, so the searches below see the small corpus only.
    const row = page.getByTestId('import-history').locator('tr[data-testid^="import-row-"]', { hasText: BULK_NAME });
    await row.locator('button[data-testid^="import-remove-"]').click();
    await page.locator('button[data-testid^="import-remove-confirm-"]').click();
    await page.locator('.ant-message').getByText('4000').waitFor();
  }, 180_000);

  it('pushes similar cases from a sample case, with why each matches, and opens one', async () => {
    const { page } = s;
    await openCase(page, '张明远');
    await page.getByTestId('tab-precedents').click();

    await page.getByTestId('case-prec-built-from').waitFor();
    await expect(page.getByTestId('case-prec-built-from').textContent()).resolves.toContain('民间借贷纠纷');
    const first = page.getByTestId('prec-hit-1');
    await first.waitFor();
    await expect(first.getByTestId('prec-source').textContent()).resolves.toContain(SOURCE_NAME);
    expect(await first.getByTestId('prec-cause-match').count()).toBe(1);
    expect(await first.getByTestId('prec-shared-element').count()).toBeGreaterThan(0);
    expect(await first.getByTestId('prec-mark').count()).toBeGreaterThan(0);
    // Every result on the first places is a lending case: the cause and elements decide, not shared words.
    for (const rank of [1, 2, 3]) {
      await expect(page.getByTestId(`prec-hit-${rank}`).textContent()).resolves.toContain('民间借贷纠纷');
    }
    // The statute library is still empty: the tab says what to import.
    await page.getByTestId('case-statutes-empty').waitFor();
    await screenshot(page, 'precedents-05-case-tab');

    await first.getByTestId('prec-hit-open').click();
    const reader = page.getByTestId('prec-reader-body');
    await reader.waitFor();
    await reader.getByTestId('prec-reader-section-facts').waitFor();
    expect(await reader.getByTestId('prec-reader-mark').count()).toBeGreaterThan(0);
    await expect(reader.getByTestId('prec-reader-source').textContent()).resolves.toBe(SOURCE_NAME);
    await page.waitForTimeout(600); // the drawer's slide-in animation
    await viewportShot(page, 'precedents-06-reader');
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'detached' });
  });

  it('searches the library with filters and shows what was searched', async () => {
    const { page } = s;
    await page.getByTestId('nav-precedents').click();
    await page.getByTestId('precedents-tab-search').click();
    await page.getByTestId('prec-query').fill('被告向原告借款，出具借条，通过银行转账交付，到期后经催讨未还');
    await page.getByTestId('prec-search-run').click();
    await page.getByTestId('prec-hit-1').waitFor();
    await page.getByTestId('prec-query-info').getByText('jieba', { exact: false }).waitFor();
    const all = await page.locator('[data-testid^="prec-hit-"][data-precedent-id]').count();
    expect(all).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'precedents-07-search');

    // Only guiding cases: the filter goes to the backend and one result remains.
    await page.getByTestId('prec-filter-authority').locator('input[value="guiding"]').check();
    await until(async () => (await page.locator('[data-testid^="prec-hit-"][data-precedent-id]').count()) === 1);
    expect(await page.getByTestId('prec-hit-1').getByTestId('prec-authority').getAttribute('data-authority')).toBe('guiding');
    await page.getByTestId('prec-filter-clear').click();
    await page.locator('[data-testid="prec-hit-3"]').waitFor();

    // The same screen in English: every label is translated (the judgments themselves stay Chinese).
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('prec-hit-1').getByText('Why it matches').waitFor();
    await screenshot(page, 'precedents-07b-search-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('prec-hit-1').getByText('为何匹配').waitFor();
  });

  it('imports the fictional statutes, checks citations and pushes articles for the case', async () => {
    const { page } = s;
    await page.getByTestId('precedents-tab-statutes').click();
    await page.getByTestId('laws-empty').waitFor();
    await page.getByTestId('statute-path').fill(join(FIXTURES, 'statutes'));
    await page.getByTestId('statute-import').click();
    const result = page.getByTestId('statute-import-result');
    await result.waitFor({ timeout: 30_000 });
    await expect(result.textContent()).resolves.toContain('readme.txt');
    await page.getByTestId('laws-table').getByText('中华人民共和国示例法').waitFor();

    await page
      .getByTestId('cite-input')
      .fill('依照《示例法》第二条第二款第（一）项、示例法第3条、《示例法》第九十九条、《中华人民共和国民法典》第六百七十五条之规定，判决如下');
    await page.getByTestId('cite-run').click();
    await page.getByTestId('cite-summary').waitFor();
    const items = page.getByTestId('cite-item');
    const statuses: (string | null)[] = [];
    for (let i = 0; i < (await items.count()); i++) statuses.push(await items.nth(i).getAttribute('data-status'));
    expect(statuses).toEqual(['ok', 'ok', 'no_such_article', 'unknown_law']);
    await expect(items.nth(0).getByTestId('cite-text').textContent()).resolves.toContain('约定了还款期限的');
    await expect(items.nth(1).getByTestId('cite-text').textContent()).resolves.toContain('修正后新增的条文');
    expect(await items.nth(2).getByTestId('cite-text').count()).toBe(0);
    expect(await items.nth(3).getByTestId('cite-text').count()).toBe(0);
    await screenshot(page, 'precedents-08-citations');

    // Browse a version of the law.
    await page.getByTestId('laws-table').locator('[data-testid^="law-version-"]', { hasText: '2023-01-01' }).click();
    await page.getByTestId('statute-browser').getByText('为了测试法条版本').waitFor();

    await page.getByTestId('statute-search-input').fill('返还借款');
    await page.getByTestId('statute-search-run').click();
    await page.getByTestId('statute-search-results').getByText('借款人应当按照约定的期限返还借款', { exact: false }).first().waitFor();
    await screenshot(page, 'precedents-09-statutes');

    // The case's tab now pushes articles with their text and reasons.
    await page.goBack();
    await page.getByTestId('case-workspace').waitFor();
    await page.getByTestId('case-statute-item').first().waitFor();
    expect(await page.getByTestId('case-statute-item').count()).toBeGreaterThan(0);
    await screenshot(page, 'precedents-10-case-statutes');
    expect(s.foreignRequests).toEqual([]);
  });
});
