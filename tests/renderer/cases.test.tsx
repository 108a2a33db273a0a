import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/result';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

function seeded(): FakeBackend {
  const backend = new FakeBackend();
  backend.create({
    caseNumber: '（2025）粤0305民初1号',
    causeOfAction: '民间借贷纠纷',
    procedure: 'simplified',
    filedOn: '2025-01-06',
    parties: [
      { role: 'plaintiff', name: '张三' },
      { role: 'defendant', name: '李四' },
    ],
    claims: [{ text: '偿还借款', amountFen: 5_000_000 }],
  });
  backend.create({
    caseNumber: '（2025）粤0305民初2号',
    causeOfAction: '买卖合同纠纷',
    parties: [
      { role: 'plaintiff', kind: 'legal', name: '深圳甲公司' },
      { role: 'defendant', kind: 'legal', name: '深圳乙公司' },
    ],
  });
  backend.create({ causeOfAction: '物业服务合同纠纷', parties: [{ role: 'plaintiff', name: '某物业公司' }] });
  return backend;
}

describe('cases list', () => {
  it('renders the cases with their columns and marks a draft as unnumbered', async () => {
    renderApp('/cases', seeded());
    expect(await screen.findByText('（2025）粤0305民初1号')).toBeTruthy();
    expect(screen.getByText('（2025）粤0305民初2号')).toBeTruthy();
    expect(screen.getByText('张三')).toBeTruthy();
    expect(screen.getByText('深圳乙公司')).toBeTruthy();
    expect(screen.getByText('简易程序')).toBeTruthy();
    expect(screen.getByText('未编号')).toBeTruthy();
    for (const title of ['案号', '案由', '原告', '被告', '程序', '阶段', '立案日期', '更新时间']) {
      expect(screen.getAllByText(title).length).toBeGreaterThan(0);
    }
  });

  it('searches (debounced) by party name and sends the query to cases.list', async () => {
    const user = userEvent.setup();
    const { backend } = renderApp('/cases', seeded());
    await screen.findByText('（2025）粤0305民初1号');
    const box = screen.getByTestId('case-search');
    await user.type(box, '李四');
    await waitFor(() => expect(screen.queryByText('（2025）粤0305民初2号')).toBeNull());
    expect(screen.getByText('（2025）粤0305民初1号')).toBeTruthy();
    const queries = backend.callsOf('cases.list').map((c) => c.query);
    expect(queries).toContain('李四');
    // Debounce: no request for the partial input of every keystroke beyond the final one.
    expect(queries.filter((q) => q === '李').length).toBeLessThanOrEqual(1);
  });

  it('opens the case workspace on row click', async () => {
    const user = userEvent.setup();
    const backend = seeded();
    renderApp('/cases', backend);
    await user.click(await screen.findByText('（2025）粤0305民初1号'));
    const header = await screen.findByTestId('case-header');
    expect(within(header).getByText('民间借贷纠纷')).toBeTruthy();
    expect(await screen.findByTestId('claim-total')).toBeTruthy();
    expect(screen.getByTestId('claim-total').textContent).toBe('¥50,000.00');
  });
});

