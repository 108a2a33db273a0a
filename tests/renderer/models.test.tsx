import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BenchResult, ChatAnswer, ChatAskResult, ChatPassage, LlmSettings, LlmStatus, ModelInfo } from '../../shared/contract/llm';
import { AppError } from '../../shared/contract/result';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const GB = 1024 ** 3;

function model(over: Partial<ModelInfo>): ModelInfo {
  return {
    path: '/models/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    fileName: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    source: 'user',
    fileBytes: 1.1 * GB,
    name: 'Qwen2.5 1.5B Instruct',
    architecture: 'qwen2',
    parameters: 1_540_000_000,
    quantization: 'Q4_K_M',
    trainContext: 32768,
    hasChatTemplate: true,
    supported: true,
    ramNeededBytes: 2 * GB,
    estimateContext: 4096,
    freeRamBytes: 6 * GB,
    fitsInRam: true,
    error: null,
    ...over,
  };
}

const MODELS: ModelInfo[] = [
  model({}),
  model({
    path: '/models/qwen2.5-7b-instruct-q4_k_m.gguf',
    fileName: 'qwen2.5-7b-instruct-q4_k_m.gguf',
    name: 'Qwen2.5 7B Instruct',
    parameters: 7_620_000_000,
    fileBytes: 4.7 * GB,
    ramNeededBytes: 8 * GB,
    fitsInRam: false,
    source: 'downloaded',
  }),
  model({
    path: '/tmp/notes.gguf',
    fileName: 'notes.gguf',
    name: 'notes',
    source: 'added',
    architecture: '',
    parameters: 0,
    quantization: '',
    trainContext: null,
    hasChatTemplate: false,
    supported: false,
    ramNeededBytes: 0,
    fitsInRam: false,
    fileBytes: 2048,
    error: { code: 'BAD_INPUT', message: 'notes.gguf is not a GGUF model file (it starts with "PK\\u0003\\u0004")' },
  }),
];

const IDLE: LlmStatus = { state: 'idle', queued: 0, model: null, threads: 0, savedModel: null, loadOpId: null };

/** The llm.* methods the Models page and the chat call, on top of the foundation fake. */
function withLlm(backend = new FakeBackend(), status: LlmStatus = IDLE) {
  const llm = { status, settings: { threads: null, contextSize: 4096, userModelsDir: null, mirrorBaseUrl: 'https://huggingface.co', addedModels: [] } as LlmSettings };
  const bench: BenchResult[] = [];
  backend.handle('llm.status', () => llm.status);
  backend.handle('llm.models.list', () => ({ items: MODELS, userModelsDir: '/data/models' }));
  backend.handle('llm.settings.get', () => llm.settings);
  backend.handle('llm.settings.update', (patch) => {
    llm.settings = { ...llm.settings, ...patch } as LlmSettings;
    return llm.settings;
  });
  backend.handle('llm.catalog.list', () => ({ items: [], mirrorBaseUrl: llm.settings.mirrorBaseUrl }));
  backend.handle('llm.bench.results', () => ({ items: bench }));
  backend.handle('llm.load', () => ({ opId: 'op-load-1' }));
  backend.handle('llm.unload', () => {
    llm.status = IDLE;
    return IDLE;
  });
  backend.handle('ops.cancel', () => ({ cancelled: true }));
  return { backend, llm, bench };
}

