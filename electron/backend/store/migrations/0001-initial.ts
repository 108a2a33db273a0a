import type { Migration } from './index';

/**
 * The case store. Money is integer fen; dates are ISO text (YYYY-MM-DD); instants are epoch ms.
 * Original document bytes live in their own table so listing documents never reads blobs.
 */
const migration: Migration = {
  version: 1,
  name: 'initial case store',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL DEFAULT '',
        number_year INTEGER,
        number_seq INTEGER,
        title TEXT NOT NULL DEFAULT '',
        cause_of_action TEXT NOT NULL DEFAULT '',
        procedure TEXT CHECK (procedure IN ('ordinary','simplified','small_claims')),
        stage TEXT NOT NULL DEFAULT 'intake',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','archived')),
        filed_on TEXT,
        judge TEXT NOT NULL DEFAULT '',
        clerk TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL DEFAULT '',
        plaintiffs TEXT NOT NULL DEFAULT '[]',
        defendants TEXT NOT NULL DEFAULT '[]',
        claim_total_fen INTEGER,
        sample_key TEXT UNIQUE,
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        archived_at INTEGER
      ) STRICT;
      -- A number, once given, belongs to one case for ever (案号规定 art. 3).
      CREATE UNIQUE INDEX cases_number_unique ON cases (case_number) WHERE case_number <> '';
      CREATE INDEX cases_by_status_updated ON cases (status, updated_at DESC);
      CREATE INDEX cases_by_status_filed ON cases (status, filed_on);
      CREATE INDEX cases_by_status_number ON cases (status, number_year, number_seq, case_number);
      CREATE INDEX cases_by_status_cause ON cases (status, cause_of_action);

      CREATE TABLE parties (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('plaintiff','defendant','third_party')),
        kind TEXT NOT NULL CHECK (kind IN ('natural','legal','organization')),
        name TEXT NOT NULL,
        gender TEXT CHECK (gender IN ('male','female')),
        birth_date TEXT,
        ethnicity TEXT NOT NULL DEFAULT '',
        id_number TEXT NOT NULL DEFAULT '',
        credit_code TEXT NOT NULL DEFAULT '',
        legal_rep TEXT NOT NULL DEFAULT '',
        legal_rep_title TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX parties_by_case ON parties (case_id, position);

      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        party_id TEXT NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        firm TEXT NOT NULL DEFAULT '',
        license_no TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX agents_by_party ON agents (party_id, position);

      CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        amount_fen INTEGER
      ) STRICT;
      CREATE INDEX claims_by_case ON claims (case_id, seq);

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        filename TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        text_note TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX documents_by_case ON documents (case_id, created_at);
      CREATE INDEX documents_by_hash ON documents (case_id, sha256);

      CREATE TABLE document_blobs (
        document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        bytes BLOB NOT NULL
      ) STRICT;

      -- No foreign key to cases: the trail must outlive what it describes.
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        case_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX audit_by_case ON audit (case_id, id DESC);
    `);
  },
};
export default migration;
