import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../services/drafting-docx';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { chromiumPath, loadSamples, openCase, screenshot, screenshotDir, setCourtProfile, startSession, type Session } from './harness';

/** What the judge sees (the viewport, not the whole scrolled page), or one element. */
async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  if (target) await target.screenshot({ path });
  else await page.screenshot({ path });
}

/** The sample 民间借贷 case (fictional) carries a case number, parties and a 50000 yuan claim. */
const CASE_NUMBER = '（2026）粤0305民初9001号';
const REASONING =
  '本院认为，原告张明远与被告李清河之间的借贷关系系双方真实意思表示，合法有效。原告已通过银行转账交付借款本金50000元（人民币肆万元整），被告未按约还款，应承担还款责任。综上所述，原告的诉讼请求成立，本院予以支持。';

describe.skipIf(!chromiumPath)('E2E drafting: judgment from a sample case, edit, proofread, fix, diff, export', () => {
  let s: Session;

  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads the samples and sets the court profile', async () => {
    const { page } = s;
    await page.goto(s.app.url);
    await loadSamples(page);
    await setCourtProfile(page, '广东省深圳市南山区人民法院', '粤0305');
  });

  it('drafts a 民事判决书 from the sample case and shows the page preview', async () => {
    const { page } = s;
    await openCase(page, '民初9001号');
    await page.getByTestId('tab-drafting').click();
    await page.getByTestId('draft-list-empty').waitFor();

    await page.getByTestId('draft-new').click();
    await page.getByTestId('draft-create-kind').click();
    // The sample case is under simplified procedure: its own judgment template is offered first, the
    // ordinary one is marked and warns when picked (this test drafts it anyway, for the proofreader).
    const options = page.locator('.ant-select-item-option');
    await expect(options.first().textContent()).resolves.toBe('民事判决书（简易程序）');
    await options.filter({ hasText: '民事判决书（普通程序）（不适用于本案程序）' }).click();
    await page.getByTestId('draft-create-description').waitFor();
    await expect(page.getByTestId('draft-create-procedure-mismatch').textContent()).resolves.toContain('本案适用简易程序');
    await page.getByTestId('draft-create-submit').click();
    await page.getByTestId('draft-editor').waitFor();
    await expect(page.getByTestId('section-text-caseNumber').inputValue()).resolves.toBe(CASE_NUMBER);
    await expect(page.getByTestId('section-source-reasoning').textContent()).resolves.toBe('规则');
    await page.getByTestId('section-needs-input-reasoning').waitFor();
    // The preview: A4 pages with the title centred, page numbers — N —.
    await page.getByTestId('preview-page-1').waitFor();
    await expect(page.getByTestId('preview-page-number-1').textContent()).resolves.toBe('— 1 —');
    await expect(page.getByTestId('draft-preview').textContent()).resolves.toContain('民事判决书');
  });

  it('edits 本院认为 with autosave and shows it in the preview', async () => {
    const { page } = s;
    const box = page.getByTestId('section-text-reasoning');
    await box.fill(REASONING);
    await page.locator('[data-testid="save-state"][data-state="pending"]').waitFor();
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('section-source-reasoning').textContent()).resolves.toBe('法官');
    await expect(page.getByTestId('draft-preview').textContent()).resolves.toContain('被告未按约还款');
    await page.getByTestId('section-reasoning').scrollIntoViewIfNeeded();
    await page.getByTestId('section-text-reasoning').click();
    await screenshot(page, 'drafting-01-editor-full');
    await shot(page, 'drafting-01-editor-preview');
    await shot(page, 'drafting-01b-preview-page-1', page.getByTestId('preview-page-1'));
  });

  it('proofreads, highlights the mismatched amount and applies the suggested fix', async () => {
    const { page } = s;
    await page.getByTestId('draft-proofread').click();
    await page.getByTestId('proofread-summary').waitFor();
    const finding = page.locator('[data-testid^="finding-"][data-rule="amount-capital"]');
    await finding.waitFor();
    await expect(finding.textContent()).resolves.toContain('人民币肆万元整');
    await finding.click();
    await page.waitForTimeout(800); // the smooth scroll to the section
    await expect(page.getByTestId('section-mirror-reasoning').getByTestId('mark-finding').textContent()).resolves.toBe('人民币肆万元整');
    await shot(page, 'drafting-02-proofread');

    await finding.locator('[data-testid^="finding-apply-"]').click();
    await expect(page.getByTestId('section-text-reasoning').inputValue()).resolves.toContain('50000元（人民币伍万元整）');
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
    // Proofreading again finds no amount mismatch.
    await page.getByTestId('proofread-run').click();
    await page.getByTestId('proofread-summary').waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid^="finding-"][data-rule="amount-capital"]').count()).toBe(0);
  });

  it('shows the version history with a diff of 本院认为', async () => {
    const { page } = s;
    await page.getByTestId('draft-history-open').click();
    await page.getByTestId('draft-diff').waitFor();
    // The newest against the one before (autosaves of one section soon after each other share a
    // history row, so that is the drafted text against the judge's edit including the fix).
    await page.getByTestId('diff-section-reasoning').waitFor();
    const inserted = await page.getByTestId('diff-section-reasoning').getByTestId('diff-insert').allTextContents();
    expect(inserted.join('')).toContain('伍');
    await expect(page.getByTestId('diff-section-reasoning').textContent()).resolves.toContain('被告未按约还款');
    const deleted = await page.getByTestId('diff-section-reasoning').getByTestId('diff-delete').allTextContents();
    expect(deleted.join('')).toContain('争议焦点');
    await page.waitForTimeout(500); // the drawer's slide-in
    await shot(page, 'drafting-03-history-diff');
    await page.keyboard.press('Escape');
    await page.getByTestId('draft-history').waitFor({ state: 'detached' });
  });

  it('exports the .docx and the downloaded file holds the edited text and the case number', async () => {
    const { page } = s;
    const download = page.waitForEvent('download');
    await page.getByTestId('draft-export').click();
    // Errors left (if any) are warned about first; export anyway.
    const anyway = page.getByTestId('export-anyway');
    const first = await Promise.race([download.then(() => 'download' as const), anyway.waitFor().then(() => 'warn' as const)]);
    if (first === 'warn') await anyway.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${CASE_NUMBER}民事判决书.docx`);
    const path = await file.path();
    const docx = readDocx(readFileSync(path));
    const text = docx.paragraphs.join('\n');
    expect(text).toContain(CASE_NUMBER);
    expect(text).toContain('原告已通过银行转账交付借款本金50000元（人民币伍万元整）');
    expect(text).not.toContain('人民币肆万元整');
    expect(docx.document).toContain('w:pgSz');
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });

  it('lists the drafts and drafts a 传票 with the hearing time and place', async () => {
    const { page } = s;
    await page.getByTestId('draft-back').click();
    await page.getByTestId('draft-row-judgment').waitFor();
    await page.getByTestId('draft-new').click();
    await page.getByTestId('draft-create-kind').click();
    // The list is virtual (only the first kinds are rendered): search for it.
    await page.keyboard.type('传票');
    await page.locator('.ant-select-item-option', { hasText: '传票' }).click();
    await page.getByTestId('draft-create-hearingDate').click();
    await page.keyboard.type('2026-12-15');
    await page.keyboard.press('Enter');
    await page.getByTestId('draft-create-hearingTime').fill('09:30');
    await page.getByTestId('draft-create-hearingPlace').fill('本院第三法庭');
    await page.waitForTimeout(300);
    await shot(page, 'drafting-04-new-summons');
    await page.getByTestId('draft-create-submit').click();
    await page.getByTestId('draft-editor').waitFor();
    await expect(page.getByTestId('draft-title').textContent()).resolves.toBe('传票');
    const fields = await page.getByTestId('draft-preview').textContent();
    expect(fields).toContain('2026年12月15日9时30分');
    expect(fields).toContain('本院第三法庭');
    await shot(page, 'drafting-05-summons-editor');
    await page.getByTestId('draft-back').click();
    await page.getByTestId('draft-row-summons').waitFor();
    await shot(page, 'drafting-06-list');
  });
});
