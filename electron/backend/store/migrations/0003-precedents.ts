import type { Migration } from './index';

/**
 * Precedent corpus (类案) and statute library (法条).
 * - precedents: one row per imported judgment, sections stored separately so search passages can
 *   point at character offsets inside a section. content_hash is UNIQUE: re-importing the same text
 *   (a duplicate file, a resumed import) can never create a second row.
 * - precedents_fts / statute_fts: contentless FTS5 indexes over *segmented* text (space-joined
 *   words), so the stored text is not duplicated. They are derived data: precedents.reindex rebuilds
 *   them; contentless_delete lets single rows be removed (SQLite ≥ 3.43).
 * - statute_laws is keyed by (title, version): an article number means different text in different
 *   versions (brief §0.3), so every version is kept side by side.
 */
const migration: Migration = {
  version: 3,
  name: 'precedents and statutes',
  up(db) {
    db.exec(`
      CREATE TABLE precedent_imports (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('table','folder','lecard')),
        path TEXT NOT NULL,
        spec TEXT NOT NULL,
        source_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running','done','cancelled','failed','interrupted')),
        position INTEGER NOT NULL DEFAULT 0,
        total INTEGER,
        inserted INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        issues TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE precedents (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        court TEXT NOT NULL DEFAULT '',
        court_level TEXT NOT NULL DEFAULT 'unknown',
        case_number TEXT NOT NULL DEFAULT '',
        decided_on TEXT,
        year INTEGER,
        causes TEXT NOT NULL DEFAULT '[]',
        procedure TEXT NOT NULL DEFAULT 'unknown',
        doc_kind TEXT NOT NULL DEFAULT 'other',
        authority TEXT NOT NULL CHECK (authority IN ('guiding','gazette','reference','ordinary')),
        authority_rank INTEGER NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        source_ref TEXT NOT NULL DEFAULT '',
        -- No foreign key: removing the record of an import must not delete what it brought in.
        import_id TEXT,
        header TEXT NOT NULL DEFAULT '',
        parties TEXT NOT NULL DEFAULT '',
        claims TEXT NOT NULL DEFAULT '',
        facts TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        judgment TEXT NOT NULL DEFAULT '',
        tail TEXT NOT NULL DEFAULT '',
        features TEXT NOT NULL DEFAULT '{}',
        indexed INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX precedents_by_import ON precedents (import_id);
      CREATE INDEX precedents_by_source ON precedents (source);
      CREATE INDEX precedents_unindexed ON precedents (indexed) WHERE indexed = 0;

      CREATE TABLE precedent_causes (
        cause TEXT NOT NULL,
        precedent_id INTEGER NOT NULL REFERENCES precedents (id) ON DELETE CASCADE,
        PRIMARY KEY (cause, precedent_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX precedent_causes_by_precedent ON precedent_causes (precedent_id);

      CREATE VIRTUAL TABLE precedents_fts USING fts5(
        title, cause, claims, facts, reasoning, judgment,
        content = '', contentless_delete = 1
      );
      CREATE VIRTUAL TABLE precedents_vocab USING fts5vocab(precedents_fts, 'row');

      -- Document frequency per index term, snapshotted from precedents_vocab after each import or
      -- reindex: fts5vocab counts a term's documents by walking its whole posting list, far too slow
      -- per query at 100,000 judgments. Derived data, like the index.
      CREATE TABLE precedent_terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE precedent_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE statute_laws (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        short_title TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        version TEXT NOT NULL DEFAULT '',
        effective_from TEXT,
        file TEXT NOT NULL DEFAULT '',
        imported_at INTEGER NOT NULL,
        UNIQUE (title, version)
      ) STRICT;

      CREATE TABLE statute_articles (
        id INTEGER PRIMARY KEY,
        law_id TEXT NOT NULL REFERENCES statute_laws (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        sub INTEGER NOT NULL DEFAULT 0,
        label TEXT NOT NULL,
        headings TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL,
        UNIQUE (law_id, number, sub)
      ) STRICT;

      CREATE VIRTUAL TABLE statute_fts USING fts5(text, content = '', contentless_delete = 1);
      CREATE VIRTUAL TABLE statute_vocab USING fts5vocab(statute_fts, 'row');
    `);
  },
};
export default migration;
