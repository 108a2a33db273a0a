import { z } from 'zod';
import { EpochMs, Id, IsoDate, Text } from './common';

/**
 * Mediation difficulty (调解难度): an explainable, reference-only estimate of how likely a civil
 * case is to end by agreement, built from factors of the case (brief §6.4), and a model that
 * learns from the court's own closed cases.
 */

/**
 * How a case ended: 调解 (mediation statement or agreement-on-signature), 撤诉 (withdrawal, usually
 * a settlement out of court), 判决, 驳回 (claims or suit dismissed) or 其他 (transfer, termination…).
 * "Success" for the model is 调解 or 撤诉, as the courts' own 调撤率 counts it (brief §6.3).
 */
export const Outcome = z.enum(['mediated', 'withdrawn', 'judged', 'dismissed', 'other']);
export type Outcome = z.infer<typeof Outcome>;
export const SUCCESS_OUTCOMES: readonly Outcome[] = ['mediated', 'withdrawn'];

/** 易 / 中 / 难; thresholds are in resources/mediation/prior.json. */
export const MediationLevel = z.enum(['easy', 'medium', 'hard']);
export type MediationLevel = z.infer<typeof MediationLevel>;

export const Direction = z.enum(['easier', 'harder', 'neutral']);
export type Direction = z.infer<typeof Direction>;

/** What a factor rests on: a case field, or a span of the summary, a claim, a document or a party. */
export const FactorSource = z.object({
  kind: z.enum(['field', 'summary', 'claim', 'document', 'party', 'evidence']),
  /** Id of the claim / document / party, else null. */
  ref: z.string().nullable(),
  /** Where, for people: 案由, 案情摘要, a document title, a party's name… */
  label: z.string(),
  /** The matched text with a little context around it. */
  quote: z.string(),
  /** The cue inside `quote` (for highlighting), or null for a whole field. */
  highlight: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  /** Character offsets of the cue in the full source text (document / summary / claim), or null. */
  offset: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
});
export type FactorSource = z.infer<typeof FactorSource>;

export const Factor = z.object({
  /** Stable id, e.g. cause.family, absent, conflict (see prior.json). */
  id: z.string(),
  group: z.string(),
  zh: z.string(),
  en: z.string(),
  /** The value found, in words (e.g. "公告送达", "50,000.00元", "3 方当事人"). */
  value: z.string(),
  valueEn: z.string(),
  /** The numeric input of the model (1 for a present cue; a scaled amount; a count). */
  x: z.number(),
  direction: Direction,
  /** Log-odds per unit of x in the model in use (prior or fitted). */
  weight: z.number(),
  /** weight × x: this factor's push on the log-odds of successful mediation. */
  contribution: z.number(),
  /** Where the weight comes from (brief §6.4 row, article, study), in English and Chinese. */
  basis: z.string(),
  basisZh: z.string(),
  /** True when the prior weight is a judgment call rather than a published figure. */
  judgment: z.boolean(),
  sources: z.array(FactorSource),
});
export type Factor = z.infer<typeof Factor>;

export const OutcomeCount = z.object({ outcome: Outcome, count: z.number().int().min(0) });
export type OutcomeCount = z.infer<typeof OutcomeCount>;

export const CalibrationBucket = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int(),
  /** Mean predicted probability in the bucket (null when empty). */
  predicted: z.number().nullable(),
  /** Share that actually ended in 调解/撤诉 (null when empty). */
  observed: z.number().nullable(),
});
export type CalibrationBucket = z.infer<typeof CalibrationBucket>;

export const Calibration = z.object({
  /** prior: the prior weights scored on the recorded cases; cross-validated: out-of-fold predictions of the fit. */
  method: z.enum(['prior', 'cross-validated']),
  n: z.number().int(),
  buckets: z.array(CalibrationBucket),
  /** Mean squared error of the probability (lower is better); null without cases. */
  brier: z.number().nullable(),
  logLoss: z.number().nullable(),
  /** The prior scored on the same cases, for comparison. */
  priorBrier: z.number().nullable(),
});
export type Calibration = z.infer<typeof Calibration>;

