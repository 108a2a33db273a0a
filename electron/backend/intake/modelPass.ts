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

/** What one model pass returned; `note` (e.g. the provenance id) goes into extraction.model.detail. */
export interface ModelAnswer {
  readonly proposals: readonly ModelProposal[];
  readonly note?: string;
}

export interface ExtractionModel {
  readonly name: string;
  propose(text: string, extraction: Extraction, opts: { signal?: AbortSignal; caseId?: string | null }): Promise<ModelAnswer>;
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

const NATURAL_ONLY = new Set<string>(['ethnicity', 'occupation', 'employer', 'idNumber']);
const ENTITY_ONLY = new Set<string>(['creditCode', 'legalRep', 'legalRepTitle']);

/** A person has no credit code and a company no ethnicity: such "gaps" are not gaps to fill. */
function appliesTo(kind: Extraction['parties'][number]['kind']['value'], key: string): boolean {
  return kind === 'natural' ? !ENTITY_ONLY.has(key) : !NATURAL_ONLY.has(key);
}

/**
 * A model value is verified only when the value itself is found verbatim in the text, so the
 * highlighted span always reads exactly as the value. The quote only says where to look first
 * (a value like 北京 may occur several times); it is never trusted on its own.
 */
function grounded(text: string, p: ModelProposal): Field<string> {
  const value = p.value.trim();
  if (value === '') return { value, span: null, source: 'model', verified: false };
  const quote = (p.quote ?? '').trim();
  const q = quote === '' ? -1 : text.indexOf(quote);
  const inQuote = q < 0 ? -1 : quote.indexOf(value);
  const at = inQuote >= 0 ? q + inQuote : text.indexOf(value);
  return at < 0
    ? { value, span: null, source: 'model', verified: false }
    : { value, span: { start: at, end: at + value.length }, source: 'model', verified: true };
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
      // An empty value fills nothing: the model saying "not found" must not create a field.
      if (key !== undefined && out[key] === null && p.value.trim() !== '') out[key] = grounded(text, p);
      continue;
    }
    if (parts.length === 3 && parts[0] === 'parties') {
      const party = out.parties[Number(parts[1])];
      const key = PARTY_FIELDS.find((k) => k === parts[2]);
      if (party !== undefined && key !== undefined && party[key] === null && appliesTo(party.kind.value, key) && p.value.trim() !== '') {
        party[key] = grounded(text, p);
      }
    }
  }
  out.model = { ran: true, detail };
  return out;
}

/** The paths the rules left empty, which are the only ones a model proposal may fill. */
export function gapPaths(extraction: Extraction, maxParties = 6): string[] {
  const out: string[] = TOP_FIELDS.filter((k) => extraction[k] === null);
  extraction.parties.slice(0, maxParties).forEach((party, i) => {
    for (const k of PARTY_FIELDS) if (party[k] === null && appliesTo(party.kind.value, k)) out.push(`parties.${i}.${k}`);
  });
  return out;
}
