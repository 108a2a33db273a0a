import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, DocumentMeta } from '../../shared/contract/cases';
import type { CaseFile, ElementState, ElementsAnalysis, EvidenceItem, Timeline } from '../../shared/contract/review';
import { AppError } from '../../shared/contract/result';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const slow = { timeout: 15_000 };

const ANSWER = '民事答辩状\n答辩人对借条的真实性无异议，认可向原告借款50000元的事实。但答辩人已于2025年6月归还20000元。';

async function setup(): Promise<{ backend: FakeBackend; c: CaseDetail; doc: DocumentMeta }> {
  const backend = new FakeBackend();
  const c0 = backend.create({
    caseNumber: '（2026）粤0305民初9001号',
    causeOfAction: '民间借贷纠纷',
    parties: [
      { role: 'plaintiff', name: '张明远' },
      { role: 'defendant', name: '李清河' },
    ],
  });
  const bytes = new TextEncoder().encode(ANSWER);
  const doc = await backend.api['documents.add']({ caseId: c0.id, filename: '答辩状.txt', contentBase64: btoa(String.fromCharCode(...bytes)) });
  return { backend, c: backend.cases.get(c0.id)!, doc };
}

function caseFileOf(c: CaseDetail): CaseFile {
  return {
    caseId: c.id,
    items: c.documents.map((d, i) => ({ document: d, category: 'answer', confidence: 0.9, reason: '标题或文件名含“答辩状”', source: 'rule', ruleCategory: 'answer', position: i + 1 })),
  };
}

function element(over: Partial<ElementState>): ElementState {
  return {
    elementId: 'agreement',
    zh: '借贷合意',
    en: 'Loan agreement',
    basis: '民法典第六百六十七条',
    status: 'admitted',
    statusSource: 'rule',
    ruleStatus: 'admitted',
    reason: '对方认可：答辩人对借条的真实性无异议',
    mentioned: true,
    signals: [],
    evidenceIds: [],
    note: '',
    ...over,
  };
}

