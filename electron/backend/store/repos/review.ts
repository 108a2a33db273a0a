import type {
  DocumentCategory,
  ElementsAnalysis,
  EvidenceItem,
  Summary,
  TimelineEvent,
  TimelineProblem,
} from '../../../../shared/contract/review';
import type { z } from 'zod';
import { assignments, columnNames, columnValues, placeholders, type Columns } from '../columns';
import type { Db } from '../db';

// ---------------------------------------------------------------------------------------------
// Case file
// ---------------------------------------------------------------------------------------------

export interface ClassificationRow {
  readonly documentId: string;
  readonly caseId: string;
  readonly category: DocumentCategory;
  readonly ruleCategory: DocumentCategory;
  readonly confidence: number;
  readonly reason: string;
  readonly source: 'rule' | 'clerk';
  readonly position: number | null;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

const CLASS_COLUMNS = `document_id AS documentId, case_id AS caseId, category, rule_category AS ruleCategory,
  confidence, reason, source, position, updated_at AS updatedAt, updated_by AS updatedBy`;

export function listClassifications(db: Db, caseId: string): ClassificationRow[] {
  return db.prepare(`SELECT ${CLASS_COLUMNS} FROM review_documents WHERE case_id = ?`).all(caseId) as ClassificationRow[];
}

export function getClassification(db: Db, documentId: string): ClassificationRow | null {
  return (db.prepare(`SELECT ${CLASS_COLUMNS} FROM review_documents WHERE document_id = ?`).get(documentId) as ClassificationRow | undefined) ?? null;
}

/** Inserts or replaces a document's classification (position is kept unless given). */
export function putClassification(db: Db, r: Omit<ClassificationRow, 'position'> & { position?: number | null }): void {
  db.prepare(
    `INSERT INTO review_documents (document_id, case_id, category, rule_category, confidence, reason, source, position, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET category = excluded.category, rule_category = excluded.rule_category,
       confidence = excluded.confidence, reason = excluded.reason, source = excluded.source,
       position = COALESCE(excluded.position, review_documents.position),
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(r.documentId, r.caseId, r.category, r.ruleCategory, r.confidence, r.reason, r.source, r.position ?? null, r.updatedAt, r.updatedBy);
}

export function setPositions(db: Db, ordered: readonly string[]): void {
  const st = db.prepare('UPDATE review_documents SET position = ? WHERE document_id = ?');
  ordered.forEach((id, i) => st.run(i + 1, id));
}

// ---------------------------------------------------------------------------------------------
// Evidence
// ---------------------------------------------------------------------------------------------

interface EvidenceRow {
  id: string;
  case_id: string;
  seq: number;
  submitted_by: string | null;
  submitted_by_name: string;
  name: string;
  source: string;
  purpose: string;
  page_refs: string;
  document_id: string | null;
  cross_exam: string;
  finding: string;
  origin: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string;
}

/** The stored part of an item; the service adds the submitter's current role and presence. */
export type StoredEvidence = Omit<EvidenceItem, 'submittedByRole' | 'submitterMissing'>;

function toEvidence(r: EvidenceRow): StoredEvidence {
  return {
    id: r.id,
    caseId: r.case_id,
    seq: r.seq,
    submittedBy: r.submitted_by,
    submittedByName: r.submitted_by_name,
    name: r.name,
    source: r.source,
    purpose: r.purpose,
    pageRefs: r.page_refs,
    documentId: r.document_id,
    crossExam: JSON.parse(r.cross_exam) as EvidenceItem['crossExam'],
    finding: JSON.parse(r.finding) as EvidenceItem['finding'],
    origin: r.origin === null ? null : (JSON.parse(r.origin) as EvidenceItem['origin']),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function listEvidence(db: Db, caseId: string): StoredEvidence[] {
  return (db.prepare('SELECT * FROM evidence_items WHERE case_id = ? ORDER BY seq, created_at').all(caseId) as EvidenceRow[]).map(toEvidence);
}

export function getEvidence(db: Db, id: string): StoredEvidence | null {
  const r = db.prepare('SELECT * FROM evidence_items WHERE id = ?').get(id) as EvidenceRow | undefined;
  return r ? toEvidence(r) : null;
}

export function nextEvidenceSeq(db: Db, caseId: string): number {
  const r = db.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM evidence_items WHERE case_id = ?').get(caseId) as { m: number };
  return r.m + 1;
}

export interface EvidenceWrite {
  readonly submittedBy: string | null;
  readonly submittedByName: string;
  readonly name: string;
  readonly source: string;
  readonly purpose: string;
  readonly pageRefs: string;
  readonly documentId: string | null;
  readonly crossExam: EvidenceItem['crossExam'];
  readonly finding: EvidenceItem['finding'];
}

/** What both an insert and an update write; case, seq and origin are set on insert only. */
function evidenceColumns(row: EvidenceWrite): Columns {
  return [
    ['submitted_by', row.submittedBy],
    ['submitted_by_name', row.submittedByName],
    ['name', row.name],
    ['source', row.source],
    ['purpose', row.purpose],
    ['page_refs', row.pageRefs],
    ['document_id', row.documentId],
    ['cross_exam', JSON.stringify(row.crossExam)],
    ['finding', JSON.stringify(row.finding)],
  ];
}

export function insertEvidence(
  db: Db,
  row: EvidenceWrite & { id: string; caseId: string; seq: number; origin: EvidenceItem['origin']; at: number; by: string },
): void {
  const body = evidenceColumns(row);
  db.prepare(
    `INSERT INTO evidence_items (id, case_id, seq, ${columnNames(body)}, origin, version, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ${placeholders(body)}, ?, 1, ?, ?, ?)`,
  ).run(row.id, row.caseId, row.seq, ...columnValues(body), row.origin === null ? null : JSON.stringify(row.origin), row.at, row.at, row.by);
}

/** false when `version` is stale (or the item is gone). */
export function updateEvidence(db: Db, id: string, version: number, row: EvidenceWrite & { at: number; by: string }): boolean {
  const body = evidenceColumns(row);
  return (
    db
      .prepare(
        `UPDATE evidence_items SET ${assignments(body)}, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?`,
      )
      .run(...columnValues(body), row.at, row.by, id, version).changes > 0
  );
}

export function deleteEvidence(db: Db, id: string, version: number): boolean {
  return db.prepare('DELETE FROM evidence_items WHERE id = ? AND version = ?').run(id, version).changes > 0;
}

export function setEvidenceSeq(db: Db, ordered: readonly string[], at: number): void {
  // Two passes: seq has no unique index, but keeping numbers distinct at every step costs nothing.
  const st = db.prepare('UPDATE evidence_items SET seq = ?, updated_at = ? WHERE id = ?');
  ordered.forEach((id, i) => st.run(i + 1, at, id));
}

// ---------------------------------------------------------------------------------------------
// Summaries
// ---------------------------------------------------------------------------------------------

export function putSummary(db: Db, s: Summary): void {
  db.prepare(
    `INSERT INTO review_summaries (case_id, document_key, data, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id, document_key) DO UPDATE SET data = excluded.data, created_at = excluded.created_at`,
  ).run(s.caseId, s.documentId ?? '', JSON.stringify(s), s.createdAt);
}

export function getSummary(db: Db, caseId: string, documentId: string | null): Summary | null {
  const r = db.prepare('SELECT data FROM review_summaries WHERE case_id = ? AND document_key = ?').get(caseId, documentId ?? '') as
    | { data: string }
    | undefined;
  return r ? (JSON.parse(r.data) as Summary) : null;
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

interface EventRow {
  id: string;
  case_id: string;
  date: string;
  precision: 'day' | 'month';
  text: string;
  origin: 'rule' | 'clerk';
  date_text: string;
  relative: number;
  document_id: string | null;
  document_title: string;
  span_start: number | null;
  span_end: number | null;
  quote: string;
  event_start: number | null;
  event_end: number | null;
  dismissed: number;
  version: number;
  updated_at: number;
  updated_by: string;
}

function toEvent(r: EventRow): TimelineEvent {
  return {
    id: r.id,
    caseId: r.case_id,
    date: r.date,
    precision: r.precision,
    text: r.text,
    origin: r.origin,
    dateText: r.date_text,
    relative: r.relative === 1,
    source:
      r.document_id !== null && r.span_start !== null && r.span_end !== null
        ? { documentId: r.document_id, documentTitle: r.document_title, start: r.span_start, end: r.span_end, quote: r.quote }
        : null,
    eventSpan: r.event_start !== null && r.event_end !== null ? { start: r.event_start, end: r.event_end } : null,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export interface EventWrite {
  readonly id: string;
  readonly caseId: string;
  readonly date: string;
  readonly precision: 'day' | 'month';
  readonly text: string;
  readonly origin: 'rule' | 'clerk';
  readonly dateText: string;
  readonly relative: boolean;
  readonly documentId: string | null;
  readonly documentTitle: string;
  readonly spanStart: number | null;
  readonly spanEnd: number | null;
  readonly quote: string;
  readonly eventStart: number | null;
  readonly eventEnd: number | null;
  readonly at: number;
  readonly by: string;
}

export function insertEvent(db: Db, e: EventWrite): void {
  db.prepare(
    `INSERT INTO timeline_events (id, case_id, date, precision, text, origin, date_text, relative, document_id, document_title,
       span_start, span_end, quote, event_start, event_end, dismissed, version, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)`,
  ).run(
    e.id,
    e.caseId,
    e.date,
    e.precision,
    e.text,
    e.origin,
    e.dateText,
    e.relative ? 1 : 0,
    e.documentId,
    e.documentTitle,
    e.spanStart,
    e.spanEnd,
    e.quote,
    e.eventStart,
    e.eventEnd,
    e.at,
    e.by,
  );
}

export function listEvents(db: Db, caseId: string): TimelineEvent[] {
  return (
    db
      .prepare(
        `SELECT * FROM timeline_events WHERE case_id = ? AND dismissed = 0
         ORDER BY date, COALESCE(document_title, ''), COALESCE(span_start, 0), updated_at`,
      )
      .all(caseId) as EventRow[]
  ).map(toEvent);
}

export function getEvent(db: Db, id: string): (TimelineEvent & { dismissed: boolean }) | null {
  const r = db.prepare('SELECT * FROM timeline_events WHERE id = ?').get(id) as EventRow | undefined;
  return r ? { ...toEvent(r), dismissed: r.dismissed === 1 } : null;
}

/** Keys (document:start:end) of rule events the clerk dismissed or edited: a rebuild must not re-add them. */
export function ruleKeysToKeep(db: Db, caseId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT document_id, span_start, span_end FROM timeline_events
       WHERE case_id = ? AND document_id IS NOT NULL AND (dismissed = 1 OR origin = 'clerk')`,
    )
    .all(caseId) as Array<{ document_id: string; span_start: number | null; span_end: number | null }>;
  return new Set(rows.map((r) => `${r.document_id}:${r.span_start ?? ''}:${r.span_end ?? ''}`));
}

export function deleteRuleEvents(db: Db, caseId: string): void {
  db.prepare("DELETE FROM timeline_events WHERE case_id = ? AND origin = 'rule' AND dismissed = 0").run(caseId);
}

export function updateEvent(
  db: Db,
  id: string,
  version: number,
  e: { date: string; precision: 'day' | 'month'; text: string; at: number; by: string },
): boolean {
  return (
    db
      .prepare(
        `UPDATE timeline_events SET date = ?, precision = ?, text = ?, origin = 'clerk', version = version + 1,
           updated_at = ?, updated_by = ? WHERE id = ? AND version = ? AND dismissed = 0`,
      )
      .run(e.date, e.precision, e.text, e.at, e.by, id, version).changes > 0
  );
}

/** A rule event is dismissed (remembered); a clerk event is deleted. */
export function removeEvent(db: Db, id: string, version: number, at: number, by: string): boolean {
  const r = db.prepare('SELECT origin, document_id FROM timeline_events WHERE id = ? AND version = ? AND dismissed = 0').get(id, version) as
    | { origin: 'rule' | 'clerk'; document_id: string | null }
    | undefined;
  if (!r) return false;
  if (r.origin === 'rule' || r.document_id !== null) {
    db.prepare('UPDATE timeline_events SET dismissed = 1, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(at, by, id);
  } else {
    db.prepare('DELETE FROM timeline_events WHERE id = ?').run(id);
  }
  return true;
}

type Problem = z.infer<typeof TimelineProblem>;

export function putBuild(db: Db, caseId: string, problems: readonly Problem[], truncated: readonly string[], at: number): void {
  db.prepare(
    `INSERT INTO timeline_builds (case_id, problems, truncated, built_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET problems = excluded.problems, truncated = excluded.truncated, built_at = excluded.built_at`,
  ).run(caseId, JSON.stringify(problems), JSON.stringify(truncated), at);
}

export function getBuild(db: Db, caseId: string): { problems: Problem[]; truncated: string[]; builtAt: number } | null {
  const r = db.prepare('SELECT problems, truncated, built_at FROM timeline_builds WHERE case_id = ?').get(caseId) as
    | { problems: string; truncated: string; built_at: number }
    | undefined;
  return r ? { problems: JSON.parse(r.problems) as Problem[], truncated: JSON.parse(r.truncated) as string[], builtAt: r.built_at } : null;
}

// ---------------------------------------------------------------------------------------------
// Elements and disputed points
// ---------------------------------------------------------------------------------------------

export type StoredAnalysis = Omit<ElementsAnalysis, 'version' | 'updatedAt' | 'updatedBy' | 'caseId'>;

export function getAnalysis(db: Db, caseId: string): ElementsAnalysis | null {
  const r = db.prepare('SELECT data, version, updated_at, updated_by FROM case_elements WHERE case_id = ?').get(caseId) as
    | { data: string; version: number; updated_at: number; updated_by: string }
    | undefined;
  if (!r) return null;
  return { caseId, ...(JSON.parse(r.data) as StoredAnalysis), version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

/** Writes the analysis; with `version` only when the stored one still has it (false when stale). */
export function putAnalysis(db: Db, caseId: string, data: StoredAnalysis, version: number | null, at: number, by: string): boolean {
  if (version === null) {
    db.prepare(
      `INSERT INTO case_elements (case_id, data, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET data = excluded.data, version = case_elements.version + 1,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(caseId, JSON.stringify(data), at, by);
    return true;
  }
  return (
    db
      .prepare('UPDATE case_elements SET data = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE case_id = ? AND version = ?')
      .run(JSON.stringify(data), at, by, caseId, version).changes > 0
  );
}
