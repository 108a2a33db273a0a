/**
 * Worker-thread entry for bulk precedent work (architecture.md §1: heavy CPU work never runs on
 * the backend's event loop). Built as out/main/precedentsWorker.js; from sources (tests, bench) it
 * is loaded through tsx by runner.ts. The protocol is plain structured-clone messages.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result';
import { runImport, runReindex, type ImportTask, type DbTarget } from './indexer';

export type WorkerRequest =
  | { type: 'import'; task: ImportTask }
  | { type: 'reindex'; task: DbTarget }
  | { type: 'cancel' };

export type WorkerReply =
  | { type: 'progress'; done: number; total: number | null; message: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; code: string; message: string };

const port = parentPort;
if (port) {
  let cancelled = false;
  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'cancel') {
      cancelled = true;
      return;
    }
    const sink = {
      progress: (done: number, total: number | null, message: string) =>
        port.postMessage({ type: 'progress', done, total, message } satisfies WorkerReply),
      cancelled: () => cancelled,
    };
    const work = msg.type === 'import' ? runImport(msg.task, sink) : runReindex(msg.task, sink);
    work.then(
      (result) => port.postMessage({ type: 'done', result } satisfies WorkerReply),
      (err: unknown) =>
        port.postMessage({
          type: 'error',
          code: err instanceof AppError ? err.code : 'INTERNAL',
          message: err instanceof Error ? err.message : String(err),
        } satisfies WorkerReply),
    );
  });
}
