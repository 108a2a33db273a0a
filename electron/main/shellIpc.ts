/**
 * Wires the `shell.*` calls (shellService.ts) to Electron: ipcMain on one channel, the sender checked
 * like the backend port hand-over (main frame of our own app only), dialogs parented to the calling
 * window so they are modal to it.
 */
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, app, dialog, ipcMain, shell } from 'electron';
import type { Result } from '../../shared/contract/result';
import { isTrustedShellSender } from './policy';
import { createShellService, type NativeShell } from './shellService';

/** Must match electron/preload/index.ts. */
export const SHELL_CHANNEL = 'courtdesk:shell';

export function installShellIpc(devOrigin: string | undefined): void {
  const native: NativeShell<BrowserWindow | null> = {
    async showOpen(request, parent) {
      const options = {
        title: request.title,
        defaultPath: request.defaultPath,
        properties: [...request.properties],
        filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
      };
      const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return { canceled: r.canceled, filePaths: r.filePaths };
    },
    async showSave(request, parent) {
      const options = {
        title: request.title,
        defaultPath: request.defaultPath,
        filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
      };
      const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return { canceled: r.canceled, filePath: r.filePath };
    },
    writeFile: (path, bytes) => writeFile(path, bytes),
    reveal: (path) => shell.showItemInFolder(path),
    documentsDir: app.getPath('documents'),
  };
  const service = createShellService(native);

  ipcMain.handle(SHELL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    if (!isTrustedShellSender(frame, event.sender.mainFrame, devOrigin)) {
      console.error(`courtdesk: refused a shell call from ${frame?.url.slice(0, 200) ?? 'a destroyed frame'}`);
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: shell calls come only from the app window' } };
    }
    return service.handle(method, input, BrowserWindow.fromWebContents(event.sender));
  });
}
