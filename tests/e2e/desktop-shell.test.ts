import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import { createShellService, type NativeShell, type OpenRequest, type SaveRequest } from '../../electron/main/shellService';
import { haveTinyModel, tinyModel } from '../llm/helpers';
import { readDocx } from '../services/drafting-docx';
import { chromiumPath, openBrowser, screenshot, serveApp, type BrowserSession, type ServedApp } from './harness';

/**
 * The renderer as it runs in the desktop app, in real Chromium: `window.courtdesk` is a bridge with
 * the preload's shape (call + on). Backend calls go to the real `courtdesk serve` backend and events
 * come back from it; `shell.*` calls run main's real shell service (validation, remembered folders,
 * writing the file). Only the OS dialog is scripted (it answers with the path a user would pick),
 * as Joplin's E2E suite does with setFilePickerResponse; the Electron binary cannot be downloaded here.
 */
const CASE_NUMBER = '（2026）粤0305民初9001号';

/** Browser code as a string: this project's Node tsconfig has no DOM types. */
const BRIDGE = `(() => {
  const listeners = new Map();
  window.__courtdeskEmit = (event, payload) => {
    for (const l of [...(listeners.get(event) ?? [])]) {
      try { l(payload); } catch (err) { console.error(err); }
    }
  };
  window.courtdesk = {
    call: (method, input) => window.__courtdeskCall(method, input === undefined ? null : input),
    on: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = (p) => listener(p);
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
})();`;

