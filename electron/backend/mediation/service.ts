import type { CaseDetail } from '../../../shared/contract/cases';
import {
  MEDIATION_OP_KINDS,
  MediationSettings,
  SUCCESS_OUTCOMES,
  type Assessment,
  type Calibration,
  type ModelInfo,
  type ModelOverview,
  type Outcome,
} from '../../../shared/contract/mediation';
import type { Handlers } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import {
  DISCLAIMER,
  LEARNABLE_FACTORS,
  PRIOR,
  extractFactors,
  featureVector,
  logitOf,
  priorWeights,
  scoreFactors,
  sigmoid,
  suggestionsFor,
  type MediationCaseInput,
  type ModelWeights,
} from '../../../shared/rules/mediation';
import type { BackendContext } from '../context';
import { llmOf } from '../llm/service';
import { writeAudit } from '../store/repos/audit';
import { getCase } from '../store/repos/cases';
import { getDocumentText } from '../store/repos/documents';
import * as repo from '../store/repos/mediation';
import { listEvidence } from '../store/repos/review';
import { readSetting, writeSetting } from '../store/repos/settings';
import { brierScore, calibrationBuckets, crossValidatedPredictions, fitLogistic, meanLogLoss, predict, type Sample } from './fit';
import { runNarrative } from './narrative';
import { countsOf, similarOutcomes } from './similar';

type MediationMethod = Extract<keyof Handlers, `mediation.${string}`>;

export const DEFAULT_MEDIATION_SETTINGS: MediationSettings = { minCases: 30, lambda: 1, autoRefit: true };
const SETTINGS_KEY = 'mediation';

