/**
 * What main does for the `shell.*` calls (shared/contract/shell.ts): native open and save dialogs.
 * Free of Electron so it runs under Node in tests (tests/unit/electron-shell-dialogs.test.ts); the
 * dialogs themselves come in through `NativeShell`, wired to Electron in shellIpc.ts.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { Result } from '../../shared/contract/result';
import {
  isShellMethod,
  shellMethods,
  type PickPurpose,
  type SaveFailure,
  type SaveKind,
  type ShellMethod,
  type ShellOutput,
  type ShellParsed,
} from '../../shared/contract/shell';
import { badInput } from '../../shared/contract/validation';

export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface OpenRequest {
  readonly title: string;
  readonly defaultPath: string | undefined;
  readonly properties: readonly ('openFile' | 'openDirectory' | 'createDirectory' | 'dontAddToRecent')[];
  readonly filters: readonly FileFilter[];
}

export interface SaveRequest {
  readonly title: string;
  readonly defaultPath: string;
  readonly filters: readonly FileFilter[];
}

/**
 * The OS side: Electron's dialog/shell in the app, scripted answers in tests. `Owner` is whatever the
 * dialogs are modal to (the calling window in the app), passed through per call so two windows'
 * calls can never swap parents.
 */
export interface NativeShell<Owner> {
  showOpen(request: OpenRequest, owner: Owner): Promise<{ canceled: boolean; filePaths: readonly string[] }>;
  showSave(request: SaveRequest, owner: Owner): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  reveal(path: string): void;
  /** Where a first save dialog opens (the user's Documents folder). */
  readonly documentsDir: string;
}

interface PurposeSpec {
  readonly kind: 'file' | 'folder';
  readonly title: string;
  readonly filters: readonly FileFilter[];
}

/**
 * Default titles are Chinese because the UI is zh-CN by default; the renderer passes a localised
 * title, so these only show if it does not.
 */
const PURPOSES: Record<PickPurpose, PurposeSpec> = {
  model: { kind: 'file', title: '选择 GGUF 模型文件', filters: [{ name: 'GGUF 模型', extensions: ['gguf'] }] },
  modelsFolder: { kind: 'folder', title: '选择模型文件夹', filters: [] },
  // The table import reads JSONL (optionally gzip'd) and CSV (electron/backend/precedents/readers.ts).
  precedentTable: {
    kind: 'file',
    title: '选择类案数据文件',
    filters: [{ name: 'JSONL / CSV', extensions: ['jsonl', 'json', 'csv', 'gz'] }],
  },
  precedentFolder: { kind: 'folder', title: '选择裁判文书文件夹', filters: [] },
  statutesFolder: { kind: 'folder', title: '选择法律法规文件夹', filters: [] },
};

const SAVE_KINDS: Record<SaveKind, { readonly title: string; readonly filter: FileFilter }> = {
  docx: { title: '保存文书', filter: { name: 'Word 文档', extensions: ['docx'] } },
  csv: { title: '导出表格', filter: { name: 'CSV 表格', extensions: ['csv'] } },
};

