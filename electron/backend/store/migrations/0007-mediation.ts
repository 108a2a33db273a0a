import type { Migration } from './index';

/**
 * Mediation (调解): how closed cases ended, the logistic models fitted on them, and the last LLM
 * narrative per case. An outcome row keeps the case's factor vector as it was when the outcome
 * was recorded, so a refit reads one small table instead of re-reading every closed file.
 */
const migration: Migration = {
  version: 7,
  name: 'mediation: case outcomes, fitted models, narratives',
  up(db) {
    db.exec(`
      CREATE TABLE case_outcomes (
        case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        outcome TEXT NOT NULL CHECK (outcome IN ('mediated','withdrawn','judged','dismissed','other')),
        mediation_attempted INTEGER NOT NULL CHECK (mediation_attempted IN (0,1)),
        closed_on TEXT,
        note TEXT NOT NULL DEFAULT '',
        -- Snapshot of the cause (for "same cause" outcome counts) and the factor vector (JSON).
        cause TEXT NOT NULL,
        features TEXT NOT NULL,
        prior_version INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_outcomes_by_cause ON case_outcomes (cause);

      -- Every fit is kept (history); the newest row is the model in use.
      CREATE TABLE mediation_models (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        intercept REAL NOT NULL,
        weights TEXT NOT NULL,
        trained_on INTEGER NOT NULL,
        positives INTEGER NOT NULL,
        lambda REAL NOT NULL,
        calibration TEXT NOT NULL,
        prior_version INTEGER NOT NULL,
        fitted_at INTEGER NOT NULL,
        fitted_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE mediation_narratives (
        case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
export default migration;
