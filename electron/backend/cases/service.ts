import { createHash } from 'node:crypto';
import type { CaseDetail, CaseInputParsed } from '../../../shared/contract/cases';
import type { Handlers } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { duplicateOf, prepareDocument, storeDocument } from '../documents/add';
import { fieldRefusal } from '../intake/errors';
import { localDate } from '../intake/lifecycle';
import { checkRecordsAgainstFiling, recomputeDeadlines, refee, registeredFacts } from '../intake/recompute';
import type { Db } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as docsRepo from '../store/repos/documents';
import { getFee, listConversions } from '../store/repos/intake';
import { listAudit } from '../store/repos/audit';

type CaseMethods =
  | 'cases.list'
  | 'cases.get'
  | 'cases.create'
  | 'cases.update'
  | 'cases.archive'
  | 'cases.restore'
  | 'cases.audit'
  | 'documents.add'
  | 'documents.text'
  | 'documents.content'
  | 'documents.remove';

const SCALAR_FIELDS = [
  'caseNumber',
  'title',
  'causeOfAction',
  'procedure',
  'stage',
  'filedOn',
  'judge',
  'clerk',
  'summary',
] as const;

/** What an edit changed, in terms a reviewer of the audit trail can follow. */
export function describeChange(before: CaseDetail, after: CaseInputParsed): Record<string, unknown> {
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of SCALAR_FIELDS) {
    if (before[f] !== after[f]) {
      fields[f] = f === 'summary' ? { from: `${before[f].length} chars`, to: `${after[f].length} chars` } : { from: before[f], to: after[f] };
    }
  }
  const beforeNames = before.parties.map((p) => `${p.role}:${p.name}`);
  const afterNames = after.parties.map((p) => `${p.role}:${p.name}`);
  const partiesAdded = afterNames.filter((n) => !beforeNames.includes(n));
  const partiesRemoved = beforeNames.filter((n) => !afterNames.includes(n));
  const partiesEdited =
    JSON.stringify(before.parties.map(({ id: _id, agents, ...p }) => ({ ...p, agents: agents.map(({ id: _a, ...a }) => a) }))) !==
    JSON.stringify(after.parties.map(({ id: _id, agents, ...p }) => ({ ...p, agents: agents.map(({ id: _a, ...a }) => a) })));
  const claimsChanged =
    JSON.stringify(before.claims.map((c) => [c.text, c.amountFen])) !==
    JSON.stringify(after.claims.map((c) => [c.text, c.amountFen]));
  return {
    fields,
    ...(partiesAdded.length ? { partiesAdded } : {}),
    ...(partiesRemoved.length ? { partiesRemoved } : {}),
    ...(partiesEdited ? { partiesEdited: true } : {}),
    ...(claimsChanged ? { claims: after.claims.length } : {}),
  };
}

/** Whether an edit touches what the computed deadlines depend on: the filing date, the procedure, the parties. */
function deadlineFactsChanged(before: CaseDetail, after: CaseInputParsed): boolean {
  const parties = (ps: ReadonlyArray<{ id?: string | undefined; role: string; name: string }>) => JSON.stringify(ps.map((p) => [p.id ?? null, p.role, p.name]));
  return before.filedOn !== after.filedOn || before.procedure !== after.procedure || parties(before.parties) !== parties(after.parties);
}

/**
 * What an edit of a registered case may not do to the facts its deadlines rest on. The filing date
 * and procedure stay set (the case number, fee and trial limit follow from them); after a
 * conversion ruling the procedure is the ruling's (CPL arts. 169, 170), not an edit's.
 */
function checkRegisteredEdit(db: Db, before: CaseDetail, input: CaseInputParsed): void {
  if (input.filedOn === null) {
    throw fieldRefusal('case.filedOn', 'a registered case keeps its filing date (立案日期)', '已立案的案件必须有立案日期');
  }
  if (input.procedure === null) {
    throw fieldRefusal('case.procedure', 'a registered case keeps its procedure', '已立案的案件必须有审理程序');
  }
  if (input.procedure !== before.procedure && listConversions(db, before.id).length > 0) {
    throw fieldRefusal(
      'case.procedure',
      'the procedure was set by a conversion ruling (CPL arts. 169, 170) and is not changed by an edit',
      '审理程序已由程序转换裁定确定（民事诉讼法第一百六十九条、第一百七十条），不能通过编辑案件更改',
    );
  }
  if (input.filedOn !== before.filedOn) checkRecordsAgainstFiling(db, before.id, input.filedOn, 'case.filedOn');
}

