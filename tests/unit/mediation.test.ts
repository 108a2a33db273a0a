import { describe, expect, it } from 'vitest';
import type { Factor } from '../../shared/contract/mediation';
import {
  PRIOR,
  extractFactors,
  featureVector,
  levelOf,
  priorWeights,
  scoreFactors,
  sigmoid,
  suggestionsFor,
  type MediationCaseInput,
} from '../../shared/rules/mediation';
import {
  brierScore,
  calibrationBuckets,
  crossValidatedPredictions,
  fitLogistic,
  predict,
  solveSpd,
  type Sample,
} from '../../electron/backend/mediation/fit';
import { factLine, verifyNarrative } from '../../electron/backend/mediation/narrative';
import { precedentOutcome } from '../../electron/backend/mediation/similar';

function crafted(over: Partial<MediationCaseInput>): MediationCaseInput {
  return {
    caseNumber: '（2026）粤0305民初1号',
    causeOfAction: '民间借贷纠纷',
    summary: '',
    parties: [
      { id: 'p1', role: 'plaintiff', kind: 'natural', name: '甲', agents: [] },
      { id: 'p2', role: 'defendant', kind: 'natural', name: '乙', agents: [] },
    ],
    claims: [],
    documents: [],
    evidenceCount: 0,
    ...over,
  };
}

const ids = (c: MediationCaseInput) => extractFactors(c).map((f) => f.id);

describe('prior.json', () => {
  it('is well formed: unique ids, thresholds in order, every weight documented', () => {
    expect(PRIOR.levels.hard).toBeLessThan(PRIOR.levels.easy);
    for (const f of PRIOR.factors) {
      expect(f.basis.length, f.id).toBeGreaterThan(20);
      expect(f.basisZh.length, f.id).toBeGreaterThan(10);
      expect(f.zh && f.en).toBeTruthy();
    }
    expect(PRIOR.factors.find((f) => f.id === 'bar')!.learnable).toBe(false);
    // The intercept reproduces a rate near the published national 调撤率 (40–47%).
    expect(sigmoid(PRIOR.intercept.weight)).toBeGreaterThan(0.35);
    expect(sigmoid(PRIOR.intercept.weight)).toBeLessThan(0.5);
  });

  it('maps probabilities to 易/中/难 at the documented thresholds', () => {
    expect(levelOf(PRIOR.levels.easy)).toBe('easy');
    expect(levelOf(PRIOR.levels.easy - 0.001)).toBe('medium');
    expect(levelOf(PRIOR.levels.hard)).toBe('medium');
    expect(levelOf(PRIOR.levels.hard - 0.001)).toBe('hard');
  });
});

