import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/cases';
import type { CheckResult, Hearing, Transcript } from '../../shared/contract/hearings';
import { AppError } from '../../shared/contract/result';
import { mergeTurns, type EditorTurn } from '../../renderer/src/features/hearings/transcriptModel';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const slow = { timeout: 10_000 };

function setup(): { backend: FakeBackend; detail: CaseDetail } {
  const backend = new FakeBackend();
  const detail = backend.create({
    caseNumber: '（2026）粤0305民初9001号',
    title: '【示例】张明远诉李清河民间借贷纠纷',
    causeOfAction: '民间借贷纠纷',
    procedure: 'simplified',
    filedOn: '2026-03-02',
    judge: '王示审',
    clerk: '陈示记',
    parties: [
      { role: 'plaintiff', name: '张明远', agents: [{ name: '刘示律', firm: '示例律师事务所' }] },
      { role: 'defendant', name: '李清河' },
    ],
  });
  backend.handle('hearings.rooms.get', () => ({ rooms: [{ name: '第一法庭', note: '' }] }));
  return { backend, detail };
}

function hearingOf(detail: CaseDetail, over: Partial<Hearing> = {}): Hearing {
  const [plaintiff, defendant] = detail.parties;
  return {
    id: 'h1',
    caseId: detail.id,
    caseNumber: detail.caseNumber,
    caseTitle: detail.title,
    causeOfAction: detail.causeOfAction,
    type: 'trial',
    date: '2026-12-01',
    start: '09:00',
    end: '11:00',
    room: '第一法庭',
    presidingJudge: '王示审',
    panel: [],
    clerk: '陈示记',
    participants: [
      { kind: 'party', partyId: plaintiff!.id, agentId: null, name: '张明远', role: 'plaintiff', note: '', missing: false },
      { kind: 'party', partyId: defendant!.id, agentId: null, name: '李清河', role: 'defendant', note: '', missing: false },
    ],
    publicHearing: true,
    noticeServedOn: null,
    status: 'scheduled',
    notes: '',
    override: null,
    version: 1,
    createdAt: Date.UTC(2026, 10, 1),
    updatedAt: Date.UTC(2026, 10, 1),
    updatedBy: '书记员甲',
    ...over,
  };
}

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

describe('庭审 tab: scheduling', () => {
  it('shows the conflicts before saving and saves over hard ones only with a reason', async () => {
    const { backend, detail } = setup();
    const hearings: Hearing[] = [];
    backend.handle('hearings.list', () => ({ items: hearings }));
    const check: CheckResult = {
      conflicts: [
        {
          kind: 'judge-double-booked',
          severity: 'hard',
          zh: '审判人员王示审同一时段已安排（2026）粤0305民初9002号的开庭（09:00–11:00，第一法庭）',
          en: 'Judge 王示审 already sits in （2026）粤0305民初9002号 at 09:00–11:00',
          rule: '',
          otherHearingId: 'h0',
          otherCaseNumber: '（2026）粤0305民初9002号',
        },
        {
          kind: 'notice-lead-time',
          severity: 'warning',
          zh: '开庭日2026-12-01：应于开庭三日前通知当事人，最迟2026-11-27送达；今天已晚于最迟送达日（简易程序不受三日限制）',
          en: 'Hearing on 2026-12-01: notices must be served by 2026-11-27',
          rule: 'CPL arts. 139, 163; CPL-Interp art. 261',
          otherHearingId: null,
          otherCaseNumber: null,
        },
      ],
      hasHard: true,
      noticeDeadline: '2026-11-27',
      trialLimitDue: '2026-06-01',
    };
    backend.handle('hearings.check', () => check);
    backend.handle('hearings.create', ({ draft, override }) => {
      const h = hearingOf(detail, {
        date: draft.date,
        override: override ? { reason: override.reason, conflicts: ['judge-double-booked'], at: Date.UTC(2026, 10, 2), by: '书记员甲' } : null,
      });
      hearings.push(h);
      return { hearing: h, conflicts: check.conflicts };
    });
    const user = userEvent.setup();
    renderApp(`/cases/${detail.id}?tab=hearing`, backend);

    await user.click(await screen.findByTestId('hearing-schedule', {}, slow));
    const form = await screen.findByTestId('schedule-form');
    const date = form.querySelector<HTMLInputElement>('#hearing-date')!;
    await user.click(date);
    await user.type(date, '2026-12-01{enter}');

    const list = await screen.findByTestId('conflict-list', {}, slow);
    const judge = within(list).getByTestId('conflict-judge-double-booked');
    expect(judge.dataset['severity']).toBe('hard');
    expect(judge.textContent).toContain('审判人员王示审同一时段已安排');
    expect(within(judge).getByTestId('conflict-other-case').textContent).toContain('（2026）粤0305民初9002号');
    const notice = within(list).getByTestId('conflict-notice-lead-time');
    expect(notice.dataset['severity']).toBe('warning');
    expect(notice.textContent).toContain('《民事诉讼法》第一百三十九条、第一百六十三条；《民诉法解释》第二百六十一条');
    // The hard one comes first.
    expect(list.firstElementChild).toBe(judge);
    expect(screen.getByTestId('schedule-form').textContent).toContain('2026-11-27');

    // The check ran with the draft as edited (the date typed, the case's judge and parties).
    const sent = backend.callsOf('hearings.check').at(-1)!;
    expect(sent.draft).toMatchObject({ caseId: detail.id, date: '2026-12-01', start: '09:00', end: '11:00', presidingJudge: '王示审', clerk: '陈示记' });
    expect(sent.draft.participants).toHaveLength(3);

    const save = screen.getByTestId('schedule-save');
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId('override-toggle'));
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId('override-reason'));
    await user.paste('前案预计半小时结束，经庭长同意');
    await waitFor(() => expect((save as HTMLButtonElement).disabled).toBe(false));
    await user.click(save);

    await waitFor(() => expect(backend.callsOf('hearings.create')).toHaveLength(1));
    expect(backend.callsOf('hearings.create')[0]!.override).toEqual({ reason: '前案预计半小时结束，经庭长同意' });
    // The saved hearing shows that it was saved over conflicts, and why.
    const override = await screen.findByTestId('hearing-override', {}, slow);
    expect(override.textContent).toContain('前案预计半小时结束，经庭长同意');
    expect(override.textContent).toContain('审判人员时间冲突');
  }, 30_000);

  it('saves directly when there is nothing hard', async () => {
    const { backend, detail } = setup();
    backend.handle('hearings.list', () => ({ items: [] }));
    backend.handle('hearings.check', () => ({ conflicts: [], hasHard: false, noticeDeadline: null, trialLimitDue: null }));
    backend.handle('hearings.create', () => ({ hearing: hearingOf(detail), conflicts: [] }));
    const user = userEvent.setup();
    renderApp(`/cases/${detail.id}?tab=hearing`, backend);
    await user.click(await screen.findByTestId('hearing-schedule', {}, slow));
    const date = (await screen.findByTestId('schedule-form')).querySelector<HTMLInputElement>('#hearing-date')!;
    await user.click(date);
    await user.type(date, '2026-12-01{enter}');
    await screen.findByTestId('conflicts-clear', {}, slow);
    expect(screen.queryByTestId('override-toggle')).toBeNull();
    await user.click(screen.getByTestId('schedule-save'));
    await waitFor(() => expect(backend.callsOf('hearings.create')).toHaveLength(1));
    expect(backend.callsOf('hearings.create')[0]!.override).toBeUndefined();
  });
});

