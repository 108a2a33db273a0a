import type { BackendStatus } from '../../../shared/contract/bridge';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Api, Method } from '../../../shared/contract/methods';
import { METHOD_NAMES } from '../../../shared/contract/names';
import { AppError, type Result } from '../../../shared/contract/result';
import type { ShellApi, ShellMethod } from '../../../shared/contract/shell';
import { SHELL_METHOD_NAMES } from '../../../shared/contract/shellNames';
import { bridgeTransport } from './bridgeTransport';
import { httpTransport, takeTokenFromUrl } from './httpTransport';
import type { Transport } from './transport';

export type ClientEventName = EventName | 'backend.status';
export type ClientEventPayload<E extends ClientEventName> = E extends EventName ? EventPayload<E> : BackendStatus;

export interface ApiEvents {
  on<E extends ClientEventName>(event: E, listener: (payload: ClientEventPayload<E>) => void): () => void;
  /** The connection state right now; changes come as `backend.status` events. */
  status(): BackendStatus;
}

export interface Client {
  readonly api: Api;
  readonly events: ApiEvents;
  /** Native dialogs of the desktop shell; null in browser mode (path inputs and downloads instead). */
  readonly shell: ShellApi | null;
}

/** Turns the Result envelope back into a value or a thrown AppError, so views can use ordinary async code. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new AppError(code, message, details);
}

function caller(transport: Transport, method: string) {
  return async (input: unknown) => {
    let result: Result<unknown>;
    try {
      result = await transport.call(method, input);
    } catch (err) {
      // A bridge should never throw, but if IPC breaks mid-call the UI must still get an AppError.
      throw new AppError('UNAVAILABLE', err instanceof Error ? err.message : String(err));
    }
    return unwrap(result);
  };
}

export function createClient(transport: Transport): Client {
  // Built from the same name lists the contract checks against `Method`/`ShellMethod`, so every key is present.
  const api = Object.fromEntries(METHOD_NAMES.map((method: Method) => [method, caller(transport, method)])) as unknown as Api;
  const shell = transport.nativeShell
    ? (Object.fromEntries(SHELL_METHOD_NAMES.map((m: ShellMethod) => [m, caller(transport, m)])) as unknown as ShellApi)
    : null;
  const events: ApiEvents = {
    on: (event, listener) => transport.on(event, (payload) => listener(payload as never)),
    status: () => transport.status(),
  };
  return { api, events, shell };
}

/** Desktop when the preload bridge exists, otherwise browser mode against `courtdesk serve`. */
export function createDefaultClient(win: Window = window): Client {
  const bridge = win.courtdesk;
  if (bridge) return createClient(bridgeTransport(bridge));
  return createClient(httpTransport({ token: takeTokenFromUrl(win) }));
}

/** For tests and stories: an event source that never fires. */
export const silentEvents: ApiEvents = { on: () => () => undefined, status: () => 'ready' };
