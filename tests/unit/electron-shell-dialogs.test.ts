/**
 * Native dialogs of the desktop shell without Electron: the preload routes `shell.*` calls to main
 * (here: a structured-clone hop standing in for ipcRenderer.invoke), and main's shell service runs
 * for real (validation, dialog options, remembered folders, writing real files). Only the OS dialog
 * is scripted: it returns the path a user would have chosen, like Joplin's setFilePickerResponse.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import { MAX_SAVE_BYTES } from '../../shared/contract/shell';
import { SHELL_METHOD_NAMES } from '../../shared/contract/shellNames';
import { createBridgeCore, type PortLike } from '../../electron/preload/bridgeCore';
import { createShellService, type NativeShell, type OpenRequest, type SaveRequest } from '../../electron/main/shellService';

type Owner = { readonly window: string };

/** The OS side: each dialog answers with the next scripted choice and records what it was asked. */
function scriptedNative(dir: string) {
  const opens: OpenRequest[] = [];
  const saves: SaveRequest[] = [];
  const owners: Owner[] = [];
  const revealed: string[] = [];
  const openAnswers: Array<string | null> = [];
  const saveAnswers: Array<string | null> = [];
  const native: NativeShell<Owner> = {
    showOpen: (request, owner) => {
      opens.push(request);
      owners.push(owner);
      const next = openAnswers.shift() ?? null;
      return Promise.resolve(next === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [next] });
    },
    showSave: (request, owner) => {
      saves.push(request);
      owners.push(owner);
      const next = saveAnswers.shift() ?? null;
      return Promise.resolve(next === null ? { canceled: true } : { canceled: false, filePath: next });
    },
    writeFile: (path, bytes) => writeFile(path, bytes),
    reveal: (path) => void revealed.push(path),
    documentsDir: dir,
  };
  return { native, opens, saves, owners, revealed, openAnswers, saveAnswers };
}

const WIN: Owner = { window: 'main' };
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'courtdesk-shell-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('shell service (main): open dialogs', () => {
  it('opens a GGUF file dialog for a model, returns the chosen path and reopens in its folder next time', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    os.openAnswers.push('/home/clerk/models/qwen2.5-3b-instruct-q4_k_m.gguf', null);

    const first = await service.handle('shell.pickPath', { purpose: 'model', title: '选择 GGUF 模型文件' }, WIN);
    expect(first).toEqual({ ok: true, value: { path: '/home/clerk/models/qwen2.5-3b-instruct-q4_k_m.gguf' } });
    expect(os.opens[0]).toMatchObject({
      title: '选择 GGUF 模型文件',
      defaultPath: undefined,
      filters: [{ name: 'GGUF 模型', extensions: ['gguf'] }],
    });
    expect(os.opens[0]!.properties).toContain('openFile');
    expect(os.opens[0]!.properties).not.toContain('openDirectory');
    expect(os.owners[0]).toBe(WIN);

    // Cancelled: no path, and the remembered folder is the model's folder, not the file.
    const second = await service.handle('shell.pickPath', { purpose: 'model' }, WIN);
    expect(second).toEqual({ ok: true, value: { path: null } });
    expect(os.opens[1]!.defaultPath).toBe('/home/clerk/models');
    expect(os.opens[1]!.title).toBe('选择 GGUF 模型文件');
  });

  it('opens folder dialogs for corpora and statutes, remembering each purpose apart', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    os.openAnswers.push('/data/judgments', '/data/laws');
    await service.handle('shell.pickPath', { purpose: 'precedentFolder' }, WIN);
    await service.handle('shell.pickPath', { purpose: 'statutesFolder' }, WIN);
    await service.handle('shell.pickPath', { purpose: 'precedentFolder' }, WIN);
    await service.handle('shell.pickPath', { purpose: 'precedentTable' }, WIN);
    expect(os.opens.map((o) => o.properties.includes('openDirectory'))).toEqual([true, true, true, false]);
    expect(os.opens.map((o) => o.defaultPath)).toEqual([undefined, undefined, '/data/judgments', undefined]);
    expect(os.opens[3]!.filters[0]!.extensions).toEqual(['jsonl', 'json', 'csv', 'gz']);
  });

  it('refuses an unknown purpose, an unknown method and a non-object input with BAD_INPUT before any dialog opens', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    const bad = await service.handle('shell.pickPath', { purpose: 'anything' }, WIN);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_INPUT');
      expect(bad.error.details?.issues?.[0]?.path).toBe('purpose');
    }
    const unknown = await service.handle('shell.openExternal', { url: 'https://example.com' }, WIN);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Unknown shell method: shell.openExternal' } });
    const proto = await service.handle('__proto__', {}, WIN);
    expect(proto.ok).toBe(false);
    const notObject = await service.handle('shell.pickPath', 'model', WIN);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(os.opens).toHaveLength(0);
  });

  it('reports a dialog that cannot open as INTERNAL, never as a throw', async () => {
    const os = scriptedNative(dir);
    const service = createShellService({ ...os.native, showOpen: () => Promise.reject(new Error('no display')) });
    const r = await service.handle('shell.pickPath', { purpose: 'model' }, WIN);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The native dialog failed: no display' } });
  });
});

