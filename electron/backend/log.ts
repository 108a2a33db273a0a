/** Minimal structured logger: stacks go to the log, never to the UI. */
export interface Logger {
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function consoleLogger(prefix = 'courtdesk'): Logger {
  const fmt = (level: string, message: string) => `${new Date().toISOString()} ${prefix} ${level} ${message}`;
  return {
    info: (m, e) => console.error(fmt('info', m), ...(e === undefined ? [] : [e])),
    warn: (m, e) => console.error(fmt('warn', m), ...(e === undefined ? [] : [e])),
    error: (m, e) => console.error(fmt('error', m), ...(e === undefined ? [] : [e])),
  };
}
