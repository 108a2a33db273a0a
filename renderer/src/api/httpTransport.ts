import type { BackendStatus } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/contract/result';
import { isErrorBody } from '../../../shared/contract/result';
import { SseParser } from './sse';
import { Emitter, type Transport } from './transport';

export const TOKEN_KEY = 'courtdesk.token';

/**
 * `courtdesk serve` opens the browser at `/#token=…`. The token moves to sessionStorage (it survives a
 * reload, not the tab) and leaves the URL, because the hash router owns the hash and the token should not
 * linger in the address bar or in history. Must run before the router reads the hash.
 */
export function takeTokenFromUrl(win: Window = window): string | null {
  const match = /^#token=([^&]+)/.exec(win.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      win.sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage can be disabled; the token then lives only for this page load.
    }
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}#/`);
    return token;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'value' in value;
  return ok === false && isErrorBody((value as { error?: unknown }).error);
}

export interface HttpTransportOptions {
  readonly token: string | null;
  /** Defaults to same origin: the page is served by `courtdesk serve` itself. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export function httpTransport(options: HttpTransportOptions): Transport & { close(): void } {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = options.baseUrl ?? '';
  const minBackoff = options.minBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const emitter = new Emitter();
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {};
    if (options.token) h.authorization = `Bearer ${options.token}`;
    return h;
  };

  let status: BackendStatus = 'connecting';
  const setStatus = (next: BackendStatus): void => {
    if (next === status) return;
    status = next;
    emitter.emit('backend.status', next);
  };

  let started = false;
  let closed = false;
  let abort: AbortController | null = null;

  async function readEvents(): Promise<void> {
    abort = new AbortController();
    const res = await doFetch(`${base}/events`, {
      headers: { ...headers(), accept: 'text/event-stream' },
      signal: abort.signal,
      cache: 'no-store',
    });
    if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
    setStatus('ready');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const message of parser.push(value)) {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          continue; // a malformed event must not kill the stream
        }
        emitter.emit(message.event, payload);
      }
    }
  }

  async function loop(): Promise<void> {
    let backoff = minBackoff;
    while (!closed) {
      const startedAt = Date.now();
      try {
        await readEvents();
      } catch {
        // Network error, server restart or 401: all handled the same way, by waiting and retrying.
      }
      if (closed) return;
      setStatus('reconnecting');
      // A connection that stayed up a while was healthy: start the backoff over.
      if (Date.now() - startedAt > 30_000) backoff = minBackoff;
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, maxBackoff);
    }
  }

  return {
    status: () => status,
    async call(method, input) {
      let res: Response;
      try {
        res = await doFetch(`${base}/rpc/${method}`, {
          method: 'POST',
          headers: { ...headers(), 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: err instanceof Error ? err.message : 'network error' },
        };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        body = undefined;
      }
      if (isResult(body)) return body;
      return {
        ok: false,
        error: {
          code: res.status === 401 || res.status === 403 ? 'FORBIDDEN' : 'UNAVAILABLE',
          message: `HTTP ${res.status}`,
        },
      };
    },
    on(event, listener) {
      const off = emitter.on(event, listener);
      // Connect lazily: a transport nobody listens to (e.g. in a one-off script) opens no stream.
      if (!started) {
        started = true;
        void loop();
      }
      return off;
    },
    close() {
      closed = true;
      abort?.abort();
    },
  };
}
