import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../shared/contract/tasks';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const slow = { timeout: 10_000 };

const task = (over: Partial<Task> & Pick<Task, 'id' | 'kind' | 'due' | 'daysLeft' | 'severity'>): Task => ({
  caseId: 'case1',
  caseNumber: '（2025）粤0305民初101号',
  caseTitle: '张三诉李四',
  hearingId: null,
  title: { zh: '送达待登记', en: 'Service to record' },
  text: { zh: '起诉状副本应在立案之日起5日内送达被告', en: 'The complaint copy was due within 5 days' },
  article: 'CPL art. 128',
  ...over,
});

const ITEMS: Task[] = [
  task({ id: 'service-record:case1', kind: 'service-record', due: '2025-10-09', daysLeft: -1, severity: 'overdue', article: 'CPL arts. 128, 85' }),
  task({
    id: 'hearing-notice:h1',
    kind: 'hearing-notice',
    caseId: 'case2',
    caseNumber: '（2025）粤0305民初102号',
    hearingId: 'h1',
    due: '2025-10-10',
    daysLeft: 0,
    severity: 'due-soon',
    title: { zh: '开庭通知待送达', en: 'Hearing notice to serve' },
    text: { zh: '最迟2025-10-10送达传票', en: 'Serve the summons by 2025-10-10' },
    article: 'CPL art. 139; CPL-Interp art. 227',
  }),
  task({
    id: 'trial-limit-extension:case3',
    kind: 'trial-limit-extension',
    caseId: 'case3',
    caseNumber: '（2025）粤0305民初103号',
    due: '2025-10-20',
    daysLeft: 10,
    severity: 'upcoming',
    title: { zh: '审限延长报批', en: 'Trial-limit extension request' },
    text: { zh: '如需延长审限，应于2025-10-20前提出申请', en: 'To extend it, apply by 2025-10-20' },
    article: 'SPC 2019 provisions art. 1; CPL art. 152',
  }),
];

describe('dashboard to-do list (待办事项)', () => {
  it('lists the tasks in the order given with counts, articles and links to the right case tab', async () => {
    const backend = new FakeBackend();
    backend.handle('tasks.list', () => ({ asOf: '2025-10-10', extensionReminderDays: 30, items: ITEMS }));
    renderApp('/', backend);
    const card = await screen.findByTestId('tasks-card', {}, slow);
    await within(card).findByTestId('task-service-record:case1');
    expect(within(card).getByTestId('tasks-total').textContent).toBe('共 3 项');
    expect(within(card).getByTestId('tasks-overdue-count').textContent).toBe('逾期 1 项');
    expect(within(card).getByTestId('tasks-soon-count').textContent).toBe('3日内 1 项');

    const rows = within(card).getAllByTestId(/^task-(service-record|hearing-notice|trial-limit-extension):/);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['task-service-record:case1', 'task-hearing-notice:h1', 'task-trial-limit-extension:case3']);
    const service = within(card).getByTestId('task-service-record:case1');
    expect(within(service).getByTestId('task-when').textContent).toBe('逾期 1 日');
    expect(service.textContent).toContain('送达待登记');
    expect(within(service).getByTestId('task-article').textContent).toBe('依据：《民事诉讼法》第一百二十八条、第八十五条');
    expect(within(card).getByTestId('task-open-service-record:case1').getAttribute('href')).toBe('/cases/case1?tab=intake');
    expect(within(card).getByTestId('task-open-hearing-notice:h1').getAttribute('href')).toBe('/cases/case2?tab=hearing');
    expect(within(card).getByTestId('task-case-trial-limit-extension:case3').getAttribute('href')).toBe('/cases/case3?tab=intake');
    expect(within(within(card).getByTestId('task-hearing-notice:h1')).getByTestId('task-when').textContent).toBe('今日到期');
    expect(within(within(card).getByTestId('task-trial-limit-extension:case3')).getByTestId('task-article').textContent).toBe(
      '依据：《关于严格规范民商事案件延长审限和延期开庭问题的规定》第一条；《民事诉讼法》第一百五十二条',
    );
    expect(card.textContent).toContain('审限届满前 30 日内提示延长报批');
    expect(backend.callsOf('tasks.list')).toEqual([{}]);
  });

  it('shows an empty state, and English when the UI is in English', async () => {
    const backend = new FakeBackend();
    backend.settings.language = 'en';
    backend.handle('tasks.list', () => ({ asOf: '2025-10-10', extensionReminderDays: 45, items: [] }));
    renderApp('/', backend);
    const card = await screen.findByTestId('tasks-card', {}, slow);
    expect((await within(card).findByTestId('tasks-empty')).textContent).toContain('Nothing to do');
    expect(card.textContent).toContain('To-do');
    expect(card.textContent).toContain('within 45 days');
    expect(within(card).queryByTestId('tasks-total')).toBeNull();
  });

  it('links a row to its case tab', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.handle('tasks.list', () => ({ asOf: '2025-10-10', extensionReminderDays: 30, items: ITEMS.slice(1, 2) }));
    const { router } = renderApp('/', backend);
    await user.click(await screen.findByTestId('task-open-hearing-notice:h1', {}, slow));
    await waitFor(() => expect(`${router.state.location.pathname}${router.state.location.search}`).toBe('/cases/case2?tab=hearing'));
  });

  it('saves the reminder window in settings', async () => {
    const user = userEvent.setup();
    const { backend } = renderApp('/settings');
    const field = await screen.findByTestId('settings-extensionReminderDays', {}, slow);
    await user.clear(field);
    await user.type(field, '45');
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(backend.callsOf('settings.update')).toContainEqual(expect.objectContaining({ extensionReminderDays: 45 })));
  });
});
