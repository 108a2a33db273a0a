import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, AppError, type ErrorCode } from '../../../shared/contract/result';
import type { OperationHandle } from '../ops';
import { runImport, runReindex, type DbTarget, type ImportTask, type JobSink } from './indexer';
import type { WorkerReply, WorkerRequest } from './worker';

/**
 * Where the worker code is: the built bundle (out/main/precedentsWorker.js, next to or one level
 * above the chunk this code was bundled into), else the TypeScript source loaded through tsx (dev,
 * tests, bench). null → run in-process, yielding between batches.
 */
function workerEntry(): { file: string; tsx: string | null } | null {
  if (process.env['COURTDESK_PRECEDENTS_INPROCESS'] === '1') return null;
  for (const p of [join(__dirname, 'precedentsWorker.js'), join(__dirname, '..', 'precedentsWorker.js')]) {
    if (existsSync(p)) return { file: p, tsx: null };
  }
  const src = join(__dirname, 'worker.ts');
  if (existsSync(src)) {
    try {
      return { file: src, tsx: createRequire(__filename).resolve('tsx/cjs/api') };
    } catch {
      return null;
    }
  }
  return null;
}

function toAppError(code: string, message: string): AppError {
  const c = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
  return new AppError(c, message);
}

/** Runs a job in a worker thread; progress and cancel go through the operation handle. */
function inWorker<T>(entry: { file: string; tsx: string | null }, req: WorkerRequest, op: OperationHandle): Promise<T> {
  const worker = entry.tsx
    ? new Worker(`require(${JSON.stringify(entry.tsx)}).register(); require(${JSON.stringify(entry.file)});`, { eval: true })
    : new Worker(entry.file);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      op.signal.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => worker.postMessage({ type: 'cancel' } satisfies WorkerRequest);
    op.signal.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'progress') op.progress(m.done, m.total, m.message);
      else if (m.type === 'done') finish(() => resolve(m.result as T));
      else finish(() => reject(toAppError(m.code, m.message)));
    });
    worker.on('error', (err) => finish(() => reject(new AppError('INTERNAL', `Import worker failed: ${err.message}`))));
    worker.on('exit', (code) => finish(() => reject(new AppError('INTERNAL', `Import worker exited (code ${code})`))));
    worker.postMessage(req);
  });
}

function sinkOf(op: OperationHandle): JobSink {
  return { progress: (d, t, m) => op.progress(d, t, m), cancelled: () => op.signal.aborted };
}

export interface RunOptions {
  /** Force in-process (tests of the job logic itself). */
  inProcess?: boolean;
}

export function usesWorker(): boolean {
  return workerEntry() !== null;
}

export function runImportJob(task: ImportTask, op: OperationHandle, o: RunOptions = {}): Promise<unknown> {
  const entry = o.inProcess ? null : workerEntry();
  if (entry) return inWorker(entry, { type: 'import', task }, op);
  return runImport({ ...task, batchMs: 40 }, sinkOf(op));
}

export function runReindexJob(task: DbTarget, op: OperationHandle, o: RunOptions = {}): Promise<unknown> {
  const entry = o.inProcess ? null : workerEntry();
  if (entry) return inWorker(entry, { type: 'reindex', task }, op);
  return runReindex({ ...task, batchMs: 40 }, sinkOf(op));
}
