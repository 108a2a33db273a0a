import type { Migration } from './index';

/**
 * The local-model runtime's records.
 * - llm_outputs: provenance of every AI answer (which prompt version and which model produced
 *   it), so a judge can see where a suggestion came from and an answer can be reproduced.
 * - llm_bench_runs: knowledge-density bench results, the leaderboard of models on this machine.
 */
const migration: Migration = {
  version: 2,
  name: 'llm provenance and bench results',
  up(db) {
    db.exec(`
      CREATE TABLE llm_outputs (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        prompt_id TEXT,
        prompt_version INTEGER,
        model_path TEXT NOT NULL,
        model_name TEXT NOT NULL,
        model_bytes INTEGER NOT NULL,
        -- No foreign key: an answer's provenance outlives the removal of a case's documents,
        -- and the audit trail must not block deleting a case.
        case_id TEXT,
        stop_reason TEXT NOT NULL CHECK (stop_reason IN ('stop','maxTokens','cancelled','error')),
        output_text TEXT NOT NULL,
        output_json TEXT,
        timings TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX llm_outputs_by_case ON llm_outputs (case_id, created_at) WHERE case_id IS NOT NULL;

      CREATE TABLE llm_bench_runs (
        id TEXT PRIMARY KEY,
        model_path TEXT NOT NULL,
        model_name TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        quantization TEXT NOT NULL,
        threads INTEGER NOT NULL,
        suite_version TEXT NOT NULL,
        items INTEGER NOT NULL,
        accuracy REAL NOT NULL,
        json_valid_rate REAL NOT NULL,
        ttft_ms_median REAL,
        tokens_per_second REAL NOT NULL,
        peak_rss_bytes INTEGER NOT NULL,
        seconds_per_item REAL NOT NULL,
        density REAL NOT NULL,
        by_task TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX llm_bench_by_density ON llm_bench_runs (density DESC, started_at DESC);
    `);
  },
};
export default migration;
