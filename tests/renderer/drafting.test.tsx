import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  DRAFTING_DEFAULTS,
  type Draft,
  type DraftSection,
  type Finding,
  type HistoryEntry,
} from '../../shared/contract/drafting';
import { AppError } from '../../shared/contract/result';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const REASONING_V1 = '本院认为，【待补充：争议焦点】。';

function section(over: Partial<DraftSection> & Pick<DraftSection, 'id' | 'title' | 'text'>): DraftSection {
  return {
    kind: 'field',
    layout: 'body',
    source: 'rules',
    needsInput: /【待补充/.test(over.text),
    generatable: false,
    notes: [],
    citations: [],
    ...over,
  };
}

/** The drafting.* methods over one in-memory draft, with the version check of the real service. */
function withDrafting(backend = new FakeBackend()) {
  const c = backend.create({
    caseNumber: '（2026）粤0305民初9001号',
    causeOfAction: '民间借贷纠纷',
    parties: [
      { role: 'plaintiff', name: '张明远' },
      { role: 'defendant', name: '李清河' },
    ],
  });
  const state: { draft: Draft; history: HistoryEntry[]; findings: Finding[] } = {
    draft: {
      id: 'd1',
      caseId: c.id,
      kind: 'judgment',
      name: '民事判决书',
      documentDate: '2026-06-10',
      version: 1,
      templateVersion: 1,
      createdAt: 1,
      updatedAt: 1,
      updatedBy: '书记员甲',
      sections: [
        section({ id: 'court', title: '法院名称', text: '广东省深圳市南山区人民法院', layout: 'title' }),
        section({ id: 'docName', title: '文书名称', text: '民事判决书', layout: 'title', kind: 'fixed', source: 'template' }),
        section({ id: 'caseNumber', title: '案号', text: '（2026）粤0305民初9001号', layout: 'caseNumber' }),
        section({ id: 'claims', title: '原告诉称', text: '张明远向本院提出诉讼请求：判令被告偿还借款本金50000元。', kind: 'generated', generatable: true }),
        section({ id: 'reasoning', title: '本院认为', text: REASONING_V1, kind: 'generated', generatable: true }),
        section({ id: 'signature', title: '落款', text: '审判员　王示审\n二〇二六年六月十日', layout: 'closing' }),
      ],
    },
    history: [{ version: 1, at: 1, actor: '书记员甲', action: 'create', sectionId: null, source: null }],
    findings: [],
  };
  /** A change made elsewhere (another window): the version moves on. */
  const changeElsewhere = (sectionId: string, text: string) => {
    const d = state.draft;
    state.draft = {
      ...d,
      version: d.version + 1,
      sections: d.sections.map((s) => (s.id === sectionId ? { ...s, text, source: 'judge' } : s)),
    };
  };
  backend.handle('drafting.kinds', () => ({ items: [] }));
  backend.handle('drafting.list', () => ({
    items: [{ ...state.draft, needsInput: state.draft.sections.filter((s) => s.needsInput).length }],
  }));
  backend.handle('drafting.get', () => state.draft);
  backend.handle('drafting.settings.get', () => DRAFTING_DEFAULTS);
  backend.handle('drafting.history', () => ({ items: state.history }));
  backend.handle('drafting.updateSection', ({ version, sectionId, text }) => {
    if (version !== state.draft.version) throw new AppError('CONFLICT', 'This draft was changed since you opened it', { currentVersion: state.draft.version });
    changeElsewhere(sectionId, text);
    state.history.push({ version: state.draft.version, at: 2, actor: '书记员甲', action: 'edit', sectionId, source: 'judge' });
    return state.draft;
  });
  backend.handle('drafting.proofread', () => ({
    findings: state.findings,
    errors: state.findings.filter((f) => f.severity === 'error').length,
    warnings: state.findings.filter((f) => f.severity === 'warning').length,
  }));
  return { backend, caseId: c.id, state, changeElsewhere };
}

const textOf = (id: string) => screen.getByTestId(`section-text-${id}`) as HTMLTextAreaElement;
const saveState = () => screen.getByTestId('save-state').getAttribute('data-state');

async function openEditor(backend: FakeBackend, caseId: string) {
  const view = renderApp(`/cases/${caseId}?tab=drafting&draft=d1`, backend);
  await screen.findByTestId('draft-editor', undefined, { timeout: 10_000 });
  return view;
}

