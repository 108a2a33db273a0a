import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api, Method } from '../../shared/contract/methods';
import { AppError } from '../../shared/contract/result';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { dispatch } from '../../electron/backend/dispatch';
import { silentLogger } from '../../electron/backend/log';
import { METHOD_NAMES } from '../../shared/contract/names';

export function tempDir(prefix = 'courtdesk-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestBackend {
  readonly backend: Backend;
  /** Calls through dispatch (validation included), like every real transport. */
  readonly api: Api;
  readonly dir: string;
  close(): Promise<void>;
}

export async function openTestBackend(dir?: string, now?: () => number): Promise<TestBackend> {
  const tmp = dir ? null : tempDir();
  const dataDir = dir ?? tmp!.dir;
  const backend = await createBackend({ dataDir, mode: 'test', log: silentLogger, ...(now ? { now } : {}) });
  const api = Object.fromEntries(
    METHOD_NAMES.map((m: Method) => [
      m,
      async (input: unknown) => {
        const r = await dispatch(backend.handlers, m, input, silentLogger);
        if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
        return r.value;
      },
    ]),
  ) as Api;
  return {
    backend,
    api,
    dir: dataDir,
    close: async () => {
      await backend.close();
      tmp?.cleanup();
    },
  };
}

export async function expectAppError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
