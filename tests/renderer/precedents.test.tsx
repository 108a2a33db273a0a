import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Citation, ImportJob, PrecedentDetail, PrecedentStats, SearchHit, SearchOutput } from '../../shared/contract/precedents';
import { passageMarks, segmentText, termMarks } from '../../renderer/src/features/precedents/Highlight';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const FACTS = '经审理查明，2021年3月1日，被告向原告借款50000元，出具借条一张，到期未还。';
const REASONING = '本院认为，合法的借贷关系受法律保护。被告未按约还款，应承担还款责任。';
const at = (text: string, term: string) => {
  const start = text.indexOf(term);
  return { start, end: start + term.length };
};

const PASSAGE_START = FACTS.indexOf('被告');
const PASSAGE_END = FACTS.indexOf('，到期');

function hit(over: Partial<SearchHit> = {}): SearchHit {
  return {
    rank: 1,
    score: 0.8731,
    precedent: {
      id: 'p_1',
      title: '民事判决书',
      court: '某省青山县人民法院',
      courtLevel: 'basic',
      caseNumber: '（2022）某0101民初100号',
      decidedOn: '2022-08-08',
      year: 2022,
      causes: ['民间借贷纠纷'],
      procedure: 'first_instance',
      docKind: 'judgment',
      authority: 'guiding',
      source: '本院文书库',
      sourceRef: 'lending.txt',
      importId: 'imp1',
      chars: 500,
    },
    explanation: {
      sharedElements: [{ id: 'iou', label: '借条/欠条等债权凭证' }],
      sharedRelationships: [{ id: 'friends', label: '朋友/同学' }],
      causeMatch: true,
      amount: { queryFen: 5_000_000, precedentFen: 4_000_000, similarity: 0.8 },
      matchedTerms: [
        { term: '借款', weight: 0.54 },
        { term: '借条', weight: 0.5 },
      ],
      passages: [
        {
          section: 'facts',
          start: PASSAGE_START,
          end: PASSAGE_END,
          text: FACTS.slice(PASSAGE_START, PASSAGE_END),
          // Offsets into the section text, not into the passage.
          highlights: [at(FACTS, '借款'), at(FACTS, '借条')],
        },
      ],
      authority: { level: 'guiding', label: '指导性案例' },
      source: { name: '本院文书库', ref: 'lending.txt' },
      components: [
        { name: 'lexical', value: 1, weight: 0.47 },
        { name: 'cause', value: 1, weight: 0.16 },
      ],
    },
    ...over,
  };
}

const STATS: PrecedentStats = {
  count: 4,
  byAuthority: [
    { authority: 'guiding', count: 1 },
    { authority: 'ordinary', count: 3 },
  ],
  bySource: [{ source: '本院文书库', count: 4 }],
  index: { segmenter: 'jieba-search-nohmm/1', indexedSegmenter: 'jieba-search-nohmm/1', needsReindex: false },
};

function searchOutput(items: SearchHit[]): SearchOutput {
  return {
    items,
    total: items.length,
    tookMs: 12,
    queryInfo: {
      terms: [{ term: '借款', weight: 0.54, df: 3 }],
      elements: [{ id: 'iou', label: '借条/欠条等债权凭证' }],
      relationships: [],
      principalFen: 5_000_000,
      truncated: true,
      searchedChars: 4000,
      note: null,
      segmenter: 'jieba-search-nohmm/1',
    },
  };
}

const DETAIL: PrecedentDetail = {
  ...hit().precedent,
  sections: [
    { name: 'header', text: '某省青山县人民法院\n民事判决书' },
    { name: 'facts', text: FACTS },
    { name: 'reasoning', text: REASONING },
  ],
  elements: [
    { id: 'iou', label: '借条/欠条等债权凭证' },
    { id: 'overdue', label: '逾期未还/催收' },
  ],
  relationships: [],
  principalFen: 4_000_000,
  contentHash: 'abcdef0123456789',
};

describe('highlight offsets', () => {
  it('maps section offsets to passage offsets and clips what falls outside', () => {
    const p = hit().explanation.passages[0]!;
    const segs = segmentText(p.text, [...passageMarks(p), { start: -5, end: 1, kind: 'hit' }, { start: 999, end: 1000, kind: 'hit' }]);
    const marked = segs.filter((s) => s.kinds.has('hit')).map((s) => s.text);
    expect(marked).toEqual([p.text.slice(0, 1), '借款', '借条']);
    expect(segs.map((s) => s.text).join('')).toBe(p.text);
  });

  it('marks a matched number in the reader only as a whole number, as the backend matched it', () => {
    const text = '2019年6月1日借款50000元，利息500元，另借款15000元';
    const marked = termMarks(text, ['500', '50000', '借款', '6']).map((m) => [text.slice(m.start, m.end), m.start]);
    expect(marked).toEqual([
      ['500', text.indexOf('500元')],
      ['50000', text.indexOf('50000')],
      ['借款', text.indexOf('借款')],
      ['借款', text.lastIndexOf('借款')],
    ]);
  });
});

