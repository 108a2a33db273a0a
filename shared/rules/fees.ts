/**
 * Court fees under 诉讼费用交纳办法 (State Council Order No. 481, in force 2007-04-01):
 * acceptance fees (案件受理费, art. 13), application fees (申请费, art. 14), halving (arts. 15, 16,
 * 18; halved at most once: CPL-Interp art. 206). Exact rational arithmetic on fen (bigint), rounded
 * once per the configured policy. Amounts in and out of `computeFee` are integer fen; the result
 * also carries yuan decimal strings for the edges.
 */
import { z } from 'zod';
import { bi, RuleInputError, type BiText } from './errors';
import { fenToYuan, formatYuan, MAX_FEN, type Fen } from './money';

export const FEE_KINDS = [
  'property',
  'divorce',
  'personality',
  'other-non-property',
  'ip',
  'labour',
  'administrative',
  'jurisdiction-objection',
  'special-procedure',
  'enforcement',
  'preservation',
  'payment-order',
  'public-summons',
  'arbitration-review',
  'bankruptcy',
] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export const PROCEDURES = ['ordinary', 'simplified', 'small-claims'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const CLOSINGS = ['judgment', 'mediation', 'withdrawal'] as const;
export type Closing = (typeof CLOSINGS)[number];

export type HalvingReason = 'simplified' | 'small-claims' | 'mediation' | 'withdrawal' | 'counterclaim';

export interface FeeInput {
  readonly kind: FeeKind;
  /**
   * Fen. property/ip/payment-order: the claimed amount or value; divorce: total property to be
   * divided; personality: damages claimed; enforcement: amount enforced; preservation: amount
   * preserved; bankruptcy: total bankruptcy property. Omit when there is no amount.
   */
  readonly amount?: Fen | null;
  readonly procedure?: Procedure;
  readonly closing?: Closing;
  /** Counterclaim or independent third-party claim joined for trial (art. 18): each pays half. */
  readonly joinedCounterclaim?: boolean;
  /** Administrative cases (art. 13(5)): trademark, patent and maritime cases pay 100, others 50. */
  readonly administrativeCategory?: 'trademark-patent-maritime' | 'other';
}

export type RoundingUnit = 'fen' | 'yuan';
export type RoundingMode = 'half-up' | 'down' | 'up';

export interface FeeSettings {
  /** Province-set per-case amounts inside the statutory ranges (art. 13 last paragraph; art. 14(1)). */
  readonly divorceBase: Fen;
  readonly personalityBase: Fen;
  readonly otherNonPropertyBase: Fen;
  readonly ipNoAmountBase: Fen;
  readonly jurisdictionObjectionFee: Fen;
  readonly enforcementNoAmountFee: Fen;
  /** Whether small-claims cases are halved as a kind of simplified procedure (brief §2.4 [U]). */
  readonly smallClaimsHalved: boolean;
  readonly rounding: {
    /** No rounding rule in the Measures (brief §2.4): default to the fen, per-court whole yuan. */
    readonly unit: RoundingUnit;
    readonly mode: RoundingMode;
    /** 'final': halve the exact fee and round once; 'before-halving': round the full fee, then halve and round. */
    readonly stage: 'final' | 'before-halving';
  };
}

/** Statutory ranges in fen for the province-set items. */
export const FEE_RANGES: Readonly<Record<
  'divorceBase' | 'personalityBase' | 'otherNonPropertyBase' | 'ipNoAmountBase' | 'jurisdictionObjectionFee' | 'enforcementNoAmountFee',
  readonly [Fen, Fen]
>> = {
  divorceBase: [5_000, 30_000], // art. 13(2)1: 50–300
  personalityBase: [10_000, 50_000], // art. 13(2)2: 100–500
  otherNonPropertyBase: [5_000, 10_000], // art. 13(2)3: 50–100
  ipNoAmountBase: [50_000, 100_000], // art. 13(3): 500–1,000
  jurisdictionObjectionFee: [5_000, 10_000], // art. 13(6): 50–100
  enforcementNoAmountFee: [5_000, 50_000], // art. 14(1): 50–500
};

/**
 * Defaults. The brief gives only the statutory ranges, not a province's figures, so each
 * range-valued item defaults to the bottom of its range [U] until a court configures it.
 */
export const DEFAULT_FEE_SETTINGS: FeeSettings = {
  divorceBase: FEE_RANGES.divorceBase[0],
  personalityBase: FEE_RANGES.personalityBase[0],
  otherNonPropertyBase: FEE_RANGES.otherNonPropertyBase[0],
  ipNoAmountBase: FEE_RANGES.ipNoAmountBase[0],
  jurisdictionObjectionFee: FEE_RANGES.jurisdictionObjectionFee[0],
  enforcementNoAmountFee: FEE_RANGES.enforcementNoAmountFee[0],
  smallClaimsHalved: true,
  rounding: { unit: 'fen', mode: 'half-up', stage: 'final' },
};

const fenField = z.number().int().min(0).max(MAX_FEN);
export const FeeSettingsSchema = z
  .object({
    divorceBase: fenField,
    personalityBase: fenField,
    otherNonPropertyBase: fenField,
    ipNoAmountBase: fenField,
    jurisdictionObjectionFee: fenField,
    enforcementNoAmountFee: fenField,
    smallClaimsHalved: z.boolean(),
    rounding: z.object({
      unit: z.enum(['fen', 'yuan']),
      mode: z.enum(['half-up', 'down', 'up']),
      stage: z.enum(['final', 'before-halving']),
    }),
  })
  .superRefine((s, ctx) => {
    for (const [key, [lo, hi]] of Object.entries(FEE_RANGES)) {
      const v = s[key as keyof typeof FEE_RANGES];
      if (v < lo || v > hi) {
        ctx.addIssue({ code: 'custom', path: [key], message: `must be within ${fenToYuan(lo)}–${fenToYuan(hi)} yuan` });
      }
    }
  });

export const FeeInputSchema = z.object({
  kind: z.enum(FEE_KINDS),
  amount: fenField.nullable().optional(),
  procedure: z.enum(PROCEDURES).optional(),
  closing: z.enum(CLOSINGS).optional(),
  joinedCounterclaim: z.boolean().optional(),
  administrativeCategory: z.enum(['trademark-patent-maritime', 'other']).optional(),
});

export interface FeeStep {
  /** Human-readable tier or operation, e.g. "10,000–100,000" or "halved (art. 16)". */
  readonly tier: string;
  /** The part of the amount inside the tier, or the value operated on, in yuan (2 decimals). */
  readonly base: string;
  /** "2.5%", "flat", "1/2", "1/3", "cap". */
  readonly rate: string;
  /** Exact amount in yuan (not rounded; "…" marks a non-terminating decimal). */
  readonly amount: string;
}

export interface FeeResult {
  readonly kind: FeeKind;
  /** Payable fee after halving and rounding, yuan with 2 decimals. */
  readonly fee: string;
  /** Fee before halving, rounded. */
  readonly fullFee: string;
  readonly feeFen: Fen;
  readonly fullFeeFen: Fen;
  /** Unrounded payable fee (exact decimal, yuan). */
  readonly exactFee: string;
  readonly halved: boolean;
  readonly halvingReasons: readonly HalvingReason[];
  readonly steps: readonly FeeStep[];
  /** Citation, e.g. "诉讼费用交纳办法 art. 13(1); art. 16". */
  readonly article: string;
  readonly notes: readonly BiText[];
}

// ---------------------------------------------------------------------------------------------
// Exact rationals on fen
// ---------------------------------------------------------------------------------------------

interface Q {
  readonly n: bigint;
  readonly d: bigint;
}
const q = (n: bigint, d = 1n): Q => ({ n, d });
const qAdd = (a: Q, b: Q): Q => (a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const qMul = (a: Q, num: bigint, den: bigint): Q => ({ n: a.n * num, d: a.d * den });
const qCmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

function roundQ(v: Q, unit: RoundingUnit, mode: RoundingMode): Fen {
  const u = unit === 'yuan' ? 100n : 1n;
  const den = v.d * u;
  let quot = v.n / den;
  const rem = v.n % den;
  if (rem !== 0n) {
    if (mode === 'up' || (mode === 'half-up' && 2n * rem >= den)) quot += 1n;
  }
  return Number(quot * u);
}

/** Exact decimal yuan string for a fen rational: 2111.103, 433.3333…; at least 2 decimals. */
function qToYuan(v: Q): string {
  const den = v.d * 100n;
  const intPart = v.n / den;
  let rem = v.n % den;
  let digits = '';
  for (let i = 0; i < 8 && rem !== 0n; i++) {
    rem *= 10n;
    digits += String(rem / den);
    rem %= den;
  }
  const trimmed = digits.padEnd(2, '0');
  return `${intPart}.${trimmed}${rem !== 0n ? '…' : ''}`;
}

const y = (fen: bigint | number): string => formatYuan(Number(fen));

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

/** A tier (lo, hi] in fen with a rate in basis points (1/10,000). */
interface Tier {
  readonly lo: bigint;
  readonly hi: bigint | null;
  readonly bp: bigint;
}

const W = 1_000_000n; // 10,000 yuan in fen
/** 诉讼费用交纳办法 art. 13(1): property cases, cumulative by tier over a flat 50 for ≤ 10,000. */
export const PROPERTY_TIERS: readonly Tier[] = [
  { lo: 1n * W, hi: 10n * W, bp: 250n },
  { lo: 10n * W, hi: 20n * W, bp: 200n },
  { lo: 20n * W, hi: 50n * W, bp: 150n },
  { lo: 50n * W, hi: 100n * W, bp: 100n },
  { lo: 100n * W, hi: 200n * W, bp: 90n },
  { lo: 200n * W, hi: 500n * W, bp: 80n },
  { lo: 500n * W, hi: 1000n * W, bp: 70n },
  { lo: 1000n * W, hi: 2000n * W, bp: 60n },
  { lo: 2000n * W, hi: null, bp: 50n },
];
/** art. 14(1): enforcement, over a flat 50 for ≤ 10,000. */
const ENFORCEMENT_TIERS: readonly Tier[] = [
  { lo: 1n * W, hi: 50n * W, bp: 150n },
  { lo: 50n * W, hi: 500n * W, bp: 100n },
  { lo: 500n * W, hi: 1000n * W, bp: 50n },
  { lo: 1000n * W, hi: null, bp: 10n },
];
/** art. 14(2): preservation, over a flat 30 for ≤ 1,000 (or no amount); capped at 5,000. */
const PRESERVATION_TIERS: readonly Tier[] = [
  { lo: 100_000n, hi: 10n * W, bp: 100n },
  { lo: 10n * W, hi: null, bp: 50n },
];
/** art. 13(2)1: divorce, 0.5% of property above 200,000. */
const DIVORCE_TIERS: readonly Tier[] = [{ lo: 20n * W, hi: null, bp: 50n }];
/** art. 13(2)2: personality rights, 1% of damages 50,000–100,000, 0.5% above 100,000. */
const PERSONALITY_TIERS: readonly Tier[] = [
  { lo: 5n * W, hi: 10n * W, bp: 100n },
  { lo: 10n * W, hi: null, bp: 50n },
];

function bpLabel(bp: bigint): string {
  const whole = bp / 100n;
  const frac = bp % 100n;
  return frac === 0n ? `${whole}%` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

function tierLabel(t: Tier): string {
  return t.hi === null ? `> ${y(t.lo)}` : `${y(t.lo)}–${y(t.hi)}`;
}

/** Flat amount for the first band plus cumulative tiers. */
function schedule(amount: bigint, flat: { fen: bigint; upTo: bigint; label: string } | null, tiers: readonly Tier[], steps: FeeStep[]): Q {
  let total = q(0n);
  if (flat !== null) {
    total = q(flat.fen);
    steps.push({ tier: flat.label, base: y(amount < flat.upTo ? amount : flat.upTo), rate: 'flat', amount: qToYuan(total) });
  }
  for (const t of tiers) {
    const top = t.hi === null || amount < t.hi ? amount : t.hi;
    const part = top - t.lo;
    if (part <= 0n) continue;
    const add = q(part * t.bp, 10_000n);
    total = qAdd(total, add);
    steps.push({ tier: tierLabel(t), base: y(part), rate: bpLabel(t.bp), amount: qToYuan(add) });
  }
  return total;
}

/** arts. 13(1) and 14(1) both open with a flat 50 for amounts up to 10,000. */
const FLAT_50_TO_10K = { fen: 5_000n, upTo: W, label: `≤ ${y(W)}` } as const;

function propertySchedule(amount: bigint, steps: FeeStep[]): Q {
  if (amount <= 0n) return q(0n);
  return schedule(amount, FLAT_50_TO_10K, PROPERTY_TIERS, steps);
}

/** A fixed fee (per case, per objection …), shown as one flat step. */
function flatFee(fen: bigint, tier: string, steps: FeeStep[]): Q {
  const fee = q(fen);
  steps.push({ tier, base: y(0), rate: 'flat', amount: qToYuan(fee) });
  return fee;
}

/** `1/den` of the property-case fee on `amount` (payment orders, bankruptcy). */
function shareOfPropertyFee(amount: bigint, den: bigint, tier: string, steps: FeeStep[]): Q {
  const base = propertySchedule(amount, steps);
  const share = qMul(base, 1n, den);
  steps.push({ tier, base: qToYuan(base), rate: `1/${den}`, amount: qToYuan(share) });
  return share;
}

/** The fee, or `capFen` where the fee is above it (the cap shown as a step). */
function capAt(fee: Q, capFen: bigint, steps: FeeStep[]): Q {
  const cap = q(capFen);
  if (qCmp(fee, cap) <= 0) return fee;
  steps.push({ tier: 'cap', base: qToYuan(fee), rate: 'cap', amount: qToYuan(cap) });
  return cap;
}

const ACCEPTANCE_KINDS: ReadonlySet<FeeKind> = new Set<FeeKind>([
  'property',
  'divorce',
  'personality',
  'other-non-property',
  'ip',
  'labour',
  'administrative',
]);

const M = '诉讼费用交纳办法';

function requireAmount(input: FeeInput): bigint {
  if (input.amount === undefined || input.amount === null) {
    throw new RuleInputError(`Fee kind "${input.kind}" needs an amount`, `该类费用（${input.kind}）需要金额`);
  }
  return BigInt(input.amount);
}

/**
 * Compute a court fee. Throws RuleInputError for invalid input or settings (amounts must be
 * whole fen between 0 and MAX_FEN; settings must lie inside the statutory ranges).
 */
export function computeFee(input: FeeInput, settings: FeeSettings = DEFAULT_FEE_SETTINGS): FeeResult {
  const parsedInput = FeeInputSchema.safeParse(input);
  if (!parsedInput.success) {
    const msg = parsedInput.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    throw new RuleInputError(`Invalid fee input: ${msg}`, `诉讼费计算参数无效：${msg}`);
  }
  const parsedSettings = FeeSettingsSchema.safeParse(settings);
  if (!parsedSettings.success) {
    const msg = parsedSettings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new RuleInputError(`Invalid fee settings: ${msg}`, `诉讼费设置无效：${msg}`);
  }
  const steps: FeeStep[] = [];
  const notes: BiText[] = [];
  const articles: string[] = [];
  const hasAmount = input.amount !== undefined && input.amount !== null;
  const amount = hasAmount ? BigInt(input.amount as number) : 0n;
  let full: Q;

  switch (input.kind) {
    case 'property': {
      // 诉讼费用交纳办法 art. 13(1)
      articles.push(`${M} art. 13(1)`);
      const a = requireAmount(input);
      full = propertySchedule(a, steps);
      if (a === 0n) notes.push(bi('诉讼标的额为0，未计收受理费', 'Claimed amount is 0: no fee computed'));
      break;
    }
    case 'divorce': {
      // 诉讼费用交纳办法 art. 13(2)1: 50–300 per case; property above 200,000 at 0.5%
      articles.push(`${M} art. 13(2)1`);
      full = flatFee(BigInt(settings.divorceBase), 'per case (50–300, provincial)', steps);
      full = qAdd(full, schedule(amount, null, DIVORCE_TIERS, steps));
      if (amount > 0n && amount <= 20n * W) notes.push(bi('财产总额不超过20万元，不另行交纳', 'Property ≤ 200,000: nothing extra'));
      break;
    }
    case 'personality': {
      // 诉讼费用交纳办法 art. 13(2)2: 100–500 per case; damages 50,000–100,000 at 1%, above at 0.5%
      articles.push(`${M} art. 13(2)2`);
      full = flatFee(BigInt(settings.personalityBase), 'per case (100–500, provincial)', steps);
      full = qAdd(full, schedule(amount, null, PERSONALITY_TIERS, steps));
      break;
    }
    case 'other-non-property': {
      // 诉讼费用交纳办法 art. 13(2)3: 50–100 per case
      articles.push(`${M} art. 13(2)3`);
      full = flatFee(BigInt(settings.otherNonPropertyBase), 'per case (50–100, provincial)', steps);
      break;
    }
    case 'ip': {
      // 诉讼费用交纳办法 art. 13(3): no disputed amount 500–1,000; otherwise the property schedule
      articles.push(`${M} art. 13(3)`);
      if (hasAmount) {
        full = propertySchedule(amount, steps);
        notes.push(bi('有争议金额，按财产案件标准交纳', 'Disputed amount: property schedule applies'));
      } else {
        full = flatFee(BigInt(settings.ipNoAmountBase), 'per case (500–1,000, provincial)', steps);
      }
      break;
    }
    case 'labour': {
      // 诉讼费用交纳办法 art. 13(4): 10 per case
      articles.push(`${M} art. 13(4)`);
      full = flatFee(1_000n, 'per case', steps);
      notes.push(
        bi('追索劳动报酬的案件可以不预交案件受理费（第20条）', 'Claims for unpaid wages need not prepay the fee (art. 20)'),
      );
      break;
    }
    case 'administrative': {
      // 诉讼费用交纳办法 art. 13(5): trademark, patent, maritime 100; others 50
      articles.push(`${M} art. 13(5)`);
      full = flatFee(input.administrativeCategory === 'trademark-patent-maritime' ? 10_000n : 5_000n, 'per case', steps);
      break;
    }
    case 'jurisdiction-objection': {
      // 诉讼费用交纳办法 art. 13(6): failed objection, 50–100 per case
      articles.push(`${M} art. 13(6)`);
      full = flatFee(BigInt(settings.jurisdictionObjectionFee), 'per objection (50–100, provincial)', steps);
      notes.push(bi('仅在管辖权异议不成立时交纳', 'Payable only when the objection fails'));
      break;
    }
    case 'special-procedure': {
      // 诉讼费用交纳办法 art. 8(1): no acceptance fee for special-procedure cases (incl. 司法确认)
      articles.push(`${M} art. 8(1)`);
      full = flatFee(0n, 'special procedure: no fee', steps);
      break;
    }
    case 'enforcement': {
      // 诉讼费用交纳办法 art. 14(1)
      articles.push(`${M} art. 14(1)`);
      if (hasAmount) {
        full = schedule(amount, FLAT_50_TO_10K, ENFORCEMENT_TIERS, steps);
      } else {
        full = flatFee(BigInt(settings.enforcementNoAmountFee), 'no amount (50–500, provincial)', steps);
      }
      notes.push(
        bi('申请执行费不预交，执行后由被执行人负担（第20条、第38条）', 'Not prepaid; paid after enforcement by the person enforced against (arts. 20, 38)'),
      );
      break;
    }
    case 'preservation': {
      // 诉讼费用交纳办法 art. 14(2): 30 up to 1,000 or no amount; 1% to 100,000; 0.5% above; cap 5,000
      articles.push(`${M} art. 14(2)`);
      const fee = schedule(amount, { fen: 3_000n, upTo: 100_000n, label: `≤ ${y(100_000)} or no amount` }, PRESERVATION_TIERS, steps);
      full = capAt(fee, 500_000n, steps);
      break;
    }
    case 'payment-order': {
      // 诉讼费用交纳办法 art. 14(3): 1/3 of the property-case fee
      articles.push(`${M} art. 14(3)`, `${M} art. 13(1)`);
      full = shareOfPropertyFee(requireAmount(input), 3n, '1/3 of the property-case fee', steps);
      break;
    }
    case 'public-summons': {
      // 诉讼费用交纳办法 art. 14(4): 100 per case
      articles.push(`${M} art. 14(4)`);
      full = flatFee(10_000n, 'per case', steps);
      break;
    }
    case 'arbitration-review': {
      // 诉讼费用交纳办法 art. 14(5): setting aside an award / validity of an arbitration agreement, 400
      articles.push(`${M} art. 14(5)`);
      full = flatFee(40_000n, 'per case', steps);
      break;
    }
    case 'bankruptcy': {
      // 诉讼费用交纳办法 art. 14(6): half the property schedule, at most 300,000
      articles.push(`${M} art. 14(6)`, `${M} art. 13(1)`);
      full = capAt(shareOfPropertyFee(requireAmount(input), 2n, 'half the property schedule', steps), 30_000_000n, steps);
      break;
    }
  }

  // Halving: arts. 15 (mediation, withdrawal), 16 (simplified), 18 (joined counterclaim);
  // at most once (CPL-Interp art. 206). Acceptance fees only; not the jurisdiction-objection fee.
  const reasons: HalvingReason[] = [];
  const procedure = input.procedure ?? 'ordinary';
  const closing = input.closing ?? 'judgment';
  if (procedure === 'simplified') reasons.push('simplified');
  if (procedure === 'small-claims' && settings.smallClaimsHalved) reasons.push('small-claims');
  if (closing === 'mediation') reasons.push('mediation');
  if (closing === 'withdrawal') reasons.push('withdrawal');
  if (input.joinedCounterclaim === true) reasons.push('counterclaim');
  const halvable = ACCEPTANCE_KINDS.has(input.kind);
  if (!halvable && reasons.length > 0) {
    notes.push(bi('减半交纳仅适用于案件受理费，本项费用不减半', 'Halving applies to acceptance fees only; this fee is not halved'));
  }
  const halved = halvable && reasons.length > 0;
  const { unit, mode, stage } = settings.rounding;
  const fullFeeFen = roundQ(full, unit, mode);
  let feeFen = fullFeeFen;
  let exact = full;
  if (halved) {
    const halfOf = stage === 'final' ? full : q(BigInt(fullFeeFen));
    exact = qMul(halfOf, 1n, 2n);
    feeFen = roundQ(exact, unit, mode);
    const cites = new Set<string>();
    for (const r of reasons) {
      if (r === 'simplified' || r === 'small-claims') cites.add(`${M} art. 16`);
      if (r === 'mediation' || r === 'withdrawal') cites.add(`${M} art. 15`);
      if (r === 'counterclaim') cites.add(`${M} art. 18`);
    }
    articles.push(...cites);
    if (reasons.length > 1) articles.push('CPL-Interp art. 206');
    steps.push({ tier: `halved (${reasons.join(', ')}; once only)`, base: qToYuan(halfOf), rate: '1/2', amount: qToYuan(exact) });
    if (reasons.includes('small-claims')) {
      notes.push(bi('小额诉讼按简易程序减半（推定，可在设置中关闭）', 'Small claims halved as simplified procedure (assumption; configurable)'));
    }
    if (reasons.length > 1) {
      notes.push(bi('多个减半事由，只减半一次（民诉法解释第206条）', 'Several halving grounds: halved once only (CPL-Interp art. 206)'));
    }
  }
  if (qCmp(exact, q(BigInt(feeFen))) !== 0) {
    notes.push(
      bi(
        `按${unit === 'fen' ? '分' : '元'}${mode === 'half-up' ? '四舍五入' : mode === 'down' ? '舍去' : '进位'}`,
        `Rounded ${mode} to the ${unit}`,
      ),
    );
  }
  return {
    kind: input.kind,
    fee: fenToYuan(feeFen),
    fullFee: fenToYuan(fullFeeFen),
    feeFen,
    fullFeeFen,
    exactFee: qToYuan(exact),
    halved,
    halvingReasons: halved ? reasons : [],
    steps,
    article: articles.join('; '),
    notes,
  };
}
