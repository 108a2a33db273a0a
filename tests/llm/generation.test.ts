import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmDone, LlmStatus } from '../../shared/contract/llm';
import { llmOf } from '../../electron/backend/llm/service';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { doneOf, haveTinyModel, record, tinyModel, until, type OpDonePayload } from './helpers';

// Model quality is never asserted here: the weights are random. These tests check the pipeline.
describe.skipIf(!haveTinyModel)('generation service (tiny random model)', () => {
  let tb: TestBackend;
  let rec: ReturnType<typeof record>;

  async function load(opts: { contextSize?: number } = {}): Promise<OpDonePayload> {
    const { opId } = await tb.api['llm.load']({ path: tinyModel, ...opts });
    return until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
  }

  beforeAll(async () => {
    tb = await openTestBackend();
    rec = record(tb);
  });
  afterAll(async () => {
    rec.stop();
    await tb.close();
  });

  it('says clearly that no model is loaded', async () => {
    expect((await tb.api['llm.status']({})).state).toBe('idle');
    const { requestId } = await tb.api['llm.generate']({ prompt: 'hi' });
    const done = await doneOf(rec, requestId);
    expect(done.reason).toBe('error');
    expect(done.error?.code).toBe('UNAVAILABLE');
    expect(done.error?.message).toMatch(/No model is loaded/);
  });

  it('loads with progress and reports ready', async () => {
    // The app's default context (4096): the drafting prompts budget long answers and need it.
    const done = await load({ contextSize: 4096 });
    expect(done.status).toBe('ok');
    const progress = rec.events.filter((e) => e.name === 'ops.progress' && (e.payload as { kind: string }).kind === 'llm.load');
    expect(progress.length).toBeGreaterThan(0);
    const st = await tb.api['llm.status']({});
    expect(st).toMatchObject({ state: 'ready', queued: 0, savedModel: tinyModel });
    expect(st.model?.contextSize).toBe(4096);
    expect(st.threads).toBeGreaterThanOrEqual(1);
    expect(rec.events.some((e) => e.name === 'llm.status' && (e.payload as LlmStatus).state === 'loading')).toBe(true);
  });

  it('streams tokens in order; the batches add up to the final text', async () => {
    const { requestId } = await tb.api['llm.generate']({ prompt: '原告张三诉被告李四民间借贷纠纷一案', maxTokens: 120 });
    const done = await doneOf(rec, requestId);
    expect(done.reason).toMatch(/stop|maxTokens/);
    const chunks = rec.events
      .filter((e) => e.name === 'llm.token' && (e.payload as { requestId: string }).requestId === requestId)
      .map((e) => (e.payload as { text: string }).text);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.join('')).toBe(done.text);
    // Batching: far fewer events than tokens.
    expect(chunks.length).toBeLessThanOrEqual(done.timings!.outputTokens);
    expect(done.timings!.ttftMs).not.toBeNull();
    expect(done.provenanceId).not.toBeNull();
    const prov = await tb.api['llm.provenance.get']({ id: done.provenanceId! });
    expect(prov).toMatchObject({ requestId, promptId: null, modelPath: tinyModel, outputText: done.text });
  });

  it('cancels mid-stream and keeps the partial text', async () => {
    const { requestId } = await tb.api['llm.generate']({ prompt: 'Tell a very long story', maxTokens: 2000 });
    await until(rec, 'llm.token', (p: { requestId: string }) => p.requestId === requestId);
    expect(await tb.api['llm.cancel']({ requestId })).toEqual({ cancelled: true });
    const done = await doneOf(rec, requestId);
    expect(done.reason).toBe('cancelled');
    expect(done.text.length).toBeGreaterThan(0);
    expect(done.timings!.outputTokens).toBeLessThan(2000);
  });

  it('gives schema-valid JSON for every shipped prompt', async () => {
    const llm = llmOf(tb.backend.ctx);
    const inputs: Record<string, Record<string, unknown>> = {
      'extract-parties@1': { complaint: '原告张三，被告李四。被告借款50000元未还。' },
      'extract-parties@2': { complaint: '原告张三，住北京市海淀区。被告李四。被告借款50000元未还。', known: 'parties.0：原告 张三\n缺少：court、parties.1.address' },
      'cause-of-action': { complaint: '原告张三，被告李四。被告借款50000元未还。' },
      'fact-qa': { passage: '被告于2023年归还利息4000元。', question: '归还了多少利息？' },
      'case-chat@1': { passages: '[P1] 被告借款50000元。\n[P2] 借期一年。', question: '借款多少？' },
      'case-chat@2': {
        caseFacts: '原告：张三\n被告：李四',
        passages: '[1]（起诉状）被告借款50000元。\n[2]（借条）借期一年。',
        history: '',
        question: '借款多少？',
      },
      'review-summary': { title: '起诉状', passages: '[1] 被告借款50000元。\n[2] 借期一年，到期未还。' },
      'mediation-narrative': { cause: '民间借贷纠纷', facts: '[F1] 被告借款50000元未还。\n[F2] 双方系朋友关系。' },
    };
    // The drafting prompts share one input shape.
    for (const id of ['draft-claims', 'draft-defense', 'draft-findings', 'draft-reasoning']) {
      inputs[id] = { caseFacts: '原告张三诉被告李四民间借贷纠纷。', material: '被告借款50000元未还。', statutes: '', precedents: '' };
    }
    const prompts = llm.prompts.list();
    // Keyed by id@version where versions differ in input, else by id: every shipped version must be covered.
    const inputFor = (p: { id: string; version: number }) => inputs[`${p.id}@${p.version}`] ?? inputs[p.id];
    expect(prompts.filter((p) => !inputFor(p)).map((p) => `${p.id}@${p.version}`)).toEqual([]);
    for (const p of prompts) {
      const { value, done } = await llm
        .generateStructured(`${p.id}@${p.version}`, inputFor(p)!, { caseId: 'case-1' })
        .catch((err: unknown) => {
          throw new Error(`${p.id}@${p.version}: ${String(err)}`);
        });
      expect(done.reason).toBe('stop');
      expect(value).toEqual(JSON.parse(done.text));
      const prov = await tb.api['llm.provenance.get']({ id: done.provenanceId! });
      expect(prov).toMatchObject({ promptId: p.id, promptVersion: p.version, caseId: 'case-1', modelName: expect.any(String) });
    }
  });

  it('refuses an unbounded schema before queueing it', async () => {
    const err = await expectAppError(
      tb.api['llm.generate']({ prompt: 'x', schema: { type: 'object', properties: { a: { type: 'string' } } } }),
    );
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/\$\.a: string without maxLength/);
  });

  it('a failing generation is an error of that request only; the next one still runs', async () => {
    // Bounded (no open strings) but not a schema the grammar compiler accepts.
    const bad = await tb.api['llm.generate']({ prompt: 'x', schema: { type: 'tuple-of-dreams' } });
    const badDone = await doneOf(rec, bad.requestId);
    expect(badDone.reason).toBe('error');
    expect(badDone.error?.code).toMatch(/INTERNAL|BAD_INPUT/);
    const ok = await tb.api['llm.generate']({ prompt: 'still alive?', maxTokens: 5 });
    expect((await doneOf(rec, ok.requestId)).reason).toMatch(/stop|maxTokens/);
  });

  it('runs one at a time, higher priority first, and reports the queue', async () => {
    const order: string[] = [];
    const stop = tb.backend.ctx.events.subscribe((name, p) => {
      if (name === 'llm.done') order.push((p as LlmDone).requestId);
    });
    const a = await tb.api['llm.generate']({ prompt: 'first, long', maxTokens: 300 });
    const b = await tb.api['llm.generate']({ prompt: 'low', maxTokens: 5, priority: -1 });
    const c = await tb.api['llm.generate']({ prompt: 'normal', maxTokens: 5 });
    const d = await tb.api['llm.generate']({ prompt: 'urgent', maxTokens: 5, priority: 5 });
    const st = await tb.api['llm.status']({});
    expect(st.state).toBe('busy');
    expect(st.queued).toBe(3);
    for (const r of [a, b, c, d]) await doneOf(rec, r.requestId);
    stop();
    expect(order).toEqual([a.requestId, d.requestId, c.requestId, b.requestId]);
    expect((await tb.api['llm.status']({})).queued).toBe(0);
  });

  it('cancels a queued request without running it', async () => {
    const a = await tb.api['llm.generate']({ prompt: 'busy', maxTokens: 200 });
    const b = await tb.api['llm.generate']({ prompt: 'waiting', maxTokens: 5 });
    expect(await tb.api['llm.cancel']({ requestId: b.requestId })).toEqual({ cancelled: true });
    const done = await doneOf(rec, b.requestId);
    expect(done).toMatchObject({ reason: 'cancelled', text: '', timings: null });
    await doneOf(rec, a.requestId);
  });

  it('explains a context overflow, and truncates only the field a prompt allows', async () => {
    expect((await load({ contextSize: 256 })).status).toBe('ok');
    const long = '原告张三诉称被告李四借款未还。'.repeat(60);
    const { requestId } = await tb.api['llm.generate']({ prompt: long, maxTokens: 50 });
    const done = await doneOf(rec, requestId);
    expect(done.reason).toBe('error');
    expect(done.error?.code).toBe('BAD_INPUT');
    expect(done.error?.message).toMatch(/the input needs \d+ tokens .* but the context holds 256/i);

    // The prompt's system text alone is ~250 byte-fallback tokens in this vocabulary: use a bigger context.
    expect((await load({ contextSize: 1024 })).status).toBe('ok');
    const llm = llmOf(tb.backend.ctx);
    const longer = long.repeat(4);
    expect(await llm.countTokens(longer)).toBeGreaterThan(1024);
    const r = await llm.generate({ ...llm.requestForPrompt('fact-qa@1', { passage: longer, question: '借款多少？' }), maxTokens: 60 });
    expect(r.error).toBeNull();
    expect(r.timings!.promptTokens).toBeLessThanOrEqual(1024);
    expect(await llm.countTokens('abc')).toBeGreaterThan(0);
    const chunks = await llm.chunkByTokens(long, 100, 10);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('unloads, and a new backend on the same data reloads the saved model lazily', async () => {
    expect((await load({ contextSize: 1024 })).status).toBe('ok');
    const dir = tb.dir;
    const other = await openTestBackend(dir);
    try {
      const st = await other.api['llm.status']({});
      expect(st).toMatchObject({ state: 'idle', savedModel: tinyModel, model: null });
      const rec2 = record(other);
      const { requestId } = await other.api['llm.generate']({ prompt: 'hello', maxTokens: 5 });
      const done = await doneOf(rec2, requestId);
      rec2.stop();
      expect(done.reason).toMatch(/stop|maxTokens/);
      expect((await other.api['llm.status']({})).state).toBe('ready');
    } finally {
      await other.close();
    }
    const st = await tb.api['llm.unload']({});
    expect(st).toMatchObject({ state: 'idle', model: null, savedModel: null });
  });
});