describe('precedent search: result card explanation', () => {
  function setup() {
    const backend = new FakeBackend();
    backend.handle('precedents.stats', () => STATS);
    backend.handle('precedents.search', () => searchOutput([hit()]));
    backend.handle('precedents.get', () => DETAIL);
    return backend;
  }

  it('shows authority, source, score and why it matches with the matched terms highlighted at the right offsets', async () => {
    const user = userEvent.setup();
    const backend = setup();
    renderApp('/precedents', backend);
    await user.type(await screen.findByTestId('prec-query'), '被告借款五万元出具借条');
    await user.click(screen.getByTestId('prec-search-run'));

    const card = await screen.findByTestId('prec-hit-1');
    expect(within(card).getByTestId('prec-authority')?.textContent).toContain('指导性案例');
    expect(within(card).getByTestId('prec-authority')?.getAttribute('data-authority')).toBe('guiding');
    expect(within(card).getByTestId('prec-source')?.textContent).toContain('本院文书库');
    expect(within(card).getByTestId('prec-source')?.textContent).toContain('lending.txt');
    expect(within(card).getByTestId('prec-score')?.textContent).toContain('87');
    expect(within(card).getByTestId('prec-cause-match')?.textContent).toContain('案由相同');
    expect(within(card).getByTestId('prec-shared-element')?.textContent).toContain('借条/欠条等债权凭证');
    expect(within(card).getByTestId('prec-shared-relationship')?.textContent).toContain('朋友/同学');
    expect(within(card).getByTestId('prec-amount')?.textContent).toContain('¥50,000.00');
    expect(within(card).getByTestId('prec-amount')?.textContent).toContain('¥40,000.00');
    expect(within(card).getByTestId('prec-amount')?.textContent).toContain('80%');

    const passage = within(card).getByTestId('prec-passage');
    expect(passage?.textContent).toContain('查明事实');
    expect(within(passage).getAllByTestId('prec-mark').map((m) => m.textContent)).toEqual(['借款', '借条']);
    expect(passage?.textContent).toContain(FACTS.slice(PASSAGE_START, PASSAGE_END));

    // The query as searched, with the truncation said plainly.
    const info = screen.getByTestId('prec-query-info');
    expect(info?.textContent).toContain('jieba-search-nohmm/1');
    expect(within(info).getByTestId('prec-query-truncated')?.textContent).toContain('4000');
    expect(backend.callsOf('precedents.search')[0]).toMatchObject({ query: '被告借款五万元出具借条', filters: {}, offset: 0 });
  });

  it('sends the filters, and opens the full precedent with its sections and the passage marked', async () => {
    const user = userEvent.setup();
    const backend = setup();
    renderApp('/precedents', backend);
    await user.type(await screen.findByTestId('prec-query'), '借条');
    await user.click(screen.getByTestId('prec-search-run'));
    await screen.findByTestId('prec-hit-1');

    const authority = screen.getByTestId('prec-filter-authority');
    await user.click(within(authority).getAllByRole('checkbox')[0]!);
    await waitFor(() => expect(backend.callsOf('precedents.search').at(-1)).toMatchObject({ filters: { authorities: ['guiding'] } }));

    await user.click(screen.getByTestId('prec-hit-open'));
    const reader = await screen.findByTestId('prec-reader-body');
    expect(within(reader).getByTestId('prec-reader-section-facts')?.textContent).toContain('查明事实');
    expect(within(reader).getByTestId('prec-reader-section-reasoning')?.textContent).toContain(REASONING);
    const facts = within(reader).getByTestId('prec-reader-section-facts');
    expect(within(facts).getAllByTestId('prec-reader-mark').map((m) => m.textContent)).toEqual(['借款', '借条']);
    expect(reader?.textContent).toContain('本院文书库');
    expect(backend.callsOf('precedents.get')).toEqual([{ id: 'p_1' }]);
  });

  it('says what to import when the library is empty', async () => {
    const backend = new FakeBackend();
    backend.handle('precedents.stats', () => ({ ...STATS, count: 0, byAuthority: [], bySource: [] }));
    renderApp('/precedents', backend);
    expect((await screen.findByTestId('prec-library-empty')).textContent).toContain('JSONL/CSV');
  });
});

