import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { GbnfJsonSchema, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Token } from 'node-llama-cpp';
import type { GenerateTimings, LlmDone, LlmStatus, ModelInfo } from '../../../shared/contract/llm';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import type { OperationHandle } from '../ops';
import { insertProvenance } from '../store/repos/llm';
import { defaultThreads, loadLib, sharedLlama } from './lib';
import { PromptRegistry, renderPrompt, type PromptDef } from './prompts';
import { requireUsableModel } from './registry';
import { assertBounded, validateJson, type JsonSchema } from './schema';
import { readLlmSettings, readSavedModel, writeSavedModel } from './settings';

/** How long streamed text is held before an llm.token event: fewer, larger events, still smooth. */
export const TOKEN_BATCH_MS = 30;
/** Tokens a chat template adds around system and user text (role markers, BOS); a safe margin. */
const TEMPLATE_MARGIN = 48;
/** The shortest free-text answer worth generating when the prompt leaves little room. */
const MIN_ANSWER_TOKENS = 64;
const TRUNCATION_NOTE = '\n……（以下内容因超出模型上下文长度而截断）';

export interface GenerateRequest {
  readonly prompt: string;
  readonly system?: string;
  /** Must be bounded (see schema.ts); the answer is then grammar-constrained JSON. */
  readonly schema?: JsonSchema;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
  readonly priority?: number;
  readonly caseId?: string | null;
  /** Recorded with the answer (provenance). */
  readonly promptRef?: { readonly id: string; readonly version: number } | null;
  /**
   * The part of `prompt` that may be shortened to fit the context: `prompt` must equal
   * before + text + after. Without it, an input that does not fit is refused.
   */
  readonly truncatable?: { readonly before: string; readonly text: string; readonly after: string };
  readonly signal?: AbortSignal;
  /** Called with each streamed batch (in addition to the llm.token event). */
  readonly onText?: (text: string) => void;
  /**
   * Turns the schema-checked answer into what llm.done carries and provenance records (e.g. the
   * case chat verifies its citations here), so every listener sees the checked answer, never
   * the raw one. A throw makes the request an error.
   */
  readonly finalize?: (json: unknown) => unknown;
}

export interface LoadOptions {
  readonly contextSize?: number;
  readonly threads?: number;
  /** Save as the model to restore next start (default). The CLI passes false: a one-off must not change the app's choice. */
  readonly remember?: boolean;
}

/** A JSON-schema grammar: constrains sampling and parses the finished text. */
type JsonGrammar = LlamaGrammar & { parse(json: string): unknown };

interface Pending {
  readonly id: string;
  readonly req: GenerateRequest;
  readonly priority: number;
  readonly seq: number;
  readonly enqueuedAt: number;
  readonly controller: AbortController;
  resolve(done: LlmDone): void;
}

interface Loaded {
  readonly path: string;
  readonly info: ModelInfo;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly sequence: LlamaContextSequence;
  readonly threads: number;
}

export interface StructuredResult<T> {
  readonly value: T;
  readonly done: LlmDone;
}

/**
 * The one model of this backend and its generation queue: one generation at a time (a CPU
 * cannot run two usefully and a second context would double the RAM), higher priority first,
 * arrival order within a priority. Every answer is recorded with its prompt version and model.
 */
export class LlmService {
  readonly #ctx: BackendContext;
  #loaded: Loaded | null = null;
  #loading: { opId: string; done: Promise<Loaded> } | null = null;
  #queue: Pending[] = [];
  #running: Pending | null = null;
  #seq = 0;
  #pumping = false;
  #prompts: PromptRegistry | null = null;
  #disposed = false;
  readonly #grammars = new Map<string, Promise<JsonGrammar>>();

  constructor(ctx: BackendContext) {
    this.#ctx = ctx;
  }

