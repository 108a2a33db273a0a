/**
 * The routing logic behind `window.courtdesk`, free of Electron so it is unit-tested under Node with
 * a real MessageChannel (tests/unit/electron-bridge.test.ts). The preload (index.ts) only feeds it
 * the port main hands over and the status main reports.
 *
 * Wire format on the port (mirrors electron/backend/hostProtocol.ts, which the preload may not import):
 *   preload → host  { id, method, input }
 *   host → preload  { id, result } | { event, payload }
 *
 * Bundled into the sandboxed CommonJS preload: it may import only the plain name lists and types
 * of the contract (no zod, no npm package).
 */
import type { BackendStatus, Bridge } from '../../shared/contract/bridge';
import { EVENT_NAMES, METHOD_NAMES, TRANSPORT_EVENTS } from '../../shared/contract/names';
import type { ErrorCode, Result } from '../../shared/contract/result';
import { SHELL_METHOD_NAMES } from '../../shared/contract/shellNames';

/** The part of a DOM MessagePort the bridge uses (Node's worker_threads port has the same shape). */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface BridgeCore {
  /** The object exposed as window.courtdesk. */
  readonly bridge: Bridge;
  /** A (new) port from main: replaces the old one, fails calls in flight on it, flushes the queue. */
  attachPort(port: PortLike): void;
  /** main reports the backend host went away; calls in flight fail, new calls wait for a port. */
  backendLost(): void;
  /** For tests and diagnostics. */
  status(): BackendStatus;
}

export interface BridgeCoreOptions {
  /** Where a throwing renderer listener is reported; it must not stop delivery to the others. */
  readonly onListenerError?: (error: unknown) => void;
  /** Cap on calls queued while no backend is connected, so a dead backend cannot grow memory forever. */
  readonly maxQueued?: number;
  /**
   * Sends a `shell.*` call to main (ipcRenderer.invoke in the preload) and resolves with main's Result.
   * Absent: those calls fail with UNSUPPORTED.
   */
  readonly shellCall?: (method: string, input: unknown) => Promise<unknown>;
}

const methodNames: ReadonlySet<string> = new Set<string>(METHOD_NAMES);
const shellMethodNames: ReadonlySet<string> = new Set<string>(SHELL_METHOD_NAMES);
const backendEvents: ReadonlySet<string> = new Set<string>(EVENT_NAMES);
const subscribableEvents: ReadonlySet<string> = new Set<string>([...EVENT_NAMES, ...TRANSPORT_EVENTS]);
const STATUS_EVENT: (typeof TRANSPORT_EVENTS)[number] = 'backend.status';

function failure(code: ErrorCode, message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

interface Pending {
  readonly method: string;
  readonly input: unknown;
  readonly resolve: (result: Result<unknown>) => void;
  /** The port the request went out on; undefined while queued. */
  port: PortLike | undefined;
}

export function createBridgeCore(options: BridgeCoreOptions = {}): BridgeCore {
  const maxQueued = options.maxQueued ?? 1_000;
  const reportListenerError = options.onListenerError ?? (() => undefined);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let port: PortLike | undefined;
  let status: BackendStatus = 'connecting';
  let nextId = 1;

  const emit = (event: string, payload: unknown): void => {
    const set = listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        reportListenerError(err);
      }
    }
  };

  const setStatus = (next: BackendStatus): void => {
    if (status === next) return;
    status = next;
    emit(STATUS_EVENT, next);
  };

  const send = (id: number, entry: Pending, target: PortLike): void => {
    try {
      target.postMessage({ id, method: entry.method, input: entry.input });
      entry.port = target;
    } catch {
      // structuredClone refused the input (a function, a DOM node …): the caller's bug, not a crash.
      pending.delete(id);
      entry.resolve(failure('BAD_INPUT', `Input of ${entry.method} cannot be sent (not serializable)`));
    }
  };

  /** Fails every call that went out on `old`: its replies can no longer arrive. */
  const failInFlight = (old: PortLike): void => {
    for (const [id, entry] of pending) {
      if (entry.port !== old) continue;
      pending.delete(id);
      entry.resolve(failure('UNAVAILABLE', 'The backend restarted while this call was running; please retry.'));
    }
  };

  const onMessage = (event: { readonly data: unknown }): void => {
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    const msg = data as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof msg.id === 'number') {
      const entry = pending.get(msg.id);
      if (!entry) return;
      pending.delete(msg.id);
      entry.resolve(isResult(msg.result) ? msg.result : failure('INTERNAL', 'Malformed reply from the backend'));
      return;
    }
    // Only declared backend events pass; a host cannot spoof the transport's own status event.
    if (typeof msg.event === 'string' && backendEvents.has(msg.event)) emit(msg.event, msg.payload);
  };

  const detach = (): PortLike | undefined => {
    const old = port;
    if (!old) return undefined;
    port = undefined;
    old.removeEventListener('message', onMessage);
    try {
      old.close();
    } catch {
      // Already closed or neutered: nothing left to release.
    }
    failInFlight(old);
    return old;
  };

  const callShell = async (method: string, input: unknown): Promise<Result<unknown>> => {
    const shellCall = options.shellCall;
    if (!shellCall) return failure('UNSUPPORTED', `${method} needs the desktop app`);
    try {
      const reply = await shellCall(method, input);
      return isResult(reply) ? reply : failure('INTERNAL', 'Malformed reply from the desktop shell');
    } catch (err) {
      // invoke rejects when the input cannot be cloned or main has no handler (a shell bug).
      const reason = err instanceof Error ? err.message : String(err);
      return failure('INTERNAL', `The desktop shell could not run ${method}: ${reason.slice(0, 200)}`);
    }
  };

  const bridge: Bridge = {
    call(method: string, input: unknown): Promise<Result<unknown>> {
      // Native dialogs are main's, not the backend's: they work even while the backend restarts.
      if (typeof method === 'string' && shellMethodNames.has(method)) return callShell(method, input);
      if (typeof method !== 'string' || !methodNames.has(method)) {
        return Promise.resolve(failure('BAD_INPUT', `Unknown method: ${String(method).slice(0, 80)}`));
      }
      return new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        const entry: Pending = { method, input, resolve, port: undefined };
        if (port) {
          pending.set(id, entry);
          send(id, entry, port);
          return;
        }
        const queued = [...pending.values()].filter((p) => p.port === undefined).length;
        if (queued >= maxQueued) {
          resolve(failure('UNAVAILABLE', 'The backend is not available; please retry later.'));
          return;
        }
        pending.set(id, entry); // sent by attachPort once a port arrives
      });
    },

    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !subscribableEvents.has(event)) throw new Error(`Unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const wrapped = (payload: unknown): void => listener(payload);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };

  return {
    bridge,
    attachPort(next: PortLike): void {
      detach();
      port = next;
      next.addEventListener('message', onMessage);
      next.start();
      // Map iteration follows insertion order, so queued calls go out in the order they were made.
      for (const [id, entry] of pending) if (entry.port === undefined) send(id, entry, next);
      setStatus('ready');
    },
    backendLost(): void {
      detach();
      setStatus('reconnecting');
    },
    status: () => status,
  };
}
