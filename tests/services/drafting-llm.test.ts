import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/contract/drafting';
import { caseIdOf, openModelBackend, type ModelBackend } from '../helpers/model';
import { haveTinyModel, until, type OpDonePayload } from '../llm/helpers';

// The weights are random: these tests check the pipeline (queue, stream, cancel, save one section,
// citation check), never the quality of the text.
describe.skipIf(!haveTinyModel)('AI drafting of one section (tiny random model)', () => {
  let tb: ModelBackend;
  let draft: Draft;

  beforeAll(async () => {
    tb = await openModelBackend(async (api) => {
      await api['samples.load']({});
      await api['settings.update']({ court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
      draft = await api['drafting.create']({ caseId: await caseIdOf(api, '民初9001号'), kind: 'judgment' });
    });
  }, 120_000);
  afterAll(async () => {
    await tb?.close();
  });

  it('streams a draft of 被告辩称 and replaces only that section', async () => {
    const { opId, requestId } = await tb.api['drafting.generateSection']({ draftId: draft.id, sectionId: 'defense' });
    const done = await until<OpDonePayload>(tb.rec, 'ops.done', (p) => p.opId === opId, 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe('ok');
    expect(tb.rec.events.some((e) => e.name === 'llm.token' && (e.payload as { requestId: string }).requestId === requestId)).toBe(true);
    const after = await tb.api['drafting.get']({ draftId: draft.id });
    expect(after.version).toBe(draft.version + 1);
    const defense = after.sections.find((s) => s.id === 'defense')!;
    expect(defense.source).toBe('model');
    expect(defense.notes.join('')).toMatch(/本地模型起草/);
    for (const s of after.sections) if (s.id !== 'defense') expect(s).toEqual(draft.sections.find((x) => x.id === s.id));
    const hist = await tb.api['drafting.history']({ draftId: draft.id });
    expect(hist.items[0]).toMatchObject({ action: 'generate', sectionId: 'defense', source: 'model' });
    draft = after;
  }, 150_000);

  it('cancels a generation and leaves the draft as it was', async () => {
    const { opId } = await tb.api['drafting.generateSection']({ draftId: draft.id, sectionId: 'findings' });
    await tb.api['ops.cancel']({ opId });
    const done = await until<OpDonePayload>(tb.rec, 'ops.done', (p) => p.opId === opId, 120_000);
    expect(done.status).toBe('cancelled');
    expect((await tb.api['drafting.get']({ draftId: draft.id })).version).toBe(draft.version);
  }, 150_000);
});
