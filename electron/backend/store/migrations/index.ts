import type Database from 'better-sqlite3';
import m0001 from './0001-initial';
import m0002 from './0002-llm';
import m0003 from './0003-precedents';
import m0004 from './0004-intake';
import m0005 from './0005-drafting';
import m0006 from './0006-review-hearings';
import m0007 from './0007-mediation';
import m0008 from './0008-service-extensions';
import m0009 from './0009-procedure-conversions';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

/** In order; each file is tested from the version before it. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];
