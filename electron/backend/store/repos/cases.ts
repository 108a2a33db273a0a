import { randomUUID } from 'node:crypto';
import type {
  Agent,
  CaseDetail,
  CaseInputParsed,
  CaseList,
  CaseSortField,
  CaseStage,
  CaseSummary,
  Claim,
  DocumentMeta,
  Party,
  Procedure,
} from '../../../../shared/contract/cases';
import { assignments, columnNames, columnValues, placeholders, type Columns } from '../columns';
import type { Db } from '../db';
import { listDocuments } from './documents';

interface CaseRow {
  id: string;
  case_number: string;
  title: string;
  cause_of_action: string;
  procedure: Procedure | null;
  stage: CaseStage;
  status: 'active' | 'archived';
  filed_on: string | null;
  judge: string;
  clerk: string;
  summary: string;
  plaintiffs: string;
  defendants: string;
  claim_total_fen: number | null;
  version: number;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

interface PartyRow {
  id: string;
  role: Party['role'];
  kind: Party['kind'];
  name: string;
  gender: Party['gender'];
  birth_date: string | null;
  ethnicity: string;
  id_number: string;
  credit_code: string;
  legal_rep: string;
  legal_rep_title: string;
  address: string;
  phone: string;
}

interface AgentRow {
  id: string;
  party_id: string;
  name: string;
  kind: Agent['kind'];
  firm: string;
  license_no: string;
  phone: string;
}

/** Half- and full-width brackets are both written by users; search must not care which. */
export function normaliseForSearch(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '').toLowerCase();
}

/** Year and sequence of a case number, so lists sort （2026）…2号 before …10号. */
export function numberSortKey(caseNumber: string): { year: number | null; seq: number | null } {
  const m = /^[（(](\d{4})[）)].*?(\d+)(?:[-、]\d+)*号/.exec(caseNumber);
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : { year: null, seq: null };
}

function likePattern(query: string): string {
  return `%${normaliseForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SORT_SQL: Record<CaseSortField, string> = {
  updatedAt: 'updated_at',
  filedOn: 'filed_on',
  caseNumber: 'number_year, number_seq, case_number',
  causeOfAction: 'cause_of_action',
};

export function listCases(
  db: Db,
  q: {
    query: string;
    status: 'active' | 'archived' | 'all';
    stage: CaseStage | null;
    sort: CaseSortField;
    order: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
): CaseList {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status !== 'all') {
    where.push('status = ?');
    params.push(q.status);
  }
  if (q.stage) {
    where.push('stage = ?');
    params.push(q.stage);
  }
  if (q.query.trim()) {
    where.push("search_text LIKE ? ESCAPE '\\'");
    params.push(likePattern(q.query));
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const orderSql = SORT_SQL[q.sort]
    .split(', ')
    .map((c) => `${c} ${dir}`)
    .join(', ');
  const total = (db.prepare(`SELECT count(*) AS n FROM cases ${whereSql}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM cases ${whereSql} ORDER BY ${orderSql}, id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize) as CaseRow[];
  return { total, items: rows.map(toSummary) };
}

/** The fields a list row and the full case share. */
function caseHeading(r: CaseRow): Pick<CaseSummary, 'id' | 'caseNumber' | 'title' | 'causeOfAction' | 'procedure' | 'stage' | 'status' | 'filedOn' | 'judge'> {
  return {
    id: r.id,
    caseNumber: r.case_number,
    title: r.title,
    causeOfAction: r.cause_of_action,
    procedure: r.procedure,
    stage: r.stage,
    status: r.status,
    filedOn: r.filed_on,
    judge: r.judge,
  };
}

function toSummary(r: CaseRow): CaseSummary {
  return {
    ...caseHeading(r),
    plaintiffs: JSON.parse(r.plaintiffs) as string[],
    defendants: JSON.parse(r.defendants) as string[],
    claimTotalFen: r.claim_total_fen,
    updatedAt: r.updated_at,
  };
}

