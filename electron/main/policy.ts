/**
 * Pure security policy of the desktop shell: which URLs the window may load, which frame may get a
 * backend port, how an app:// request maps onto a file of the built renderer. No `electron` import,
 * so every rule here is unit-tested under plain Node (tests/unit/electron-shell.test.ts); the
 * Electron glue in window.ts / protocol.ts only wires these functions to events.
 */
import { extname, isAbsolute, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent as a response header on every app:// document. antd (CSS-in-JS) injects <style> elements,
 * hence 'unsafe-inline' for styles only; scripts must come from the bundle. connect-src 'self':
 * the renderer talks to the backend through a MessagePort, which CSP does not govern, so it needs
 * no network at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Origin of the electron-vite dev server, only outside packaged builds. Anything that is not a
 * loopback http URL is ignored, so a stray environment variable cannot point the window at the web.
 */
export function devServerOrigin(raw: string | undefined, packaged: boolean): string | undefined {
  if (packaged || !raw) return undefined;
  const url = parse(raw);
  if (!url || url.protocol !== 'http:') return undefined;
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return undefined;
  return url.origin;
}

/**
 * Whether a frame URL is our own app (and may therefore receive a backend port).
 * URL.origin is "null" for non-special schemes, so app: is compared by protocol and host.
 */
export function isTrustedAppUrl(url: string, devOrigin: string | undefined): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  return devOrigin !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === devOrigin;
}

/**
 * Whether an IPC call may use the shell (open dialogs, write a chosen file): only our app's top
 * frame. A subframe, a frame gone mid-call (null) or any other page is refused.
 */
export function isTrustedShellSender(
  frame: { readonly url: string } | null,
  mainFrame: { readonly url: string } | null,
  devOrigin: string | undefined,
): boolean {
  return frame !== null && frame === mainFrame && isTrustedAppUrl(frame.url, devOrigin);
}

/**
 * The session-wide request filter: everything that is not the app's own bundle is cancelled, so
 * no remote content can ever load (the only outbound traffic is a user-started model download,
 * which the backend host makes with Node's own fetch, outside Chromium's network stack).
 */
export function isAllowedRequest(url: string, devOrigin: string | undefined): boolean {
  const u = parse(url);
  if (!u) return false;
  switch (u.protocol) {
    case `${APP_SCHEME}:`:
      return u.host === APP_HOST;
    case 'data:':
    case 'blob:':
      // Local by construction: created by the page itself.
      return true;
    case 'devtools:':
      // DevTools' own front-end; DevTools are disabled in packaged builds anyway.
      return true;
    case 'http:':
    case 'ws:': {
      if (devOrigin === undefined) return false;
      // The dev server's HMR socket runs on the same host:port over ws:.
      return u.host === new URL(devOrigin).host;
    }
    default:
      return false;
  }
}

/**
 * Maps an app:// request URL onto a file inside `rootDir` (the built renderer), or null.
 * Refuses other hosts, NUL bytes, encoded separators and anything that resolves outside rootDir
 * (`..`, absolute paths, drive letters). Extension-less paths fall back to index.html so client-side
 * routes survive a reload.
 */
export function resolveBundlePath(rootDir: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  // Encoded slashes/backslashes would let one path segment smuggle a separator past URL parsing.
  if (/%2f|%5c/i.test(u.pathname)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  else if (extname(pathname) === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Explicit types plus nosniff: module scripts are refused unless served as JavaScript. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every app:// response. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'content-type': contentTypeFor(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
}

/**
 * Delay before restarting a crashed backend host: 0.5 s, 1 s, 2 s … capped at 15 s, so a crash
 * loop (e.g. a model that aborts llama.cpp at load) does not spin the CPU.
 */
export function restartDelayMs(attempt: number): number {
  const n = Math.max(0, Math.floor(attempt));
  return Math.min(15_000, 500 * 2 ** Math.min(n, 10));
}

/** After this many consecutive failed starts the shell stops retrying and tells the user. */
export const MAX_RESTART_ATTEMPTS = 6;

/** A host that stayed up this long before exiting counts as healthy: the backoff starts over. */
export const HEALTHY_UPTIME_MS = 30_000;
