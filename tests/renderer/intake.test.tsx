import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/cases';
import type { Extraction, Registration, StoredExtraction, TrackedDeadline } from '../../shared/contract/intake';
import { AppError } from '../../shared/contract/result';
import { extractComplaint } from '../../shared/rules/complaint';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';
import COMPLAINT from '../fixtures/complaints/01-loan-inline.txt?raw';

/** The first render of a page loads a lot of code; give it more than the default second under load. */
const slow = { timeout: 10_000 };

/** A draft case whose complaint was imported: the stored extraction points into document doc-c. */
function withExtraction(tweak: (e: Extraction) => void = () => undefined): { backend: FakeBackend; detail: CaseDetail; saved: Extraction[] } {
  const backend = new FakeBackend();
  const detail = backend.create({ title: '张明远诉李建国' });
  const meta = {
    id: 'doc-c',
    caseId: detail.id,
    title: '起诉状',
    kind: 'complaint',
    filename: '起诉状.txt',
    mime: 'text/plain',
    size: COMPLAINT.length * 3,
    sha256: 'f'.repeat(64),
    textLength: COMPLAINT.length,
    textNote: '',
    createdAt: Date.UTC(2026, 0, 5),
  };
  backend.documents.set(meta.id, { meta, text: COMPLAINT, base64: '' });
  backend.cases.set(detail.id, { ...detail, documents: [meta] });
  const extraction = extractComplaint(COMPLAINT);
  tweak(extraction);
  let stored: StoredExtraction = { caseId: detail.id, documentId: 'doc-c', version: 1, extraction, updatedAt: Date.UTC(2026, 0, 5), updatedBy: '书记员甲' };
  const saved: Extraction[] = [];
  backend.handle('intake.getExtraction', () => stored);
  backend.handle('intake.saveExtraction', (input) => {
    if (input.version !== stored.version) throw new AppError('CONFLICT', 'stale');
    saved.push(input.extraction);
    stored = { ...stored, version: stored.version + 1, extraction: input.extraction };
    return stored;
  });
  return { backend, detail, saved };
}

