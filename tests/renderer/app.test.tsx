import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

describe('layout and language', () => {
  it('shows the app name, the court from settings and the six sections', async () => {
    renderApp('/');
    expect(screen.getByTestId('app-name').textContent).toBe('智审工作台');
    expect(await screen.findByText('广东省深圳市南山区人民法院')).toBeTruthy();
    for (const key of ['dashboard', 'cases', 'calendar', 'precedents', 'models', 'settings']) {
      expect(screen.getByTestId(`nav-${key}`)).toBeTruthy();
    }
    expect(screen.getByTestId('nav-precedents').textContent).toBe('类案与法条');
  });

  it('switches the visible text to English and persists the choice', async () => {
    const user = userEvent.setup();
    const { backend } = renderApp('/cases');
    expect(await screen.findByTestId('new-case')).toBeTruthy();
    expect(screen.getByTestId('new-case').textContent).toContain('新建案件');
    await user.click(within(screen.getByTestId('lang-switch')).getByText('English'));
    await waitFor(() => expect(screen.getByTestId('new-case').textContent).toContain('New case'));
    expect(screen.getByTestId('nav-cases').textContent).toBe('Cases');
    expect(screen.getByTestId('app-name').textContent).toBe('CourtDesk');
    expect(screen.getAllByText('Case number').length).toBeGreaterThan(0);
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(backend.callsOf('settings.update')).toContainEqual({ language: 'en' }));
    expect(backend.settings.language).toBe('en');

    await user.click(within(screen.getByTestId('lang-switch')).getByText('中文'));
    await waitFor(() => expect(screen.getByTestId('nav-cases').textContent).toBe('案件'));
  });

  it('starts in the language stored in settings', async () => {
    const backend = new FakeBackend();
    backend.settings.language = 'en';
    // The i18n instance starts in Chinese here on purpose: settings.get must win.
    renderApp('/settings', backend);
    await waitFor(() => expect(screen.getByTestId('nav-settings').textContent).toBe('Settings'));
  });

  it('shows a reconnecting banner while the backend is down', async () => {
    const { backend } = renderApp('/');
    await screen.findByTestId('dashboard');
    expect(screen.getByTestId('backend-status').getAttribute('data-status')).toBe('ready');
    act(() => backend.emit('backend.status', 'reconnecting'));
    expect(await screen.findByTestId('reconnecting-banner')).toBeTruthy();
    expect(screen.getByTestId('backend-status').textContent).toContain('正在重连');
    act(() => backend.emit('backend.status', 'ready'));
    await waitFor(() => expect(screen.queryByTestId('reconnecting-banner')).toBeNull());
  });
});

describe('dashboard', () => {
  it('asks on first run whether to load the fictional samples, and loads them', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.settings.samplesChoice = 'pending';
    renderApp('/', backend);
    const card = await screen.findByTestId('samples-card');
    expect(within(card).getByText('虚构示例')).toBeTruthy();
    expect(within(card).getByText(/全部为虚构/)).toBeTruthy();
    await user.click(within(card).getByTestId('samples-load'));
    await waitFor(() => expect(screen.queryByTestId('samples-card')).toBeNull());
    expect(backend.callsOf('samples.load')).toHaveLength(1);
    expect(backend.callsOf('settings.update')).toContainEqual({ samplesChoice: 'loaded' });
    // The counts and the recent list follow.
    expect(await screen.findByText('（2025）粤0305民初101号')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId('stat-active')).getByText('2')).toBeTruthy());
  });

  it('records a decline and does not load anything', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.settings.samplesChoice = 'pending';
    renderApp('/', backend);
    await user.click(await screen.findByTestId('samples-decline'));
    await waitFor(() => expect(screen.queryByTestId('samples-card')).toBeNull());
    expect(backend.callsOf('settings.update')).toContainEqual({ samplesChoice: 'declined' });
    expect(backend.callsOf('samples.load')).toHaveLength(0);
    expect(screen.getByText(/还没有案件/)).toBeTruthy();
  });

  it('does not show the samples card once answered', async () => {
    renderApp('/');
    await screen.findByTestId('dashboard');
    expect(screen.queryByTestId('samples-card')).toBeNull();
  });

  it('refetches when the backend reports cases.changed', async () => {
    const { backend } = renderApp('/');
    await screen.findByText(/还没有案件/);
    backend.create({ caseNumber: '（2025）粤0305民初7号', parties: [{ role: 'plaintiff', name: '外部录入' }] });
    act(() => backend.emit('cases.changed', { caseId: null }));
    expect(await screen.findByText('（2025）粤0305民初7号')).toBeTruthy();
  });
});

