import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromiumPath, loadSamples, openCase, screenshot, screenshotDir, startSession, type Session } from './harness';

describe.skipIf(!chromiumPath)('E2E mediation: a sample case’s 调解 tab shows the assessment with factors', () => {
  let s: Session;

  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads the samples and opens the traffic case’s 调解 tab', async () => {
    const { page } = s;
    await page.goto(s.app.url);
    await loadSamples(page);
    await openCase(page, '9003');
    await page.getByTestId('tab-mediation').click();
    await page.getByTestId('mediation-chart').waitFor();
    expect(await page.getByTestId('mediation-level').getAttribute('data-level')).toBe('hard');
    expect(await page.getByTestId('mediation-disclaimer').textContent()).toContain('仅供参考');
    const bars = page.getByTestId('mediation-chart').locator('[data-testid^="factor-bar-"]');
    expect(await bars.count()).toBeGreaterThanOrEqual(5);
    await page.getByTestId('factor-bar-insurer').click();
    await page.getByTestId('factor-detail').waitFor();
    expect(await page.getByTestId('factor-detail').textContent()).toContain('保险');
    expect(await page.getByTestId('mediation-suggestions').textContent()).toContain('保险公司');
    await page.getByTestId('mediation-model-kind').waitFor();
    await screenshot(page, 'mediation-01-traffic');
    // The chart at full resolution, to check labels and bars by eye.
    await page.getByTestId('mediation-factors').screenshot({ path: join(screenshotDir, 'mediation-01b-factor-chart.png') });
  });

  it('shows the divorce case as easier, with the source of a factor highlighted', async () => {
    const { page } = s;
    await openCase(page, '9004');
    await page.getByTestId('tab-mediation').click();
    await page.getByTestId('mediation-chart').waitFor();
    expect(await page.getByTestId('mediation-level').getAttribute('data-level')).toBe('medium');
    await page.getByTestId('factor-bar-contested').click();
    const mark = page.getByTestId('factor-detail').locator('mark').first();
    expect(await mark.textContent()).toBe('抚养权');
    await screenshot(page, 'mediation-02-divorce-source');
  });

  it('records the outcome of the closed bank-loan case, and the count shows in the model', async () => {
    const { page } = s;
    await openCase(page, '8801');
    await page.getByTestId('tab-mediation').click();
    await page.getByTestId('mediation-outcome-save').waitFor();
    await page.getByTestId('mediation-outcome-save').click();
    await page.getByTestId('mediation-outcome-current').waitFor();
    expect(await page.getByTestId('mediation-outcome-current').textContent()).toContain('调解');
    await page.getByTestId('mediation-model-info').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('calibration-plot').waitFor();
    await screenshot(page, 'mediation-03-outcome-recorded');
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });
});
