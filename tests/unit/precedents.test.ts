import { describe, expect, it } from 'vitest';
import { amountsIn, amountSimilarity, detectElements, detectRelationships } from '../../electron/backend/precedents/features';
import { averagePrecision, evaluateRuns, ndcgAt, parseLabels, precisionAt } from '../../electron/backend/precedents/lecard';
import { buildRecord, contentHash } from '../../electron/backend/precedents/records';
import { matchExpression } from '../../electron/backend/precedents/search';
import { causesOf, courtLevelOf, procedureOf, splitJudgment } from '../../electron/backend/precedents/sections';
import { indexText, tokenize } from '../../electron/backend/precedents/segment';
import { lawKey, parseArticleChain, parseBasis, parseStatute, pickVersion } from '../../electron/backend/precedents/statutes';
import { parseCsvRecord } from '../../electron/backend/precedents/readers';

describe('LeCaRD metrics (official definitions) on hand-computed toy rankings', () => {
  // Label order matters: the labelled set is the first 30 entries; JSON key order is kept.
  const labels = parseLabels('{"7": {"30": 3, "10": 2, "20": 0, "40": 1}, "8": {"1": 0, "2": 0}}');
  const q7 = labels.get('7')!;

  it('keeps file order of numeric keys', () => {
    expect(q7.map(([k]) => k)).toEqual(['30', '10', '20', '40']);
  });

  it('NDCG@K: labelled candidates in predicted order, zero-padded, against the sorted labels', () => {
    // Ranking 10, 30, 99 (unlabelled, dropped), 40, 20 → ranks [2, 3, 1, 0, 0…]; ideal [3, 2, 1, 0…].
    const ranking = ['10', '30', '99', '40', '20'];
    const dcg = 2 / Math.log2(2) + 3 / Math.log2(3) + 1 / Math.log2(4);
    const idcg = 3 / Math.log2(2) + 2 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAt(ranking, q7, 10)).toBeCloseTo(dcg / idcg, 10);
    // K = 1: only the first position counts.
    expect(ndcgAt(ranking, q7, 1)).toBeCloseTo(2 / 3, 10);
    expect(ndcgAt(['30', '10', '40', '20'], q7, 30)).toBeCloseTo(1, 10);
    // A ranking whose labelled members are all 0 adds 0.
    expect(ndcgAt(['20'], q7, 10)).toBe(0);
  });

  it('P@K counts label 3 among the first K labelled, over K; AP averages precision at each label-3 hit', () => {
    expect(precisionAt(['10', '30', '40'], q7, 5)).toBeCloseTo(1 / 5, 10);
    expect(precisionAt(['30'], q7, 10)).toBeCloseTo(1 / 10, 10);
    expect(averagePrecision(['10', '99', '30'], q7)).toBeCloseTo(1 / 2, 10);
    expect(averagePrecision(['30', '10'], q7)).toBe(1);
    expect(averagePrecision(['10'], q7)).toBe(0);
  });

  it('averages over all queries; a query without relevant candidates adds 0', () => {
    const runs = new Map([
      ['7', ['30', '10', '40', '20']],
      ['8', ['1', '2']],
    ]);
    const m = evaluateRuns(runs, labels);
    expect(m).toMatchObject({ queries: 2, ndcg30: 0.5, map: 0.5, p5: 0.1 });
  });
});

describe('judgment sections and metadata (brief §5.2)', () => {
  const text = [
    '某省某县人民法院',
    '民事判决书',
    '（2024）某0102民初55号',
    '原告：甲，男。',
    '被告：乙，女。',
    '原告甲与被告乙买卖合同纠纷一案，本院立案后依法审理。',
    '甲向本院提出诉讼请求：判令乙支付货款10万元。',
    '乙辩称，货物有质量问题。',
    '本院经审理认定事实如下：乙收货后未付款。',
    '本院认为，买卖合同合法有效。依照《中华人民共和国民法典》第六百二十六条规定，判决如下：',
    '被告乙于本判决生效之日起十日内支付原告甲货款100000元。',
    '审判员　某某',
    '二〇二四年三月五日',
  ].join('\n');

  it('splits at the markers and reads the metadata', () => {
    const s = splitJudgment(text);
    expect(s.header).toMatch(/^某省某县人民法院/);
    expect(s.parties).toMatch(/^原告：甲/);
    expect(s.claims).toMatch(/^甲向本院提出诉讼请求/);
    expect(s.facts).toMatch(/^本院经审理认定事实如下/);
    expect(s.reasoning).toMatch(/^本院认为/);
    expect(s.judgment).toMatch(/^判决如下/);
    expect(s.tail).toMatch(/^审判员/);
    const rec = buildRecord({ ref: 'x', text }, { source: 't', importId: null, defaultAuthority: 'ordinary', now: 0, index: true });
    expect(rec.write).toMatchObject({
      court: '某省某县人民法院',
      caseNumber: '（2024）某0102民初55号',
      decidedOn: '2024-03-05',
      year: 2024,
      causes: ['买卖合同纠纷'],
      courtLevel: 'basic',
      procedure: 'first_instance',
      docKind: 'judgment',
    });
    expect(rec.fts.facts.split(' ')).toContain('未');
  });

  it('keeps unstructured text whole as facts, and hashes independent of whitespace', () => {
    const s = splitJudgment('一段没有任何标记的案情文字。');
    expect(s.facts).toBe('一段没有任何标记的案情文字。');
    expect(contentHash(splitJudgment(text))).toBe(contentHash(splitJudgment(text.replace(/\n/g, '\r\n  '))));
  });

  it('reads charges, court levels and procedures', () => {
    expect(causesOf('', '', '一、被告人甲犯盗窃罪，判处…；二、被告人乙犯诈骗罪、危险驾驶罪…', '')).toEqual(['盗窃罪', '诈骗罪', '危险驾驶罪']);
    expect(courtLevelOf('最高人民法院')).toBe('supreme');
    expect(courtLevelOf('某省高级人民法院')).toBe('high');
    expect(courtLevelOf('某市中级人民法院')).toBe('intermediate');
    expect(courtLevelOf('某海事法院')).toBe('special');
    expect(procedureOf('（2023）某01民终12号', '')).toBe('second_instance');
    expect(procedureOf('（2023）某民再3号', '')).toBe('retrial');
    expect(procedureOf('（2023）某0102执100号', '')).toBe('enforcement');
  });
});

