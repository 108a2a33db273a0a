import { AppError } from '../../shared/contract/result';
import { backup, casesList, dbMigrate, samplesLoad } from './commands/data';
import { benchModel, generate, modelBench, modelInfo } from './commands/model';
import { draft } from './commands/draft';
import { intakeCommands } from './commands/intake';
import { precedentCommands } from './commands/precedents';
import { serve } from './commands/serve';
import { processIo, type CliIo, type Command } from './io';

/** Every `courtdesk` subcommand; later features add theirs here. */
export const COMMANDS: readonly Command[] = [
  serve,
  backup,
  dbMigrate,
  samplesLoad,
  casesList,
  modelInfo,
  generate,
  benchModel,
  modelBench,
  ...precedentCommands,
  ...intakeCommands,
  draft,
];

function help(io: CliIo): void {
  io.out('CourtDesk (智审工作台) command line\n');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    help(io);
    return argv.length === 0 ? 2 : 0;
  }
  const two = argv.slice(0, 2).join(' ');
  const cmd = COMMANDS.find((c) => c.name === two) ?? COMMANDS.find((c) => c.name === argv[0]);
  if (!cmd) {
    io.err(`Unknown command: ${argv.slice(0, 2).join(' ')}. Run \`courtdesk --help\` for the list.`);
    return 2;
  }
  const rest = argv.slice(cmd.name.split(' ').length);
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof AppError) {
      io.err(err.message);
      return err.code === 'BAD_INPUT' ? 2 : 1;
    }
    io.err(`Unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}

/** Entry for bin/courtdesk.cjs: runs the command line and sets the exit code. */
export function main(argv: string[] = process.argv.slice(2)): void {
  void runCli(argv).then((code) => {
    process.exitCode = code;
  });
}
