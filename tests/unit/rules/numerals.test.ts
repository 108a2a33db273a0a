import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findDates,
  formatArabicChineseDate,
  formatArticleNumber,
  formatChineseDate,
  parseArticleNumber,
  parseChineseInteger,
  parseDateText,
  toChineseInteger,
  toHalfWidth,
  tryParseDateText,
} from '../../../shared/rules/numerals';
import { RuleInputError } from '../../../shared/rules/errors';
import {
  addDays,
  addMonths,
  addYears,
  daysInMonth,
  diffDays,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isValidYmd,
  splitIso,
  toEpochDay,
  weekday,
  weekdayEn,
  weekdayZh,
  yearOf,
  ymdToIso,
} from '../../../shared/rules/dates';

describe('toChineseInteger', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [10, '十'],
    [15, '十五'],
    [20, '二十'],
    [101, '一百零一'],
    [110, '一百一十'],
    [675, '六百七十五'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [10000, '一万'],
    [10001, '一万零一'],
    [100000, '十万'],
    [105000, '十万五千'],
    [1000000, '一百万'],
    [10010000, '一千零一万'],
    [100000000, '一亿'],
    [100010000, '一亿零一万'],
    [120000000, '一亿二千万'],
    [1000000000000, "一万亿"],
    [1000100000000, "一万零一亿"],
    [100000001, "一亿零一"],
    [110000000, "一亿一千万"],
  ])('%i → %s', (n, zh) => {
    expect(toChineseInteger(n)).toBe(zh);
    expect(parseChineseInteger(zh)).toBe(n);
  });

  it('capital style keeps 壹拾', () => {
    expect(toChineseInteger(10, 'capital')).toBe('壹拾');
    expect(toChineseInteger(105000, 'capital')).toBe('壹拾万伍仟');
    expect(toChineseInteger(2024, 'capital')).toBe('贰仟零贰拾肆');
  });

  it('rejects negative, fractional and huge numbers', () => {
    expect(() => toChineseInteger(-1)).toThrow(RuleInputError);
    expect(() => toChineseInteger(1.5)).toThrow(RuleInputError);
    expect(() => toChineseInteger(1e16)).toThrow(RuleInputError);
  });

  it('round-trips every integer (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999_999 }), fc.constantFrom('lower', 'capital'), (n, style) => {
        expect(parseChineseInteger(toChineseInteger(n, style as 'lower' | 'capital'))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseChineseInteger', () => {
  it.each([
    ['二〇二四', 2024],
    ['二○二四', 2024],
    ['两千', 2000],
    ['两万三千', 23000],
    ['3万5千', 35000],
    ['一万五', 15000],
    ['三千五', 3500],
    ['一百五', 150],
    ['二百十', 210],
    ['拾万', 100000],
    ['壹佰贰拾叁', 123],
    ['675', 675],
    ['１２', 12],
  ])('%s → %i', (s, n) => {
    expect(parseChineseInteger(s)).toBe(n);
  });

  it.each(['', '百', '千五', '五五十', '十十', '万', 'abc', '一百千', '六百七十五条'])('rejects %s', (s) => {
    expect(parseChineseInteger(s)).toBeNull();
  });
});

describe('article numbers', () => {
  it('formats and parses 第六百七十五条', () => {
    expect(formatArticleNumber(675)).toBe('第六百七十五条');
    expect(formatArticleNumber(85)).toBe('第八十五条');
    expect(formatArticleNumber(10)).toBe('第十条');
    expect(formatArticleNumber(124)).toBe('第一百二十四条');
    expect(parseArticleNumber('第六百七十五条')).toBe(675);
    expect(parseArticleNumber('第675条')).toBe(675);
    expect(parseArticleNumber('第一百二十四条')).toBe(124);
    expect(parseArticleNumber('第十条')).toBe(10);
    expect(parseArticleNumber('第零条')).toBeNull();
    expect(parseArticleNumber('第x条')).toBeNull();
    expect(() => formatArticleNumber(0)).toThrow(RuleInputError);
  });
  it('round-trips article numbers 1..1300', () => {
    for (let n = 1; n <= 1300; n++) expect(parseArticleNumber(formatArticleNumber(n))).toBe(n);
  });
});

