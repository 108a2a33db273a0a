import type { BackendStatus } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/contract/result';

/**
 * The one thing the two transports (desktop bridge, browser HTTP + SSE) have in common.
 * Components never see it: they use the typed client built on top (client.ts).
 */
export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Backend push events and the transport event `backend.status`. Returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The connection state right now; changes are reported by the `backend.status` event. */
  status(): BackendStatus;
  /** True when `shell.*` calls reach a desktop shell (native dialogs); browser mode has none. */
  readonly nativeShell?: boolean;
}

/** A tiny synchronous emitter; listener errors are isolated so one bad view cannot starve the others. */
export class Emitter {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(event: string, payload: unknown): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`listener for ${event} failed`, err);
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
