/**
 * L2-regularised logistic regression by Newton's method, written by hand.
 *
 * Why not a dependency: the npm options are either unregularised, gradient-descent-only with
 * hand-tuned learning rates, or pull in a general matrix library many times the size of this
 * file; none lets the penalty pull towards a non-zero centre. We need exactly one thing — a
 * MAP fit with a Gaussian prior centred on the documented weights (prior.json) — for at most a
 * few thousand cases and ~30 features. Newton with a Cholesky solve converges in a handful of
 * iterations, is deterministic, and is short enough to audit.
 *
 * Centring the penalty on the prior (instead of zero) means: with few cases the fit stays close
 * to the documented weights; a factor never seen in the court's data keeps its prior weight;
 * with many cases the data dominates.
 */
import type { CalibrationBucket } from '../../../shared/contract/mediation';
import { sigmoid } from '../../../shared/rules/mediation';

export interface Sample {
  readonly x: Readonly<Record<string, number>>;
  /** 1 = ended in 调解 or 撤诉. */
  readonly y: 0 | 1;
  /** Stable key (case id) for deterministic cross-validation folds. */
  readonly key?: string;
}

export interface FitOptions {
  /** Feature ids, in order; anything else in a sample's x is ignored. */
  readonly features: readonly string[];
  /** Penalty strength on (w − centre)²/2 per feature. */
  readonly lambda: number;
  /** Where the penalty pulls: the prior weights (default: zero). */
  readonly centre?: { readonly intercept: number; readonly weights: Readonly<Record<string, number>> };
  /** The intercept is barely penalised: the base rate is the court's own business. */
  readonly interceptLambda?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

export interface FitResult {
  readonly intercept: number;
  readonly weights: Record<string, number>;
  readonly iterations: number;
  readonly converged: boolean;
  /** Penalised negative log-likelihood at the optimum. */
  readonly objective: number;
}

/** Solves A·x = b for symmetric positive-definite A (Cholesky); A is n×n row-major. */
export function solveSpd(a: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        // A tiny floor keeps rounding from failing an SPD matrix the penalty guarantees.
        l[i]![i] = Math.sqrt(Math.max(s, 1e-12));
      } else {
        l[i]![j] = s / l[j]![j]!;
      }
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

function rows(samples: readonly Sample[], features: readonly string[]): number[][] {
  return samples.map((s) => [1, ...features.map((f) => s.x[f] ?? 0)]);
}

function logLoss1(p: number, y: 0 | 1): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
}

export function fitLogistic(samples: readonly Sample[], o: FitOptions): FitResult {
  const feats = o.features;
  const d = feats.length + 1;
  const centre = [o.centre?.intercept ?? 0, ...feats.map((f) => o.centre?.weights[f] ?? 0)];
  const lam = [o.interceptLambda ?? Math.max(1e-4, o.lambda * 0.01), ...feats.map(() => o.lambda)];
  const a = rows(samples, feats);
  const ys = samples.map((s) => s.y);
  const objective = (theta: readonly number[]): number => {
    let f = 0;
    for (let i = 0; i < a.length; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += a[i]![j]! * theta[j]!;
      f += logLoss1(sigmoid(z), ys[i]!);
    }
    for (let j = 0; j < d; j++) f += 0.5 * lam[j]! * (theta[j]! - centre[j]!) ** 2;
    return f;
  };
  let theta = [...centre];
  let current = objective(theta);
  const maxIter = o.maxIterations ?? 50;
  const tol = o.tolerance ?? 1e-8;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    const g = theta.map((t, j) => lam[j]! * (t - centre[j]!));
    const h: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lam[i]! : 0)));
    for (let i = 0; i < a.length; i++) {
      const row = a[i]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += row[j]! * theta[j]!;
      const p = sigmoid(z);
      const r = p - ys[i]!;
      const w = p * (1 - p);
      for (let j = 0; j < d; j++) {
        if (row[j] === 0) continue;
        g[j]! += r * row[j]!;
        for (let k = 0; k <= j; k++) h[j]![k]! += w * row[j]! * row[k]!;
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) h[k]![j] = h[j]![k]!;
    const step = solveSpd(h, g);
    // Backtracking: a full Newton step can overshoot on separable data; halve until it helps.
    let t = 1;
    let next = theta.map((v, j) => v - t * step[j]!);
    let value = objective(next);
    while (value > current && t > 1e-6) {
      t /= 2;
      next = theta.map((v, j) => v - t * step[j]!);
      value = objective(next);
    }
    const moved = Math.max(...step.map((s) => Math.abs(s * t)));
    theta = next;
    const improved = current - value;
    current = value;
    if (moved < tol || improved < tol * 1e-2) {
      converged = true;
      break;
    }
  }
  return {
    intercept: theta[0]!,
    weights: Object.fromEntries(feats.map((f, j) => [f, theta[j + 1]!])),
    iterations,
    converged,
    objective: current,
  };
}