describe('drafting editor: autosave and conflicts', () => {
  it('autosaves after a pause, and on CONFLICT keeps the typed text, shows the diff and saves the choice', async () => {
    const { backend, caseId, state, changeElsewhere } = withDrafting();
    await openEditor(backend, caseId);
    expect(textOf('reasoning').value).toBe(REASONING_V1);
    expect(screen.getByTestId('section-needs-input-reasoning')).toBeTruthy();
    expect(within(screen.getByTestId('section-mirror-reasoning')).getByTestId('mark-placeholder').textContent).toBe('【待补充：争议焦点】');

    // A plain autosave: pending while typing, saved after the debounce, with the version moving on.
    fireEvent.change(textOf('claims'), { target: { value: '张明远向本院提出诉讼请求：判令被告偿还借款本金50000元及利息。' } });
    expect(saveState()).toBe('pending');
    await waitFor(() => expect(saveState()).toBe('saved'), { timeout: 4000 });
    expect(backend.callsOf('drafting.updateSection')).toEqual([
      { draftId: 'd1', version: 1, sectionId: 'claims', text: '张明远向本院提出诉讼请求：判令被告偿还借款本金50000元及利息。' },
    ]);
    expect(screen.getByTestId('draft-version').textContent).toContain('2');

    // Another window edits 本院认为 meanwhile; the judge's own edit of it is then stale.
    changeElsewhere('reasoning', '本院认为，借款事实清楚。');
    const mine = '本院认为，原告提供的借条和转账凭证足以证明借贷关系成立。';
    fireEvent.change(textOf('reasoning'), { target: { value: mine } });
    await screen.findByTestId('draft-conflict', undefined, { timeout: 4000 });
    expect(saveState()).toBe('conflict');
    // Nothing is lost: the box still holds what was typed.
    expect(textOf('reasoning').value).toBe(mine);

    await userEvent.click(screen.getByTestId('draft-conflict-reload'));
    const conflict = await screen.findByTestId('section-conflict-reasoning');
    expect(screen.queryByTestId('draft-conflict')).toBeNull();
    expect(textOf('reasoning').value).toBe(mine);
    const diff = within(conflict);
    expect(diff.getAllByTestId('diff-delete').map((e) => e.textContent).join('')).toContain('借款事实清楚');
    expect(diff.getAllByTestId('diff-insert').map((e) => e.textContent).join('')).toContain('借条和转账凭证');
    expect(saveState()).toBe('conflict');

    await userEvent.click(screen.getByTestId('section-keep-mine-reasoning'));
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(screen.queryByTestId('section-conflict-reasoning')).toBeNull();
    const saves = backend.callsOf('drafting.updateSection');
    // The retried save names the version it was merged onto (3: the claims save, then the other window).
    expect(saves.at(-1)).toEqual({ draftId: 'd1', version: 3, sectionId: 'reasoning', text: mine });
    expect(state.draft.sections.find((s) => s.id === 'reasoning')!.text).toBe(mine);
  }, 60_000);

  it('merges silently when the other change was to a different section', async () => {
    const { backend, caseId, state, changeElsewhere } = withDrafting();
    await openEditor(backend, caseId);
    changeElsewhere('claims', '张明远向本院提出诉讼请求：（另一窗口修改）。');
    fireEvent.change(textOf('reasoning'), { target: { value: '本院认为，借贷关系成立。' } });
    await screen.findByTestId('draft-conflict', undefined, { timeout: 4000 });
    await userEvent.click(screen.getByTestId('draft-conflict-reload'));
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(screen.queryByTestId('section-conflict-reasoning')).toBeNull();
    // The other window's text shows, and the judge's edit is saved on top of it.
    expect(textOf('claims').value).toBe('张明远向本院提出诉讼请求：（另一窗口修改）。');
    expect(state.draft.sections.find((s) => s.id === 'reasoning')!.text).toBe('本院认为，借贷关系成立。');
    expect(state.draft.sections.find((s) => s.id === 'claims')!.text).toBe('张明远向本院提出诉讼请求：（另一窗口修改）。');
  });

  it('can discard the typed text and take the latest version instead', async () => {
    const { backend, caseId, changeElsewhere } = withDrafting();
    await openEditor(backend, caseId);
    changeElsewhere('reasoning', '本院认为，借贷关系成立。');
    fireEvent.change(textOf('reasoning'), { target: { value: '本院认为，我的版本。' } });
    await screen.findByTestId('draft-conflict', undefined, { timeout: 4000 });
    await userEvent.click(screen.getByTestId('draft-conflict-discard'));
    await waitFor(() => expect(textOf('reasoning').value).toBe('本院认为，借贷关系成立。'));
    expect(saveState()).toBe('saved');
  });
});

