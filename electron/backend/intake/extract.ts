import type { Extraction } from '../../../shared/contract/intake';
import { AppError } from '../../../shared/contract/result';
import { extractComplaint } from '../../../shared/rules/complaint';
import type { BackendContext } from '../context';
import { loadedLlmExtractionModel } from './llmModel';
import { extractionModel, mergeModelProposals } from './modelPass';

/**
 * How long an import waits for the model pass (including time queued behind a chat answer)
 * before it keeps the rule extraction: an import must never hang on the model.
 */
export const MODEL_PASS_TIMEOUT_MS = 120_000;

export interface ExtractionOptions {
  /** The case the text belongs to, recorded with the model's provenance. */
  readonly caseId?: string | null;
  readonly timeoutMs?: number;
}

function countFields(e: Extraction, pred: (f: { source: string; verified: boolean }) => boolean): number {
  const top = [e.title, e.court, e.factsAndReasons, e.signedBy].filter((f) => f !== null && pred(f)).length;
  const party = e.parties.reduce(
    (n, p) =>
      n +
      [p.ethnicity, p.occupation, p.employer, p.idNumber, p.creditCode, p.address, p.phone, p.legalRep, p.legalRepTitle].filter(
        (f) => f !== null && pred(f),
      ).length,
    0,
  );
  return top + party;
}

/**
 * The extraction pipeline: deterministic rules first (shared/rules/complaint.ts), then, when a
 * model is registered or loaded, its proposals for the gaps. A failing model never fails the import.
 */
export async function runExtraction(ctx: BackendContext, text: string, opts: ExtractionOptions = {}): Promise<Extraction> {
  const base = extractComplaint(text);
  const model = extractionModel(ctx) ?? loadedLlmExtractionModel(ctx);
  if (model === null) return { ...base, model: { ran: false, detail: 'no model loaded: rules only' } };
  const timeoutMs = opts.timeoutMs ?? MODEL_PASS_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const answer = await model.propose(text, base, { signal, caseId: opts.caseId ?? null });
    const merged = mergeModelProposals(text, base, answer.proposals, '');
    const filled = countFields(merged, (f) => f.source === 'model');
    const unverified = countFields(merged, (f) => f.source === 'model' && !f.verified);
    const note = answer.note ? ` (${answer.note})` : '';
    merged.model = {
      ran: true,
      detail: `model ${model.name}${note}: ${answer.proposals.length} proposal(s), ${filled} gap(s) filled, ${unverified} unverified`,
    };
    return merged;
  } catch (err) {
    // A timeout surfaces as a cancelled request; say which it was, so the clerk is not told she cancelled it.
    const reason = signal.aborted
      ? `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`
      : err instanceof AppError
        ? `${err.code}: ${err.message}`
        : err instanceof Error
          ? err.message
          : String(err);
    ctx.log.warn('intake: model pass failed; keeping the rule extraction', err);
    return { ...base, model: { ran: false, detail: `model pass failed (${model.name}): ${reason}` } };
  }
}