export function predict(x: Readonly<Record<string, number>>, m: { intercept: number; weights: Readonly<Record<string, number>> }): number {
  let z = m.intercept;
  for (const [k, v] of Object.entries(x)) z += (m.weights[k] ?? 0) * v;
  return sigmoid(z);
}

/** Predicted-vs-observed in equal-width probability buckets (default five: 0–20%, …, 80–100%). */
export function calibrationBuckets(pairs: ReadonlyArray<{ p: number; y: 0 | 1 }>, buckets = 5): CalibrationBucket[] {
  const out = Array.from({ length: buckets }, (_, i) => ({ from: i / buckets, to: (i + 1) / buckets, n: 0, sp: 0, sy: 0 }));
  for (const { p, y } of pairs) {
    const b = out[Math.min(buckets - 1, Math.max(0, Math.floor(p * buckets)))]!;
    b.n++;
    b.sp += p;
    b.sy += y;
  }
  const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
  return out.map((b) => ({
    from: r4(b.from),
    to: r4(b.to),
    count: b.n,
    predicted: b.n ? r4(b.sp / b.n) : null,
    observed: b.n ? r4(b.sy / b.n) : null,
  }));
}

export function brierScore(pairs: ReadonlyArray<{ p: number; y: 0 | 1 }>): number | null {
  if (pairs.length === 0) return null;
  return pairs.reduce((s, { p, y }) => s + (p - y) ** 2, 0) / pairs.length;
}

export function meanLogLoss(pairs: ReadonlyArray<{ p: number; y: 0 | 1 }>): number | null {
  if (pairs.length === 0) return null;
  return pairs.reduce((s, { p, y }) => s + logLoss1(p, y), 0) / pairs.length;
}

/** FNV-1a: a stable fold assignment from the case id, independent of insertion order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Out-of-fold predictions: each case is predicted by a model that did not see it, so the
 * calibration shown to the judge is not flattered by fitting and scoring the same cases.
 */
export function crossValidatedPredictions(samples: readonly Sample[], o: FitOptions, folds = 5): Array<{ p: number; y: 0 | 1 }> {
  const k = Math.max(2, Math.min(folds, samples.length));
  const fold = samples.map((s, i) => (s.key !== undefined ? hash(s.key) : i) % k);
  const out: Array<{ p: number; y: 0 | 1 }> = new Array<{ p: number; y: 0 | 1 }>(samples.length);
  for (let f = 0; f < k; f++) {
    const train = samples.filter((_, i) => fold[i] !== f);
    if (train.length === 0) continue;
    const m = fitLogistic(train, o);
    samples.forEach((s, i) => {
      if (fold[i] === f) out[i] = { p: predict(s.x, m), y: s.y };
    });
  }
  return out.filter((v): v is { p: number; y: 0 | 1 } => v !== undefined);
}
