import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/result';
import { createClient } from '../../renderer/src/api/client';
import { httpTransport, takeTokenFromUrl, TOKEN_KEY } from '../../renderer/src/api/httpTransport';
import { SseParser } from '../../renderer/src/api/sse';
import { parseYuan, formatFen, fenToYuanString } from '../../renderer/src/ui/money';

describe('SseParser', () => {
  it('parses blocks split at arbitrary points, with CRLF, comments and multi-line data', () => {
    const p = new SseParser();
    const text = ': hello\r\nevent: cases.changed\r\ndata: {"caseId":null}\r\n\r\nevent: ops.progress\ndata: {"a":\ndata: 1}\n\n';
    const out = [];
    for (const ch of text) out.push(...p.push(ch));
    expect(out).toEqual([
      { event: 'cases.changed', data: '{"caseId":null}' },
      { event: 'ops.progress', data: '{"a":\n1}' },
    ]);
  });
});

describe('browser-mode token', () => {
  afterEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', '/');
  });

  it('moves the token from the URL hash to sessionStorage and clears the hash for the router', () => {
    history.replaceState(null, '', '/#token=abc%2D123');
    expect(takeTokenFromUrl(window)).toBe('abc-123');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('abc-123');
    expect(window.location.hash).toBe('#/');
    // After a reload the hash belongs to the router; the token comes from storage.
    history.replaceState(null, '', '/#/cases');
    expect(takeTokenFromUrl(window)).toBe('abc-123');
    expect(window.location.hash).toBe('#/cases');
  });
});

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('http transport', () => {
  it('POSTs /rpc/<method> with the bearer token and unwraps the Result', async () => {
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse(200, { ok: true, value: { version: '1' } }));
    const { api } = createClient(httpTransport({ token: 'T', fetch: fetchMock }));
    await expect(api['settings.get']({})).resolves.toEqual({ version: '1' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/rpc/settings.get');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer T', 'content-type': 'application/json' });
    expect(init?.body).toBe('{}');
  });

  it('turns error Results (also 4xx bodies) into AppError with details', async () => {
    const issues = [{ path: 'parties.0.name', message: 'is required' }];
    const fetchMock = vi.fn(async () => jsonResponse(400, { ok: false, error: { code: 'BAD_INPUT', message: 'bad', details: { issues } } }));
    const { api } = createClient(httpTransport({ token: 'T', fetch: fetchMock }));
    const err = await api['cases.create']({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BAD_INPUT', details: { issues } });

    const forbidden = vi.fn(async () => new Response('nope', { status: 401 }));
    const c2 = createClient(httpTransport({ token: null, fetch: forbidden }));
    await expect(c2.api['app.info']({})).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const c3 = createClient(httpTransport({ token: 'T', fetch: down }));
    await expect(c3.api['app.info']({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('streams /events, reports status, and reconnects after the stream drops', async () => {
    const encoder = new TextEncoder();
    let connections = 0;
    const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      expect(String(url)).toBe('/events');
      expect(init?.headers).toMatchObject({ authorization: 'Bearer T' });
      connections += 1;
      if (connections === 2) throw new TypeError('Failed to fetch');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('event: cases.changed\ndata: {"caseId":"c1"}\n\n'));
          controller.close(); // the server went away
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const transport = httpTransport({ token: 'T', fetch: fetchMock, minBackoffMs: 5, maxBackoffMs: 10 });
    const { events } = createClient(transport);
    const statuses: string[] = [];
    const changed: unknown[] = [];
    events.on('backend.status', (s) => statuses.push(s));
    events.on('cases.changed', (p) => changed.push(p));
    await vi.waitFor(() => expect(connections).toBeGreaterThanOrEqual(3));
    transport.close();
    expect(changed[0]).toEqual({ caseId: 'c1' });
    expect(statuses.slice(0, 3)).toEqual(['ready', 'reconnecting', 'ready']);
  });
});

describe('money in the forms', () => {
  it('parses yuan text to fen exactly and formats fen for display', () => {
    expect(parseYuan('50,000.10')).toBe(5_000_010);
    expect(parseYuan('¥ 0.07')).toBe(7);
    expect(parseYuan('1234.5元')).toBe(123_450);
    expect(parseYuan('12.345')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('1e5')).toBeNull();
    expect(formatFen(5_000_000)).toBe('¥50,000.00');
    expect(formatFen(7)).toBe('¥0.07');
    expect(fenToYuanString(5_000_050)).toBe('50000.50');
  });
});
