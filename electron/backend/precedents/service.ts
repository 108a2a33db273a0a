import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Handlers } from '../../../shared/contract/methods';
import {
  ImportSource,
  PRECEDENT_OP_KINDS,
  type ForCaseOutput,
  type ImportJob,
  type StatuteImportResult,
} from '../../../shared/contract/precedents';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { getCase } from '../store/repos/cases';
import { getDocumentText } from '../store/repos/documents';
import * as repo from '../store/repos/precedents';
import { defaultSourceName } from './indexer';
import { runImportJob, runReindexJob } from './runner';
import { detailOf, search } from './search';
import { segmenterName } from './segment';
import { citeText, getArticle, importStatutes, pushStatutes, searchStatutes } from './statutes';
import { listLaws } from '../store/repos/statutes';

type PrecedentMethod = Extract<keyof Handlers, `precedents.${string}` | `statutes.${string}`>;

export interface PrecedentOptions {
  /** better-sqlite3 binary for the worker's own connection (Electron ABI), as given to createBackend. */
  readonly nativeBinding?: string | undefined;
}

/** Text of a case used for 类案推送 / 法条推送: cause, claims, summary, then documents (bounded). */
export function caseQueryText(ctx: BackendContext, caseId: string): { cause: string; text: string; built: ForCaseOutput['builtFrom'] } {
  const c = getCase(ctx.db, caseId);
  if (!c) throw new AppError('NOT_FOUND', `No case ${caseId}`);
  const parts = [c.causeOfAction, ...c.claims.map((cl) => cl.text), c.summary];
  let docs = 0;
  let budget = 6000;
  for (const d of c.documents) {
    if (budget <= 0) break;
    const t = getDocumentText(ctx.db, d.id) ?? '';
    if (!t.trim()) continue;
    docs++;
    parts.push(t.slice(0, Math.min(budget, 3000)));
    budget -= Math.min(t.length, 3000);
  }
  const text = parts.filter((p) => p.trim()).join('\n');
  return {
    cause: c.causeOfAction,
    text,
    built: { cause: c.causeOfAction, claims: c.claims.length, summaryChars: c.summary.length, documents: docs, queryChars: text.length },
  };
}

