import type { Db } from './store/db';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { OperationRegistry } from './ops';

export type RunMode = 'desktop' | 'browser' | 'test';

/** What every domain service gets: the store, push events, long-operation registry and log. */
export interface BackendContext {
  readonly db: Db;
  readonly dataDir: string;
  readonly dbPath: string;
  readonly mode: RunMode;
  readonly version: string;
  /** Folder of shipped resources (templates, samples, prompts, holiday calendars). */
  readonly resourcesDir: string;
  readonly events: EventBus;
  readonly ops: OperationRegistry;
  readonly log: Logger;
  /** The user named in audit rows (settings.userName). */
  actor(): string;
  /** Epoch ms; injectable so tests can fix time. */
  now(): number;
}
