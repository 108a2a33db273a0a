import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseInput } from '../../shared/contract/cases';
import type { Assessment } from '../../shared/contract/mediation';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

async function sampleId(tb: TestBackend, numberPart: string): Promise<string> {
  const list = await tb.api['cases.list']({ query: numberPart, status: 'all' });
  const id = list.items[0]?.id;
  if (!id) throw new Error(`no sample ${numberPart}`);
  return id;
}

const factorIds = (a: Assessment) => a.factors.map((f) => f.id);

/** A closed fictional case; `easy` cases carry cues that make mediation likelier. */
function closedCase(i: number, easy: boolean, cause = '民间借贷纠纷'): CaseInput {
  return {
    title: `【测试】结案 ${i}`,
    causeOfAction: cause,
    stage: 'closed',
    summary: easy ? '双方系邻居，被告对欠款无异议，表示愿意调解。' : '被告下落不明，经公告送达未到庭。',
    parties: [
      { role: 'plaintiff', name: `原告${i}` },
      { role: 'defendant', name: `被告${i}` },
    ],
    claims: [{ text: '判令被告偿还借款', amountFen: 1_000_000 + i * 10_000 }],
  };
}

describe('mediation service', () => {
  let tb: TestBackend;
  beforeEach(async () => {
    tb = await openTestBackend();
    await tb.api['samples.load']({});
  });
  afterEach(async () => {
    await tb.close();
  });

  it('assesses every sample case with factors, sources, a level and the disclaimer', async () => {
    const list = await tb.api['cases.list']({ pageSize: 50, status: 'all' });
    expect(list.items.length).toBeGreaterThanOrEqual(8);
    for (const c of list.items) {
      const a = await tb.api['mediation.assess']({ caseId: c.id });
      expect(a.probability).toBeGreaterThan(0);
      expect(a.probability).toBeLessThan(1);
      expect(['easy', 'medium', 'hard']).toContain(a.level);
      expect(a.factors.length, c.causeOfAction).toBeGreaterThan(0);
      expect(a.disclaimer.zh).toContain('仅供参考');
      expect(a.modelInfo.kind).toBe('prior');
      // The contributions add up to the logit the probability came from.
      const sum = a.baseline.weight + a.factors.reduce((s, f) => s + f.contribution, 0);
      expect(sum).toBeCloseTo(a.logit, 2);
      for (const f of a.factors) {
        expect(f.sources.length, f.id).toBeGreaterThan(0);
        expect(Math.sign(f.contribution) === 0 || (f.direction === 'easier') === f.contribution > 0).toBe(true);
      }
      // Sorted by the size of the push.
      const sizes = a.factors.map((f) => Math.abs(f.contribution));
      expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
      expect(a.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('finds the insurer and strangers in the traffic case and rates it hard', async () => {
    const a = await tb.api['mediation.assess']({ caseId: await sampleId(tb, '9003') });
    expect(factorIds(a)).toEqual(expect.arrayContaining(['insurer', 'relationship.strangers', 'cause.traffic', 'parties']));
    const insurer = a.factors.find((f) => f.id === 'insurer')!;
    expect(insurer.direction).toBe('harder');
    expect(insurer.sources[0]).toMatchObject({ kind: 'party', quote: expect.stringContaining('保险') });
    expect(a.level).toBe('hard');
    expect(a.suggestions.map((s) => s.id)).toContain('insurer-authority');
  });

  it('finds the family relationship and the custody/property fight in the divorce case', async () => {
    const a = await tb.api['mediation.assess']({ caseId: await sampleId(tb, '民初9004号') });
    expect(factorIds(a)).toEqual(expect.arrayContaining(['cause.family', 'relationship.family', 'contested']));
    const contested = a.factors.find((f) => f.id === 'contested')!;
    const src = contested.sources[0]!;
    expect(src.kind).toBe('summary');
    expect(src.highlight).not.toBeNull();
    expect(src.quote.slice(src.highlight!.start, src.highlight!.end)).toBe(contested.value.split('、')[0]);
    const easier = await tb.api['mediation.assess']({ caseId: await sampleId(tb, '9003') });
    expect(a.probability).toBeGreaterThan(easier.probability);
  });

  it('refuses unknown cases and bad input clearly', async () => {
    expect((await expectAppError(tb.api['mediation.assess']({ caseId: 'no-such-case' }))).code).toBe('NOT_FOUND');
    expect((await expectAppError(tb.api['mediation.assess']({ caseId: '../../etc' }))).code).toBe('BAD_INPUT');
    const closed = await sampleId(tb, '民初8801号');
    const bad = await expectAppError(
      tb.api['mediation.setOutcome']({ caseId: closed, outcome: 'settled' as 'mediated', mediationAttempted: true }),
    );
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toContain('outcome');
    const inconsistent = await expectAppError(tb.api['mediation.setOutcome']({ caseId: closed, outcome: 'mediated', mediationAttempted: false }));
    expect(inconsistent.code).toBe('BAD_INPUT');
    const open = await sampleId(tb, '9001');
    expect((await expectAppError(tb.api['mediation.setOutcome']({ caseId: open, outcome: 'judged', mediationAttempted: true }))).code).toBe(
      'CONFLICT',
    );
    expect((await expectAppError(tb.api['mediation.settings.update']({ minCases: 1 }))).code).toBe('BAD_INPUT');
    expect((await expectAppError(tb.api['mediation.narrative']({ caseId: open }))).code).toBe('UNAVAILABLE');
    expect((await expectAppError(tb.api['mediation.narrative.get']({ caseId: 'nope' }))).code).toBe('NOT_FOUND');
  });

  it('records the outcome of a closed case with an audit row, and can correct it', async () => {
    const id = await sampleId(tb, '民初8801号');
    const before = await tb.api['mediation.assess']({ caseId: id });
    expect(before.canRecordOutcome).toBe(true);
    expect(before.outcome).toBeNull();
    const r = await tb.api['mediation.setOutcome']({ caseId: id, outcome: 'mediated', mediationAttempted: true, closedOn: '2026-05-20', note: '当庭调解' });
    expect(r.outcome).toMatchObject({ outcome: 'mediated', mediationAttempted: true, closedOn: '2026-05-20', note: '当庭调解' });
    expect(r.model.kind).toBe('prior');
    expect(r.model.labelledCases).toBe(1);
    await tb.api['mediation.setOutcome']({ caseId: id, outcome: 'withdrawn', mediationAttempted: false });
    const after = await tb.api['mediation.assess']({ caseId: id });
    expect(after.outcome?.outcome).toBe('withdrawn');
    const audit = await tb.api['cases.audit']({ caseId: id });
    const rows = audit.items.filter((e) => e.action === 'mediation.outcome');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.detail).toMatchObject({ outcome: 'withdrawn', previous: { outcome: 'mediated' } });
  });

  it('keeps the prior below the minimum count, fits at it, and reports calibration', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await tb.api['cases.create'](closedCase(i, i % 2 === 0))).id);
    // Easy cases were mediated (mostly), hard ones judged: the data agree with the prior's directions.
    for (const [i, id] of ids.entries()) {
      const easy = i % 2 === 0;
      const outcome = easy ? (i % 10 === 0 ? 'judged' : 'mediated') : i % 7 === 0 ? 'withdrawn' : 'judged';
      const r = await tb.api['mediation.setOutcome']({ caseId: id, outcome, mediationAttempted: outcome !== 'withdrawn' || easy });
      expect(r.model.kind, `after ${i + 1}`).toBe(i + 1 < 30 ? 'prior' : 'fitted');
    }
    const m = await tb.api['mediation.model']({});
    expect(m.info).toMatchObject({ kind: 'fitted', trainedOn: 30, labelledCases: 30, minCases: 30 });
    expect(m.info.fittedAt).not.toBeNull();
    expect(m.calibration.method).toBe('cross-validated');
    expect(m.calibration.buckets).toHaveLength(5);
    expect(m.calibration.buckets.reduce((s, b) => s + b.count, 0)).toBe(30);
    expect(m.calibration.brier).not.toBeNull();
    const absent = m.weights.find((w) => w.id === 'absent')!;
    expect(absent.fitted).not.toBeNull();
    expect(absent.fitted!).toBeLessThan(0);
    // The legal bar is law, not a tendency: never learned.
    expect(m.weights.find((w) => w.id === 'bar')!.fitted).toBeNull();
    expect(m.outcomeCounts.reduce((s, c) => s + c.count, 0)).toBe(30);

    const a = await tb.api['mediation.assess']({ caseId: ids[0]! });
    expect(a.modelInfo.kind).toBe('fitted');
    expect(a.similarOutcomes.own.total).toBe(29);

    // Raising the minimum above what the model learned from puts the prior back in use.
    const raised = await tb.api['mediation.settings.update']({ minCases: 40 });
    expect(raised.info.kind).toBe('prior');
    expect(raised.calibration.method).toBe('prior');
    const refit = await tb.api['mediation.refit']({});
    expect(refit.refitted).toBe(false);
    expect(refit.info.note).toContain('40');
  });

  it('shows the outcomes of the court\'s own closed cases of the same cause', async () => {
    for (let i = 0; i < 3; i++) {
      const { id } = await tb.api['cases.create'](closedCase(i, true, '离婚纠纷'));
      await tb.api['mediation.setOutcome']({ caseId: id, outcome: i === 0 ? 'judged' : 'mediated', mediationAttempted: true });
    }
    const a = await tb.api['mediation.assess']({ caseId: await sampleId(tb, '民初9004号') });
    expect(a.similarOutcomes.own.total).toBe(3);
    expect(a.similarOutcomes.own.counts).toEqual(
      expect.arrayContaining([
        { outcome: 'mediated', count: 2 },
        { outcome: 'judged', count: 1 },
      ]),
    );
    expect(a.similarOutcomes.precedents.searched).toBe(false);
  });
});
