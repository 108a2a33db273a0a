import type { Extraction } from '../../../shared/contract/intake';
import { extractComplaint } from '../../../shared/rules/complaint';
import type { BackendContext } from '../context';
import { extractionModel, mergeModelProposals } from './modelPass';

/**
 * The extraction pipeline: deterministic rules first (shared/rules/complaint.ts), then, when a
 * model is registered, its proposals for the gaps. A failing model never fails the import.
 */
export async function runExtraction(ctx: BackendContext, text: string): Promise<Extraction> {
  const base = extractComplaint(text);
  const model = extractionModel(ctx);
  if (model === null) return { ...base, model: { ran: false, detail: 'no model loaded: rules only' } };
  try {
    const proposals = await model.propose(text, base);
    return mergeModelProposals(text, base, proposals, `model ${model.name}`);
  } catch (err) {
    ctx.log.warn('intake: model pass failed; keeping the rule extraction', err);
    return { ...base, model: { ran: false, detail: `model pass failed: ${String((err as Error).message ?? err)}` } };
  }
}
