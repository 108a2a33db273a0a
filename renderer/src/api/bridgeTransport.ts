import type { BackendStatus, Bridge } from '../../../shared/contract/bridge';
import type { Transport } from './transport';

declare global {
  interface Window {
    /** Exposed by the desktop preload; absent in browser mode. */
    readonly courtdesk?: Bridge;
  }
}

export function bridgeTransport(bridge: Bridge): Transport {
  // The preload only exists once main has wired the backend port, so the first calls can go out;
  // restarts are then reported through `backend.status`.
  let status: BackendStatus = 'ready';
  bridge.on('backend.status', (payload) => {
    if (payload === 'connecting' || payload === 'ready' || payload === 'reconnecting') status = payload;
  });
  return {
    call: (method, input) => bridge.call(method, input),
    on: (event, listener) => bridge.on(event, listener),
    status: () => status,
    // The preload routes shell.* to main; a bridge exists only in the desktop app.
    nativeShell: true,
  };
}
