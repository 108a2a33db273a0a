import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Registration, TrackedDeadline } from '../../shared/contract/intake';
import { AppError } from '../../shared/contract/result';
import { addDays } from '../../shared/rules/dates';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

/** The first render of a page loads a lot of code; give it more than the default second under load. */
const slow = { timeout: 10_000 };

function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const today = localIso(new Date());
// Filed 20 days ago under simplified procedure: the trial limit (3 months) is still running.
const filedOn = addDays(today, -20);

function deadline(over: Partial<TrackedDeadline> & Pick<TrackedDeadline, 'kind' | 'due'>): TrackedDeadline {
  return {
    id: `d-${over.kind}`,
    caseId: 'c',
    caseNumber: '（2026）粤0305民初9号',
    caseTitle: '张明远诉李建国',
    label: { zh: over.kind === 'answer' ? '答辩期届满' : '审限届满', en: over.kind },
    start: filedOn,
    estimated: false,
    status: 'open',
    daysLeft: 30,
    urgency: 'upcoming',
    article: 'CPL art. 164',
    basis: null,
    steps: [],
    warnings: [],
    updatedAt: Date.UTC(2026, 0, 5),
    ...over,
  };
}

function registered(): { backend: FakeBackend; registration: Registration; ids: Record<string, string> } {
  const backend = new FakeBackend();
  const detail = backend.create({
    caseNumber: '（2026）粤0305民初9号',
    causeOfAction: '民间借贷纠纷',
    procedure: 'simplified',
    filedOn,
    parties: [
      { role: 'plaintiff', name: '张明远' },
      { role: 'defendant', name: '李建国' },
      { role: 'third_party', name: '王五' },
    ],
    claims: [{ text: '判令被告偿还借款本金人民币50,000元', amountFen: 5_000_000 }],
  });
  const registration: Registration = {
    case: detail,
    fee: null,
    deadlines: [
      deadline({ kind: 'answer', due: addDays(filedOn, 20), estimated: true, caseId: detail.id }),
      deadline({ kind: 'trial-limit', due: addDays(filedOn, 90), caseId: detail.id }),
    ],
    pauses: [],
    services: [],
    extensions: [],
    conversions: [],
    stages: [],
  };
  backend.handle('intake.registration', () => registration);
  backend.handle('deadlines.recordService', () => registration);
  backend.handle('deadlines.extend', () => registration);
  backend.handle('cases.convertProcedure', () => registration);
  const ids = Object.fromEntries(detail.parties.map((p) => [p.name, p.id])) as Record<string, string>;
  return { backend, registration, ids };
}

