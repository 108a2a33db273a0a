import type { Assessment, Factor, Narrative } from '../../../shared/contract/mediation';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { llmOf } from '../llm/service';
import type { OperationHandle } from '../ops';
import * as repo from '../store/repos/mediation';

export const NARRATIVE_PROMPT = 'mediation-narrative@1';
/** The prompt's `fact` enum allows 1..12. */
export const MAX_FACTS = 12;

export interface ModelSentence {
  readonly text: string;
  readonly fact: number;
  readonly quote: string;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** One numbered fact: the factor, its value, its direction and the spans it rests on. */
export function factLine(f: Factor): string {
  const dir = f.direction === 'easier' ? '有利于调解' : f.direction === 'harder' ? '不利于调解' : '影响不明';
  const quotes = f.sources
    .slice(0, 3)
    .map((s) => `${s.label}：“${s.quote}”`)
    .join('；');
  return `${f.zh}：${f.value}（${dir}）${quotes ? `。依据 ${quotes}` : ''}`;
}

export function factsFor(a: Assessment): Factor[] {
  return a.factors.filter((f) => f.direction !== 'neutral').slice(0, MAX_FACTS);
}

/**
 * Keeps every sentence, but marks it verified only when it cites an existing fact and its quote
 * appears verbatim (ignoring whitespace) in that fact. The judge sees which sentences rest on
 * what the case file says and which do not.
 */
export function verifyNarrative(sentences: readonly ModelSentence[], facts: readonly Factor[]): Narrative['sentences'] {
  return sentences
    .filter((s) => s.text.trim() !== '')
    .map((s) => {
      const f = facts[s.fact - 1];
      if (!f) return { text: s.text.trim(), citation: null, verified: false };
      const quote = s.quote.trim();
      const verified = quote.length >= 2 && squash(factLine(f)).includes(squash(quote));
      return { text: s.text.trim(), citation: { factorId: f.id, label: f.zh, quote }, verified };
    });
}

export async function runNarrative(ctx: BackendContext, op: OperationHandle, a: Assessment): Promise<Narrative> {
  const facts = factsFor(a);
  if (facts.length === 0) throw new AppError('UNSUPPORTED', 'No factor was found in this case, so there is nothing to ground a narrative on');
  op.progress(0, 1, '模型分析调解难点');
  const llm = llmOf(ctx);
  const { value } = await llm.generateStructured<{ sentences: ModelSentence[] }>(
    NARRATIVE_PROMPT,
    { cause: a.similarOutcomes.cause.slice(0, 100), facts: facts.map((f, i) => `[${i + 1}] ${factLine(f)}`).join('\n') },
    { signal: op.signal, caseId: a.caseId },
  );
  const sentences = verifyNarrative(value.sentences, facts);
  const unverified = sentences.filter((s) => !s.verified).length;
  const narrative: Narrative = {
    caseId: a.caseId,
    sentences,
    model: llm.loadedModel()?.name ?? '本地模型',
    prompt: NARRATIVE_PROMPT,
    note: unverified ? `${unverified} 句未能与所引事实核对，已标出` : '每句均已与所引事实核对',
    createdAt: ctx.now(),
  };
  repo.putNarrative(ctx.db, narrative);
  op.progress(1, 1, '完成');
  return narrative;
}
