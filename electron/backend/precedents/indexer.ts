import { basename } from 'node:path';
import type { Authority, ImportIssue, ImportJob, ReindexResult } from '../../../shared/contract/precedents';
import { ImportSource } from '../../../shared/contract/precedents';
import { AppError } from '../../../shared/contract/result';
import { silentLogger } from '../log';
import { openDatabase, type Db } from '../store/db';
import * as repo from '../store/repos/precedents';
import { csvReader, folderReader, jsonlReader, lecardReader, type SourceReader } from './readers';
import { buildRecord, ftsColumnsOf, RecordError } from './records';
import { segmenterName } from './segment';

/** How a job reports to whoever runs it (the worker's port, or the operation directly in-process). */
export interface JobSink {
  progress(done: number, total: number | null, message: string): void;
  cancelled(): boolean;
}

export interface DbTarget {
  dbPath: string;
  nativeBinding?: string;
}

export interface ImportTask extends DbTarget {
  importId: string;
  /** The validated ImportStartInput.source, as JSON. */
  source: unknown;
  sourceName: string;
  authority: Authority;
  /** Commit (and yield) at least this often, so progress and cancel stay responsive. */
  batchMs?: number;
}

const MAX_ISSUES = 500;

export function readerFor(source: ReturnType<typeof ImportSource.parse>): SourceReader {
  switch (source.kind) {
    case 'table': {
      const fmt = source.format === 'auto' ? (/\.csv$/i.test(source.path) ? 'csv' : 'jsonl') : source.format;
      return fmt === 'csv' ? csvReader(source.path, source.mapping) : jsonlReader(source.path, source.mapping);
    }
    case 'folder':
      return folderReader(source.path, source.recursive);
    case 'lecard':
      return lecardReader(source.path);
  }
}

