import { runCli } from '../../electron/cli/index';
import type { CliIo } from '../../electron/cli/io';

/** Runs the real CLI in-process, capturing what it prints. */
export async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void (err += t.endsWith('\n') ? t : `${t}\n`),
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}
