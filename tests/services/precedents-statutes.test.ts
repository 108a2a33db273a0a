import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatuteImportResult } from '../../shared/contract/precedents';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { cli } from '../helpers/cli';

const FIXTURE = join(__dirname, '..', 'fixtures', 'precedents', 'statutes');
const REAL = join(__dirname, '..', '..', '..', 'shared', 'data', 'laws-lawrefbook', 'md');

async function importDir(t: TestBackend, path: string): Promise<StatuteImportResult> {
  // Listen before starting: a small library can finish before the start call returns.
  const done = new Map<string, { status: string; result: unknown; error: { message: string } | null }>();
  const off = t.backend.ctx.events.subscribe((name, p) => {
    const x = p as { opId: string; status: string; result: unknown; error: { message: string } | null };
    if (name === 'ops.done') done.set(x.opId, x);
  });
  const { opId } = await t.api['statutes.import.start']({ path });
  for (;;) {
    const x = done.get(opId);
    if (x) {
      off();
      if (x.status !== 'ok') throw new Error(x.error?.message);
      return x.result as StatuteImportResult;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('statutes: fixture library', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports versions side by side and reports files without articles', async () => {
    const r = await importDir(t, FIXTURE);
    expect(r).toMatchObject({ files: 4, laws: 3, replaced: 0 });
    expect(r.skipped.map((s) => s.file)).toEqual(['readme.txt']);
    const laws = await t.api['statutes.laws']({ query: '示例法' });
    expect(laws.items.map((l) => [l.version, l.effectiveFrom, l.articleCount])).toEqual([
      ['2019-01-01', '2019-01-01', 3],
      ['2023-01-01', '2023-03-01', 5],
    ]);
    // Importing again replaces, never duplicates.
    const again = await importDir(t, FIXTURE);
    expect(again).toMatchObject({ laws: 0, replaced: 3 });
    expect((await t.api['statutes.laws']({ query: '示例法' })).items[1]!.articleCount).toBe(5);
  });

  it('links citations by version, paragraph and item; flags unknown laws and articles', async () => {
    const text =
      '依照《中华人民共和国示例法》第二条第二款第（二）项、示例法第3条至第4条，《最高人民法院关于审理示例纠纷案件适用法律若干问题的规定》第二条，《合同法》第五十二条，《示例法》第九十九条规定';
    const latest = (await t.api['statutes.cite']({ text })).citations;
    expect(latest.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'unknown_law', 'no_such_article']);
    expect(latest[0]!.law!.version).toBe('2023-01-01');
    expect(latest[0]!.articles[0]).toMatchObject({ number: 2, paragraph: 2, item: 2, status: 'ok', text: '（二）没有约定的，随时催告。' });
    expect(latest[0]!.otherVersions).toEqual(['2019-01-01']);
    expect(latest[1]!.articles.map((a) => a.number)).toEqual([3, 4]);
    expect(latest[2]!.articles[0]!.text).toMatch(/四倍/);
    expect(latest[3]!.law).toBeNull();
    expect(latest[3]!.articles[0]!.text).toBeNull();
    expect(latest[4]!.articles[0]!.note).toMatch(/没有该条/);
    expect(text.slice(latest[0]!.start, latest[0]!.end)).toBe(latest[0]!.raw);

    // The version in force on a date: in 2020 the law had no 第四条 and 第二条 had one paragraph.
    const old = (await t.api['statutes.cite']({ text: '《示例法》第二条第二款 示例法第四条', asOf: '2020-06-01' })).citations;
    expect(old[0]!.law!.version).toBe('2019-01-01');
    expect(old[0]!.articles[0]!.status).toBe('no_such_paragraph');
    expect(old[1]!.articles[0]).toMatchObject({ status: 'not_in_version', text: null });
    const a = await t.api['statutes.article']({ law: '示例法', number: 2, asOf: '2020-06-01' });
    expect(a.text).toBe('借款人应当按期还款。');
    const sub = await t.api['statutes.article']({ law: '中华人民共和国示例法', number: 3, sub: 1 });
    expect(sub.label).toBe('第三条之一');
    expect((await expectAppError(t.api['statutes.article']({ law: '不存在法', number: 1 }))).code).toBe('NOT_FOUND');
  });

  it('searches article text', async () => {
    const r = await t.api['statutes.search']({ query: '利率 四倍' });
    expect(r.items[0]!.lawTitle).toMatch(/示例纠纷/);
    expect((await t.api['statutes.search']({ query: '的' })).note).toBeTruthy();
  });
});

describe.skipIf(!existsSync(REAL))('statutes: ../shared/data/laws-lawrefbook/md (skipped when the shared data is absent)', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await openTestBackend();
    await importDir(t, REAL);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('has the whole Civil Code as one version and both CPL versions', async () => {
    const cc = (await t.api['statutes.laws']({ query: '中华人民共和国民法典' })).items.filter((l) => l.title === '中华人民共和国民法典');
    expect(cc).toHaveLength(1);
    expect(cc[0]!.articleCount).toBe(1260);
    const cpl = (await t.api['statutes.laws']({ query: '民事诉讼法' })).items.filter((l) => l.title === '中华人民共和国民事诉讼法');
    expect(cpl.map((l) => l.version)).toEqual(['2021-12-24', '2023-09-01']);
  });

  it('links real citations, version-aware (brief §0.3: CPL 260 in 2021, 264 in 2023)', async () => {
    const text =
      '依照《中华人民共和国民法典》第六百七十五条、民法典第676条，《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条，《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条，《中华人民共和国民事诉讼法》第二百六十四条';
    const now = (await t.api['statutes.cite']({ text })).citations;
    expect(now.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(now[0]!.articles[0]!.text).toMatch(/^借款人应当按照约定的期限返还借款/);
    expect(now[2]!.articles[0]!.text).toMatch(/四倍/);
    expect(now[4]!.articles[0]!.text).toMatch(/加倍支付迟延履行期间的债务利息/);
    const in2022 = (await t.api['statutes.cite']({ text: '《中华人民共和国民事诉讼法》第二百六十条', asOf: '2022-06-01' })).citations;
    expect(in2022[0]!.law!.version).toBe('2021-12-24');
    expect(in2022[0]!.articles[0]!.text).toMatch(/加倍支付迟延履行期间的债务利息/);
    const bad = (await t.api['statutes.cite']({ text: '民法典第二千条；《合同法》第五十二条' })).citations;
    expect(bad.map((c) => c.status)).toEqual(['no_such_article', 'unknown_law']);
  });

  it('pushes the statutes behind a lending case (cause elements + facts)', async () => {
    const c = await t.api['cases.create']({
      causeOfAction: '民间借贷纠纷',
      summary: '被告借款后到期未还，原告请求偿还本金并按约定利率支付利息。',
      claims: [{ text: '判令被告偿还借款50000元及逾期利息', amountFen: 5_000_000 }],
    });
    const r = await t.api['statutes.forCase']({ caseId: c.id, limit: 20 });
    const labels = r.items.map((i) => `${i.article.lawTitle}${i.article.label}`);
    expect(labels).toContain('中华人民共和国民法典第六百七十五条');
    expect(labels).toContain('中华人民共和国民法典第六百七十六条');
    expect(r.items[0]!.reasons[0]).toMatch(/要件/);
  });

  it('cite CLI prints JSON', async () => {
    const r = await cli(['cite', '《民法典》第六百七十五条', '--data-dir', t.dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).citations[0].status).toBe('ok');
  });
});