describe('shell service (main): save dialog', () => {
  it('suggests the name in Documents, writes exactly the bytes, returns only the file name, and reveals it', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 250, 255]);
    os.saveAnswers.push(join(dir, '判决书（终稿）.docx'));
    const r = await service.handle('shell.saveFile', { suggestedName: '（2026）京0105民初123号 判决书.docx', kind: 'docx', contentBase64: b64(bytes) }, WIN);
    expect(r).toEqual({ ok: true, value: { saved: true, fileName: '判决书（终稿）.docx' } });
    expect(os.saves[0]).toMatchObject({
      title: '保存文书',
      defaultPath: join(dir, '（2026）京0105民初123号 判决书.docx'),
      filters: [{ name: 'Word 文档', extensions: ['docx'] }],
    });
    expect(new Uint8Array(await readFile(join(dir, '判决书（终稿）.docx')))).toEqual(bytes);

    expect(await service.handle('shell.revealSaved', {}, WIN)).toEqual({ ok: true, value: { revealed: true } });
    expect(os.revealed).toEqual([join(dir, '判决书（终稿）.docx')]);
  });

  it('adds the extension the dialog left off, and opens the next save where the last one went', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    os.saveAnswers.push(join(dir, '证据目录'), null);
    const csv = '\uFEFF序号,证据名称\r\n1,借条\r\n';
    const r = await service.handle('shell.saveFile', { suggestedName: '证据目录-（2026）京0105民初1号', kind: 'csv', contentBase64: b64(csv) }, WIN);
    expect(r).toEqual({ ok: true, value: { saved: true, fileName: '证据目录.csv' } });
    expect(os.saves[0]!.defaultPath).toBe(join(dir, '证据目录-（2026）京0105民初1号.csv'));
    expect(await readFile(join(dir, '证据目录.csv'), 'utf8')).toBe(csv);

    const cancelled = await service.handle('shell.saveFile', { suggestedName: 'x.csv', kind: 'csv', contentBase64: b64('a') }, WIN);
    expect(cancelled).toEqual({ ok: true, value: { saved: false, fileName: null } });
    expect(os.saves[1]!.defaultPath).toBe(join(dir, 'x.csv'));
  });

  it('has nothing to reveal before a save', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    expect(await service.handle('shell.revealSaved', {}, WIN)).toEqual({ ok: true, value: { revealed: false } });
    expect(os.revealed).toEqual([]);
  });

  it('refuses names with a folder part, bytes that are not base64 and oversized files, naming the field', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ suggestedName: '../../etc/passwd', kind: 'docx', contentBase64: '' }, 'suggestedName'],
      [{ suggestedName: 'C:\\Windows\\x.docx', kind: 'docx', contentBase64: '' }, 'suggestedName'],
      [{ suggestedName: '..', kind: 'docx', contentBase64: '' }, 'suggestedName'],
      [{ suggestedName: 'a\u0000b.docx', kind: 'docx', contentBase64: '' }, 'suggestedName'],
      [{ suggestedName: 'a.docx', kind: 'docx', contentBase64: 'not base64!' }, 'contentBase64'],
      [{ suggestedName: 'a.docx', kind: 'exe', contentBase64: '' }, 'kind'],
      [{ suggestedName: 'a.docx', kind: 'docx', contentBase64: 'A'.repeat(Math.ceil(MAX_SAVE_BYTES / 3) * 4 + 4) }, 'contentBase64'],
    ];
    for (const [input, field] of cases) {
      const r = await service.handle('shell.saveFile', input, WIN);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_INPUT');
        expect(r.error.details?.issues?.map((i) => i.path)).toContain(field);
      }
    }
    expect(os.saves).toHaveLength(0);
  });

  it('says in words why a write failed, and keeps the file that was there', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    // A "folder" that is a file: the write fails with ENOTDIR whoever runs the test (root included).
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'keep me');
    os.saveAnswers.push(join(blocker, '判决书.docx'));
    const r = await service.handle('shell.saveFile', { suggestedName: '判决书.docx', kind: 'docx', contentBase64: b64('x') }, WIN);
    expect(r).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: '判决书.docx could not be saved (ENOTDIR).', details: { reason: 'other', file: '判决书.docx' } },
    });
    expect(await readFile(blocker, 'utf8')).toBe('keep me');

    const busy = createShellService({
      ...os.native,
      writeFile: () => Promise.reject(Object.assign(new Error('busy'), { code: 'EBUSY' })),
    });
    os.saveAnswers.push(join(dir, '判决书.docx'));
    const r2 = await busy.handle('shell.saveFile', { suggestedName: '判决书.docx', kind: 'docx', contentBase64: b64('x') }, WIN);
    expect(r2).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: '判决书.docx is open in another program (e.g. Word); close it and save again.', details: { reason: 'busy' } },
    });
    // Nothing to reveal: the failed save is not "the last saved file".
    expect(await busy.handle('shell.revealSaved', {}, WIN)).toEqual({ ok: true, value: { revealed: false } });
  });
});

