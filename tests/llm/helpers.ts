import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventName } from '../../shared/contract/events';
import type { LlmDone } from '../../shared/contract/llm';
import type { TestBackend } from '../helpers/backend';

export const projectRoot = resolve(__dirname, '..', '..');
/** The shared random-weight fixture (../shared beside the checkout); model tests skip without it. */
export const tinyModel = join(projectRoot, '..', 'shared', 'models', 'llama-2-tiny-random.gguf');
export const haveTinyModel = existsSync(tinyModel);
if (!haveTinyModel) {
  console.warn(`[llm tests] SKIPPED model tests: ${tinyModel} is absent (it lives in ../shared/models beside the checkout).`);
}

export interface Recorded {
  readonly name: EventName;
  readonly payload: unknown;
}

export function record(tb: TestBackend): { events: Recorded[]; stop(): void } {
  const events: Recorded[] = [];
  const stop = tb.backend.ctx.events.subscribe((name, payload) => events.push({ name, payload }));
  return { events, stop };
}

export function waitEvent<T>(tb: TestBackend, name: EventName, match: (p: T) => boolean, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${name}`));
    }, timeoutMs);
    const stop = tb.backend.ctx.events.subscribe((n, payload) => {
      if (n === name && match(payload as T)) {
        clearTimeout(timer);
        stop();
        resolvePromise(payload as T);
      }
    });
  });
}

export interface OpDonePayload {
  opId: string;
  kind: string;
  status: 'ok' | 'cancelled' | 'error';
  error: { code: string; message: string } | null;
  result: unknown;
}

export function opDone(tb: TestBackend, opId: string, timeoutMs?: number): Promise<OpDonePayload> {
  return waitEvent<OpDonePayload>(tb, 'ops.done', (p) => p.opId === opId, timeoutMs);
}

/** Waits until a recorded event matches (events recorded from before the call, so none is missed). */
export async function until<T>(rec: { events: Recorded[] }, name: EventName, match: (p: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = rec.events.find((e) => e.name === name && match(e.payload as T));
    if (hit) return hit.payload as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${name}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function doneOf(rec: { events: Recorded[] }, requestId: string): Promise<LlmDone> {
  return until<LlmDone>(rec, 'llm.done', (p) => p.requestId === requestId);
}
