/**
 * Runs the backend host (electron/backend/host.ts) as an Electron utilityProcess and keeps it
 * running: a native crash there (llama.cpp aborting on a too-large model, an OOM) must never take
 * the window down. On an unexpected exit it restarts with backoff and the windows are re-connected
 * with fresh ports; a fatal start error (e.g. DB_TOO_NEW) is not retried but reported.
 */
import { app, MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { ErrorBody } from '../../shared/contract/result';
import { HOST_ENV, isHostToMain, type MainToHost } from '../backend/hostProtocol';
import { HEALTHY_UPTIME_MS, MAX_RESTART_ATTEMPTS, restartDelayMs } from './policy';

export interface SupervisorOptions {
  readonly hostPath: string;
  readonly dataDir: string;
  readonly resourcesDir: string;
  /** better-sqlite3 binding built for Electron's ABI; undefined = the one in node_modules. */
  readonly sqliteBinding: string | undefined;
  readonly production: boolean;
  /** The host opened its backend: hand ports to the windows. */
  readonly onReady: () => void;
  /** The host went away unexpectedly; a restart is scheduled. */
  readonly onLost: () => void;
  /** The backend cannot run (fatal start error, or too many crashes): tell the user. */
  readonly onFatal: (error: ErrorBody) => void;
}

type State = 'stopped' | 'starting' | 'ready' | 'fatal' | 'stopping';

const SHUTDOWN_GRACE_MS = 5_000;

export class BackendSupervisor {
  readonly #opts: SupervisorOptions;
  #child: UtilityProcess | undefined;
  #state: State = 'stopped';
  #attempts = 0;
  #startedAt = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #exited: Promise<void> = Promise.resolve();

  constructor(options: SupervisorOptions) {
    this.#opts = options;
  }

  get ready(): boolean {
    return this.#state === 'ready';
  }

  start(): void {
    if (this.#child || this.#state === 'stopping' || this.#state === 'fatal') return;
    this.#state = 'starting';
    this.#startedAt = Date.now();
    const env: Record<string, string> = {};
    // Copy explicitly: ForkOptions.env wants string values, process.env may hold undefined. A
    // binding path inherited from the environment is dropped: only the one decided here counts.
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== HOST_ENV.sqliteBinding) env[k] = v;
    env[HOST_ENV.dataDir] = this.#opts.dataDir;
    env[HOST_ENV.resourcesDir] = this.#opts.resourcesDir;
    env[HOST_ENV.appVersion] = app.getVersion();
    if (this.#opts.sqliteBinding) env[HOST_ENV.sqliteBinding] = this.#opts.sqliteBinding;
    // dispatch checks every output against the contract outside production.
    env['NODE_ENV'] = this.#opts.production ? 'production' : 'development';

    const child = utilityProcess.fork(this.#opts.hostPath, [], {
      serviceName: 'courtdesk-backend',
      stdio: 'pipe',
      env,
    });
    this.#child = child;
    pipeLines(child.stdout, 'backend');
    pipeLines(child.stderr, 'backend');

    let resolveExited: () => void = () => undefined;
    this.#exited = new Promise<void>((r) => (resolveExited = r));

    child.on('message', (message: unknown) => {
      if (!isHostToMain(message) || this.#child !== child) return;
      if (message.type === 'ready') {
        this.#state = 'ready';
        this.#opts.onReady();
      } else {
        this.#state = 'fatal';
        this.#opts.onFatal(message.error);
      }
    });
    child.on('error', (type, location) => {
      console.error(`courtdesk: backend host ${type} at ${location}`);
    });
    child.on('exit', (code) => {
      resolveExited();
      if (this.#child !== child) return;
      this.#child = undefined;
      const previous = this.#state;
      if (previous === 'stopping' || previous === 'fatal' || previous === 'stopped') return;
      console.error(`courtdesk: backend host exited with code ${code}`);
      if (Date.now() - this.#startedAt >= HEALTHY_UPTIME_MS) this.#attempts = 0;
      this.#state = 'stopped';
      this.#opts.onLost();
      if (this.#attempts >= MAX_RESTART_ATTEMPTS) {
        this.#state = 'fatal';
        this.#opts.onFatal({
          code: 'UNAVAILABLE',
          message: `The backend stopped ${this.#attempts + 1} times in a row and was not restarted again (exit code ${code}).`,
        });
        return;
      }
      const delay = restartDelayMs(this.#attempts++);
      this.#restartTimer = setTimeout(() => {
        this.#restartTimer = undefined;
        this.start();
      }, delay);
    });
  }

  /**
   * A fresh channel to the host: port1 goes to the host, the returned port2 to a window.
   * Null while the host is not ready (the caller connects again on onReady).
   */
  connect(): MessagePortMain | null {
    const child = this.#child;
    if (!child || this.#state !== 'ready') return null;
    const { port1, port2 } = new MessageChannelMain();
    const message: MainToHost = { type: 'connect' };
    child.postMessage(message, [port1]);
    return port2;
  }

  /** Asks the host to close the database cleanly; kills it after 5 s if it does not exit. */
  async stop(): Promise<void> {
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
    const child = this.#child;
    this.#state = 'stopping';
    if (!child) return;
    const exited = this.#exited;
    const message: MainToHost = { type: 'shutdown' };
    try {
      child.postMessage(message);
    } catch {
      // The host is already gone; waiting for 'exit' below still applies.
    }
    const graceful = await Promise.race([exited.then(() => true), delay(SHUTDOWN_GRACE_MS).then(() => false)]);
    if (!graceful) {
      console.error('courtdesk: backend host did not exit in time; killing it');
      child.kill();
      await Promise.race([exited, delay(1_000)]);
    }
    this.#child = undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

/** Forwards the host's stdout/stderr (its log) to main's stderr, line by line with a prefix. */
function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string): void {
  if (!stream) return;
  stream.setEncoding('utf8');
  let buffered = '';
  stream.on('data', (chunk: string | Buffer) => {
    buffered += String(chunk);
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      process.stderr.write(`[${prefix}] ${buffered.slice(0, nl)}\n`);
      buffered = buffered.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (buffered) process.stderr.write(`[${prefix}] ${buffered}\n`);
    buffered = '';
  });
}
