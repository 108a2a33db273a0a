import type { Extraction } from '../../../shared/contract/intake';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { llmOf } from '../llm/service';
import { gapPaths, type ExtractionModel, type ModelProposal } from './modelPass';

/** The prompt whose output schema lists {path, value, quote} proposals for the gaps. */
export const EXTRACTION_PROMPT = 'extract-parties@2';
/** The complaint text the prompt accepts (its input schema); the service truncates to the context further. */
const MAX_PROMPT_TEXT = 20_000;

interface Answer {
  readonly fields: readonly { readonly path: string; readonly value: string; readonly quote: string }[];
}

const ROLE_ZH = { plaintiff: '原告', defendant: '被告', third_party: '第三人' } as const;

/** What the rules found, and what they did not, told to the model so it only looks for the gaps. */
function knownSummary(e: Extraction, gaps: readonly string[]): string {
  const parties = e.parties
    .slice(0, 6)
    .map((p, i) => `parties.${i}：${ROLE_ZH[p.role.value]} ${p.name.value}`)
    .join('\n');
  return `${parties || '（规则未找到当事人）'}\n缺少：${gaps.join('、')}`.slice(0, 4000);
}

/**
 * The local model as an extraction model, but only when one is loaded right now: the model
 * pass must not start loading a saved model (seconds to minutes of weights) just to import a
 * filing, and without a model intake behaves exactly as before.
 */
export function loadedLlmExtractionModel(ctx: BackendContext): ExtractionModel | null {
  const llm = llmOf(ctx);
  const info = llm.loadedModel();
  if (info === null) return null;
  return {
    name: info.name,
    async propose(text, extraction, opts) {
      const gaps = gapPaths(extraction);
      if (gaps.length === 0) return { proposals: [], note: 'the rules left no gap the model may fill' };
      const { value, done } = await llm.generateStructured<Answer>(
        EXTRACTION_PROMPT,
        { complaint: text.slice(0, MAX_PROMPT_TEXT), known: knownSummary(extraction, gaps) },
        { ...(opts.signal ? { signal: opts.signal } : {}), caseId: opts.caseId ?? null },
      );
      if (!Array.isArray(value.fields)) throw new AppError('INTERNAL', 'The model answer has no fields list');
      const proposals: ModelProposal[] = value.fields.map((f) => ({ path: f.path, value: f.value, quote: f.quote }));
      return { proposals, note: `${EXTRACTION_PROMPT}, provenance ${done.provenanceId ?? 'not recorded'}` };
    },
  };
}
