import { Document, Packer, Paragraph, TextRun } from 'docx';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, declineSamples, screenshot, setCourtProfile, startSession, type Session } from './harness';

/** A fictional 民事起诉状 (every name, number and address is invented). */
const COMPLAINT = [
  '民事起诉状',
  '',
  '原告：欧阳明远，男，1985年4月12日出生，汉族，住广东省深圳市南山区科苑路66号3栋1202室，身份证号码：440305198504121236，联系电话：13800001111。',
  '委托诉讼代理人：司马文清，广东虚构律师事务所律师。',
  '被告：端木建华，男，1979年9月3日出生，汉族，住广东省深圳市福田区深南大道1000号，身份证号码：440304197909031231，联系电话：13900002222。',
  '',
  '诉讼请求：',
  '1. 判令被告偿还借款本金人民币80,000元；',
  '2. 判令被告以80,000元为基数，按年利率10%支付自2026年3月1日起至实际清偿之日止的利息；',
  '3. 本案诉讼费用由被告承担。',
  '',
  '事实与理由：',
  '2025年12月1日，被告因资金周转向原告借款捌万元整，约定于2026年2月28日前归还。原告当日通过银行转账向被告支付了80000元，被告出具借条一张。借款到期后，经原告多次催讨，被告至今未还。为维护原告的合法权益，特诉至贵院，望判如所请。',
  '',
  '证据和证据来源：',
  '1. 借条一份（来源：原告持有）；',
  '2. 银行转账记录一份。',
  '',
  '此致',
  '广东省深圳市南山区人民法院',
  '',
  '具状人：欧阳明远',
  '2026年11月16日',
];

