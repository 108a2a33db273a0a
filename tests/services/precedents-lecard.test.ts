import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { LecardReport } from '../../electron/backend/precedents/lecard';
import { tempDir } from '../helpers/backend';
import { cli } from '../helpers/cli';

const REAL = join(__dirname, '..', '..', '..', 'shared', 'data', 'lecard');

describe('eval lecard', () => {
  it('runs on a tiny fictional dataset in the LeCaRD layout', async () => {
    const tmp = tempDir('courtdesk-lecard-fixture-');
    try {
      const cand = (id: number, facts: string, result: string) =>
        JSON.stringify({ cand_id: id, ajName: `被告人某${id}案`, writName: '刑事判决书', ajjbqk: facts, cpfxgc: `本院认为，${result}`, pjjg: result });
      const cands = [
        cand(1, '被告人甲入户盗窃手机一部，价值3000元，案发后退赃。', '被告人甲犯盗窃罪，判处有期徒刑六个月。'),
        cand(2, '被告人乙醉酒驾驶机动车，血液中乙醇含量为150mg/100ml。', '被告人乙犯危险驾驶罪，判处拘役二个月。'),
        cand(3, '被告人丙通过微信冒充客服骗取被害人钱款20000元。', '被告人丙犯诈骗罪，判处有期徒刑一年。'),
        cand(4, '被告人丁在商场盗窃他人钱包，内有现金800元。', '被告人丁犯盗窃罪，判处拘役三个月。'),
      ];
      writeFileSync(join(tmp.dir, 'candidates.jsonl.gz'), gzipSync(cands.join('\n')));
      writeFileSync(
        join(tmp.dir, 'queries.jsonl'),
        [
          JSON.stringify({ ridx: 11, q: '被告人某入户盗窃他人手机，价值2000元。', crime: ['盗窃罪'] }),
          JSON.stringify({ ridx: 12, q: '被告人某酒后驾驶小型汽车，经检验血液乙醇含量超标。', crime: ['危险驾驶罪'] }),
        ].join('\n'),
      );
      writeFileSync(join(tmp.dir, 'label_top30_dict.json'), '{"11": {"1": 3, "4": 2, "2": 0, "3": 0}, "12": {"2": 3, "1": 0, "3": 0, "4": 0}}');
      writeFileSync(join(tmp.dir, 'candidate_pools.json'), '{"11": [1, 2, 3, 4], "12": [1, 2, 3, 4]}');
      const r = await cli(['eval', 'lecard', '--data', tmp.dir, '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as LecardReport;
      expect(report).toMatchObject({ queries: 2, candidates: 4 });
      expect(report.ours.ndcg30).toBe(1);
      expect(report.ours.p5).toBeCloseTo(0.2, 5);
      expect(report.ours.map).toBe(1);
      const missing = await cli(['eval', 'lecard', '--data', join(tmp.dir, 'nope'), '--json']);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/not found/);
    } finally {
      tmp.cleanup();
    }
  });

  it.skipIf(!existsSync(REAL))(
    'on ../shared/data/lecard (skipped when absent): reproduces the README figures for the repo BM25 run, and beats them',
    async () => {
      const r = await cli(['eval', 'lecard', '--data', REAL, '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as LecardReport;
      expect(report.queries).toBe(75);
      // The dataset README's re-implementation on this subset: BM25 0.705 / 0.771 / 0.863.
      expect(report.repoBm25Run!.ndcg10).toBeCloseTo(0.705, 3);
      expect(report.repoBm25Run!.ndcg20).toBeCloseTo(0.771, 3);
      expect(report.repoBm25Run!.ndcg30).toBeCloseTo(0.863, 3);
      expect(report.ours.ndcg30).toBeGreaterThan(report.repoBm25Run!.ndcg30);
      expect(report.oursLexicalOnly.ndcg30).toBeGreaterThan(0.8);
    },
    240_000,
  );
});
