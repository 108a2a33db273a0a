import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { EventName } from '../../shared/contract/events';
import type { LlmDone } from '../../shared/contract/llm';
import { ensureTinyGguf } from '../fixtures/gguf/makeTinyGguf';
import type { TestBackend } from '../helpers/backend';

export const projectRoot = resolve(__dirname, '..', '..');
/** The shared random-weight model (../shared beside the checkout), used when present. */
export const sharedTinyModel = join(projectRoot, '..', 'shared', 'models', 'llama-2-tiny-random.gguf');
/** The project's own fixture, generated (deterministically, in well under a second) when needed. */
export const generatedTinyModel = join(projectRoot, 'test-output', 'fixtures', 'courtdesk-tiny-random.gguf');

/**
 * Which tiny model the tests use: COURTDESK_TEST_MODEL=generated forces the project's own
 * fixture (to check a fresh clone's path on a machine that has ../shared), a path picks that
 * file, and by default the shared model is used when present, else the generated fixture. So
 * every model test runs on a fresh clone; none is skipped for want of ../shared.
 */
function pickTinyModel(): string {
  const env = process.env['COURTDESK_TEST_MODEL'];
  if (env && env !== 'generated' && env !== 'shared') return resolve(env);
  if (env !== 'generated' && existsSync(sharedTinyModel)) return sharedTinyModel;
  return ensureTinyGguf(generatedTinyModel).path;
}

export const tinyModel = pickTinyModel();
export const haveTinyModel = existsSync(tinyModel);
if (!haveTinyModel) console.warn(`[llm tests] SKIPPED model tests: ${tinyModel} is absent.`);

/** What the registry should report for whichever tiny model is in use. */
export const tinyModelFacts = {
  fileName: basename(tinyModel),
  fileBytes: haveTinyModel ? statSync(tinyModel).size : 0,
  architecture: 'llama',
  quantization: 'F16',
  trainContext: 4096,
  // The shared model has no chat template (node-llama-cpp falls back to a generic wrapper); ours ships ChatML.
  hasChatTemplate: tinyModel !== sharedTinyModel,
} as const;

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
