import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BenchResult } from '../../../shared/contract/llm';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import type { OperationHandle } from '../ops';
import { insertBenchRun, listBenchRuns } from '../store/repos/llm';
import type { LlmService } from './service';

/**
 * Knowledge density: capability per unit of inference compute, so a court can pick the best
 * model its laptops can run.
 *
 *   density = accuracy / (model file size in GB × mean seconds per item)
 *
 * - accuracy: mean item score in [0, 1] over the suite (see the scorers below);
 * - model file size: a proxy for memory traffic per token, which bounds CPU decode speed;
 * - seconds per item: wall time of one task on this machine (prompt evaluation + answer).
 * A model twice as accurate at the same size and speed scores twice as high; one twice as
 * big or twice as slow scores half. Unit: accuracy per GB·s. Invalid JSON scores 0.
 */
export const DENSITY_DEFINITION =
  'density = accuracy ÷ (model file GB × mean seconds per item); accuracy is the mean item score in [0,1] (invalid JSON scores 0); unit: accuracy per GB·s';

const Suite = z.object({
  version: z.string(),
  notes: z.string(),
  complaints: z.array(
    z.object({
      id: z.string(),
      text: z.string().min(1),
      plaintiffs: z.array(z.string()).min(1),
      defendants: z.array(z.string()).min(1),
      amountYuan: z.string(),
      cause: z.string(),
    }),
  ),
  facts: z.array(z.object({ id: z.string(), passage: z.string(), question: z.string(), answers: z.array(z.string()).min(1) })),
});
export type Suite = z.infer<typeof Suite>;

export type TaskKind = 'extract' | 'cause' | 'fact';
export interface BenchTask {
  readonly id: string;
  readonly kind: TaskKind;
  readonly promptRef: string;
  readonly input: Record<string, unknown>;
  /** Score in [0, 1] of a schema-valid answer. */
  score(answer: unknown): number;
}

export function readSuite(resourcesDir: string): Suite {
  const path = join(resourcesDir, 'bench', 'court-suite.json');
  const parsed = Suite.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new AppError('INTERNAL', `The bench suite ${path} is malformed`);
  return parsed.data;
}

/** Drops spaces and punctuation so 「张秀兰 」 and 张秀兰 compare equal. */
export function normText(s: string): string {
  return s.normalize('NFKC').replace(/[\s,，、。.:：;；"'“”‘’（）()【】[\]]/g, '');
}

/** Yuan as written in an answer (80000, 80,000.00, 8万, 80000元) → fen, or null when blank/unreadable. */
export function yuanToFen(s: string): number | null {
  const t = s.normalize('NFKC').replace(/[\s,，]|人民币|元/g, '');
  if (t === '') return null;
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(t);
  if (wan) return Math.round(Number(wan[1]) * 1_000_000);
  if (/^\d+(?:\.\d{1,2})?$/.test(t)) return Math.round(Number(t) * 100);
  return Number.NaN;
}

function sameNames(got: unknown, want: readonly string[]): number {
  if (!Array.isArray(got)) return 0;
  const a = got.filter((x): x is string => typeof x === 'string').map(normText).filter(Boolean).sort();
  const b = want.map(normText).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]) ? 1 : 0;
}