describe('factor extraction', () => {
  it('reads service by publication from a document, with the span it rests on', () => {
    const text = '本院依法向被告乙公告送达起诉状副本及开庭传票，被告乙未到庭。';
    const f = extractFactors(crafted({ documents: [{ id: 'd1', title: '送达回证', text }] })).find((x) => x.id === 'absent')!;
    expect(f.value).toBe('公告送达');
    const src = f.sources[0]!;
    expect(src).toMatchObject({ kind: 'document', ref: 'd1', label: '送达回证' });
    expect(text.slice(src.offset!.start, src.offset!.end)).toBe('公告送达');
    expect(src.quote.slice(src.highlight!.start, src.highlight!.end)).toBe('公告送达');
    const scored = scoreFactors(extractFactors(crafted({ summary: text })));
    expect(scored.level).toBe('hard');
  });

  it('does not count negated cues (未申请保全, 不同意调解 is refusal, not willingness)', () => {
    expect(ids(crafted({ summary: '原告未申请财产保全。' }))).not.toContain('preservation');
    expect(ids(crafted({ summary: '原告已申请财产保全，冻结被告账户。' }))).toContain('preservation');
    const refusing = ids(crafted({ summary: '被告明确表示不同意调解。' }));
    expect(refusing).toContain('refusal');
    expect(refusing).not.toContain('willing');
    expect(ids(crafted({ summary: '双方均表示愿意调解。' }))).toContain('willing');
    expect(ids(crafted({ summary: '被告对借款事实没有异议。' }))).not.toContain('disputed');
  });

  it('bars mediation for personal-status and special-procedure cases (CPL-Interp art. 143)', () => {
    const a = scoreFactors(extractFactors(crafted({ causeOfAction: '确认婚姻无效纠纷' })));
    expect(a.barred).toBe(true);
    expect(a.level).toBe('hard');
    expect(ids(crafted({ causeOfAction: '', caseNumber: '（2026）粤0305民特12号' }))).toContain('bar');
    expect(ids(crafted({ causeOfAction: '离婚纠纷' }))).not.toContain('bar');
  });

  it('scales the amount on a log axis around 10,000 yuan, clipped', () => {
    const x = (fen: number) => extractFactors(crafted({ claims: [{ id: 'c', text: '还款', amountFen: fen }] })).find((f) => f.id === 'amount')?.x;
    expect(x(100_000)).toBeCloseTo(-1, 3); // 1,000 yuan
    expect(x(10_000_000)).toBeCloseTo(1, 3); // 100,000 yuan
    expect(x(1e13)).toBe(3);
    expect(x(100)).toBe(-1);
    const small = scoreFactors(extractFactors(crafted({ claims: [{ id: 'c', text: '', amountFen: 100_000 }] })));
    const large = scoreFactors(extractFactors(crafted({ claims: [{ id: 'c', text: '', amountFen: 1e9 }] })));
    expect(small.probability).toBeGreaterThan(large.probability);
  });

  it('tells relationships from the cause first, then from text cues', () => {
    expect(ids(crafted({ causeOfAction: '赡养费纠纷' }))).toContain('relationship.family');
    expect(ids(crafted({ summary: '原被告系邻居，因借款发生纠纷。' }))).toContain('relationship.neighbour');
    expect(ids(crafted({ summary: '原被告系表兄弟，也是多年邻居。' }))).toContain('relationship.family');
    expect(ids(crafted({ summary: '双方长期合作，原告长期供货。', causeOfAction: '买卖合同纠纷' }))).toContain('relationship.business');
    expect(ids(crafted({ causeOfAction: '机动车交通事故责任纠纷' }))).toContain('relationship.strangers');
  });

  it('reads parties: insurer, bank plaintiff, organisations, lawyers on both sides, party count', () => {
    const c = crafted({
      causeOfAction: '金融借款合同纠纷',
      parties: [
        { id: 'a', role: 'plaintiff', kind: 'legal', name: '某某农村商业银行股份有限公司', agents: [{ kind: 'lawyer' }] },
        { id: 'b', role: 'defendant', kind: 'natural', name: '丙', agents: [{ kind: 'lawyer' }] },
        { id: 'c', role: 'defendant', kind: 'natural', name: '丁', agents: [] },
        { id: 'd', role: 'third_party', kind: 'legal', name: '某财产保险公司', agents: [] },
      ],
    });
    const found = extractFactors(c);
    expect(found.map((f) => f.id)).toEqual(
      expect.arrayContaining(['cause.financial', 'financialPlaintiff', 'insurer', 'legalPerson', 'lawyersBoth', 'parties']),
    );
    expect(found.find((f) => f.id === 'parties')!.x).toBe(2);
    // Lawyers on both sides carry no prior push (direction contested): neutral until learned.
    expect(scoreFactors(found).factors.find((f) => f.id === 'lawyersBoth')!.direction).toBe('neutral');
  });

  it('counts distinct conflict cues up to three', () => {
    const f = extractFactors(crafted({ summary: '被告多次辱骂、威胁原告，原告报警，双方积怨很深。' })).find((x) => x.id === 'conflict')!;
    expect(f.x).toBe(3);
    expect(f.sources.length).toBe(4);
  });

  it('finds nothing to say about an empty case but still scores it at the baseline', () => {
    const s = scoreFactors(extractFactors(crafted({ causeOfAction: '', parties: [] })));
    expect(s.factors).toEqual([]);
    expect(s.probability).toBeCloseTo(sigmoid(PRIOR.intercept.weight), 4);
  });

  it('suggests approaches for the hardest factors first, each once', () => {
    const s = scoreFactors(extractFactors(crafted({ summary: '被告下落不明，经公告送达；双方曾经诉前调解未果。' })));
    const sug = suggestionsFor(s.factors);
    expect(sug[0]!.id).toBe('prompt-judgment-absent');
    expect(new Set(sug.map((x) => x.id)).size).toBe(sug.length);
  });
});

