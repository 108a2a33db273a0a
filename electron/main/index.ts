/**
 * Electron main process of CourtDesk: a thin shell. It owns the window, the app:// protocol, the
 * session guards, the menu and the native dialogs (shellIpc.ts), and supervises the backend host (a
 * utilityProcess that does all domain work: SQLite, LLM, search). It never touches the database or
 * the model itself, and does no synchronous I/O after start-up.
 *
 * Layout of the build (electron.vite.config.ts): out/main/index.js (this), out/main/host.js (the
 * backend host), out/preload/index.js, out/renderer/ (served as app://bundle/).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import type { ErrorBody } from '../../shared/contract/result';
import { HOST_ENV } from '../backend/hostProtocol';
import { BackendSupervisor } from './backendSupervisor';
import { installMenu } from './menu';
import { installShellIpc } from './shellIpc';
import { devServerOrigin } from './policy';
import { installAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow, guardAllWebContents, hardenSession, sendPort, sendStatus } from './window';

// Both must happen before 'ready'. enableSandbox() makes every renderer sandboxed even if some
// future code forgets the webPreferences flag.
registerAppScheme();
app.enableSandbox();

const rawDevUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const devOrigin = devServerOrigin(rawDevUrl, app.isPackaged);
const devTools = !app.isPackaged;

const rendererDir = join(__dirname, '../renderer');
const preloadPath = join(__dirname, '../preload/index.js');
const hostPath = join(__dirname, 'host.js');

const windows = new Set<BrowserWindow>();
/** Windows whose page has loaded (so its preload listens for a port). */
const loaded = new WeakSet<BrowserWindow>();
let supervisor: BackendSupervisor | undefined;
let quitting = false;
let fatalShown = false;

function connectWindow(win: BrowserWindow): void {
  if (!supervisor || !loaded.has(win) || win.isDestroyed()) return;
  const port = supervisor.connect();
  if (port) sendPort(win, port, devOrigin);
}

function openWindow(): BrowserWindow {
  const win = createMainWindow({ preloadPath, devUrl: devOrigin ? rawDevUrl : undefined, devTools });
  windows.add(win);
  // Every load (including a reload) runs a fresh preload that needs a fresh port; the old port's
  // host end closes by itself when its renderer context goes away.
  win.webContents.on('did-start-loading', () => loaded.delete(win));
  win.webContents.on('did-finish-load', () => {
    loaded.add(win);
    connectWindow(win);
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`courtdesk: renderer gone (${details.reason}, exit code ${details.exitCode})`);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
  });
  win.on('closed', () => windows.delete(win));
  return win;
}

function describeFatal(error: ErrorBody): { message: string; detail: string } {
  if (error.code === 'DB_TOO_NEW') {
    return {
      message: '数据库由更新版本的智审工作台创建，当前版本无法打开。请安装最新版本后再试。',
      detail: error.message,
    };
  }
  return { message: '智审工作台的后台服务无法启动。', detail: `${error.code}: ${error.message}` };
}

async function showFatal(error: ErrorBody): Promise<void> {
  if (fatalShown) return;
  fatalShown = true;
  const { message, detail } = describeFatal(error);
  const parent = [...windows].find((w) => !w.isDestroyed());
  const options = { type: 'error' as const, title: '智审工作台', message, detail, buttons: ['退出'] };
  await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  app.quit();
}

async function sqliteBinding(): Promise<string | undefined> {
  // Packaged: the Electron-ABI binding ships as an extra resource (electron-builder.yml, beforePack).
  // Development: scripts/start.cjs builds it apart from node_modules and passes its path.
  if (app.isPackaged) {
    const shipped = join(process.resourcesPath, 'native', 'better_sqlite3.node');
    try {
      await access(shipped);
      return shipped;
    } catch {
      return undefined;
    }
  }
  return process.env[HOST_ENV.sqliteBinding] || undefined;
}

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the database: a second writer would only wait on locks. It gets focus instead.
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const win = [...windows][0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  if (process.platform === 'win32') app.setAppUserModelId('cn.courtdesk.app');

  guardAllWebContents(devOrigin);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (quitting || !supervisor) return;
    // Let the host close SQLite cleanly (WAL checkpoint) before the process goes.
    event.preventDefault();
    quitting = true;
    void supervisor.stop().finally(() => app.quit());
  });

  await app.whenReady();
  hardenSession(session.defaultSession, devOrigin);
  installAppProtocol(rendererDir);
  installMenu(devTools);
  installShellIpc(devOrigin);

  supervisor = new BackendSupervisor({
    hostPath,
    dataDir: app.getPath('userData'),
    resourcesDir: resourcesDir(),
    sqliteBinding: await sqliteBinding(),
    production: app.isPackaged,
    onReady: () => {
      for (const win of windows) connectWindow(win);
    },
    onLost: () => {
      for (const win of windows) sendStatus(win, 'reconnecting');
    },
    onFatal: (error) => void showFatal(error),
  });
  supervisor.start();

  openWindow();
  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });
}

main().catch((err: unknown) => {
  console.error('courtdesk: start-up failed', err);
  dialog.showErrorBox('智审工作台', `启动失败：${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
});
