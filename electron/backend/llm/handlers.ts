import { dirname, join, resolve } from 'node:path';
import type { ModelInfo, LlmSettings } from '../../../shared/contract/llm';
import type { Handlers } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { getProvenance } from '../store/repos/llm';
import { leaderboard, runBench } from './bench';
import { askCase, searchCase } from './chat';
import { catalogEntries, downloadFile, downloadUrl, readCatalog } from './download';
import { inspectModel, requireUsableModel, scanFolder } from './registry';
import { llmOf } from './service';
import { readLlmSettings, userModelsDir, writeLlmSettings } from './settings';

type LlmMethod = Extract<keyof Handlers, `llm.${string}`>;

/** Project models/ (developers, portable installs), then the user's folder, then added paths. */
async function listModels(ctx: BackendContext): Promise<ModelInfo[]> {
  const s = readLlmSettings(ctx);
  const seen = new Set<string>();
  const out: ModelInfo[] = [];
  const add = async (path: string, source: ModelInfo['source']) => {
    const p = resolve(path);
    if (seen.has(p)) return;
    seen.add(p);
    out.push(await inspectModel(p, source, s.contextSize));
  };
  for (const p of scanFolder(join(dirname(ctx.resourcesDir), 'models'))) await add(p, 'project');
  const catalogFiles = new Set(readCatalog(ctx.resourcesDir).map((m) => m.file));
  for (const p of scanFolder(userModelsDir(ctx, s))) {
    await add(p, catalogFiles.has(p.split(/[\\/]/).pop() ?? '') ? 'downloaded' : 'user');
  }
  for (const p of s.addedModels) await add(p, 'added');
  return out;
}

export function llmHandlers(ctx: BackendContext): Pick<Handlers, LlmMethod> {
  const llm = llmOf(ctx);
  return {
    'llm.status': () => llm.status(),
    'llm.settings.get': () => readLlmSettings(ctx),
    'llm.settings.update': (patch) => {
      const next: LlmSettings = { ...readLlmSettings(ctx), ...patch };
      writeLlmSettings(ctx, next);
      return next;
    },
    'llm.models.list': async () => ({ items: await listModels(ctx), userModelsDir: userModelsDir(ctx) }),
    'llm.models.add': async ({ path }) => {
      const s = readLlmSettings(ctx);
      const info = await requireUsableModel(path, 'added', s.contextSize);
      if (!s.addedModels.includes(info.path)) writeLlmSettings(ctx, { ...s, addedModels: [...s.addedModels, info.path] });
      return info;
    },
    'llm.models.remove': ({ path }) => {
      const s = readLlmSettings(ctx);
      const p = resolve(path);
      const removed = s.addedModels.includes(p);
      if (removed) writeLlmSettings(ctx, { ...s, addedModels: s.addedModels.filter((x) => x !== p) });
      return { removed };
    },
    'llm.models.info': ({ path }) => requireUsableModel(path, 'added', readLlmSettings(ctx).contextSize),
    'llm.load': ({ path, contextSize, threads }) => {
      const { opId } = llm.startLoad(resolve(path), {
        ...(contextSize !== undefined ? { contextSize } : {}),
        ...(threads !== undefined ? { threads } : {}),
      });
      return { opId };
    },
    'llm.unload': () => llm.unload(),
    'llm.generate': (input) => {
      const base = input.promptId !== undefined ? llm.requestForPrompt(input.promptId, input.input ?? {}) : { prompt: input.prompt ?? '' };
      const { requestId } = llm.enqueue({
        ...base,
        ...(input.system !== undefined ? { system: input.system } : {}),
        ...(input.schema !== undefined ? { schema: input.schema } : {}),
        ...(input.maxTokens !== undefined ? { maxTokens: input.maxTokens } : {}),
        ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
        ...(input.seed !== undefined ? { seed: input.seed } : {}),
        priority: input.priority,
        caseId: input.caseId ?? null,
      });
      return { requestId };
    },
    'llm.cancel': ({ requestId }) => ({ cancelled: llm.cancel(requestId) }),
    'llm.prompts.list': () => ({
      items: llm.prompts.list().map((p) => ({
        id: p.id,
        version: p.version,
        title: p.title,
        description: p.description,
        inputSchema: p.input,
        outputSchema: p.output,
      })),
    }),
    'llm.provenance.get': ({ id }) => {
      const row = getProvenance(ctx.db, id);
      if (!row) throw new AppError('NOT_FOUND', `No AI answer record ${id}`);
      return row;
    },
    'llm.catalog.list': () => {
      const s = readLlmSettings(ctx);
      return { items: catalogEntries(ctx.resourcesDir, s.mirrorBaseUrl, userModelsDir(ctx, s)), mirrorBaseUrl: s.mirrorBaseUrl };
    },
    'llm.download': ({ catalogId }) => {
      const s = readLlmSettings(ctx);
      const m = readCatalog(ctx.resourcesDir).find((x) => x.id === catalogId);
      if (!m) throw new AppError('NOT_FOUND', `No catalogue model ${catalogId}`);
      const { opId } = ctx.ops.start('llm.download', async (op) => {
        const out = await downloadFile({
          url: downloadUrl(s.mirrorBaseUrl, m),
          dest: join(userModelsDir(ctx, s), m.file),
          sha256: m.sha256,
          signal: op.signal,
          onProgress: (done, total) => op.progress(done, total ?? m.sizeBytes, m.file),
        });
        // A file that downloaded completely but is not a usable model is reported, not hidden.
        await requireUsableModel(out.path, 'downloaded', s.contextSize);
        ctx.log.info(`llm: downloaded ${m.file} (${out.bytes} bytes, sha256 ${out.sha256}${out.verified ? ', verified' : ''})`);
        return out;
      });
      return { opId };
    },
    'llm.bench.run': ({ model, limit }) => {
      const { opId } = ctx.ops.start('llm.bench', (op) =>
        runBench(ctx, llm, { ...(model !== undefined ? { model: resolve(model) } : {}), ...(limit !== undefined ? { limit } : {}) }, op),
      );
      return { opId };
    },
    'llm.bench.results': () => ({ items: leaderboard(ctx) }),
    'llm.chat.search': (input) => searchCase(ctx, llm, input),
    'llm.chat.ask': (input) => askCase(ctx, llm, input),
  };
}
