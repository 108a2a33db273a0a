import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { Logger } from '../log';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  readonly log: Logger;
  /** Defaults to every migration; tests pass a prefix to build older schemas. */
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
  /** better-sqlite3 binary built for another runtime ABI (Electron), see architecture.md §7. */
  readonly nativeBinding?: string;
}

export const DB_FILE = 'courtdesk.db';

export function dbPathFor(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

/**
 * Opens (creating if needed) the case store. WAL lets the UI read while the CLI backs up or
 * imports; synchronous=FULL because losing a registered case on power loss is not acceptable.
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const existed = path !== ':memory:' && existsSync(path);
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations ?? MIGRATIONS, options.log, existed ? path : null);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Runs pending migrations in one transaction. A database written by a newer CourtDesk is
 * refused rather than opened by code that does not know its tables. An existing file is
 * copied aside first so a failed or regretted upgrade can be undone by hand.
 */
export function migrate(db: Db, migrations: readonly Migration[], log: Logger, backupFrom: string | null): void {
  migrations.forEach((m, i) => {
    const prev = migrations[i - 1];
    if (prev && prev.version >= m.version) throw new Error(`Migration order broken at ${m.version}`);
  });
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `This database was written by a newer CourtDesk (schema ${current}; this version knows up to ${latest}). ` +
        'Update CourtDesk to open it; the file has not been changed.',
      { current, latest },
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (backupFrom && current > 0) {
    const target = `${backupFrom}.v${current}.bak`;
    // Synchronous copy through SQLite's own backup API would be async; VACUUM INTO is atomic and sync.
    db.prepare('VACUUM INTO ?').run(target);
    log.info(`db: backed up schema ${current} to ${target} before migrating`);
  }
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      log.info(`db: migrated to ${m.version} (${m.name})`);
    }
    db.pragma(`user_version = ${latest}`);
  })();
}

/**
 * A consistent copy of a live database (other connections may keep writing): SQLite's online
 * backup API copies pages and restarts if they change underneath it.
 */
export async function backupDatabase(db: Db, target: string): Promise<number> {
  mkdirSync(dirname(target), { recursive: true });
  const result = await db.backup(target);
  return result.totalPages;
}

/**
 * Copies a database file that another process (the running app) may be writing, without
 * migrating or otherwise touching it.
 */
export async function backupFile(dbPath: string, target: string, nativeBinding?: string): Promise<number> {
  if (!existsSync(dbPath)) throw new AppError('NOT_FOUND', `No CourtDesk database at ${dbPath}`);
  const db = new Database(dbPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 5000');
    return await backupDatabase(db, target);
  } finally {
    db.close();
  }
}

/** Reads the schema version of a file without migrating it. */
export function peekSchemaVersion(dbPath: string): number | null {
  if (!existsSync(dbPath)) return null;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}
