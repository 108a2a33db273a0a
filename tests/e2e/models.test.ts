import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTinyModel, tinyModel } from '../llm/helpers';
import { chromiumPath, loadSamples, screenshot, screenshotDir, startSession, type Session } from './harness';

/** The drawer is fixed to the viewport, so a full-page shot would cut it off mid-page. */
async function viewportShot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/**
 * The Models page and the case chat end to end in browser mode: the real `courtdesk serve`
 * with the tiny random-weight model (the shared one when present, else the project's own
 * generated fixture). A random model writes gibberish: nothing here asserts answer quality.
 */
if (chromiumPath && !haveTinyModel) console.warn(`E2E models skipped: no tiny model file at ${tinyModel}.`);

const LOAN_TEXT = [
  '民事起诉状',
  '原告：张明远，男，1980年5月6日出生，住广东省深圳市南山区示例路1号。',
  '被告：李清河，男，1982年7月8日出生，住广东省深圳市福田区示例街2号。',
  '诉讼请求：一、判令被告偿还借款本金人民币80000元；二、判令被告支付逾期利息。',
  '事实与理由：2025年1月10日，被告因经营需要向原告借款人民币80000元，原告当日通过银行转账支付。被告出具借条一张，约定于2025年7月10日前归还。借款到期后，原告多次催讨，被告至今未还。',
].join('\n');

