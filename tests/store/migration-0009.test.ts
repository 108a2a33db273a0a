import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/backend/log';
import { openDatabase, schemaVersion } from '../../electron/backend/store/db';
import { MIGRATIONS } from '../../electron/backend/store/migrations';
import { tempDir } from '../helpers/backend';

const upTo = (v: number) => MIGRATIONS.filter((m) => m.version <= v);

describe('migration 0009: procedure conversions', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('upgrades a v8 database with a served case; conversions are checked by the table and go with their case', () => {
    const path = join(tmp.dir, 'v8.db');
    const db8 = openDatabase(path, { log: silentLogger, migrations: upTo(8) });
    db8.prepare(
      `INSERT INTO cases (id, case_number, title, procedure, stage, status, filed_on, plaintiffs, defendants, search_text, version, created_at, updated_at)
       VALUES ('c1', '（2026）粤0305民初1号', '张三诉李四', 'simplified', 'intake', 'active', '2026-03-02', '["张三"]', '["李四"]', '', 1, 1, 1)`,
    ).run();
    db8.prepare(
      `INSERT INTO service_records (id, case_id, party_id, party_name, method, served_on, effective_on, article, created_at, created_by)
       VALUES ('s1', 'c1', 'p1', '李四', 'personal', '2026-03-05', '2026-03-05', 'CPL art. 87', 1, 'x')`,
    ).run();
    db8.close();

    const db = openDatabase(path, { log: silentLogger, migrations: upTo(9) });
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT COUNT(*) AS n FROM service_records').get()).toEqual({ n: 1 });
    const ins = db.prepare(
      `INSERT INTO procedure_conversions (id, case_id, from_procedure, to_procedure, ruled_on, reason, due_before, due_after,
         fee_before_fen, fee_after_fen, article, created_at, created_by)
       VALUES (?, 'c1', ?, ?, '2026-04-01', '案情复杂', '2026-06-02', '2026-09-02', 52500, 105000, 'CPL art. 170', 1, 'x')`,
    );
    ins.run('v1', 'simplified', 'ordinary');
    // Ordinary is never converted, and a conversion changes the procedure.
    expect(() => ins.run('v2', 'ordinary', 'simplified')).toThrow(/CHECK/);
    expect(() => ins.run('v3', 'simplified', 'simplified')).toThrow(/CHECK/);
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM procedure_conversions').get()).toEqual({ n: 0 });
    db.close();
  });
});