describe('extraction review', () => {
  it('shows the complaint beside the fields and highlights a field’s source on hover', async () => {
    const { backend, detail } = withExtraction();
    renderApp(`/cases/${detail.id}?step=review`, backend);
    const review = await screen.findByTestId('extraction-review', {}, slow);
    const source = within(review).getByTestId('source-text');
    expect(source.textContent).toBe(COMPLAINT);
    expect(within(source).queryByTestId('span-active')).toBeNull();

    fireEvent.mouseEnter(screen.getByTestId('field-party-0-name'));
    await waitFor(() => expect(within(source).getByTestId('span-active').textContent).toBe('张明远'));
    fireEvent.mouseLeave(screen.getByTestId('field-party-0-name'));
    fireEvent.mouseEnter(screen.getByTestId('field-claim-0-amount'));
    await waitFor(() => expect(within(source).getByTestId('span-active').textContent).toBe('人民币50,000元'));

    // The amount both ways: Arabic and Chinese capitals.
    const amount = within(screen.getByTestId('field-claim-0-amount')).getByTestId('amount-text');
    expect(amount.textContent).toContain('¥50,000.00');
    expect(amount.textContent).toContain('人民币伍万元整');
    expect(screen.getByTestId('field-court-value').textContent).toBe('深圳市南山区人民法院');
  });

  it('marks model proposals without a source as 未核验', async () => {
    const { backend, detail } = withExtraction((e) => {
      const p = e.parties[0]!;
      p.occupation = { value: '个体工商户', span: null, source: 'model', verified: false };
    });
    renderApp(`/cases/${detail.id}?step=review`, backend);
    const row = await screen.findByTestId('field-party-0-occupation', {}, slow);
    expect(within(row).getByTestId('unverified-badge').textContent).toBe('未核验');
    expect(within(row).getByTestId('source-model')).toBeTruthy();
    // A rule field with its span is not flagged.
    expect(within(screen.getByTestId('field-party-0-name')).queryByTestId('unverified-badge')).toBeNull();
    expect(screen.getByTestId('review-unverified-count').textContent).toContain('1');
  });

  it('a correction marks the field as the clerk’s and is saved with intake.saveExtraction', async () => {
    const user = userEvent.setup();
    const { backend, detail, saved } = withExtraction();
    renderApp(`/cases/${detail.id}?step=review`, backend);
    await screen.findByTestId('extraction-review', {}, slow);

    await user.click(screen.getByTestId('field-party-1-address-edit'));
    const input = screen.getByTestId('field-party-1-address-input');
    await user.clear(input);
    await user.type(input, '广东省深圳市福田区华强北路100号3栋');
    await user.click(screen.getByTestId('field-party-1-address-ok'));
    const row = screen.getByTestId('field-party-1-address');
    expect(within(row).getByTestId('source-clerk').textContent).toBe('已更正');
    expect(screen.getByTestId('review-dirty')).toBeTruthy();

    // An amount typed the way clerks write it.
    await user.click(screen.getByTestId('field-claim-0-amount-edit'));
    const amount = screen.getByTestId('field-claim-0-amount-input');
    await user.clear(amount);
    await user.type(amount, '6万元');
    await user.click(screen.getByTestId('field-claim-0-amount-ok'));
    expect(within(screen.getByTestId('field-claim-0-amount')).getByTestId('amount-text').textContent).toContain('人民币陆万元整');

    await user.click(screen.getByTestId('review-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    const address = saved[0]!.parties[1]!.address!;
    expect(address).toMatchObject({ value: '广东省深圳市福田区华强北路100号3栋', source: 'clerk', verified: true });
    // The correction keeps the place it corrects, so the highlight still works.
    expect(address.span).not.toBeNull();
    expect(saved[0]!.claims[0]!.amount).toMatchObject({ value: 6_000_000, yuan: '60000.00', source: 'clerk' });
    // Untouched fields keep their rule source.
    expect(saved[0]!.parties[0]!.name.source).toBe('rule');
  });

  it('refuses an amount it cannot read and keeps the editor open', async () => {
    const user = userEvent.setup();
    const { backend, detail } = withExtraction();
    renderApp(`/cases/${detail.id}?step=review`, backend);
    await screen.findByTestId('extraction-review', {}, slow);
    await user.click(screen.getByTestId('field-claim-0-amount-edit'));
    const amount = screen.getByTestId('field-claim-0-amount-input');
    await user.clear(amount);
    await user.type(amount, '很多钱');
    await user.click(screen.getByTestId('field-claim-0-amount-ok'));
    expect(screen.getByTestId('field-claim-0-amount-error').textContent).toContain('无法识别金额');
  });
});

function deadline(over: Partial<TrackedDeadline> & Pick<TrackedDeadline, 'id' | 'kind' | 'due'>): TrackedDeadline {
  return {
    caseId: 'case1',
    caseNumber: '（2026）粤0305民初1号',
    caseTitle: '张明远诉李建国',
    label: { zh: '期限', en: 'Deadline' },
    start: '2026-01-05',
    estimated: false,
    status: 'open',
    daysLeft: 10,
    urgency: 'upcoming',
    article: 'CPL art. 128',
    basis: null,
    steps: [],
    warnings: [],
    updatedAt: Date.UTC(2026, 0, 5),
    ...over,
  };
}

function registered(): { backend: FakeBackend; registration: Registration } {
  const backend = new FakeBackend();
  const detail = backend.create({
    caseNumber: '（2026）粤0305民初1号',
    causeOfAction: '民间借贷纠纷',
    procedure: 'simplified',
    filedOn: '2026-01-05',
    parties: [
      { role: 'plaintiff', name: '张明远' },
      { role: 'defendant', name: '李建国' },
    ],
    claims: [{ text: '判令被告偿还借款本金人民币50,000元', amountFen: 5_000_000 }],
  });
  const registration: Registration = {
    case: detail,
    fee: {
      kind: 'property',
      fee: '525.00',
      fullFee: '1050.00',
      feeFen: 52_500,
      fullFeeFen: 105_000,
      exactFee: '525.00',
      halved: true,
      halvingReasons: ['simplified'],
      steps: [
        { tier: '≤ 10,000.00', base: '10,000.00', rate: 'flat', amount: '50.00' },
        { tier: '10,000.00–100,000.00', base: '40,000.00', rate: '2.5%', amount: '1000.00' },
        { tier: 'halved (simplified; once only)', base: '1050.00', rate: '1/2', amount: '525.00' },
      ],
      article: '诉讼费用交纳办法 art. 13(1); art. 16',
      notes: [],
      amountFen: 5_000_000,
      computedAt: Date.UTC(2026, 0, 5),
    },
    deadlines: [
      deadline({
        id: 'd1',
        caseId: detail.id,
        kind: 'answer',
        label: { zh: '答辩期届满', en: 'Answer period ends' },
        start: '2026-01-10',
        due: '2026-01-26',
        estimated: true,
        steps: [
          { zh: '假定起诉状副本于立案后第5日（2026-01-10）送达', en: 'Assumes service on the 5th day' },
          { zh: '2026-01-10 + 15日 = 2026-01-25（星期日）', en: '2026-01-10 + 15 days = 2026-01-25 (Sunday)' },
        ],
      }),
      deadline({
        id: 'd2',
        caseId: detail.id,
        kind: 'trial-limit',
        label: { zh: '审限届满', en: 'Trial time limit expires' },
        due: '2026-04-07',
        article: 'CPL art. 164; CPL-Interp art. 258; CPL-Interp art. 243; CPL art. 85',
        daysLeft: 92,
      }),
    ],
    pauses: [],
    services: [],
    extensions: [],
    conversions: [],
    stages: [],
  };
  backend.handle('intake.registration', () => registration);
  return { backend, registration };
}

describe('registration result', () => {
  it('shows the number, the fee tier by tier with its article, and the deadlines with how each was computed', async () => {
    const user = userEvent.setup();
    const { backend, registration } = registered();
    renderApp(`/cases/${registration.case.id}`, backend);
    const result = await screen.findByTestId('registration-result', {}, slow);
    expect(within(result).getByTestId('registration-number').textContent).toContain('（2026）粤0305民初1号');

    const fee = within(result).getByTestId('fee-detail');
    expect(within(fee).getByTestId('fee-amount').textContent).toBe('¥525.00');
    expect(fee.textContent).toContain('全额 ¥1,050.00');
    const steps = within(fee).getByTestId('fee-steps');
    expect(steps.textContent).toContain('2.5%');
    expect(steps.textContent).toContain('40,000.00');
    expect(steps.textContent).toContain('定额');
    expect(steps.textContent).toContain('减半交纳（适用简易程序；只减半一次）');
    expect(within(fee).getByTestId('fee-article').textContent).toBe('《诉讼费用交纳办法》第十三条第（一）项；第十六条');

    const table = within(result).getByTestId('deadline-table');
    const answer = within(table).getByTestId('deadline-row-answer');
    expect(answer.textContent).toContain('答辩期届满');
    expect(answer.textContent).toContain('2026-01-26（周一）');
    expect(within(answer).getByTestId('deadline-estimated').textContent).toBe('预估');
    const trial = within(table).getByTestId('deadline-row-trial-limit');
    expect(within(trial).queryByTestId('deadline-estimated')).toBeNull();
    expect(trial.textContent).toContain('《民事诉讼法》第一百六十四条');

    // Expanding a row shows how it was computed.
    await user.click(within(answer).getByRole('button', { name: /展开|expand/i }));
    expect((await screen.findByTestId('deadline-steps', {}, slow)).textContent).toContain('2026-01-10 + 15日 = 2026-01-25（星期日）');
  });

  it('links to Settings when registration fails for want of a court profile', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.settings = { ...backend.settings, court: { name: '', code: '' } };
    const detail = backend.create({
      parties: [
        { role: 'plaintiff', name: '张明远' },
        { role: 'defendant', name: '李建国' },
      ],
      claims: [{ text: '偿还借款', amountFen: 5_000_000 }],
    });
    backend.handle('intake.getExtraction', () => null);
    backend.handle('intake.check', () => ({ complete: true, items: [], requiredCount: 0, recommendedCount: 0 }));
    backend.handle('intake.fee', () => registered().registration.fee!);
    renderApp(`/cases/${detail.id}?step=register`, backend);
    const missing = await screen.findByTestId('court-profile-missing', {}, slow);
    expect(missing.textContent).toContain('尚未设置本院名称和法院代字');
    expect(screen.getByTestId('register-submit').hasAttribute('disabled')).toBe(true);
    await user.click(within(missing).getByTestId('go-settings'));
    expect(await screen.findByTestId('settings-page', {}, slow)).toBeTruthy();
  });
});

describe('dashboard deadlines and stage control', () => {
  it('lists overdue and due-soon deadlines with urgency, case links, and marks one done', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    const items = [
      deadline({ id: 'd1', kind: 'fee-payment', due: '2026-11-25', daysLeft: -3, urgency: 'overdue', label: { zh: '预交诉讼费期限', en: 'Court fee due' } }),
      deadline({ id: 'd2', kind: 'answer', due: '2026-11-30', daysLeft: 2, urgency: 'due-soon', estimated: true, label: { zh: '答辩期届满', en: 'Answer period ends' } }),
    ];
    backend.handle('deadlines.list', () => ({ asOf: '2026-11-28', items: items.filter((d) => d.status === 'open') }));
    backend.handle('deadlines.complete', ({ id, done }) => {
      const d = items.find((x) => x.id === id)!;
      d.status = done === false ? 'open' : 'done';
      return d;
    });
    renderApp('/', backend);
    const panel = await screen.findByTestId('deadlines-panel', {}, slow);
    await within(panel).findByTestId('deadline-row-fee-payment');
    expect(within(panel).getByTestId('deadlines-overdue-count').textContent).toBe('逾期 1');
    expect(within(panel).getByTestId('deadlines-soon-count').textContent).toBe('3 日内到期 1');
    expect(within(panel).getByTestId('deadline-row-fee-payment').getAttribute('data-urgency')).toBe('overdue');
    expect(within(panel).getByTestId('deadline-row-fee-payment').textContent).toContain('已逾期 3 天');
    expect(within(panel).getByTestId('deadline-row-answer').textContent).toContain('还有 2 天');
    expect(within(panel).getByTestId('deadline-case-d1').getAttribute('href')).toBe('/cases/case1');

    await user.click(within(panel).getByTestId('deadline-done-d1'));
    await waitFor(() => expect(backend.callsOf('deadlines.complete')).toEqual([{ id: 'd1', done: true }]));
    await waitFor(() => expect(within(panel).queryByTestId('deadline-row-fee-payment')).toBeNull());
  });

  it('offers only the stages allowed next and records the transition', async () => {
    const user = userEvent.setup();
    const { backend, registration } = registered();
    backend.handle('cases.transition', ({ id, to }) => {
      const c = backend.cases.get(id)!;
      const next = { ...c, stage: to, version: c.version + 1 };
      backend.cases.set(id, next);
      return next;
    });
    renderApp(`/cases/${registration.case.id}`, backend);
    await user.click(await screen.findByTestId('stage-control', {}, slow));
    expect(await screen.findByTestId('stage-to-service')).toBeTruthy();
    expect(screen.getByTestId('stage-to-closed')).toBeTruthy();
    expect(screen.queryByTestId('stage-to-hearing')).toBeNull();
    await user.click(screen.getByTestId('stage-to-service'));
    await user.click(await screen.findByTestId('stage-confirm'));
    await waitFor(() => expect(backend.callsOf('cases.transition')).toEqual([{ id: registration.case.id, version: 1, to: 'service', note: '' }]));
    await waitFor(() => expect(within(screen.getByTestId('case-header')).getByText('送达')).toBeTruthy());
  });

  it('keeps a draft case from moving on before registration', async () => {
    const { backend, detail } = withExtraction();
    renderApp(`/cases/${detail.id}?step=review`, backend);
    const control = await screen.findByTestId('stage-control', {}, slow);
    expect(control.hasAttribute('disabled')).toBe(true);
  });
});

describe('import', () => {
  it('names the damaged file in plain words and says nothing was imported', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.failNext(
      'intake.importFiling',
      new AppError('BAD_INPUT', '证据.docx is damaged or not a valid .docx file (nothing was imported)', { reason: 'corrupt_docx', filename: '证据.docx' }),
    );
    renderApp('/intake/new', backend);
    await screen.findByTestId('import-filing', {}, slow);
    const input = screen.getByTestId('import-dropzone').querySelector('input[type=file]') as HTMLInputElement;
    const big = new File(['x'], '扫描件.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 60 * 1024 * 1024 });
    await user.upload(input, [new File(['PK'], '证据.docx'), big]);
    expect((await screen.findAllByTestId('import-file-problem'))[0]!.textContent).toContain('超过 50 MB');
    await user.click(screen.getByTestId('import-run'));
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('证据.docx 已损坏或不是有效的文件。');
    expect(error.textContent).toContain('本次没有导入任何文件');
    // The oversized file was never sent.
    const sent = backend.callsOf('intake.importFiling')[0]!;
    expect(sent.files?.map((f) => f.filename)).toEqual(['证据.docx']);
  });
});
