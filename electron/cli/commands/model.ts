import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { createBackend } from '../../backend/backend';
import { silentLogger } from '../../backend/log';
import { runBench } from '../../backend/llm/bench';
import { inspectModel, requireUsableModel } from '../../backend/llm/registry';
import { llmOf } from '../../backend/llm/service';
import { dataDirFrom, parse, type CliIo, type Command } from '../io';

function positiveInt(v: string | undefined, name: string, usage: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new AppError('BAD_INPUT', `${name} must be a positive whole number\nUsage: ${usage}`);
  return n;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const infoUsage = 'courtdesk model info FILE [--json]';
export const modelInfo: Command = {
  name: 'model info',
  usage: infoUsage,
  summary: 'Describe a GGUF model file: architecture, parameters, quantisation, context, RAM estimate',
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, infoUsage, true);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.err(`Give one model file\nUsage: ${infoUsage}`);
      return 2;
    }
    const info = await inspectModel(resolve(file), 'added', 4096);
    if (values.json) io.out(JSON.stringify(info));
    else {
      io.out(`${info.name} (${info.fileName})`);
      io.out(`  architecture ${info.architecture || '?'}, ${(info.parameters / 1e9).toFixed(2)} B parameters, ${info.quantization || '?'}`);
      io.out(`  file ${mib(info.fileBytes)}, trained context ${info.trainContext ?? '?'}, chat template ${info.hasChatTemplate ? 'yes' : 'no'}`);
      io.out(`  needs about ${mib(info.ramNeededBytes)} RAM at ${info.estimateContext} tokens; free ${mib(info.freeRamBytes)}: ${info.fitsInRam ? 'fits' : 'does not fit'}`);
      if (info.error) io.err(`  ${info.error.message}`);
    }
    if (info.error) return info.error.code === 'BAD_INPUT' || info.error.code === 'NOT_FOUND' ? 2 : 1;
    return 0;
  },
};

const generateUsage =
  'courtdesk generate --model FILE --prompt TEXT [--system TEXT] [--schema FILE] [--max-tokens N] [--threads N] [--context N] [--data-dir DIR] [--json]';
export const generate: Command = {
  name: 'generate',
  usage: generateUsage,
  summary: 'Generate with a local model: text, or JSON constrained by a bounded JSON schema; with timings',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        model: { type: 'string' },
        prompt: { type: 'string' },
        system: { type: 'string' },
        schema: { type: 'string' },
        'max-tokens': { type: 'string' },
        threads: { type: 'string' },
        context: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
      },
      generateUsage,
    );
    if (!values.model || values.prompt === undefined) {
      io.err(`--model and --prompt are required\nUsage: ${generateUsage}`);
      return 2;
    }
    let schema: Record<string, unknown> | undefined;
    if (values.schema) {
      try {
        schema = JSON.parse(readFileSync(resolve(values.schema), 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new AppError('BAD_INPUT', `Cannot read the schema file: ${(err as Error).message}`);
      }
    }
    const maxTokens = positiveInt(values['max-tokens'], '--max-tokens', generateUsage);
    const threads = positiveInt(values.threads, '--threads', generateUsage);
    const contextSize = positiveInt(values.context, '--context', generateUsage);
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const llm = llmOf(backend.ctx);
      await requireUsableModel(resolve(values.model), 'added', contextSize ?? 4096);
      await llm.startLoad(resolve(values.model), {
        remember: false,
        ...(threads ? { threads } : {}),
        ...(contextSize ? { contextSize } : {}),
      }).done;
      const done = await llm.generate({
        prompt: values.prompt,
        ...(values.system !== undefined ? { system: values.system } : {}),
        ...(schema ? { schema } : {}),
        ...(maxTokens ? { maxTokens } : {}),
        ...(values.json ? {} : { onText: (t: string) => process.stdout.write(t) }),
      });
      if (values.json) {
        io.out(JSON.stringify({ reason: done.reason, text: done.text, json: done.json, error: done.error, timings: done.timings }));
      } else {
        io.out('');
        if (done.timings) {
          io.err(`[${done.reason}] ${done.timings.outputTokens} tokens, ${done.timings.tokensPerSecond.toFixed(1)} tok/s, first token ${done.timings.ttftMs ?? '-'} ms`);
        }
      }
      if (done.error) {
        io.err(done.error.message);
        return done.error.code === 'BAD_INPUT' ? 2 : 1;
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};

async function bench(io: CliIo, usage: string, file: string | undefined, values: { limit?: string; 'data-dir'?: string; threads?: string; json?: boolean }): Promise<number> {
  const limit = positiveInt(values.limit, '--limit', usage);
  const threads = positiveInt(values.threads, '--threads', usage);
  const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
  try {
    const llm = llmOf(backend.ctx);
    const model = file ? resolve(file) : llm.status().savedModel;
    if (!model) {
      io.err(`Give the model file (no model is saved in this data folder)\nUsage: ${usage}`);
      return 2;
    }
    await requireUsableModel(model, 'added', 4096);
    await llm.startLoad(model, { remember: false, ...(threads ? { threads } : {}) }).done;
    const stop = backend.ctx.events.subscribe((name, p) => {
      if (name === 'ops.progress' && !values.json) {
        const pr = p as { kind: string; done: number; total: number | null; message: string };
        if (pr.kind === 'llm.bench') io.err(`  ${pr.done}/${pr.total ?? '?'} ${pr.message}`);
      }
    });
    const result = await backend.ctx.ops
      .start('llm.bench', (op) => runBench(backend.ctx, llm, { model, remember: false, ...(limit ? { limit } : {}) }, op))
      .done.finally(stop);
    if (values.json) io.out(JSON.stringify(result));
    else {
      io.out(`${result.modelName}: accuracy ${(result.accuracy * 100).toFixed(1)}%, JSON valid ${(result.jsonValidRate * 100).toFixed(0)}%`);
      io.out(`  ${result.tokensPerSecond.toFixed(1)} tok/s, first token ${result.ttftMsMedian?.toFixed(0) ?? '-'} ms (median), ${result.secondsPerItem.toFixed(2)} s/item, peak RSS ${mib(result.peakRssBytes)}`);
      io.out(`  density ${result.density.toFixed(4)} (${result.densityDefinition})`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}

const benchModelUsage = 'courtdesk bench-model FILE [--limit N] [--threads N] [--data-dir DIR] [--json]';
export const benchModel: Command = {
  name: 'bench-model',
  usage: benchModelUsage,
  summary: 'Run the knowledge-density bench (court task suite) on a model and store the result',
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      { limit: { type: 'string' }, threads: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
      benchModelUsage,
      true,
    );
    if (positionals.length !== 1) {
      io.err(`Give one model file\nUsage: ${benchModelUsage}`);
      return 2;
    }
    return bench(io, benchModelUsage, positionals[0], values);
  },
};

const modelBenchUsage = 'courtdesk model bench [--model FILE] [--limit N] [--threads N] [--data-dir DIR] [--json]';
export const modelBench: Command = {
  name: 'model bench',
  usage: modelBenchUsage,
  summary: 'Same as bench-model; without --model, benches the model saved in the data folder',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        model: { type: 'string' },
        limit: { type: 'string' },
        threads: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
      },
      modelBenchUsage,
    );
    return bench(io, modelBenchUsage, values.model, values);
  },
};
