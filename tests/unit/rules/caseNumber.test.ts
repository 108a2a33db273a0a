import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_TYPE_CODES,
  HIGH_COURT_CODES,
  findCaseNumbers,
  formatCaseNumber,
  isValidCourtCode,
  parseCaseNumber,
} from '../../../shared/rules/caseNumber';
import { RuleInputError } from '../../../shared/rules/errors';

describe('parseCaseNumber — modern format (法〔2018〕335号 art. 3)', () => {
  it('parses the brief worked example （2024）粤0305民初1234号', () => {
    const p = parseCaseNumber('（2024）粤0305民初1234号');
    expect(p).toMatchObject({
      valid: true,
      year: 2024,
      court: '粤0305',
      courtLevel: 'basic',
      special: null,
      type: '民初',
      seq: 1234,
      sub: null,
      legacy: false,
      normalized: '（2024）粤0305民初1234号',
    });
    expect(p.typeMeaning?.en).toMatch(/civil first instance/);
    expect(p.warnings).toEqual([]);
  });

  it('accepts half-width brackets and normalises to full-width', () => {
    const p = parseCaseNumber('(2024)粤0305民初1234号');
    expect(p.valid).toBe(true);
    expect(p.normalized).toBe('（2024）粤0305民初1234号');
  });

  it('accepts full-width digits, 〔〕 brackets and stray spaces', () => {
    expect(parseCaseNumber('（２０２４）粤０３０５民初１２３４号').normalized).toBe('（2024）粤0305民初1234号');
    expect(parseCaseNumber('〔2024〕粤0305民初1234号').valid).toBe(true);
    expect(parseCaseNumber(' （2024） 粤0305 民初 1234 号 ').valid).toBe(true);
  });

  it.each([
    ['（2019）最高法知民终1号', { court: '最高法', courtLevel: 'supreme', special: '知', type: '民终', seq: 1 }],
    ['（2016）粤03民辖终3827号', { court: '粤03', courtLevel: 'intermediate', type: '民辖终', seq: 3827 }],
    ['（2022）沪74民终186号', { court: '沪74', courtLevel: 'intermediate', type: '民终', seq: 186 }],
    ['（2017）津0105民特2号', { court: '津0105', courtLevel: 'basic', type: '民特', seq: 2 }],
    ['（2021）川0104民诉前调801号', { court: '川0104', type: '民诉前调', seq: 801 }],
    ['（2024）浙02民诉前调595号', { court: '浙02', type: '民诉前调', seq: 595 }],
    ['（2020）京0491民初12345号', { court: '京0491', type: '民初' }],
    ['（2023）琼9023执恢7号', { court: '琼9023', type: '执恢' }],
    ['（2024）粤执1号', { court: '粤', courtLevel: 'high', type: '执' }],
    ['（2025）内0102执异3号', { court: '内0102', type: '执异' }],
  ])('parses %s', (input, expected) => {
    const p = parseCaseNumber(input);
    expect(p.valid).toBe(true);
    expect(p).toMatchObject(expected);
  });

  it('parses the 之一 suffix', () => {
    const p = parseCaseNumber('（2017）琼民辖终31号之一');
    expect(p).toMatchObject({ valid: true, court: '琼', type: '民辖终', seq: 31, sub: 1 });
    expect(p.normalized).toBe('（2017）琼民辖终31号之一');
    expect(parseCaseNumber('（2017）琼民辖终31号之十二').sub).toBe(12);
  });

  it('parses batch ranges', () => {
    const p = parseCaseNumber('（2016）粤0305民初14631-14660、14665-15665号');
    expect(p.valid).toBe(true);
    expect(p.seq).toBe(14631);
    expect(p.seqRanges).toEqual([
      { from: 14631, to: 14660 },
      { from: 14665, to: 15665 },
    ]);
    expect(p.normalized).toBe('（2016）粤0305民初14631-14660、14665-15665号');
  });

  it('rejects backwards ranges and zero sequences', () => {
    expect(parseCaseNumber('（2016）粤0305民初14660-14631号').valid).toBe(false);
    expect(parseCaseNumber('（2024）粤0305民初0号').valid).toBe(false);
  });

  it('warns (does not reject) on unknown type codes', () => {
    const p = parseCaseNumber('（2024）粤0305民保1号');
    expect(p.valid).toBe(true);
    expect(p.typeMeaning).toBeNull();
    expect(p.warnings.map((w) => w.en).join()).toMatch(/not in the known list/);
  });

  it('warns on zero padding and pre-2016 modern-format years', () => {
    expect(parseCaseNumber('（2024）粤0305民初0012号').warnings.map((w) => w.en).join()).toMatch(/zero-padded/);
    expect(parseCaseNumber('（2015）粤0305民初12号').warnings.map((w) => w.en).join()).toMatch(/before 2016/);
  });

  it.each([
    '',
    '粤0305民初1234号',
    '（2024）粤0305民初号',
    '（2024）粤0305民初1234',
    '（2024）XX0305民初1号',
    '（2024）粤030民初1号',
    '（2024）粤030512民初1号',
    '（1899）粤0305民初1号',
    '（24）粤0305民初1号',
    '（2024）粤0305民事一审判决书1号',
    '（2024）粤0305 1号',
    '民间借贷纠纷',
    '2024-03-05',
    '（2024）最高法0305民初1号',
    '（2024）粤0305民初1号之',
  ])('rejects %s', (input) => {
    const p = parseCaseNumber(input);
    expect(p.valid).toBe(false);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.normalized).toBeNull();
  });

  it('keeps the input verbatim', () => {
    expect(parseCaseNumber('(2024)粤0305民初1号').input).toBe('(2024)粤0305民初1号');
  });
});

