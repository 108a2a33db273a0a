/**
 * The renderer in the desktop app: with the shell's native dialogs present, path fields get a
 * "浏览…" button whose pick goes straight into the backend call; in browser mode the button is absent.
 * The shell here records calls and answers like main would (its own behaviour is tested in
 * tests/unit/electron-shell-dialogs.test.ts).
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LlmSettings, LlmStatus, ModelInfo } from '../../shared/contract/llm';
import { AppError } from '../../shared/contract/result';
import type { ShellApi, ShellInput } from '../../shared/contract/shell';
import { AppProviders, createQueryClient } from '../../renderer/src/App';
import { createI18n } from '../../renderer/src/i18n';
import { useSaveFile } from '../../renderer/src/ui/saveFile';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

function recordingShell(picks: Array<string | null>) {
  const calls: Array<{ method: string; input: unknown }> = [];
  const shell: ShellApi = {
    'shell.pickPath': (input: ShellInput<'shell.pickPath'>) => {
      calls.push({ method: 'shell.pickPath', input });
      return Promise.resolve({ path: picks.shift() ?? null });
    },
    'shell.saveFile': (input: ShellInput<'shell.saveFile'>) => {
      calls.push({ method: 'shell.saveFile', input });
      return Promise.resolve({ saved: true, fileName: input.suggestedName });
    },
    'shell.revealSaved': () => {
      calls.push({ method: 'shell.revealSaved', input: {} });
      return Promise.resolve({ revealed: true });
    },
  };
  return { shell, calls };
}

const IDLE: LlmStatus = { state: 'idle', queued: 0, model: null, threads: 0, savedModel: null, loadOpId: null };
const PICKED = '/home/clerk/模型/qwen2.5-3b-instruct-q4_k_m.gguf';

function withModels(backend = new FakeBackend()) {
  const items: ModelInfo[] = [];
  const settings = { threads: null, contextSize: 4096, userModelsDir: null, mirrorBaseUrl: 'https://huggingface.co', addedModels: [] } as LlmSettings;
  backend.handle('llm.status', () => IDLE);
  backend.handle('llm.models.list', () => ({ items, userModelsDir: '/data/models' }));
  backend.handle('llm.settings.get', () => settings);
  backend.handle('llm.catalog.list', () => ({ items: [], mirrorBaseUrl: settings.mirrorBaseUrl }));
  backend.handle('llm.bench.results', () => ({ items: [] }));
  backend.handle('llm.models.add', ({ path }) => {
    const info: ModelInfo = {
      path,
      fileName: 'qwen2.5-3b-instruct-q4_k_m.gguf',
      source: 'added',
      fileBytes: 2_000_000_000,
      name: 'Qwen2.5 3B Instruct',
      architecture: 'qwen2',
      parameters: 3_090_000_000,
      quantization: 'Q4_K_M',
      trainContext: 32768,
      hasChatTemplate: true,
      supported: true,
      ramNeededBytes: 3_000_000_000,
      estimateContext: 4096,
      freeRamBytes: 6_000_000_000,
      fitsInRam: true,
      error: null,
    };
    items.push(info);
    return info;
  });
  return backend;
}

describe('native dialogs in the desktop app', () => {
  it('adds the GGUF file chosen in the native dialog at once, and does nothing when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    const backend = withModels();
    const { shell, calls } = recordingShell([null, PICKED]);
    renderApp('/models', backend, shell);
    const browse = await screen.findByTestId('model-add-browse');
    expect(screen.getByTestId('model-add').textContent).toContain('浏览…');

    await user.click(browse);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ method: 'shell.pickPath', input: { purpose: 'model', title: '选择 GGUF 模型文件' } });
    expect(backend.callsOf('llm.models.add')).toEqual([]);

    await user.click(browse);
    await waitFor(() => expect(backend.callsOf('llm.models.add')).toEqual([{ path: PICKED }]));
    expect(await screen.findByText('Qwen2.5 3B Instruct')).toBeTruthy();
  });

  it('fills the statute folder from the native dialog; browser mode has no browse button', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.handle('statutes.laws', () => ({ items: [] }));
    const { shell, calls } = recordingShell(['/data/法律法规']);
    const view = renderApp('/precedents?tab=statutes', backend, shell);
    await user.click(await screen.findByTestId('statute-path-browse'));
    await waitFor(() => expect((screen.getByTestId('statute-path') as HTMLInputElement).value).toBe('/data/法律法规'));
    expect(calls[0]?.input).toEqual({ purpose: 'statutesFolder', title: '选择法律法规文件夹' });
    view.unmount();

    renderApp('/precedents?tab=statutes', backend);
    await screen.findByTestId('statute-path');
    expect(screen.queryByTestId('statute-path-browse')).toBeNull();
  });

  it('asks for a file when importing a table and for a folder otherwise', async () => {
    const user = userEvent.setup();
    const backend = new FakeBackend();
    backend.handle('precedents.import.list', () => ({ items: [] }));
    const { shell, calls } = recordingShell(['/data/judgments', '/data/cases.jsonl']);
    renderApp('/precedents?tab=library', backend, shell);
    await user.click(await screen.findByTestId('import-path-browse'));
    await waitFor(() => expect((screen.getByTestId('import-path') as HTMLInputElement).value).toBe('/data/judgments'));
    await user.click(screen.getByTestId('import-kind-table').closest('label')!);
    await user.click(screen.getByTestId('import-path-browse'));
    await waitFor(() => expect((screen.getByTestId('import-path') as HTMLInputElement).value).toBe('/data/cases.jsonl'));
    expect(calls.map((c) => (c.input as { purpose: string }).purpose)).toEqual(['precedentFolder', 'precedentTable']);
  });
});

function SaveButton({ onSaved }: { onSaved: (name: string | null) => void }) {
  const save = useSaveFile();
  const file = { filename: '（2026）粤0305民初1号民事判决书.docx', mime: 'application/octet-stream', contentBase64: 'UEsDBA==' };
  return (
    <button type="button" onClick={() => void save(file, (name) => `已导出 ${name}`).then(onSaved)}>
      export
    </button>
  );
}

function renderSave(shell: ShellApi) {
  const backend = new FakeBackend();
  const saved: Array<string | null> = [];
  render(
    <AppProviders client={{ api: backend.api, events: backend.events, shell }} queryClient={createQueryClient({ retry: false })} i18n={createI18n('zh-CN')}>
      <SaveButton onSaved={(n) => saved.push(n)} />
    </AppProviders>,
  );
  return saved;
}

describe('saving an export in the desktop app', () => {
  it('sends the bytes to the save dialog and offers to show the saved file in its folder', async () => {
    const user = userEvent.setup();
    const { shell, calls } = recordingShell([]);
    const saved = renderSave(shell);
    await user.click(screen.getByText('export'));
    await user.click(await screen.findByTestId('saved-reveal'));
    expect(screen.getByText('已导出 （2026）粤0305民初1号民事判决书.docx')).toBeTruthy();
    expect(calls).toEqual([
      { method: 'shell.saveFile', input: { suggestedName: '（2026）粤0305民初1号民事判决书.docx', kind: 'docx', contentBase64: 'UEsDBA==' } },
      { method: 'shell.revealSaved', input: {} },
    ]);
    expect(saved).toEqual(['（2026）粤0305民初1号民事判决书.docx']);
  });

  it('says in Chinese why the write failed (the shell gives a reason, not a sentence)', async () => {
    const user = userEvent.setup();
    const { shell } = recordingShell([]);
    const failing: ShellApi = {
      ...shell,
      'shell.saveFile': () =>
        Promise.reject(new AppError('UNAVAILABLE', 'a.docx is open in another program (e.g. Word)', { reason: 'busy', file: '判决书.docx' })),
    };
    const saved = renderSave(failing);
    await user.click(screen.getByText('export'));
    expect(await screen.findByText('“判决书.docx”正在被其他程序（如 Word）打开，请关闭后重新保存。')).toBeTruthy();
    expect(saved).toEqual([null]);
    expect(screen.queryByTestId('saved-reveal')).toBeNull();
  });
});