async function complaintDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: COMPLAINT.map((line, i) =>
          i === 0 ? new Paragraph({ children: [new TextRun({ text: line, bold: true, size: 36 })] }) : new Paragraph(line),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe.skipIf(!chromiumPath)('E2E intake: import a .docx complaint, correct, register, see number, fee and deadlines', () => {
  let s: Session;
  let tmp: string;
  let caseUrl = '';
  // Filed ten days ago, so the fee-payment deadline (7 days) is already overdue on the dashboard.
  const filedOn = isoDaysAgo(10);
  const year = filedOn.slice(0, 4);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'courtdesk-intake-e2e-'));
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('sets the court profile in Settings', async () => {
    const { page } = s;
    await page.goto(s.app.url);
    await declineSamples(page);
    await setCourtProfile(page, '广东省深圳市南山区人民法院', '粤0305');
    await screenshot(page, 'intake-01-settings');
  });

  it('imports a .docx complaint from the dashboard’s 立案登记 button', async () => {
    const { page } = s;
    const file = join(tmp, '民事起诉状（欧阳明远诉端木建华）.docx');
    writeFileSync(file, await complaintDocx());
    const junk = join(tmp, '证据清单.exe');
    writeFileSync(junk, 'MZ not a document');

    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-new-filing').click();
    await page.getByTestId('new-filing').waitFor();
    await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles([file, junk]);
    await page.getByTestId('import-files').getByText('民事起诉状（欧阳明远诉端木建华）.docx').waitFor();
    // The unsupported file is flagged before anything is sent, and left out of the import.
    await expect(page.getByTestId('import-file-problem').textContent()).resolves.toContain('格式不支持');
    await screenshot(page, 'intake-02-import');
    await page.getByTestId('import-run').click();
    await page.getByTestId('extraction-review').waitFor({ timeout: 60_000 });
    caseUrl = page.url();
    await expect(page.getByTestId('source-text').textContent()).resolves.toContain('欧阳明远');
    await expect(page.getByTestId('field-party-0-name-value').textContent()).resolves.toBe('欧阳明远');
    await expect(page.getByTestId('field-party-1-name-value').textContent()).resolves.toBe('端木建华');
    await expect(page.getByTestId('field-claim-0-amount').textContent()).resolves.toContain('人民币捌万元整');
  });

  it('highlights a field’s source, takes a correction and applies the extraction to the case', async () => {
    const { page } = s;
    await page.getByTestId('field-party-1-address').hover();
    await expect(page.getByTestId('span-active').textContent()).resolves.toBe('广东省深圳市福田区深南大道1000号');
    await screenshot(page, 'intake-03-review-highlight');

    await page.getByTestId('field-party-1-address-edit').click();
    await page.getByTestId('field-party-1-address-input').fill('广东省深圳市福田区深南大道1000号A座808室');
    await page.getByTestId('field-party-1-address-ok').click();
    await page.getByTestId('field-party-1-address').getByTestId('source-clerk').waitFor();
    // The court addressed (此致 …) is blank when the .docx puts an empty paragraph after 此致: fill it in.
    if ((await page.getByTestId('field-court-missing').count()) > 0) {
      await page.getByTestId('field-court-edit').click();
      await page.getByTestId('field-court-input').fill('广东省深圳市南山区人民法院');
      await page.getByTestId('field-court-ok').click();
      await page.getByTestId('field-court').getByTestId('source-clerk').waitFor();
    }
    await page.getByTestId('field-party-1-address').scrollIntoViewIfNeeded();
    await screenshot(page, 'intake-04-review-corrected');
    await page.getByTestId('review-save').click();
    await page.getByTestId('review-dirty').waitFor({ state: 'detached' });
    await page.getByTestId('review-apply').click();
    await page.getByTestId('cause-picker').waitFor();
    // The corrected address went into the case.
    await expect(page.getByTestId('intake-parties').textContent()).resolves.toContain('深南大道1000号A座808室');
  });

  it('picks the cause of action and shows the completeness check', async () => {
    const { page } = s;
    await page.getByTestId('cause-0').waitFor();
    await expect(page.getByTestId('cause-0').textContent()).resolves.toContain('民间借贷纠纷');
    await page.getByTestId('cause-0-choose').click();
    await page.getByTestId('cause-current').filter({ hasText: '民间借贷纠纷' }).waitFor();
    await page.getByTestId('completeness').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'intake-05-cause-check');
    if (await page.getByTestId('defect-notice').isEnabled()) {
      await page.getByTestId('defect-notice').click();
      await page.getByTestId('defect-notice-text').waitFor();
      await expect(page.getByTestId('defect-notice-text').textContent()).resolves.toContain('第一百二十四条');
      await page.waitForTimeout(500); // let the dialog finish opening
      await screenshot(page, 'intake-06-defect-notice');
      await page.keyboard.press('Escape');
      await page.getByTestId('defect-notice-text').waitFor({ state: 'detached' });
    }
  });

  it('registers the case and shows its number, fee and deadlines', async () => {
    const { page } = s;
    await page.getByTestId('check-next').click();
    await page.getByTestId('register-step').waitFor();
    await page.getByTestId('register-procedure-simplified').click();
    const date = page.locator('input[data-testid="register-filedOn"], [data-testid="register-filedOn"] input').first();
    await date.click();
    await date.fill(filedOn);
    await date.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    await page.waitForTimeout(300);
    await page.getByTestId('register-number-preview').filter({ hasText: `（${year}）粤0305民初N号` }).waitFor();
    await page.getByTestId('fee-preview').getByTestId('fee-amount').filter({ hasText: '¥900.00' }).waitFor();
    await screenshot(page, 'intake-07-register');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-confirm').click();
    await page.getByTestId('registration-result').waitFor();
    const number = (await page.getByTestId('registration-number').textContent()) ?? '';
    expect(number).toMatch(new RegExp(`^（${year}）粤0305民初\\d+号$`));
    await expect(page.getByTestId('case-header-number').textContent()).resolves.toContain(number);
    // 80,000 yuan: 50 + 2.5% × 70,000 = 1,800 (art. 13(1)), halved for the simplified procedure (art. 16).
    await expect(page.getByTestId('registration-result').getByTestId('fee-amount').textContent()).resolves.toBe('¥900.00');
    await expect(page.getByTestId('fee-steps').textContent()).resolves.toContain('2.5%');
    await expect(page.getByTestId('fee-article').textContent()).resolves.toContain('《诉讼费用交纳办法》第十三条');
    const table = page.getByTestId('deadline-table');
    for (const kind of ['fee-payment', 'answer', 'evidence', 'trial-limit']) await table.getByTestId(`deadline-row-${kind}`).waitFor();
    await table.getByTestId('deadline-row-answer').getByTestId('deadline-estimated').waitFor();
    await table.getByTestId('deadline-row-answer').getByRole('button').first().click();
    await page.getByTestId('deadline-steps').first().waitFor();
    await screenshot(page, 'intake-08-registered');
  });

  it('moves the case to 送达 with the stage control', async () => {
    const { page } = s;
    await page.getByTestId('stage-control').click();
    await page.getByTestId('stage-to-service').click();
    const confirm = page.getByTestId('stage-confirm');
    await confirm.waitFor();
    // Let the dialog finish opening: a click during its zoom-in animation can miss.
    await page.waitForTimeout(400);
    await confirm.click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('case-header').getByText('送达', { exact: true }).waitFor();
  });

  it('shows the overdue fee deadline on the dashboard with a link to the case', async () => {
    const { page } = s;
    await page.getByTestId('nav-dashboard').click();
    const panel = page.getByTestId('deadlines-panel');
    await panel.getByTestId('deadline-row-fee-payment').waitFor();
    await expect(panel.getByTestId('deadline-row-fee-payment').getAttribute('data-urgency')).resolves.toBe('overdue');
    await expect(panel.textContent()).resolves.toContain(`（${year}）粤0305民初`);
    await panel.getByTestId('deadlines-overdue-count').waitFor();
    await screenshot(page, 'intake-09-dashboard-deadlines');
    await panel.getByTestId('deadline-row-fee-payment').getByRole('link').click();
    await page.getByTestId('registration-result').waitFor();
    expect(page.url()).toBe(caseUrl.split('?')[0]);
  });

  it('computes fees and deadlines in the intake tools', async () => {
    const { page } = s;
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-tools').click();
    await page.getByTestId('intake-tools').waitFor();
    await page.getByTestId('tool-fee-amount').fill('伍万元整');
    await page.getByTestId('tool-amount-parsed').filter({ hasText: '¥50,000.00' }).waitFor();
    await page.getByTestId('tool-fee-result').getByTestId('fee-amount').filter({ hasText: '¥1,050.00' }).waitFor();
    await expect(page.getByTestId('tool-deadline-result').textContent()).resolves.toContain('起算日');
    await screenshot(page, 'intake-10-tools');
  });

  it('reads in English too', async () => {
    const { page } = s;
    await page.goto(caseUrl.split('?')[0] ?? caseUrl);
    await page.getByTestId('registration-result').waitFor();
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('registration-result').getByText('Acceptance fee').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'intake-11-registered-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('registration-result').getByText('案件受理费').waitFor();
  });

  it('made no foreign request and logged no errors', () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