describe('Chinese dates', () => {
  it.each([
    ['2024-03-05', '二〇二四年三月五日'],
    ['2024-10-10', '二〇二四年十月十日'],
    ['2025-12-31', '二〇二五年十二月三十一日'],
    ['2026-01-20', '二〇二六年一月二十日'],
    ['2000-11-11', '二〇〇〇年十一月十一日'],
  ])('%s ↔ %s', (iso, zh) => {
    expect(formatChineseDate(iso)).toBe(zh);
    expect(parseDateText(zh)).toBe(iso);
  });

  it('formats 2024年3月5日', () => {
    expect(formatArabicChineseDate('2024-03-05')).toBe('2024年3月5日');
  });

  it.each([
    ['2024年3月5日', '2024-03-05'],
    ['2024年03月05日', '2024-03-05'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['２０２４年３月５日', '2024-03-05'],
    ['二〇二四年三月五日', '2024-03-05'],
    ['二○二四年三月五号', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
  ])('parses %s', (s, iso) => {
    expect(parseDateText(s)).toBe(iso);
  });

  it.each(['2025-02-30', '2025年2月29日', '2023-13-01', '2024-04-31', '二〇二五年二月三十日', '2024-3', 'yesterday', '2024.3-5'])(
    'rejects %s',
    (s) => {
      expect(() => parseDateText(s)).toThrow(RuleInputError);
      expect(tryParseDateText(s)).toBeNull();
    },
  );

  it('distinguishes "not a date" from "impossible date" in messages', () => {
    expect(() => parseDateText('2025-02-30')).toThrow(/not a real calendar date/);
    expect(() => parseDateText('foo')).toThrow(/not a recognised date/);
  });

  it('round-trips every day 1990–2100 through the 落款 form (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('1990-01-01'), max: toEpochDay('2100-12-31') }), (n) => {
        const iso = fromEpochDay(n);
        expect(parseDateText(formatChineseDate(iso))).toBe(iso);
        expect(parseDateText(formatArabicChineseDate(iso))).toBe(iso);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds dates in text with spans', () => {
    const text = '原告于2024年3月5日起诉，被告于二〇二四年三月八日答辩；2025-02-30无效。';
    const found = findDates(text);
    expect(found.map((f) => f.iso)).toEqual(['2024-03-05', '2024-03-08', null]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
    expect(found[0]?.raw).toBe('2024年3月5日');
  });

  it('converts full-width characters', () => {
    expect(toHalfWidth('（２０２４）')).toBe('(2024)');
  });
});

describe('dates helpers', () => {
  it('validates calendar days', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(isValidYmd(2025, 2, 30)).toBe(false);
    expect(isIsoDate('2025-02-28')).toBe(true);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2025-2-3')).toBe(false);
    expect(() => splitIso('2025-02-30')).toThrow(RuleInputError);
    expect(() => ymdToIso(2025, 2, 30)).toThrow(RuleInputError);
    expect(yearOf('2026-05-01')).toBe(2026);
  });
  it('does arithmetic', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(0)).toBe('1970-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2014-05-28', 3)).toBe('2014-08-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
  });
  it('computes weekdays', () => {
    expect(weekday('2024-09-20')).toBe(5);
    expect(weekdayZh('2024-10-12')).toBe('周六');
    expect(weekdayEn('2025-02-05')).toBe('Wed');
    expect(weekday('2026-10-08')).toBe(4);
  });
  it('epoch days round-trip (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (n) => {
        expect(toEpochDay(fromEpochDay(n))).toBe(n);
      }),
    );
  });
});
