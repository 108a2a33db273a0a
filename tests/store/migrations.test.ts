import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/backend/log';
import { latestVersion, openDatabase, schemaVersion } from '../../electron/backend/store/db';
import { MIGRATIONS } from '../../electron/backend/store/migrations';
import { AppError } from '../../shared/contract/result';
import { tempDir } from '../helpers/backend';

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('build an empty database up to the latest version with WAL and foreign keys', () => {
    const db = openDatabase(join(tmp.dir, 'a.db'), { log: silentLogger });
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['cases', 'parties', 'agents', 'claims', 'documents', 'document_blobs', 'audit', 'settings']));
    db.close();
  });

  it.each(MIGRATIONS.map((m, i) => [m.version, i] as const))(
    'upgrade from the version before %i keeps existing rows and backs the file up',
    (version, index) => {
      const path = join(tmp.dir, 'b.db');
      const older = MIGRATIONS.slice(0, index);
      const db0 = openDatabase(path, { log: silentLogger, migrations: older });
      expect(schemaVersion(db0)).toBe(older.at(-1)?.version ?? 0);
      if (older.length > 0) {
        db0.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
      }
      db0.close();
      const db1 = openDatabase(path, { log: silentLogger, migrations: MIGRATIONS.slice(0, index + 1) });
      expect(schemaVersion(db1)).toBe(version);
      if (older.length > 0) {
        expect(db1.prepare("SELECT value FROM settings WHERE key='probe'").get()).toEqual({ value: '1' });
        expect(readdirSync(tmp.dir).some((f) => f.endsWith(`.v${older.at(-1)!.version}.bak`))).toBe(true);
      }
      db1.close();
    },
  );

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const path = join(tmp.dir, 'future.db');
    const raw = new Database(path);
    raw.exec("CREATE TABLE future_stuff (x TEXT); INSERT INTO future_stuff VALUES ('keep me')");
    raw.pragma(`user_version = ${latestVersion() + 5}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(path, { log: silentLogger });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).message).toMatch(/newer CourtDesk/);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(latestVersion() + 5);
    expect(check.prepare('SELECT x FROM future_stuff').get()).toEqual({ x: 'keep me' });
    check.close();
  });

  it('rolls back every migration when one fails, leaving the version unchanged', () => {
    const path = join(tmp.dir, 'c.db');
    const broken = [
      ...MIGRATIONS,
      { version: 9999, name: 'broken', up: (db: Database.Database) => db.exec('CREATE TABLE ok_table (x); SELECT * FROM no_such_table') },
    ];
    expect(() => openDatabase(path, { log: silentLogger, migrations: broken })).toThrow(/no such table/);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('cases','ok_table')").get()).toEqual({ n: 0 });
    check.close();
  });

  it('refuses a file that is not a database with a clear error', () => {
    const path = join(tmp.dir, 'junk.db');
    writeFileSync(path, 'this is not sqlite'.repeat(100));
    expect(() => openDatabase(path, { log: silentLogger })).toThrow(/not a database/);
    expect(existsSync(path)).toBe(true);
  });
});