describe.skipIf(!chromiumPath || !haveTinyModel)('E2E models: load, try, bench and case chat with the tiny model', () => {
  let s: Session;
  const fileName = basename(tinyModel);

  beforeAll(async () => {
    s = await startSession();
    await s.page.goto(s.app.url);
    await loadSamples(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('adds the tiny model by path and loads it, showing progress and then ready', async () => {
    const { page } = s;
    await page.getByTestId('nav-models').click();
    await page.getByTestId('models-page').waitFor();
    await expect(page.getByTestId('llm-state').getAttribute('data-state')).resolves.toBe('idle');

    // A file that is not a model is refused in plain words.
    await page.getByTestId('model-add-path').fill(`${s.app.dataDir}/courtdesk.db`);
    await page.getByTestId('model-add-submit').click();
    await page.getByTestId('model-add-error').waitFor();
    await expect(page.getByTestId('model-add-error').textContent()).resolves.toMatch(/不是 GGUF 模型文件|GGUF/);

    await page.getByTestId('model-add-path').fill(tinyModel);
    await page.getByTestId('model-add-submit').click();
    await page.getByTestId(`model-load-${fileName}`).waitFor();
    await page.getByTestId('model-add-error').waitFor({ state: 'detached' });
    await screenshot(page, 'models-01-added');

    // The tiny model loads in a fraction of a second: record whether the progress bar ever showed.
    // (Browser code as a string: this project's Node tsconfig has no DOM types.)
    await page.evaluate(`
      window.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="llm-load-progress"]')) window.sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    `);
    await page.getByTestId(`model-load-${fileName}`).click();
    await page.locator('[data-testid="llm-state"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.evaluate('window.sawProgress')).toBe(true);
    await expect(page.getByTestId('llm-loaded-model').textContent()).resolves.not.toBe('未加载模型');
    await page.getByTestId('llm-load-progress').waitFor({ state: 'detached' });
    await screenshot(page, 'models-02-loaded');
  });

  it('streams text from "Try it" and says which model produced it', async () => {
    const { page } = s;
    await page.getByTestId('models-tab-try').click();
    await page.getByTestId('try-prompt').fill('人民法院审理民间借贷案件，应当');
    await page.getByTestId('try-max-tokens').fill('120');
    await page.evaluate(`
      window.lengths = new Set();
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="try-output"]');
        if (el) window.lengths.add(el.textContent.length);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    `);
    await page.getByTestId('try-run').click();
    await page.getByTestId('try-done').waitFor({ timeout: 60_000 });
    const text = (await page.getByTestId('try-output').textContent()) ?? '';
    expect(text.length).toBeGreaterThan(0);
    await expect(page.getByTestId('try-reason').textContent()).resolves.toMatch(/已完成|达到词元上限/);
    await page.getByTestId('try-provenance').waitFor();
    const sizes = (await page.evaluate('[...window.lengths]')) as number[];
    console.info(`[e2e models] try-it output grew through ${sizes.length} sizes (${sizes.slice(0, 8).join(', ')}…)`);
    await screenshot(page, 'models-03-try-it');
  });

  it('runs the bench with limit 3 and shows a leaderboard row', async () => {
    const { page } = s;
    await page.getByTestId('models-tab-bench').click();
    await page.getByTestId('bench-definition').waitFor();
    await page.getByTestId('bench-limit').fill('3');
    await page.getByTestId('bench-run').click();
    const row = page.getByTestId('bench-table').locator('tbody tr.ant-table-row').first();
    await row.waitFor({ timeout: 120_000 });
    await page.getByTestId('bench-progress').waitFor({ state: 'detached', timeout: 120_000 });
    expect(await page.getByTestId('bench-error').count()).toBe(0);
    await expect(row.textContent()).resolves.toMatch(/\d/);
    await screenshot(page, 'models-04-bench');
  });

  it('downloads a recommended model from a loopback mirror set in the runtime settings', async () => {
    const { page } = s;
    // A stand-in for a Hugging Face mirror: every file it serves is the tiny model.
    const bytes = readFileSync(tinyModel);
    const requests: string[] = [];
    const mirror = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      res.end(bytes);
    });
    await new Promise<void>((ok) => mirror.listen(0, '127.0.0.1', ok));
    const port = (mirror.address() as AddressInfo).port;
    try {
      await page.getByTestId('models-tab-settings').click();
      await page.getByTestId('llm-settings-form').waitFor();
      await screenshot(page, 'models-05-settings');
      const input = page.locator('[data-testid="llm-settings-form"] #mirrorBaseUrl');
      await input.fill(`http://127.0.0.1:${port}`);
      await page.getByTestId('llm-settings-save').click();
      await page.getByText('模型设置已保存').first().waitFor();

      await page.getByTestId('models-tab-catalog').click();
      const first = page.getByTestId('catalog-table').locator('tbody tr.ant-table-row').first();
      await first.waitFor();
      await page.getByTestId('catalog').getByText(`http://127.0.0.1:${port}`).first().waitFor();
      await screenshot(page, 'models-06-catalog');
      const id = ((await first.getAttribute('data-row-key')) ?? '').trim();
      expect(id).not.toBe('');
      await page.getByTestId(`catalog-download-${id}`).click();
      await page.getByTestId(`catalog-download-confirm-${id}`).click();
      const result = page.getByTestId(`catalog-result-${id}`);
      await result.waitFor({ timeout: 60_000 });
      // The catalogue has no verified hash for these files: the UI must not claim a verified download.
      await expect(result.textContent()).resolves.toContain('未核验');
      expect(requests.some((u) => u.includes('/resolve/main/'))).toBe(true);
      await page.getByTestId('models-table').getByText('已下载').first().waitFor();
      await screenshot(page, 'models-07-downloaded');
    } finally {
      await new Promise((ok) => mirror.close(ok));
    }
  });

  it('answers a question in a case chat with the model, then falls back to search once it is unloaded', async () => {
    const { page } = s;
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table').locator('tbody tr', { hasText: '张明远' }).first().click();
    await page.getByTestId('case-workspace').waitFor();
    // The samples carry no documents: upload a complaint as text.
    await page.getByTestId('documents-panel').locator('input[type=file]').setInputFiles({
      name: '起诉状.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(LOAN_TEXT, 'utf8'),
    });
    await page.getByTestId('documents-panel').getByText('起诉状.txt').first().waitFor();

    await page.getByTestId('case-chat-open').click();
    await page.getByTestId('chat-panel').waitFor();
    await page.getByTestId('chat-model').waitFor();
    await page.getByTestId('chat-input').fill('被告借款金额是多少？');
    await page.getByTestId('chat-ask').click();
    // A random model writes gibberish, but the answer must arrive and be shown (or its failure explained).
    await page.locator('[data-testid="chat-answer"], [data-testid="chat-turn"] .ant-alert').first().waitFor({ timeout: 120_000 });
    await page.getByTestId('chat-stop').waitFor({ state: 'detached', timeout: 120_000 });
    await viewportShot(page, 'models-08-chat-with-model');
    if ((await page.getByTestId('chat-citation-0').count()) > 0) {
      await page.getByTestId('chat-citation-0').click();
      await page.getByTestId('citation-viewer').waitFor();
      await page.waitForTimeout(500); // the modal's opening animation
      await viewportShot(page, 'models-09-citation');
      await page.keyboard.press('Escape');
      await page.getByTestId('citation-viewer').waitFor({ state: 'detached' });
    }
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-models').click();
    await page.getByTestId('llm-unload').click();
    await page.locator('[data-testid="llm-state"][data-state="idle"]').waitFor();

    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table').locator('tbody tr', { hasText: '张明远' }).first().click();
    await page.getByTestId('case-chat-open').click();
    await page.getByTestId('chat-no-model-banner').waitFor();
    await page.getByTestId('chat-input').fill('被告借款金额是多少？');
    await page.getByTestId('chat-ask').click();
    await page.getByTestId('chat-no-model').waitFor();
    const passage = page.getByTestId('chat-passage-1');
    await passage.waitFor();
    await expect(passage.textContent()).resolves.toContain('起诉状');
    expect(await passage.getByTestId('chat-hit').count()).toBeGreaterThan(0);
    await viewportShot(page, 'models-10-chat-no-model');
  });

  it('shows the Models page in English', async () => {
    const { page } = s;
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('nav-models').click();
    await page.getByTestId('models-page').waitFor();
    await page.getByText('Models on this machine (GGUF)').waitFor();
    await page.getByTestId('models-tab-bench').click();
    await page.getByTestId('bench-definition').waitFor();
    await screenshot(page, 'models-11-en-bench');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('lang-switch').getByText('中文').click();
  });

  it('made no request outside its own loopback origin and logged no errors', () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
