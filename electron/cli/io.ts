import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../shared/contract/result';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when standard input is fully read (for commands that read lines). */
  readStdin(): Promise<string>;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export interface Command {
  /** One or two words, e.g. `serve`, `db migrate`. */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** The serve/CLI data folder: --data-dir, else COURTDESK_DATA_DIR, else ~/.courtdesk. */
export function dataDirFrom(value: string | undefined): string {
  return resolve(value ?? process.env['COURTDESK_DATA_DIR'] ?? join(homedir(), '.courtdesk'));
}

/** parseArgs with strict unknown-option errors turned into a usage message rather than a stack trace. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    throw new AppError('BAD_INPUT', `${(err as Error).message}\nUsage: ${usage}`);
  }
}