  get prompts(): PromptRegistry {
    this.#prompts ??= PromptRegistry.load(join(this.#ctx.resourcesDir, 'prompts'));
    return this.#prompts;
  }

  loadedModel(): ModelInfo | null {
    return this.#loaded?.info ?? null;
  }

  status(): LlmStatus {
    const s = readLlmSettings(this.#ctx);
    const state: LlmStatus['state'] = this.#loading
      ? 'loading'
      : this.#running
        ? 'busy'
        : this.#loaded
          ? 'ready'
          : 'idle';
    return {
      state,
      queued: this.#queue.length,
      model: this.#loaded
        ? { path: this.#loaded.path, name: this.#loaded.info.name, contextSize: this.#loaded.context.contextSize }
        : null,
      threads: this.#loaded?.threads ?? s.threads ?? 0,
      savedModel: readSavedModel(this.#ctx),
      loadOpId: this.#loading?.opId ?? null,
    };
  }

  #emitStatus(): void {
    if (this.#disposed) return;
    this.#ctx.events.emit('llm.status', this.status());
  }

  /** The thread count for the next load: the setting, else chosen for this machine. */
  async threadsToUse(override?: number): Promise<number> {
    if (override) return override;
    const s = readLlmSettings(this.#ctx);
    if (s.threads) return s.threads;
    return defaultThreads((await sharedLlama()).cpuMathCores);
  }

  /** Starts loading as a long operation (kind `llm.load`); the previous model is unloaded first. */
  startLoad(
    path: string,
    opts: LoadOptions = {},
    fromQueue = false,
  ): { opId: string; done: Promise<Loaded> } {
    if (this.#loading) throw new AppError('CONFLICT', 'A model is already loading; wait for it or cancel it.');
    const started = this.#ctx.ops.start('llm.load', (op) => this.#load(path, opts, op, fromQueue));
    this.#loading = started;
    this.#emitStatus();
    const clear = () => {
      if (this.#loading === started) this.#loading = null;
      this.#emitStatus();
    };
    started.done.then(clear, clear);
    return started;
  }

  async #load(
    path: string,
    opts: LoadOptions,
    op: OperationHandle,
    fromQueue: boolean,
  ): Promise<Loaded> {
    const settings = readLlmSettings(this.#ctx);
    const wantContext = opts.contextSize ?? settings.contextSize;
    op.progress(0, 100, 'checking the file');
    const info = await requireUsableModel(path, 'added', wantContext);
    op.throwIfCancelled();
    // Wait for the running generation: swapping the model under it would crash it. A lazy load
    // started by the running request itself must not wait for itself.
    if (!fromQueue) await this.#idle();
    await this.#unloadNow();
    const llama = await sharedLlama();
    const threads = await this.threadsToUse(opts.threads);
    op.progress(5, 100, 'loading weights');
    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath: info.path,
        gpuLayers: 0,
        loadSignal: op.signal,
        onLoadProgress: (p) => op.progress(5 + Math.round(p * 85), 100, 'loading weights'),
      });
    } catch (err) {
      op.throwIfCancelled();
      throw new AppError('BAD_INPUT', `The model could not be loaded: ${(err as Error).message}`, { path: info.path });
    }
    try {
      op.throwIfCancelled();
      op.progress(92, 100, 'creating the context');
      const contextSize = Math.min(wantContext, info.trainContext ?? wantContext);
      const context = await model.createContext({ contextSize, sequences: 1, threads });
      const loaded: Loaded = { path: info.path, info, model, context, sequence: context.getSequence(), threads };
      this.#loaded = loaded;
      if (opts.remember !== false) writeSavedModel(this.#ctx, info.path);
      op.progress(100, 100, 'ready');
      this.#ctx.log.info(`llm: loaded ${info.fileName} (ctx ${context.contextSize}, ${threads} threads)`);
      return loaded;
    } catch (err) {
      await model.dispose().catch(() => undefined);
      if (err instanceof AppError) throw err;
      throw new AppError('UNAVAILABLE', `The model loaded but no context could be created: ${(err as Error).message}`);
    }
  }

  async #idle(): Promise<void> {
    while (this.#running) await new Promise((r) => setTimeout(r, 10));
  }

  async #unloadNow(): Promise<void> {
    const l = this.#loaded;
    this.#loaded = null;
    if (!l) return;
    await l.context.dispose().catch(() => undefined);
    await l.model.dispose().catch(() => undefined);
  }

  /** Unloads after the running generation; queued requests stay queued (they will need a model). */
  async unload(): Promise<LlmStatus> {
    await this.#idle();
    await this.#unloadNow();
    writeSavedModel(this.#ctx, null);
    this.#emitStatus();
    return this.status();
  }

  /** The loaded model, loading the saved one lazily (start-up stays fast). */
  async #ensureModel(): Promise<Loaded> {
    if (this.#loading) return this.#loading.done;
    if (this.#loaded) return this.#loaded;
    const saved = readSavedModel(this.#ctx);
    if (!saved) {
      throw new AppError('UNAVAILABLE', 'No model is loaded. Load one on the Models page (模型), or use search instead.');
    }
    return this.startLoad(saved, {}, true).done;
  }

  // ---- tokens ---------------------------------------------------------------------------------

  async countTokens(text: string): Promise<number> {
    return (await this.#ensureModel()).model.tokenize(text).length;
  }

  /**
   * Splits a long text into pieces of at most `maxTokens` tokens with `overlap` tokens repeated
   * between neighbours, for features that must read more than one context holds (map-reduce).
   */
  async chunkByTokens(text: string, maxTokens: number, overlap = 0): Promise<string[]> {
    const { model } = await this.#ensureModel();
    const tokens = model.tokenize(text);
    if (tokens.length <= maxTokens) return [text];
    const step = Math.max(1, maxTokens - overlap);
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i += step) {
      out.push(model.detokenize(tokens.slice(i, i + maxTokens)));
      if (i + maxTokens >= tokens.length) break;
    }
    return out;
  }

  // ---- queue ----------------------------------------------------------------------------------

  /** Queues a generation; `done` always resolves (errors are in the LlmDone), never rejects. */
  enqueue(req: GenerateRequest): { requestId: string; done: Promise<LlmDone> } {
    if (this.#disposed) throw new AppError('UNAVAILABLE', 'The model runtime is shutting down');
    if (req.schema) assertBounded(req.schema, 'answer');
    const id = randomUUID();
    const controller = new AbortController();
    if (req.signal) {
      if (req.signal.aborted) controller.abort();
      else req.signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    let resolve!: (d: LlmDone) => void;
    const done = new Promise<LlmDone>((r) => {
      resolve = r;
    });
    const p: Pending = {
      id,
      req,
      priority: req.priority ?? 0,
      seq: this.#seq++,
      enqueuedAt: Date.now(),
      controller,
      resolve,
    };
    this.#queue.push(p);
    this.#queue.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    controller.signal.addEventListener('abort', () => this.#dropQueued(p), { once: true });
    this.#emitStatus();
    queueMicrotask(() => void this.#pump());
    return { requestId: id, done };
  }

  generate(req: GenerateRequest): Promise<LlmDone> {
    return this.enqueue(req).done;
  }

  /** A registered prompt, rendered and run with its schema; throws unless a valid answer came back. */
  async generateStructured<T = unknown>(
    promptRef: string,
    input: Record<string, unknown>,
    opts: { signal?: AbortSignal; priority?: number; caseId?: string | null; onText?: (t: string) => void } = {},
  ): Promise<StructuredResult<T>> {
    const done = await this.generate({ ...this.requestForPrompt(promptRef, input), ...opts });
    if (done.reason === 'cancelled') throw new AppError('CANCELLED', 'Cancelled by the user');
    if (done.error) throw new AppError(done.error.code, done.error.message, { requestId: done.requestId });
    if (done.json === null || done.json === undefined) {
      throw new AppError('INTERNAL', `The model gave no complete answer (${done.reason})`, { requestId: done.requestId });
    }
    return { value: done.json as T, done };
  }

  /** Renders a registered prompt into a request (validating the input); the caller may add options. */
  requestForPrompt(promptRef: string, input: Record<string, unknown>): GenerateRequest {
    const def: PromptDef = this.prompts.get(promptRef);
    const prompt = renderPrompt(def, input);
    let truncatable: GenerateRequest['truncatable'];
    const field = def.truncate;
    if (field !== null && typeof input[field] === 'string') {
      // Render once with a marker to learn what surrounds the field.
      const marker = '\u0000CD_TRUNCATE\u0000';
      const marked = renderPrompt(def, { ...input, [field]: marker });
      const at = marked.indexOf(marker);
      if (at >= 0 && marked.indexOf(marker, at + 1) < 0) {
        truncatable = {
          before: marked.slice(0, at),
          text: input[field] as string,
          after: marked.slice(at + marker.length),
        };
      }
    }
    return {
      prompt,
      system: def.system,
      schema: def.output,
      maxTokens: def.maxTokens,
      temperature: def.temperature,
      promptRef: { id: def.id, version: def.version },
      ...(truncatable ? { truncatable } : {}),
    };
  }

  cancel(requestId: string): boolean {
    const p = this.#running?.id === requestId ? this.#running : this.#queue.find((q) => q.id === requestId);
    if (!p) return false;
    p.controller.abort();
    return true;
  }

  #dropQueued(p: Pending): void {
    const i = this.#queue.indexOf(p);
    if (i < 0) return;
    this.#queue.splice(i, 1);
    this.#finish(p, { requestId: p.id, reason: 'cancelled', text: '', json: null, error: null, provenanceId: null, timings: null });
    this.#emitStatus();
  }

  #finish(p: Pending, done: LlmDone): void {
    if (!this.#disposed) this.#ctx.events.emit('llm.done', done);
    p.resolve(done);
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#disposed && this.#queue.length > 0) {
        const p = this.#queue.shift()!;
        this.#running = p;
        this.#emitStatus();
        let done: LlmDone;
        try {
          done = await this.#run(p);
        } catch (err) {
          // A failed generation is that request's error, never the backend's crash.
          const e = err instanceof AppError ? err : new AppError('INTERNAL', `Generation failed: ${(err as Error).message}`);
          if (!(err instanceof AppError)) this.#ctx.log.error('llm: generation failed', err);
          done = {
            requestId: p.id,
            reason: p.controller.signal.aborted ? 'cancelled' : 'error',
            text: '',
            json: null,
            error: p.controller.signal.aborted ? null : { code: e.code, message: e.message },
            provenanceId: null,
            timings: null,
          };
        }
        this.#running = null;
        this.#finish(p, done);
        this.#emitStatus();
      }
    } finally {
      this.#pumping = false;
    }
  }

  #grammarFor(schema: JsonSchema): Promise<JsonGrammar> {
    const key = JSON.stringify(schema);
    const cached = this.#grammars.get(key);
    if (cached) return cached;
    const g = sharedLlama().then((llama) => {
      // The schema is checked at runtime (assertBounded, zod); the library's literal-type inference does not apply.
      const create = llama.createGrammarForJsonSchema.bind(llama) as (s: GbnfJsonSchema) => Promise<JsonGrammar>;
      return create(schema as unknown as GbnfJsonSchema);
    });
    g.catch(() => this.#grammars.delete(key));
    this.#grammars.set(key, g);
    return g;
  }

  /**
   * Fits the prompt and the answer into the context or explains why they cannot. A free-text
   * answer is shortened first (maxTokens is an upper bound, and a whole input matters more than
   * room for a longer reply) down to MIN_ANSWER_TOKENS; a structured answer keeps its budget,
   * since a JSON answer cut short does not parse, so its truncatable input is shortened instead.
   */
  #budget(
    l: Loaded,
    req: GenerateRequest,
    maxTokens: number,
  ): { prompt: string; promptTokens: number; maxTokens: number; truncated: boolean } {
    const ctxSize = l.context.contextSize;
    const count = (t: string) => l.model.tokenize(t).length;
    const systemTokens = req.system ? count(req.system) : 0;
    const promptTokens = count(req.prompt);
    const need = systemTokens + promptTokens + TEMPLATE_MARGIN + maxTokens;
    if (need <= ctxSize) return { prompt: req.prompt, promptTokens: systemTokens + promptTokens, maxTokens, truncated: false };
    if (!req.schema) {
      const room = ctxSize - systemTokens - promptTokens - TEMPLATE_MARGIN;
      if (room >= Math.min(maxTokens, MIN_ANSWER_TOKENS)) {
        return { prompt: req.prompt, promptTokens: systemTokens + promptTokens, maxTokens: room, truncated: false };
      }
    }
    const t = req.truncatable;
    if (t) {
      const fixed = systemTokens + count(t.before) + count(t.after) + count(TRUNCATION_NOTE) + TEMPLATE_MARGIN + maxTokens;
      const room = ctxSize - fixed;
      if (room >= 32) {
        const kept = l.model.detokenize(l.model.tokenize(t.text).slice(0, room));
        const prompt = `${t.before}${kept}${TRUNCATION_NOTE}${t.after}`;
        return { prompt, promptTokens: systemTokens + count(prompt), maxTokens, truncated: true };
      }
    }
    throw new AppError(
      'BAD_INPUT',
      `The input needs ${need} tokens (prompt ${systemTokens + promptTokens} + answer ${maxTokens} + template ${TEMPLATE_MARGIN}) but the context holds ${ctxSize}. Shorten the input, or load the model with a larger context.`,
      { need, contextSize: ctxSize },
    );
  }

  async #run(p: Pending): Promise<LlmDone> {
    const { req } = p;
    const startedAt = Date.now();
    const l = await this.#ensureModel();
    if (p.controller.signal.aborted) {
      return { requestId: p.id, reason: 'cancelled', text: '', json: null, error: null, provenanceId: null, timings: null };
    }
    const lib = await loadLib();
    const grammar = req.schema ? await this.#grammarFor(req.schema) : undefined;
    const ctxSize = l.context.contextSize;
    // Structured answers are bounded by their grammar, so they may use the rest of the context.
    const { prompt, promptTokens, maxTokens } = this.#budget(
      l,
      req,
      Math.max(1, Math.min(req.maxTokens ?? 1024, ctxSize - TEMPLATE_MARGIN - 8)),
    );

    await l.sequence.clearHistory();
    const session = new lib.LlamaChatSession({
      contextSequence: l.sequence,
      autoDisposeSequence: false,
      ...(req.system ? { systemPrompt: req.system } : {}),
    });

    let text = '';
    let buffered = '';
    let timer: NodeJS.Timeout | null = null;
    let firstAt: number | null = null;
    let outputTokens = 0;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!buffered) return;
      const chunk = buffered;
      buffered = '';
      if (!this.#disposed) this.#ctx.events.emit('llm.token', { requestId: p.id, text: chunk });
      try {
        req.onText?.(chunk);
      } catch {
        // A caller's listener must not break the generation.
      }
    };
    const evalStart = Date.now();
    let stopReason: LlmDone['reason'];
    let error: LlmDone['error'] = null;
    try {
      const r = await session.promptWithMeta(prompt, {
        ...(grammar ? { grammar } : {}),
        maxTokens,
        temperature: req.temperature ?? 0,
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        signal: p.controller.signal,
        stopOnAbortSignal: true,
        onToken: (tokens: Token[]) => {
          outputTokens += tokens.length;
        },
        onTextChunk: (chunk: string) => {
          firstAt ??= Date.now();
          text += chunk;
          buffered += chunk;
          timer ??= setTimeout(flush, TOKEN_BATCH_MS);
        },
      });
      text = r.responseText;
      stopReason = r.stopReason === 'abort' ? 'cancelled' : r.stopReason === 'maxTokens' ? 'maxTokens' : 'stop';
    } catch (err) {
      if (p.controller.signal.aborted) stopReason = 'cancelled';
      else {
        stopReason = 'error';
        error = { code: 'INTERNAL', message: `Generation failed: ${(err as Error).message}` };
        this.#ctx.log.error('llm: generation failed', err);
      }
    } finally {
      flush();
      session.dispose({ disposeSequence: false });
    }

    let json: unknown = null;
    if (grammar && req.schema && stopReason === 'stop') {
      try {
        const parsed: unknown = grammar.parse(text);
        const check = validateJson(req.schema, parsed);
        if (check.ok) json = parsed;
        else {
          stopReason = 'error';
          error = { code: 'INTERNAL', message: `The answer does not match its schema: ${check.message}` };
        }
      } catch (err) {
        stopReason = 'error';
        error = { code: 'INTERNAL', message: `The answer is not valid JSON: ${(err as Error).message}` };
      }
    }
    if (json !== null && req.finalize) {
      try {
        json = req.finalize(json);
      } catch (err) {
        json = null;
        stopReason = 'error';
        error = { code: 'INTERNAL', message: `The answer could not be checked: ${(err as Error).message}` };
        this.#ctx.log.error('llm: finalize failed', err);
      }
    }
    const end = Date.now();
    const genSeconds = (end - (firstAt ?? evalStart)) / 1000;
    const timings: GenerateTimings = {
      queuedMs: startedAt - p.enqueuedAt,
      ttftMs: firstAt === null ? null : firstAt - evalStart,
      totalMs: end - startedAt,
      promptTokens,
      outputTokens,
      tokensPerSecond: genSeconds > 0 ? outputTokens / genSeconds : 0,
    };
    let provenanceId: string | null = null;
    if (!this.#disposed && this.#ctx.db.open) {
      provenanceId = randomUUID();
      insertProvenance(this.#ctx.db, {
        id: provenanceId,
        requestId: p.id,
        promptId: req.promptRef?.id ?? null,
        promptVersion: req.promptRef?.version ?? null,
        modelPath: l.path,
        modelName: l.info.name,
        modelBytes: l.info.fileBytes,
        caseId: req.caseId ?? null,
        stopReason,
        outputText: text,
        outputJson: json,
        timings,
        createdAt: this.#ctx.now(),
      });
    }
    return { requestId: p.id, reason: stopReason, text, json, error, provenanceId, timings };
  }

  /** Cancels everything and frees the model; the shared native backend stays for the process. */
  async dispose(): Promise<void> {
    for (const q of [...this.#queue]) q.controller.abort();
    this.#running?.controller.abort();
    if (this.#loading) {
      this.#ctx.ops.cancel(this.#loading.opId);
      await this.#loading.done.catch(() => undefined);
    }
    await this.#idle();
    this.#disposed = true;
    await this.#unloadNow();
  }
}

const services = new WeakMap<BackendContext, LlmService>();

/** The backend's model runtime, for other features: `llmOf(ctx).generateStructured(...)`. */
export function llmOf(ctx: BackendContext): LlmService {
  let s = services.get(ctx);
  if (!s) {
    s = new LlmService(ctx);
    services.set(ctx, s);
  }
  return s;
}

/** For backend.close(): frees the model if this backend ever made a runtime. */
export async function disposeLlm(ctx: BackendContext): Promise<void> {
  const s = services.get(ctx);
  if (s) await s.dispose();
}