export function precedentHandlers(ctx: BackendContext, options: PrecedentOptions = {}): Pick<Handlers, PrecedentMethod> {
  const db = ctx.db;
  // Rows left 'running' by a process that died can be resumed; say so instead of showing them as running.
  repo.markStaleImportsInterrupted(db, ctx.now());
  let busy: string | null = null;
  const target = { dbPath: ctx.dbPath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };

  const claim = (what: string) => {
    if (busy) throw new AppError('CONFLICT', `${busy} is running; wait for it to finish or cancel it`);
    busy = what;
  };

  return {
    'precedents.import.start': (input) => {
      const source = ImportSource.parse({ ...input.source, path: resolve(input.source.path) });
      if (!existsSync(source.path)) throw new AppError('NOT_FOUND', `Not found: ${source.path}`);
      let importId: string;
      let sourceName: string;
      if (input.resumeImportId) {
        const job = repo.getImport(db, input.resumeImportId);
        if (!job) throw new AppError('NOT_FOUND', `No import ${input.resumeImportId}`);
        if (job.status === 'done') throw new AppError('CONFLICT', 'That import already finished; start a new one to add more');
        if (job.kind !== source.kind || resolve(job.path) !== source.path) {
          throw new AppError('BAD_INPUT', `Import ${job.id} was from ${job.path}; resume it with the same source`);
        }
        importId = job.id;
        sourceName = job.sourceName;
      } else {
        importId = randomUUID();
        sourceName = input.sourceName?.trim() || defaultSourceName(source);
      }
      claim('An import');
      if (input.resumeImportId) repo.setImportStatus(db, importId, 'running', null, ctx.now());
      else {
        repo.createImport(db, {
          id: importId,
          kind: source.kind,
          path: source.path,
          spec: JSON.stringify({ source, authority: input.authority }),
          sourceName,
          now: ctx.now(),
        });
      }
      const { opId } = ctx.ops.start(PRECEDENT_OP_KINDS.import, async (op) => {
        try {
          const job = (await runImportJob(
            { ...target, importId, source, sourceName, authority: input.authority },
            op,
          )) as ImportJob;
          if (job.status === 'cancelled') {
            throw new AppError('CANCELLED', `Import cancelled after ${job.position} item(s); ${job.inserted} imported. Resume with resumeImportId ${job.id}`);
          }
          if (job.status === 'failed') throw new AppError('BAD_INPUT', job.error ?? 'Import failed');
          return job;
        } catch (err) {
          const now = repo.getImport(db, importId);
          if (now?.status === 'running') repo.setImportStatus(db, importId, op.signal.aborted ? 'cancelled' : 'interrupted', err instanceof Error ? err.message : String(err), ctx.now());
          throw err;
        } finally {
          busy = null;
        }
      });
      return { opId, importId };
    },
    'precedents.import.list': () => ({ items: repo.listImports(db) }),
    'precedents.import.get': ({ importId }) => {
      const job = repo.getImport(db, importId);
      if (!job) throw new AppError('NOT_FOUND', `No import ${importId}`);
      return job;
    },
    'precedents.import.remove': ({ importId }) => {
      if (!repo.getImport(db, importId)) throw new AppError('NOT_FOUND', `No import ${importId}`);
      if (busy) throw new AppError('CONFLICT', `${busy} is running; try again when it has finished`);
      return { removed: repo.removeImportRows(db, importId) };
    },
    'precedents.search': (input) =>
      search(db, input.query, { filters: input.filters, limit: input.limit, offset: input.offset, cause: input.cause }),
    'precedents.forCase': (input) => {
      const q = caseQueryText(ctx, input.caseId);
      const out = search(db, q.text, { filters: input.filters, limit: input.limit, offset: 0, cause: q.cause || undefined });
      if (!q.text.trim()) out.queryInfo.note = '该案件还没有案由、诉讼请求、案情摘要或文书内容，无法推送类案';
      return { ...out, builtFrom: q.built };
    },
    'precedents.get': ({ id }) => {
      const row = repo.getPrecedentByUid(db, id);
      if (!row) throw new AppError('NOT_FOUND', `No precedent ${id}`);
      return detailOf(row);
    },
    'precedents.stats': () => {
      const indexed = repo.getMeta(db, 'segmenter');
      const current = segmenterName();
      return {
        ...repo.precedentStats(db),
        index: {
          segmenter: current,
          indexedSegmenter: indexed,
          needsReindex: (indexed !== null && indexed !== current) || repo.countUnindexed(db) > 0,
        },
      };
    },
    'precedents.reindex': () => {
      claim('A reindex');
      const { opId } = ctx.ops.start(PRECEDENT_OP_KINDS.reindex, async (op) => {
        try {
          return await runReindexJob(target, op);
        } finally {
          busy = null;
        }
      });
      return { opId };
    },

    'statutes.import.start': ({ path }) => {
      const p = resolve(path);
      if (!existsSync(p)) throw new AppError('NOT_FOUND', `Not found: ${p}`);
      const { opId } = ctx.ops.start(PRECEDENT_OP_KINDS.statutes, async (op): Promise<StatuteImportResult> =>
        importStatutes(db, p, { now: ctx.now(), progress: (d, t, m) => op.progress(d, t, m), cancelled: () => op.signal.aborted }),
      );
      return { opId };
    },
    'statutes.laws': ({ query }) => ({ items: listLaws(db, query) }),
    'statutes.article': ({ law, number, sub, asOf }) => getArticle(db, law, number, sub, asOf),
    'statutes.cite': ({ text, asOf }) => ({ citations: citeText(db, text, asOf) }),
    'statutes.search': ({ query, limit }) => {
      const r = searchStatutes(db, query, limit);
      return { items: r.items.map(({ bm25: _b, ...a }) => a), note: r.note };
    },
    'statutes.forCase': ({ caseId, limit, asOf }) => {
      const q = caseQueryText(ctx, caseId);
      const c = getCase(db, caseId);
      return { cause: q.cause, items: pushStatutes(db, q.cause, q.text, limit, asOf ?? c?.filedOn ?? undefined) };
    },
  };
}
