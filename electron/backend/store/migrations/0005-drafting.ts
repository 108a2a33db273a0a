import type { Migration } from './index';

/**
 * Drafting (文书): one row per draft document with its sections as JSON, and a history of
 * snapshots so any two versions can be compared. Also indexes precedents by case number, which
 * drafting uses to check the precedents a draft cites.
 */
const migration: Migration = {
  version: 5,
  name: 'drafting: drafts, draft versions',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        document_date TEXT NOT NULL,
        options TEXT NOT NULL DEFAULT '{}',
        template_version INTEGER NOT NULL,
        -- [{id, title, kind, layout, text, source, needsInput, generatable, notes, citations}]
        sections TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_by_case ON drafts (case_id, updated_at);

      -- Full snapshots: drafts are small (tens of kB) and diffs between any two versions stay simple.
      -- Autosave bursts on one section by one person overwrite their last row (see repos/drafting.ts).
      CREATE TABLE draft_versions (
        draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        section_id TEXT,
        source TEXT,
        document_date TEXT NOT NULL,
        sections TEXT NOT NULL,
        PRIMARY KEY (draft_id, version)
      ) STRICT;

      CREATE INDEX IF NOT EXISTS precedents_by_case_number ON precedents (case_number);
    `);
  },
};
export default migration;
