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

/** One served app with Chromium open on it; `close()` shuts both. */
export interface Session extends BrowserSession {
  readonly app: ServedApp;
}

/** Serves the app on a fresh data folder and opens Chromium on it (one per describe block). */
export async function startSession(): Promise<Session> {
  const app = await serveApp();
  let browser: BrowserSession;
  try {
    browser = await openBrowser(app.origin);
  } catch (err) {
    // No session object reaches afterAll to stop the server, so stop it here.
    await app.stop();
    throw err;
  }
  return {
    ...browser,
    app,
    close: async () => {
      await browser.close();
      await app.stop();
    },
  };
}

async function answerSamples(page: Page, answer: 'load' | 'decline'): Promise<void> {
  await page.getByTestId('samples-card').waitFor();
  await page.getByTestId(`samples-${answer}`).click();
  await page.getByTestId('samples-card').waitFor({ state: 'detached' });
}

/** Answers the first-run question (on a fresh data folder's dashboard) by loading the fictional sample cases. */
export function loadSamples(page: Page): Promise<void> {
  return answerSamples(page, 'load');
}

/** Answers the first-run question by declining the sample cases. */
export function declineSamples(page: Page): Promise<void> {
  return answerSamples(page, 'decline');
}

/** Saves the court's name and code in 设置, and waits until the header shows the name. */
export async function setCourtProfile(page: Page, name: string, code: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-form').waitFor();
  await page.getByTestId('settings-courtName').fill(name);
  await page.getByTestId('settings-courtCode').fill(code);
  await page.getByTestId('settings-save').click();
  await page.getByTestId('court-name').filter({ hasText: name }).waitFor();
}

/** Searches the case list for `query` and opens the first row that shows it (e.g. a sample's number, '9001'). */
export async function openCase(page: Page, query: string): Promise<void> {
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('case-table').waitFor();
  await page.getByTestId('case-search').fill(query);
  const row = page.getByTestId('case-table').locator('tbody tr', { hasText: query });
  await row.first().waitFor();
  await row.first().click();
  await page.getByTestId('case-workspace').waitFor();
}
