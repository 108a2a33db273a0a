import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Assessment, ModelOverview, RecordedOutcome } from '../../shared/contract/mediation';
import { DISCLAIMER, PRIOR, extractFactors, scoreFactors, suggestionsFor } from '../../shared/rules/mediation';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

const slow = { timeout: 10_000 };

/** An assessment made by the real factor model from a fictional traffic case, so the fixture cannot drift from the rules. */
function assessmentFor(caseId: string, over: Partial<Assessment> = {}): Assessment {
  const factors = extractFactors({
    caseNumber: '（2026）粤0305民初9003号',
    causeOfAction: '机动车交通事故责任纠纷',
    summary: '被告驾车与原告相撞，交警认定被告负主要责任。被告多次辱骂原告，原告报警。',
    parties: [
      { id: 'p1', role: 'plaintiff', kind: 'natural', name: '周晓雨', agents: [] },
      { id: 'p2', role: 'defendant', kind: 'natural', name: '吴海峰', agents: [] },
      { id: 'p3', role: 'defendant', kind: 'legal', name: '示例财产保险股份有限公司', agents: [] },
    ],
    claims: [{ id: 'c1', text: '赔偿各项损失78320.50元', amountFen: 7_832_050 }],
    documents: [],
    evidenceCount: 0,
  });
  const s = scoreFactors(factors);
  return {
    caseId,
    probability: s.probability,
    level: s.level,
    logit: s.logit,
    baseline: { weight: PRIOR.intercept.weight, probability: 0.43 },
    barred: null,
    factors: s.factors,
    modelInfo: {
      kind: 'prior',
      trainedOn: 0,
      positives: 0,
      fittedAt: null,
      fittedBy: null,
      labelledCases: 4,
      minCases: 30,
      lambda: 1,
      note: '',
      priorVersion: PRIOR.version,
    },
    similarOutcomes: {
      cause: '机动车交通事故责任纠纷',
      own: { total: 4, counts: [{ outcome: 'mediated', count: 1 }, { outcome: 'judged', count: 3 }] },
      precedents: { searched: false, total: 0, counts: [], examples: [], note: '尚未导入类案库' },
    },
    suggestions: suggestionsFor(s.factors),
    outcome: null,
    canRecordOutcome: false,
    narrativeAvailable: false,
    disclaimer: { ...DISCLAIMER },
    assessedAt: Date.UTC(2026, 4, 1),
    ...over,
  };
}

const MODEL: ModelOverview = {
  info: {
    kind: 'fitted',
    trainedOn: 42,
    positives: 17,
    fittedAt: Date.UTC(2026, 4, 1),
    fittedBy: '法官甲',
    labelledCases: 42,
    minCases: 30,
    lambda: 1,
    note: '',
    priorVersion: PRIOR.version,
  },
  settings: { minCases: 30, lambda: 1, autoRefit: true },
  weights: [{ id: 'intercept', zh: '基准', en: 'Baseline', prior: -0.3, fitted: -0.2, judgment: true, basis: '', basisZh: '', learnable: true }],
  calibration: {
    method: 'cross-validated',
    n: 42,
    buckets: [
      { from: 0, to: 0.2, count: 10, predicted: 0.12, observed: 0.1 },
      { from: 0.2, to: 0.4, count: 14, predicted: 0.3, observed: 0.36 },
      { from: 0.4, to: 0.6, count: 8, predicted: 0.5, observed: 0.5 },
      { from: 0.6, to: 0.8, count: 10, predicted: 0.7, observed: 0.6 },
      { from: 0.8, to: 1, count: 0, predicted: null, observed: null },
    ],
    brier: 0.19,
    logLoss: 0.55,
    priorBrier: 0.22,
  },
  thresholds: { easy: 0.55, hard: 0.3 },
  outcomeCounts: [],
};

