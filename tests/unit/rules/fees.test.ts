import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEE_SETTINGS,
  FEE_KINDS,
  FEE_RANGES,
  FeeSettingsSchema,
  PROPERTY_TIERS,
  computeFee,
  type FeeInput,
  type FeeSettings,
} from '../../../shared/rules/fees';
import { RuleInputError } from '../../../shared/rules/errors';
import { parseYuan } from '../../../shared/rules/money';

const Y = parseYuan;
const fee = (input: FeeInput, settings?: FeeSettings) => computeFee(input, settings);

describe('art. 13(1) property schedule — brief §2.6 worked examples', () => {
  it('Example 1: 50,000 → 1,050; simplified 525', () => {
    const r = fee({ kind: 'property', amount: Y('50000') });
    expect(r.fee).toBe('1050.00');
    expect(r.fullFee).toBe('1050.00');
    expect(r.halved).toBe(false);
    expect(r.steps).toEqual([
      { tier: '≤ 10,000.00', base: '10,000.00', rate: 'flat', amount: '50.00' },
      { tier: '10,000.00–100,000.00', base: '40,000.00', rate: '2.5%', amount: '1000.00' },
    ]);
    expect(r.article).toBe('诉讼费用交纳办法 art. 13(1)');
    const s = fee({ kind: 'property', amount: Y('50000'), procedure: 'simplified' });
    expect(s.fee).toBe('525.00');
    expect(s.fullFee).toBe('1050.00');
    expect(s.halvingReasons).toEqual(['simplified']);
    expect(s.article).toContain('art. 16');
  });

  it('Example 2: 1,234,567 → 15,911.10; halved 7,955.55', () => {
    const r = fee({ kind: 'property', amount: Y('1234567') });
    expect(r.exactFee).toBe('15911.103');
    expect(r.fee).toBe('15911.10');
    expect(r.steps.at(-1)).toEqual({ tier: '1,000,000.00–2,000,000.00', base: '234,567.00', rate: '0.9%', amount: '2111.103' });
    const h = fee({ kind: 'property', amount: Y('1234567'), procedure: 'simplified' });
    expect(h.exactFee).toBe('7955.5515');
    expect(h.fee).toBe('7955.55');
    expect(h.fullFee).toBe('15911.10');
  });

  it('Example 3: 300,000 mediated → 2,900; also simplified → still 2,900 (CPL-Interp art. 206)', () => {
    expect(fee({ kind: 'property', amount: Y('300000') }).fee).toBe('5800.00');
    const m = fee({ kind: 'property', amount: Y('300000'), closing: 'mediation' });
    expect(m.fee).toBe('2900.00');
    expect(m.article).toContain('art. 15');
    const both = fee({ kind: 'property', amount: Y('300000'), closing: 'mediation', procedure: 'simplified' });
    expect(both.fee).toBe('2900.00');
    expect(both.halvingReasons).toEqual(['simplified', 'mediation']);
    expect(both.article).toContain('CPL-Interp art. 206');
  });

  it('Example 4: 25,000,000 → 166,800', () => {
    const r = fee({ kind: 'property', amount: Y('25000000') });
    expect(r.fee).toBe('166800.00');
    expect(r.steps.map((s) => s.amount)).toEqual([
      '50.00',
      '2250.00',
      '2000.00',
      '4500.00',
      '5000.00',
      '9000.00',
      '24000.00',
      '35000.00',
      '60000.00',
      '25000.00',
    ]);
  });

  it.each([
    ['3091.93', '50.00', '25.00'],
    ['10000.00', '50.00', '25.00'],
    ['10000.01', '50.00', '25.00'],
    ['100000', '2300.00', '1150.00'],
    ['550000', '9300.00', '4650.00'],
    ['842914', '12229.14', '6114.57'],
  ])('Example 5 boundary: %s → %s (halved %s)', (amount, full, half) => {
    expect(fee({ kind: 'property', amount: Y(amount) }).fee).toBe(full);
    expect(fee({ kind: 'property', amount: Y(amount), procedure: 'simplified' }).fee).toBe(half);
  });

  it('10,000.01 has the exact value 50.00025', () => {
    expect(fee({ kind: 'property', amount: Y('10000.01') }).exactFee).toBe('50.00025');
  });

  it('matches the cumulative fee at the top of every tier (art. 13(1) table)', () => {
    const tops: Array<[string, string]> = [
      ['10000', '50.00'],
      ['100000', '2300.00'],
      ['200000', '4300.00'],
      ['500000', '8800.00'],
      ['1000000', '13800.00'],
      ['2000000', '22800.00'],
      ['5000000', '46800.00'],
      ['10000000', '81800.00'],
      ['20000000', '141800.00'],
    ];
    for (const [a, f] of tops) expect(fee({ kind: 'property', amount: Y(a) }).fee).toBe(f);
    expect(PROPERTY_TIERS).toHaveLength(9);
  });

  it('a zero claim gives no fee; a property case needs an amount', () => {
    expect(fee({ kind: 'property', amount: 0 }).fee).toBe('0.00');
    expect(() => fee({ kind: 'property' })).toThrow(RuleInputError);
  });

  it('rejects negative, fractional and absurd amounts', () => {
    expect(() => fee({ kind: 'property', amount: -1 })).toThrow(RuleInputError);
    expect(() => fee({ kind: 'property', amount: 1.5 })).toThrow(RuleInputError);
    expect(() => fee({ kind: 'property', amount: 1e16 })).toThrow(RuleInputError);
    expect(() => fee({ kind: 'nope' } as unknown as FeeInput)).toThrow(RuleInputError);
  });

  it('withdrawal halves (art. 15); counterclaim halves (art. 18)', () => {
    expect(fee({ kind: 'property', amount: Y('50000'), closing: 'withdrawal' }).fee).toBe('525.00');
    const c = fee({ kind: 'property', amount: Y('50000'), joinedCounterclaim: true });
    expect(c.fee).toBe('525.00');
    expect(c.article).toContain('art. 18');
  });

  it('small claims: halved by default, configurable', () => {
    expect(fee({ kind: 'property', amount: Y('50000'), procedure: 'small-claims' }).fee).toBe('525.00');
    const off = { ...DEFAULT_FEE_SETTINGS, smallClaimsHalved: false };
    expect(fee({ kind: 'property', amount: Y('50000'), procedure: 'small-claims' }, off).fee).toBe('1050.00');
  });
});