describe('features, segmentation and query safety', () => {
  it('finds elements, relationships and amounts', () => {
    expect(detectElements('被告出具借条，原告微信转账交付，被告自首').map((e) => e.id)).toEqual(
      expect.arrayContaining(['iou', 'delivery', 'surrender']),
    );
    expect(detectRelationships('原、被告系夫妻关系').map((e) => e.id)).toEqual(['spouses']);
    expect(amountsIn('借款5万元，利息1,200.50元，人民币叁仟元')).toEqual([5_000_000, 120_050, 300_000]);
    expect(amountSimilarity(100, 100)).toBe(1);
    expect(amountSimilarity(100, 10_000)).toBe(0);
  });

  it('tokenises to word tokens only, so a quoted term is one FTS5 token', () => {
    const toks = tokenize('原告张三：“请求判令被告偿还借款50000元！” NEAR(x) "OR"');
    expect(toks.every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true);
    expect(toks).toEqual(expect.arrayContaining(['借款', '50000']));
    expect(indexText('')).toBe('');
  });

  it('quotes every term; embedded quotes are doubled', () => {
    expect(matchExpression([{ term: '借款', weight: 1, df: 1 }, { term: 'a"b', weight: 1, df: 1 }])).toBe('"借款" OR "a""b"');
  });

  it('parses CSV records with quotes, commas and line breaks', () => {
    expect(parseCsvRecord('a,"b,c","d ""e"""')).toEqual(['a', 'b,c', 'd "e"']);
    expect(parseCsvRecord('a,"open')).toBeNull();
  });
});

describe('statute parsing and citation chains', () => {
  it('parses articles, 之一 articles, headings, paragraphs and the effective date', () => {
    const law = parseStatute(
      '# 中华人民共和国测试法\n\n2020年1月1日 通过\n\n2021年1月1日 施行\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 第一款。\n\n第二款。\n\n第一条之一 插入。\n\n### 第一节 细则\n\n第二条 （一）项一；\n',
      '测试法.md',
    );
    expect(law).toMatchObject({ title: '中华人民共和国测试法', version: '2021-01-01', effectiveFrom: '2021-01-01' });
    expect(law.articles.map((a) => [a.number, a.sub, a.label])).toEqual([
      [1, 0, '第一条'],
      [1, 1, '第一条之一'],
      [2, 0, '第二条'],
    ]);
    expect(law.articles[0]!.text).toBe('第一款。\n第二款。');
    expect(law.articles[2]!.headings).toEqual(['第一章 总则', '第一节 细则']);
  });

  it('expands ranges and reads 款/项', () => {
    expect(parseArticleChain('第六百七十五条至第六百七十七条、第一千零七十九条第三款第（二）项')).toEqual([
      { number: 675, sub: 0, paragraph: null, item: null },
      { number: 676, sub: 0, paragraph: null, item: null },
      { number: 677, sub: 0, paragraph: null, item: null },
      { number: 1079, sub: 0, paragraph: 3, item: 2 },
    ]);
    expect(parseArticleChain('第675条、第二十五条之一')).toEqual([
      { number: 675, sub: 0, paragraph: null, item: null },
      { number: 25, sub: 1, paragraph: null, item: null },
    ]);
  });

  it('normalises law names and picks the version in force', () => {
    expect(lawKey('《中华人民共和国民事诉讼法（2023年修正）》')).toBe('民事诉讼法');
    expect(lawKey('最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释')).toBe(lawKey('最高人民法院关于适用《中华人民共和国民事诉讼法》的解释'));
    const v = (version: string, effectiveFrom: string | null) => ({ id: version, title: 't', shortTitle: 't', category: '', version, effectiveFrom, articleCount: 1, file: '' });
    const versions = [v('2021-12-24', null), v('2023-09-01', '2024-01-01')];
    expect(pickVersion(versions, '2023-10-01')!.id).toBe('2021-12-24');
    expect(pickVersion(versions, '2024-02-01')!.id).toBe('2023-09-01');
    expect(pickVersion(versions, undefined)!.id).toBe('2023-09-01');
    expect(pickVersion(versions, '2010-01-01')).toBeNull();
  });

  it('reads the element basis notes of the cause catalogue', () => {
    expect(parseBasis('CC arts. 667, 668; provisions arts. 2, 14–16')).toEqual([
      { law: '中华人民共和国民法典', numbers: [667, 668] },
      { law: '民间借贷规定', numbers: [2, 14, 15, 16] },
    ]);
    expect(parseBasis('CC art. 944 paras. 2–3')).toEqual([{ law: '中华人民共和国民法典', numbers: [944] }]);
    expect(parseBasis('practice')).toEqual([]);
  });
});