function setup(over: Partial<Assessment> = {}, language: 'zh-CN' | 'en' = 'zh-CN') {
  const backend = new FakeBackend();
  backend.settings = { ...backend.settings, language };
  const detail = backend.create({ title: '【示例】交通事故', causeOfAction: '机动车交通事故责任纠纷' });
  let assessment = assessmentFor(detail.id, over);
  backend.handle('mediation.assess', () => assessment);
  backend.handle('mediation.model', () => MODEL);
  backend.handle('mediation.narrative.get', () => null);
  const recorded: RecordedOutcome[] = [];
  backend.handle('mediation.setOutcome', (input) => {
    const o: RecordedOutcome = {
      caseId: input.caseId,
      outcome: input.outcome,
      mediationAttempted: input.mediationAttempted,
      closedOn: input.closedOn ?? null,
      note: input.note ?? '',
      recordedAt: Date.UTC(2026, 4, 2),
      recordedBy: '书记员甲',
    };
    recorded.push(o);
    assessment = { ...assessment, outcome: o };
    return { outcome: o, model: MODEL.info };
  });
  const view = renderApp(`/cases/${detail.id}?tab=mediation`, backend);
  return { ...view, detail, recorded, assessment: () => assessment };
}

describe('调解 tab', () => {
  it('draws the factor contributions as bars, largest push first, with direction and value', async () => {
    const { assessment } = setup();
    const chart = await screen.findByTestId('mediation-chart', {}, slow);
    const bars = within(chart).getAllByRole('button');
    const expected = assessment().factors;
    expect(bars.map((b) => b.getAttribute('data-testid'))).toEqual(expected.map((f) => `factor-bar-${f.id}`));
    const sizes = bars.map((b) => Math.abs(Number(b.getAttribute('data-contribution'))));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    // Two conflict cues (2 × −0.35) outweigh the insurer (−0.60); both point left (harder).
    expect(bars[0]!.getAttribute('data-testid')).toBe('factor-bar-conflict');
    expect(bars[0]!.textContent).toContain('−0.70');
    expect(bars[1]!.textContent).toContain('保险公司为当事人');
    expect(bars[1]!.textContent).toContain('−0.60');
    const easier = expected.find((f) => f.direction === 'easier')!;
    expect(screen.getByTestId(`factor-bar-${easier.id}`).textContent).toContain('+');

    expect(screen.getByTestId('mediation-level').getAttribute('data-level')).toBe(assessment().level);
    expect(screen.getByTestId('mediation-disclaimer').textContent).toContain('仅供参考');
    expect(screen.getByTestId('mediation-model-info').textContent).toContain('4');
  });

  it('shows the source of a factor when its bar is clicked, with the cue highlighted', async () => {
    setup();
    const bar = await screen.findByTestId('factor-bar-conflict', {}, slow);
    await userEvent.click(bar);
    const detail = await screen.findByTestId('factor-detail');
    expect(detail.textContent).toContain('情绪对立');
    const sources = within(detail).getAllByTestId('factor-source');
    expect(sources.length).toBe(2);
    expect(sources[0]!.querySelector('mark')?.textContent).toBe('辱骂');
    expect(detail.textContent).toContain('海门');
  });

  it('shows similar outcomes, suggestions and calibration', async () => {
    setup();
    const own = await screen.findByTestId('mediation-similar-own', {}, slow);
    expect(own.textContent).toContain('判决 3');
    expect(screen.getByTestId('mediation-similar-precedents').textContent).toContain('尚未导入类案库');
    expect(screen.getByTestId('suggestion-insurer-authority')).toBeTruthy();
    expect(await screen.findByTestId('calibration-plot')).toBeTruthy();
    expect(screen.getByTestId('mediation-model-kind').textContent).toContain('42');
    expect(within(screen.getByTestId('calibration-table')).getAllByRole('row')).toHaveLength(6);
    expect(screen.getByTestId('calibration-brier').textContent).toContain('0.190');
  });

  it('records the outcome of a closed case', async () => {
    const { recorded } = setup({ canRecordOutcome: true });
    const save = await screen.findByTestId('mediation-outcome-save', {}, slow);
    await userEvent.click(save);
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]).toMatchObject({ outcome: 'mediated', mediationAttempted: true });
    expect((await screen.findByTestId('mediation-outcome-current')).textContent).toContain('调解');
  });

  it('asks for a model before offering the narrative', async () => {
    setup();
    const card = await screen.findByTestId('mediation-narrative', {}, slow);
    expect(card.textContent).toContain('加载本地模型');
    expect(screen.queryByTestId('mediation-narrative-run')).toBeNull();
  });

  it('speaks English', async () => {
    setup({}, 'en');
    const bar = await screen.findByTestId('factor-bar-insurer', {}, slow);
    expect(bar.textContent).toContain('Insurer is a party');
    expect(screen.getByTestId('mediation-disclaimer').textContent).toContain('Reference only');
  });
});
