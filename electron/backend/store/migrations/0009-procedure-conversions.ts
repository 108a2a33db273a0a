import type { Migration } from './index';

/**
 * Procedure conversion rulings (简易/小额 → 普通/简易, CPL arts. 169, 170): the trial limit then counts
 * from filing under the new procedure (CPL-Interp art. 258), and extensions of the former limit stop
 * counting, so the ruling is a fact the deadlines are recomputed from, not only an audit line.
 */
const migration: Migration = {
  version: 9,
  name: 'deadlines: procedure conversions',
  up(db) {
    db.exec(`
      CREATE TABLE procedure_conversions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        from_procedure TEXT NOT NULL CHECK (from_procedure IN ('simplified','small_claims')),
        to_procedure TEXT NOT NULL CHECK (to_procedure IN ('ordinary','simplified')),
        ruled_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        due_before TEXT NOT NULL,
        due_after TEXT NOT NULL,
        fee_before_fen INTEGER,
        fee_after_fen INTEGER,
        article TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        CHECK (from_procedure <> to_procedure)
      ) STRICT;
      CREATE INDEX procedure_conversions_by_case ON procedure_conversions (case_id, ruled_on);
    `);
  },
};
export default migration;
