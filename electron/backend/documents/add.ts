import { createHash, randomUUID } from 'node:crypto';
import type { DocumentMeta } from '../../../shared/contract/cases';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as docsRepo from '../store/repos/documents';
import { extractText } from './extract';

/**
 * Adding a document is split in two so several files can be saved in one transaction
 * (intake.importFiling): the slow part (hashing, text extraction) runs first, outside any
 * transaction; the write is synchronous and runs inside the caller's.
 */
export interface PreparedDocument {
  readonly filename: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly text: string;
  readonly textNote: string;
  readonly mime: string;
}

export async function prepareDocument(bytes: Buffer, filename: string, mime = ''): Promise<PreparedDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const extracted = await extractText(bytes, filename);
  return { filename, bytes, sha256, text: extracted.text, textNote: extracted.note, mime: mime || extracted.mime };
}

/** The document of this case with the same bytes, if any (a file is kept once per case). */
export function duplicateOf(ctx: BackendContext, caseId: string, sha256: string): DocumentMeta | null {
  return docsRepo.findDocumentByHash(ctx.db, caseId, sha256);
}

/** Writes a prepared document with its audit row. Call inside a transaction; returns the new id. */
export function storeDocument(
  ctx: BackendContext,
  caseId: string,
  doc: PreparedDocument,
  options: { title?: string; kind?: string; now: number },
): string {
  if (!casesRepo.caseExists(ctx.db, caseId)) throw new AppError('NOT_FOUND', `No case with id ${caseId}`);
  const existing = docsRepo.findDocumentByHash(ctx.db, caseId, doc.sha256);
  if (existing) {
    throw new AppError('CONFLICT', `This file is already in the case file as "${existing.title}"`, {
      reason: 'duplicate',
      documentId: existing.id,
    });
  }
  const id = randomUUID();
  const title = options.title?.trim() || doc.filename.replace(/\.[^.]+$/, '');
  docsRepo.insertDocument(ctx.db, {
    id,
    caseId,
    title,
    kind: options.kind ?? 'other',
    filename: doc.filename,
    mime: doc.mime,
    sha256: doc.sha256,
    bytes: doc.bytes,
    text: doc.text,
    textNote: doc.textNote,
    createdAt: options.now,
  });
  casesRepo.touchCase(ctx.db, caseId, options.now);
  writeAudit(ctx.db, {
    at: options.now,
    actor: ctx.actor(),
    action: 'document.add',
    entity: 'document',
    entityId: id,
    caseId,
    detail: { filename: doc.filename, size: doc.bytes.length, sha256: doc.sha256 },
  });
  return id;
}