/** A port that records what the preload sends to the backend (it must be nothing for shell calls). */
function recordingPort(sent: unknown[]): PortLike {
  const { port1 } = new MessageChannel();
  return {
    postMessage: (m) => void sent.push(m),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    start: () => undefined,
    close: () => port1.close(),
  };
}

describe('preload routing of shell calls', () => {
  it('sends shell.* to main (not to the backend port) and hands back main’s Result, even with no backend', async () => {
    const os = scriptedNative(dir);
    const service = createShellService(os.native);
    const hops: string[] = [];
    const core = createBridgeCore({
      // ipcRenderer.invoke: structured clone both ways, like Electron's IPC.
      shellCall: async (method, input) => {
        hops.push(method);
        return structuredClone(await service.handle(method, structuredClone(input), WIN));
      },
    });
    os.openAnswers.push('/models/a.gguf');
    // No port attached yet (backend still starting): the dialog must not wait for it.
    const picked = await core.bridge.call('shell.pickPath', { purpose: 'model' });
    expect(picked).toEqual({ ok: true, value: { path: '/models/a.gguf' } });

    const sent: unknown[] = [];
    core.attachPort(recordingPort(sent));
    os.saveAnswers.push(join(dir, 'a.docx'));
    const saved = await core.bridge.call('shell.saveFile', { suggestedName: 'a.docx', kind: 'docx', contentBase64: b64('PK') });
    expect(saved).toEqual({ ok: true, value: { saved: true, fileName: 'a.docx' } });
    expect(hops).toEqual(['shell.pickPath', 'shell.saveFile']);
    expect(sent).toEqual([]);

    // Backend calls still go to the port, never to main.
    void core.bridge.call('cases.list', {});
    expect(sent).toHaveLength(1);
    expect(hops).toHaveLength(2);
  });

  it('lists every shell method and answers UNSUPPORTED when there is no shell', async () => {
    expect([...SHELL_METHOD_NAMES].sort()).toEqual(['shell.pickPath', 'shell.revealSaved', 'shell.saveFile']);
    const core = createBridgeCore();
    const r = await core.bridge.call('shell.pickPath', { purpose: 'model' });
    expect(r).toEqual({ ok: false, error: { code: 'UNSUPPORTED', message: 'shell.pickPath needs the desktop app' } });
  });

  it('turns a failing or malformed IPC reply into a Result instead of a rejection', async () => {
    const throwing = createBridgeCore({ shellCall: () => Promise.reject(new Error('An object could not be cloned.')) });
    const r1: Result<unknown> = await throwing.bridge.call('shell.saveFile', {});
    expect(r1).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The desktop shell could not run shell.saveFile: An object could not be cloned.' },
    });
    const malformed = createBridgeCore({ shellCall: () => Promise.resolve({ path: '/x' }) });
    const r2 = await malformed.bridge.call('shell.pickPath', { purpose: 'model' });
    expect(r2).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Malformed reply from the desktop shell' } });
  });
});
