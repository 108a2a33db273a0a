import type { ShellMethod } from './shell';

/**
 * The shell's method names as a plain list, so the sandboxed preload can route them to main without
 * bundling zod. The check below fails typecheck when the list and the contract drift apart.
 */
export const SHELL_METHOD_NAMES = ['shell.pickPath', 'shell.saveFile', 'shell.revealSaved'] as const satisfies readonly ShellMethod[];

type MissingShellMethod = Exclude<ShellMethod, (typeof SHELL_METHOD_NAMES)[number]>;
export const allShellMethodsListed: [MissingShellMethod] extends [never] ? true : MissingShellMethod = true;