describe('case form', () => {
  it('creates a case with two parties and sends amounts as integer fen', async () => {
    const user = userEvent.setup();
    const { backend } = renderApp('/cases');
    await user.click(await screen.findByTestId('new-case'));
    await screen.findByTestId('case-form');

    await user.type(screen.getByTestId('case-caseNumber'), '（2025）粤0305民初88号');
    await user.type(screen.getByTestId('case-causeOfAction'), '民间借贷纠纷');
    await user.type(screen.getByTestId('party-0-name'), '王五');
    await user.type(screen.getByTestId('party-0-idNumber'), '440305199001011234');
    await user.type(screen.getByTestId('party-1-name'), '赵六');
    await user.type(screen.getByTestId('claim-0-text'), '判令被告偿还借款本金');
    await user.type(screen.getByTestId('claim-0-amount'), '50,000.10');
    await user.click(screen.getByTestId('add-claim'));
    await user.type(await screen.findByTestId('claim-1-text'), '判令被告承担诉讼费');

    await user.click(screen.getByTestId('case-form-save'));

    await waitFor(() => expect(backend.callsOf('cases.create')).toHaveLength(1));
    const [payload] = backend.callsOf('cases.create');
    expect(payload).toMatchObject({
      caseNumber: '（2025）粤0305民初88号',
      causeOfAction: '民间借贷纠纷',
      stage: 'intake',
      procedure: null,
      filedOn: null,
      parties: [
        { role: 'plaintiff', kind: 'natural', name: '王五', idNumber: '440305199001011234', agents: [] },
        { role: 'defendant', kind: 'natural', name: '赵六' },
      ],
      claims: [
        { text: '判令被告偿还借款本金', amountFen: 5_000_010 },
        { text: '判令被告承担诉讼费', amountFen: null },
      ],
    });
    // Lands in the new case's workspace.
    expect(await screen.findByTestId('case-workspace')).toBeTruthy();
    expect(screen.getByTestId('claim-total').textContent).toBe('¥50,000.10');
  });

  it('requires party names client-side and rejects a malformed amount', async () => {
    const user = userEvent.setup();
    const { backend } = renderApp('/cases/new');
    await screen.findByTestId('case-form');
    await user.type(screen.getByTestId('party-0-name'), '王五');
    await user.type(screen.getByTestId('claim-0-text'), '还钱');
    await user.type(screen.getByTestId('claim-0-amount'), '12.345');
    await user.click(screen.getByTestId('case-form-save'));
    expect(await screen.findByText('请填写姓名或名称')).toBeTruthy();
    expect(await screen.findByText(/请输入不超过两位小数的金额/)).toBeTruthy();
    expect(backend.callsOf('cases.create')).toHaveLength(0);
  });

  it('shows BAD_INPUT issues from the backend on the matching fields', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.failNext(
      'cases.create',
      new AppError('BAD_INPUT', 'input is invalid', {
        issues: [
          { path: 'parties.1.name', message: 'must be at most 200 characters' },
          { path: 'claims.0.amountFen', message: 'is absurdly large' },
          { path: 'parties', message: 'at most 200 parties' },
        ],
      }),
    );
    renderApp('/cases/new', backend);
    await screen.findByTestId('case-form');
    await user.type(screen.getByTestId('party-0-name'), '甲');
    await user.type(screen.getByTestId('party-1-name'), '乙');
    await user.type(screen.getByTestId('claim-0-text'), '请求');
    await user.type(screen.getByTestId('claim-0-amount'), '1');
    await user.click(screen.getByTestId('case-form-save'));

    const party1 = await screen.findByTestId('party-1');
    expect(await within(party1).findByText('不能超过 200 个字符')).toBeTruthy();
    const claim0 = screen.getByTestId('claim-0');
    expect(within(claim0).getByText('金额过大')).toBeTruthy();
    const banner = screen.getByTestId('case-form-fix');
    expect(within(banner).getByText(/at most 200 parties/)).toBeTruthy();
    // Still on the form: nothing was saved.
    expect(screen.queryByTestId('case-workspace')).toBeNull();
  });

  it('edits a case with {id, version, case} and offers a reload on CONFLICT', async () => {
    const user = userEvent.setup();
    const backend = seeded();
    const id = [...backend.cases.keys()][0] ?? '';
    renderApp(`/cases/${id}/edit`, backend);
    await screen.findByTestId('case-form');
    expect((screen.getByTestId('party-0-name') as HTMLInputElement).value).toBe('张三');
    expect((screen.getByTestId('claim-0-amount') as HTMLInputElement).value).toBe('50000.00');

    // Someone else saves meanwhile.
    const current = backend.cases.get(id);
    if (!current) throw new Error('seed missing');
    backend.cases.set(id, { ...current, version: current.version + 1, judge: '审判员丙' });

    await user.clear(screen.getByTestId('case-judge'));
    await user.type(screen.getByTestId('case-judge'), '审判员丁');
    await user.click(screen.getByTestId('case-form-save'));
    expect(await screen.findByTestId('case-form-conflict')).toBeTruthy();
    const [sent] = backend.callsOf('cases.update');
    expect(sent).toMatchObject({ id, version: 1, case: { judge: '审判员丁' } });
    expect(sent?.case.parties?.[0]).toMatchObject({ id: current.parties[0]?.id, name: '张三' });

    await user.click(screen.getByTestId('case-form-reload'));
    await waitFor(() => expect((screen.getByTestId('case-judge') as HTMLInputElement).value).toBe('审判员丙'));
    await user.click(screen.getByTestId('case-form-save'));
    await waitFor(() => expect(backend.callsOf('cases.update')).toHaveLength(2));
    expect(backend.callsOf('cases.update')[1]).toMatchObject({ id, version: 2 });
    expect(await screen.findByTestId('case-workspace')).toBeTruthy();
  });

  it('shows a refused edit of a registered case under 立案日期, in Chinese, with no field name or English', async () => {
    const user = userEvent.setup();
    const backend = seeded();
    const id = [...backend.cases.keys()][0] ?? '';
    // Shaped as cases.update refuses (electron/backend/cases/service.ts): the field first, English message, Chinese in details.zh.
    const en = 'the filing date 2025-01-20 is after the recorded service on 李四 (2025-01-10); the complaint copy is served after filing (CPL art. 128): correct that service record first';
    const zh = '立案日期2025-01-20晚于已登记的对李四的送达日期2025-01-10；起诉状副本应在立案后送达（民事诉讼法第一百二十八条），请先更正该送达记录';
    backend.failNext('cases.update', new AppError('BAD_INPUT', `Invalid input: case.filedOn: ${en}`, { issues: [{ path: 'case.filedOn', message: en }], zh: `case.filedOn：${zh}` }));
    renderApp(`/cases/${id}/edit`, backend);
    await screen.findByTestId('case-form');
    await user.click(screen.getByTestId('case-form-save'));

    const filedOnItem = screen.getByTestId('case-filedOn').closest('.ant-form-item');
    if (!(filedOnItem instanceof HTMLElement)) throw new Error('no 立案日期 item');
    expect(await within(filedOnItem).findByText(zh)).toBeTruthy();
    expect(within(screen.getByTestId('case-form-fix')).getByText('请修改标红的字段后再保存。')).toBeTruthy();
    expect(screen.queryByText(/case\.filedOn|Invalid input/)).toBeNull();
    expect(screen.queryByTestId('case-workspace')).toBeNull();
  });

  it('says the conversion refusal under the procedure in English', async () => {
    const user = userEvent.setup();
    const backend = seeded();
    backend.settings.language = 'en';
    const id = [...backend.cases.keys()][0] ?? '';
    const en = 'the procedure was set by a conversion ruling (CPL arts. 169, 170) and is not changed by an edit';
    const zh = '审理程序已由程序转换裁定确定（民事诉讼法第一百六十九条、第一百七十条），不能通过编辑案件更改';
    backend.failNext('cases.update', new AppError('BAD_INPUT', `Invalid input: case.procedure: ${en}`, { issues: [{ path: 'case.procedure', message: en }], zh: `case.procedure：${zh}` }));
    renderApp(`/cases/${id}/edit`, backend);
    await screen.findByTestId('case-form');
    await user.click(screen.getByTestId('case-form-save'));

    const procedureItem = screen.getByTestId('case-procedure').closest('.ant-form-item');
    if (!(procedureItem instanceof HTMLElement)) throw new Error('no procedure item');
    expect(await within(procedureItem).findByText(en)).toBeTruthy();
    expect(screen.queryByText(zh)).toBeNull();
  });
});