describe('rounding policy', () => {
  const yuan = (mode: 'half-up' | 'down' | 'up', stage: 'final' | 'before-halving' = 'final'): FeeSettings => ({
    ...DEFAULT_FEE_SETTINGS,
    rounding: { unit: 'yuan', mode, stage },
  });
  it('rounds to whole yuan on request', () => {
    expect(fee({ kind: 'property', amount: Y('842914') }, yuan('half-up')).fee).toBe('12229.00');
    expect(fee({ kind: 'property', amount: Y('842914') }, yuan('up')).fee).toBe('12230.00');
    expect(fee({ kind: 'property', amount: Y('1234567') }, yuan('down')).fee).toBe('15911.00');
  });
  it('stage: halve exact vs halve the rounded full fee', () => {
    // Full exact 12,229.14 → whole yuan 12,229; halved exact 6,114.57 → 6,115; halving 12,229 → 6,114.5 → 6,115.
    expect(fee({ kind: 'property', amount: Y('842914'), procedure: 'simplified' }, yuan('half-up')).fee).toBe('6115.00');
    // 10,020 → exact 50.50 → full rounds to 51; final: 25.25 → 25; before-halving: 51/2 = 25.5 → 26.
    expect(fee({ kind: 'property', amount: Y('10020'), procedure: 'simplified' }, yuan('half-up')).fee).toBe('25.00');
    expect(fee({ kind: 'property', amount: Y('10020'), procedure: 'simplified' }, yuan('half-up', 'before-halving')).fee).toBe('26.00');
  });
  it('reports rounding in the notes', () => {
    expect(fee({ kind: 'property', amount: Y('1234567') }).notes.map((n) => n.en).join()).toMatch(/Rounded half-up to the fen/);
  });
});

