import type { Calibration, Narrative, Outcome, RecordedOutcome } from '../../../../shared/contract/mediation';
import type { Db } from '../db';

interface OutcomeRow {
  case_id: string;
  outcome: Outcome;
  mediation_attempted: number;
  closed_on: string | null;
  note: string;
  cause: string;
  features: string;
  prior_version: number;
  recorded_at: number;
  recorded_by: string;
}

export interface OutcomeWrite {
  readonly caseId: string;
  readonly outcome: Outcome;
  readonly mediationAttempted: boolean;
  readonly closedOn: string | null;
  readonly note: string;
  readonly cause: string;
  readonly features: Readonly<Record<string, number>>;
  readonly priorVersion: number;
  readonly at: number;
  readonly by: string;
}

function toOutcome(r: OutcomeRow): RecordedOutcome {
  return {
    caseId: r.case_id,
    outcome: r.outcome,
    mediationAttempted: r.mediation_attempted === 1,
    closedOn: r.closed_on,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
}

/** Insert or replace: a clerk may correct an outcome; the audit row keeps the earlier value. */
export function putOutcome(db: Db, o: OutcomeWrite): void {
  db.prepare(
    `INSERT INTO case_outcomes (case_id, outcome, mediation_attempted, closed_on, note, cause, features, prior_version,
       recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET outcome = excluded.outcome, mediation_attempted = excluded.mediation_attempted,
       closed_on = excluded.closed_on, note = excluded.note, cause = excluded.cause, features = excluded.features,
       prior_version = excluded.prior_version, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
  ).run(
    o.caseId,
    o.outcome,
    o.mediationAttempted ? 1 : 0,
    o.closedOn,
    o.note,
    o.cause,
    JSON.stringify(o.features),
    o.priorVersion,
    o.at,
    o.by,
  );
}

export function getOutcome(db: Db, caseId: string): RecordedOutcome | null {
  const r = db.prepare('SELECT * FROM case_outcomes WHERE case_id = ?').get(caseId) as OutcomeRow | undefined;
  return r ? toOutcome(r) : null;
}

export interface LabelledRow {
  readonly caseId: string;
  readonly outcome: Outcome;
  readonly features: Record<string, number>;
}

/** Every recorded outcome with its factor vector (learning and calibration). */
export function listLabelled(db: Db): LabelledRow[] {
  const rows = db.prepare('SELECT case_id, outcome, features FROM case_outcomes ORDER BY case_id').all() as Pick<
    OutcomeRow,
    'case_id' | 'outcome' | 'features'
  >[];
  return rows.map((r) => ({ caseId: r.case_id, outcome: r.outcome, features: JSON.parse(r.features) as Record<string, number> }));
}

/** Outcome counts, optionally of one cause (excluding one case: the one being assessed). */
export function outcomeCounts(db: Db, cause: string | null, exceptCaseId: string | null = null): Array<{ outcome: Outcome; count: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (cause !== null) {
    where.push('cause = ?');
    params.push(cause);
  }
  if (exceptCaseId !== null) {
    where.push('case_id <> ?');
    params.push(exceptCaseId);
  }
  const sql = `SELECT outcome, count(*) AS count FROM case_outcomes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY outcome`;
  return db.prepare(sql).all(...params) as Array<{ outcome: Outcome; count: number }>;
}

export interface StoredModel {
  readonly id: number;
  readonly intercept: number;
  readonly weights: Record<string, number>;
  readonly trainedOn: number;
  readonly positives: number;
  readonly lambda: number;
  readonly calibration: Calibration;
  readonly priorVersion: number;
  readonly fittedAt: number;
  readonly fittedBy: string;
}

interface ModelRow {
  id: number;
  intercept: number;
  weights: string;
  trained_on: number;
  positives: number;
  lambda: number;
  calibration: string;
  prior_version: number;
  fitted_at: number;
  fitted_by: string;
}

export function insertModel(db: Db, m: Omit<StoredModel, 'id'>): number {
  const res = db
    .prepare(
      `INSERT INTO mediation_models (intercept, weights, trained_on, positives, lambda, calibration, prior_version, fitted_at, fitted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(m.intercept, JSON.stringify(m.weights), m.trainedOn, m.positives, m.lambda, JSON.stringify(m.calibration), m.priorVersion, m.fittedAt, m.fittedBy);
  return Number(res.lastInsertRowid);
}

export function latestModel(db: Db): StoredModel | null {
  const r = db.prepare('SELECT * FROM mediation_models ORDER BY id DESC LIMIT 1').get() as ModelRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    intercept: r.intercept,
    weights: JSON.parse(r.weights) as Record<string, number>,
    trainedOn: r.trained_on,
    positives: r.positives,
    lambda: r.lambda,
    calibration: JSON.parse(r.calibration) as Calibration,
    priorVersion: r.prior_version,
    fittedAt: r.fitted_at,
    fittedBy: r.fitted_by,
  };
}

export function putNarrative(db: Db, n: Narrative): void {
  db.prepare(
    `INSERT INTO mediation_narratives (case_id, data, created_at) VALUES (?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET data = excluded.data, created_at = excluded.created_at`,
  ).run(n.caseId, JSON.stringify(n), n.createdAt);
}

export function getNarrative(db: Db, caseId: string): Narrative | null {
  const r = db.prepare('SELECT data FROM mediation_narratives WHERE case_id = ?').get(caseId) as { data: string } | undefined;
  return r ? (JSON.parse(r.data) as Narrative) : null;
}