describe('drafting editor: proofreading', () => {
  it('lists findings, highlights the range of the clicked one and applies its suggestion with one click', async () => {
    const { backend, caseId, state } = withDrafting();
    const reasoning = '本院认为，被告应偿还借款本金50000元（人民币肆万元整）。';
    state.draft = {
      ...state.draft,
      sections: state.draft.sections.map((s) => (s.id === 'reasoning' ? { ...s, text: reasoning, needsInput: false } : s)),
    };
    const start = reasoning.indexOf('人民币肆万元整');
    state.findings = [
      {
        rule: 'amount-capital',
        severity: 'error',
        sectionId: 'reasoning',
        start,
        end: start + '人民币肆万元整'.length,
        zh: '大写金额“人民币肆万元整”与数字金额“50000元”不一致',
        en: 'The amount in words does not match the figure',
        suggestion: '人民币伍万元整',
      },
      {
        rule: 'placeholder',
        severity: 'warning',
        sectionId: 'signature',
        start: 0,
        end: 3,
        zh: '尚待补充：合议庭成员',
        en: 'Still to be filled in',
        suggestion: null,
      },
    ];
    await openEditor(backend, caseId);

    await userEvent.click(screen.getByTestId('draft-proofread'));
    const panel = await screen.findByTestId('proofread-panel');
    await within(panel).findByText(/人民币肆万元整/);
    expect(screen.getByTestId('proofread-summary').textContent).toBe('1 处错误，1 处提醒');
    // Only a finding with a certain fix offers one.
    expect(screen.queryByTestId('finding-1-apply')).toBeNull();
    expect(screen.queryByTestId('finding-apply-1')).toBeNull();

    await userEvent.click(screen.getByTestId('finding-0'));
    const mark = within(screen.getByTestId('section-mirror-reasoning')).getByTestId('mark-finding');
    expect(mark.textContent).toBe('人民币肆万元整');
    // The range is selected in the box, so the judge can also just type over it.
    expect(textOf('reasoning').selectionStart).toBe(start);
    expect(textOf('reasoning').selectionEnd).toBe(start + 7);

    await userEvent.click(screen.getByTestId('finding-apply-0'));
    expect(textOf('reasoning').value).toBe('本院认为，被告应偿还借款本金50000元（人民币伍万元整）。');
    expect(within(screen.getByTestId('section-mirror-reasoning')).queryByTestId('mark-finding')).toBeNull();
    // A one-click fix is saved at once, not after the debounce.
    await waitFor(() => expect(backend.callsOf('drafting.updateSection').at(-1)).toEqual({
      draftId: 'd1',
      version: 1,
      sectionId: 'reasoning',
      text: '本院认为，被告应偿还借款本金50000元（人民币伍万元整）。',
    }));
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(screen.getByTestId('proofread-summary').textContent).toBe('0 处错误，1 处提醒');
    expect(within(screen.getByTestId('finding-0')).getByText('已修改')).toBeTruthy();
  });

  it('shows procedure findings under their own rule names, in English too, and inserts the 终审 sentence', async () => {
    const backend = new FakeBackend();
    backend.settings.language = 'en';
    const { caseId, state } = withDrafting(backend);
    state.draft = { ...state.draft, sections: [...state.draft.sections, section({ id: 'appeal', title: '上诉权告知', text: '' })] };
    state.findings = [
      {
        rule: 'procedure-template',
        severity: 'error',
        sectionId: 'docName',
        start: 0,
        end: 5,
        zh: '本案适用小额诉讼程序，但本文书使用的是普通程序的模板',
        en: 'This case is tried under the small-claims procedure, but the document uses a template for the ordinary procedure',
        suggestion: null,
      },
      {
        rule: 'finality',
        severity: 'error',
        sectionId: 'appeal',
        start: 0,
        end: 0,
        zh: '小额诉讼判决应写明“本判决为终审判决。”',
        en: 'A small-claims judgment must state that it is final',
        suggestion: '本判决为终审判决。',
      },
    ];
    await openEditor(backend, caseId);
    await userEvent.click(screen.getByTestId('draft-proofread'));
    const template = await screen.findByTestId('finding-0');
    expect(template.getAttribute('data-rule')).toBe('procedure-template');
    expect(within(template).getByText('Template vs procedure')).toBeTruthy();
    expect(template.textContent).toContain('uses a template for the ordinary procedure');
    // The Chinese wording stays beside the translation: it is what the document must say.
    expect(template.textContent).toContain('本案适用小额诉讼程序');
    expect(within(template).queryByRole('button')).toBeNull();
    const finality = screen.getByTestId('finding-1');
    expect(within(finality).getByText('Appeal and finality')).toBeTruthy();
    await userEvent.click(screen.getByTestId('finding-apply-1'));
    expect(textOf('appeal').value).toBe('本判决为终审判决。');
  });

  it('marks a finding stale when its section was edited after proofreading', async () => {
    const { backend, caseId, state } = withDrafting();
    state.findings = [
      { rule: 'amount-capital', severity: 'error', sectionId: 'claims', start: 20, end: 27, zh: '金额不一致', en: 'mismatch', suggestion: '伍万元' },
    ];
    await openEditor(backend, caseId);
    await userEvent.click(screen.getByTestId('draft-proofread'));
    await screen.findByTestId('finding-0');
    await act(async () => {
      fireEvent.change(textOf('claims'), { target: { value: '张明远向本院提出诉讼请求：改写了。' } });
    });
    expect((screen.getByTestId('finding-apply-0') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('finding-0').textContent).toContain('重新校对');
  });

  it('says politely that AI drafting needs a model when generateSection is UNAVAILABLE', async () => {
    const { backend, caseId } = withDrafting();
    backend.failNext('drafting.generateSection', new AppError('UNAVAILABLE', 'No model is loaded'));
    await openEditor(backend, caseId);
    await userEvent.click(screen.getByTestId('section-generate-reasoning'));
    const notice = await screen.findByTestId('section-notice-reasoning');
    expect(notice.textContent).toContain('尚未加载模型');
    expect(textOf('reasoning').value).toBe(REASONING_V1);
  });

  it('streams a model draft into that section only, then takes the saved draft from ops.done', async () => {
    const { backend, caseId, state } = withDrafting();
    backend.handle('drafting.generateSection', () => ({ opId: 'op-gen-1', requestId: 'req-gen-1' }));
    backend.handle('ops.cancel', () => ({ cancelled: true }));
    await openEditor(backend, caseId);
    await userEvent.click(screen.getByTestId('section-generate-reasoning'));
    await waitFor(() => expect(backend.callsOf('drafting.generateSection')).toEqual([{ draftId: 'd1', sectionId: 'reasoning' }]));
    await act(async () => {
      await Promise.resolve();
    });
    act(() => backend.emit('llm.token', { requestId: 'req-gen-1', text: '{"text": "原告与被告之间的借贷' }));
    act(() => backend.emit('llm.token', { requestId: 'req-gen-1', text: '关系成立' }));
    // Another request's tokens are not this section's.
    act(() => backend.emit('llm.token', { requestId: 'someone-else', text: '无关内容' }));
    expect(textOf('reasoning').value).toBe('原告与被告之间的借贷关系成立▍');
    expect(textOf('reasoning').readOnly).toBe(true);
    expect(textOf('claims').readOnly).toBe(false);
    expect(screen.getByTestId('section-cancel-reasoning')).toBeTruthy();
    // The preview follows the stream too.
    expect(screen.getByTestId('draft-preview').textContent).toContain('原告与被告之间的借贷关系成立');

    const saved: Draft = {
      ...state.draft,
      version: 2,
      sections: state.draft.sections.map((s) =>
        s.id === 'reasoning' ? { ...s, text: '本院认为，原告与被告之间的借贷关系成立。', source: 'model', needsInput: false } : s,
      ),
    };
    act(() => backend.emit('ops.done', { opId: 'op-gen-1', kind: 'drafting.generate', status: 'ok', error: null, result: saved }));
    await waitFor(() => expect(textOf('reasoning').value).toBe('本院认为，原告与被告之间的借贷关系成立。'));
    expect(textOf('reasoning').readOnly).toBe(false);
    expect(screen.getByTestId('section-source-reasoning').textContent).toBe('模型');
    expect(screen.getByTestId('section-notice-reasoning').textContent).toContain('已由模型起草并保存');
    expect(screen.getByTestId('draft-version').textContent).toContain('2');
    // Nothing else was saved by the editor itself.
    expect(backend.callsOf('drafting.updateSection')).toEqual([]);
  });

  it('cancels a running model draft and leaves the section as it was', async () => {
    const { backend, caseId } = withDrafting();
    backend.handle('drafting.generateSection', () => ({ opId: 'op-gen-2', requestId: 'req-gen-2' }));
    backend.handle('ops.cancel', () => ({ cancelled: true }));
    await openEditor(backend, caseId);
    await userEvent.click(screen.getByTestId('section-generate-reasoning'));
    await waitFor(() => expect(backend.callsOf('drafting.generateSection').length).toBe(1));
    await userEvent.click(await screen.findByTestId('section-cancel-reasoning'));
    await waitFor(() => expect(backend.callsOf('ops.cancel')).toEqual([{ opId: 'op-gen-2' }]));
    act(() =>
      backend.emit('ops.done', {
        opId: 'op-gen-2',
        kind: 'drafting.generate',
        status: 'cancelled',
        error: { code: 'CANCELLED', message: 'Cancelled by the user' },
        result: null,
      }),
    );
    await waitFor(() => expect(textOf('reasoning').value).toBe(REASONING_V1));
    expect(screen.getByTestId('section-notice-reasoning').textContent).toContain('已停止起草');
  });
});
