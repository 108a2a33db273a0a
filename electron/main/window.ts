/**
 * The locked-down main window and the session-wide guards. The renderer is treated as untrusted web
 * content: sandboxed, isolated, no Node, no navigation, no popups, no permissions, no network.
 */
import { BrowserWindow, app, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAllowedRequest, isTrustedAppUrl } from './policy';

/** IPC channels towards the preload (electron/preload/index.ts). */
export const PORT_CHANNEL = 'courtdesk:port';
export const STATUS_CHANNEL = 'courtdesk:status';

/** Applies the session guards: deny every permission, cancel every request that is not ours. */
export function hardenSession(target: Session, devOrigin: string | undefined): void {
  // Camera, microphone, notifications, geolocation, clipboard-read, HID, serial …: a court
  // assistant needs none, and a page that asks is not ours.
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  // Chromium's spellchecker fetches hunspell dictionaries from a Google CDN outside webRequest's
  // reach; a privacy-first app must not make that request (webPreferences.spellcheck is off too).
  target.setSpellCheckerEnabled(false);
  target.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, devOrigin);
    if (!allowed) console.error(`courtdesk: blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

/**
 * Guards for every webContents ever created (the main window, DevTools, anything a bug might open):
 * no navigation away from the app, no new windows, no <webview>.
 */
export function guardAllWebContents(devOrigin: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      // Even an in-app URL is refused: the SPA routes client-side, so any real navigation is suspect.
      event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedAppUrl(url, devOrigin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No shell.openExternal either: links in case files are untrusted input.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly devUrl: string | undefined;
  readonly devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: '智审工作台 CourtDesk',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click (auxclick) on a link would try to open a window; the open handler denies it
      // anyway, this removes the event altogether.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.devUrl ?? APP_ENTRY_URL);
  return win;
}

/**
 * Hands the window its backend port, but only if its main frame is our app: a window that somehow
 * shows anything else gets nothing. Returns false when the port was not sent.
 */
export function sendPort(win: BrowserWindow, port: Electron.MessagePortMain, devOrigin: string | undefined): boolean {
  if (win.isDestroyed()) return false;
  const frame = win.webContents.mainFrame;
  if (!isTrustedAppUrl(frame.url, devOrigin)) {
    console.error(`courtdesk: refusing to hand a backend port to ${frame.url.slice(0, 200)}`);
    port.close();
    return false;
  }
  // webContents.postMessage targets the main frame only, never subframes.
  win.webContents.postMessage(PORT_CHANNEL, null, [port]);
  return true;
}

export function sendStatus(win: BrowserWindow, status: 'reconnecting'): void {
  if (!win.isDestroyed()) win.webContents.send(STATUS_CHANNEL, status);
}