export function countCases(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}

export function caseExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id) !== undefined;
}

export function findCaseIdByNumber(db: Db, caseNumber: string): string | null {
  const row = db
    .prepare('SELECT id FROM cases WHERE case_number = ? OR case_number = ?')
    .get(caseNumber, caseNumber.replace(/\(/g, '（').replace(/\)/g, '）')) as { id: string } | undefined;
  return row?.id ?? null;
}

export function getCase(db: Db, id: string): CaseDetail | null {
  const r = db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
  if (!r) return null;
  const partyRows = db.prepare('SELECT * FROM parties WHERE case_id = ? ORDER BY position').all(id) as PartyRow[];
  const agentRows = db
    .prepare(
      `SELECT a.* FROM agents a JOIN parties p ON p.id = a.party_id WHERE p.case_id = ? ORDER BY a.position`,
    )
    .all(id) as AgentRow[];
  const claims = db
    .prepare('SELECT id, seq, text, amount_fen AS amountFen FROM claims WHERE case_id = ? ORDER BY seq')
    .all(id) as Claim[];
  const documents: DocumentMeta[] = listDocuments(db, id);
  return {
    ...caseHeading(r),
    clerk: r.clerk,
    summary: r.summary,
    parties: partyRows.map((p) => ({
      id: p.id,
      role: p.role,
      kind: p.kind,
      name: p.name,
      gender: p.gender,
      birthDate: p.birth_date,
      ethnicity: p.ethnicity,
      idNumber: p.id_number,
      creditCode: p.credit_code,
      legalRep: p.legal_rep,
      legalRepTitle: p.legal_rep_title,
      address: p.address,
      phone: p.phone,
      agents: agentRows
        .filter((a) => a.party_id === p.id)
        .map((a) => ({ id: a.id, name: a.name, kind: a.kind, firm: a.firm, licenseNo: a.license_no, phone: a.phone })),
    })),
    claims,
    documents,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}

function derived(input: CaseInputParsed): {
  searchText: string;
  plaintiffs: string;
  defendants: string;
  claimTotal: number | null;
} {
  const names = input.parties.flatMap((p) => [p.name, ...p.agents.map((a) => a.name)]);
  const amounts = input.claims.map((c) => c.amountFen).filter((a): a is number => a !== null);
  return {
    searchText: normaliseForSearch([input.caseNumber, input.causeOfAction, input.title, ...names].join('|')),
    plaintiffs: JSON.stringify(input.parties.filter((p) => p.role === 'plaintiff').map((p) => p.name)),
    defendants: JSON.stringify(input.parties.filter((p) => p.role === 'defendant').map((p) => p.name)),
    claimTotal: amounts.length ? amounts.reduce((a, b) => a + b, 0) : null,
  };
}

/** The case body: what both an insert and an update write (with what is derived from it). */
function caseColumns(input: CaseInputParsed): Columns {
  const d = derived(input);
  const key = numberSortKey(input.caseNumber);
  return [
    ['case_number', input.caseNumber],
    ['number_year', key.year],
    ['number_seq', key.seq],
    ['title', input.title],
    ['cause_of_action', input.causeOfAction],
    ['procedure', input.procedure],
    ['stage', input.stage],
    ['filed_on', input.filedOn],
    ['judge', input.judge],
    ['clerk', input.clerk],
    ['summary', input.summary],
    ['search_text', d.searchText],
    ['plaintiffs', d.plaintiffs],
    ['defendants', d.defendants],
    ['claim_total_fen', d.claimTotal],
  ];
}

/** Inserts a new case with its parties and claims. Call inside a transaction. */
export function insertCase(db: Db, input: CaseInputParsed, now: number, sampleKey: string | null = null): string {
  const id = randomUUID();
  const body = caseColumns(input);
  db.prepare(
    `INSERT INTO cases (id, ${columnNames(body)}, status, sample_key, version, created_at, updated_at)
     VALUES (?, ${placeholders(body)}, 'active', ?, 1, ?, ?)`,
  ).run(id, ...columnValues(body), sampleKey, now, now);
  writeChildren(db, id, input);
  return id;
}

/** Replaces the case body; returns false when `version` is stale (someone else saved first). */
export function updateCase(db: Db, id: string, version: number, input: CaseInputParsed, now: number): boolean {
  const body = caseColumns(input);
  const res = db
    .prepare(`UPDATE cases SET ${assignments(body)}, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`)
    .run(...columnValues(body), now, id, version);
  if (res.changes === 0) return false;
  writeChildren(db, id, input);
  return true;
}

export function setArchived(db: Db, id: string, version: number, archived: boolean, now: number): boolean {
  const res = db
    .prepare(
      `UPDATE cases SET status = ?, archived_at = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(archived ? 'archived' : 'active', archived ? now : null, now, id, version);
  return res.changes > 0;
}

export function touchCase(db: Db, id: string, now: number): void {
  db.prepare('UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?').run(now, id);
}

/**
 * Parties, agents and claims are replaced as a whole; ids the caller sent are kept when they
 * belong to this case, so references from later features (evidence, hearings) stay valid.
 */
function writeChildren(db: Db, caseId: string, input: CaseInputParsed): void {
  const ownParties = new Set(
    (db.prepare('SELECT id FROM parties WHERE case_id = ?').all(caseId) as { id: string }[]).map((r) => r.id),
  );
  const ownAgents = new Set(
    (
      db
        .prepare('SELECT a.id FROM agents a JOIN parties p ON p.id = a.party_id WHERE p.case_id = ?')
        .all(caseId) as { id: string }[]
    ).map((r) => r.id),
  );
  const ownClaims = new Set(
    (db.prepare('SELECT id FROM claims WHERE case_id = ?').all(caseId) as { id: string }[]).map((r) => r.id),
  );
  const keep = (id: string | undefined, own: Set<string>, used: Set<string>): string => {
    const chosen = id !== undefined && own.has(id) && !used.has(id) ? id : randomUUID();
    used.add(chosen);
    return chosen;
  };
  db.prepare('DELETE FROM parties WHERE case_id = ?').run(caseId);
  db.prepare('DELETE FROM claims WHERE case_id = ?').run(caseId);
  const insParty = db.prepare(
    `INSERT INTO parties (id, case_id, position, role, kind, name, gender, birth_date, ethnicity, id_number,
       credit_code, legal_rep, legal_rep_title, address, phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAgent = db.prepare(
    `INSERT INTO agents (id, party_id, position, name, kind, firm, license_no, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insClaim = db.prepare('INSERT INTO claims (id, case_id, seq, text, amount_fen) VALUES (?, ?, ?, ?, ?)');
  const usedParties = new Set<string>();
  const usedAgents = new Set<string>();
  const usedClaims = new Set<string>();
  input.parties.forEach((p, i) => {
    const pid = keep(p.id, ownParties, usedParties);
    insParty.run(
      pid,
      caseId,
      i,
      p.role,
      p.kind,
      p.name,
      p.gender,
      p.birthDate,
      p.ethnicity,
      p.idNumber,
      p.creditCode,
      p.legalRep,
      p.legalRepTitle,
      p.address,
      p.phone,
    );
    p.agents.forEach((a, j) => {
      insAgent.run(keep(a.id, ownAgents, usedAgents), pid, j, a.name, a.kind, a.firm, a.licenseNo, a.phone);
    });
  });
  input.claims.forEach((c, i) => {
    insClaim.run(keep(c.id, ownClaims, usedClaims), caseId, i + 1, c.text, c.amountFen);
  });
}

export function hasSampleKey(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE sample_key = ?').get(key) !== undefined;
}

export function caseNumberTaken(db: Db, caseNumber: string): boolean {
  return caseNumber !== '' && db.prepare('SELECT 1 FROM cases WHERE case_number = ?').get(caseNumber) !== undefined;
}