export function defaultSourceName(source: ReturnType<typeof ImportSource.parse>): string {
  return source.kind === 'lecard' ? 'LeCaRD' : basename(source.path.replace(/[\\/]+$/, '')) || source.path;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** The segmenter of the index; a different one means the index must be rebuilt before it is extended. */
function indexCompatible(db: Db): boolean {
  const current = segmenterName();
  const stored = repo.getMeta(db, 'segmenter');
  if (stored === null) {
    repo.setMeta(db, 'segmenter', current);
    return true;
  }
  return stored === current;
}

/**
 * Runs (or resumes) one import. Every batch commits its precedents together with the position
 * reached, so a cancel, a crash or a power cut loses nothing already imported and a resume
 * continues exactly after the last committed unit; the content hash makes re-reading harmless.
 */
export async function runImport(task: ImportTask, sink: JobSink): Promise<ImportJob> {
  const db = openDatabase(task.dbPath, { log: silentLogger, ...(task.nativeBinding ? { nativeBinding: task.nativeBinding } : {}) });
  try {
    const job = repo.getImport(db, task.importId);
    if (!job) throw new AppError('NOT_FOUND', `No import ${task.importId}`);
    const source = ImportSource.parse(task.source);
    const index = indexCompatible(db);
    const state = {
      position: job.position,
      total: null as number | null,
      inserted: job.inserted,
      duplicates: job.duplicates,
      failed: job.failed,
      issues: [...job.issues] as ImportIssue[],
    };
    const issue = (i: ImportIssue) => {
      state.failed++;
      if (state.issues.length < MAX_ISSUES) state.issues.push(i);
    };
    let reader: SourceReader;
    try {
      reader = readerFor(source);
    } catch (err) {
      const msg = err instanceof AppError ? err.message : (err as Error).message;
      repo.setImportStatus(db, task.importId, 'failed', msg, Date.now());
      throw err instanceof AppError ? err : new AppError('BAD_INPUT', msg);
    }
    state.total = reader.total;
    const batchMs = task.batchMs ?? 200;
    let pending: Array<ReturnType<typeof buildRecord>> = [];
    let pendingPosition = state.position;
    const seen = new Set<string>();
    const commit = () => {
      const now = Date.now();
      db.transaction(() => {
        for (const r of pending) {
          if (repo.insertPrecedent(db, r.write, index ? r.fts : null)) state.inserted++;
          else state.duplicates++;
        }
        state.position = pendingPosition;
        repo.saveImportProgress(db, task.importId, state, now);
      })();
      pending = [];
      seen.clear();
      sink.progress(state.position, state.total, `${state.inserted} imported, ${state.duplicates} duplicates, ${state.failed} failed`);
    };
    let last = Date.now();
    let cancelled = false;
    try {
      for await (const unit of reader.units(state.position)) {
        if ('doc' in unit) {
          try {
            const rec = buildRecord(unit.doc, {
              source: task.sourceName,
              importId: task.importId,
              defaultAuthority: task.authority,
              now: Date.now(),
              index,
            });
            // Cheap check first: a known hash skips the (rare) double work within one batch.
            if (seen.has(rec.write.contentHash) || repo.hashExists(db, rec.write.contentHash)) state.duplicates++;
            else {
              seen.add(rec.write.contentHash);
              pending.push(rec);
            }
          } catch (err) {
            if (!(err instanceof RecordError)) throw err;
            const isFile = !/^line \d+/.test(unit.doc.ref);
            const line = /^line (\d+)/.exec(unit.doc.ref)?.[1];
            issue({
              line: line ? Number(line) : null,
              file: isFile ? unit.doc.ref : null,
              message: err.message,
              code: err.code,
              ...(err.params ? { params: err.params } : {}),
            });
          }
        } else if ('issue' in unit) issue(unit.issue);
        pendingPosition = unit.position;
        if (Date.now() - last >= batchMs) {
          commit();
          await yieldToLoop();
          last = Date.now();
        }
        if (sink.cancelled()) {
          cancelled = true;
          break;
        }
      }
    } catch (err) {
      // Keep what was read so far; report the failure (e.g. a truncated gzip file) and stop.
      commit();
      const msg = err instanceof AppError ? err.message : `reading the source failed: ${(err as Error).message}`;
      repo.setImportStatus(db, task.importId, 'failed', msg, Date.now());
      return repo.getImport(db, task.importId)!;
    }
    commit();
    if (!cancelled && state.total === null) {
      state.total = state.position;
      repo.saveImportProgress(db, task.importId, state, Date.now());
    }
    if (!cancelled && state.inserted - job.inserted > 1000) {
      sink.progress(state.position, state.total, 'optimising the index');
      repo.optimizeFts(db);
    }
    if (state.inserted > job.inserted && index) {
      sink.progress(state.position, state.total, 'updating term statistics');
      repo.rebuildTermStats(db);
    }
    repo.setImportStatus(db, task.importId, cancelled ? 'cancelled' : 'done', null, Date.now());
    return repo.getImport(db, task.importId)!;
  } finally {
    db.close();
  }
}

/** Rebuilds the FTS index from the stored text (derived data) with the current segmenter. */
export async function runReindex(task: DbTarget & { batchMs?: number }, sink: JobSink): Promise<ReindexResult> {
  const t0 = Date.now();
  const db = openDatabase(task.dbPath, { log: silentLogger, ...(task.nativeBinding ? { nativeBinding: task.nativeBinding } : {}) });
  try {
    const current = segmenterName();
    if (repo.getMeta(db, 'segmenter') !== current || repo.getMeta(db, 'reindex') !== 'partial') {
      // A fresh rebuild; a rebuild interrupted earlier ('partial') continues with the rows still unindexed.
      db.transaction(() => {
        repo.clearFts(db);
        repo.setMeta(db, 'segmenter', current);
        repo.setMeta(db, 'reindex', 'partial');
      })();
    }
    const total = repo.countPrecedents(db);
    let done = total - repo.countUnindexed(db);
    let after = 0;
    const batchMs = task.batchMs ?? 200;
    let last = Date.now();
    for (;;) {
      if (sink.cancelled()) throw new AppError('CANCELLED', 'Reindex cancelled; run it again to continue');
      const rows = repo.unindexedBatch(db, after, 100);
      if (rows.length === 0) break;
      db.transaction(() => {
        for (const r of rows) {
          repo.insertFts(db, r.id, ftsColumnsOf(r.title, JSON.parse(r.causes) as string[], r));
          repo.markIndexed(db, r.id);
          after = r.id;
          done++;
        }
      })();
      sink.progress(done, total, `${done} of ${total} indexed`);
      if (Date.now() - last >= batchMs) {
        await yieldToLoop();
        last = Date.now();
      }
    }
    repo.optimizeFts(db);
    repo.rebuildTermStats(db);
    repo.setMeta(db, 'reindex', 'complete');
    return { indexed: done, segmenter: current, ms: Date.now() - t0 };
  } finally {
    db.close();
  }
}
