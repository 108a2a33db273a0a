import type { StatuteArticle, StatuteLaw } from '../../../../shared/contract/precedents';
import type { Db } from '../db';

interface LawRow {
  id: string;
  title: string;
  short_title: string;
  category: string;
  version: string;
  effective_from: string | null;
  file: string;
  article_count: number;
}

function toLaw(r: LawRow): StatuteLaw {
  return {
    id: r.id,
    title: r.title,
    shortTitle: r.short_title,
    category: r.category,
    version: r.version,
    effectiveFrom: r.effective_from,
    articleCount: r.article_count,
    file: r.file,
  };
}

const LAW_SELECT = `SELECT l.*, (SELECT count(*) FROM statute_articles a WHERE a.law_id = l.id) AS article_count FROM statute_laws l`;

export function listLaws(db: Db, query = ''): StatuteLaw[] {
  const q = query.trim();
  const rows = q
    ? (db.prepare(`${LAW_SELECT} WHERE l.title LIKE ? ESCAPE '\\' ORDER BY l.title, l.version`).all(
        `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      ) as LawRow[])
    : (db.prepare(`${LAW_SELECT} ORDER BY l.title, l.version`).all() as LawRow[]);
  return rows.map(toLaw);
}

export function getLaw(db: Db, id: string): StatuteLaw | null {
  const r = db.prepare(`${LAW_SELECT} WHERE l.id = ?`).get(id) as LawRow | undefined;
  return r ? toLaw(r) : null;
}

export function upsertLaw(
  db: Db,
  l: { id: string; title: string; shortTitle: string; category: string; version: string; effectiveFrom: string | null; file: string; now: number },
): void {
  db.prepare(
    `INSERT INTO statute_laws (id, title, short_title, category, version, effective_from, file, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET short_title = excluded.short_title, category = excluded.category,
       effective_from = coalesce(excluded.effective_from, statute_laws.effective_from), file = excluded.file,
       imported_at = excluded.imported_at`,
  ).run(l.id, l.title, l.shortTitle, l.category, l.version, l.effectiveFrom, l.file, l.now);
}

/** Removes a law version's articles (and their index rows) before it is imported again. */
export function clearArticles(db: Db, lawId: string): number {
  const ids = db.prepare('SELECT id FROM statute_articles WHERE law_id = ?').all(lawId) as Array<{ id: number }>;
  const delFts = db.prepare('DELETE FROM statute_fts WHERE rowid = ?');
  for (const r of ids) delFts.run(r.id);
  db.prepare('DELETE FROM statute_articles WHERE law_id = ?').run(lawId);
  return ids.length;
}

export function insertArticle(
  db: Db,
  a: { lawId: string; number: number; sub: number; label: string; headings: string[]; text: string },
  indexed: string,
): boolean {
  const res = db
    .prepare(
      `INSERT OR REPLACE INTO statute_articles (law_id, number, sub, label, headings, text) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(a.lawId, a.number, a.sub, a.label, JSON.stringify(a.headings), a.text);
  db.prepare('INSERT INTO statute_fts (rowid, text) VALUES (?, ?)').run(Number(res.lastInsertRowid), indexed);
  return true;
}

interface ArticleRow {
  id: number;
  law_id: string;
  title: string;
  version: string;
  number: number;
  sub: number;
  label: string;
  headings: string;
  text: string;
}

function toArticle(r: ArticleRow): StatuteArticle {
  return {
    lawId: r.law_id,
    lawTitle: r.title,
    version: r.version,
    number: r.number,
    sub: r.sub,
    label: r.label,
    headings: JSON.parse(r.headings) as string[],
    text: r.text,
    paragraphs: r.text.split('\n').filter((p) => p.trim()),
  };
}

const ARTICLE_SELECT = `SELECT a.id, a.law_id, l.title, l.version, a.number, a.sub, a.label, a.headings, a.text
  FROM statute_articles a JOIN statute_laws l ON l.id = a.law_id`;

export function getArticle(db: Db, lawId: string, number: number, sub: number): StatuteArticle | null {
  const r = db.prepare(`${ARTICLE_SELECT} WHERE a.law_id = ? AND a.number = ? AND a.sub = ?`).get(lawId, number, sub) as
    | ArticleRow
    | undefined;
  return r ? toArticle(r) : null;
}

export function maxArticle(db: Db, lawId: string): number {
  return (db.prepare('SELECT max(number) AS n FROM statute_articles WHERE law_id = ?').get(lawId) as { n: number | null }).n ?? 0;
}

export function statuteDocCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM statute_articles').get() as { n: number }).n;
}

export function statuteTermDf(db: Db, terms: readonly string[]): Map<string, number> {
  const stmt = db.prepare('SELECT doc FROM statute_vocab WHERE term = ?');
  return new Map(terms.map((t) => [t, (stmt.get(t) as { doc: number } | undefined)?.doc ?? 0]));
}

/** BM25 over article text, limited to the given law versions (null = all). */
export function searchArticles(db: Db, match: string, limit: number, lawIds: readonly string[] | null): Array<StatuteArticle & { bm25: number }> {
  const params: unknown[] = [match];
  let extra = '';
  if (lawIds) {
    extra = ` AND a.law_id IN (${lawIds.map(() => '?').join(',')})`;
    params.push(...lawIds);
  }
  params.push(limit);
  const rows = db
    .prepare(
      `SELECT a.id, a.law_id, l.title, l.version, a.number, a.sub, a.label, a.headings, a.text, bm25(statute_fts) AS s
       FROM statute_fts f JOIN statute_articles a ON a.id = f.rowid JOIN statute_laws l ON l.id = a.law_id
       WHERE statute_fts MATCH ?${extra} ORDER BY s LIMIT ?`,
    )
    .all(...params) as Array<ArticleRow & { s: number }>;
  return rows.map((r) => ({ ...toArticle(r), bm25: -r.s }));
}
