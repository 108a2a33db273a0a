import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FEN,
  fenToYuan,
  findAmounts,
  formatYuan,
  parseAmount,
  parseChineseCapital,
  parseYuan,
  toChineseCapital,
  tryParseAmount,
  tryParseYuan,
} from '../../../shared/rules/money';
import { RuleInputError } from '../../../shared/rules/errors';

describe('parseYuan / fenToYuan / formatYuan', () => {
  it.each([
    ['50000', 5_000_000],
    ['50000.00', 5_000_000],
    ['50,000.00', 5_000_000],
    ['0.5', 50],
    ['0.05', 5],
    ['1234567.89', 123_456_789],
    ['1,234,567.89', 123_456_789],
    ['０.５', 50],
    [' 10 ', 1000],
  ])('%s → %i fen', (s, fen) => {
    expect(parseYuan(s)).toBe(fen);
  });

  it.each(['', '-5', '1.234', '1e5', '12,34', 'abc', '5万', '1,2345.00', '.5', '5.', 'NaN', '1 000'])('rejects %s', (s) => {
    expect(() => parseYuan(s)).toThrow(RuleInputError);
    expect(tryParseYuan(s)).toBeNull();
  });

  it('rejects absurd amounts', () => {
    expect(() => parseYuan('100000000000000')).toThrow(/absurdly large/);
    expect(parseYuan('10000000000000')).toBe(MAX_FEN);
  });

  it('formats', () => {
    expect(fenToYuan(105_000)).toBe('1050.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-150)).toBe('-1.50');
    expect(formatYuan(5_000_000)).toBe('50,000.00');
    expect(formatYuan(123_456_789)).toBe('1,234,567.89');
    expect(formatYuan(99_999)).toBe('999.99');
    expect(formatYuan(-123_456_789)).toBe('-1,234,567.89');
    expect(() => fenToYuan(1.5)).toThrow(RuleInputError);
    expect(() => fenToYuan(MAX_FEN * 10)).toThrow(RuleInputError);
  });

  it('round-trips fen ↔ yuan string (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseYuan(fenToYuan(fen))).toBe(fen);
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Chinese capital amounts (大写)', () => {
  it.each([
    [5_000_000, '伍万元整'],
    [12_345, '壹佰贰拾叁元肆角伍分'],
    [100_405, '壹仟零肆元零伍分'],
    [100_050, '壹仟元伍角'],
    [5, '伍分'],
    [50, '伍角'],
    [0, '零元整'],
    [1000, '壹拾元整'],
    [10_500_000, '壹拾万伍仟元整'],
    [100_000_000, '壹佰万元整'],
    [1_000_000_100, '壹仟万零壹元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [12_000_000_000, '壹亿贰仟万元整'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [10_700_000, '壹拾万柒仟元整'],
    [1_300_000, '壹万叁仟元整'],
    [1_222_914, '壹万贰仟贰佰贰拾玖元壹角肆分'],
  ])('%i fen ↔ %s', (fen, zh) => {
    expect(toChineseCapital(fen)).toBe(zh);
    expect(parseChineseCapital(zh)).toBe(fen);
  });

  it('adds the 人民币 prefix on request', () => {
    expect(toChineseCapital(5_000_000, { prefix: true })).toBe('人民币伍万元整');
  });

  it.each([
    ['人民币伍万元整', 5_000_000],
    ['伍万圆正', 5_000_000],
    ['拾万元整', 10_000_000],
    ['壹仟陆佰捌拾元零叁角贰分', 168_032],
    ['零元伍角', 50],
    ['伍角整', 50],
    ['五万元', 5_000_000],
    ['一千二百三十四元五角六分', 123_456],
    ['人民币 伍万元整', 5_000_000],
  ])('parses variant %s', (s, fen) => {
    expect(parseChineseCapital(s)).toBe(fen);
  });

  it.each(['', '人民币', '元整', '伍万', 'abc元', '壹拾角', '伍角伍角'])('rejects %s', (s) => {
    expect(() => parseChineseCapital(s)).toThrow(RuleInputError);
  });

  it('rejects negative amounts', () => {
    expect(() => toChineseCapital(-1)).toThrow(RuleInputError);
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseChineseCapital(toChineseCapital(fen))).toBe(fen);
        expect(parseAmount(toChineseCapital(fen, { prefix: true }))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseAmount (text forms)', () => {
  it.each([
    ['5万元', 5_000_000],
    ['5万', 5_000_000],
    ['1.2亿元', 12_000_000_000],
    ['50000元', 5_000_000],
    ['人民币伍万元整', 5_000_000],
    ['¥50,000.00', 5_000_000],
    ['￥50,000.00元', 5_000_000],
    ['人民币50000元', 5_000_000],
    ['RMB 50,000', 5_000_000],
    ['3万5千元', 3_500_000],
    ['12.5万元', 12_500_000],
    ['1.23456万元', 1_234_560],
    ['50,000.00', 5_000_000],
    ['五十万元', 50_000_000],
    ['５万元', 5_000_000],
    ['3091.93元', 309_193],
    ['5千元', 500_000],
  ])('%s → %i fen', (s, fen) => {
    expect(parseAmount(s)).toBe(fen);
  });

  it.each(['', '五万', 'abc', '5万美元', '1.2345678万元', '-5元', '5万元整整', '999999999999亿元'])('rejects %s', (s) => {
    expect(() => parseAmount(s)).toThrow(RuleInputError);
    expect(tryParseAmount(s)).toBeNull();
  });
});

describe('findAmounts', () => {
  it('finds amounts of every form with spans', () => {
    const text =
      '1.判令被告偿还借款本金5万元及利息；2.判令被告支付违约金人民币伍仟元整；3.诉讼费￥1,050.00由被告承担。共计1.2亿元，另有3万5千元。';
    const found = findAmounts(text);
    expect(found.map((f) => f.fen)).toEqual([5_000_000, 500_000, 105_000, 12_000_000_000, 3_500_000]);
    expect(found.map((f) => f.form)).toEqual(['arabic', 'chinese', 'arabic', 'arabic', 'mixed']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
    expect(found[1]?.raw).toBe('人民币伍仟元整');
  });

  it('ignores bare numbers, dates and article numbers', () => {
    expect(findAmounts('2024年3月5日，依据第六百七十五条，案号（2024）粤0305民初1234号')).toEqual([]);
  });

  it('reads a capital amount with the prefix as one match', () => {
    const f = findAmounts('借款人民币壹佰贰拾叁元肆角伍分整');
    expect(f).toHaveLength(1);
    expect(f[0]?.fen).toBe(12_345);
  });
});
