/**
 * The desktop shell's security rules (electron/main/policy.ts), which hold without Electron: the
 * app:// path resolution, which URLs may load, which frame may get a port, the CSP.
 */
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  devServerOrigin,
  isAllowedRequest,
  isTrustedAppUrl,
  isTrustedShellSender,
  resolveBundlePath,
  responseHeaders,
  restartDelayMs,
} from '../../electron/main/policy';

const root = resolve('/srv/courtdesk/out/renderer');

describe('app:// path resolution', () => {
  it('maps bundle URLs onto files inside the renderer folder', () => {
    expect(resolveBundlePath(root, 'app://bundle/index.html')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://bundle/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveBundlePath(root, 'app://bundle/assets/%E5%AD%97.woff2')).toBe(join(root, 'assets', '字.woff2'));
    expect(resolveBundlePath(root, 'app://bundle/assets/a.js?v=1#x')).toBe(join(root, 'assets', 'a.js'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveBundlePath(root, 'app://bundle/')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://bundle')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://bundle/cases/2024-001')).toBe(join(root, 'index.html'));
  });

  it('never resolves outside the renderer folder', () => {
    const attacks = [
      'app://bundle/../../etc/passwd',
      'app://bundle/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://bundle/..%2f..%2fetc%2fpasswd.txt',
      'app://bundle/..%5c..%5cwindows%5cwin.ini',
      'app://bundle/assets/..\\..\\secret.txt',
      'app://bundle/%00.js',
      'app://bundle/%E0%A4%A.js',
      'app://bundle//etc/passwd.txt',
    ];
    for (const url of attacks) {
      const file = resolveBundlePath(root, url);
      if (file !== null) expect(file.startsWith(root + sep), `${url} → ${file}`).toBe(true);
    }
    expect(resolveBundlePath(root, 'app://bundle/..%2f..%2fetc%2fpasswd.txt')).toBeNull();
    expect(resolveBundlePath(root, 'app://bundle/%00.js')).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveBundlePath(root, 'app://other/index.html')).toBeNull();
    expect(resolveBundlePath(root, 'file:///srv/courtdesk/out/renderer/index.html')).toBeNull();
    expect(resolveBundlePath(root, 'https://bundle/index.html')).toBeNull();
    expect(resolveBundlePath(root, 'not a url')).toBeNull();
  });

  it('sends the CSP, an explicit type and nosniff with every file', () => {
    expect(responseHeaders('/x/index.html')).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    expect(responseHeaders('/x/a.js')['content-type']).toBe('text/javascript; charset=utf-8');
    expect(responseHeaders('/x/a.WOFF2')['content-type']).toBe('font/woff2');
    expect(responseHeaders('/x/a.unknown')['content-type']).toBe('application/octet-stream');
  });
});

describe('trusted frames and allowed requests', () => {
  it('trusts only app://bundle (and the dev server outside packaged builds)', () => {
    expect(isTrustedAppUrl('app://bundle/index.html', undefined)).toBe(true);
    expect(isTrustedAppUrl('app://bundle/cases/1', undefined)).toBe(true);
    expect(isTrustedAppUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isTrustedAppUrl('https://bundle/index.html', undefined)).toBe(false);
    expect(isTrustedAppUrl('file:///index.html', undefined)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('about:blank', undefined)).toBe(false);
  });

  it('blocks every request that is not the app itself', () => {
    expect(isAllowedRequest('app://bundle/assets/a.js', undefined)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', undefined)).toBe(true);
    expect(isAllowedRequest('blob:app://bundle/1234', undefined)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', undefined)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/rpc',
      'ws://localhost:5173/',
      'file:///etc/passwd',
      'app://other/x.js',
      'ftp://x/',
      'chrome-extension://abc/x.js',
      'garbage',
    ]) {
      expect(isAllowedRequest(url, undefined), url).toBe(false);
    }
  });

  it('allows the dev server and its HMR socket only when one is configured', () => {
    const dev = 'http://localhost:5173';
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRequest('https://example.com/', dev)).toBe(false);
  });

  it('accepts only a loopback http dev server, and never in packaged builds', () => {
    expect(devServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://localhost:5173/', true)).toBeUndefined();
    expect(devServerOrigin('https://example.com/', false)).toBeUndefined();
    expect(devServerOrigin('http://192.168.1.5:5173/', false)).toBeUndefined();
    expect(devServerOrigin('', false)).toBeUndefined();
    expect(devServerOrigin(undefined, false)).toBeUndefined();
  });
});

describe('who may call the shell (native dialogs)', () => {
  it('allows only the top frame of our own app', () => {
    const top = { url: 'app://bundle/index.html#/models' };
    expect(isTrustedShellSender(top, top, undefined)).toBe(true);
    // A subframe of our own app, a foreign top frame, a frame gone mid-call.
    expect(isTrustedShellSender({ url: 'app://bundle/index.html' }, top, undefined)).toBe(false);
    const foreign = { url: 'https://evil.example/' };
    expect(isTrustedShellSender(foreign, foreign, undefined)).toBe(false);
    expect(isTrustedShellSender(null, top, undefined)).toBe(false);
    // The dev server counts only in development, where main was given its origin.
    const dev = { url: 'http://localhost:5173/#/models' };
    expect(isTrustedShellSender(dev, dev, 'http://localhost:5173')).toBe(true);
    expect(isTrustedShellSender(dev, dev, undefined)).toBe(false);
  });
});

describe('content security policy', () => {
  interface CspFinding {
    readonly severity: number;
    readonly directive: string;
    readonly description: string;
  }
  interface CspEvaluatorModule {
    CspParser: new (csp: string) => { csp: unknown };
    CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
    Version: { CSP3: unknown };
    severities: Record<'HIGH' | 'SYNTAX' | 'MEDIUM' | 'HIGH_MAYBE', number>;
  }
  // The evaluator electronegativity itself uses (a dependency of @doyensec/electronegativity).
  const cspEval = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

  it('has no high, medium or syntax findings in the CSP evaluator', () => {
    const parsed = new cspEval.CspParser(CONTENT_SECURITY_POLICY);
    const findings = new cspEval.CspEvaluator(parsed.csp, cspEval.Version.CSP3).evaluate();
    const { HIGH, SYNTAX, MEDIUM, HIGH_MAYBE } = cspEval.severities;
    const serious = findings.filter((f) => [HIGH, SYNTAX, MEDIUM, HIGH_MAYBE].includes(f.severity));
    expect(serious).toEqual([]);
  });

  it('allows scripts from the bundle only', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('backend restart backoff', () => {
  it('grows and is capped', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 10, 50].map(restartDelayMs);
    expect(delays[0]).toBe(500);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(Math.max(...delays)).toBe(15_000);
  });
});
