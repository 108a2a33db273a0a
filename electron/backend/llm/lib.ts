import type { Llama } from 'node-llama-cpp';
import type * as NodeLlamaCppModule from 'node-llama-cpp';

/**
 * node-llama-cpp is ESM-only and loads a native binding: import it on first use so backend
 * start-up (and every feature that never touches a model) stays fast, and so the CJS build of
 * the backend keeps it as a dynamic import().
 */
export type NodeLlamaCpp = typeof NodeLlamaCppModule;

let libPromise: Promise<NodeLlamaCpp> | null = null;
export function loadLib(): Promise<NodeLlamaCpp> {
  libPromise ??= import('node-llama-cpp');
  return libPromise;
}

let llamaPromise: Promise<Llama> | null = null;

/**
 * One Llama (native backend) per process, shared by every backend instance (tests open many).
 * - gpu:false, build:'never': forcing a GPU starts a from-source cmake build that fails on
 *   machines without the toolkit (toolchain.md §3); CPU prebuilts are what we ship.
 * - maxThreads:0 lets each context's own `threads` be the real count, so the thread setting
 *   can change at the next load without recreating the native backend.
 */
export function sharedLlama(): Promise<Llama> {
  llamaPromise ??= loadLib().then(async (lib) => {
    const llama = await lib.getLlama({
      gpu: false,
      build: 'never',
      maxThreads: 0,
      logLevel: lib.LlamaLogLevel.error,
      // llama.cpp prints failures of bad files itself; we report them as AppErrors instead.
      logger: () => undefined,
    });
    return llama;
  });
  llamaPromise.catch(() => {
    llamaPromise = null;
  });
  return llamaPromise;
}

/**
 * The default thread count. Measured on a 2-core machine (toolchain.md §3, bench/llm.ts):
 * the tiny model ran ~1500 tok/s on 1 thread, 26–740 tok/s on 2 and ~6 tok/s on the library
 * default of 4, because llama.cpp threads spin-wait and any oversubscription (the UI, the
 * backend, the OS) stalls every step. So leave one core free, and cap at 6 because decode is
 * memory-bound and more threads stop helping on laptop-class CPUs.
 */
export function defaultThreads(cpuMathCores: number): number {
  if (cpuMathCores <= 2) return 1;
  return Math.min(cpuMathCores - 1, 6);
}