describe('case workspace', () => {
  function oneCase() {
    const backend = new FakeBackend();
    const c = backend.create({
      caseNumber: '',
      causeOfAction: '买卖合同纠纷',
      summary: '原告向被告供货，被告未付款。',
      parties: [
        {
          role: 'plaintiff',
          kind: 'legal',
          name: '深圳甲公司',
          creditCode: '91440300MA5XXXXXXX',
          legalRep: '陈某',
          legalRepTitle: '总经理',
          agents: [{ name: '刘律师', kind: 'lawyer', firm: '某律师事务所' }],
        },
        { role: 'defendant', name: '李四' },
      ],
      claims: [
        { text: '支付货款', amountFen: 12_345_678 },
        { text: '承担诉讼费用', amountFen: null },
      ],
    });
    return { backend, id: c.id };
  }

  it('shows parties with agents, claims in yuan, facts, and opens the review tab', async () => {
    const user = userEvent.setup();
    const { backend, id } = oneCase();
    renderApp(`/cases/${id}`, backend);
    const header = await screen.findByTestId('case-header');
    expect(within(header).getByText('未编号')).toBeTruthy();
    expect(within(header).getByText('立案')).toBeTruthy();
    const parties = screen.getByTestId('intake-parties');
    expect(within(parties).getByText('深圳甲公司')).toBeTruthy();
    expect(within(parties).getByText(/刘律师/)).toBeTruthy();
    expect(within(parties).getByText(/总经理/)).toBeTruthy();
    expect(screen.getByTestId('claim-amount').textContent).toBe('¥123,456.78');
    expect(screen.getByText('原告向被告供货，被告未付款。')).toBeTruthy();

    await user.click(screen.getByTestId('tab-review'));
    expect(await screen.findByTestId('review-tab')).toBeTruthy();
  });

  it('uploads a document as base64, shows its metadata and text, and removes it', async () => {
    const user = userEvent.setup();
    const { backend, id } = oneCase();
    renderApp(`/cases/${id}`, backend);
    const panel = await screen.findByTestId('documents-panel');
    // rc-upload replaces its <input> after each pick, so look it up every time.
    const fileInput = () => {
      const input = panel.querySelector('input[type="file"]');
      if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
      return input;
    };
    await user.upload(fileInput(), new File(['起诉状正文'], '起诉状.txt', { type: 'text/plain' }));
    await waitFor(() => expect(backend.callsOf('documents.add')).toHaveLength(1));
    const [sent] = backend.callsOf('documents.add');
    expect(sent).toMatchObject({ caseId: id, filename: '起诉状.txt', mime: 'text/plain' });
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(sent?.contentBase64 ?? ''), (ch) => ch.charCodeAt(0)));
    expect(decoded).toBe('起诉状正文');
    expect(await within(panel).findByText('起诉状.txt')).toBeTruthy();
    expect(within(panel).getByText('ab12cd34ef56')).toBeTruthy();

    await user.upload(fileInput(), new File(['%PDF-1.7'], '扫描件.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(backend.callsOf('documents.add')).toHaveLength(2));
    expect(await within(panel).findByText(/需要 OCR/)).toBeTruthy();

    const docId = [...backend.documents.keys()][0] ?? '';
    await user.click(screen.getByTestId(`document-view-${docId}`));
    expect(await screen.findByTestId('document-text')).toBeTruthy();
    expect(screen.getByTestId('document-text').textContent).toBe('起诉状正文');
    // Close the drawer first, as a user would: its focus trap fights clicks aimed behind it.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('document-text')).toBeNull());

    await user.click(screen.getByTestId(`document-remove-${docId}`));
    await user.click(await screen.findByTestId(`document-remove-confirm-${docId}`));
    await waitFor(() => expect(backend.callsOf('documents.remove')).toEqual([{ id: docId }]));
    await waitFor(() => expect(within(panel).queryByText('起诉状.txt')).toBeNull());
  });

  it('archives with confirmation and can restore', async () => {
    const user = userEvent.setup();
    const { backend, id } = oneCase();
    renderApp(`/cases/${id}`, backend);
    await user.click(await screen.findByTestId('case-archive'));
    await user.click(await screen.findByTestId('case-archive-confirm'));
    await waitFor(() => expect(backend.cases.get(id)?.status).toBe('archived'));
    expect(await screen.findByTestId('case-restore')).toBeTruthy();
    expect(within(screen.getByTestId('case-header')).getByText('已归档')).toBeTruthy();
    const audit = screen.getByTestId('audit-panel');
    expect(await within(audit).findByText('归档案件')).toBeTruthy();
    expect(within(audit).getByText('创建案件')).toBeTruthy();
    await user.click(screen.getByTestId('case-restore'));
    await user.click(await screen.findByTestId('case-restore-confirm'));
    await waitFor(() => expect(backend.cases.get(id)?.status).toBe('active'));
  });
});

describe('settings', () => {
  it('saves the user name and court, runs a backup and shows app info', async () => {
    const user = userEvent.setup();
    const { backend } = renderApp('/settings');
    const info = await screen.findByTestId('settings-info');
    expect(await within(info).findByText('/data/courtdesk.db')).toBeTruthy();
    const name = await screen.findByTestId('settings-userName');
    await user.clear(name);
    await user.type(name, '法官乙');
    await user.clear(screen.getByTestId('settings-courtCode'));
    await user.type(screen.getByTestId('settings-courtCode'), '粤0306');
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() =>
      expect(backend.callsOf('settings.update')).toContainEqual({
        userName: '法官乙',
        court: { name: '广东省深圳市南山区人民法院', code: '粤0306' },
        extensionReminderDays: 30,
      }),
    );
    await user.click(screen.getByTestId('settings-backup'));
    expect(await screen.findByText(/courtdesk-20250303\.db/)).toBeTruthy();
  });
});
