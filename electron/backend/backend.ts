import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Handlers } from '../../shared/contract/methods';
import { appHandlers, readSettings } from './app/service';
import { caseHandlers } from './cases/service';
import { draftingHandlers } from './drafting/service';
import { llmHandlers } from './llm/handlers';
import { mediationHandlers } from './mediation/service';
import { precedentHandlers } from './precedents/service';
import { intakeHandlers } from './intake/service';
import { reviewHandlers } from './review/service';
import { hearingHandlers } from './hearings/service';
import { taskHandlers } from './tasks/service';
import { disposeLlm } from './llm/service';
import type { BackendContext, RunMode } from './context';
import { EventBus } from './events';
import type { Logger } from './log';
import { OperationRegistry } from './ops';
import { dbPathFor, openDatabase } from './store/db';

export interface BackendOptions {
  readonly dataDir: string;
  readonly mode: RunMode;
  readonly log: Logger;
  /** Defaults to the project's resources/ folder (found upwards from this file). */
  readonly resourcesDir?: string;
  readonly nativeBinding?: string;
  /** Defaults to package.json's version (a packaged app passes Electron's app.getVersion()). */
  readonly version?: string;
  readonly now?: () => number;
}

export interface Backend {
  readonly handlers: Handlers;
  readonly ctx: BackendContext;
  close(): Promise<void>;
}

/** Walks up from `start` to the folder holding package.json: works from sources and from out/. */
export function projectRoot(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

export function appVersion(root: string = projectRoot()): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function osUser(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}

/**
 * Builds the whole backend: the same object serves Electron's utilityProcess, `courtdesk serve`
 * and tests, so behaviour cannot drift between them.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const root = projectRoot();
  const dbPath = dbPathFor(options.dataDir);
  const db = openDatabase(dbPath, {
    log: options.log,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const events = new EventBus();
  const ops = new OperationRegistry(events);
  const fallbackUser = osUser();
  const ctx: BackendContext = {
    db,
    dataDir: options.dataDir,
    dbPath,
    mode: options.mode,
    version: options.version ?? appVersion(root),
    resourcesDir: options.resourcesDir ?? join(root, 'resources'),
    events,
    ops,
    log: options.log,
    actor: () => readSettings(db, fallbackUser).userName,
    now: options.now ?? Date.now,
  };
  const handlers: Handlers = {
    ...appHandlers(ctx, fallbackUser),
    ...caseHandlers(ctx),
    ...llmHandlers(ctx),
    ...precedentHandlers(ctx, { nativeBinding: options.nativeBinding }),
    ...intakeHandlers(ctx),
    ...draftingHandlers(ctx),
    ...reviewHandlers(ctx),
    ...hearingHandlers(ctx),
    ...mediationHandlers(ctx),
    ...taskHandlers(ctx),
  };
  return {
    handlers,
    ctx,
    close: async () => {
      ops.cancelAll();
      // Free the model before the database: a generation finishing late still records provenance.
      await disposeLlm(ctx);
      if (db.open) db.close();
    },
  };
}
