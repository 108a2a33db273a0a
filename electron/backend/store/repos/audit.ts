import type { AuditEntry } from '../../../../shared/contract/cases';
import type { Db } from '../db';

export interface AuditWrite {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly caseId: string | null;
  readonly detail: Record<string, unknown>;
}

/** Called inside the same transaction as the change it records. */
export function writeAudit(db: Db, row: AuditWrite): void {
  db.prepare(
    `INSERT INTO audit (at, actor, action, entity, entity_id, case_id, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.at, row.actor, row.action, row.entity, row.entityId, row.caseId, JSON.stringify(row.detail));
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  case_id: string | null;
  detail: string;
}

export function listAudit(
  db: Db,
  q: { caseId: string; page: number; pageSize: number },
): { items: AuditEntry[]; total: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM audit WHERE case_id = ?').get(q.caseId) as { n: number }).n;
  const rows = db
    .prepare('SELECT * FROM audit WHERE case_id = ? ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(q.caseId, q.pageSize, (q.page - 1) * q.pageSize) as AuditRow[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      caseId: r.case_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
  };
}

export function countAudit(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
}
