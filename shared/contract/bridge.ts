import type { Result } from './result';

/** Backend connection state as the desktop shell reports it (the backend host can be restarted). */
export type BackendStatus = 'connecting' | 'ready' | 'reconnecting';

/**
 * What the desktop preload exposes as `window.courtdesk`: one call, one on, nothing else.
 * Browser mode has no bridge; the renderer then talks HTTP + SSE to `courtdesk serve`.
 * The transport event `backend.status` (payload: BackendStatus) reports backend restarts.
 */
export interface Bridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
