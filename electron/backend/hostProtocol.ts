/**
 * Messages between the Electron main process and the backend host (utilityProcess), and on the
 * per-window MessagePort between the preload and the host. Types only and no imports beyond the
 * contract, so the main process (which must not pull in backend code) can `import type` them.
 */
import type { ErrorBody, Result } from '../../shared/contract/result';

/** main → host over process.parentPort. `connect` carries one MessagePortMain in `ports[0]`. */
export type MainToHost = { readonly type: 'connect' } | { readonly type: 'shutdown' };

/** host → main over process.parentPort. */
export type HostToMain =
  /** The backend is open: main may now hand windows their ports. */
  | { readonly type: 'ready' }
  /** The backend cannot start (e.g. DB_TOO_NEW); restarting would not help, so main tells the user. */
  | { readonly type: 'fatal'; readonly error: ErrorBody };

/** preload → host over a window's port. `id` is unique per port. */
export interface PortRequest {
  readonly id: number;
  readonly method: string;
  readonly input: unknown;
}

/** host → preload over a window's port: a reply or a push event. */
export type PortMessage =
  | { readonly id: number; readonly result: Result<unknown> }
  | { readonly event: string; readonly payload: unknown };

/** Environment variables main sets for the host (utilityProcess args are avoided: env is simpler to audit). */
export const HOST_ENV = {
  dataDir: 'COURTDESK_DATA_DIR',
  resourcesDir: 'COURTDESK_RESOURCES_DIR',
  /** Path of a better-sqlite3 binding compiled for Electron's ABI (see scripts/electron-native.cjs). */
  sqliteBinding: 'COURTDESK_SQLITE_BINDING',
  /** The app's version as Electron knows it: a packaged app has no package.json beside resources/. */
  appVersion: 'COURTDESK_APP_VERSION',
} as const;

export function isMainToHost(value: unknown): value is MainToHost {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'connect' || type === 'shutdown';
}

export function isHostToMain(value: unknown): value is HostToMain {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; error?: unknown };
  if (v.type === 'ready') return true;
  if (v.type !== 'fatal' || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

export function isPortRequest(value: unknown): value is PortRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; method?: unknown };
  return typeof v.id === 'number' && Number.isSafeInteger(v.id) && typeof v.method === 'string';
}