function failure(code: 'BAD_INPUT' | 'UNAVAILABLE' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Node's fs error codes that mean "you cannot write there", as a reason the renderer translates
 * (details.reason) and an English message for the log.
 */
function describeWriteError(err: unknown, fileName: string): { reason: SaveFailure; message: string } {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission', message: `No permission to write ${fileName} there; choose another folder.` };
  if (code === 'EBUSY') return { reason: 'busy', message: `${fileName} is open in another program (e.g. Word); close it and save again.` };
  if (code === 'ENOSPC') return { reason: 'diskFull', message: `The disk is full; ${fileName} was not saved.` };
  if (code === 'EROFS') return { reason: 'readOnly', message: `That drive is read-only; ${fileName} was not saved.` };
  return { reason: 'other', message: `${fileName} could not be saved (${typeof code === 'string' ? code : 'write failed'}).` };
}

export interface ShellService<Owner> {
  /** Validates and runs one call; never throws (the reply crosses IPC as a Result). */
  handle(method: unknown, input: unknown, owner: Owner): Promise<Result<unknown>>;
}

type OwnedHandlers<Owner> = { [M in ShellMethod]: (input: ShellParsed<M>, owner: Owner) => Promise<ShellOutput<M>> };

export function createShellService<Owner>(native: NativeShell<Owner>): ShellService<Owner> {
  // Remembered for the session only: each kind of pick reopens where the user last was.
  const lastDir = new Map<PickPurpose | 'save', string>();
  let lastSaved: string | undefined;

  const handlers: OwnedHandlers<Owner> = {
    async 'shell.pickPath'({ purpose, title }, owner) {
      const spec = PURPOSES[purpose];
      const properties: OpenRequest['properties'] =
        spec.kind === 'file' ? ['openFile', 'dontAddToRecent'] : ['openDirectory', 'createDirectory', 'dontAddToRecent'];
      const picked = await native.showOpen({
        title: title ?? spec.title,
        defaultPath: lastDir.get(purpose),
        properties,
        filters: spec.filters,
      }, owner);
      const path = picked.filePaths[0];
      if (picked.canceled || path === undefined) return { path: null };
      lastDir.set(purpose, spec.kind === 'file' ? dirname(path) : path);
      return { path };
    },

    async 'shell.saveFile'({ suggestedName, kind, contentBase64, title }, owner) {
      const spec = SAVE_KINDS[kind];
      const wanted = `.${kind}`;
      const suggested = extname(suggestedName).toLowerCase() === wanted ? suggestedName : `${suggestedName}${wanted}`;
      const chosen = await native.showSave({
        title: title ?? spec.title,
        defaultPath: join(lastDir.get('save') ?? native.documentsDir, suggested),
        filters: [spec.filter],
      }, owner);
      if (chosen.canceled || !chosen.filePath) return { saved: false, fileName: null };
      // GTK's dialog does not append the filter's extension; Word would not open "判决书" without it.
      const target = extname(chosen.filePath).toLowerCase() === wanted ? chosen.filePath : `${chosen.filePath}${wanted}`;
      const bytes = Buffer.from(contentBase64, 'base64');
      try {
        await native.writeFile(target, bytes);
      } catch (err) {
        const { reason, message } = describeWriteError(err, basename(target));
        throw new ShellFailure(message, { reason, file: basename(target) });
      }
      lastDir.set('save', dirname(target));
      lastSaved = target;
      return { saved: true, fileName: basename(target) };
    },

    // Promise-returning like the others, so the handler table has one shape.
    'shell.revealSaved'() {
      if (lastSaved === undefined) return Promise.resolve({ revealed: false });
      native.reveal(lastSaved);
      return Promise.resolve({ revealed: true });
    },
  };

  return {
    async handle(method, input, owner) {
      if (typeof method !== 'string' || !isShellMethod(method)) {
        return failure('BAD_INPUT', `Unknown shell method: ${String(method).slice(0, 80)}`);
      }
      const name: ShellMethod = method;
      const parsed = shellMethods[name].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: badInput(parsed.error) };
      try {
        const handler = handlers[name] as (input: unknown, owner: Owner) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data, owner) };
      } catch (err) {
        if (err instanceof ShellFailure) return { ok: false, error: { code: 'UNAVAILABLE', message: err.message, details: err.details } };
        // A dialog that cannot open (no display, a parent window gone) is the shell's problem, not the user's input.
        return failure('INTERNAL', `The native dialog failed: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`);
      }
    },
  };
}

/** A failure of the user's situation (the write went wrong), not of the code. */
class ShellFailure extends Error {
  constructor(
    message: string,
    readonly details: { readonly reason: SaveFailure; readonly file: string },
  ) {
    super(message);
  }
}
