import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const root = join(__dirname, '..', '..');
export const screenshotDir = join(root, 'test-output', 'screenshots');

/** Debian's Chromium (installed by .ci/run); Playwright's own browser download is impossible here. */
export function findChromium(): string | null {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn('E2E skipped: no Chromium found (install Debian\'s `chromium` or set CHROMIUM_PATH). .ci/run installs it.');
}

export interface ServedApp {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `courtdesk serve` (the built CLI) on a fresh data folder. */
export async function serveApp(dataDir?: string): Promise<ServedApp> {
  const cli = join(root, 'out', 'main', 'cli.js');
  if (!existsSync(cli) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` (npm test does it before the E2E suite).');
  }
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'courtdesk-e2e-'));
  const child = spawn(process.execPath, [join(root, 'bin', 'courtdesk.cjs'), 'serve', '--data-dir', dir, '--port', '0', '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const info = await new Promise<{ url: string; origin: string }>((ok, ko) => {
    let buf = '';
    const timer = setTimeout(() => ko(new Error(`serve did not start in 30 s:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        ok(JSON.parse(line) as { url: string; origin: string });
      }
    });
    child.once('exit', (code) => ko(new Error(`serve exited with ${code}:\n${stderr}`)));
  });
  return {
    ...info,
    dataDir: dir,
    child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made that did not go to the app's own loopback origin. */
  readonly foreignRequests: string[];
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Launches Debian Chromium headless with the flags that keep it from calling home (its
 * background networking is refused by this machine and would be a privacy leak anyway).
 */
export async function openBrowser(origin: string): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return {
    browser,
    context,
    page,
    foreignRequests,
    consoleErrors,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
