import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, declineSamples, screenshot, startSession, type Session } from './harness';

describe.skipIf(!chromiumPath)('E2E foundation: courtdesk serve in Chromium', () => {
  let s: Session;

  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens with the Chinese UI and the first-run sample question', async () => {
    const { page } = s;
    await page.goto(s.app.url);
    await page.getByTestId('app-name').waitFor();
    await expect(page.getByTestId('app-name').textContent()).resolves.toContain('智审工作台');
    await page.getByTestId('samples-card').waitFor();
    // The token must not linger in the address bar once read.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, '01-dashboard-first-run');
    await declineSamples(page);
  });

  it('creates a case with two parties, finds it by party name, edits it, and it survives a reload', async () => {
    const { page } = s;
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table').waitFor();
    await page.getByTestId('new-case').click();
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-causeOfAction').fill('民间借贷纠纷');
    await page.getByTestId('case-caseNumber').fill('（2026）粤0305民初77号');
    await page.getByTestId('party-0-name').fill('欧阳测试');
    await page.getByTestId('party-1-name').fill('端木被告有限公司');
    await page.getByTestId('claim-0-text').fill('判令被告偿还借款本金50000元');
    await page.getByTestId('claim-0-amount').fill('50000');
    await screenshot(page, '02-case-form');
    await page.getByTestId('case-form-save').click();
    await page.getByTestId('case-workspace').waitFor();
    await expect(page.getByTestId('case-header-number').textContent()).resolves.toContain('（2026）粤0305民初77号');
    await screenshot(page, '03-case-workspace');

    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-search').fill('欧阳');
    const row = page.getByTestId('case-table').locator('tbody tr', { hasText: '欧阳测试' });
    await row.waitFor();
    expect(await page.getByTestId('case-table').locator('tbody tr', { hasText: '端木' }).count()).toBe(1);
    await screenshot(page, '04-cases-search');
    await row.click();
    await page.getByTestId('case-workspace').waitFor();

    await page.getByTestId('case-edit').click();
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-causeOfAction').fill('借款合同纠纷');
    await page.getByTestId('case-form-save').click();
    await page.getByTestId('case-workspace').waitFor();
    await page.getByText('借款合同纠纷').first().waitFor();

    await page.reload();
    await page.getByTestId('case-workspace').waitFor();
    await page.getByText('借款合同纠纷').first().waitFor();
    await expect(page.getByTestId('case-header-parties').textContent()).resolves.toContain('欧阳测试');
    await page.getByTestId('audit-panel').waitFor();
    await expect(page.getByTestId('audit-panel').textContent()).resolves.toMatch(/案由：.* → 借款合同纠纷/);
  });

  it('switches to English and back, and the choice persists', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-page').waitFor();
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('nav-cases').filter({ hasText: 'Cases' }).waitFor();
    await page.reload();
    await page.getByTestId('nav-cases').filter({ hasText: 'Cases' }).waitFor();
    await screenshot(page, '05-settings-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('nav-cases').filter({ hasText: '案件' }).waitFor();
  });

  it('shows every main screen (screenshots in test-output/screenshots)', async () => {
    const { page } = s;
    // The event stream keeps a request open, so "network idle" never comes: wait for the route, then settle.
    for (const [key, path, name] of [
      ['dashboard', '/', '06-dashboard'],
      ['cases', '/cases', '07-cases'],
      ['calendar', '/calendar', '08-calendar'],
      ['precedents', '/precedents', '09-precedents'],
      ['models', '/models', '10-models'],
      ['settings', '/settings', '11-settings'],
    ] as const) {
      await page.getByTestId(`nav-${key}`).click();
      await page.waitForURL((u) => u.hash === `#${path}` || u.hash.startsWith(`#${path}?`));
      await page.waitForTimeout(600);
      await screenshot(page, name);
    }
  });

  it('made no request outside its own loopback origin and logged no errors', () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
