/**
 * Entry of the backend host: runs as an Electron utilityProcess (forked by
 * electron/main/backendSupervisor.ts), built to out/main/host.js.
 *
 * It never imports 'electron' (the backend must also run in `courtdesk serve` and in tests), so the
 * little of Electron it touches, `process.parentPort` and MessagePortMain, is typed by the minimal
 * local interfaces below and in hostCore.ts.
 *
 * Protocol (hostProtocol.ts): main sends {type:'connect'} with one port per window and
 * {type:'shutdown'} on quit; the host answers {type:'ready'} once the backend is open, or
 * {type:'fatal', error} when it cannot open (e.g. DB_TOO_NEW), which main shows to the user.
 */
import { AppError, type ErrorBody } from '../../shared/contract/result';
import { createBackend, type Backend } from './backend';
import { dispatch } from './dispatch';
import { createHostCore, type HostPort } from './hostCore';
import { HOST_ENV, isMainToHost, type HostToMain } from './hostProtocol';
import { consoleLogger } from './log';

interface ParentMessageEvent {
  readonly data: unknown;
  readonly ports: readonly HostPort[];
}

/** Electron's process.parentPort, reduced to what is used here. */
interface ParentPort {
  on(event: 'message', listener: (event: ParentMessageEvent) => void): unknown;
  postMessage(message: HostToMain): void;
}

function parentPortOrExit(): ParentPort {
  const port = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (port) return port;
  console.error('out/main/host.js runs only as an Electron utilityProcess; under Node use `courtdesk serve`.');
  return process.exit(2);
}

const log = consoleLogger('courtdesk-host');
const parentPort = parentPortOrExit();
const core = createHostCore(log);
let backend: Backend | undefined;
let shuttingDown = false;

/** A start error in words a clerk's IT person can act on; the stack goes to the log. */
function explainStartError(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32/i.test(message)) {
    return {
      code: 'INTERNAL',
      message:
        'The SQLite module (better-sqlite3) is not built for this Electron version. ' +
        'Start the app with `npm start` (it prepares the Electron build) or reinstall the packaged app. ' +
        `Details: ${message}`,
    };
  }
  return { code: 'INTERNAL', message: `The backend could not start: ${message}` };
}

async function start(): Promise<void> {
  const dataDir = process.env[HOST_ENV.dataDir];
  if (!dataDir) throw new AppError('INTERNAL', `${HOST_ENV.dataDir} is not set (the host is started by the Electron shell)`);
  const resourcesDir = process.env[HOST_ENV.resourcesDir] || undefined;
  const nativeBinding = process.env[HOST_ENV.sqliteBinding] || undefined;
  const version = process.env[HOST_ENV.appVersion] || undefined;
  const opened = await createBackend({
    ...(version ? { version } : {}),
    dataDir,
    mode: 'desktop',
    log,
    ...(resourcesDir ? { resourcesDir } : {}),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  if (shuttingDown) {
    await opened.close();
    return;
  }
  backend = opened;
  core.open({
    call: (method, input) => dispatch(opened.handlers, method, input, log),
    subscribe: (listener) => opened.ctx.events.subscribe(listener),
  });
  parentPort.postMessage({ type: 'ready' });
  log.info(`backend open (data: ${dataDir})`);
}

async function shutdown(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  core.closeAll();
  await starting.catch(() => undefined);
  try {
    await backend?.close();
  } catch (err) {
    log.error('closing the backend failed', err);
  }
  process.exit(0);
}

// Listen before the backend opens: a 'connect' waits in hostCore, a 'shutdown' during start-up
// still closes the database cleanly.
parentPort.on('message', (event) => {
  const message = event.data;
  if (!isMainToHost(message)) return;
  if (message.type === 'shutdown') {
    void shutdown();
    return;
  }
  const port = event.ports[0];
  if (port) core.attach(port);
});

const starting: Promise<void> = start().catch((err: unknown) => {
  log.error('backend start failed', err);
  const error = explainStartError(err);
  core.fail(error);
  parentPort.postMessage({ type: 'fatal', error });
});
