/**
 * The MessagePort side of the backend host, free of Electron so it runs under plain Node in tests
 * (tests/unit/electron-bridge.test.ts wires it to the preload's bridgeCore over a real
 * MessageChannel). host.ts feeds it the ports main hands over.
 */
import type { ErrorBody, Result } from '../../shared/contract/result';
import { isPortRequest, type PortMessage } from './hostProtocol';
import type { Logger } from './log';

/** The part of Electron's MessagePortMain the host uses. */
export interface HostPort {
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: PortMessage): void;
  start(): void;
  close(): void;
}

/** What the host serves: the backend's dispatch and its event bus. */
export interface HostService {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export interface HostCore {
  /** A port from main. Until the backend is open it stays un-started, so its messages wait queued. */
  attach(port: HostPort): void;
  /** The backend is open: serve every port, forward every event. */
  open(service: HostService): void;
  /** The backend cannot open: every call gets this error instead of hanging. */
  fail(error: ErrorBody): void;
  /** Shutdown: close every port and stop forwarding events. */
  closeAll(): void;
  readonly size: number;
}

const UNAVAILABLE: ErrorBody = { code: 'UNAVAILABLE', message: 'The backend is not running.' };

export function createHostCore(log: Logger): HostCore {
  const ports = new Set<HostPort>();
  let waiting: HostPort[] = [];
  let service: HostService | undefined;
  let fatal: ErrorBody | undefined;
  let unsubscribe: (() => void) | undefined;
  let closed = false;

  const post = (port: HostPort, message: PortMessage): boolean => {
    try {
      port.postMessage(message);
      return true;
    } catch (err) {
      log.error('host: could not post a message on a window port', err);
      return false;
    }
  };

  const handle = async (port: HostPort, data: unknown): Promise<void> => {
    if (!isPortRequest(data)) return; // not ours: ignore rather than answer garbage
    const result: Result<unknown> = service
      ? await service.call(data.method, data.input)
      : { ok: false, error: fatal ?? UNAVAILABLE };
    if (!ports.has(port)) return; // the window went away meanwhile
    if (!post(port, { id: data.id, result })) {
      // The value could not be cloned (a handler returned a class instance): still answer the call.
      post(port, { id: data.id, result: { ok: false, error: { code: 'INTERNAL', message: 'Unexpected error (reply not serializable)' } } });
    }
  };

  const serve = (port: HostPort): void => {
    ports.add(port);
    port.on('message', (event) => void handle(port, event.data));
    // Electron emits 'close' when the renderer end is gone (window closed or reloaded).
    port.on('close', () => ports.delete(port));
    port.start();
  };

  const flushWaiting = (): void => {
    const list = waiting;
    waiting = [];
    for (const port of list) serve(port);
  };

  return {
    attach(port) {
      if (closed) {
        port.close();
        return;
      }
      if (service || fatal) serve(port);
      else waiting.push(port);
    },
    open(next) {
      if (closed) return;
      service = next;
      unsubscribe = next.subscribe((event, payload) => {
        for (const port of ports) post(port, { event, payload });
      });
      flushWaiting();
    },
    fail(error) {
      if (closed) return;
      fatal = error;
      flushWaiting();
    },
    closeAll() {
      closed = true;
      unsubscribe?.();
      unsubscribe = undefined;
      for (const port of [...ports, ...waiting]) {
        try {
          port.close();
        } catch {
          // Already closed.
        }
      }
      ports.clear();
      waiting = [];
    },
    get size() {
      return ports.size;
    },
  };
}