describe('art. 13(2)–(6) non-property and other acceptance fees', () => {
  it('Example 6: divorce with 500,000 property = B + 1,500', () => {
    const r = fee({ kind: 'divorce', amount: Y('500000') });
    expect(r.fee).toBe('1550.00'); // B defaults to 50
    const b300 = { ...DEFAULT_FEE_SETTINGS, divorceBase: Y('300') };
    expect(fee({ kind: 'divorce', amount: Y('500000') }, b300).fee).toBe('1800.00');
    expect(fee({ kind: 'divorce', amount: Y('500000'), closing: 'mediation' }, b300).fee).toBe('900.00');
    expect(fee({ kind: 'divorce', amount: Y('200000') }, b300).fee).toBe('300.00');
    expect(fee({ kind: 'divorce' }, b300).fee).toBe('300.00');
  });

  it('Example 8: personality rights with 150,000 damages = P + 750', () => {
    expect(fee({ kind: 'personality', amount: Y('150000') }).fee).toBe('850.00');
    const p500 = { ...DEFAULT_FEE_SETTINGS, personalityBase: Y('500') };
    expect(fee({ kind: 'personality', amount: Y('150000') }, p500).fee).toBe('1250.00');
    expect(fee({ kind: 'personality', amount: Y('50000') }, p500).fee).toBe('500.00');
    expect(fee({ kind: 'personality', amount: Y('80000') }, p500).fee).toBe('800.00');
    expect(fee({ kind: 'personality' }, p500).fee).toBe('500.00');
  });

  it('other non-property, IP, labour, administrative, jurisdiction objection', () => {
    expect(fee({ kind: 'other-non-property' }).fee).toBe('50.00');
    expect(fee({ kind: 'other-non-property' }, { ...DEFAULT_FEE_SETTINGS, otherNonPropertyBase: Y('100') }).fee).toBe('100.00');
    expect(fee({ kind: 'ip' }).fee).toBe('500.00');
    expect(fee({ kind: 'ip', amount: Y('50000') }).fee).toBe('1050.00');
    expect(fee({ kind: 'labour' }).fee).toBe('10.00');
    expect(fee({ kind: 'administrative' }).fee).toBe('50.00');
    expect(fee({ kind: 'administrative', administrativeCategory: 'trademark-patent-maritime' }).fee).toBe('100.00');
    const j = fee({ kind: 'jurisdiction-objection', procedure: 'simplified' });
    expect(j.fee).toBe('50.00');
    expect(j.halved).toBe(false);
    expect(fee({ kind: 'special-procedure' }).fee).toBe('0.00');
    expect(fee({ kind: 'special-procedure' }).article).toContain('art. 8(1)');
  });

  it('Example 7: labour dispute 10, simplified 5', () => {
    expect(fee({ kind: 'labour', procedure: 'simplified' }).fee).toBe('5.00');
    expect(fee({ kind: 'labour' }).notes.map((n) => n.en).join()).toMatch(/unpaid wages/);
  });
});

describe('art. 14 application fees — brief Example 7', () => {
  it('enforcement of 1,000,000 → 12,400; 12,000,000 → 79,400', () => {
    expect(fee({ kind: 'enforcement', amount: Y('1000000') }).fee).toBe('12400.00');
    expect(fee({ kind: 'enforcement', amount: Y('12000000') }).fee).toBe('79400.00');
    expect(fee({ kind: 'enforcement', amount: Y('8000') }).fee).toBe('50.00');
    expect(fee({ kind: 'enforcement' }).fee).toBe('50.00');
    expect(fee({ kind: 'enforcement' }, { ...DEFAULT_FEE_SETTINGS, enforcementNoAmountFee: Y('500') }).fee).toBe('500.00');
  });

  it('preservation of 2,000,000 → capped 5,000; of 50,000 → 520; no amount → 30', () => {
    const r = fee({ kind: 'preservation', amount: Y('2000000') });
    expect(r.exactFee).toBe('5000.00');
    expect(r.fee).toBe('5000.00');
    expect(r.steps.map((s) => s.amount)).toEqual(['30.00', '990.00', '9500.00', '5000.00']);
    expect(fee({ kind: 'preservation', amount: Y('50000') }).fee).toBe('520.00');
    expect(fee({ kind: 'preservation' }).fee).toBe('30.00');
    expect(fee({ kind: 'preservation', amount: Y('1000') }).fee).toBe('30.00');
  });

  it('payment order on 60,000 → 433.33', () => {
    const r = fee({ kind: 'payment-order', amount: Y('60000') });
    expect(r.fee).toBe('433.33');
    expect(r.exactFee).toBe('433.33333333…');
    expect(r.article).toContain('art. 14(3)');
  });

  it('public summons 100; arbitration review 400; bankruptcy half, max 300,000', () => {
    expect(fee({ kind: 'public-summons' }).fee).toBe('100.00');
    expect(fee({ kind: 'arbitration-review' }).fee).toBe('400.00');
    expect(fee({ kind: 'bankruptcy', amount: Y('1000000') }).fee).toBe('6900.00');
    expect(fee({ kind: 'bankruptcy', amount: Y('1000000000') }).fee).toBe('300000.00');
  });

  it('application fees are never halved', () => {
    const r = fee({ kind: 'preservation', amount: Y('50000'), procedure: 'simplified', closing: 'mediation' });
    expect(r.fee).toBe('520.00');
    expect(r.halved).toBe(false);
    expect(r.notes.map((n) => n.en).join()).toMatch(/acceptance fees only/);
  });
});