export const ModelInfo = z.object({
  kind: z.enum(['prior', 'fitted']),
  /** Cases the fitted model learned from (0 for the prior). */
  trainedOn: z.number().int(),
  positives: z.number().int(),
  fittedAt: EpochMs.nullable(),
  fittedBy: z.string().nullable(),
  /** Closed cases with a recorded outcome now (usable for learning). */
  labelledCases: z.number().int(),
  minCases: z.number().int(),
  lambda: z.number(),
  /** Why the prior is in use, or what the fit did; for people. */
  note: z.string(),
  priorVersion: z.number().int(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const MediationSettings = z.object({
  /** Refit only with at least this many closed cases with an outcome (default 30). */
  minCases: z.number().int().min(5).max(100_000),
  /** L2 strength pulling the fitted weights towards the documented prior. */
  lambda: z.number().min(0.01).max(1000),
  /** Refit automatically whenever an outcome is recorded (and the count allows). */
  autoRefit: z.boolean(),
});
export type MediationSettings = z.infer<typeof MediationSettings>;

export const WeightRow = z.object({
  id: z.string(),
  zh: z.string(),
  en: z.string(),
  prior: z.number(),
  /** Null while the prior is in use, or for a factor kept fixed (legal bars). */
  fitted: z.number().nullable(),
  judgment: z.boolean(),
  basis: z.string(),
  basisZh: z.string(),
  learnable: z.boolean(),
});

export const ModelOverview = z.object({
  info: ModelInfo,
  settings: MediationSettings,
  /** Intercept first, then every factor. */
  weights: z.array(WeightRow),
  calibration: Calibration,
  thresholds: z.object({ easy: z.number(), hard: z.number() }),
  outcomeCounts: z.array(OutcomeCount),
});
export type ModelOverview = z.infer<typeof ModelOverview>;

export const RecordedOutcome = z.object({
  caseId: Id,
  outcome: Outcome,
  mediationAttempted: z.boolean(),
  closedOn: IsoDate.nullable(),
  note: z.string(),
  recordedAt: EpochMs,
  recordedBy: z.string(),
});
export type RecordedOutcome = z.infer<typeof RecordedOutcome>;

export const Suggestion = z.object({
  id: z.string(),
  zh: z.string(),
  en: z.string(),
  /** Rule or practice it rests on, e.g. "CPL art. 98" / "民诉法第九十八条". */
  basis: z.string(),
  basisZh: z.string(),
  /** The factors that called for it. */
  forFactors: z.array(z.string()),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const PrecedentOutcomeExample = z.object({
  id: Id,
  title: z.string(),
  court: z.string(),
  caseNumber: z.string(),
  decidedOn: IsoDate.nullable(),
  outcome: Outcome,
});

export const SimilarOutcomes = z.object({
  cause: z.string(),
  /** This court's closed cases of the same cause with a recorded outcome. */
  own: z.object({ total: z.number().int(), counts: z.array(OutcomeCount) }),
  /** Similar precedents of the same cause in the imported corpus, by how they ended (document kind and operative part). */
  precedents: z.object({
    searched: z.boolean(),
    total: z.number().int(),
    counts: z.array(OutcomeCount),
    examples: z.array(PrecedentOutcomeExample),
    note: z.string(),
  }),
});
export type SimilarOutcomes = z.infer<typeof SimilarOutcomes>;

export const Assessment = z.object({
  caseId: Id,
  /** Probability that the case ends in 调解 or 撤诉, 0..1. */
  probability: z.number().min(0).max(1),
  level: MediationLevel,
  logit: z.number(),
  /** The intercept: an average civil case with none of the factors. */
  baseline: z.object({ weight: z.number(), probability: z.number() }),
  /** Mediation is not allowed (CPL-Interp art. 143), with the reason; else null. */
  barred: z.object({ zh: z.string(), en: z.string() }).nullable(),
  /** Factors present in this case, largest |contribution| first. */
  factors: z.array(Factor),
  modelInfo: ModelInfo,
  similarOutcomes: SimilarOutcomes,
  suggestions: z.array(Suggestion),
  outcome: RecordedOutcome.nullable(),
  /** The case is closed, so its outcome can be recorded. */
  canRecordOutcome: z.boolean(),
  /** A model is loaded (or will auto-load): the narrative can be asked for. */
  narrativeAvailable: z.boolean(),
  disclaimer: z.object({ zh: z.string(), en: z.string() }),
  assessedAt: EpochMs,
});
export type Assessment = z.infer<typeof Assessment>;

export const NarrativeSentence = z.object({
  text: z.string(),
  /** The fact it cites ([n] in the prompt) as a factor id, with the label and the cited quote. */
  citation: z
    .object({ factorId: z.string(), label: z.string(), quote: z.string() })
    .nullable(),
  /** The cited quote was found in the cited fact; false sentences are shown marked. */
  verified: z.boolean(),
});
export const Narrative = z.object({
  caseId: Id,
  sentences: z.array(NarrativeSentence),
  model: z.string(),
  prompt: z.string(),
  note: z.string(),
  createdAt: EpochMs,
});
export type Narrative = z.infer<typeof Narrative>;

export const SetOutcomeInput = z.object({
  caseId: Id,
  outcome: Outcome,
  mediationAttempted: z.boolean(),
  closedOn: IsoDate.nullable().default(null),
  note: Text(500).default(''),
});
export type SetOutcomeInput = z.input<typeof SetOutcomeInput>;

export const MEDIATION_OP_KINDS = { narrative: 'mediation.narrative' } as const;

export const mediationMethods = {
  /** The explainable assessment of one case (factors, probability, level, similar outcomes, suggestions). */
  'mediation.assess': { input: z.object({ caseId: Id }), output: Assessment },
  /** Records how a closed case ended (audited); refits the model when allowed. */
  'mediation.setOutcome': {
    input: SetOutcomeInput,
    output: z.object({ outcome: RecordedOutcome, model: ModelInfo }),
  },
  /** Fits the regularised logistic model on recorded outcomes when at least minCases exist. */
  'mediation.refit': { input: z.object({}), output: ModelOverview.extend({ refitted: z.boolean() }) },
  'mediation.model': { input: z.object({}), output: ModelOverview },
  'mediation.settings.update': { input: MediationSettings.partial(), output: ModelOverview },
  /** Starts the LLM narrative of 调解难点 (needs a model). Result (ops.done): Narrative. */
  'mediation.narrative': { input: z.object({ caseId: Id }), output: z.object({ opId: z.string() }) },
  /** The last narrative made for the case, or null. */
  'mediation.narrative.get': { input: z.object({ caseId: Id }), output: Narrative.nullable() },
} as const;

export const MEDIATION_METHOD_NAMES = [
  'mediation.assess',
  'mediation.setOutcome',
  'mediation.refit',
  'mediation.model',
  'mediation.settings.update',
  'mediation.narrative',
  'mediation.narrative.get',
] as const satisfies readonly (keyof typeof mediationMethods)[];