/** A seeded generator so the synthetic data are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function synthetic(n: number, truth: { b: number; w: Record<string, number> }, seed = 7): Sample[] {
  const r = rng(seed);
  const feats = Object.keys(truth.w);
  return Array.from({ length: n }, (_, i) => {
    const x: Record<string, number> = {};
    for (const f of feats) x[f] = f === 'amount' ? r() * 4 - 1 : r() < 0.35 ? 1 : 0;
    const p = predict(x, { intercept: truth.b, weights: truth.w });
    return { x, y: r() < p ? 1 : 0, key: `case-${i}` };
  });
}

describe('logistic fit', () => {
  it('solves a symmetric positive-definite system', () => {
    const x = solveSpd(
      [
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 2],
      ],
      [1, 2, 3],
    );
    expect(4 * x[0]! + x[1]!).toBeCloseTo(1, 9);
    expect(x[0]! + 3 * x[1]! + x[2]!).toBeCloseTo(2, 9);
    expect(x[1]! + 2 * x[2]!).toBeCloseTo(3, 9);
  });

  it('recovers the sign and rough size of known weights', () => {
    const truth = { b: -0.3, w: { absent: -2, willing: 1, conflict: -0.8, amount: -0.4, lawyersBoth: 0 } };
    const data = synthetic(4000, truth);
    const fit = fitLogistic(data, { features: Object.keys(truth.w), lambda: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(20);
    for (const [k, w] of Object.entries(truth.w)) {
      expect(Math.abs(fit.weights[k]! - w), k).toBeLessThan(0.3);
      if (w !== 0) expect(Math.sign(fit.weights[k]!), k).toBe(Math.sign(w));
    }
    expect(fit.intercept).toBeCloseTo(truth.b, 0);
  });

  it('stays at the prior centre for features the data never show, and near it with few cases', () => {
    const centre = { intercept: 0, weights: { absent: -2.5, willing: 0.6 } };
    const few = synthetic(10, { b: 0, w: { willing: 2 } }, 3);
    const fit = fitLogistic(few, { features: ['absent', 'willing'], lambda: 5, centre });
    expect(fit.weights['absent']).toBeCloseTo(-2.5, 6);
    expect(Math.abs(fit.weights['willing']! - 0.6)).toBeLessThan(1);
  });

  it('does not diverge on perfectly separable data (the penalty bounds the weights)', () => {
    const data: Sample[] = Array.from({ length: 40 }, (_, i) => ({ x: { willing: i % 2 }, y: (i % 2) as 0 | 1 }));
    const fit = fitLogistic(data, { features: ['willing'], lambda: 1 });
    expect(Number.isFinite(fit.weights['willing']!)).toBe(true);
    expect(fit.weights['willing']!).toBeGreaterThan(2);
    expect(fit.weights['willing']!).toBeLessThan(20);
  });
});

describe('calibration', () => {
  it('buckets predictions and reports predicted vs observed', () => {
    const b = calibrationBuckets([
      { p: 0.05, y: 0 },
      { p: 0.15, y: 1 },
      { p: 0.5, y: 1 },
      { p: 0.99, y: 1 },
      { p: 1, y: 1 },
    ]);
    expect(b).toHaveLength(5);
    expect(b[0]).toMatchObject({ from: 0, to: 0.2, count: 2, predicted: 0.1, observed: 0.5 });
    expect(b[1]).toMatchObject({ count: 0, predicted: null, observed: null });
    expect(b[2]).toMatchObject({ count: 1, observed: 1 });
    expect(b[4]).toMatchObject({ count: 2, predicted: 0.995, observed: 1 });
  });

  it('gives well-calibrated out-of-fold predictions for a correct model', () => {
    const truth = { b: 0, w: { absent: -2, willing: 1.5 } };
    const data = synthetic(3000, truth, 11);
    const oof = crossValidatedPredictions(data, { features: ['absent', 'willing'], lambda: 1 });
    expect(oof).toHaveLength(3000);
    for (const bucket of calibrationBuckets(oof)) {
      if (bucket.count > 200) expect(Math.abs(bucket.predicted! - bucket.observed!), `${bucket.from}`).toBeLessThan(0.06);
    }
    // Better than always saying the base rate.
    const base = data.filter((d) => d.y === 1).length / data.length;
    expect(brierScore(oof)!).toBeLessThan(brierScore(data.map((d) => ({ p: base, y: d.y })))!);
  });

  it('scores a feature row the same way the prior scorer does', () => {
    const f = extractFactors(crafted({ summary: '被告下落不明。双方系邻居。' }));
    const s = scoreFactors(f);
    expect(predict(featureVector(f), priorWeights())).toBeCloseTo(s.probability, 4);
  });
});

describe('precedent outcomes', () => {
  it('reads how a precedent ended from its kind and operative part', () => {
    expect(precedentOutcome('mediation', '张三与李四民间借贷纠纷民事调解书', '双方自愿达成如下调解协议：')).toBe('mediated');
    expect(precedentOutcome('ruling', '民事裁定书', '准许原告张三撤回起诉。')).toBe('withdrawn');
    expect(precedentOutcome('ruling', '民事裁定书', '本案按原告撤诉处理。')).toBe('withdrawn');
    expect(precedentOutcome('ruling', '民事裁定书', '驳回原告张三的起诉。')).toBe('dismissed');
    expect(precedentOutcome('judgment', '民事判决书', '驳回原告张三的全部诉讼请求。')).toBe('dismissed');
    expect(precedentOutcome('judgment', '民事判决书', '一、被告李四于本判决生效之日起十日内偿还原告借款50000元；二、驳回原告的其他诉讼请求。')).toBe('judged');
    expect(precedentOutcome('other', '通知书', '')).toBe('other');
  });
});

describe('narrative verification', () => {
  const factor: Factor = {
    id: 'absent',
    group: 'service',
    zh: '被告下落不明或公告送达',
    en: 'Defendant absent',
    value: '公告送达',
    valueEn: 'cue: 公告送达',
    x: 1,
    direction: 'harder',
    weight: -2.5,
    contribution: -2.5,
    basis: '',
    basisZh: '',
    judgment: false,
    sources: [{ kind: 'summary', ref: null, label: '案情摘要', quote: '本院依法公告送达起诉状副本', highlight: null, offset: null }],
  };

  it('marks a sentence verified only when its quote is in the cited fact', () => {
    expect(factLine(factor)).toContain('公告送达起诉状副本');
    const out = verifyNarrative(
      [
        { text: '被告经公告送达，难以到庭调解。', fact: 1, quote: '公告送达起诉状副本' },
        { text: '被告态度强硬。', fact: 1, quote: '被告拒绝一切方案' },
        { text: '引用了不存在的事实。', fact: 9, quote: '公告送达' },
        { text: '   ', fact: 1, quote: '公告' },
      ],
      [factor],
    );
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ verified: true, citation: { factorId: 'absent' } });
    expect(out[1]).toMatchObject({ verified: false, citation: { factorId: 'absent' } });
    expect(out[2]).toMatchObject({ verified: false, citation: null });
  });
});