describe('models page', () => {
  it('lists the GGUF models with their facts, whether each fits in RAM, and a clear message for a bad file', async () => {
    const { backend } = withLlm();
    renderApp('/models', backend);
    const table = await screen.findByTestId('models-table');
    await within(table).findByText('Qwen2.5 1.5B Instruct');
    const good = within(table).getByText('Qwen2.5 1.5B Instruct').closest('tr')!;
    expect(within(good as HTMLElement).getByText('1.5B')).toBeTruthy();
    expect(within(good as HTMLElement).getByText('Q4_K_M')).toBeTruthy();
    expect(within(good as HTMLElement).getByText('qwen2')).toBeTruthy();
    expect(within(good as HTMLElement).getByText('32,768')).toBeTruthy();
    expect(within(good as HTMLElement).getByText('2.00 GB / 6.00 GB')).toBeTruthy();
    expect(screen.getByTestId('model-fits-qwen2.5-1.5b-instruct-q4_k_m.gguf').textContent).toBe('可运行');
    expect(screen.getByTestId('model-nofit-qwen2.5-7b-instruct-q4_k_m.gguf').textContent).toBe('内存不足');
    // The bad file is listed beside the good ones with a translated reason, and cannot be loaded.
    expect(screen.getByTestId('model-error-notes.gguf').textContent).toBe('不是 GGUF 模型文件');
    expect((screen.getByTestId('model-load-notes.gguf') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('model-load-qwen2.5-1.5b-instruct-q4_k_m.gguf') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('models-folder').textContent).toContain('/data/models');
    expect(screen.getByTestId('llm-state').textContent).toBe('未加载');
  });

  it('adds a model by path and shows the backend refusal for an unusable file in plain words', async () => {
    const user = userEvent.setup();
    const { backend } = withLlm();
    backend.handle('llm.models.add', () => MODELS[0]!);
    backend.failNext('llm.models.add', new AppError('BAD_INPUT', 'broken.gguf is truncated: it has 10 bytes but its header describes at least 99. Download or copy it again.'));
    renderApp('/models', backend);
    await user.type(await screen.findByTestId('model-add-path'), '/tmp/broken.gguf');
    await user.click(screen.getByTestId('model-add-submit'));
    const error = await screen.findByTestId('model-add-error');
    expect(error.textContent).toContain('文件不完整');
    expect(error.textContent).toContain('broken.gguf is truncated');
    expect(backend.callsOf('llm.models.add')).toEqual([{ path: '/tmp/broken.gguf' }]);
  });

  it('loads a model with a progress bar that follows ops.progress, offers cancel, then shows it loaded', async () => {
    const user = userEvent.setup();
    const { backend, llm } = withLlm();
    renderApp('/models', backend);
    await user.click(await screen.findByTestId('model-load-qwen2.5-1.5b-instruct-q4_k_m.gguf'));
    await waitFor(() => expect(backend.callsOf('llm.load')).toEqual([{ path: '/models/qwen2.5-1.5b-instruct-q4_k_m.gguf' }]));
    act(() => {
      llm.status = { ...IDLE, state: 'loading', loadOpId: 'op-load-1' };
      backend.emit('llm.status', llm.status);
      backend.emit('ops.progress', { opId: 'op-load-1', kind: 'llm.load', done: 40, total: 100, message: 'loading weights' });
    });
    const progress = await screen.findByTestId('llm-load-progress');
    expect(progress.textContent).toContain('40%');
    expect(progress.textContent).toContain('读取权重');
    expect(screen.getByTestId('llm-state').textContent).toBe('加载中');
    // Progress from some other operation kind is ignored.
    act(() => backend.emit('ops.progress', { opId: 'op-x', kind: 'precedents.import', done: 90, total: 100, message: 'x' }));
    expect(screen.getByTestId('llm-load-progress').textContent).toContain('40%');

    await user.click(screen.getByTestId('llm-load-cancel'));
    await waitFor(() => expect(backend.callsOf('ops.cancel')).toEqual([{ opId: 'op-load-1' }]));

    act(() => {
      backend.emit('ops.progress', { opId: 'op-load-1', kind: 'llm.load', done: 100, total: 100, message: 'ready' });
      backend.emit('ops.done', { opId: 'op-load-1', kind: 'llm.load', status: 'ok', error: null, result: null });
      llm.status = {
        state: 'ready',
        queued: 0,
        model: { path: MODELS[0]!.path, name: MODELS[0]!.name, contextSize: 4096 },
        threads: 1,
        savedModel: MODELS[0]!.path,
        loadOpId: null,
      };
      backend.emit('llm.status', llm.status);
    });
    await waitFor(() => expect(screen.queryByTestId('llm-load-progress')).toBeNull());
    expect(screen.getByTestId('llm-state').textContent).toBe('就绪');
    expect(screen.getByTestId('llm-loaded-model').textContent).toBe('Qwen2.5 1.5B Instruct');
    expect(screen.queryByTestId('model-load-qwen2.5-1.5b-instruct-q4_k_m.gguf')).toBeNull();
    await user.click(screen.getByTestId('llm-unload'));
    await waitFor(() => expect(screen.getByTestId('llm-state').textContent).toBe('未加载'));
  });

  it('shows the load from the click, even when a small model is ready before the loading status is rendered', async () => {
    const user = userEvent.setup();
    const { backend, llm } = withLlm();
    renderApp('/models', backend);
    await user.click(await screen.findByTestId('model-load-qwen2.5-1.5b-instruct-q4_k_m.gguf'));
    // No status event yet: the bar is up because this window asked for the load.
    expect(await screen.findByTestId('llm-load-progress')).toBeTruthy();
    // loading → ready and ops.done land in one batch, as they can over SSE for a tiny model.
    act(() => {
      backend.emit('llm.status', { ...IDLE, state: 'loading', loadOpId: 'op-load-1' });
      backend.emit('ops.done', { opId: 'op-load-1', kind: 'llm.load', status: 'ok', error: null, result: null });
      llm.status = { state: 'ready', queued: 0, model: { path: MODELS[0]!.path, name: MODELS[0]!.name, contextSize: 4096 }, threads: 1, savedModel: MODELS[0]!.path, loadOpId: null };
      backend.emit('llm.status', llm.status);
    });
    await waitFor(() => expect(screen.queryByTestId('llm-load-progress')).toBeNull());
    expect(screen.getByTestId('llm-state').textContent).toBe('就绪');
  });

  it('shows a failed load in plain words', async () => {
    const user = userEvent.setup();
    const { backend } = withLlm();
    renderApp('/models', backend);
    await user.click(await screen.findByTestId('model-load-qwen2.5-1.5b-instruct-q4_k_m.gguf'));
    await waitFor(() => expect(backend.callsOf('llm.load').length).toBe(1));
    act(() =>
      backend.emit('ops.done', {
        opId: 'op-load-1',
        kind: 'llm.load',
        status: 'error',
        error: { code: 'UNSUPPORTED', message: 'x.gguf uses the architecture "mamba9", which this version of llama.cpp cannot run.' },
        result: null,
      }),
    );
    const error = await screen.findByTestId('llm-load-error');
    expect(error.textContent).toContain('不支持该模型架构（mamba9）');
  });

  it('shows the bench leaderboard with the density definition and the random-model caveat', async () => {
    const user = userEvent.setup();
    const { backend, bench } = withLlm();
    bench.push({
      id: 'b1',
      modelPath: '/models/tiny.gguf',
      modelName: 'tiny-random',
      fileBytes: 8_000_000,
      quantization: 'F16',
      threads: 1,
      suiteVersion: '2025.1',
      items: 3,
      accuracy: 0,
      jsonValidRate: 1,
      ttftMsMedian: 12.4,
      tokensPerSecond: 1530.2,
      peakRssBytes: 300 * 1024 * 1024,
      secondsPerItem: 0.21,
      density: 0,
      densityDefinition: 'density = …',
      startedAt: Date.UTC(2025, 2, 3, 8, 0, 0),
      durationMs: 700,
      byTask: { extract: { items: 3, accuracy: 0, jsonValidRate: 1 } },
    });
    renderApp('/models', backend);
    await user.click(await screen.findByTestId('models-tab-bench'));
    const table = await screen.findByTestId('bench-table');
    await within(table).findByText('tiny-random');
    expect(within(table).getByText('1,530.2')).toBeTruthy();
    expect(within(table).getByText('100.0%')).toBeTruthy();
    expect(screen.getByTestId('bench-definition').textContent).toContain('准确率 ÷（模型文件大小 GB × 每题平均耗时 秒）');
    expect(screen.getByTestId('bench').textContent).toContain('随机权重的测试模型得分约为 0');
    // No model loaded: the run button says why it is disabled.
    expect((screen.getByTestId('bench-run') as HTMLButtonElement).disabled).toBe(true);
  });
});

// ---- case chat ------------------------------------------------------------------------------------

function caseWithDocument(backend: FakeBackend): { caseId: string; docId: string; text: string } {
  const c = backend.create({ caseNumber: '（2025）粤0305民初9号', causeOfAction: '民间借贷纠纷', parties: [{ role: 'plaintiff', name: '张三' }] });
  const text = '原告张三诉称：2024年3月1日，被告李四向原告借款人民币50000元，约定同年9月1日归还。到期后被告未还款。';
  const bytes = new TextEncoder().encode(text);
  const contentBase64 = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  const meta = backend['addDocument']({ caseId: c.id, filename: '起诉状.txt', contentBase64 });
  return { caseId: c.id, docId: meta.id, text };
}

function passage(docId: string, text: string, start: number, end: number, n = 1): ChatPassage {
  const slice = text.slice(start, end);
  const at = slice.indexOf('借款');
  return { n, documentId: docId, documentTitle: '起诉状', start, end, text: slice, score: 3.2, highlights: at >= 0 ? [{ start: at, end: at + 2 }] : [] };
}

describe('case chat', () => {
  it('without a model says so plainly and shows the matching passages with highlights', async () => {
    const user = userEvent.setup();
    const { backend } = withLlm();
    const { caseId, docId, text } = caseWithDocument(backend);
    const p = passage(docId, text, 7, 40);
    backend.handle('llm.chat.ask', (): ChatAskResult => ({
      passages: [p],
      terms: ['借款'],
      documentsSearched: 1,
      documentsWithoutText: 1,
      modelAvailable: false,
      requestId: null,
      status: 'no-model',
      message: '未加载模型',
    }));
    renderApp(`/cases/${caseId}`, backend);
    await user.click(await screen.findByTestId('case-chat-open'));
    expect((await screen.findByTestId('chat-no-model-banner')).textContent).toContain('未加载模型');
    await user.type(screen.getByTestId('chat-input'), '借款金额是多少？');
    await user.click(screen.getByTestId('chat-ask'));
    expect((await screen.findByTestId('chat-no-model')).textContent).toContain('以下是与问题匹配的案卷段落');
    const card = screen.getByTestId('chat-passage-1');
    expect(card.textContent).toContain('起诉状');
    expect(within(card).getByTestId('chat-hit').textContent).toBe('借款');
    expect(screen.getByTestId('chat-fallback').textContent).toContain('另有 1 份材料没有可检索的文字');
    expect(backend.callsOf('llm.chat.ask')).toEqual([{ caseId, question: '借款金额是多少？', history: [] }]);
  });

  it('with a model streams the answer and opens a verified citation at its exact place, marking unverified ones', async () => {
    const user = userEvent.setup();
    const ready: LlmStatus = { state: 'ready', queued: 0, model: { path: '/m.gguf', name: 'Qwen2.5 3B', contextSize: 4096 }, threads: 1, savedModel: '/m.gguf', loadOpId: null };
    const { backend } = withLlm(new FakeBackend(), ready);
    const { caseId, docId, text } = caseWithDocument(backend);
    const p1 = passage(docId, text, 7, 40, 1);
    backend.handle('llm.chat.ask', () => ({
      passages: [p1],
      terms: ['借款'],
      documentsSearched: 1,
      documentsWithoutText: 0,
      modelAvailable: true,
      requestId: 'req-1',
      status: 'queued',
      message: '',
    }));
    renderApp(`/cases/${caseId}`, backend);
    await user.click(await screen.findByTestId('case-chat-open'));
    expect((await screen.findByTestId('chat-model')).textContent).toBe('Qwen2.5 3B');
    await user.type(screen.getByTestId('chat-input'), '借款金额是多少？');
    await user.click(screen.getByTestId('chat-ask'));
    await waitFor(() => expect(backend.callsOf('llm.chat.ask').length).toBe(1));
    act(() => backend.emit('llm.token', { requestId: 'req-1', text: '{"grounded":true,"answer":"借款本金为' }));
    expect((await screen.findByTestId('chat-streaming')).textContent).toContain('借款本金为');

    const quote = '被告李四向原告借款人民币50000元';
    const qStart = text.indexOf(quote);
    const answer: ChatAnswer = {
      kind: 'case-chat',
      caseId,
      question: '借款金额是多少？',
      answer: '借款本金为人民币50000元[1]。',
      grounded: true,
      citations: [
        { passage: 1, quote, status: 'verified', verified: true, documentId: docId, documentTitle: '起诉状', start: qStart, end: qStart + quote.length, foundIn: null },
        { passage: 1, quote: '被告承认借款', status: 'not-found', verified: false, documentId: null, documentTitle: null, start: null, end: null, foundIn: null },
      ],
      allVerified: false,
      passages: [p1],
    };
    act(() =>
      backend.emit('llm.done', {
        requestId: 'req-1',
        reason: 'stop',
        text: JSON.stringify({ grounded: true, answer: answer.answer, citations: [] }),
        json: answer,
        error: null,
        provenanceId: 'prov-1',
        timings: null,
      }),
    );
    const shown = await screen.findByTestId('chat-answer');
    expect(shown.textContent).toBe('借款本金为人民币50000元[1]。');
    expect(screen.getByTestId('chat-citation-1').textContent).toContain('未核验');
    expect(screen.getByTestId('chat-citation-0').textContent).toContain('已核验');

    await user.click(screen.getByTestId('chat-citation-0'));
    const viewer = await screen.findByTestId('citation-viewer');
    expect(screen.getByTestId('citation-title').textContent).toBe('起诉状');
    expect(within(viewer).getByTestId('citation-mark').textContent).toBe(quote);
    await user.click(within(viewer).getByTestId('citation-open-document'));
    const doc = await screen.findByTestId('citation-document');
    expect(within(doc).getByTestId('citation-mark').textContent).toBe(quote);
  });
});
