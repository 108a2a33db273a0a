/**
 * Precedent search at scale (npm run bench): builds an index of BENCH_PRECEDENTS (default 100,000)
 * synthetic judgments of about 3,000 characters, generated deterministically from templates, through
 * the same record builder and repository the importer uses; then reports build time, index size,
 * query p50/p95 of our search (BM25 + re-ranking + explanations) and of a raw FTS5 MATCH on the
 * same terms, and their ratio. Also compares the two segmenters on a sample of the generated text.
 * Run smaller with e.g. BENCH_PRECEDENTS=10000 npm run bench precedents.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../electron/backend/log';
import { buildRecord } from '../electron/backend/precedents/records';
import { buildQuery, matchExpression, search } from '../electron/backend/precedents/search';
import { segmenterName, tokenize } from '../electron/backend/precedents/segment';
import { openDatabase } from '../electron/backend/store/db';
import * as repo from '../electron/backend/store/repos/precedents';

const N = Number(process.env['BENCH_PRECEDENTS'] ?? 100_000);
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 200);

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

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华飞玉兰萍红建国建华志强海燕春梅文博晓东晓红俊杰子轩浩然欣怡'.split('');
const PLACES = ['青山', '白水', '东湖', '西岭', '南港', '北川', '清河', '长宁', '安平', '永和', '文昌', '临江'];
const PROVINCES = ['江南省', '岭北省', '海东省', '山西道', '湖中省', '川南省'];

interface Template {
  cause: string;
  claims: string[];
  facts: string[];
  reasoning: string[];
  basis: string;
  result: string;
}

const TEMPLATES: Template[] = [
  {
    cause: '民间借贷纠纷',
    claims: ['判令被告偿还借款本金{A}元及利息', '判令被告按年利率{R}%支付自起诉之日起至实际清偿之日止的逾期利息', '本案诉讼费用由被告负担'],
    facts: [
      '{D1}，被告{Y}因{USE}向原告{X}借款{A}元，并出具借条一张，约定月利率{R2}%，借款期限{M}个月。',
      '原告于当日通过银行转账方式向被告交付借款{A}元，有转账凭证为证。',
      '借款到期后，经原告多次催讨，被告仅归还利息{I}元，借款本金至今未还。',
      '另查明，原、被告系{REL}关系，被告{Y}的配偶对借款知情。',
      '庭审中，被告对借条的真实性无异议，但主张部分借款已以现金方式归还，未提交证据证明。',
    ],
    reasoning: [
      '合法的借贷关系受法律保护。原告提交的借条、转账凭证能够证明双方之间借贷关系成立且借款已实际交付。',
      '被告未按约定期限归还借款，应承担偿还借款本金并支付利息的民事责任。双方约定的利率未超过合同成立时一年期贷款市场报价利率四倍，本院予以支持。',
      '被告辩称已归还部分借款，未提供证据予以证明，本院不予采信。',
    ],
    basis: '《中华人民共和国民法典》第六百七十五条、第六百七十六条，《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条',
    result: '被告{Y}于本判决生效之日起十日内偿还原告{X}借款本金{A}元及利息。',
  },
  {
    cause: '机动车交通事故责任纠纷',
    claims: ['判令被告赔偿原告医疗费、护理费、误工费、营养费、残疾赔偿金等各项损失共计{A}元', '判令被告保险公司在交强险及商业三者险责任限额内承担赔偿责任'],
    facts: [
      '{D1}，被告{Y}驾驶小型轿车行驶至{P}路口时，与原告{X}驾驶的电动自行车相撞，致原告受伤、车辆受损。',
      '经交警部门出具交通事故认定书，认定被告{Y}负事故{LIAB}责任，原告{X}负{LIAB2}责任。',
      '原告受伤后被送往{P}人民医院住院治疗{M}天，花去医疗费{I}元。经司法鉴定，原告构成{G}级伤残，误工期{M}个月。',
      '肇事车辆在被告保险公司投保了交强险及商业第三者责任险，事故发生在保险期间内。',
    ],
    reasoning: [
      '机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿；不足的部分，按照各自过错的比例分担责任。',
      '根据交通事故认定书，结合本案实际情况，本院确定被告承担相应的赔偿责任。对原告主张的各项损失，本院依法核定。',
    ],
    basis: '《中华人民共和国民法典》第一千一百七十九条、第一千二百一十三条，《中华人民共和国道路交通安全法》第七十六条',
    result: '被告保险公司于本判决生效之日起十日内在交强险责任限额内赔偿原告{X}各项损失{A}元。',
  },
  {
    cause: '离婚纠纷',
    claims: ['判令原、被告离婚', '婚生子女由原告抚养，被告每月支付抚养费{I}元', '依法分割夫妻共同财产'],
    facts: [
      '原告{X}与被告{Y}于{D1}经人介绍相识，后登记结婚，婚后育有一子。',
      '婚后双方因家庭琐事经常发生争吵，被告有家庭暴力行为，自{D2}起双方分居至今。',
      '夫妻共同财产有位于{P}的房屋一套及存款{A}元，双方对财产分割未能达成一致意见。',
      '本院组织双方进行调解，因被告不同意离婚，调解未果。',
    ],
    reasoning: [
      '夫妻感情是否确已破裂，是判决准予或不准离婚的原则界限。原、被告因感情不和分居满二年，经本院调解无效，应认定夫妻感情确已破裂。',
      '关于子女抚养问题，从有利于子女身心健康出发，结合双方抚养条件，本院确定由原告直接抚养。',
    ],
    basis: '《中华人民共和国民法典》第一千零七十九条、第一千零八十四条、第一千零八十七条',
    result: '准予原告{X}与被告{Y}离婚；婚生子由原告{X}抚养，被告{Y}每月支付抚养费{I}元。',
  },
  {
    cause: '劳动争议',
    claims: ['判令被告支付拖欠工资{A}元', '判令被告支付未签订书面劳动合同二倍工资差额{I}元', '判令被告支付违法解除劳动合同赔偿金'],
    facts: [
      '原告{X}于{D1}入职被告公司从事{JOB}工作，月工资{I}元，双方未签订书面劳动合同。',
      '{D2}，被告以经营困难为由单方解除与原告的劳动关系，并拖欠原告工资{A}元未付。',
      '原告向{P}劳动人事争议仲裁委员会申请仲裁，仲裁委作出裁决后，原告不服，诉至本院。',
    ],
    reasoning: [
      '用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。',
      '被告未提供证据证明解除劳动合同符合法律规定，属违法解除，应向原告支付赔偿金。',
    ],
    basis: '《中华人民共和国劳动合同法》第十条、第四十七条、第八十二条、第八十七条',
    result: '被告于本判决生效之日起十日内支付原告{X}工资{A}元及二倍工资差额{I}元。',
  },
  {
    cause: '买卖合同纠纷',
    claims: ['判令被告支付货款{A}元', '判令被告支付逾期付款违约金'],
    facts: [
      '{D1}，原告{X}与被告{Y}签订购销合同，约定原告向被告供应{GOODS}，货款总额{A}元，被告收货后{M}日内付清货款。',
      '原告依约交付货物，被告出具收货确认单，但未按约定支付货款。经原告催要，被告以质量问题为由拒付。',
      '被告在收货后未在约定检验期内提出质量异议。',
    ],
    reasoning: [
      '原、被告签订的购销合同合法有效。原告已履行交货义务，被告应按约定支付货款。',
      '被告未在约定期限内提出质量异议，视为标的物数量或者质量符合约定，其拒付理由不能成立。',
    ],
    basis: '《中华人民共和国民法典》第五百七十七条、第六百二十一条、第六百二十六条',
    result: '被告{Y}于本判决生效之日起十日内支付原告{X}货款{A}元及逾期付款违约金。',
  },
  {
    cause: '物业服务合同纠纷',
    claims: ['判令被告支付物业服务费{A}元', '判令被告支付违约金{I}元'],
    facts: [
      '被告{Y}系{P}小区业主，原告系该小区物业服务企业，双方签订物业服务合同，约定物业费每月每平方米{R}元。',
      '自{D1}起，被告以物业服务质量差为由拒绝缴纳物业费，累计欠缴{A}元，经原告书面催告仍未缴纳。',
    ],
    reasoning: [
      '物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。',
      '被告主张服务存在瑕疵，未提供充分证据证明，本院不予支持。',
    ],
    basis: '《中华人民共和国民法典》第九百三十七条、第九百四十四条',
    result: '被告{Y}于本判决生效之日起十日内支付原告物业服务费{A}元。',
  },
];

const FILLER = [
  '上述事实，有原、被告的陈述及当事人提交的证据在卷佐证，经庭审质证，本院予以确认。',
  '当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。',
  '对当事人无异议的证据，本院予以确认并在卷佐证。对有争议的证据和事实，本院认定如下。',
  '庭审中，双方当事人均表示不同意调解。',
];

function fill(s: string, v: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
}

export function syntheticJudgment(i: number): string {
  const r = rng(i * 2654435761);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const name = () => pick(SURNAMES) + pick(GIVEN) + (r() < 0.5 ? pick(GIVEN) : '');
  const t = TEMPLATES[i % TEMPLATES.length]!;
  const year = 2015 + Math.floor(r() * 10);
  const place = pick(PLACES);
  const court = `${pick(PROVINCES)}${place}县人民法院`;
  const v: Record<string, string> = {
    X: name(),
    Y: name(),
    A: String(1000 * (1 + Math.floor(r() * 500))),
    I: String(100 * (1 + Math.floor(r() * 90))),
    R: String(1 + Math.floor(r() * 14)),
    R2: String((0.5 + Math.floor(r() * 15) / 10).toFixed(1)),
    M: String(1 + Math.floor(r() * 24)),
    G: pick(['八', '九', '十']),
    D1: `${year - 1}年${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日`,
    D2: `${year - 1}年${1 + Math.floor(r() * 12)}月`,
    P: place,
    REL: pick(['朋友', '同事', '亲戚', '同学', '邻居']),
    USE: pick(['资金周转', '购房', '经营', '装修', '购车']),
    LIAB: pick(['全部', '主要', '同等']),
    LIAB2: pick(['无', '次要', '同等']),
    JOB: pick(['销售', '司机', '仓管', '厨师', '保安']),
    GOODS: pick(['钢材', '水泥', '服装', '电子元件', '茶叶']),
  };
  const seq = String(100 + Math.floor(r() * 9000));
  const parts = [
    court,
    '民事判决书',
    `（${year}）某${1000 + (i % 9000)}民初${seq}号`,
    `原告：${v['X']}，住${place}。`,
    `被告：${v['Y']}，住${place}。`,
    `原告${v['X']}与被告${v['Y']}${t.cause}一案，本院于${year}年立案后，依法适用简易程序，公开开庭进行了审理。本案现已审理终结。`,
    `${v['X']}向本院提出诉讼请求：${t.claims.map((c, k) => `${k + 1}.${fill(c, v)}`).join('；')}。`,
    `${v['Y']}辩称，${pick(['原告主张的数额过高', '不同意原告的诉讼请求', '对事实无异议，但无力一次性支付', '原告的请求缺乏依据'])}。`,
  ];
  const facts = ['经审理查明，'];
  let len = parts.join('').length;
  // Facts and reasoning repeat with variation until the document reaches about 3,000 characters.
  for (let k = 0; len < 2300; k++) {
    const s = fill(k < t.facts.length ? t.facts[k]! : pick([...t.facts, ...FILLER]), v);
    facts.push(s);
    len += s.length;
  }
  parts.push(facts.join(''));
  parts.push(`本院认为，${t.reasoning.map((s) => fill(s, v)).join('')}依照${t.basis}规定，判决如下：`);
  parts.push(fill(t.result, v));
  parts.push('如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，加倍支付迟延履行期间的债务利息。');
  parts.push(`案件受理费${v['I']}元，由被告负担。`);
  parts.push('如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于中级人民法院。');
  parts.push(`审判员\u3000${name()}`);
  parts.push(`${year}年${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日`);
  parts.push(`书记员\u3000${name()}`);
  return parts.join('\n');
}

function syntheticQuery(i: number): { text: string; cause: string } {
  const r = rng(977 + i * 7919);
  const t = TEMPLATES[i % TEMPLATES.length]!;
  const doc = syntheticJudgment(1_000_000 + i);
  const facts = doc.slice(doc.indexOf('经审理查明'), doc.indexOf('本院认为'));
  const len = 40 + Math.floor(r() * 260);
  return { text: facts.slice(5, 5 + len), cause: t.cause };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-prec-'));
  const dbPath = join(dir, 'bench.db');
  const db = openDatabase(dbPath, { log: silentLogger });
  repo.setMeta(db, 'segmenter', segmenterName());
  try {
    // Segmenter comparison on a 1 M-character sample of the generated judgments.
    // Per document, as the importer does (ICU is very slow on one megabyte-long string).
    const sample: string[] = [];
    let sampleChars = 0;
    for (let i = 0; sampleChars < 1_000_000; i++) {
      sample.push(syntheticJudgment(i));
      sampleChars += sample.at(-1)!.length;
    }
    const seg = (name: string, f: (s: string) => number) => {
      const t0 = performance.now();
      const n = sample.reduce((acc, d) => acc + f(d), 0);
      const s = (performance.now() - t0) / 1000;
      console.log(`segmenter ${name}: ${(sampleChars / s / 1e6).toFixed(2)} M chars/s, ${n} tokens`);
    };
    const intl = new Intl.Segmenter('zh', { granularity: 'word' });
    seg('Intl.Segmenter', (s) => {
      let n = 0;
      for (const x of intl.segment(s)) if (x.isWordLike) n++;
      return n;
    });
    seg(`${segmenterName()} (index tokens)`, (s) => tokenize(s).length);

    console.log(`building ${N} synthetic judgments (~3,000 chars each), segmenter ${segmenterName()}`);
    const t0 = performance.now();
    let chars = 0;
    let segMs = 0;
    const BATCH = 500;
    for (let start = 0; start < N; start += BATCH) {
      const recs: Array<ReturnType<typeof buildRecord>> = [];
      const ts = performance.now();
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const text = syntheticJudgment(i);
        chars += text.length;
        recs.push(buildRecord({ ref: `bench-${i}`, text }, { source: 'bench', importId: 'bench', defaultAuthority: 'ordinary', now: 0, index: true }));
      }
      segMs += performance.now() - ts;
      db.transaction(() => {
        for (const r of recs) repo.insertPrecedent(db, r.write, r.fts);
      })();
      if ((start / BATCH) % 20 === 0) process.stdout.write(`  ${start + recs.length} / ${N}\r`);
    }
    const tOpt = performance.now();
    repo.optimizeFts(db);
    const tStats = performance.now();
    repo.rebuildTermStats(db);
    const statsMs = performance.now() - tStats;
    const buildMs = performance.now() - t0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileBytes = statSync(dbPath).size;
    let ftsBytes: number | null = null;
    try {
      ftsBytes = (db.prepare(`SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'precedents_fts%'`).get() as { b: number }).b;
    } catch {
      ftsBytes = null;
    }
    console.log(
      `build: ${(buildMs / 1000).toFixed(1)} s for ${N} docs (${(chars / 1e6).toFixed(1)} M chars; record building + segmentation ${(segMs / 1000).toFixed(1)} s, optimize + term statistics ${((performance.now() - tOpt) / 1000).toFixed(1)} s, of which statistics ${(statsMs / 1000).toFixed(1)} s) = ${(N / (buildMs / 1000)).toFixed(0)} docs/s`,
    );
    console.log(`size: database ${(fileBytes / 2 ** 20).toFixed(1)} MiB${ftsBytes ? `, of which FTS5 index ${(ftsBytes / 2 ** 20).toFixed(1)} MiB` : ''}`);

    const ours: number[] = [];
    const raw: number[] = [];
    const qs = Array.from({ length: QUERIES }, (_, i) => syntheticQuery(i));
    // Warm-up so the page cache is the same for both.
    for (const q of qs.slice(0, 5)) search(db, q.text, { filters: {}, limit: 20, offset: 0, cause: q.cause });
    for (const q of qs) {
      const a = performance.now();
      search(db, q.text, { filters: {}, limit: 20, offset: 0, cause: q.cause });
      ours.push(performance.now() - a);
      const terms = buildQuery(db, q.text, q.cause).terms;
      const b = performance.now();
      if (terms.length) repo.rawMatch(db, matchExpression(terms), 20);
      raw.push(performance.now() - b);
    }
    ours.sort((x, y) => x - y);
    raw.sort((x, y) => x - y);
    const p = (xs: number[], q: number) => quantile(xs, q).toFixed(1);
    console.log(`query (${QUERIES} fact queries of 40–300 chars, top 20 with explanations): p50 ${p(ours, 0.5)} ms, p95 ${p(ours, 0.95)} ms`);
    console.log(`raw FTS5 MATCH of the same terms (ORDER BY rank LIMIT 20): p50 ${p(raw, 0.5)} ms, p95 ${p(raw, 0.95)} ms`);
    console.log(`ratio ours / raw: p50 ${(quantile(ours, 0.5) / quantile(raw, 0.5)).toFixed(2)}×, p95 ${(quantile(ours, 0.95) / quantile(raw, 0.95)).toFixed(2)}×`);
  } finally {
    db.close();
    if (process.env['BENCH_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

if (require.main === module) void main();
