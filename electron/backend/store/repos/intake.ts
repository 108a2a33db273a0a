import { randomUUID } from 'node:crypto';
import type { CaseStage } from '../../../../shared/contract/cases';
import type {
  CaseFee,
  Extraction,
  FeeOut,
  ProcedureConversionRecord,
  ServiceRecord,
  StageChange,
  StoredExtraction,
  TrialExtensionRecord,
  TrialPause,
} from '../../../../shared/contract/intake';
import type { BiText } from '../../../../shared/rules/errors';
import type { DeadlineKind } from '../../../../shared/rules/deadlines';
import type { Db } from '../db';

// ---------------------------------------------------------------------------------------------
// Extractions
// ---------------------------------------------------------------------------------------------

interface ExtractionRow {
  case_id: string;
  document_id: string | null;
  version: number;
  data: string;
  updated_at: number;
  updated_by: string;
}

export function getExtraction(db: Db, caseId: string): StoredExtraction | null {
  const r = db.prepare('SELECT * FROM intake_extractions WHERE case_id = ?').get(caseId) as ExtractionRow | undefined;
  if (!r) return null;
  return {
    caseId: r.case_id,
    documentId: r.document_id,
    version: r.version,
    extraction: JSON.parse(r.data) as Extraction,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** Replaces the case's extraction (a new import starts again at version 1 + previous). */
export function putExtraction(
  db: Db,
  row: { caseId: string; documentId: string | null; extraction: Extraction; at: number; by: string },
): void {
  db.prepare(
    `INSERT INTO intake_extractions (case_id, document_id, version, data, updated_at, updated_by)
     VALUES (?, ?, 1, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET document_id = excluded.document_id, version = version + 1,
       data = excluded.data, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(row.caseId, row.documentId, JSON.stringify(row.extraction), row.at, row.by);
}

/** Saves a corrected extraction; false when `version` is stale. */
export function updateExtraction(
  db: Db,
  row: { caseId: string; version: number; extraction: Extraction; at: number; by: string },
): boolean {
  const res = db
    .prepare(
      `UPDATE intake_extractions SET data = ?, version = version + 1, updated_at = ?, updated_by = ?
       WHERE case_id = ? AND version = ?`,
    )
    .run(JSON.stringify(row.extraction), row.at, row.by, row.caseId, row.version);
  return res.changes > 0;
}

// ---------------------------------------------------------------------------------------------
// Case-number counters
// ---------------------------------------------------------------------------------------------

/** Next sequence for (court, type, year); atomic inside the caller's transaction. */
export function nextCaseSeq(db: Db, court: string, type: string, year: number): number {
  const row = db
    .prepare(
      `INSERT INTO case_number_counters (court_code, type_code, year, last_seq) VALUES (?, ?, ?, 1)
       ON CONFLICT (court_code, type_code, year) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    )
    .get(court, type, year) as { last_seq: number };
  return row.last_seq;
}

/** Whether a case number is held by any case (a hand-entered number may have taken it). */
export function caseNumberTaken(db: Db, caseNumber: string): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE case_number = ?').get(caseNumber) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Fees
// ---------------------------------------------------------------------------------------------

export function putFee(db: Db, caseId: string, fee: FeeOut, amountFen: number | null, at: number): void {
  db.prepare(
    `INSERT INTO case_fees (case_id, kind, amount_fen, fee_fen, full_fee_fen, detail, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET kind = excluded.kind, amount_fen = excluded.amount_fen,
       fee_fen = excluded.fee_fen, full_fee_fen = excluded.full_fee_fen, detail = excluded.detail,
       computed_at = excluded.computed_at`,
  ).run(caseId, fee.kind, amountFen, fee.feeFen, fee.fullFeeFen, JSON.stringify(fee), at);
}

export function getFee(db: Db, caseId: string): CaseFee | null {
  const r = db.prepare('SELECT amount_fen, detail, computed_at FROM case_fees WHERE case_id = ?').get(caseId) as
    | { amount_fen: number | null; detail: string; computed_at: number }
    | undefined;
  if (!r) return null;
  return { ...(JSON.parse(r.detail) as FeeOut), amountFen: r.amount_fen, computedAt: r.computed_at };
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

export interface DeadlineWrite {
  readonly caseId: string;
  readonly kind: DeadlineKind;
  readonly label: BiText;
  readonly start: string;
  readonly due: string;
  readonly estimated: boolean;
  readonly article: string;
  /** One line on where the start date comes from; null when there is nothing to say. */
  readonly basis: BiText | null;
  readonly steps: readonly BiText[];
  readonly warnings: readonly BiText[];
  readonly at: number;
}

/** One tracked deadline per case and kind: a recomputation replaces it (keeping its id and status). */
export function upsertDeadline(db: Db, d: DeadlineWrite): void {
  db.prepare(
    `INSERT INTO deadlines (id, case_id, kind, label_zh, label_en, start, due, estimated, status, article, detail, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
     ON CONFLICT (case_id, kind) DO UPDATE SET label_zh = excluded.label_zh, label_en = excluded.label_en,
       start = excluded.start, due = excluded.due, estimated = excluded.estimated, article = excluded.article,
       detail = excluded.detail, updated_at = excluded.updated_at`,
  ).run(
    randomUUID(),
    d.caseId,
    d.kind,
    d.label.zh,
    d.label.en,
    d.start,
    d.due,
    d.estimated ? 1 : 0,
    d.article,
    JSON.stringify({ basis: d.basis, steps: d.steps, warnings: d.warnings }),
    d.at,
  );
}

export interface DeadlineRow {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseTitle: string;
  readonly kind: DeadlineKind;
  readonly label: BiText;
  readonly start: string;
  readonly due: string;
  readonly estimated: boolean;
  readonly status: 'open' | 'done';
  readonly article: string;
  readonly basis: BiText | null;
  readonly steps: BiText[];
  readonly warnings: BiText[];
  readonly updatedAt: number;
}

interface RawDeadline {
  id: string;
  case_id: string;
  case_number: string;
  title: string;
  plaintiffs: string;
  defendants: string;
  kind: DeadlineKind;
  label_zh: string;
  label_en: string;
  start: string;
  due: string;
  estimated: number;
  status: 'open' | 'done';
  article: string;
  detail: string;
  updated_at: number;
}

function toDeadline(r: RawDeadline): DeadlineRow {
  const detail = JSON.parse(r.detail) as { basis?: BiText | null; steps?: BiText[]; warnings?: BiText[] };
  const parties = `${(JSON.parse(r.plaintiffs) as string[]).join('、')} 诉 ${(JSON.parse(r.defendants) as string[]).join('、')}`;
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.title || parties,
    kind: r.kind,
    label: { zh: r.label_zh, en: r.label_en },
    start: r.start,
    due: r.due,
    estimated: r.estimated === 1,
    status: r.status,
    article: r.article,
    basis: detail.basis ?? null,
    steps: detail.steps ?? [],
    warnings: detail.warnings ?? [],
    updatedAt: r.updated_at,
  };
}

const DEADLINE_SELECT = `SELECT d.*, c.case_number, c.title, c.plaintiffs, c.defendants
  FROM deadlines d JOIN cases c ON c.id = d.case_id`;

/** Deadlines of active cases, soonest first; `dueBy` bounds the due date, `dueFrom` hides older ones. */
export function listDeadlines(
  db: Db,
  q: { caseId?: string; dueBy?: string; dueFrom?: string; includeDone: boolean },
): DeadlineRow[] {
  const where: string[] = ["c.status = 'active'"];
  const params: unknown[] = [];
  if (q.caseId !== undefined) {
    where.push('d.case_id = ?');
    params.push(q.caseId);
  }
  if (!q.includeDone) where.push("d.status = 'open'");
  if (q.dueBy !== undefined) {
    where.push('d.due <= ?');
    params.push(q.dueBy);
  }
  if (q.dueFrom !== undefined) {
    where.push('d.due >= ?');
    params.push(q.dueFrom);
  }
  const rows = db
    .prepare(`${DEADLINE_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.due, d.case_id, d.kind LIMIT 1000`)
    .all(...params) as RawDeadline[];
  return rows.map(toDeadline);
}

export function getDeadline(db: Db, id: string): DeadlineRow | null {
  const r = db.prepare(`${DEADLINE_SELECT} WHERE d.id = ?`).get(id) as RawDeadline | undefined;
  return r ? toDeadline(r) : null;
}

/** Removes a case's open deadlines of these kinds (a recomputation that no longer plans them); done ones stay. */
export function deleteOpenDeadlines(db: Db, caseId: string, kinds: readonly DeadlineKind[]): number {
  let n = 0;
  for (const kind of kinds) {
    n += db.prepare("DELETE FROM deadlines WHERE case_id = ? AND kind = ? AND status = 'open'").run(caseId, kind).changes;
  }
  return n;
}

export function setDeadlineStatus(db: Db, id: string, status: 'open' | 'done', at: number): boolean {
  return db.prepare('UPDATE deadlines SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id).changes > 0;
}

// ---------------------------------------------------------------------------------------------
// Trial-limit pauses and stage history
// ---------------------------------------------------------------------------------------------

export function insertPause(db: Db, p: Omit<TrialPause, 'id'>): string {
  const id = randomUUID();
  db.prepare(
    'INSERT INTO trial_pauses (id, case_id, from_date, to_date, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, p.caseId, p.from, p.to, p.reason, p.createdAt, p.createdBy);
  return id;
}

export function listPauses(db: Db, caseId: string): TrialPause[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, from_date AS "from", to_date AS "to", reason, created_at AS createdAt,
         created_by AS createdBy FROM trial_pauses WHERE case_id = ? ORDER BY from_date, created_at`,
    )
    .all(caseId) as TrialPause[];
}

// ---------------------------------------------------------------------------------------------
// Service records and trial-limit extensions
// ---------------------------------------------------------------------------------------------

const SERVICE_SELECT = `SELECT id, case_id AS caseId, party_id AS partyId, party_name AS partyName, method,
  served_on AS servedOn, effective_on AS effectiveOn, foreign_domicile AS foreignDomicile,
  evidence_days AS evidenceDays, note, article, created_at AS createdAt, created_by AS createdBy
  FROM service_records`;

type RawService = Omit<ServiceRecord, 'foreignDomicile'> & { foreignDomicile: number };

function toService(r: RawService): ServiceRecord {
  return { ...r, foreignDomicile: r.foreignDomicile === 1 };
}

export function listServices(db: Db, caseId: string): ServiceRecord[] {
  return (db.prepare(`${SERVICE_SELECT} WHERE case_id = ? ORDER BY served_on, created_at`).all(caseId) as RawService[]).map(toService);
}

export function getServiceOfParty(db: Db, caseId: string, partyId: string): ServiceRecord | null {
  const r = db.prepare(`${SERVICE_SELECT} WHERE case_id = ? AND party_id = ?`).get(caseId, partyId) as RawService | undefined;
  return r ? toService(r) : null;
}

/** One service per party: a correction replaces the record (keeping its id). */
export function upsertService(db: Db, s: Omit<ServiceRecord, 'id'>): string {
  db.prepare(
    `INSERT INTO service_records (id, case_id, party_id, party_name, method, served_on, effective_on, foreign_domicile,
       evidence_days, note, article, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id, party_id) DO UPDATE SET party_name = excluded.party_name, method = excluded.method,
       served_on = excluded.served_on, effective_on = excluded.effective_on, foreign_domicile = excluded.foreign_domicile,
       evidence_days = excluded.evidence_days, note = excluded.note, article = excluded.article,
       created_at = excluded.created_at, created_by = excluded.created_by`,
  ).run(
    randomUUID(),
    s.caseId,
    s.partyId,
    s.partyName,
    s.method,
    s.servedOn,
    s.effectiveOn,
    s.foreignDomicile ? 1 : 0,
    s.evidenceDays,
    s.note,
    s.article,
    s.createdAt,
    s.createdBy,
  );
  return (getServiceOfParty(db, s.caseId, s.partyId) as ServiceRecord).id;
}

export function listExtensions(db: Db, caseId: string): TrialExtensionRecord[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, months, days, authority, approved_by AS approvedBy, approved_on AS approvedOn, reason,
         due_before AS dueBefore, due_after AS dueAfter, article, created_at AS createdAt, created_by AS createdBy
       FROM trial_extensions WHERE case_id = ? ORDER BY approved_on, created_at`,
    )
    .all(caseId) as TrialExtensionRecord[];
}

export function insertExtension(db: Db, e: Omit<TrialExtensionRecord, 'id'>): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO trial_extensions (id, case_id, months, days, authority, approved_by, approved_on, reason, due_before,
       due_after, article, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, e.caseId, e.months, e.days, e.authority, e.approvedBy, e.approvedOn, e.reason, e.dueBefore, e.dueAfter, e.article, e.createdAt, e.createdBy);
  return id;
}

export function listConversions(db: Db, caseId: string): ProcedureConversionRecord[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, from_procedure AS "from", to_procedure AS "to", ruled_on AS ruledOn, reason,
         due_before AS dueBefore, due_after AS dueAfter, fee_before_fen AS feeBeforeFen, fee_after_fen AS feeAfterFen,
         article, created_at AS createdAt, created_by AS createdBy
       FROM procedure_conversions WHERE case_id = ? ORDER BY ruled_on, created_at`,
    )
    .all(caseId) as ProcedureConversionRecord[];
}

export function insertConversion(db: Db, c: Omit<ProcedureConversionRecord, 'id'>): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO procedure_conversions (id, case_id, from_procedure, to_procedure, ruled_on, reason, due_before, due_after,
       fee_before_fen, fee_after_fen, article, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, c.caseId, c.from, c.to, c.ruledOn, c.reason, c.dueBefore, c.dueAfter, c.feeBeforeFen, c.feeAfterFen, c.article, c.createdAt, c.createdBy);
  return id;
}

export function insertStageChange(
  db: Db,
  c: { caseId: string; from: CaseStage | null; to: CaseStage; at: number; actor: string; note: string },
): void {
  db.prepare('INSERT INTO case_stage_history (case_id, from_stage, to_stage, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)').run(
    c.caseId,
    c.from,
    c.to,
    c.at,
    c.actor,
    c.note,
  );
}

export function listStageChanges(db: Db, caseId: string): StageChange[] {
  return db
    .prepare(
      `SELECT from_stage AS "from", to_stage AS "to", at, actor, note FROM case_stage_history
       WHERE case_id = ? ORDER BY id`,
    )
    .all(caseId) as StageChange[];
}

/** Sets only the stage (with the version check), leaving the case body alone. */
export function setStage(db: Db, id: string, version: number, stage: CaseStage, now: number): boolean {
  return (
    db
      .prepare('UPDATE cases SET stage = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?')
      .run(stage, now, id, version).changes > 0
  );
}
