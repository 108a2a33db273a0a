import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCaseNumber, findCaseNumbers } from '../../../shared/rules/caseNumber';
import { RuleInputError } from '../../../shared/rules/errors';
import { findAmounts, parseAmount, parseChineseCapital, parseYuan } from '../../../shared/rules/money';
import { findDates, parseChineseInteger, parseDateText } from '../../../shared/rules/numerals';
import { suggestCauses } from '../../../shared/rules/causes';

// Strings drawn from the characters the parsers care about, plus arbitrary unicode.
const alphabet = '0123456789０１２３（）()〔〕年月日号元角分整万亿千百十零一二三四五六七八九壹贰叁肆伍陆柒捌玖拾佰仟民初终知粤京最高法之字第-、.,¥人民币 ';
const junk = fc.oneof(
  fc.string({ unit: fc.constantFrom(...alphabet.split('')), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const onlyRuleErrors = (f: () => unknown): void => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleInputError);
  }
};

describe('bad input never crashes the parsers', () => {
  it('throwing parsers throw only RuleInputError', () => {
    fc.assert(
      fc.property(junk, (s) => {
        onlyRuleErrors(() => parseAmount(s));
        onlyRuleErrors(() => parseYuan(s));
        onlyRuleErrors(() => parseChineseCapital(s));
        onlyRuleErrors(() => parseDateText(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('non-throwing parsers return well-formed results', () => {
    fc.assert(
      fc.property(junk, (s) => {
        const p = parseCaseNumber(s);
        expect(p.input).toBe(s);
        expect(p.valid).toBe(p.errors.length === 0);
        if (p.valid) expect(parseCaseNumber(p.normalized ?? '').normalized).toBe(p.normalized);
        const n = parseChineseInteger(s);
        if (n !== null) expect(Number.isSafeInteger(n)).toBe(true);
        for (const m of findAmounts(s)) {
          expect(s.slice(m.start, m.end)).toBe(m.raw);
          expect(Number.isSafeInteger(m.fen)).toBe(true);
        }
        for (const m of findDates(s)) expect(s.slice(m.start, m.end)).toBe(m.raw);
        for (const m of findCaseNumbers(s)) expect(s.slice(m.start, m.end)).toBe(m.raw);
        expect(Array.isArray(suggestCauses(s))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
