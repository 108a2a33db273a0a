import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { ErrorBody } from '../../../shared/contract/result';
import type { Backend } from '../backend';
import { dispatch } from '../dispatch';

/** Documents travel as base64 (50 MB → ~67 MB); anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 72 * 1024 * 1024;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface HttpServerOptions {
  readonly backend: Backend;
  /** Built renderer (out/renderer); when missing, the API still works and `/` explains how to build. */
  readonly rendererDir: string;
  readonly port?: number;
  /** Fixed token for tests; otherwise a random one per run. */
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function fail(res: ServerResponse, status: number, error: ErrorBody): void {
  sendJson(res, status, { ok: false, error });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, ko) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) return ko(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        ko(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', ko);
  });
}

/**
 * Browser mode: the same dispatch as the desktop MessagePort, over loopback HTTP. Bound to
 * 127.0.0.1 only; the Host check defeats DNS rebinding; the per-run bearer token (a custom
 * header, so no simple cross-site request can carry it) guards every API call.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { backend } = options;
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = resolve(options.rendererDir);
  let port = 0;
  const sockets = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      backend.ctx.log.error('http: request failed', err);
      if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: 'Unexpected error' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return fail(res, 421, { code: 'FORBIDDEN', message: `Refused: unexpected Host header "${host.slice(0, 100)}"` });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname === '/events' || url.pathname.startsWith('/rpc/');
    if (!isApi) return serveStatic(req, res, url.pathname);

    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return fail(res, 403, { code: 'FORBIDDEN', message: 'Refused: cross-origin request' });
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      return fail(res, 401, { code: 'FORBIDDEN', message: 'Missing or wrong access token; open the URL printed by courtdesk serve' });
    }
    if (url.pathname === '/events') return streamEvents(req, res);
    if (req.method !== 'POST') return fail(res, 405, { code: 'BAD_INPUT', message: 'Use POST for API calls' });

    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return fail(res, 413, {
          code: 'TOO_LARGE',
          message: `Request body exceeds ${MAX_BODY_BYTES / 1024 / 1024} MB`,
        });
      }
      throw err;
    }
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        return fail(res, 400, { code: 'BAD_INPUT', message: 'Request body is not valid JSON' });
      }
    }
    const method = decodeURIComponent(url.pathname.slice('/rpc/'.length));
    const result = await dispatch(backend.handlers, method, input, backend.ctx.log);
    sendJson(res, 200, result);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sockets.add(res);
    const unsubscribe = backend.ctx.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // Proxies and idle timers drop silent connections; a comment line every 15 s keeps it open.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      sockets.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return fail(res, 405, { code: 'BAD_INPUT', message: 'Method not allowed' });
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return fail(res, 400, { code: 'BAD_INPUT', message: 'Malformed path' });
    }
    let file = resolve(rendererDir, `.${decoded}`);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      return fail(res, 404, { code: 'NOT_FOUND', message: 'Not found' });
    }
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Unknown paths without an extension are app routes: hand them the single page.
      if (extname(decoded) && decoded !== '/') return fail(res, 404, { code: 'NOT_FOUND', message: 'Not found' });
      file = join(rendererDir, 'index.html');
    }
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The CourtDesk UI has not been built. Run `npm run build`, then start `courtdesk serve` again.\n');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.end();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
