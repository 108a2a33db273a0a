import type { Procedure } from '../../../../shared/contract/cases';
import type { Db } from '../db';

/** A registered, active, not-yet-closed case's defendant with no recorded service. */
export interface UnservedDefendant {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseTitle: string;
  readonly filedOn: string;
  readonly partyName: string;
}

/** A scheduled trial of an active case whose notice is not recorded as served. */
export interface UnnoticedTrial {
  readonly hearingId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseTitle: string;
  readonly procedure: Procedure | null;
  readonly date: string;
  readonly start: string;
}

interface CaseHead {
  case_id: string;
  case_number: string;
  title: string;
  plaintiffs: string;
  defendants: string;
}

function titleOf(r: CaseHead): string {
  return r.title || `${(JSON.parse(r.plaintiffs) as string[]).join('、')} 诉 ${(JSON.parse(r.defendants) as string[]).join('、')}`;
}

// A closed case needs no more service or notices; archived-stage cases are archived anyway.
const OPEN_CASE = `c.status = 'active' AND c.stage NOT IN ('closed', 'archived')`;

/** Defendants without a service record in registered cases filed on or before `filedBy`, in filing order. */
export function unservedDefendants(db: Db, filedBy: string): UnservedDefendant[] {
  const rows = db
    .prepare(
      `SELECT c.id AS case_id, c.case_number, c.title, c.plaintiffs, c.defendants, c.filed_on, p.name AS party_name
         FROM parties p JOIN cases c ON c.id = p.case_id
         LEFT JOIN service_records s ON s.case_id = p.case_id AND s.party_id = p.id
        WHERE p.role = 'defendant' AND s.id IS NULL AND ${OPEN_CASE}
          AND c.case_number <> '' AND c.procedure IS NOT NULL AND c.filed_on IS NOT NULL AND c.filed_on <= ?
        ORDER BY c.filed_on, c.id, p.position LIMIT 5000`,
    )
    .all(filedBy) as Array<CaseHead & { filed_on: string; party_name: string }>;
  return rows.map((r) => ({ caseId: r.case_id, caseNumber: r.case_number, caseTitle: titleOf(r), filedOn: r.filed_on, partyName: r.party_name }));
}

/** Scheduled trials dated from..to whose notice has no service date yet. */
export function unnoticedTrials(db: Db, from: string, to: string): UnnoticedTrial[] {
  const rows = db
    .prepare(
      `SELECT h.id AS hearing_id, h.date, h.start_time, c.id AS case_id, c.case_number, c.title, c.plaintiffs, c.defendants, c.procedure
         FROM hearings h JOIN cases c ON c.id = h.case_id
        WHERE h.type = 'trial' AND h.status = 'scheduled' AND h.notice_served_on IS NULL AND ${OPEN_CASE}
          AND h.date >= ? AND h.date <= ?
        ORDER BY h.date, h.start_time, h.id LIMIT 5000`,
    )
    .all(from, to) as Array<CaseHead & { hearing_id: string; date: string; start_time: string; procedure: Procedure | null }>;
  return rows.map((r) => ({
    hearingId: r.hearing_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: titleOf(r),
    procedure: r.procedure,
    date: r.date,
    start: r.start_time,
  }));
}
