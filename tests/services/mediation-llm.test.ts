import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Narrative } from '../../shared/contract/mediation';
import { caseIdOf, openModelBackend, type ModelBackend } from '../helpers/model';
import { haveTinyModel, until, type OpDonePayload } from '../llm/helpers';

// Random weights: this checks the pipeline (op, grammar-constrained answer, citation check,
// storage), never the quality of the text.
describe.skipIf(!haveTinyModel)('mediation narrative (tiny random model)', () => {
  let tb: ModelBackend;
  let caseId: string;

  beforeAll(async () => {
    tb = await openModelBackend(async (api) => {
      await api['samples.load']({});
      caseId = await caseIdOf(api, '民初9003号');
    });
  }, 120_000);
  afterAll(async () => {
    await tb?.close();
  });

  it('writes a narrative whose every sentence is checked against the cited fact, and stores it', async () => {
    expect((await tb.api['mediation.assess']({ caseId })).narrativeAvailable).toBe(true);
    const { opId } = await tb.api['mediation.narrative']({ caseId });
    const done = await until<OpDonePayload>(tb.rec, 'ops.done', (p) => p.opId === opId, 150_000);
    expect(done.status, JSON.stringify(done.error)).toBe('ok');
    const n = done.result as Narrative;
    expect(n.caseId).toBe(caseId);
    expect(n.prompt).toBe('mediation-narrative@1');
    for (const s of n.sentences) {
      expect(typeof s.verified).toBe('boolean');
      if (s.verified) expect(s.citation).not.toBeNull();
    }
    expect(await tb.api['mediation.narrative.get']({ caseId })).toEqual(n);
  }, 180_000);
});
