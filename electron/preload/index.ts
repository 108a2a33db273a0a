/**
 * Preload of the main window. Built as CommonJS (Electron's sandboxed preloads cannot load ESM) and
 * bundles no npm package: in a sandbox `require` only knows 'electron' and a few built-ins.
 *
 * It exposes exactly `window.courtdesk = { call, on }` (shared/contract/bridge.ts). Neither
 * ipcRenderer, nor the IPC event objects, nor the MessagePort ever reach the page: the page gets two
 * functions and plain data.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../../shared/contract/bridge';
import { createBridgeCore } from './bridgeCore';

/** IPC channels main uses towards this preload (see electron/main/window.ts). */
const PORT_CHANNEL = 'courtdesk:port';
const STATUS_CHANNEL = 'courtdesk:status';
/** Towards main: native dialogs (electron/main/shellIpc.ts checks the sender frame). */
const SHELL_CHANNEL = 'courtdesk:shell';

const core = createBridgeCore({
  onListenerError: (error) => console.error('courtdesk: an event listener threw', error),
  // Only the method name and plain data go to main; the reply is main's Result envelope.
  shellCall: (method, input) => ipcRenderer.invoke(SHELL_CHANNEL, method, input),
});

// Since Electron 28 only the main process can send to a renderer (ipcRenderer.sendTo is gone), so
// these two channels cannot be spoofed by another page; main itself only sends after checking that
// this frame is app://bundle.
ipcRenderer.on(PORT_CHANNEL, (event: IpcRendererEvent) => {
  const port = event.ports[0];
  if (port) core.attachPort(port);
});

ipcRenderer.on(STATUS_CHANNEL, (_event: IpcRendererEvent, status: unknown) => {
  if (status === 'reconnecting') core.backendLost();
});

// Fresh wrapper functions: contextBridge copies them into the page's world; nothing else is reachable.
const api: Bridge = {
  call: (method: string, input: unknown) => core.bridge.call(method, input),
  on: (event: string, listener: (payload: unknown) => void) => core.bridge.on(event, listener),
};

contextBridge.exposeInMainWorld('courtdesk', api);
