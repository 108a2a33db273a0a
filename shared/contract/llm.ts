import { z } from 'zod';
import { Id } from './common';
import { ERROR_CODES } from './result';

/**
 * The local-model runtime (architecture.md §5): model registry, load/unload, the generation
 * queue, prompts, the recommended-model downloader and the knowledge-density bench.
 * Spread into `methods` / `events`; the names are listed in names.ts.
 */

/** A model file is named by its absolute path on the backend's machine (browser mode and CLI add by path). */
export const ModelPath = z.string().trim().min(1, 'is required').max(4096, 'is too long');

const ErrorBodyShape = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const ModelSource = z.enum(['project', 'user', 'added', 'downloaded']);

export const ModelInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  source: ModelSource,
  fileBytes: z.number().int(),
  /** general.name, else the file name without extension. */
  name: z.string(),
  architecture: z.string(),
  /** Total parameters counted from the tensor shapes. */
  parameters: z.number().int(),
  /** File type (quantisation) such as Q4_K_M or F16, from general.file_type or the dominant tensor type. */
  quantization: z.string(),
  trainContext: z.number().int().nullable(),
  hasChatTemplate: z.boolean(),
  supported: z.boolean(),
  /** RAM the model plus a context of `estimateContext` tokens needs on the CPU (node-llama-cpp's estimate). */
  ramNeededBytes: z.number().int(),
  estimateContext: z.number().int(),
  freeRamBytes: z.number().int(),
  fitsInRam: z.boolean(),
  /** Set when the file cannot be used (truncated, not GGUF, unsupported architecture); the other fields are best-effort. */
  error: ErrorBodyShape.nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const LlmState = z.enum(['idle', 'loading', 'ready', 'busy']);
export const LlmStatus = z.object({
  state: LlmState,
  /** Requests waiting behind the running one. */
  queued: z.number().int(),
  model: z.object({ path: z.string(), name: z.string(), contextSize: z.number().int() }).nullable(),
  threads: z.number().int(),
  /** The model saved from the last session; loaded lazily on first use, not at start-up. */
  savedModel: z.string().nullable(),
  /** The running load operation, so a page opened mid-load can follow its progress. */
  loadOpId: z.string().nullable(),
});
export type LlmStatus = z.infer<typeof LlmStatus>;

