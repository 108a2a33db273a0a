import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/backend/log';
import { buildRecord } from '../../electron/backend/precedents/records';
import { search } from '../../electron/backend/precedents/search';
import { isNoiseTerm, withoutDateYears } from '../../electron/backend/precedents/segment';
import { openDatabase, type Db } from '../../electron/backend/store/db';
import * as repo from '../../electron/backend/store/repos/precedents';
import type { SearchOutput } from '../../shared/contract/precedents';
import { judgmentText, type FixtureJudgment } from '../fixtures/precedents/judgments';

/**
 * Query terms for precedent search: dates and one- or two-digit numbers must not decide the ranking
 * or show up as reasons, while amounts still count. The corpus is small on purpose: with few
 * judgments a rare date digit gets a high IDF, which is exactly how "3" and "5" used to outrank
 * the legal terms.
 */

const base = { court: '某省青山县人民法院', plaintiff: '甲某', defendant: '乙某', defence: '无异议。', date: '二〇二三年一月一日' };

/** Shares the legal terms of the query (借款, 借条, 转账, 催讨) and no Arabic digit at all. */
const LENDING: FixtureJudgment = {
  ...base,
  number: '（2023）某0101民初1号',
  cause: '民间借贷纠纷',
  claims: '判令被告偿还借款。',
  facts: '二〇二〇年十月，被告向原告借款并出具借条一张，原告以银行转账方式交付借款。借款到期后，原告多次催讨，被告仍未偿还。',
  reasoning: '合法的借贷关系受法律保护，被告应当偿还借款。',
  basis: '《中华人民共和国民法典》第六百七十五条',
  result: '被告于本判决生效之日起十日内偿还原告借款。',
};

/** Shares only the date of the query (2019年3月5日) and more 3s and 5s; nothing about lending. */
const DATE_ONLY: FixtureJudgment = {
  ...base,
  number: '（2023）某0101民初2号',
  cause: '物业服务合同纠纷',
  claims: '判令被告支付物业费。',
  facts: '2019年3月5日，原告与被告所在3号楼5单元的业主委员会签订物业服务合同，约定每月5日前交纳物业费。被告自2019年3月5日起拖欠物业费共35个月。',
  reasoning: '原告已提供物业服务，被告应按约交纳物业费。',
  basis: '《中华人民共和国民法典》第九百四十四条',
  result: '被告于本判决生效之日起十日内支付原告物业费。',
};

/** An amount that contains the query's 500 as a piece (15000), next to lending words. */
const PIECE_OF_NUMBER: FixtureJudgment = {
  ...base,
  number: '（2023）某0101民初3号',
  cause: '民间借贷纠纷',
  claims: '判令被告偿还借款15000元。',
  facts: '被告向原告借款15000元，原告以现金交付，被告未出具借条。',
  reasoning: '原告未能证明借款已交付，其诉讼请求不予支持。',
  basis: '《中华人民共和国民法典》第六百七十九条',
  result: '驳回原告的诉讼请求。',
};

/** The same amount as the amount query, written as a whole number. */
const AMOUNT: FixtureJudgment = {
  ...base,
  number: '（2023）某0101民初4号',
  cause: '买卖合同纠纷',
  claims: '判令被告支付货款86500元。',
  facts: '原告向被告供应钢材，被告尚欠货款86500元未付。',
  reasoning: '买卖合同合法有效，被告应当支付货款。',
  basis: '《中华人民共和国民法典》第六百二十六条',
  result: '被告于本判决生效之日起十日内支付原告货款86500元。',
};

const TRAFFIC: FixtureJudgment = {
  ...base,
  number: '（2023）某0101民初5号',
  cause: '机动车交通事故责任纠纷',
  claims: '判令被告赔偿医疗费500元。',
  facts: '案外人驾驶轿车与原告相撞，交通事故认定书认定驾驶人负全部责任。',
  reasoning: '保险公司应在交强险责任限额内先行赔偿。',
  basis: '《中华人民共和国民法典》第一千二百一十三条',
  result: '被告赔偿原告医疗费。',
};

const CORPUS = [LENDING, DATE_ONLY, PIECE_OF_NUMBER, AMOUNT, TRAFFIC];