describe('citation checker', () => {
  const law = { id: 'law1', title: '中华人民共和国示例法', shortTitle: '示例法', category: '', version: '2023-01-01', effectiveFrom: '2023-03-01' };
  const TEXT = '依照《示例法》第二条、《示例法》第九十九条、《不存在法》第一条、《示例法》第三条之规定';
  const cite = (raw: string, status: Citation['status'], text: string | null, withLaw = true): Citation => ({
    raw,
    start: TEXT.indexOf(raw),
    end: TEXT.indexOf(raw) + raw.length,
    lawText: raw.slice(1, raw.indexOf('》')),
    law: withLaw ? law : null,
    otherVersions: withLaw ? ['2019-01-01'] : [],
    articles: [{ number: 2, sub: 0, paragraph: null, item: null, status, text, note: status === 'ok' ? '' : '法规库中找不到' }],
    status,
  });

  it('shows each citation with its status; text only where the article was found, never invented', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.handle('statutes.laws', () => ({ items: [] }));
    backend.handle('statutes.cite', () => ({
      citations: [
        cite('《示例法》第二条', 'ok', '借款人应当按照约定的期限返还借款。'),
        cite('《示例法》第九十九条', 'no_such_article', null),
        cite('《不存在法》第一条', 'unknown_law', null, false),
        cite('《示例法》第三条', 'not_in_version', null),
      ],
    }));
    renderApp('/precedents?tab=statutes', backend);
    await user.type(await screen.findByTestId('cite-input'), TEXT);
    await user.click(screen.getByTestId('cite-run'));

    const items = await screen.findAllByTestId('cite-item');
    expect(items.map((i) => i.getAttribute('data-status'))).toEqual(['ok', 'no_such_article', 'unknown_law', 'not_in_version']);
    expect(items.map((i) => within(i).getByTestId('cite-status').textContent)).toEqual([
      '核对无误',
      '条文不存在',
      '法规库中无此法律',
      '该版本无此条',
    ]);
    expect(within(items[0]!).getByTestId('cite-text')?.textContent).toContain('借款人应当按照约定的期限返还借款。');
    expect(within(items[0]!).getByTestId('cite-law')?.textContent).toContain('中华人民共和国示例法');
    expect(within(items[0]!).getByTestId('cite-law')?.textContent).toContain('2023-01-01');
    expect(items[0]?.textContent).toContain('2019-01-01');
    for (const bad of items.slice(1)) {
      expect(within(bad).queryByTestId('cite-text')).toBeNull();
      expect(within(bad).getByTestId('cite-no-text')?.textContent).toContain('不会编造');
    }
    expect(items[2]?.textContent).toContain('不存在法');
    expect(screen.getByTestId('cite-summary')?.textContent).toContain('4 处引用：1 处核对无误，3 处需要注意');
    expect(backend.callsOf('statutes.cite')[0]).toEqual({ text: TEXT });
  });

  it('says so when the text has no citation', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.handle('statutes.laws', () => ({ items: [] }));
    backend.handle('statutes.cite', () => ({ citations: [] }));
    renderApp('/precedents?tab=statutes', backend);
    await user.type(await screen.findByTestId('cite-input'), '没有引用');
    await user.click(screen.getByTestId('cite-run'));
    expect(await screen.findByTestId('cite-none')).toBeTruthy();
    expect(screen.getByTestId('laws-empty')).toBeTruthy();
  });
});