export const LlmSettings = z.object({
  /** null = chosen for this machine (see runtime.ts defaultThreads). */
  threads: z.number().int().min(1).max(64).nullable(),
  contextSize: z.number().int().min(128).max(131072),
  /** null = <dataDir>/models. */
  userModelsDir: z.string().max(4096).nullable(),
  /** Base URL of a Hugging Face compatible host: `${base}/${repo}/resolve/main/${file}`. */
  mirrorBaseUrl: z.string().url().max(500),
  addedModels: z.array(z.string().max(4096)).max(200),
});
export type LlmSettings = z.infer<typeof LlmSettings>;
export const LlmSettingsPatch = LlmSettings.omit({ addedModels: true })
  .extend({ mirrorBaseUrl: z.string().url().max(500).refine((u) => /^https?:\/\//.test(u), 'must be http(s)') })
  .partial();

export const GenerateTimings = z.object({
  queuedMs: z.number(),
  /** Time to first token, from the start of evaluation (not from enqueue). */
  ttftMs: z.number().nullable(),
  totalMs: z.number(),
  promptTokens: z.number().int(),
  outputTokens: z.number().int(),
  tokensPerSecond: z.number(),
});
export type GenerateTimings = z.infer<typeof GenerateTimings>;

export const GenerateInput = z
  .object({
    /** A registered prompt (`id@version` or `id` for the newest) with its input object. */
    promptId: z.string().max(100).optional(),
    input: z.record(z.string(), z.unknown()).optional(),
    /** Or free text (CLI, experiments). */
    prompt: z.string().max(200_000).optional(),
    system: z.string().max(20_000).optional(),
    /** JSON schema for a structured answer; must bound every string (maxLength) and array (maxItems). */
    schema: z.record(z.string(), z.unknown()).optional(),
    maxTokens: z.number().int().min(1).max(32768).optional(),
    temperature: z.number().min(0).max(2).optional(),
    seed: z.number().int().min(0).optional(),
    /** Higher runs first; equal priorities run in arrival order. */
    priority: z.number().int().min(-10).max(10).default(0),
    caseId: z.string().max(64).optional(),
  })
  .refine((v) => (v.promptId === undefined) !== (v.prompt === undefined), {
    message: 'give either promptId (with input) or prompt',
    path: ['prompt'],
  });

export const StopReason = z.enum(['stop', 'maxTokens', 'cancelled', 'error']);
export const LlmDone = z.object({
  requestId: z.string(),
  reason: StopReason,
  /** Partial text is kept on cancel. */
  text: z.string(),
  /** The parsed, schema-checked answer for structured requests; null otherwise or when it did not parse. */
  json: z.unknown(),
  error: ErrorBodyShape.nullable(),
  /** The provenance row (prompt id+version, model) of this answer; null when nothing was generated. */
  provenanceId: z.string().nullable(),
  timings: GenerateTimings.nullable(),
});
export type LlmDone = z.infer<typeof LlmDone>;

export const PromptSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  inputSchema: z.unknown(),
  outputSchema: z.unknown(),
});

export const CatalogEntry = z.object({
  id: z.string(),
  family: z.string(),
  name: z.string(),
  parameters: z.string(),
  quantization: z.string(),
  repo: z.string(),
  file: z.string(),
  sizeBytes: z.number().int(),
  ramGb: z.number(),
  sha256: z.string().nullable(),
  license: z.string(),
  notes: z.string(),
  /** Whether the file is in the user models folder already. */
  downloaded: z.boolean(),
  url: z.string(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const DownloadResult = z.object({
  path: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** false when the catalogue has no known hash to compare with (the computed one is reported). */
  verified: z.boolean(),
  resumedFrom: z.number().int(),
});

export type DownloadResult = z.infer<typeof DownloadResult>;

export const BenchResult = z.object({
  id: z.string(),
  modelPath: z.string(),
  modelName: z.string(),
  fileBytes: z.number().int(),
  quantization: z.string(),
  threads: z.number().int(),
  suiteVersion: z.string(),
  items: z.number().int(),
  /** Mean item score in [0, 1]. */
  accuracy: z.number(),
  jsonValidRate: z.number(),
  ttftMsMedian: z.number().nullable(),
  tokensPerSecond: z.number(),
  peakRssBytes: z.number().int(),
  secondsPerItem: z.number(),
  /** accuracy / (model file GB × seconds per item): see bench.ts for the definition. */
  density: z.number(),
  densityDefinition: z.string(),
  startedAt: z.number().int(),
  durationMs: z.number().int(),
  byTask: z.record(z.string(), z.object({ items: z.number().int(), accuracy: z.number(), jsonValidRate: z.number() })),
});
export type BenchResult = z.infer<typeof BenchResult>;

export const Provenance = z.object({
  id: z.string(),
  requestId: z.string(),
  promptId: z.string().nullable(),
  promptVersion: z.number().int().nullable(),
  modelPath: z.string(),
  modelName: z.string(),
  modelBytes: z.number().int(),
  caseId: z.string().nullable(),
  stopReason: StopReason,
  outputText: z.string(),
  outputJson: z.unknown(),
  timings: GenerateTimings,
  createdAt: z.number().int(),
});

// ---- chat with the case ------------------------------------------------------------------------

/** A question to the case chat; longer ones are refused (BAD_INPUT) rather than silently cut. */
export const CHAT_QUESTION_MAX = 500;
export const ChatQuestion = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(CHAT_QUESTION_MAX, `must be at most ${CHAT_QUESTION_MAX} characters`);

/** A character range [start, end) in a document's extracted text (documents.text). */
export const TextRange = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type TextRange = z.infer<typeof TextRange>;

/** A few sentences of one document, found by lexical search over the case's documents. */
export const ChatPassage = z.object({
  /** 1-based; the model cites it as [n]. */
  n: z.number().int().min(1),
  documentId: z.string(),
  documentTitle: z.string(),
  /** Offsets of `text` in the document's extracted text. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  /** BM25 over character bigrams; 0 when nothing matched and the passage is only a fallback. */
  score: z.number(),
  /** Matched query terms in `text`, as offsets relative to `text` (merged, sorted). */
  highlights: z.array(TextRange),
});
export type ChatPassage = z.infer<typeof ChatPassage>;

export const ChatSearchResult = z.object({
  passages: z.array(ChatPassage),
  /** The query terms that were looked for (character bigrams and numbers). */
  terms: z.array(z.string()),
  documentsSearched: z.number().int(),
  /** Documents of the case without extracted text (e.g. scans awaiting OCR): not searchable. */
  documentsWithoutText: z.number().int(),
  /** Whether a model is loaded or saved to load on use; when false the UI offers this search only. */
  modelAvailable: z.boolean(),
});
export type ChatSearchResult = z.infer<typeof ChatSearchResult>;

export const ChatTurn = z.object({ role: z.enum(['user', 'assistant']), text: z.string().max(2000) });
export type ChatTurn = z.infer<typeof ChatTurn>;

export const ChatAskStatus = z.enum(['queued', 'no-model', 'no-documents']);
export const ChatAskResult = ChatSearchResult.extend({
  /** Set when queued: follow llm.token / llm.done with this id; null when nothing was queued. */
  requestId: z.string().nullable(),
  status: ChatAskStatus,
  /** For no-model / no-documents: what to tell the user (Chinese). Empty when queued. */
  message: z.string(),
});
export type ChatAskResult = z.infer<typeof ChatAskResult>;

/**
 * - verified: the quote occurs in the cited passage (whitespace and full/half-width ignored).
 * - wrong-passage: it occurs, but in another passage given to the model (`foundIn`).
 * - not-found: it occurs in no passage (a paraphrase or an invention).
 * - no-such-passage: the model cited a number it was not given.
 * - too-short: under 2 characters, which would "match" almost anywhere.
 */
export const CitationStatus = z.enum(['verified', 'wrong-passage', 'not-found', 'no-such-passage', 'too-short']);
export const ChatCitation = z.object({
  passage: z.number().int(),
  quote: z.string(),
  status: CitationStatus,
  verified: z.boolean(),
  /** For a verified quote: where it is, as offsets in the document's extracted text; else null. */
  documentId: z.string().nullable(),
  documentTitle: z.string().nullable(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  foundIn: z.number().int().nullable(),
});
export type ChatCitation = z.infer<typeof ChatCitation>;

/** The `json` of the llm.done event of a chat request (after the citations were checked). */
export const ChatAnswer = z.object({
  kind: z.literal('case-chat'),
  caseId: z.string(),
  question: z.string(),
  answer: z.string(),
  /** The model's own claim that the passages support an answer; meaningful only with verified citations. */
  grounded: z.boolean(),
  citations: z.array(ChatCitation),
  allVerified: z.boolean(),
  /** The passages the model was given ([n] = n). */
  passages: z.array(ChatPassage),
});
export type ChatAnswer = z.infer<typeof ChatAnswer>;

/**
 * The value so far of one string field in a streamed JSON answer (llm.token batches joined),
 * so an answer can be shown while it is written; '' until that string starts.
 */
export function streamedJsonString(partialJson: string, key: string): string {

  const m = new RegExp(`"${key}"\\s*:\\s*"`).exec(partialJson);
  if (!m) return '';
  let out = '';
  for (let i = m.index + m[0].length; i < partialJson.length; i++) {
    const c = partialJson[i]!;
    if (c === '"') break;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = partialJson[i + 1];
    if (e === undefined) break;
    if (e === 'u') {
      const hex = partialJson.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
      continue;
    }
    out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
    i += 1;
  }
  return out;
}

/** The chat answer text so far (see streamedJsonString). */
export function chatAnswerPreview(partialJson: string): string {
  return streamedJsonString(partialJson, 'answer');
}

const OpStarted = z.object({ opId: z.string() });

export const llmMethods = {
  'llm.status': { input: z.object({}), output: LlmStatus },
  'llm.settings.get': { input: z.object({}), output: LlmSettings },
  'llm.settings.update': { input: LlmSettingsPatch, output: LlmSettings },
  'llm.models.list': {
    input: z.object({}),
    output: z.object({ items: z.array(ModelInfo), userModelsDir: z.string() }),
  },
  /** Registers a GGUF file by path (browser mode, CLI); refused with a clear message when the file is unusable. */
  'llm.models.add': { input: z.object({ path: ModelPath }), output: ModelInfo },
  /** Forgets an added path (the file is not deleted). */
  'llm.models.remove': { input: z.object({ path: ModelPath }), output: z.object({ removed: z.boolean() }) },
  'llm.models.info': { input: z.object({ path: ModelPath }), output: ModelInfo },
  /** Long operation (kind `llm.load`): progress via ops.progress, outcome via ops.done and llm.status. */
  'llm.load': {
    input: z.object({
      path: ModelPath,
      contextSize: z.number().int().min(128).max(131072).optional(),
      threads: z.number().int().min(1).max(64).optional(),
    }),
    output: OpStarted,
  },
  'llm.unload': { input: z.object({}), output: LlmStatus },
  /** Queues a generation; tokens arrive as llm.token, the outcome as llm.done. */
  'llm.generate': { input: GenerateInput, output: z.object({ requestId: z.string() }) },
  'llm.cancel': { input: z.object({ requestId: z.string().max(64) }), output: z.object({ cancelled: z.boolean() }) },
  'llm.prompts.list': { input: z.object({}), output: z.object({ items: z.array(PromptSummary) }) },
  'llm.provenance.get': { input: z.object({ id: z.string().max(64) }), output: Provenance },
  'llm.catalog.list': { input: z.object({}), output: z.object({ items: z.array(CatalogEntry), mirrorBaseUrl: z.string() }) },
  /** Long operation (kind `llm.download`), opt-in; resumes a partial file; verifies sha256 when known. */
  'llm.download': { input: z.object({ catalogId: z.string().max(100) }), output: OpStarted },
  /** Long operation (kind `llm.bench`); defaults to the loaded model; cancel with ops.cancel. */
  'llm.bench.run': {
    input: z.object({ model: ModelPath.optional(), limit: z.number().int().min(1).max(1000).optional() }),
    output: OpStarted,
  },
  /** The leaderboard: the best run per model on this machine first, by density. */
  'llm.bench.results': { input: z.object({}), output: z.object({ items: z.array(BenchResult) }) },
  /** Lexical search over the case's documents; works without a model (the no-model chat shows this). */
  'llm.chat.search': {
    input: z.object({ caseId: Id, question: ChatQuestion, limit: z.number().int().min(1).max(20).default(8) }),
    output: ChatSearchResult,
  },
  /**
   * Asks the case chat: retrieves passages, then (with a model) queues an answer that streams as
   * llm.token and ends with llm.done whose `json` is a ChatAnswer (citations verified). Without a
   * model nothing is queued: status no-model, with the search result to show instead.
   */
  'llm.chat.ask': {
    input: z.object({
      caseId: Id,
      question: ChatQuestion,
      history: z.array(ChatTurn).max(20).default([]),
    }),
    output: ChatAskResult,
  },
} as const;

export const llmEvents = {
  /** Streamed text, batched about every 30 ms so a fast model cannot flood the transport. */
  'llm.token': z.object({ requestId: z.string(), text: z.string() }),
  'llm.status': LlmStatus,
  'llm.done': LlmDone,
} as const;