describe('precedent search: dates and short numbers are not query terms', () => {
  let db: Db;
  const uid = new Map<FixtureJudgment, string>();

  beforeAll(() => {
    db = openDatabase(':memory:', { log: silentLogger });
    for (const j of CORPUS) {
      const rec = buildRecord({ ref: j.number, text: judgmentText(j) }, { source: '测试', importId: null, defaultAuthority: 'ordinary', now: 0, index: true });
      repo.insertPrecedent(db, rec.write, rec.fts);
      uid.set(j, rec.write.uid);
    }
    repo.rebuildTermStats(db);
  });
  afterAll(() => db.close());

  const run = (query: string): SearchOutput => search(db, query, { filters: {}, limit: 10, offset: 0 });
  const rankOf = (out: SearchOutput, j: FixtureJudgment) => out.items.find((h) => h.precedent.id === uid.get(j))?.rank ?? Infinity;
  const highlighted = (out: SearchOutput) =>
    out.items.flatMap((h) => h.explanation.passages.flatMap((p) => p.highlights.map((r) => p.text.slice(r.start - p.start, r.end - p.start))));

  it('ranks the judgment sharing the legal terms above the one sharing only the date', () => {
    const out = run('2019年3月5日，被告向原告借款并出具借条');
    expect(out.items[0]?.precedent.causes).toEqual(['民间借贷纠纷']);
    expect(rankOf(out, LENDING)).toBeLessThan(rankOf(out, DATE_ONLY));
  });

  it('neither searches for nor gives as a reason the date, its year or one- and two-digit numbers', () => {
    const out = run('2019年3月5日，被告向原告借款并出具借条，约定月利率1.5%，35日内归还');
    const queryTerms = out.queryInfo.terms.map((t) => t.term);
    expect(queryTerms).toEqual(expect.arrayContaining(['借款', '借条']));
    for (const noise of ['2019', '3', '5', '1', '35']) expect(queryTerms).not.toContain(noise);
    const reasons = out.items.flatMap((h) => h.explanation.matchedTerms.map((m) => m.term));
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((t) => /^\d+$/.test(t))).toEqual([]);
    expect(highlighted(out).filter((t) => /\d/.test(t))).toEqual([]);
  });

  it('a query of nothing but a date finds nothing and says why', () => {
    const out = run('2019年3月5日');
    expect(out.items).toEqual([]);
    expect(out.queryInfo.note).toMatch(/日期/);
  });

  it('keeps amounts as terms, matched and marked as whole numbers only', () => {
    const out = run('被告拖欠货款86500元');
    expect(out.queryInfo.terms.map((t) => t.term)).toContain('86500');
    const hit = out.items.find((h) => h.precedent.id === uid.get(AMOUNT));
    expect(hit?.rank).toBe(1);
    expect(hit?.explanation.matchedTerms.map((m) => m.term)).toContain('86500');
    // Adjacent marks are merged (货款 + 86500), so look inside them.
    expect(highlighted(out).some((t) => t.includes('86500'))).toBe(true);

    // 500 is a term, but 15000 is not a match for it, nor is its "500" marked.
    const piece = run('被告向原告借款500元');
    expect(piece.queryInfo.terms.map((t) => t.term)).toContain('500');
    const lent = piece.items.find((h) => h.precedent.id === uid.get(PIECE_OF_NUMBER));
    expect(lent).toBeDefined();
    expect(lent?.explanation.matchedTerms.map((m) => m.term)).not.toContain('500');
    expect(highlighted({ ...piece, items: lent ? [lent] : [] }).filter((t) => /\d/.test(t))).toEqual([]);
  });
});

describe('query noise rules', () => {
  it('drops one- and two-digit numbers and single Latin letters, keeps longer numbers and words', () => {
    expect(['3', '05', '35', 'x', 'a'].filter(isNoiseTerm)).toEqual(['3', '05', '35', 'x', 'a']);
    expect(['500', '2019', '86500', 'gs0708', 'c1', '借款', '第六百六十七条'].filter(isNoiseTerm)).toEqual([]);
  });

  it('removes the year of a date but not a case number or an amount', () => {
    expect(withoutDateYears('2019年3月5日、2020年度')).toBe(' 年3月5日、 年度');
    expect(withoutDateYears('（2019）某0101民初100号')).toBe('（2019）某0101民初100号');
    expect(withoutDateYears('借款2019元，12019年')).toBe('借款2019元，12019年');
  });
});