/** Round-robin over the kinds, so `limit: 3` already exercises every task kind. */
export function buildTasks(suite: Suite): BenchTask[] {
  const extract: BenchTask[] = suite.complaints.map((c) => ({
    id: `${c.id}-extract`,
    kind: 'extract',
    promptRef: 'extract-parties@1',
    input: { complaint: c.text },
    score: (a) => {
      const o = a as { plaintiffs?: unknown; defendants?: unknown; amountYuan?: unknown };
      const amount = typeof o.amountYuan === 'string' && yuanToFen(o.amountYuan) === yuanToFen(c.amountYuan) ? 1 : 0;
      return (sameNames(o.plaintiffs, c.plaintiffs) + sameNames(o.defendants, c.defendants) + amount) / 3;
    },
  }));
  const cause: BenchTask[] = suite.complaints.map((c) => ({
    id: `${c.id}-cause`,
    kind: 'cause',
    promptRef: 'cause-of-action@1',
    input: { complaint: c.text },
    score: (a) => ((a as { cause?: unknown }).cause === c.cause ? 1 : 0),
  }));
  const fact: BenchTask[] = suite.facts.map((f) => ({
    id: `${f.id}-fact`,
    kind: 'fact',
    promptRef: 'fact-qa@1',
    input: { passage: f.passage, question: f.question },
    score: (a) => {
      const ans = (a as { answer?: unknown }).answer;
      if (typeof ans !== 'string') return 0;
      const n = normText(ans).replace(/元/g, '');
      return f.answers.some((x) => n.includes(normText(x).replace(/元/g, ''))) ? 1 : 0;
    },
  }));
  const out: BenchTask[] = [];
  for (let i = 0; i < Math.max(extract.length, cause.length, fact.length); i++) {
    for (const list of [extract, cause, fact]) {
      const t = list[i];
      if (t) out.push(t);
    }
  }
  return out;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs the suite on the loaded model (or loads `model` first) and stores the result. Items run
 * through the same queue as user requests at a low priority, so a judge's request is never
 * stuck behind a bench.
 */
export async function runBench(
  ctx: BackendContext,
  llm: LlmService,
  opts: { model?: string; limit?: number; remember?: boolean },
  op: OperationHandle,
): Promise<BenchResult> {
  const suite = readSuite(ctx.resourcesDir);
  const tasks = buildTasks(suite).slice(0, opts.limit ?? Number.POSITIVE_INFINITY);
  const current = llm.loadedModel();
  if (opts.model && current?.path !== opts.model) {
    op.progress(0, tasks.length, 'loading the model');
    await llm.startLoad(opts.model, { remember: opts.remember ?? true }).done;
  } else if (!current) {
    const saved = llm.status().savedModel;
    if (!saved) throw new AppError('UNAVAILABLE', 'No model is loaded: load one, or pass the model to bench.');
    await llm.startLoad(saved).done;
  }
  const model = llm.loadedModel();
  if (!model) throw new AppError('UNAVAILABLE', 'The model is not loaded');
  const status = llm.status();

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const startedAt = ctx.now();
  const t0 = Date.now();
  const ttfts: number[] = [];
  let outTokens = 0;
  let genSeconds = 0;
  let itemSeconds = 0;
  const byKind = new Map<TaskKind, { items: number; score: number; valid: number }>();
  try {
    for (const [i, task] of tasks.entries()) {
      op.throwIfCancelled();
      op.progress(i, tasks.length, task.id);
      const done = await llm.generate({ ...llm.requestForPrompt(task.promptRef, task.input), signal: op.signal, priority: -5 });
      op.throwIfCancelled();
      const valid = done.json !== null && done.json !== undefined;
      const score = valid ? Math.max(0, Math.min(1, task.score(done.json))) : 0;
      const k = byKind.get(task.kind) ?? { items: 0, score: 0, valid: 0 };
      byKind.set(task.kind, { items: k.items + 1, score: k.score + score, valid: k.valid + (valid ? 1 : 0) });
      if (done.timings) {
        if (done.timings.ttftMs !== null) ttfts.push(done.timings.ttftMs);
        outTokens += done.timings.outputTokens;
        const gen = done.timings.totalMs - (done.timings.ttftMs ?? 0);
        genSeconds += Math.max(0, gen) / 1000;
        itemSeconds += done.timings.totalMs / 1000;
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(sampler);
  }
  op.progress(tasks.length, tasks.length, 'done');
  const n = tasks.length;
  let scoreSum = 0;
  let validSum = 0;
  const byTask: BenchResult['byTask'] = {};
  for (const [kind, k] of byKind) {
    scoreSum += k.score;
    validSum += k.valid;
    byTask[kind] = { items: k.items, accuracy: k.score / k.items, jsonValidRate: k.valid / k.items };
  }
  const accuracy = n ? scoreSum / n : 0;
  const secondsPerItem = n ? itemSeconds / n : 0;
  const gb = model.fileBytes / 1e9;
  const density = gb > 0 && secondsPerItem > 0 ? accuracy / (gb * secondsPerItem) : 0;
  const result: BenchResult = {
    id: randomUUID(),
    modelPath: model.path,
    modelName: model.name,
    fileBytes: model.fileBytes,
    quantization: model.quantization,
    threads: status.threads,
    suiteVersion: suite.version,
    items: n,
    accuracy,
    jsonValidRate: n ? validSum / n : 0,
    ttftMsMedian: median(ttfts),
    tokensPerSecond: genSeconds > 0 ? outTokens / genSeconds : 0,
    peakRssBytes: peakRss,
    secondsPerItem,
    density,
    densityDefinition: DENSITY_DEFINITION,
    startedAt,
    durationMs: Date.now() - t0,
    byTask,
  };
  if (ctx.db.open) insertBenchRun(ctx.db, result);
  return result;
}

/** The leaderboard: each model's best run, best density first. */
export function leaderboard(ctx: BackendContext): BenchResult[] {
  const seen = new Set<string>();
  return listBenchRuns(ctx.db, DENSITY_DEFINITION).filter((r) => {
    if (seen.has(r.modelPath)) return false;
    seen.add(r.modelPath);
    return true;
  });
}
