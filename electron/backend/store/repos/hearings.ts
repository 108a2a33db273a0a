import type { z } from 'zod';
import type { ConflictKind, HearingStatus, HearingType, Outline, OutlineSection, Participant, Transcript } from '../../../../shared/contract/hearings';
import { assignments, columnNames, columnValues, placeholders, type Columns } from '../columns';
import type { Db } from '../db';

type Section = z.infer<typeof OutlineSection>;
type StoredTurn = Transcript['turns'][number];

/** A hearing as stored; participants carry the names and roles they had when saved. */
export interface HearingRow {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseTitle: string;
  readonly causeOfAction: string;
  readonly type: HearingType;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly room: string;
  readonly presidingJudge: string;
  readonly panel: string[];
  readonly clerk: string;
  readonly participants: Array<Omit<Participant, 'missing'>>;
  readonly publicHearing: boolean;
  readonly noticeServedOn: string | null;
  readonly status: HearingStatus;
  readonly notes: string;
  readonly override: { reason: string; conflicts: ConflictKind[]; at: number; by: string } | null;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

interface RawHearing {
  id: string;
  case_id: string;
  case_number: string;
  title: string;
  plaintiffs: string;
  defendants: string;
  cause_of_action: string;
  type: HearingType;
  date: string;
  start_time: string;
  end_time: string;
  room: string;
  presiding_judge: string;
  panel: string;
  clerk: string;
  participants: string;
  public_hearing: number;
  notice_served_on: string | null;
  status: HearingStatus;
  notes: string;
  override: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string;
}

const SELECT = `SELECT h.*, c.case_number, c.title, c.plaintiffs, c.defendants, c.cause_of_action
  FROM hearings h JOIN cases c ON c.id = h.case_id`;

function toHearing(r: RawHearing): HearingRow {
  const parties = `${(JSON.parse(r.plaintiffs) as string[]).join('、')} 诉 ${(JSON.parse(r.defendants) as string[]).join('、')}`;
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.title || parties,
    causeOfAction: r.cause_of_action,
    type: r.type,
    date: r.date,
    start: r.start_time,
    end: r.end_time,
    room: r.room,
    presidingJudge: r.presiding_judge,
    panel: JSON.parse(r.panel) as string[],
    clerk: r.clerk,
    participants: JSON.parse(r.participants) as HearingRow['participants'],
    publicHearing: r.public_hearing === 1,
    noticeServedOn: r.notice_served_on,
    status: r.status,
    notes: r.notes,
    override: r.override === null ? null : (JSON.parse(r.override) as HearingRow['override']),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function getHearing(db: Db, id: string): HearingRow | null {
  const r = db.prepare(`${SELECT} WHERE h.id = ?`).get(id) as RawHearing | undefined;
  return r ? toHearing(r) : null;
}

export function listHearings(db: Db, q: { caseId?: string; from?: string; to?: string; includeCancelled: boolean }): HearingRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.caseId !== undefined) {
    where.push('h.case_id = ?');
    params.push(q.caseId);
  }
  if (q.from !== undefined) {
    where.push('h.date >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('h.date <= ?');
    params.push(q.to);
  }
  if (!q.includeCancelled) where.push("h.status <> 'cancelled'");
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.date, h.start_time, h.created_at LIMIT 5000`;
  return (db.prepare(sql).all(...params) as RawHearing[]).map(toHearing);
}

/** Scheduled hearings on a date other than `exceptId` (candidates for double-booking). */
export function hearingsOn(db: Db, date: string, exceptId: string | null): HearingRow[] {
  return (
    db.prepare(`${SELECT} WHERE h.date = ? AND h.status = 'scheduled' AND h.id <> ? ORDER BY h.start_time`).all(date, exceptId ?? '') as RawHearing[]
  ).map(toHearing);
}

export interface HearingWrite {
  readonly caseId: string;
  readonly type: HearingType;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly room: string;
  readonly presidingJudge: string;
  readonly panel: readonly string[];
  readonly clerk: string;
  readonly participants: ReadonlyArray<Omit<Participant, 'missing'>>;
  readonly publicHearing: boolean;
  readonly noticeServedOn: string | null;
  readonly status: HearingStatus;
  readonly notes: string;
  readonly override: HearingRow['override'];
  readonly at: number;
  readonly by: string;
}

/** What both an insert and an update write; the case is set once, on insert. */
function hearingColumns(h: HearingWrite): Columns {
  return [
    ['type', h.type],
    ['date', h.date],
    ['start_time', h.start],
    ['end_time', h.end],
    ['room', h.room],
    ['presiding_judge', h.presidingJudge],
    ['panel', JSON.stringify(h.panel)],
    ['clerk', h.clerk],
    ['participants', JSON.stringify(h.participants)],
    ['public_hearing', h.publicHearing ? 1 : 0],
    ['notice_served_on', h.noticeServedOn],
    ['status', h.status],
    ['notes', h.notes],
    ['override', h.override === null ? null : JSON.stringify(h.override)],
  ];
}

export function insertHearing(db: Db, id: string, h: HearingWrite): void {
  const body = hearingColumns(h);
  db.prepare(
    `INSERT INTO hearings (id, case_id, ${columnNames(body)}, version, created_at, updated_at, updated_by)
     VALUES (?, ?, ${placeholders(body)}, 1, ?, ?, ?)`,
  ).run(id, h.caseId, ...columnValues(body), h.at, h.at, h.by);
}

/** false when `version` is stale. The case of a hearing never changes. */
export function updateHearing(db: Db, id: string, version: number, h: HearingWrite): boolean {
  const body = hearingColumns(h);
  return (
    db
      .prepare(
        `UPDATE hearings SET ${assignments(body)}, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?`,
      )
      .run(...columnValues(body), h.at, h.by, id, version).changes > 0
  );
}

export function setHearingStatus(db: Db, id: string, version: number, status: HearingStatus, at: number, by: string): boolean {
  return (
    db
      .prepare('UPDATE hearings SET status = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?')
      .run(status, at, by, id, version).changes > 0
  );
}

// ---------------------------------------------------------------------------------------------
// Outline
// ---------------------------------------------------------------------------------------------

export function getOutline(db: Db, hearingId: string): Outline | null {
  const r = db.prepare('SELECT * FROM hearing_outlines WHERE hearing_id = ?').get(hearingId) as
    | { sections: string; version: number; generated_at: number; updated_at: number; updated_by: string }
    | undefined;
  if (!r) return null;
  return {
    hearingId,
    sections: JSON.parse(r.sections) as Section[],
    version: r.version,
    generatedAt: r.generated_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/**
 * Writes the outline. `expected` is the version the caller saw (0: none stored yet); false when
 * the stored one differs, so a regeneration cannot wipe edits made meanwhile.
 */
export function putOutline(
  db: Db,
  hearingId: string,
  sections: readonly Section[],
  expected: number,
  o: { generated: boolean; at: number; by: string },
): boolean {
  const current = db.prepare('SELECT version FROM hearing_outlines WHERE hearing_id = ?').get(hearingId) as { version: number } | undefined;
  if ((current?.version ?? 0) !== expected) return false;
  if (!current) {
    db.prepare(
      'INSERT INTO hearing_outlines (hearing_id, sections, version, generated_at, updated_at, updated_by) VALUES (?, ?, 1, ?, ?, ?)',
    ).run(hearingId, JSON.stringify(sections), o.at, o.at, o.by);
    return true;
  }
  db.prepare(
    `UPDATE hearing_outlines SET sections = ?, version = version + 1, updated_at = ?, updated_by = ?
       ${o.generated ? ', generated_at = ?' : ''} WHERE hearing_id = ?`,
  ).run(...[JSON.stringify(sections), o.at, o.by, ...(o.generated ? [o.at] : []), hearingId]);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Transcript
// ---------------------------------------------------------------------------------------------

export interface TranscriptRow {
  readonly turns: StoredTurn[];
  readonly version: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
  readonly auditedAt: number;
}

export function getTranscript(db: Db, hearingId: string): TranscriptRow | null {
  const r = db.prepare('SELECT * FROM hearing_transcripts WHERE hearing_id = ?').get(hearingId) as
    | { turns: string; version: number; updated_at: number; updated_by: string; audited_at: number }
    | undefined;
  if (!r) return null;
  return { turns: JSON.parse(r.turns) as StoredTurn[], version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by, auditedAt: r.audited_at };
}

/** Compare-and-set on the version (0 = none stored yet); false when stale. */
export function putTranscript(
  db: Db,
  hearingId: string,
  baseVersion: number,
  turns: readonly StoredTurn[],
  o: { at: number; by: string; audited: boolean },
): boolean {
  const current = db.prepare('SELECT version, audited_at FROM hearing_transcripts WHERE hearing_id = ?').get(hearingId) as
    | { version: number; audited_at: number }
    | undefined;
  if ((current?.version ?? 0) !== baseVersion) return false;
  const auditedAt = o.audited ? o.at : (current?.audited_at ?? o.at);
  db.prepare(
    `INSERT INTO hearing_transcripts (hearing_id, turns, turn_count, version, updated_at, updated_by, audited_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hearing_id) DO UPDATE SET turns = excluded.turns, turn_count = excluded.turn_count, version = excluded.version,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, audited_at = excluded.audited_at`,
  ).run(hearingId, JSON.stringify(turns), turns.length, baseVersion + 1, o.at, o.by, auditedAt);
  return true;
}
