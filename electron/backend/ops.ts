import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/result';
import type { EventBus } from './events';

export interface OperationHandle {
  readonly opId: string;
  readonly signal: AbortSignal;
  progress(done: number, total: number | null, message?: string): void;
  /** Throws a CANCELLED AppError when the user cancelled; call between units of work. */
  throwIfCancelled(): void;
}

/**
 * Events cross a process boundary as JSON: a result holding live objects (a loaded model, a
 * cyclic structure) would make every transport drop the event, so such results travel as null.
 */
function jsonSafe(value: unknown): unknown {
  try {
    return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
  } catch {
    return null;
  }
}

/**
 * Long work is "start → events → done": the caller gets an opId at once, progress arrives as
 * `ops.progress` events and the outcome as `ops.done`. Progress events are throttled so a fast
 * loop cannot flood the transport.
 */
export class OperationRegistry {
  readonly #running = new Map<string, AbortController>();
  constructor(private readonly bus: EventBus) {}

  start<T>(kind: string, work: (op: OperationHandle) => Promise<T>): { opId: string; done: Promise<T> } {
    const opId = randomUUID();
    const controller = new AbortController();
    this.#running.set(opId, controller);
    let lastEmit = 0;
    const handle: OperationHandle = {
      opId,
      signal: controller.signal,
      progress: (done, total, message = '') => {
        const now = Date.now();
        if (now - lastEmit < 100 && total !== null && done < total) return;
        lastEmit = now;
        this.bus.emit('ops.progress', { opId, kind, done, total, message });
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled by the user');
      },
    };
    const done = (async () => {
      try {
        const result = await work(handle);
        this.bus.emit('ops.done', { opId, kind, status: 'ok', error: null, result: jsonSafe(result) });
        return result;
      } catch (err) {
        const cancelled = controller.signal.aborted || (err instanceof AppError && err.code === 'CANCELLED');
        const error =
          err instanceof AppError
            ? { code: err.code, message: err.message }
            : { code: 'INTERNAL' as const, message: 'Unexpected error' };
        this.bus.emit('ops.done', { opId, kind, status: cancelled ? 'cancelled' : 'error', error, result: null });
        throw err;
      } finally {
        this.#running.delete(opId);
      }
    })();
    // The caller may only want the opId; an unobserved failure is already reported through ops.done.
    done.catch(() => undefined);
    return { opId, done };
  }

  cancel(opId: string): boolean {
    const c = this.#running.get(opId);
    if (!c) return false;
    c.abort();
    return true;
  }

  cancelAll(): void {
    for (const c of this.#running.values()) c.abort();
  }
}