describe('parseCaseNumber — legacy 字第 format', () => {
  it('parses （2011）浙甬民一终字第00658号', () => {
    const p = parseCaseNumber('（2011）浙甬民一终字第00658号');
    expect(p).toMatchObject({
      valid: true,
      legacy: true,
      year: 2011,
      court: '浙甬',
      type: '民一终',
      seq: 658,
      seqText: '00658',
      normalized: '（2011）浙甬民一终字第00658号',
    });
    expect(p.warnings.length).toBeGreaterThan(0);
  });

  it.each([
    ['(2013)朝民初字第12345号', '朝', '民初'],
    ['(2012)沪一中民四(商)终字第1234号', '沪一中', '民四(商)终'],
    ['（2010）民提字第1号', null, '民提'],
  ])('parses %s', (input, court, type) => {
    const p = parseCaseNumber(input);
    expect(p.valid).toBe(true);
    expect(p.legacy).toBe(true);
    expect(p.court).toBe(court);
    expect(p.type).toBe(type);
  });

  it('warns on a legacy number from 2016 or later', () => {
    expect(parseCaseNumber('（2017）浙甬民一终字第1号').warnings.length).toBe(2);
  });
});

describe('formatCaseNumber', () => {
  it('formats （2026）粤0305民初1号', () => {
    expect(formatCaseNumber({ year: 2026, court: '粤0305', type: '民初', seq: 1 })).toBe('（2026）粤0305民初1号');
    expect(formatCaseNumber({ year: 2019, court: '最高法', special: '知', type: '民终', seq: 1 })).toBe('（2019）最高法知民终1号');
    expect(formatCaseNumber({ year: 2017, court: '琼', type: '民辖终', seq: 31, sub: 1 })).toBe('（2017）琼民辖终31号之一');
  });

  it.each([
    [{ year: 2026, court: '粤305', type: '民初', seq: 1 }],
    [{ year: 2026, court: '粤0305', type: '民初', seq: 0 }],
    [{ year: 2026, court: '粤0305', type: 'civil', seq: 1 }],
    [{ year: 2026, court: '粤0305', type: '民初', seq: 1.5 }],
    [{ year: 26, court: '粤0305', type: '民初', seq: 1 }],
    [{ year: 2026, court: '粤0305', special: '刑', type: '民初', seq: 1 }],
    [{ year: 2026, court: '粤0305', type: '民初', seq: 1, sub: 0 }],
  ])('rejects %o', (parts) => {
    expect(() => formatCaseNumber(parts)).toThrow(RuleInputError);
  });

  it('round-trips parse(format(x)) for every known type (property)', () => {
    const courts = fc.oneof(
      fc.constant('最高法'),
      fc.tuple(fc.constantFrom(...HIGH_COURT_CODES.split('')), fc.constantFrom('', '03', '73', '0305', '0491', '9023')).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2016, max: 2099 }),
        courts,
        fc.constantFrom<string | null>(null, '知'),
        fc.constantFrom(...Object.keys(CASE_TYPE_CODES)),
        fc.integer({ min: 1, max: 999_999 }),
        fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
        (year, court, special, type, seq, sub) => {
          const s = formatCaseNumber({ year, court, special, type, seq, sub });
          const p = parseCaseNumber(s);
          expect(p.valid).toBe(true);
          expect(p).toMatchObject({ year, court, special, type, seq, sub, legacy: false, normalized: s });
          expect(parseCaseNumber(s.replace('（', '(').replace('）', ')')).normalized).toBe(s);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isValidCourtCode', () => {
  it('checks the pattern only', () => {
    for (const ok of ['最高法', '粤', '粤03', '粤0305', '京73', '兵', '军01']) expect(isValidCourtCode(ok)).toBe(true);
    for (const bad of ['', '粤3', '粤030', '粤03051', '美0305', '最高法01', '广东']) expect(isValidCourtCode(bad)).toBe(false);
  });
});

describe('findCaseNumbers', () => {
  it('finds case numbers in judgment text', () => {
    const text =
      '本院于2024年立案受理的（2024）粤0305民初1234号案件，不服（2016）粤03民辖终3827号裁定，参见(2011)浙甬民一终字第00658号。';
    const found = findCaseNumbers(text);
    expect(found.map((f) => f.parsed.normalized)).toEqual([
      '（2024）粤0305民初1234号',
      '（2016）粤03民辖终3827号',
      '（2011）浙甬民一终字第00658号',
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
  });
  it('finds nothing in plain text', () => {
    expect(findCaseNumbers('原告张三诉被告李四民间借贷纠纷一案')).toEqual([]);
  });
});
