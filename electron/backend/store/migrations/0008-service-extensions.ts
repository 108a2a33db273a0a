import type { Migration } from './index';

/**
 * Recorded service (送达) per party and approved trial-limit extensions (审限延长), so the answer
 * and evidence periods run from the actual service and the trial limit carries its extensions.
 */
const migration: Migration = {
  version: 8,
  name: 'deadlines: service records and trial-limit extensions',
  up(db) {
    db.exec(`
      -- party_id has no foreign key: a case edit rewrites its parties (keeping their ids), and a
      -- cascade would delete the record of a service that did happen. party_name keeps who it was.
      CREATE TABLE service_records (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        party_id TEXT NOT NULL,
        party_name TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('personal','substitute','refusal','electronic','post','publication')),
        served_on TEXT NOT NULL,
        effective_on TEXT NOT NULL,
        foreign_domicile INTEGER NOT NULL DEFAULT 0 CHECK (foreign_domicile IN (0, 1)),
        evidence_days INTEGER CHECK (evidence_days IS NULL OR evidence_days BETWEEN 1 AND 365),
        note TEXT NOT NULL DEFAULT '',
        article TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      -- One current service per party; a correction replaces it (the audit row keeps the old one).
      CREATE UNIQUE INDEX service_records_one_per_party ON service_records (case_id, party_id);

      CREATE TABLE trial_extensions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        months INTEGER NOT NULL CHECK (months >= 0),
        days INTEGER NOT NULL CHECK (days >= 0),
        authority TEXT NOT NULL CHECK (authority IN ('president','higher-court')),
        approved_by TEXT NOT NULL,
        approved_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        due_before TEXT NOT NULL,
        due_after TEXT NOT NULL,
        article TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        CHECK (months + days > 0)
      ) STRICT;
      CREATE INDEX trial_extensions_by_case ON trial_extensions (case_id, approved_on);
    `);
  },
};
export default migration;
