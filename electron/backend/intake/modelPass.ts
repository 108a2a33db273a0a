import type { Extraction, Field } from '../../../shared/contract/intake';
import type { BackendContext } from '../context';

/*
 * Hook point for the model pass (llm issue): once a model is loaded, the LLM service registers an
 * ExtractionModel here; it proposes values for fields the rules left empty, under a JSON-schema
 * grammar. Nothing here depends on the runtime, so intake works the same with no model.
 */

/** One proposed value: a dotted path (court, parties.0.address …) and, ideally, the quote it came from. */
export interface ModelProposal {
  readonly path: string;
  readonly value: string;
  /** The exact source text; its position is searched for, never trusted from the model. */
  readonly quote?: string;
}

export interface ExtractionModel {
  readonly name: string;
  propose(text: string, extraction: Extraction, signal?: AbortSignal): Promise<readonly ModelProposal[]>;
}

const models = new WeakMap<BackendContext, ExtractionModel>();

/** Called by the LLM service when a model is loaded (and with null when it is unloaded). */
export function setExtractionModel(ctx: BackendContext, model: ExtractionModel | null): void {
  if (model === null) models.delete(ctx);
  else models.set(ctx, model);
}

export function extractionModel(ctx: BackendContext): ExtractionModel | null {
  return models.get(ctx) ?? null;
}

const TOP_FIELDS = ['title', 'court', 'factsAndReasons', 'signedBy'] as const;
const PARTY_FIELDS = [
  'ethnicity',
  'occupation',
  'employer',
  'idNumber',
  'creditCode',
  'address',
  'phone',
  'legalRep',
  'legalRepTitle',
] as const;

/** A model value is verified only when its quote (or the value) is found verbatim in the text. */
function grounded(text: string, p: ModelProposal): Field<string> {
  const needle = (p.quote ?? p.value).trim();
  const at = needle === '' ? -1 : text.indexOf(needle);
  return at < 0
    ? { value: p.value, span: null, source: 'model', verified: false }
    : { value: p.value, span: { start: at, end: at + needle.length }, source: 'model', verified: true };
}

/**
 * Merges model proposals into a rule extraction. Only gaps are filled: a field the rules found
 * is never overwritten. Unknown paths are ignored.
 */
export function mergeModelProposals(text: string, extraction: Extraction, proposals: readonly ModelProposal[], detail: string): Extraction {
  const out: Extraction = structuredClone(extraction);
  for (const p of proposals) {
    const parts = p.path.split('.');
    if (parts.length === 1) {
      const key = TOP_FIELDS.find((k) => k === parts[0]);
      if (key !== undefined && out[key] === null) out[key] = grounded(text, p);
      continue;
    }
    if (parts.length === 3 && parts[0] === 'parties') {
      const party = out.parties[Number(parts[1])];
      const key = PARTY_FIELDS.find((k) => k === parts[2]);
      if (party !== undefined && key !== undefined && party[key] === null) party[key] = grounded(text, p);
    }
  }
  out.model = { ran: true, detail };
  return out;
}
