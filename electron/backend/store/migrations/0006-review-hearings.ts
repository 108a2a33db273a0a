import type { Migration } from './index';

/**
 * File review (阅卷) and hearings (庭审). Documents keep their own rows; the case file adds a
 * category and order per document. JSON columns hold small nested values (cross-examination
 * opinions, element signals, outline sections, transcript turns) that are always read and
 * written whole, with a version per row for optimistic concurrency.
 */
const migration: Migration = {
  version: 6,
  name: 'review and hearings: case file, evidence, summaries, timeline, elements, hearings, outlines, transcripts',
  up(db) {
    db.exec(`
      CREATE TABLE review_documents (
        document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        rule_category TEXT NOT NULL,
        confidence REAL NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('rule','clerk')),
        -- Set once the clerk orders the case file by hand; NULL sorts by category then upload.
        position INTEGER,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_documents_by_case ON review_documents (case_id);

      CREATE TABLE evidence_items (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        -- No foreign key: a party removed from the case must not take its evidence with it.
        submitted_by TEXT,
        submitted_by_name TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        purpose TEXT NOT NULL DEFAULT '',
        page_refs TEXT NOT NULL DEFAULT '',
        document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
        cross_exam TEXT NOT NULL DEFAULT '[]',
        finding TEXT NOT NULL DEFAULT '{"result":"pending","reason":""}',
        origin TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX evidence_items_by_case ON evidence_items (case_id, seq);

      -- document_key is the document id, or '' for the case summary.
      CREATE TABLE review_summaries (
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        document_key TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (case_id, document_key)
      ) STRICT;

      CREATE TABLE timeline_events (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        precision TEXT NOT NULL CHECK (precision IN ('day','month')),
        text TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('rule','clerk')),
        date_text TEXT NOT NULL DEFAULT '',
        relative INTEGER NOT NULL DEFAULT 0,
        document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
        document_title TEXT NOT NULL DEFAULT '',
        span_start INTEGER,
        span_end INTEGER,
        quote TEXT NOT NULL DEFAULT '',
        event_start INTEGER,
        event_end INTEGER,
        -- A rule event the clerk deleted: hidden, and remembered so a rebuild does not bring it back.
        dismissed INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX timeline_events_by_case ON timeline_events (case_id, date);

      CREATE TABLE timeline_builds (
        case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        problems TEXT NOT NULL DEFAULT '[]',
        truncated TEXT NOT NULL DEFAULT '[]',
        built_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE case_elements (
        case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        data TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE hearings (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        date TEXT NOT NULL,
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL,
        room TEXT NOT NULL DEFAULT '',
        presiding_judge TEXT NOT NULL DEFAULT '',
        panel TEXT NOT NULL DEFAULT '[]',
        clerk TEXT NOT NULL DEFAULT '',
        participants TEXT NOT NULL DEFAULT '[]',
        public_hearing INTEGER NOT NULL DEFAULT 1,
        notice_served_on TEXT,
        status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','held','cancelled')),
        notes TEXT NOT NULL DEFAULT '',
        override TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hearings_by_date ON hearings (date, start_time);
      CREATE INDEX hearings_by_case ON hearings (case_id, date);

      CREATE TABLE hearing_outlines (
        hearing_id TEXT PRIMARY KEY REFERENCES hearings (id) ON DELETE CASCADE,
        sections TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        generated_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE hearing_transcripts (
        hearing_id TEXT PRIMARY KEY REFERENCES hearings (id) ON DELETE CASCADE,
        turns TEXT NOT NULL,
        turn_count INTEGER NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        audited_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
export default migration;
