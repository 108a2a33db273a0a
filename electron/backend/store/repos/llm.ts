import type { BenchResult, GenerateTimings } from '../../../../shared/contract/llm';
import type { Db } from '../db';

export interface ProvenanceRow {
  readonly id: string;
  readonly requestId: string;
  readonly promptId: string | null;
  readonly promptVersion: number | null;
  readonly modelPath: string;
  readonly modelName: string;
  readonly modelBytes: number;
  readonly caseId: string | null;
  readonly stopReason: 'stop' | 'maxTokens' | 'cancelled' | 'error';
  readonly outputText: string;
  readonly outputJson: unknown;
  readonly timings: GenerateTimings;
  readonly createdAt: number;
}

export function insertProvenance(db: Db, row: ProvenanceRow): void {
  db.prepare(
    `INSERT INTO llm_outputs (id, request_id, prompt_id, prompt_version, model_path, model_name, model_bytes,
       case_id, stop_reason, output_text, output_json, timings, created_at)
     VALUES (@id, @requestId, @promptId, @promptVersion, @modelPath, @modelName, @modelBytes,
       @caseId, @stopReason, @outputText, @outputJson, @timings, @createdAt)`,
  ).run({
    ...row,
    outputJson: row.outputJson === null || row.outputJson === undefined ? null : JSON.stringify(row.outputJson),
    timings: JSON.stringify(row.timings),
  });
}

interface ProvenanceDbRow {
  id: string;
  request_id: string;
  prompt_id: string | null;
  prompt_version: number | null;
  model_path: string;
  model_name: string;
  model_bytes: number;
  case_id: string | null;
  stop_reason: ProvenanceRow['stopReason'];
  output_text: string;
  output_json: string | null;
  timings: string;
  created_at: number;
}

export function getProvenance(db: Db, id: string): ProvenanceRow | null {
  const r = db.prepare('SELECT * FROM llm_outputs WHERE id = ?').get(id) as ProvenanceDbRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    requestId: r.request_id,
    promptId: r.prompt_id,
    promptVersion: r.prompt_version,
    modelPath: r.model_path,
    modelName: r.model_name,
    modelBytes: r.model_bytes,
    caseId: r.case_id,
    stopReason: r.stop_reason,
    outputText: r.output_text,
    outputJson: r.output_json === null ? null : (JSON.parse(r.output_json) as unknown),
    timings: JSON.parse(r.timings) as GenerateTimings,
    createdAt: r.created_at,
  };
}

export function insertBenchRun(db: Db, r: BenchResult): void {
  db.prepare(
    `INSERT INTO llm_bench_runs (id, model_path, model_name, file_bytes, quantization, threads, suite_version, items,
       accuracy, json_valid_rate, ttft_ms_median, tokens_per_second, peak_rss_bytes, seconds_per_item, density,
       by_task, started_at, duration_ms)
     VALUES (@id, @modelPath, @modelName, @fileBytes, @quantization, @threads, @suiteVersion, @items,
       @accuracy, @jsonValidRate, @ttftMsMedian, @tokensPerSecond, @peakRssBytes, @secondsPerItem, @density,
       @byTask, @startedAt, @durationMs)`,
  ).run({
    id: r.id,
    modelPath: r.modelPath,
    modelName: r.modelName,
    fileBytes: r.fileBytes,
    quantization: r.quantization,
    threads: r.threads,
    suiteVersion: r.suiteVersion,
    items: r.items,
    accuracy: r.accuracy,
    jsonValidRate: r.jsonValidRate,
    ttftMsMedian: r.ttftMsMedian,
    tokensPerSecond: r.tokensPerSecond,
    peakRssBytes: r.peakRssBytes,
    secondsPerItem: r.secondsPerItem,
    density: r.density,
    byTask: JSON.stringify(r.byTask),
    startedAt: r.startedAt,
    durationMs: r.durationMs,
  });
}

interface BenchDbRow {
  id: string;
  model_path: string;
  model_name: string;
  file_bytes: number;
  quantization: string;
  threads: number;
  suite_version: string;
  items: number;
  accuracy: number;
  json_valid_rate: number;
  ttft_ms_median: number | null;
  tokens_per_second: number;
  peak_rss_bytes: number;
  seconds_per_item: number;
  density: number;
  by_task: string;
  started_at: number;
  duration_ms: number;
}

/** Every run, best density first (ties: newest first); the service picks one per model. */
export function listBenchRuns(db: Db, densityDefinition: string): BenchResult[] {
  const rows = db
    .prepare('SELECT * FROM llm_bench_runs ORDER BY density DESC, accuracy DESC, started_at DESC LIMIT 500')
    .all() as BenchDbRow[];
  return rows.map((r) => ({
    id: r.id,
    modelPath: r.model_path,
    modelName: r.model_name,
    fileBytes: r.file_bytes,
    quantization: r.quantization,
    threads: r.threads,
    suiteVersion: r.suite_version,
    items: r.items,
    accuracy: r.accuracy,
    jsonValidRate: r.json_valid_rate,
    ttftMsMedian: r.ttft_ms_median,
    tokensPerSecond: r.tokens_per_second,
    peakRssBytes: r.peak_rss_bytes,
    secondsPerItem: r.seconds_per_item,
    density: r.density,
    densityDefinition,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    byTask: JSON.parse(r.by_task) as BenchResult['byTask'],
  }));
}