function mustGet(db: Db, id: string): CaseDetail {
  const c = casesRepo.getCase(db, id);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${id}`);
  return c;
}

/** A unique index guards case numbers; turn its violation into a message a clerk understands. */
function guardUnique<T>(fn: () => T, caseNumber: string): T {
  try {
    return fn();
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('CONFLICT', `Case number ${caseNumber} already belongs to another case`, {
        issues: [{ path: 'caseNumber', message: 'already used by another case' }],
      });
    }
    throw err;
  }
}

export function caseHandlers(ctx: BackendContext): Pick<Handlers, CaseMethods> {
  const { db } = ctx;
  const changed = (caseId: string | null) => ctx.events.emit('cases.changed', { caseId });

  const stale = (id: string): AppError => {
    const current = casesRepo.getCase(db, id);
    return current
      ? new AppError('CONFLICT', 'This case was changed by someone else since you opened it; reload to see the latest version', {
          currentVersion: current.version,
        })
      : new AppError('NOT_FOUND', `No case with id ${id}`);
  };

  return {
    'cases.list': (q) => casesRepo.listCases(db, q),
    'cases.get': ({ id }) => mustGet(db, id),
    'cases.create': (input) => {
      const now = ctx.now();
      const id = guardUnique(
        () =>
          db.transaction(() => {
            const newId = casesRepo.insertCase(db, input, now);
            writeAudit(db, {
              at: now,
              actor: ctx.actor(),
              action: 'case.create',
              entity: 'case',
              entityId: newId,
              caseId: newId,
              detail: { caseNumber: input.caseNumber, parties: input.parties.map((p) => p.name) },
            });
            return newId;
          })(),
        input.caseNumber,
      );
      changed(id);
      return mustGet(db, id);
    },
    'cases.update': ({ id, version, case: input }) => {
      const now = ctx.now();
      guardUnique(
        () =>
          db.transaction(() => {
            const before = mustGet(db, id);
            const recompute = registeredFacts(before) !== null && deadlineFactsChanged(before, input);
            if (recompute) checkRegisteredEdit(db, before, input);
            if (!casesRepo.updateCase(db, id, version, input, now)) throw stale(id);
            const detail = describeChange(before, input);
            if (recompute) {
              // The deadlines were computed from the filing date, procedure and parties: recompute them
              // with the edit, in this transaction, so they are never stale (a refusal rolls back the edit).
              const after = mustGet(db, id);
              const fee = before.procedure !== input.procedure && input.procedure !== null ? refee(db, id, input.procedure, now) : null;
              const field = before.filedOn !== input.filedOn ? 'case.filedOn' : before.procedure !== input.procedure ? 'case.procedure' : 'case.parties';
              const outcome = recomputeDeadlines(db, after, { fee: fee?.after ?? getFee(db, id), today: localDate(now), at: now, field });
              detail['deadlines'] = outcome.changed;
              if (outcome.keptDone.length > 0) detail['keptDone'] = outcome.keptDone;
              if (fee !== null && fee.before.feeFen !== fee.after.feeFen) detail['fee'] = { from: fee.before.fee, to: fee.after.fee };
            }
            writeAudit(db, {
              at: now,
              actor: ctx.actor(),
              action: 'case.update',
              entity: 'case',
              entityId: id,
              caseId: id,
              detail,
            });
          })(),
        input.caseNumber,
      );
      changed(id);
      return mustGet(db, id);
    },
    'cases.archive': ({ id, version }) => setArchived(ctx, id, version, true, stale),
    'cases.restore': ({ id, version }) => setArchived(ctx, id, version, false, stale),
    'cases.audit': ({ caseId, page, pageSize }) => {
      if (!casesRepo.caseExists(db, caseId)) throw new AppError('NOT_FOUND', `No case with id ${caseId}`);
      return listAudit(db, { caseId, page, pageSize });
    },

    'documents.add': async (input) => {
      if (!casesRepo.caseExists(db, input.caseId)) throw new AppError('NOT_FOUND', `No case with id ${input.caseId}`);
      const bytes = Buffer.from(input.contentBase64, 'base64');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = duplicateOf(ctx, input.caseId, sha256);
      if (existing) {
        throw new AppError('CONFLICT', `This file is already in the case file as "${existing.title}"`, {
          reason: 'duplicate',
          documentId: existing.id,
        });
      }
      // Extraction may be slow (a long PDF) and must finish before the write transaction opens.
      const prepared = await prepareDocument(bytes, input.filename, input.mime);
      const now = ctx.now();
      const id = db.transaction(() => storeDocument(ctx, input.caseId, prepared, { title: input.title, kind: input.kind, now }))();
      changed(input.caseId);
      const meta = docsRepo.getDocumentMeta(db, id);
      if (!meta) throw new AppError('INTERNAL', 'Document vanished after saving');
      return meta;
    },
    'documents.text': ({ id }) => {
      const meta = docsRepo.getDocumentMeta(db, id);
      if (!meta) throw new AppError('NOT_FOUND', `No document with id ${id}`);
      return { meta, text: docsRepo.getDocumentText(db, id) ?? '' };
    },
    'documents.content': ({ id }) => {
      const meta = docsRepo.getDocumentMeta(db, id);
      const bytes = docsRepo.getDocumentBytes(db, id);
      if (!meta || !bytes) throw new AppError('NOT_FOUND', `No document with id ${id}`);
      return { meta, contentBase64: bytes.toString('base64') };
    },
    'documents.remove': ({ id }) => {
      const meta = docsRepo.getDocumentMeta(db, id);
      if (!meta) throw new AppError('NOT_FOUND', `No document with id ${id}`);
      const now = ctx.now();
      db.transaction(() => {
        docsRepo.deleteDocument(db, id);
        casesRepo.touchCase(db, meta.caseId, now);
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'document.remove',
          entity: 'document',
          entityId: id,
          caseId: meta.caseId,
          detail: { filename: meta.filename, sha256: meta.sha256 },
        });
      })();
      changed(meta.caseId);
      return null;
    },
  };
}

function setArchived(
  ctx: BackendContext,
  id: string,
  version: number,
  archived: boolean,
  stale: (id: string) => AppError,
): CaseDetail {
  const now = ctx.now();
  ctx.db.transaction(() => {
    if (!casesRepo.setArchived(ctx.db, id, version, archived, now)) throw stale(id);
    writeAudit(ctx.db, {
      at: now,
      actor: ctx.actor(),
      action: archived ? 'case.archive' : 'case.restore',
      entity: 'case',
      entityId: id,
      caseId: id,
      detail: {},
    });
  })();
  ctx.events.emit('cases.changed', { caseId: id });
  return mustGet(ctx.db, id);
}
