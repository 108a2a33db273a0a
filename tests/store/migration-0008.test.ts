import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/backend/log';
import { openDatabase, schemaVersion } from '../../electron/backend/store/db';
import { MIGRATIONS } from '../../electron/backend/store/migrations';
import { tempDir } from '../helpers/backend';

const upTo = (v: number) => MIGRATIONS.filter((m) => m.version <= v);

describe('migration 0008: service records and trial-limit extensions', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('upgrades a v7 database with a registered case and its deadlines, which keep working', () => {
    const path = join(tmp.dir, 'v7.db');
    const db7 = openDatabase(path, { log: silentLogger, migrations: upTo(7) });
    expect(schemaVersion(db7)).toBe(7);
    db7.prepare(
      `INSERT INTO cases (id, case_number, title, procedure, stage, status, filed_on, plaintiffs, defendants, search_text, version, created_at, updated_at)
       VALUES ('c1', '（2026）粤0305民初1号', '张三诉李四', 'ordinary', 'intake', 'active', '2026-03-02', '["张三"]', '["李四"]', '', 1, 1, 1)`,
    ).run();
    db7.prepare(
      `INSERT INTO deadlines (id, case_id, kind, label_zh, label_en, start, due, estimated, article, detail, updated_at)
       VALUES ('d1', 'c1', 'answer', '答辩期届满', 'Answer period ends', '2026-03-07', '2026-03-23', 1, 'CPL art. 128', '{"steps":[],"warnings":[]}', 1)`,
    ).run();
    db7.close();

    const db = openDatabase(path, { log: silentLogger, migrations: upTo(8) });
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare("SELECT id, estimated FROM deadlines WHERE case_id = 'c1'").all()).toEqual([{ id: 'd1', estimated: 1 }]);

    const service = db.prepare(
      `INSERT INTO service_records (id, case_id, party_id, party_name, method, served_on, effective_on, article, created_at, created_by)
       VALUES (?, 'c1', ?, '李四', ?, '2026-03-05', '2026-03-05', 'CPL art. 87', 1, 'x')`,
    );
    service.run('s1', 'p1', 'personal');
    // One record per party; an unknown method is refused by the table itself.
    expect(() => service.run('s2', 'p1', 'post')).toThrow(/UNIQUE/);
    expect(() => service.run('s3', 'p2', 'pigeon')).toThrow(/CHECK/);
    const ext = db.prepare(
      `INSERT INTO trial_extensions (id, case_id, months, days, authority, approved_by, approved_on, reason, due_before, due_after, article, created_at, created_by)
       VALUES (?, 'c1', ?, ?, ?, '院长', '2026-08-20', '案情复杂', '2026-09-02', '2027-03-02', 'CPL art. 152', 1, 'x')`,
    );
    ext.run('e1', 6, 0, 'president');
    expect(() => ext.run('e2', 0, 0, 'president')).toThrow(/CHECK/);
    expect(() => ext.run('e3', 1, 0, 'mayor')).toThrow(/CHECK/);
    // Both go with their case.
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM service_records) + (SELECT COUNT(*) FROM trial_extensions) AS n').get()).toEqual({ n: 0 });
    db.close();
  });
});