describe('settings validation', () => {
  it('defaults are valid and inside the statutory ranges', () => {
    expect(FeeSettingsSchema.safeParse(DEFAULT_FEE_SETTINGS).success).toBe(true);
    for (const [k, [lo, hi]] of Object.entries(FEE_RANGES)) {
      const v = DEFAULT_FEE_SETTINGS[k as keyof typeof FEE_RANGES];
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
  });
  it('rejects values outside the statutory ranges', () => {
    expect(() => fee({ kind: 'divorce' }, { ...DEFAULT_FEE_SETTINGS, divorceBase: Y('301') })).toThrow(RuleInputError);
    expect(() => fee({ kind: 'ip' }, { ...DEFAULT_FEE_SETTINGS, ipNoAmountBase: Y('499.99') })).toThrow(/ipNoAmountBase/);
  });
});

describe('properties', () => {
  const amountArb = fc.integer({ min: 0, max: 100_000_000_000 }); // up to 1 billion yuan
  const monotoneKinds = ['property', 'divorce', 'personality', 'ip', 'enforcement', 'preservation', 'payment-order', 'bankruptcy'] as const;

  it('fees are monotone non-decreasing in the amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...monotoneKinds), amountArb, amountArb, fc.constantFrom('ordinary', 'simplified'), (kind, a, b, procedure) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(fee({ kind, amount: lo, procedure }).feeFen).toBeLessThanOrEqual(fee({ kind, amount: hi, procedure }).feeFen);
      }),
      { numRuns: 2000 },
    );
  });

  it('the property fee never exceeds 2.5% + 50 and never drops below 0.5% of the claim', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 100_000_000_000 }), (a) => {
        const f = fee({ kind: 'property', amount: a }).feeFen;
        expect(f).toBeLessThanOrEqual(5_000 + Math.ceil(a * 0.025));
        expect(f).toBeGreaterThanOrEqual(Math.floor(a * 0.005));
      }),
    );
  });

  it('halving happens at most once, whatever the combination of grounds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('property', 'divorce', 'personality', 'other-non-property', 'ip', 'labour', 'administrative'),
        amountArb,
        fc.constantFrom('ordinary', 'simplified', 'small-claims'),
        fc.constantFrom('judgment', 'mediation', 'withdrawal'),
        fc.boolean(),
        (kind, amount, procedure, closing, joinedCounterclaim) => {
          const full = fee({ kind, amount });
          const r = fee({ kind, amount, procedure, closing, joinedCounterclaim });
          const anyGround = procedure !== 'ordinary' || closing !== 'judgment' || joinedCounterclaim;
          expect(r.fullFeeFen).toBe(full.fullFeeFen);
          expect(r.halved).toBe(anyGround);
          // Exact half of the full fee, rounded half-up to the fen: never a quarter.
          const expected = anyGround ? fee({ kind, amount, procedure: 'simplified' }).feeFen : full.feeFen;
          expect(r.feeFen).toBe(expected);
          if (anyGround) {
            expect(Math.abs(2 * r.feeFen - full.fullFeeFen)).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every kind computes with and without an amount where allowed', () => {
    for (const kind of FEE_KINDS) {
      const needs = kind === 'property' || kind === 'payment-order' || kind === 'bankruptcy';
      if (needs) expect(() => fee({ kind })).toThrow(RuleInputError);
      else expect(fee({ kind }).feeFen).toBeGreaterThanOrEqual(0);
      expect(fee({ kind, amount: Y('123456.78') }).article).toMatch(/诉讼费用交纳办法 art\. \d+/);
    }
  });
});