describe('阅卷 tab', () => {
  it('lets the judge override an element’s status and shows the rules’ call beside it', slow, async () => {
    const user = userEvent.setup();
    const { backend, c } = await setup();
    let analysis: ElementsAnalysis = {
      caseId: c.id,
      causeId: 'private-lending',
      causeName: '民间借贷纠纷',
      elements: [element({}), element({ elementId: 'delivery', zh: '款项交付', en: 'Delivery', status: 'unproven', ruleStatus: 'unproven', reason: '原告已主张；答辩未表态' })],
      points: [],
      notes: [],
      version: 3,
      updatedAt: Date.UTC(2026, 2, 20),
      updatedBy: '书记员甲',
    };
    backend.handle('review.documents', () => caseFileOf(c));
    backend.handle('review.elements.get', () => analysis);
    backend.handle('review.elements.update', ({ version, elementId, status, note }) => {
      if (version !== analysis.version) throw new AppError('CONFLICT', 'stale', { currentVersion: analysis.version });
      analysis = {
        ...analysis,
        version: analysis.version + 1,
        elements: analysis.elements.map((e) =>
          e.elementId !== elementId ? e : status === null ? { ...e, status: e.ruleStatus, statusSource: 'rule', note: note ?? '' } : { ...e, status, statusSource: 'judge', note: note ?? '' },
        ),
        points: status === 'disputed' ? [{ id: 'pt1', seq: 1, text: '原、被告之间是否存在借贷合意', elementIds: [elementId], status: 'proposed', origin: 'rule', sources: [] }] : [],
      };
      return analysis;
    });

    renderApp(`/cases/${c.id}?tab=review&review=elements`, backend);
    // The first visit loads the workspace page's chunk, which can take seconds on a busy machine.
    const card = await screen.findByTestId('element-agreement', {}, { timeout: 10_000 });
    expect(card.getAttribute('data-status')).toBe('admitted');
    expect(within(card).getByTestId('element-status').textContent).toBe('无争议');

    await user.click(within(card).getByTestId('element-set-disputed'));
    await waitFor(() => expect(screen.getByTestId('element-agreement').getAttribute('data-status')).toBe('disputed'));
    expect(backend.callsOf('review.elements.update')[0]).toMatchObject({ caseId: c.id, version: 3, elementId: 'agreement', status: 'disputed' });
    const updated = screen.getByTestId('element-agreement');
    within(updated).getByTestId('element-by-judge');
    expect(updated.textContent).toContain('规则判断：无争议');
    // The proposed point appears on the right, ready to be confirmed.
    await waitFor(() => expect(screen.getByTestId('point-0').getAttribute('data-elements')).toBe('agreement'));

    // Back to the rules.
    await user.click(within(updated).getByTestId('element-reset'));
    await waitFor(() => expect(screen.getByTestId('element-agreement').getAttribute('data-status')).toBe('admitted'));
    expect(backend.callsOf('review.elements.update')[1]).toMatchObject({ version: 4, status: null });
  });

  it('cites each element’s legal basis as Chinese articles, and as the catalogue writes it in English', slow, async () => {
    const analysisOf = (caseId: string): ElementsAnalysis => ({
      caseId,
      causeId: 'private-lending',
      causeName: '民间借贷纠纷',
      // Bases exactly as resources/causes/causes.json writes them.
      elements: [
        element({ basis: 'CC arts. 667, 668; provisions arts. 2, 14–16' }),
        element({ elementId: 'demand', zh: '催告', en: 'Demand', basis: 'CC art. 944 paras. 2–3' }),
        element({ elementId: 'accident', zh: '事故', en: 'Accident', basis: 'practice; CC art. 1165' }),
      ],
      points: [],
      notes: [],
      version: 1,
      updatedAt: 0,
      updatedBy: 'x',
    });
    const { backend, c } = await setup();
    backend.handle('review.documents', () => caseFileOf(c));
    backend.handle('review.elements.get', () => analysisOf(c.id));
    const view = renderApp(`/cases/${c.id}?tab=review&review=elements`, backend);
    // The first visit loads the workspace page's chunk, which can take seconds on a busy machine.
    const basisOf = async (id: string) => within(await screen.findByTestId(`element-${id}`, {}, { timeout: 10_000 })).getByTestId('element-basis').textContent;
    expect(await basisOf('agreement')).toBe('依据：《民法典》第六百六十七条、第六百六十八条；《民间借贷规定》第二条、第十四条至第十六条');
    expect(await basisOf('demand')).toBe('依据：《民法典》第九百四十四条第二款至第三款');
    expect(await basisOf('accident')).toBe('依据：审判实务要求；《民法典》第一千一百六十五条');
    view.unmount();

    backend.settings.language = 'en';
    renderApp(`/cases/${c.id}?tab=review&review=elements`, backend);
    expect(await basisOf('agreement')).toBe('Basis: CC arts. 667, 668; provisions arts. 2, 14–16');
  });

  it('says so when someone else changed the analysis meanwhile', slow, async () => {
    const user = userEvent.setup();
    const { backend, c } = await setup();
    const analysis: ElementsAnalysis = {
      caseId: c.id, causeId: 'private-lending', causeName: '民间借贷纠纷', elements: [element({})], points: [], notes: [], version: 1, updatedAt: 0, updatedBy: 'x',
    };
    backend.handle('review.documents', () => caseFileOf(c));
    backend.handle('review.elements.get', () => analysis);
    backend.handle('review.elements.update', () => {
      throw new AppError('CONFLICT', 'stale', { currentVersion: 2 });
    });
    renderApp(`/cases/${c.id}?tab=review&review=elements`, backend);
    await user.click(within(await screen.findByTestId('element-agreement')).getByTestId('element-set-unproven'));
    expect(await screen.findByText('分析已被他人更新，已刷新，请再试一次。')).toBeTruthy();
  });

  it('opens a timeline event’s source in the reader with the date marked, and explains relative dates', slow, async () => {
    const user = userEvent.setup();
    const { backend, c, doc } = await setup();
    const start = ANSWER.indexOf('2025年6月');
    const tl: Timeline = {
      caseId: c.id,
      events: [
        {
          id: 'ev1',
          caseId: c.id,
          date: '2025-06-01',
          precision: 'month',
          text: '但答辩人已于2025年6月归还20000元。',
          origin: 'rule',
          dateText: '2025年6月',
          relative: false,
          source: { documentId: doc.id, documentTitle: '答辩状', start, end: start + '2025年6月'.length, quote: '2025年6月' },
          eventSpan: { start: ANSWER.indexOf('但答辩人'), end: ANSWER.length },
          version: 1,
          updatedAt: 0,
          updatedBy: 'rules',
        },
        {
          id: 'ev2',
          caseId: c.id,
          date: '2026-01-16',
          precision: 'day',
          text: '被告承诺同月底前还款',
          origin: 'clerk',
          dateText: '次日（据“2026年1月15日”推算）',
          relative: true,
          source: null,
          eventSpan: null,
          version: 1,
          updatedAt: 0,
          updatedBy: '书记员甲',
        },
      ],
      problems: [{ documentId: doc.id, documentTitle: '情况说明', start: 0, end: 2, raw: '次日', message: '“次日”之前没有可作参照的明确日期' }],
      truncatedDocuments: [],
      builtAt: Date.UTC(2026, 2, 20),
    };
    backend.handle('review.documents', () => caseFileOf(c));
    backend.handle('review.timeline.get', () => tl);
    renderApp(`/cases/${c.id}?tab=review&review=timeline`, backend);

    const dates = await screen.findAllByTestId('timeline-date');
    expect(dates.map((d) => d.textContent)).toEqual(['2025年6月', '2026年1月16日']);
    expect(screen.getAllByTestId('timeline-datetext')[1]!.textContent).toBe('次日（据“2026年1月15日”推算）');
    expect(screen.getByTestId('timeline-problems').textContent).toContain('次日');

    await user.click(screen.getByTestId('timeline-source'));
    const reader = await screen.findByTestId('reader');
    await waitFor(() => expect(within(reader).getByTestId('span-active').textContent).toBe('2025年6月'));
    // The event's clause is lightly marked around the date.
    const block = [...reader.querySelectorAll('[data-block="true"], [data-active="true"]')].map((el) => el.textContent).join('');
    expect(block).toBe('但答辩人已于2025年6月归还20000元。');
  });

  it('lets the clerk edit a timeline event (version sent, date and precision kept)', slow, async () => {
    const user = userEvent.setup();
    const { backend, c } = await setup();
    let tl: Timeline = {
      caseId: c.id,
      events: [
        { id: 'ev1', caseId: c.id, date: '2025-06-01', precision: 'month', text: '被告还款', origin: 'rule', dateText: '2025年6月', relative: false, source: null, eventSpan: null, version: 4, updatedAt: 0, updatedBy: 'rules' },
      ],
      problems: [],
      truncatedDocuments: [],
      builtAt: 1,
    };
    backend.handle('review.documents', () => caseFileOf(c));
    backend.handle('review.timeline.get', () => tl);
    backend.handle('review.timeline.update', ({ id, version, date, precision, text }) => {
      const ev = { ...tl.events[0]!, id, date, precision, text, version: version + 1, origin: 'clerk' as const };
      tl = { ...tl, events: [ev] };
      return ev;
    });
    renderApp(`/cases/${c.id}?tab=review&review=timeline`, backend);
    await user.click(await screen.findByTestId('timeline-edit'));
    const text = await screen.findByTestId('timeline-form-text');
    await user.clear(text);
    await user.type(text, '被告归还20000元');
    await user.click(screen.getByTestId('timeline-form-save'));
    await waitFor(() => expect(backend.callsOf('review.timeline.update')[0]).toEqual({ id: 'ev1', version: 4, date: '2025-06-01', precision: 'month', text: '被告归还20000元' }));
    await waitFor(() => expect(screen.getByTestId('timeline-text').textContent).toBe('被告归还20000元'));
  });

  it('records a cross-examination opinion per other party in the evidence form', slow, async () => {
    const user = userEvent.setup();
    const { backend, c } = await setup();
    const plaintiff = c.parties.find((p) => p.role === 'plaintiff')!;
    const defendant = c.parties.find((p) => p.role === 'defendant')!;
    let item: EvidenceItem = {
      id: 'ev1',
      caseId: c.id,
      seq: 1,
      submittedBy: plaintiff.id,
      submittedByName: plaintiff.name,
      submittedByRole: 'plaintiff',
      submitterMissing: false,
      name: '微信聊天记录截图',
      source: '',
      purpose: '证明原告多次催讨',
      pageRefs: '4-6',
      documentId: null,
      crossExam: [],
      finding: { result: 'pending', reason: '' },
      origin: null,
      version: 2,
      createdAt: 0,
      updatedAt: 0,
      updatedBy: 'x',
    };
    backend.handle('review.documents', () => caseFileOf(c));
    backend.handle('review.evidence.list', () => ({ items: [item] }));
    backend.handle('review.evidence.update', ({ id, version, item: body }) => {
      if (id !== item.id || version !== item.version) throw new AppError('CONFLICT', 'stale', { currentVersion: item.version });
      item = {
        ...item,
        name: body.name,
        purpose: body.purpose ?? '',
        crossExam: (body.crossExam ?? []).map((o) => ({ ...o, note: o.note ?? '' })),
        finding: { result: body.finding?.result ?? 'pending', reason: body.finding?.reason ?? '' },
        version: item.version + 1,
      };
      return item;
    });
    renderApp(`/cases/${c.id}?tab=review&review=evidence`, backend);

    const row = await screen.findByTestId('evidence-row-1');
    expect(row.textContent).toContain('尚未记录质证意见');
    await user.click(within(row).getByTestId('evidence-edit'));
    await screen.findByTestId('evidence-form');
    // Only the other side can give an opinion on the plaintiff's evidence.
    await user.click(screen.getByTestId('opinion-add-all'));
    await screen.findByTestId('opinion-0');
    expect(screen.queryByTestId('opinion-1')).toBeNull();
    expect(screen.getByTestId('opinion-0').textContent).toContain('李清河');
    await user.click(screen.getByTestId('opinion-0-relevance-dispute'));
    fireEvent.change(screen.getByTestId('opinion-0-note'), { target: { value: '无法确认系被告本人' } });
    await user.click(screen.getByTestId('evidence-form-finding-partly-admitted'));
    await user.click(screen.getByTestId('evidence-form-save'));

    await waitFor(() => expect(backend.callsOf('review.evidence.update')).toHaveLength(1));
    const sent = backend.callsOf('review.evidence.update')[0]!;
    expect(sent).toMatchObject({ id: 'ev1', version: 2 });
    expect(sent.item.crossExam).toEqual([
      { partyId: defendant.id, partyName: '李清河', authenticity: 'admit', legality: 'admit', relevance: 'dispute', note: '无法确认系被告本人' },
    ]);
    expect(sent.item.finding).toEqual({ result: 'partly-admitted', reason: '' });
    await waitFor(() => expect(screen.getByTestId('evidence-row-1').textContent).toContain('关联性 有异议'));
    expect(screen.getByTestId('evidence-row-1').textContent).toContain('部分采信');
  });

  it('shows the case file with categories and lets the clerk correct one', slow, async () => {
    const user = userEvent.setup();
    const { backend, c } = await setup();
    let file = caseFileOf(c);
    backend.handle('review.documents', () => file);
    backend.handle('review.classify', ({ documentId, category }) => {
      file = {
        ...file,
        items: file.items.map((e) =>
          e.document.id !== documentId || category === null || category === undefined ? e : { ...e, category, source: 'clerk', confidence: 1, reason: '书记员改为证据' },
        ),
      };
      return file.items.find((e) => e.document.id === documentId)!;
    });
    renderApp(`/cases/${c.id}?tab=review`, backend);
    const row = await screen.findByTestId('casefile-row-1');
    expect(row.getAttribute('data-category')).toBe('answer');
    expect(within(row).getByTestId('casefile-reason').textContent).toContain('答辩状');
    expect(within(row).getByTestId('casefile-confidence').textContent).toBe('90%');

    // antd's Select opens on mousedown of its selector.
    fireEvent.mouseDown(within(row).getByRole('combobox'));
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((el) => el.textContent === '证据');
      if (!found) throw new Error('option not shown');
      return found;
    });
    await user.click(option);
    await waitFor(() => expect(backend.callsOf('review.classify')[0]).toMatchObject({ category: 'evidence' }));
    await waitFor(() => expect(screen.getByTestId('casefile-row-1').getAttribute('data-source')).toBe('clerk'));
    within(screen.getByTestId('casefile-row-1')).getByTestId('casefile-by-clerk');
  });
});
