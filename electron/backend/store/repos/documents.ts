import type { DocumentMeta } from '../../../../shared/contract/cases';
import type { Db } from '../db';

const META_COLUMNS = `id, case_id AS caseId, title, kind, filename, mime, size, sha256,
  length(text) AS textLength, text_note AS textNote, created_at AS createdAt`;

export function listDocuments(db: Db, caseId: string): DocumentMeta[] {
  return db
    .prepare(`SELECT ${META_COLUMNS} FROM documents WHERE case_id = ? ORDER BY created_at, rowid`)
    .all(caseId) as DocumentMeta[];
}

export function getDocumentMeta(db: Db, id: string): DocumentMeta | null {
  return (db.prepare(`SELECT ${META_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocumentMeta | undefined) ?? null;
}

export function getDocumentText(db: Db, id: string): string | null {
  const row = db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
  return row?.text ?? null;
}

export function getDocumentBytes(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT bytes FROM document_blobs WHERE document_id = ?').get(id) as
    | { bytes: Buffer }
    | undefined;
  return row?.bytes ?? null;
}

export function findDocumentByHash(db: Db, caseId: string, sha256: string): DocumentMeta | null {
  return (
    (db.prepare(`SELECT ${META_COLUMNS} FROM documents WHERE case_id = ? AND sha256 = ?`).get(caseId, sha256) as
      | DocumentMeta
      | undefined) ?? null
  );
}

export interface DocumentWrite {
  readonly id: string;
  readonly caseId: string;
  readonly title: string;
  readonly kind: string;
  readonly filename: string;
  readonly mime: string;
  readonly sha256: string;
  readonly bytes: Buffer;
  readonly text: string;
  readonly textNote: string;
  readonly createdAt: number;
}

export function insertDocument(db: Db, d: DocumentWrite): void {
  db.prepare(
    `INSERT INTO documents (id, case_id, title, kind, filename, mime, size, sha256, text, text_note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.caseId, d.title, d.kind, d.filename, d.mime, d.bytes.length, d.sha256, d.text, d.textNote, d.createdAt);
  db.prepare('INSERT INTO document_blobs (document_id, bytes) VALUES (?, ?)').run(d.id, d.bytes);
}

export function deleteDocument(db: Db, id: string): void {
  db.prepare('DELETE FROM documents WHERE id = ?').run(id);
}
