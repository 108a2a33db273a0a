/**
 * LLM benchmarks (npm run bench llm, or `node --import tsx bench/llm.ts [--model FILE] [--runs N]`):
 *  1. tokens/s of bare node-llama-cpp by thread count (1, 2, 4 = the library's default on a
 *     2-core machine, and the thread count CourtDesk chooses), because oversubscribed threads
 *     are dramatically slower on small machines (toolchain.md §3);
 *  2. the service's structured generation (queue, budgeting, events, provenance) against a bare
 *     node-llama-cpp call with the same model, prompt, grammar and threads: the overhead ratio.
 * The machines are shared and noisy, so each figure is a median of several interleaved runs.
 * With the random-weight test model these are pipeline speeds, never quality.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GbnfJsonSchema, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { createBackend } from '../electron/backend/backend';
import { defaultThreads, loadLib, sharedLlama } from '../electron/backend/llm/lib';
import { llmOf } from '../electron/backend/llm/service';
import { silentLogger } from '../electron/backend/log';
import { ensureTinyGguf } from '../tests/fixtures/gguf/makeTinyGguf';

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
/** The shared tiny model when present, else the project's own generated fixture (so a fresh clone can bench). */
function defaultModel(): string {
  const shared = join(root, '..', 'shared', 'models', 'llama-2-tiny-random.gguf');
  if (existsSync(shared)) return shared;
  return ensureTinyGguf(join(root, 'test-output', 'fixtures', 'courtdesk-tiny-random.gguf')).path;
}
const modelPath = resolve(arg('--model') ?? process.env['COURTDESK_BENCH_MODEL'] ?? defaultModel());
const RUNS = Number(arg('--runs') ?? 5);
const CONTEXT = 2048;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function completionTokPerSec(model: LlamaModel, threads: number, tokens: number): Promise<number[]> {
  const lib = await loadLib();
  const context = await model.createContext({ contextSize: CONTEXT, sequences: 1, threads });
  try {
    const seq = context.getSequence();
    const completion = new lib.LlamaCompletion({ contextSequence: seq });
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await seq.clearHistory();
      let n = 0;
      const t0 = performance.now();
      await completion.generateCompletion('原告张三诉被告李四民间借贷纠纷一案，', {
        maxTokens: tokens,
        onToken: (t) => {
          n += t.length;
        },
      });
      out.push(n / ((performance.now() - t0) / 1000));
    }
    completion.dispose();
    return out;
  } finally {
    await context.dispose();
  }
}

async function main(): Promise<void> {
  if (!existsSync(modelPath)) {
    console.log(`SKIPPED: no model at ${modelPath} (pass --model FILE or set COURTDESK_BENCH_MODEL).`);
    return;
  }
  const lib = await loadLib();
  const llama = await sharedLlama();
  const chosen = defaultThreads(llama.cpuMathCores);
  console.log(`model ${modelPath}\ncpuMathCores ${llama.cpuMathCores}; CourtDesk's default threads: ${chosen}; ${RUNS} runs per figure\n`);

  // 1. Thread counts, bare library.
  const bare = await llama.loadModel({ modelPath, gpuLayers: 0 });
  console.log('tokens/s by thread count (bare LlamaCompletion, 200 tokens, median [min–max]):');
  for (const threads of [...new Set([1, 2, 4, chosen])]) {
    const xs = await completionTokPerSec(bare, threads, 200);
    const label = threads === 4 ? '4 (library default here)' : threads === chosen ? `${threads} (CourtDesk default)` : String(threads);
    console.log(`  threads ${label.padEnd(26)} ${median(xs).toFixed(0).padStart(6)} tok/s  [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`);
  }

  // 2. Service vs bare, same prompt, grammar and threads.
  const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-llm-'));
  const backend = await createBackend({ dataDir, mode: 'test', log: silentLogger });
  try {
    const svc = llmOf(backend.ctx);
    await svc.startLoad(modelPath, { threads: chosen, contextSize: CONTEXT, remember: false }).done;
    const req = svc.requestForPrompt('extract-parties@1', {
      complaint: '原告张秀兰，女。被告李国强，男。2023年3月，被告向原告借款80000元，到期未还。诉讼请求：判令被告偿还借款本金80000元。',
    });
    const bareContext = await bare.createContext({ contextSize: CONTEXT, sequences: 1, threads: chosen });
    const bareSeq = bareContext.getSequence();
    const create = llama.createGrammarForJsonSchema.bind(llama) as (s: GbnfJsonSchema) => Promise<LlamaGrammar>;
    const grammar = await create(req.schema as unknown as GbnfJsonSchema);
    const svcMs: number[] = [];
    const bareMs: number[] = [];
    const svcTps: number[] = [];
    const bareTps: number[] = [];
    // Warm both paths once (grammar compilation, first evaluation).
    await svc.generate(req);
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      const done = await svc.generate(req);
      svcMs.push(performance.now() - t0);
      svcTps.push(done.timings?.tokensPerSecond ?? 0);

      await bareSeq.clearHistory();
      const session = new lib.LlamaChatSession({ contextSequence: bareSeq, autoDisposeSequence: false, systemPrompt: req.system ?? '' });
      let n = 0;
      let first = 0;
      t0 = performance.now();
      await session.prompt(req.prompt, {
        grammar,
        maxTokens: req.maxTokens ?? 600,
        temperature: 0,
        onToken: (t) => {
          n += t.length;
        },
        onTextChunk: () => {
          first ||= performance.now();
        },
      });
      const end = performance.now();
      bareMs.push(end - t0);
      bareTps.push(n / ((end - (first || t0)) / 1000));
      session.dispose({ disposeSequence: false });
    }
    const ratio = median(svcMs) / median(bareMs);
    console.log(`\nstructured extraction (extract-parties@1, ${chosen} thread(s)), median of ${RUNS}:`);
    console.log(`  service  ${median(svcMs).toFixed(1).padStart(8)} ms/answer  ${median(svcTps).toFixed(0).padStart(6)} tok/s`);
    console.log(`  bare     ${median(bareMs).toFixed(1).padStart(8)} ms/answer  ${median(bareTps).toFixed(0).padStart(6)} tok/s`);
    console.log(`  overhead ratio (service / bare wall time): ${ratio.toFixed(3)}`);
    await bareContext.dispose();
  } finally {
    await backend.close();
    await bare.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
