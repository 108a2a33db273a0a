import type { Migration } from './index';

/**
 * Intake (立案): the stored extraction of a filing, case-number counters, the fee computed at
 * registration, tracked deadlines, trial-limit pauses and the stage history.
 */
const migration: Migration = {
  version: 4,
  name: 'intake: extractions, case-number counters, fees, deadlines, stages',
  up(db) {
    db.exec(`
      -- One current extraction per case; spans point into document_id's text.
      CREATE TABLE intake_extractions (
        case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
        version INTEGER NOT NULL DEFAULT 1,
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      -- The last sequence handed out per court, type code and year. Only ever incremented, and
      -- not tied to any case, so a number freed by a deleted draft is never given again
      -- (案号规定 art. 3: one number, one case).
      CREATE TABLE case_number_counters (
        court_code TEXT NOT NULL,
        type_code TEXT NOT NULL,
        year INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (court_code, type_code, year)
      ) STRICT;

      CREATE TABLE case_fees (
        case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        amount_fen INTEGER,
        fee_fen INTEGER NOT NULL,
        full_fee_fen INTEGER NOT NULL,
        detail TEXT NOT NULL,
        computed_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE deadlines (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        label_zh TEXT NOT NULL,
        label_en TEXT NOT NULL,
        start TEXT NOT NULL,
        due TEXT NOT NULL,
        estimated INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
        article TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX deadlines_by_due ON deadlines (status, due);
      CREATE UNIQUE INDEX deadlines_one_per_kind ON deadlines (case_id, kind);

      CREATE TABLE trial_pauses (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        from_date TEXT NOT NULL,
        to_date TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX trial_pauses_by_case ON trial_pauses (case_id, from_date);

      CREATE TABLE case_stage_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX case_stage_history_by_case ON case_stage_history (case_id, id);
    `);
  },
};
export default migration;