describe('庭审笔录 editor', () => {
  function withTranscript(detail: CaseDetail, backend: FakeBackend) {
    const hearing = hearingOf(detail);
    backend.handle('hearings.list', () => ({ items: [hearing] }));
    let stored: Transcript = { hearingId: 'h1', version: 0, turns: [], brokenLinks: [], updatedAt: null, updatedBy: '' };
    backend.handle('hearings.transcript.get', () => stored);
    backend.handle('hearings.transcript.save', ({ baseVersion, turns }) => {
      if (baseVersion !== stored.version) throw new AppError('CONFLICT', 'stale', { currentVersion: stored.version, current: stored });
      stored = {
        ...stored,
        version: stored.version + 1,
        turns: turns.map((t) => ({ id: t.id, role: t.role, speakerName: t.speakerName ?? '', text: t.text, at: t.at ?? null, links: t.links ?? [] })),
        updatedAt: Date.UTC(2026, 11, 1, 1, 2, 3),
      };
      return stored;
    });
    return {
      get stored() {
        return stored;
      },
      set stored(v: Transcript) {
        stored = v;
      },
    };
  }

  it('adds a turn on Enter, cycles the speaker with Tab and autosaves', async () => {
    const { backend, detail } = setup();
    const server = withTranscript(detail, backend);
    const user = userEvent.setup();
    renderApp(`/cases/${detail.id}?tab=hearing&hearing=h1&htab=transcript`, backend);

    await user.click(await screen.findByTestId('transcript-add', {}, slow));
    const first = await screen.findByTestId('turn-text');
    await waitFor(() => expect(document.activeElement).toBe(first));
    // The bench opens: the first speaker is the presiding judge.
    expect(screen.getAllByTestId('transcript-turn')[0]!.dataset['role']).toBe('judge');
    await user.keyboard('现在开庭。');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('transcript-turn')).toHaveLength(2));
    // A party answers the bench; Tab moves on to the next speaker, Shift+Tab back.
    const second = screen.getAllByTestId('transcript-turn')[1]!;
    expect(second.dataset['role']).toBe('plaintiff');
    expect(document.activeElement).toBe(within(second).getByTestId('turn-text'));
    await user.keyboard('{Tab}');
    await waitFor(() => expect(screen.getAllByTestId('transcript-turn')[1]!.dataset['role']).toBe('defendant'));
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    await waitFor(() => expect(screen.getAllByTestId('transcript-turn')[1]!.dataset['role']).toBe('plaintiff'));
    await user.keyboard('没有异议。');
    // Enter on the answer goes back to the judge.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('transcript-turn')).toHaveLength(3));
    expect(screen.getAllByTestId('transcript-turn')[2]!.dataset['role']).toBe('judge');
    // Enter on an empty turn does not pile up empty turns; Backspace removes it.
    await user.keyboard('{Enter}');
    expect(screen.getAllByTestId('transcript-turn')).toHaveLength(3);
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(screen.getAllByTestId('transcript-turn')).toHaveLength(2));

    expect(screen.getByTestId('transcript-status').dataset['dirty']).toBe('true');
    // A local safety copy exists before the server has it.
    await waitFor(() => expect(localStorage.getItem('courtdesk.transcript.h1')).toContain('没有异议。'));

    // Autosave (every few seconds), with the base version.
    await waitFor(() => expect(backend.callsOf('hearings.transcript.save').length).toBeGreaterThanOrEqual(1), { timeout: 6_000 });
    const sent = backend.callsOf('hearings.transcript.save')[0]!;
    expect(sent.baseVersion).toBe(0);
    expect(sent.turns.map((t) => [t.role, t.speakerName, t.text])).toEqual([
      ['judge', '王示审', '现在开庭。'],
      ['plaintiff', '张明远', '没有异议。'],
    ]);
    expect(sent.turns.every((t) => typeof t.at === 'number')).toBe(true);
    await waitFor(() => expect(screen.getByTestId('transcript-status').textContent).toMatch(/已保存 \d\d:\d\d:\d\d/));
    expect(server.stored.version).toBe(1);
    expect(localStorage.getItem('courtdesk.transcript.h1')).toBeNull();
  }, 20_000);

  it('inserts a quick phrase and merges on a stale save without losing a turn', async () => {
    const { backend, detail } = setup();
    const server = withTranscript(detail, backend);
    const user = userEvent.setup();
    renderApp(`/cases/${detail.id}?tab=hearing&hearing=h1&htab=transcript`, backend);
    await user.click(await screen.findByTestId('transcript-add', {}, slow));
    const text = await screen.findByTestId('turn-text');
    await waitFor(() => expect(document.activeElement).toBe(text));
    await user.keyboard('/');
    await screen.findByTestId('phrase-palette');
    await user.keyboard('2');
    await waitFor(() => expect((screen.getByTestId('turn-text') as HTMLTextAreaElement).value).toContain('宣布法庭纪律'));
    expect(screen.queryByTestId('phrase-palette')).toBeNull();

    // Meanwhile another window saved a turn.
    server.stored = {
      ...server.stored,
      version: 3,
      turns: [{ id: 'other-1', role: 'clerk', speakerName: '陈示记', text: '书记员宣读法庭纪律前的准备。', at: 1, links: [] }],
    };
    fireEvent.click(screen.getByTestId('transcript-save'));
    const notice = await screen.findByTestId('transcript-notice', {}, slow);
    expect(notice.textContent).toContain('已自动合并');
    const texts = () => screen.getAllByTestId('turn-text').map((el) => (el as HTMLTextAreaElement).value);
    expect(texts()[0]).toBe('书记员宣读法庭纪律前的准备。');
    expect(texts()[1]).toContain('宣布法庭纪律');
    // The merged transcript goes to the server on the next save, based on the current version.
    fireEvent.click(screen.getByTestId('transcript-save'));
    await waitFor(() => expect(server.stored.version).toBe(4));
    expect(server.stored.turns).toHaveLength(2);
  }, 20_000);

  it('restores an unsaved local copy after a reload', async () => {
    const { backend, detail } = setup();
    withTranscript(detail, backend);
    localStorage.setItem(
      'courtdesk.transcript.h1',
      JSON.stringify({ baseVersion: 0, at: Date.now(), turns: [{ id: 'x1', role: 'judge', speakerName: '王示审', text: '断电前的一段。', at: 5, links: [] }] }),
    );
    renderApp(`/cases/${detail.id}?tab=hearing&hearing=h1&htab=transcript`, backend);
    const notice = await screen.findByTestId('transcript-notice', {}, slow);
    expect(notice.textContent).toContain('已恢复本机未保存的内容');
    expect((screen.getByTestId('turn-text') as HTMLTextAreaElement).value).toBe('断电前的一段。');
    await waitFor(() => expect(backend.callsOf('hearings.transcript.save')).toHaveLength(1), { timeout: 6_000 });
  }, 15_000);
});

describe('mergeTurns', () => {
  const turn = (id: string, text: string): EditorTurn => ({ id, role: 'judge', speakerName: '', text, at: null, links: [] });

  it('keeps every server turn, adds local ones in place and keeps both sides of a double edit', () => {
    const base = [turn('a', 'A'), turn('b', 'B')];
    const server = [turn('a', 'A'), turn('b', 'B (server)'), turn('s', 'S')];
    const local = [turn('a', 'A (mine)'), turn('n', 'N'), turn('b', 'B (mine)')];
    const m = mergeTurns(server, local, base);
    expect(m.turns.map((t) => t.text)).toEqual(['A (mine)', 'N', 'B (server)', 'B (mine)', 'S']);
    expect(m.added).toBe(1);
    expect(m.edited).toBe(1);
  });
});
