/**
 * The app:// protocol: the renderer bundle is served from disk by the main process instead of
 * file://, so the page has a real, narrow origin (app://bundle) and every response carries our CSP.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, resolveBundlePath, responseHeaders } from './policy';

/**
 * Must run before app 'ready', and only once: Electron keeps only the last call's list.
 * No corsEnabled (it would let other origins read app:// responses) and no bypassCSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves `rendererDir` under app://bundle/. Files are read with fs instead of net.fetch(file://)
 * so the session's request filter (which blocks file:) stays strict and no file: URL is ever loaded.
 */
export function installAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = resolveBundlePath(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: responseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
