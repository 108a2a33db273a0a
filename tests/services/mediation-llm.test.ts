import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Narrative } from '../../shared/contract/mediation';
import { openTestBackend, type TestBackend } from '../helpers/backend';
import { haveTinyModel, record, tinyModel, until, type OpDonePayload } from '../llm/helpers';

// Random weights: this checks the pipeline (op, grammar-constrained answer, citation check,
// storage), never the quality of the text.
describe.skipIf(!haveTinyModel)('mediation narrative (tiny random model)', () => {
  let tb: TestBackend;
  let rec: ReturnType<typeof record>;
  let caseId: string;

  beforeAll(async () => {
    tb = await openTestBackend();
    rec = record(tb);
    await tb.api['samples.load']({});
    caseId = (await tb.api['cases.list']({ query: '民初9003号' })).items[0]!.id;
    const { opId } = await tb.api['llm.load']({ path: tinyModel, contextSize: 4096 });
    const loaded = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
    expect(loaded.status).toBe('ok');
  }, 120_000);
  afterAll(async () => {
    rec.stop();
    await tb.close();
  });

  it('writes a narrative whose every sentence is checked against the cited fact, and stores it', async () => {
    expect((await tb.api['mediation.assess']({ caseId })).narrativeAvailable).toBe(true);
    const { opId } = await tb.api['mediation.narrative']({ caseId });
    const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId, 150_000);
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
