import type { Draft, DraftKind, DraftOptions, DraftSection, DraftSummary, HistoryEntry, SectionSource } from '../../../../shared/contract/drafting';
import type { Db } from '../db';

interface DraftRow {
  id: string;
  case_id: string;
  kind: DraftKind;
  name: string;
  document_date: string;
  options: string;
  template_version: number;
  sections: string;
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string;
}

export interface StoredDraft extends Draft {
  readonly options: DraftOptions;
}

function toDraft(r: DraftRow): StoredDraft {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    name: r.name,
    documentDate: r.document_date,
    options: JSON.parse(r.options) as DraftOptions,
    templateVersion: r.template_version,
    sections: JSON.parse(r.sections) as DraftSection[],
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function getDraft(db: Db, id: string): StoredDraft | null {
  const r = db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
  return r ? toDraft(r) : null;
}

export function listDrafts(db: Db, caseId: string): DraftSummary[] {
  const rows = db.prepare('SELECT * FROM drafts WHERE case_id = ? ORDER BY updated_at DESC, id').all(caseId) as DraftRow[];
  return rows.map((r) => {
    const d = toDraft(r);
    return {
      id: d.id,
      caseId: d.caseId,
      kind: d.kind,
      name: d.name,
      documentDate: d.documentDate,
      version: d.version,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
      needsInput: d.sections.filter((s) => s.needsInput).length,
    };
  });
}

/** The newest draft of a kind for a case (the CLI reuses it rather than starting again). */
export function latestDraftOfKind(db: Db, caseId: string, kind: DraftKind): string | null {
  const r = db
    .prepare('SELECT id FROM drafts WHERE case_id = ? AND kind = ? ORDER BY updated_at DESC, id LIMIT 1')
    .get(caseId, kind) as { id: string } | undefined;
  return r?.id ?? null;
}

export interface HistoryWrite {
  readonly action: string;
  readonly sectionId: string | null;
  readonly source: SectionSource | null;
}

function snapshot(db: Db, d: StoredDraft, h: HistoryWrite): void {
  db.prepare(
    `INSERT INTO draft_versions (draft_id, version, at, actor, action, section_id, source, document_date, sections)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.version, d.updatedAt, d.updatedBy, h.action, h.sectionId, h.source, d.documentDate, JSON.stringify(d.sections));
}

export function insertDraft(db: Db, d: StoredDraft): void {
  db.prepare(
    `INSERT INTO drafts (id, case_id, kind, name, document_date, options, template_version, sections, version, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.caseId,
    d.kind,
    d.name,
    d.documentDate,
    JSON.stringify(d.options),
    d.templateVersion,
    JSON.stringify(d.sections),
    d.version,
    d.createdAt,
    d.updatedAt,
    d.updatedBy,
  );
  snapshot(db, d, { action: 'create', sectionId: null, source: null });
}

/** Autosave bursts: the same person editing the same section within this window keeps one history row. */
export const COALESCE_MS = 120_000;

/**
 * Writes a new version when `expectedVersion` is current (false otherwise) and records it in the
 * history. Consecutive edits of one section by one person within COALESCE_MS replace the previous
 * history row, so autosave does not bury the meaningful versions.
 */
export function updateDraft(db: Db, d: StoredDraft, expectedVersion: number, h: HistoryWrite): boolean {
  const res = db
    .prepare(
      `UPDATE drafts SET sections = ?, document_date = ?, version = ?, updated_at = ?, updated_by = ?
       WHERE id = ? AND version = ?`,
    )
    .run(JSON.stringify(d.sections), d.documentDate, d.version, d.updatedAt, d.updatedBy, d.id, expectedVersion);
  if (res.changes === 0) return false;
  if (h.action === 'edit') {
    const last = db
      .prepare('SELECT version, at, actor, action, section_id FROM draft_versions WHERE draft_id = ? ORDER BY version DESC LIMIT 1')
      .get(d.id) as { version: number; at: number; actor: string; action: string; section_id: string | null } | undefined;
    if (
      last &&
      last.version === expectedVersion &&
      last.action === 'edit' &&
      last.actor === d.updatedBy &&
      last.section_id === h.sectionId &&
      d.updatedAt - last.at < COALESCE_MS
    ) {
      db.prepare('DELETE FROM draft_versions WHERE draft_id = ? AND version = ?').run(d.id, last.version);
    }
  }
  snapshot(db, d, h);
  return true;
}

export function deleteDraft(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM drafts WHERE id = ?').run(id).changes > 0;
}

export function listHistory(db: Db, draftId: string): HistoryEntry[] {
  const rows = db
    .prepare('SELECT version, at, actor, action, section_id, source FROM draft_versions WHERE draft_id = ? ORDER BY version DESC')
    .all(draftId) as Array<{ version: number; at: number; actor: string; action: string; section_id: string | null; source: SectionSource | null }>;
  return rows.map((r) => ({ version: r.version, at: r.at, actor: r.actor, action: r.action, sectionId: r.section_id, source: r.source }));
}

export function getVersion(db: Db, draftId: string, version: number): { sections: DraftSection[]; documentDate: string } | null {
  const r = db.prepare('SELECT sections, document_date FROM draft_versions WHERE draft_id = ? AND version = ?').get(draftId, version) as
    | { sections: string; document_date: string }
    | undefined;
  return r ? { sections: JSON.parse(r.sections) as DraftSection[], documentDate: r.document_date } : null;
}

/** Precedents in the imported library with this case number (the precedents table belongs to precedents/). */
export function findPrecedentsByCaseNumber(db: Db, caseNumber: string): Array<{ id: number; court: string; title: string }> {
  return db
    .prepare('SELECT id, court, title FROM precedents WHERE case_number = ? LIMIT 5')
    .all(caseNumber) as Array<{ id: number; court: string; title: string }>;
}

export function precedentLibrarySize(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM precedents LIMIT 1)').get() as { n: number }).n;
}

export function statuteLibrarySize(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM statute_laws LIMIT 1)').get() as { n: number }).n;
}
