import type Database from 'better-sqlite3';
import m0001 from './0001-initial';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

/** In order; each file is tested from the version before it. */
export const MIGRATIONS: readonly Migration[] = [m0001];