describe('judgment library: import progress', () => {
  it('follows an import through progress to its result, with counts and issues', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    const job: ImportJob = {
      id: 'imp1',
      kind: 'folder',
      path: '/corpus',
      sourceName: 'corpus',
      status: 'running',
      position: 1,
      total: 4,
      inserted: 1,
      duplicates: 0,
      failed: 0,
      issues: [],
      error: null,
      startedAt: Date.UTC(2025, 2, 3),
      finishedAt: null,
    };
    backend.handle('precedents.stats', () => STATS);
    backend.handle('precedents.import.list', () => ({ items: [job] }));
    backend.handle('precedents.import.get', () => job);
    backend.handle('precedents.import.start', () => ({ opId: 'op1', importId: 'imp1' }));
    renderApp('/precedents?tab=library', backend);

    await user.type(await screen.findByTestId('import-path'), '/corpus');
    await user.click(screen.getByTestId('import-start'));
    await waitFor(() => expect(backend.callsOf('precedents.import.start')).toHaveLength(1));
    expect(backend.callsOf('precedents.import.start')[0]).toMatchObject({ source: { kind: 'folder', path: '/corpus' }, authority: 'ordinary' });

    act(() => backend.emit('ops.progress', { opId: 'op1', kind: 'precedents.import', done: 2, total: 4, message: '' }));
    const progress = await screen.findByTestId('import-progress');
    expect(progress?.textContent).toContain('已处理 2 / 4');

    const finished: ImportJob = {
      ...job,
      status: 'done',
      position: 4,
      inserted: 2,
      duplicates: 1,
      failed: 1,
      issues: [
        { line: null, file: 'broken.pdf', message: 'broken.pdf is damaged or not a valid PDF', code: 'damaged_file' },
        { line: 7, file: null, message: 'has 3 fields, the header has 5', code: 'field_count', params: { fields: 3, expected: 5 } },
        // A job saved before issue codes existed: its message is shown as it is.
        { line: null, file: 'old.txt', message: 'cannot read: EACCES' },
      ],
      finishedAt: Date.UTC(2025, 2, 3, 0, 1),
    };
    act(() => backend.emit('ops.done', { opId: 'op1', kind: 'precedents.import', status: 'ok', error: null, result: finished }));
    const result = await screen.findByTestId('import-result');
    expect(result?.getAttribute('data-status')).toBe('ok');
    expect(within(result).getByTestId('import-counts')?.textContent).toContain('新增 2 · 重复跳过 1 · 失败 1');
    expect(within(result).getAllByTestId('import-issue').map((li) => li.textContent)).toEqual([
      'broken.pdf：文件已损坏，或不是有效的 .docx / .pdf',
      '第 7 行：有 3 个字段，与表头的 5 个不一致',
      'old.txt：cannot read: EACCES',
    ]);
  });
});

describe('case 类案 tab', () => {
  it('says what to import when the libraries are empty', async () => {
    const backend = new FakeBackend();
    const c = backend.create({ caseNumber: '（2025）粤0305民初1号', causeOfAction: '民间借贷纠纷', parties: [], claims: [] });
    backend.handle('precedents.stats', () => ({ ...STATS, count: 0, byAuthority: [], bySource: [] }));
    backend.handle('statutes.laws', () => ({ items: [] }));
    renderApp(`/cases/${c.id}?tab=precedents`, backend);
    expect((await screen.findByTestId('case-prec-empty', {}, { timeout: 5000 })).textContent).toContain('导入');
    expect((await screen.findByTestId('case-statutes-empty')).textContent).toContain('法规');
    expect(backend.callsOf('precedents.forCase')).toHaveLength(0);
  });

  it('pushes precedents and articles built from the case', async () => {
    const backend = new FakeBackend();
    const c = backend.create({ caseNumber: '（2025）粤0305民初1号', causeOfAction: '民间借贷纠纷', parties: [], claims: [{ text: '偿还借款' }] });
    backend.handle('precedents.stats', () => STATS);
    backend.handle('precedents.forCase', () => ({
      ...searchOutput([hit()]),
      builtFrom: { cause: '民间借贷纠纷', claims: 1, summaryChars: 0, documents: 0, queryChars: 10 },
    }));
    backend.handle('statutes.laws', () => ({ items: [{ ...{ id: 'law1', title: '示例法', shortTitle: '示例法', category: '', version: '', effectiveFrom: null }, articleCount: 3, file: 'a.md' }] }));
    backend.handle('statutes.forCase', () => ({
      cause: '民间借贷纠纷',
      items: [
        {
          article: { lawId: 'law1', lawTitle: '示例法', version: '', number: 2, sub: 0, label: '第二条', headings: [], text: '借款人应当返还借款。', paragraphs: ['借款人应当返还借款。'] },
          score: 0.44,
          reasons: ['与案情相符的词语：借款'],
        },
      ],
    }));
    renderApp(`/cases/${c.id}?tab=precedents`, backend);
    // The workspace mounts the case first, then the tab's own queries: allow more than the default second.
    expect((await screen.findByTestId('case-prec-built-from', {}, { timeout: 5000 })).textContent).toContain('民间借贷纠纷');
    expect((await screen.findByTestId('prec-hit-1')).textContent).toContain('借条/欠条等债权凭证');
    const item = await screen.findByTestId('case-statute-item');
    expect(item?.textContent).toContain('借款人应当返还借款。');
    expect(item?.textContent).toContain('相关度 44');
    expect(item?.textContent).toContain('与案情相符的词语：借款');
  });
});