describe.skipIf(!chromiumPath || !haveTinyModel)('E2E desktop shell: native file picker and save dialog', () => {
  let app: ServedApp;
  let s: BrowserSession;
  let token: string;
  let saveDir: string;
  const opens: OpenRequest[] = [];
  const saves: SaveRequest[] = [];
  const revealed: string[] = [];
  const openAnswers: Array<string | null> = [];
  const saveAnswers: Array<string | null> = [];
  let stopEvents: AbortController;

  const rpc = async (method: string, input: unknown): Promise<Result<unknown>> => {
    const res = await fetch(`${app.origin}/rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  };
  const value = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await rpc(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    app = await serveApp();
    token = decodeURIComponent(/#token=([^&]+)/.exec(app.url)![1]!);
    saveDir = mkdtempSync(join(tmpdir(), 'courtdesk-saved-'));
    const native: NativeShell<null> = {
      showOpen: (request) => {
        opens.push(request);
        const next = openAnswers.shift() ?? null;
        return Promise.resolve(next === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [next] });
      },
      showSave: (request) => {
        saves.push(request);
        const next = saveAnswers.shift() ?? null;
        return Promise.resolve(next === null ? { canceled: true } : { canceled: false, filePath: next });
      },
      writeFile: (path, bytes) => writeFile(path, bytes),
      reveal: (path) => void revealed.push(path),
      documentsDir: saveDir,
    };
    const shell = createShellService(native);

    s = await openBrowser(app.origin);
    await s.page.exposeFunction('__courtdeskCall', (method: string, input: unknown) =>
      method.startsWith('shell.') ? shell.handle(method, input, null) : rpc(method, input),
    );
    await s.page.addInitScript(BRIDGE);

    // Backend push events reach the page like the MessagePort would deliver them.
    stopEvents = new AbortController();
    const events = await fetch(`${app.origin}/events`, { headers: { authorization: `Bearer ${token}` }, signal: stopEvents.signal });
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of events.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            // `data` is the JSON the backend wrote; a page between loads misses the event, like a reloading window.
            if (name && data) await s.page.evaluate(`window.__courtdeskEmit(${JSON.stringify(name)}, ${data})`).catch(() => undefined);
          }
        }
      } catch {
        // Aborted at the end of the suite.
      }
    })();

    // Setup through the API: the flows under test are the dialogs, not registration.
    await value('settings.update', { court: { name: '广东省深圳市南山区人民法院', code: '粤0305' }, samplesChoice: 'loaded' });
    await value('samples.load', {});
  });

  afterAll(async () => {
    stopEvents?.abort();
    await s?.close();
    await app?.stop();
    if (saveDir) rmSync(saveDir, { recursive: true, force: true });
  });

  it('adds a model picked in the native file dialog, and a cancelled dialog adds nothing', async () => {
    const { page } = s;
    await page.goto(`${app.origin}/#/models`);
    await page.getByTestId('models-page').waitFor();
    await expect(page.getByTestId('model-add').textContent()).resolves.toContain('点击“浏览…”在系统对话框中选择 .gguf 文件');

    openAnswers.push(null);
    await page.getByTestId('model-add-browse').click();
    await expect.poll(() => opens.length).toBe(1);
    expect(opens[0]).toMatchObject({ title: '选择 GGUF 模型文件', filters: [{ name: 'GGUF 模型', extensions: ['gguf'] }] });
    expect(opens[0]!.properties).toContain('openFile');

    openAnswers.push(tinyModel);
    await page.getByTestId('model-add-browse').click();
    await page.getByTestId(`model-load-${basename(tinyModel)}`).waitFor();
    // Reopens where the last model came from.
    expect(opens[1]!.defaultPath).toBeUndefined();
    const models = await value<{ items: Array<{ path: string; source: string }> }>('llm.models.list', {});
    expect(models.items.filter((m) => m.path === tinyModel).map((m) => m.source)).toContain('added');
    await screenshot(page, 'desktop-01-model-picked');
    expect(s.foreignRequests).toEqual([]);
  });

  it('picks the statute folder in a native folder dialog', async () => {
    const { page } = s;
    await page.goto(`${app.origin}/#/precedents?tab=statutes`);
    openAnswers.push('/srv/法律法规');
    await page.getByTestId('statute-path-browse').click();
    await expect.poll(() => page.getByTestId('statute-path').inputValue()).toBe('/srv/法律法规');
    expect(opens.at(-1)!.properties).toContain('openDirectory');
    expect(opens.at(-1)!.title).toBe('选择法律法规文件夹');
  });

  it('saves an exported judgment through the native save dialog and shows it in its folder', async () => {
    const { page } = s;
    const cases = await value<{ items: Array<{ id: string; caseNumber: string }> }>('cases.list', { query: '民初9001号' });
    const caseId = cases.items.find((c) => c.caseNumber === CASE_NUMBER)!.id;
    const draft = await value<{ id: string }>('drafting.create', { caseId, kind: 'judgment' });
    await page.goto(`${app.origin}/#/cases/${caseId}?tab=drafting&draft=${draft.id}`);
    await page.getByTestId('draft-editor').waitFor();

    const target = join(saveDir, '判决书-终稿');
    saveAnswers.push(target);
    await page.getByTestId('draft-export').click();
    // The rule-drafted judgment still has sections for the judge to write, so proofreading warns first.
    const anyway = page.getByTestId('export-anyway');
    const saved = page.getByTestId('saved-reveal');
    await Promise.race([anyway.waitFor(), saved.waitFor()]);
    if (await anyway.isVisible()) await anyway.click();
    await saved.waitFor();
    await screenshot(page, 'desktop-02-judgment-saved');

    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({
      defaultPath: join(saveDir, `${CASE_NUMBER}民事判决书.docx`),
      filters: [{ name: 'Word 文档', extensions: ['docx'] }],
    });
    // The dialog's answer had no extension: main adds it, and the message names the saved file.
    const file = `${target}.docx`;
    expect(existsSync(file)).toBe(true);
    await expect(page.locator('.ant-message').textContent()).resolves.toContain('判决书-终稿.docx');
    const docx = readDocx(readFileSync(file));
    expect(docx.paragraphs.join('\n')).toContain(CASE_NUMBER);
    expect(docx.document).toContain('w:pgSz');

    await saved.click();
    await expect.poll(() => revealed).toEqual([file]);
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });
});
