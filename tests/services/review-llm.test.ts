import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/contract/review';
import { openModelBackend, type ModelBackend } from '../helpers/model';
import { haveTinyModel, until, type OpDonePayload } from '../llm/helpers';
import { ANSWER, COMPLAINT, addDoc, loanCase } from './review-fixtures';

// Random weights: this checks the pipeline (prompt, schema, verification, storage, cancel), not the prose.
describe.skipIf(!haveTinyModel)('abstractive summary with a model (tiny random model)', () => {
  let tb: ModelBackend;
  let caseId: string;
  beforeAll(async () => {
    tb = await openModelBackend(async (api) => {
      caseId = (await loanCase(api)).id;
      await addDoc(api, caseId, '民事起诉状.txt', COMPLAINT);
      await addDoc(api, caseId, '答辩状.txt', ANSWER);
    });
  }, 120_000);
  afterAll(async () => {
    await tb?.close();
  });

  it('writes sentences that each cite a passage, checked and marked', async () => {
    const { opId } = await tb.api['review.summary.start']({ caseId, mode: 'abstractive' });
    const done = await until<OpDonePayload>(tb.rec, 'ops.done', (p) => p.opId === opId, 150_000);
    expect(done.status, JSON.stringify(done.error)).toBe('ok');
    const s = done.result as Summary;
    expect(s.method).toBe('abstractive');
    for (const x of s.sentences) {
      expect(['quoted', 'overlap', 'unverified']).toContain(x.check);
      expect(x.verified).toBe(x.check !== 'unverified');
      if (x.source) expect(x.source.quote.length).toBeGreaterThan(0);
    }
    expect(s.allVerified).toBe(s.sentences.every((x) => x.verified));
    expect(await tb.api['review.summary.get']({ caseId })).toEqual(s);
  }, 180_000);
});