export function readMediationSettings(ctx: BackendContext): MediationSettings {
  const stored = readSetting(ctx.db, SETTINGS_KEY);
  const merged = { ...DEFAULT_MEDIATION_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = MediationSettings.safeParse(merged);
  // A hand-edited settings row must not break the assessment.
  return parsed.success ? parsed.data : DEFAULT_MEDIATION_SETTINGS;
}

function mustCase(ctx: BackendContext, caseId: string): CaseDetail {
  const c = getCase(ctx.db, caseId);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${caseId}`);
  return c;
}

function isClosed(c: CaseDetail): boolean {
  return c.stage === 'closed' || c.stage === 'archived' || c.status === 'archived';
}

/** The case as the factor model reads it: fields, claims, document texts and the evidence count. */
export function caseInput(ctx: BackendContext, c: CaseDetail): MediationCaseInput {
  let evidenceCount = 0;
  try {
    evidenceCount = listEvidence(ctx.db, c.id).length;
  } catch (err) {
    // The evidence list belongs to review; without it the factor simply counts documents.
    ctx.log.warn('mediation: evidence list unavailable', err);
  }
  return {
    caseNumber: c.caseNumber,
    causeOfAction: c.causeOfAction,
    summary: c.summary,
    parties: c.parties.map((p) => ({ id: p.id, role: p.role, kind: p.kind, name: p.name, agents: p.agents.map((a) => ({ kind: a.kind })) })),
    claims: c.claims.map((cl) => ({ id: cl.id, text: cl.text, amountFen: cl.amountFen })),
    documents: c.documents.map((d) => ({ id: d.id, title: d.title || d.filename, text: getDocumentText(ctx.db, d.id) ?? '' })),
    evidenceCount,
  };
}

const isSuccess = (o: Outcome) => SUCCESS_OUTCOMES.includes(o);

/**
 * Recorded outcomes usable for learning: 其他 says nothing about mediation, and a legally barred
 * case (CPL-Interp art. 143) was never mediable, so both stay out.
 */
function trainingSamples(ctx: BackendContext): Sample[] {
  return repo
    .listLabelled(ctx.db)
    .filter((r) => r.outcome !== 'other' && !(r.features['bar'] ?? 0))
    .map((r) => ({ x: r.features, y: isSuccess(r.outcome) ? 1 : 0, key: r.caseId }));
}

interface ModelInUse {
  readonly weights: ModelWeights;
  readonly info: ModelInfo;
  readonly stored: repo.StoredModel | null;
}

function modelInUse(ctx: BackendContext, settings = readMediationSettings(ctx), labelled = trainingSamples(ctx).length): ModelInUse {
  const stored = repo.latestModel(ctx.db);
  const usable = stored !== null && stored.trainedOn >= settings.minCases && stored.priorVersion === PRIOR.version;
  const base = { labelledCases: labelled, minCases: settings.minCases, lambda: settings.lambda, priorVersion: PRIOR.version };
  if (usable) {
    const prior = priorWeights();
    return {
      weights: { intercept: stored.intercept, weights: { ...prior.weights, ...stored.weights } },
      stored,
      info: {
        kind: 'fitted',
        trainedOn: stored.trainedOn,
        positives: stored.positives,
        fittedAt: stored.fittedAt,
        fittedBy: stored.fittedBy,
        ...base,
        lambda: stored.lambda,
        note: `本院 ${stored.trainedOn} 件已结案件拟合（其中调解/撤诉 ${stored.positives} 件）`,
      },
    };
  }
  const note =
    labelled < settings.minCases
      ? `使用文献先验权重：已记录结果的案件 ${labelled} 件，少于拟合所需的 ${settings.minCases} 件`
      : '使用文献先验权重：已有足够案件，可重新拟合';
  return {
    weights: priorWeights(),
    stored: null,
    info: { kind: 'prior', trainedOn: 0, positives: 0, fittedAt: null, fittedBy: null, ...base, note },
  };
}

function priorCalibration(samples: readonly Sample[]): Calibration {
  const prior = priorWeights();
  const pairs = samples.map((s) => ({ p: sigmoid(logitOf(s.x, prior)), y: s.y }));
  const brier = brierScore(pairs);
  return {
    method: 'prior',
    n: pairs.length,
    buckets: calibrationBuckets(pairs),
    brier: round4(brier),
    logLoss: round4(meanLogLoss(pairs)),
    priorBrier: round4(brier),
  };
}

function round4(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10_000) / 10_000;
}

function overview(ctx: BackendContext): ModelOverview {
  const settings = readMediationSettings(ctx);
  const samples = trainingSamples(ctx);
  const inUse = modelInUse(ctx, settings, samples.length);
  const prior = priorWeights();
  const fitted = inUse.stored?.weights ?? null;
  return {
    info: inUse.info,
    settings,
    weights: [
      {
        id: 'intercept',
        zh: '基准（截距）',
        en: 'Baseline (intercept)',
        prior: prior.intercept,
        fitted: inUse.stored ? round4(inUse.stored.intercept) : null,
        judgment: PRIOR.intercept.judgment,
        basis: PRIOR.intercept.basis,
        basisZh: PRIOR.intercept.basisZh,
        learnable: true,
      },
      ...PRIOR.factors.map((f) => ({
        id: f.id,
        zh: f.zh,
        en: f.en,
        prior: f.weight,
        fitted: fitted && f.learnable ? round4(fitted[f.id] ?? f.weight) : null,
        judgment: f.judgment,
        basis: f.basis,
        basisZh: f.basisZh,
        learnable: f.learnable,
      })),
    ],
    calibration: inUse.stored ? inUse.stored.calibration : priorCalibration(samples),
    thresholds: { easy: PRIOR.levels.easy, hard: PRIOR.levels.hard },
    outcomeCounts: countsOf(repo.listLabelled(ctx.db).map((r) => r.outcome)),
  };
}

/** Fits and stores a model when at least minCases usable outcomes exist; returns whether it did. */
export function refit(ctx: BackendContext): boolean {
  const settings = readMediationSettings(ctx);
  const samples = trainingSamples(ctx);
  if (samples.length < settings.minCases) return false;
  const options = { features: LEARNABLE_FACTORS, lambda: settings.lambda, centre: priorWeights() };
  const model = fitLogistic(samples, options);
  const oof = crossValidatedPredictions(samples, options);
  const prior = priorWeights();
  const calibration: Calibration = {
    method: 'cross-validated',
    n: oof.length,
    buckets: calibrationBuckets(oof),
    brier: round4(brierScore(oof)),
    logLoss: round4(meanLogLoss(oof)),
    priorBrier: round4(brierScore(samples.map((s) => ({ p: predict(s.x, prior), y: s.y })))),
  };
  repo.insertModel(ctx.db, {
    intercept: model.intercept,
    weights: Object.fromEntries(Object.entries(model.weights).map(([k, v]) => [k, Math.round(v * 10_000) / 10_000])),
    trainedOn: samples.length,
    positives: samples.filter((s) => s.y === 1).length,
    lambda: settings.lambda,
    calibration,
    priorVersion: PRIOR.version,
    fittedAt: ctx.now(),
    fittedBy: ctx.actor(),
  });
  return true;
}

export function assess(ctx: BackendContext, caseId: string): Assessment {
  const c = mustCase(ctx, caseId);
  const extracted = extractFactors(caseInput(ctx, c));
  const inUse = modelInUse(ctx);
  const scored = scoreFactors(extracted, inUse.weights);
  const bar = scored.factors.find((f) => f.id === 'bar');
  return {
    caseId,
    probability: scored.probability,
    level: scored.level,
    logit: scored.logit,
    baseline: { weight: round4(inUse.weights.intercept) ?? 0, probability: round4(sigmoid(inUse.weights.intercept)) ?? 0 },
    barred: bar
      ? {
          zh: `“${bar.value}”依法不适用调解（民诉法解释第一百四十三条）`,
          en: `"${bar.value}": mediation is not allowed (CPL-Interp art. 143)`,
        }
      : null,
    factors: scored.factors,
    modelInfo: inUse.info,
    similarOutcomes: similarOutcomes(ctx, caseId, c.causeOfAction),
    suggestions: suggestionsFor(scored.factors),
    outcome: repo.getOutcome(ctx.db, caseId),
    canRecordOutcome: isClosed(c),
    narrativeAvailable: modelAvailable(ctx),
    disclaimer: { ...DISCLAIMER },
    assessedAt: ctx.now(),
  };
}

/** A model is loaded, loading, or will auto-load on first use. */
export function modelAvailable(ctx: BackendContext): boolean {
  const st = llmOf(ctx).status();
  return st.state !== 'idle' || st.savedModel !== null;
}

export function mediationHandlers(ctx: BackendContext): Pick<Handlers, MediationMethod> {
  const db = ctx.db;
  return {
    'mediation.assess': ({ caseId }) => assess(ctx, caseId),

    'mediation.setOutcome': ({ caseId, outcome, mediationAttempted, closedOn, note }) => {
      const c = mustCase(ctx, caseId);
      if (!isClosed(c)) {
        throw new AppError('CONFLICT', 'Record the outcome once the case is closed (结案): move it to the closed stage first', {
          stage: c.stage,
        });
      }
      if (outcome === 'mediated' && !mediationAttempted) {
        throw new AppError('BAD_INPUT', 'A case that ended in mediation must have had mediation attempted', {
          issues: [{ path: 'mediationAttempted', message: 'must be true when the outcome is mediated' }],
        });
      }
      const features = featureVector(extractFactors(caseInput(ctx, c)));
      const now = ctx.now();
      const before = repo.getOutcome(db, caseId);
      db.transaction(() => {
        repo.putOutcome(db, {
          caseId,
          outcome,
          mediationAttempted,
          closedOn,
          note,
          cause: c.causeOfAction.trim(),
          features,
          priorVersion: PRIOR.version,
          at: now,
          by: ctx.actor(),
        });
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'mediation.outcome',
          entity: 'case',
          entityId: caseId,
          caseId,
          detail: {
            outcome,
            mediationAttempted,
            closedOn,
            note,
            ...(before ? { previous: { outcome: before.outcome, mediationAttempted: before.mediationAttempted } } : {}),
          },
        });
      })();
      const settings = readMediationSettings(ctx);
      if (settings.autoRefit) refit(ctx);
      ctx.events.emit('cases.changed', { caseId });
      return { outcome: repo.getOutcome(db, caseId)!, model: modelInUse(ctx).info };
    },

    'mediation.refit': () => {
      const refitted = refit(ctx);
      return { ...overview(ctx), refitted };
    },

    'mediation.model': () => overview(ctx),

    'mediation.settings.update': (patch) => {
      const next = { ...readMediationSettings(ctx), ...patch };
      writeSetting(db, SETTINGS_KEY, next);
      writeAudit(db, {
        at: ctx.now(),
        actor: ctx.actor(),
        action: 'mediation.settings',
        entity: 'settings',
        entityId: SETTINGS_KEY,
        caseId: null,
        detail: { ...patch },
      });
      return overview(ctx);
    },

    'mediation.narrative': ({ caseId }) => {
      mustCase(ctx, caseId);
      if (!modelAvailable(ctx)) {
        throw new AppError('UNAVAILABLE', 'No model is loaded: load one on the Models page to write the narrative');
      }
      const { opId } = ctx.ops.start(MEDIATION_OP_KINDS.narrative, (op) => runNarrative(ctx, op, assess(ctx, caseId)));
      return { opId };
    },

    'mediation.narrative.get': ({ caseId }) => {
      mustCase(ctx, caseId);
      return repo.getNarrative(db, caseId);
    },
  };
}