async function pickDate(user: ReturnType<typeof userEvent.setup>, id: string, date: string): Promise<void> {
  const input = document.getElementById(id) as HTMLInputElement;
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

const errorsOf = (form: HTMLElement) => Array.from(form.querySelectorAll('.ant-form-item-explain-error')).map((e) => e.textContent);

describe('登记送达 form', () => {
  it('requires a date, previews the new answer period, and sends the service', async () => {
    const user = userEvent.setup();
    const { backend, registration, ids } = registered();
    renderApp(`/cases/${registration.case.id}`, backend);
    await user.click(await screen.findByTestId('deadline-service-answer', {}, slow));
    const form = await screen.findByTestId('service-form');
    // Saving without a date: the field says so, nothing is sent.
    await user.click(screen.getByTestId('service-save'));
    await waitFor(() => expect(errorsOf(form)).toContain('请选择送达日期'));
    expect(backend.callsOf('deadlines.recordService')).toEqual([]);

    const servedOn = addDays(filedOn, 3);
    await pickDate(user, 'service-servedOn', servedOn);
    // Personal service on the defendant: answer 15 days later (the holiday roll-forward is the rules' business).
    const preview = await screen.findByTestId('service-preview');
    expect(preview.textContent).toContain('按此登记：李建国的答辩期至');
    await user.click(screen.getByTestId('service-save'));
    await waitFor(() =>
      expect(backend.callsOf('deadlines.recordService')).toEqual([
        { caseId: registration.case.id, partyId: ids['李建国'], method: 'personal', servedOn, foreignDomicile: false, note: '' },
      ]),
    );
  }, 20_000);

  it('offers the plaintiff and third party: recorded without an evidence period, the answer period unchanged', async () => {
    const user = userEvent.setup();
    const { backend, registration, ids } = registered();
    renderApp(`/cases/${registration.case.id}`, backend);
    await user.click(await screen.findByTestId('service-record', {}, slow));
    await screen.findByTestId('service-form');
    await user.click(within(screen.getByTestId('service-party')).getByRole('combobox'));
    await user.click(await screen.findByText('王五（第三人）'));
    expect(await screen.findByTestId('service-other-party')).toBeTruthy();
    expect(screen.queryByTestId('service-evidenceDays')).toBeNull();
    const servedOn = addDays(filedOn, 2);
    await pickDate(user, 'service-servedOn', servedOn);
    expect((await screen.findByTestId('service-preview')).textContent).toContain('（第三人）；答辩期、举证期限不变');
    await user.click(screen.getByTestId('service-save'));
    await waitFor(() => expect(backend.callsOf('deadlines.recordService')[0]).toMatchObject({ partyId: ids['王五'], servedOn }));
  }, 20_000);

  it('shows a refusal from the backend under the field it names', async () => {
    const user = userEvent.setup();
    const { backend, registration } = registered();
    backend.failNext(
      'deadlines.recordService',
      new AppError('BAD_INPUT', 'servedOn: refused', { issues: [{ path: 'servedOn', message: 'refused' }], zh: 'servedOn：送达日期与送达回证不符（测试）' }),
    );
    renderApp(`/cases/${registration.case.id}`, backend);
    await user.click(await screen.findByTestId('deadline-service-answer', {}, slow));
    const form = await screen.findByTestId('service-form');
    await pickDate(user, 'service-servedOn', addDays(filedOn, 3));
    await user.click(screen.getByTestId('service-save'));
    await waitFor(() => expect(errorsOf(form)).toContain('送达日期与送达回证不符（测试）'));
    expect(screen.getByTestId('service-form')).toBeTruthy();
  }, 20_000);
});

describe('延长审限 form', () => {
  it('requires the approver and reason, previews the new limit, and refuses a second month under the field', async () => {
    const user = userEvent.setup();
    const { backend, registration } = registered();
    renderApp(`/cases/${registration.case.id}`, backend);
    await user.click(await screen.findByTestId('deadline-extend', {}, slow));
    const form = await screen.findByTestId('extend-form');
    await user.click(screen.getByTestId('extend-save'));
    await waitFor(() => expect(errorsOf(form).filter((e) => e === '请填写此项')).toHaveLength(3));
    expect(backend.callsOf('deadlines.extend')).toEqual([]);

    // Two months in simplified procedure: the preview names CPL art. 164 before anything is sent.
    const months = within(form).getByTestId('extend-months').querySelector('input') ?? screen.getByTestId('extend-months');
    await user.clear(months);
    await user.type(months, '2');
    await user.type(screen.getByTestId('extend-approvedBy'), '院长 王某');
    await pickDate(user, 'extend-approvedOn', today);
    await user.type(screen.getByTestId('extend-reason'), '案情复杂');
    await waitFor(() => expect(screen.getByTestId('extend-preview').textContent).toContain('第一百六十四条'));

    // One month: the preview gives the new date; the backend's refusal lands under the field it names.
    await user.clear(months);
    await user.type(months, '1');
    await waitFor(() => expect(screen.getByTestId('extend-preview').textContent).toContain('审限将由'));
    backend.failNext(
      'deadlines.extend',
      new AppError('BAD_INPUT', 'approvedOn: refused', { issues: [{ path: 'approvedOn', message: 'refused' }], zh: 'approvedOn：审限已届满（测试）' }),
    );
    await user.click(screen.getByTestId('extend-save'));
    await waitFor(() => expect(errorsOf(form)).toContain('审限已届满（测试）'));
    expect(backend.callsOf('deadlines.extend')[0]).toMatchObject({ months: 1, days: 0, authority: 'president', approvedBy: '院长 王某', approvedOn: today, reason: '案情复杂' });
  }, 30_000);
});

describe('转为普通程序 form', () => {
  it('previews the ordinary limit from filing and sends the ruling', async () => {
    const user = userEvent.setup();
    const { backend, registration } = registered();
    renderApp(`/cases/${registration.case.id}`, backend);
    await user.click(await screen.findByTestId('procedure-convert', {}, slow));
    const form = await screen.findByTestId('convert-form');
    await user.click(screen.getByTestId('convert-save'));
    await waitFor(() => expect(errorsOf(form).filter((e) => e === '请填写此项')).toHaveLength(2));
    await pickDate(user, 'convert-ruledOn', today);
    await user.type(screen.getByTestId('convert-reason'), '案情复杂，需要鉴定');
    const preview = await screen.findByTestId('convert-preview');
    expect(preview.textContent).toContain(`自立案日 ${filedOn} 起按普通程序计算`);
    await user.click(screen.getByTestId('convert-save'));
    await waitFor(() =>
      expect(backend.callsOf('cases.convertProcedure')).toEqual([
        { caseId: registration.case.id, version: registration.case.version, to: 'ordinary', ruledOn: today, reason: '案情复杂，需要鉴定' },
      ]),
    );
  }, 20_000);
});
