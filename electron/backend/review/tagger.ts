/**
 * A small multi-label sentence tagger for legal elements: hashed character 1–3-grams (digits
 * folded, so amounts and dates generalise) and one logistic regression per tag, trained by
 * stochastic gradient descent, with per-tag decision thresholds tuned on a held-out slice of
 * the training documents. No dependencies and no model download: it trains in seconds on a
 * CPU, which is what a court PC has. Measured against CAIL2019 要素识别 in bench/elements.ts.
 */

const DIM_BITS = 18;
const DIM = 1 << DIM_BITS;

export interface TaggedSentence {
  readonly text: string;
  readonly labels: readonly string[];
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed feature indices of a sentence (deduplicated). */
export function features(text: string): Int32Array {
  const s = text
    .replace(/\s+/g, '')
    .replace(/[0-9０-９]+(?:\.[0-9]+)?/g, '0')
    .replace(/[a-zA-Z]+/g, 'a');
  const set = new Set<number>();
  for (let i = 0; i < s.length; i++) {
    for (let n = 1; n <= 3 && i + n <= s.length; n++) set.add(fnv1a(`${n}${s.slice(i, i + n)}`) & (DIM - 1));
  }
  return Int32Array.from(set);
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly seed?: number;
}

interface Encoded {
  readonly f: Int32Array;
  readonly scale: number;
  readonly y: Uint8Array;
}

function encode(samples: readonly TaggedSentence[], tags: readonly string[]): Encoded[] {
  const index = new Map(tags.map((t, i) => [t, i]));
  return samples.map((s) => {
    const f = features(s.text);
    const y = new Uint8Array(tags.length);
    for (const l of s.labels) {
      const i = index.get(l);
      if (i !== undefined) y[i] = 1;
    }
    return { f, scale: 1 / Math.sqrt(Math.max(1, f.length)), y };
  });
}

/** Up to 0.99 so a rare tag the model over-predicts can be silenced (CAIL scores a silent absent tag 1). */
const THRESHOLD_GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];

export class ElementTagger {
  readonly tags: readonly string[];
  readonly #w: Float32Array[];
  readonly #b: Float64Array;
  thresholds: number[];

  private constructor(tags: readonly string[]) {
    this.tags = tags;
    this.#w = tags.map(() => new Float32Array(DIM));
    this.#b = new Float64Array(tags.length);
    this.thresholds = tags.map(() => 0.5);
  }

  static #fit(data: readonly Encoded[], tags: readonly string[], o: TrainOptions): ElementTagger {
    const m = new ElementTagger(tags);
    const epochs = o.epochs ?? 10;
    const lr0 = o.learningRate ?? 0.8;
    const rand = rng(o.seed ?? 7);
    const order = data.map((_, i) => i);
    // Adagrad per weight keeps rare n-grams learning while frequent ones settle.
    const g2 = tags.map(() => new Float32Array(DIM).fill(1e-6));
    const gb = new Float64Array(tags.length).fill(1e-6);
    for (let e = 0; e < epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const k of order) {
        const x = data[k]!;
        for (let t = 0; t < tags.length; t++) {
          const w = m.#w[t]!;
          let z = m.#b[t]!;
          for (let q = 0; q < x.f.length; q++) z += w[x.f[q]!]! * x.scale;
          const p = 1 / (1 + Math.exp(-z));
          const g = p - x.y[t]!;
          if (Math.abs(g) < 1e-4) continue;
          const acc = g2[t]!;
          const gv = g * x.scale;
          for (let q = 0; q < x.f.length; q++) {
            const f = x.f[q]!;
            acc[f]! += gv * gv;
            w[f]! -= (lr0 * gv) / Math.sqrt(acc[f]!);
          }
          gb[t]! += g * g;
          m.#b[t]! -= (lr0 * g) / Math.sqrt(gb[t]!);
        }
      }
    }
    return m;
  }

  /**
   * Trains on `samples`; when `tuneOn` is given (sentences not in `samples`), each tag's threshold
   * is the one that maximises that tag's F1 there.
   */
  static train(samples: readonly TaggedSentence[], tags: readonly string[], o: TrainOptions & { tuneOn?: readonly TaggedSentence[] } = {}): ElementTagger {
    const m = ElementTagger.#fit(encode(samples, tags), tags, o);
    if (o.tuneOn && o.tuneOn.length) m.thresholds = m.tuneThresholds(o.tuneOn);
    return m;
  }

  /** Per-tag probabilities. */
  scores(text: string): number[] {
    const f = features(text);
    const scale = 1 / Math.sqrt(Math.max(1, f.length));
    return this.tags.map((_, t) => {
      const w = this.#w[t]!;
      let z = this.#b[t]!;
      for (let q = 0; q < f.length; q++) z += w[f[q]!]! * scale;
      return 1 / (1 + Math.exp(-z));
    });
  }

  predict(text: string): string[] {
    const s = this.scores(text);
    return this.tags.filter((_, t) => s[t]! >= this.thresholds[t]!);
  }

  tuneThresholds(dev: readonly TaggedSentence[]): number[] {
    const scored = dev.map((d) => ({ s: this.scores(d.text), labels: new Set(d.labels) }));
    return this.tags.map((tag, t) => {
      let best = 0.5;
      let bestF = -1;
      for (const th of THRESHOLD_GRID) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const x of scored) {
          const p = x.s[t]! >= th;
          const g = x.labels.has(tag);
          if (p && g) tp++;
          else if (p) fp++;
          else if (g) fn++;
        }
        // CAIL counts a tag with no gold and no prediction as F1 = 1: abstaining is right there.
        const f = tp + fp + fn === 0 ? 1 : tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
        if (f > bestF + 1e-9) {
          bestF = f;
          best = th;
        }
      }
      return Math.round(best * 100) / 100;
    });
  }
}

// ---- CAIL2019 要素识别 scoring (judger.py) ---------------------------------------------------

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** judger.get_value: a tag with no TP, FP or FN scores 1 (nothing to find, nothing claimed). */
export function f1Of(c: Counts): number {
  if (c.tp === 0) return c.fp === 0 && c.fn === 0 ? 1 : 0;
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  return (2 * p * r) / (p + r);
}

/** Per-domain score = (micro-F1 + macro-F1) / 2 over every tag of the domain's tag list. */
export function cailScore(perTag: readonly Counts[]): { micro: number; macro: number; score: number } {
  const sum: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let macro = 0;
  for (const c of perTag) {
    macro += f1Of(c);
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.fn += c.fn;
    sum.tn += c.tn;
  }
  macro /= perTag.length;
  const micro = f1Of(sum);
  return { micro, macro, score: (micro + macro) / 2 };
}

export function count(tags: readonly string[], gold: readonly string[], predicted: readonly string[], into: Counts[]): void {
  const g = new Set(gold);
  const p = new Set(predicted);
  tags.forEach((t, i) => {
    const c = into[i]!;
    if (p.has(t)) {
      if (g.has(t)) c.tp++;
      else c.fp++;
    } else if (g.has(t)) c.fn++;
    else c.tn++;
  });
}
