import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../electron/backend/server/http';
import { latestVersion } from '../../electron/backend/store/db';
import { openTestBackend, tempDir, type TestBackend } from '../helpers/backend';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Raw HTTP so tests control the Host header and body size exactly (fetch rewrites Host). */
function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((ok, ko) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The server may close the socket while a huge body is still being sent: that is a refusal too.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') ok({ status: 413, body: '', headers: {} });
      else ko(err);
    });
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode HTTP server', () => {
  let t: TestBackend;
  let srv: RunningServer;
  let ui: ReturnType<typeof tempDir>;
  const auth = () => ({ authorization: `Bearer ${srv.token}`, host: `127.0.0.1:${srv.port}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    t = await openTestBackend();
    ui = tempDir('courtdesk-ui-');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${ui.dir}/index.html`, '<!doctype html><title>CourtDesk</title>');
    srv = await startHttpServer({ backend: t.backend, rendererDir: ui.dir, port: 0 });
  });
  afterAll(async () => {
    await srv.close();
    await t.close();
    ui.cleanup();
  });

  it('binds to 127.0.0.1 only and prints a URL carrying the token', () => {
    const addr = srv.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/#token=${srv.token}`);
    expect(srv.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers an authorised call with the Result envelope', async () => {
    const r = await raw(srv.port, { method: 'POST', path: '/rpc/app.info', headers: auth(), body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'test', schemaVersion: latestVersion() } });
  });

  it('refuses calls without the token (401) or with a wrong one', async () => {
    const none = await raw(srv.port, { method: 'POST', path: '/rpc/app.info', headers: { host: `127.0.0.1:${srv.port}` }, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await raw(srv.port, {
      method: 'POST',
      path: '/rpc/app.info',
      headers: { ...auth(), authorization: `Bearer ${'0'.repeat(64)}` },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const events = await raw(srv.port, { path: '/events', headers: { host: `127.0.0.1:${srv.port}` } });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await raw(srv.port, { method: 'POST', path: '/rpc/app.info', headers: { ...auth(), host: 'evil.example:80' }, body: '{}' });
    expect(r.status).toBe(421);
    const page = await raw(srv.port, { path: '/', headers: { host: `attacker.test:${srv.port}` } });
    expect(page.status).toBe(421);
  });

  it('refuses cross-origin API calls', async () => {
    const r = await raw(srv.port, {
      method: 'POST',
      path: '/rpc/app.info',
      headers: { ...auth(), origin: 'http://evil.example' },
      body: '{}',
    });
    expect(r.status).toBe(403);
  });

  it('refuses an oversize body with 413 and nothing is saved', async () => {
    const big = Buffer.alloc(73 * 1024 * 1024, 0x61);
    const r = await raw(srv.port, { method: 'POST', path: '/rpc/cases.create', headers: auth(), body: big });
    expect(r.status).toBe(413);
    const list = await raw(srv.port, { method: 'POST', path: '/rpc/cases.list', headers: auth(), body: '{}' });
    expect(JSON.parse(list.body)).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('gives BAD_INPUT for malformed JSON and unknown methods', async () => {
    const junk = await raw(srv.port, { method: 'POST', path: '/rpc/cases.list', headers: auth(), body: '{"query":' });
    expect(junk.status).toBe(400);
    expect(JSON.parse(junk.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = await raw(srv.port, { method: 'POST', path: '/rpc/__proto__', headers: auth(), body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('serves the UI with a strict CSP and refuses path traversal', async () => {
    const page = await raw(srv.port, { path: '/', headers: { host: `127.0.0.1:${srv.port}` } });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const trav = await raw(srv.port, { path: '/..%2f..%2f..%2fetc%2fpasswd', headers: { host: `127.0.0.1:${srv.port}` } });
    expect(trav.body).not.toContain('root:');
    const missing = await raw(srv.port, { path: '/nope.js', headers: { host: `127.0.0.1:${srv.port}` } });
    expect(missing.status).toBe(404);
  });

  it('streams backend events over SSE to an authorised client', async () => {
    const ac = new AbortController();
    const res = await fetch(`${srv.origin}/events`, { headers: { authorization: `Bearer ${srv.token}` }, signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await fetch(`${srv.origin}/rpc/cases.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ parties: [{ role: 'plaintiff', name: '甲' }] }),
    });
    let text = '';
    while (!text.includes('cases.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toMatch(/event: cases\.changed\ndata: \{"caseId":"[0-9a-f-]+"\}/);
    ac.abort();
  });
});
