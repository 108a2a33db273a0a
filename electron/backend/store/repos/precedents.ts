import type {
  Authority,
  CourtLevel,
  DocKind,
  ImportIssue,
  ImportJob,
  PrecedentStats,
  SearchFilters,
  TrialProcedure,
} from '../../../../shared/contract/precedents';
import type { Db } from '../db';

// ------------------------------------------------------------------------------------------------
// Import jobs
// ------------------------------------------------------------------------------------------------

interface ImportRow {
  id: string;
  kind: ImportJob['kind'];
  path: string;
  spec: string;
  source_name: string;
  status: ImportJob['status'];
  position: number;
  total: number | null;
  inserted: number;
  duplicates: number;
  failed: number;
  issues: string;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

function toJob(r: ImportRow): ImportJob {
  return {
    id: r.id,
    kind: r.kind,
    path: r.path,
    sourceName: r.source_name,
    status: r.status,
    position: r.position,
    total: r.total,
    inserted: r.inserted,
    duplicates: r.duplicates,
    failed: r.failed,
    issues: JSON.parse(r.issues) as ImportIssue[],
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export function createImport(
  db: Db,
  j: { id: string; kind: ImportJob['kind']; path: string; spec: string; sourceName: string; now: number },
): void {
  db.prepare(
    `INSERT INTO precedent_imports (id, kind, path, spec, source_name, status, started_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
  ).run(j.id, j.kind, j.path, j.spec, j.sourceName, j.now, j.now);
}

export function getImport(db: Db, id: string): ImportJob | null {
  const r = db.prepare('SELECT * FROM precedent_imports WHERE id = ?').get(id) as ImportRow | undefined;
  return r ? toJob(r) : null;
}

export function getImportSpec(db: Db, id: string): string | null {
  return (db.prepare('SELECT spec FROM precedent_imports WHERE id = ?').get(id) as { spec: string } | undefined)?.spec ?? null;
}

export function listImports(db: Db): ImportJob[] {
  return (db.prepare('SELECT * FROM precedent_imports ORDER BY started_at DESC, rowid DESC LIMIT 200').all() as ImportRow[]).map(
    toJob,
  );
}

export interface ImportProgress {
  position: number;
  total: number | null;
  inserted: number;
  duplicates: number;
  failed: number;
  issues: readonly ImportIssue[];
}

export function saveImportProgress(db: Db, id: string, p: ImportProgress, now: number): void {
  db.prepare(
    `UPDATE precedent_imports SET position = ?, total = ?, inserted = ?, duplicates = ?, failed = ?, issues = ?, updated_at = ?
     WHERE id = ?`,
  ).run(p.position, p.total, p.inserted, p.duplicates, p.failed, JSON.stringify(p.issues), now, id);
}

export function setImportStatus(
  db: Db,
  id: string,
  status: ImportJob['status'],
  error: string | null,
  now: number,
): void {
  db.prepare(
    `UPDATE precedent_imports SET status = ?, error = ?, updated_at = ?,
       finished_at = CASE WHEN ? = 'running' THEN NULL ELSE ? END WHERE id = ?`,
  ).run(status, error, now, status, now, id);
}

/** A process that died mid-import leaves 'running' rows behind; they can be resumed. */
export function markStaleImportsInterrupted(db: Db, now: number): number {
  return db
    .prepare(`UPDATE precedent_imports SET status = 'interrupted', updated_at = ? WHERE status = 'running'`)
    .run(now).changes;
}

// ------------------------------------------------------------------------------------------------
// Precedents
// ------------------------------------------------------------------------------------------------

export interface PrecedentWrite {
  uid: string;
  contentHash: string;
  title: string;
  court: string;
  courtLevel: CourtLevel;
  caseNumber: string;
  decidedOn: string | null;
  year: number | null;
  causes: string[];
  procedure: TrialProcedure;
  docKind: DocKind;
  authority: Authority;
  authorityRank: number;
  source: string;
  sourceRef: string;
  importId: string | null;
  sections: { header: string; parties: string; claims: string; facts: string; reasoning: string; judgment: string; tail: string };
  features: string;
  createdAt: number;
}

/** Segmented text per FTS column, in the table's column order. */
export interface FtsColumns {
  title: string;
  cause: string;
  claims: string;
  facts: string;
  reasoning: string;
  judgment: string;
}

export function hashExists(db: Db, hash: string): boolean {
  return db.prepare('SELECT 1 FROM precedents WHERE content_hash = ?').get(hash) !== undefined;
}

/** Inserts one precedent with its causes and index row; returns false for a duplicate content hash. */
export function insertPrecedent(db: Db, p: PrecedentWrite, fts: FtsColumns | null): boolean {
  const s = p.sections;
  const res = db
    .prepare(
      `INSERT OR IGNORE INTO precedents (uid, content_hash, title, court, court_level, case_number, decided_on, year, causes,
         procedure, doc_kind, authority, authority_rank, source, source_ref, import_id,
         header, parties, claims, facts, reasoning, judgment, tail, features, indexed, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.uid,
      p.contentHash,
      p.title,
      p.court,
      p.courtLevel,
      p.caseNumber,
      p.decidedOn,
      p.year,
      JSON.stringify(p.causes),
      p.procedure,
      p.docKind,
      p.authority,
      p.authorityRank,
      p.source,
      p.sourceRef,
      p.importId,
      s.header,
      s.parties,
      s.claims,
      s.facts,
      s.reasoning,
      s.judgment,
      s.tail,
      p.features,
      fts ? 1 : 0,
      p.createdAt,
    );
  if (res.changes === 0) return false;
  const id = Number(res.lastInsertRowid);
  const addCause = db.prepare('INSERT OR IGNORE INTO precedent_causes (cause, precedent_id) VALUES (?, ?)');
  for (const c of p.causes) addCause.run(c, id);
  if (fts) insertFts(db, id, fts);
  return true;
}

export function insertFts(db: Db, id: number, f: FtsColumns): void {
  db.prepare(
    'INSERT INTO precedents_fts (rowid, title, cause, claims, facts, reasoning, judgment) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, f.title, f.cause, f.claims, f.facts, f.reasoning, f.judgment);
}

export function clearFts(db: Db): void {
  db.prepare(`INSERT INTO precedents_fts (precedents_fts) VALUES ('delete-all')`).run();
  db.prepare('UPDATE precedents SET indexed = 0').run();
  dropTermStats(db);
}

export function optimizeFts(db: Db): void {
  db.prepare(`INSERT INTO precedents_fts (precedents_fts) VALUES ('optimize')`).run();
}

export interface IndexSourceRow {
  id: number;
  title: string;
  causes: string;
  claims: string;
  facts: string;
  reasoning: string;
  judgment: string;
}

/** Rows still missing from the index, in id order (keyset paging so a rebuild can stop and continue). */
export function unindexedBatch(db: Db, afterId: number, limit: number): IndexSourceRow[] {
  return db
    .prepare(
      `SELECT id, title, causes, claims, facts, reasoning, judgment FROM precedents
       WHERE indexed = 0 AND id > ? ORDER BY id LIMIT ?`,
    )
    .all(afterId, limit) as IndexSourceRow[];
}

export function markIndexed(db: Db, id: number): void {
  db.prepare('UPDATE precedents SET indexed = 1 WHERE id = ?').run(id);
}

export function countPrecedents(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM precedents').get() as { n: number }).n;
}

export function countUnindexed(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM precedents WHERE indexed = 0').get() as { n: number }).n;
}

export interface PrecedentRow {
  id: number;
  uid: string;
  content_hash: string;
  title: string;
  court: string;
  court_level: CourtLevel;
  case_number: string;
  decided_on: string | null;
  year: number | null;
  causes: string;
  procedure: TrialProcedure;
  doc_kind: DocKind;
  authority: Authority;
  source: string;
  source_ref: string;
  import_id: string | null;
  header: string;
  parties: string;
  claims: string;
  facts: string;
  reasoning: string;
  judgment: string;
  tail: string;
  features: string;
}

export function getPrecedentByUid(db: Db, uid: string): PrecedentRow | null {
  return (db.prepare('SELECT * FROM precedents WHERE uid = ?').get(uid) as PrecedentRow | undefined) ?? null;
}

export function getPrecedentsByIds(db: Db, ids: readonly number[]): PrecedentRow[] {
  if (ids.length === 0) return [];
  const out: PrecedentRow[] = [];
  // Chunks stay under SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(
      ...(db.prepare(`SELECT * FROM precedents WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as PrecedentRow[]),
    );
  }
  return out;
}

/** Internal ids of precedents by their source ref (used by the LeCaRD evaluation to restrict to a pool). */
export function idsBySourceRef(db: Db, source: string): Map<string, number> {
  const rows = db.prepare('SELECT id, source_ref FROM precedents WHERE source = ?').all(source) as Array<{
    id: number;
    source_ref: string;
  }>;
  return new Map(rows.map((r) => [r.source_ref, r.id]));
}

/** Indexed documents: from the last term-statistics snapshot, else counted. */
export function docCount(db: Db): number {
  const snap = getMeta(db, 'doc_count');
  if (snap !== null) return Number(snap);
  return countPrecedents(db) - countUnindexed(db);
}

/**
 * Snapshots document frequencies and the document count (end of an import or reindex). Reads the
 * whole index once: seconds at 100,000 judgments, so it runs in the worker.
 */
export function rebuildTermStats(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM precedent_terms').run();
    db.prepare('INSERT INTO precedent_terms (term, df) SELECT term, doc FROM precedents_vocab').run();
    setMeta(db, 'doc_count', String(countPrecedents(db) - countUnindexed(db)));
  })();
}

/** Forgets the snapshot (after removals), so counts are live until the next import or reindex. */
export function dropTermStats(db: Db): void {
  db.prepare('DELETE FROM precedent_terms').run();
  db.prepare(`DELETE FROM precedent_meta WHERE key = 'doc_count'`).run();
}

/**
 * Document frequency of each term: the snapshot first; terms it lacks (new since the snapshot, or
 * no snapshot yet) are counted live through fts5vocab, at most `maxLive` of them.
 */
export function termDocFreq(db: Db, terms: readonly string[], maxLive = 400): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < terms.length; i += 500) {
    const chunk = terms.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT term, df FROM precedent_terms WHERE term IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as Array<{ term: string; df: number }>;
    for (const r of rows) out.set(r.term, r.df);
  }
  const stmt = db.prepare('SELECT doc FROM precedents_vocab WHERE term = ?');
  let live = 0;
  for (const t of terms) {
    if (out.has(t)) continue;
    if (live++ >= maxLive) {
      out.set(t, 0);
      continue;
    }
    const r = stmt.get(t) as { doc: number } | undefined;
    out.set(t, r?.doc ?? 0);
  }
  return out;
}

function filterSql(f: SearchFilters, params: unknown[]): string {
  const where: string[] = [];
  const inList = (col: string, values: readonly unknown[]) => {
    where.push(`${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  if (f.causes?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM precedent_causes c WHERE c.precedent_id = p.id AND c.cause IN (${f.causes.map(() => '?').join(',')}))`,
    );
    params.push(...f.causes);
  }
  if (f.courtLevels?.length) inList('p.court_level', f.courtLevels);
  if (f.authorities?.length) inList('p.authority', f.authorities);
  if (f.procedures?.length) inList('p.procedure', f.procedures);
  if (f.sources?.length) inList('p.source', f.sources);
  if (f.yearFrom !== undefined) {
    where.push('p.year >= ?');
    params.push(f.yearFrom);
  }
  if (f.yearTo !== undefined) {
    where.push('p.year <= ?');
    params.push(f.yearTo);
  }
  return where.length ? ` AND ${where.join(' AND ')}` : '';
}

/** Column weights for bm25(): title, cause, claims, facts, reasoning, judgment. */
export const FTS_WEIGHTS = [2.0, 3.0, 1.0, 1.5, 1.0, 0.7] as const;

/**
 * BM25 candidates for an FTS5 MATCH expression built by the search service (every term quoted, so
 * user input can never be FTS5 syntax). Lower bm25 is better; the sign is flipped for callers.
 */
export function ftsCandidates(
  db: Db,
  match: string,
  filters: SearchFilters,
  limit: number,
  restrictIds: readonly number[] | null = null,
): Array<{ id: number; bm25: number }> {
  const params: unknown[] = [match];
  let extra = filterSql(filters, params);
  if (restrictIds) {
    extra += ` AND p.id IN (${restrictIds.map(() => '?').join(',')})`;
    params.push(...restrictIds);
  }
  const w = FTS_WEIGHTS.join(', ');
  const sql = extra
    ? `SELECT f.rowid AS id, bm25(precedents_fts, ${w}) AS s FROM precedents_fts f JOIN precedents p ON p.id = f.rowid
       WHERE precedents_fts MATCH ?${extra} ORDER BY s LIMIT ?`
    : `SELECT rowid AS id, bm25(precedents_fts, ${w}) AS s FROM precedents_fts WHERE precedents_fts MATCH ? ORDER BY s LIMIT ?`;
  params.push(limit);
  return (db.prepare(sql).all(...params) as Array<{ id: number; s: number }>).map((r) => ({ id: r.id, bm25: -r.s }));
}

/** Raw single-table MATCH, for the bench's baseline. */
export function rawMatch(db: Db, match: string, limit: number): number[] {
  return (db.prepare('SELECT rowid AS id FROM precedents_fts WHERE precedents_fts MATCH ? ORDER BY rank LIMIT ?').all(match, limit) as Array<{
    id: number;
  }>).map((r) => r.id);
}

export function removeImportRows(db: Db, importId: string): number {
  const ids = (db.prepare('SELECT id FROM precedents WHERE import_id = ?').all(importId) as Array<{ id: number }>).map((r) => r.id);
  const delFts = db.prepare('DELETE FROM precedents_fts WHERE rowid = ?');
  const del = db.prepare('DELETE FROM precedents WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) {
      delFts.run(id);
      del.run(id);
    }
    if (ids.length) dropTermStats(db);
  })();
  return ids.length;
}

export function precedentStats(db: Db): Omit<PrecedentStats, 'index'> {
  return {
    count: countPrecedents(db),
    byAuthority: db
      .prepare('SELECT authority, count(*) AS count FROM precedents GROUP BY authority ORDER BY max(authority_rank) DESC')
      .all() as PrecedentStats['byAuthority'],
    bySource: db
      .prepare('SELECT source, count(*) AS count FROM precedents GROUP BY source ORDER BY count DESC LIMIT 50')
      .all() as PrecedentStats['bySource'],
  };
}

export function getMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM precedent_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO precedent_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** Row id of every precedent by its content uid (evaluation maps dataset ids through it). */
export function precedentIdsByUid(db: Db): Map<string, number> {
  const byUid = new Map<string, number>();
  for (const r of db.prepare('SELECT id, uid FROM precedents').all() as Array<{ id: number; uid: string }>) byUid.set(r.uid, r.id);
  return byUid;
}
