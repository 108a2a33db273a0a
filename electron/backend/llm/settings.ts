import { join } from 'node:path';
import { LlmSettings } from '../../../shared/contract/llm';
import type { BackendContext } from '../context';
import { readSetting, writeSetting } from '../store/repos/settings';

/** hf-mirror.com style hosts use the same layout; users in China set theirs in the Models page. */
export const DEFAULT_MIRROR = 'https://huggingface.co';

export function defaultLlmSettings(): LlmSettings {
  return { threads: null, contextSize: 4096, userModelsDir: null, mirrorBaseUrl: DEFAULT_MIRROR, addedModels: [] };
}

export function readLlmSettings(ctx: BackendContext): LlmSettings {
  const stored = readSetting(ctx.db, 'llm');
  const merged = { ...defaultLlmSettings(), ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = LlmSettings.safeParse(merged);
  // A hand-edited row must not stop the model page from opening.
  return parsed.success ? parsed.data : defaultLlmSettings();
}

export function writeLlmSettings(ctx: BackendContext, next: LlmSettings): void {
  writeSetting(ctx.db, 'llm', next);
}

export function userModelsDir(ctx: BackendContext, s: LlmSettings = readLlmSettings(ctx)): string {
  return s.userModelsDir ?? join(ctx.dataDir, 'models');
}

/** The loaded model is its own row so writing it never races a settings edit. */
export function readSavedModel(ctx: BackendContext): string | null {
  const v = readSetting(ctx.db, 'llm.loadedModel');
  return typeof v === 'string' && v !== '' ? v : null;
}

export function writeSavedModel(ctx: BackendContext, path: string | null): void {
  writeSetting(ctx.db, 'llm.loadedModel', path ?? '');
}
