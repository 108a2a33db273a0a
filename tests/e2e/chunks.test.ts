import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveBundlePath } from '../../electron/main/policy';
import { chromiumPath, loadSamples, openBrowser, root, serveApp, type BrowserSession, type ServedApp } from './harness';

/**
 * The renderer is split into lazy chunks (renderer/src/App.tsx, ui/lazy.tsx). Each must reach the
 * page under the strict CSP from both servers: `courtdesk serve` (checked over HTTP here) and the
 * desktop app:// handler (its path mapping and content type are the pure functions in policy.ts;
 * the Electron binary cannot be downloaded on this machine).
 */
const rendererDir = join(root, 'out', 'renderer');
const chunks = () => readdirSync(join(rendererDir, 'assets')).filter((f) => f.endsWith('.js'));

describe('code-split renderer chunks', () => {
  let app: ServedApp;

  beforeAll(async () => {
    app = await serveApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('are several, each served by courtdesk serve as JavaScript under the CSP', async () => {
    const files = chunks();
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const res = await fetch(`${app.origin}/assets/${encodeURIComponent(f)}`);
      expect(res.status, f).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // A chunk that is gone (e.g. after an update under an open tab) is a 404, which the page shows with a retry.
    expect((await fetch(`${app.origin}/assets/CasesPage-gone.js`)).status).toBe(404);
  });

  it('map onto their files under app://bundle/ with a JavaScript type', () => {
    for (const f of chunks()) {
      const file = resolveBundlePath(rendererDir, `app://bundle/assets/${f}`);
      expect(file).toBe(join(rendererDir, 'assets', f));
      expect(contentTypeFor(file!)).toBe('text/javascript; charset=utf-8');
    }
  });

  describe.skipIf(!chromiumPath)('in Chromium', () => {
    let s: BrowserSession;
    beforeAll(async () => {
      s = await openBrowser(app.origin);
    });
    afterAll(async () => {
      await s?.close();
    });

    it('loads only the dashboard at first, then each screen and case tab on demand', async () => {
      const { page } = s;
      const scripts: string[] = [];
      page.on('request', (req) => {
        if (req.resourceType() === 'script') scripts.push(req.url().split('/').pop()!);
      });
      await page.goto(app.url);
      await page.getByTestId('samples-card').waitFor();
      expect(scripts.some((f) => /^(CasesPage|CaseWorkspacePage|DraftingTab|SettingsPage)-/.test(f))).toBe(false);

      await loadSamples(page);
      await page.getByTestId('nav-cases').click();
      const row = page.getByTestId('case-table').locator('tbody tr', { hasText: '张明远' });
      await row.waitFor();
      await row.click();
      await page.getByTestId('case-workspace').waitFor();
      await page.getByTestId('tab-drafting').click();
      await page.getByTestId('draft-new').waitFor();
      for (const name of ['CasesPage', 'CaseWorkspacePage', 'DraftingTab']) {
        expect(scripts.some((f) => f.startsWith(`${name}-`)), name).toBe(true);
      }
      expect(await page.getByTestId('chunk-load-failed').count()).toBe(0);
      expect(s.consoleErrors).toEqual([]);
      expect(s.foreignRequests).toEqual([]);
    });
  });
});
