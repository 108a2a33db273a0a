import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, SearchOutput } from '../../shared/contract/precedents';
import { expectAppError, openTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { ALL_FIXTURES, DIVORCE, GUIDING_LENDING, LENDING, TRAFFIC, judgmentText } from '../fixtures/precedents/judgments';

const FIXTURES = join(__dirname, '..', 'fixtures', 'precedents');

interface Done {
  status: string;
  result: unknown;
  error: { code: string; message: string } | null;
}

/** Collects ops.done events from the start, so a fast operation cannot finish before we listen. */
function opWatcher(t: TestBackend) {
  const done = new Map<string, Done>();
  const waiters = new Map<string, (d: Done) => void>();
  const progress = new Map<string, number>();
  t.backend.ctx.events.subscribe((name, payload) => {
    const p = payload as Done & { opId: string };
    if (name === 'ops.progress') progress.set(p.opId, (progress.get(p.opId) ?? 0) + 1);
    if (name !== 'ops.done') return;
    done.set(p.opId, p);
    waiters.get(p.opId)?.(p);
  });
  return {
    progress,
    wait: (opId: string): Promise<Done> => {
      const d = done.get(opId);
      return d ? Promise.resolve(d) : new Promise((r) => waiters.set(opId, r));
    },
  };
}

function jsonl(rows: unknown[]): string {
  return rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
}

describe('precedents: import, search, explanations', () => {
  let t: TestBackend;
  let ops: ReturnType<typeof opWatcher>;
  const tmp = tempDir('courtdesk-prec-src-');

  beforeAll(async () => {
    t = await openTestBackend();
    ops = opWatcher(t);
  });
  afterAll(async () => {
    await t.close();
    tmp.cleanup();
  });

  it('imports JSONL with a field mapping; bad rows are counted with line numbers, duplicates skipped', async () => {
    const file = join(tmp.dir, 'corpus.jsonl');
    const row = (j: typeof LENDING, extra: Record<string, unknown> = {}) => ({ doc: judgmentText(j), name: j.title ?? '', ...extra });
    writeFileSync(
      file,
      jsonl([
        row(LENDING),
        '{"doc": "broken json',
        '[1, 2, 3]',
        { other: 'no text field here' },
        row(LENDING),
        '',
        row(TRAFFIC, { level: '公报案例' }),
        row(DIVORCE),
      ]),
    );
    const { opId, importId } = await t.api['precedents.import.start']({
      source: { kind: 'table', path: file, mapping: { text: 'doc', authority: 'level' } },
      sourceName: '测试文书库',
    });
    const d = await ops.wait(opId);
    expect(d.status).toBe('ok');
    const job = d.result as ImportJob;
    expect(job).toMatchObject({ id: importId, status: 'done', inserted: 3, duplicates: 1, failed: 3, position: 8, total: 8 });
    expect(job.issues.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(job.issues[0]!.message).toMatch(/not valid JSON/);
    expect(job.issues[2]!.message).toMatch(/no text/);
    // Each issue carries a code the UI says in its own language.
    expect(job.issues.map((i) => i.code)).toEqual(['bad_json', 'not_object', 'no_mapped_text']);
    // Importing the same file again adds nothing.
    const again = await t.api['precedents.import.start']({ source: { kind: 'table', path: file, mapping: { text: 'doc' } } });
    const d2 = await ops.wait(again.opId);
    expect((d2.result as ImportJob).inserted).toBe(0);
    expect((d2.result as ImportJob).duplicates).toBe(4);
    const stats = await t.api['precedents.stats']({});
    expect(stats.count).toBe(3);
    expect(stats.byAuthority.find((a) => a.authority === 'gazette')?.count).toBe(1);
    expect(stats.index.needsReindex).toBe(false);
  });

  it('imports a folder: GBK .txt, .docx, UTF-8 .txt; a broken PDF is reported, not fatal', async () => {
    const dir = join(tmp.dir, 'folder');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    copyFileSync(join(FIXTURES, 'gbk-lending-judgment.txt'), join(dir, 'a-gbk.txt'));
    const doc = new Document({
      sections: [{ children: judgmentText(GUIDING_LENDING).split('\n').map((line) => new Paragraph(line)) }],
    });
    writeFileSync(join(dir, 'sub', 'b-guiding.docx'), await Packer.toBuffer(doc));
    writeFileSync(join(dir, 'c-broken.pdf'), Buffer.from('not a pdf at all'));
    writeFileSync(join(dir, 'notes.md'), 'ignored: not a judgment file type');
    const { opId } = await t.api['precedents.import.start']({ source: { kind: 'folder', path: dir } });
    const d = await ops.wait(opId);
    const job = d.result as ImportJob;
    expect(job).toMatchObject({ status: 'done', inserted: 2, failed: 1, total: 3 });
    expect(job.issues[0]).toMatchObject({ file: 'c-broken.pdf', line: null, code: 'damaged_file' });

    const hits = await t.api['precedents.search']({ query: '赵甲 钱乙 借条 80000元' });
    const gbk = hits.items[0]!.precedent;
    expect(gbk).toMatchObject({
      court: '浙江省杭州市虚构区人民法院',
      caseNumber: '（2023）浙0199民初321号',
      decidedOn: '2023-06-01',
      year: 2023,
      causes: ['民间借贷纠纷'],
      procedure: 'first_instance',
      docKind: 'judgment',
      sourceRef: 'a-gbk.txt',
    });
    const detail = await t.api['precedents.get']({ id: gbk.id });
    const names = detail.sections.map((s) => s.name);
    expect(names).toEqual(['header', 'parties', 'claims', 'facts', 'reasoning', 'judgment', 'tail']);
    expect(detail.sections.find((s) => s.name === 'facts')!.text.startsWith('经审理查明')).toBe(true);
    expect(detail.sections.find((s) => s.name === 'reasoning')!.text.startsWith('本院认为')).toBe(true);
    expect(detail.sections.find((s) => s.name === 'tail')!.text).toMatch(/^审判员/);
    expect(detail.principalFen).toBe(8_000_000);
    expect(detail.elements.map((e) => e.id)).toEqual(expect.arrayContaining(['iou', 'delivery', 'interest-agreed']));

    const guiding = await t.api['precedents.search']({ query: '陈己 刘庚 借款', filters: { authorities: ['guiding'] } });
    expect(guiding.items).toHaveLength(1);
    expect(guiding.items[0]!.precedent).toMatchObject({ authority: 'guiding', courtLevel: 'high', procedure: 'second_instance' });
  });

  it('explains each result: shared elements, matched terms, highlighted passages with offsets, authority and source', async () => {
    const out: SearchOutput = await t.api['precedents.search']({
      query: '被告向原告借款并出具借条，原告通过银行转账交付，约定利息，到期后催讨未还，请求偿还借款60000元',
      cause: '民间借贷纠纷',
    });
    expect(out.items.length).toBeGreaterThanOrEqual(2);
    const top = out.items[0]!;
    expect(top.precedent.causes).toContain('民间借贷纠纷');
    expect(out.items.slice(0, 3).every((h) => h.precedent.causes.includes('民间借贷纠纷'))).toBe(true);
    const e = top.explanation;
    expect(e.causeMatch).toBe(true);
    expect(e.sharedElements.map((x) => x.id)).toEqual(expect.arrayContaining(['iou', 'delivery']));
    expect(e.matchedTerms.map((m) => m.term)).toContain('借条');
    expect(e.amount).not.toBeNull();
    expect(e.source.name).toBeTruthy();
    expect(['指导性案例', '公报案例', '入库参考案例', '普通裁判文书']).toContain(e.authority.label);
    expect(e.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 2);
    // Every highlight points at a matched term inside the stored section text.
    const detail = await t.api['precedents.get']({ id: top.precedent.id });
    const terms = new Set(out.queryInfo.terms.map((m) => m.term));
    expect(e.passages.length).toBeGreaterThan(0);
    for (const p of e.passages) {
      const text = detail.sections.find((s) => s.name === p.section)!.text;
      expect(text.slice(p.start, p.end)).toBe(p.text);
      for (const h of p.highlights) {
        expect(h.start).toBeGreaterThanOrEqual(p.start);
        expect(h.end).toBeLessThanOrEqual(p.end);
        const frag = text.slice(h.start, h.end);
        expect([...terms].some((term) => frag.includes(term))).toBe(true);
      }
    }
    // Traffic facts find the traffic case first.
    const traffic = await t.api['precedents.search']({ query: '交通事故认定书 全部责任 交强险 十级伤残 医疗费' });
    expect(traffic.items[0]!.precedent.causes).toEqual(['机动车交通事故责任纠纷']);
    expect(traffic.items[0]!.explanation.sharedElements.map((x) => x.id)).toEqual(
      expect.arrayContaining(['liability-cert', 'insurance', 'disability']),
    );
    // Filters: cause, year, court level.
    const filtered = await t.api['precedents.search']({ query: '借款 离婚 交通事故', filters: { causes: ['离婚纠纷'] } });
    expect(filtered.items.map((h) => h.precedent.causes[0])).toEqual(['离婚纠纷']);
    const byYear = await t.api['precedents.search']({ query: '借款 离婚 交通事故', filters: { yearFrom: 2023, yearTo: 2023 } });
    expect(byYear.items.every((h) => h.precedent.year === 2023)).toBe(true);
    const none = await t.api['precedents.search']({ query: '借款', filters: { courtLevels: ['supreme'] } });
    expect(none.items).toEqual([]);
    expect(none.queryInfo.note).toMatch(/没有符合条件/);
  });

  it('never breaks on FTS5 syntax, one character, or 10,000 characters', async () => {
    const before = (await t.api['precedents.stats']({})).count;
    const nasty = [
      '"',
      '""',
      '借款" OR "',
      'NEAR(借款 利息)',
      '借款 AND',
      'facts: 借款',
      '{title cause}: 借款',
      '^借款',
      '-借款',
      '借款*',
      ')(',
      "'; DROP TABLE precedents; --",
      '\u0000借款',
      '*',
      'OR',
    ];
    for (const q of nasty) {
      const r = await t.api['precedents.search']({ query: q });
      expect(Array.isArray(r.items)).toBe(true);
    }
    expect((await t.api['precedents.search']({ query: '借款" OR "' })).items.length).toBeGreaterThan(0);
    const one = await t.api['precedents.search']({ query: '借' });
    expect(one.queryInfo.note).toBeTruthy();
    const stop = await t.api['precedents.search']({ query: '的' });
    expect(stop.items).toEqual([]);
    expect(stop.queryInfo.note).toMatch(/没有可检索的词语/);
    const empty = await t.api['precedents.search']({ query: '   ' });
    expect(empty.queryInfo.note).toBeTruthy();
    const long = await t.api['precedents.search']({ query: `${'借款借条转账利息。'.repeat(1200)}` });
    expect(long.queryInfo.truncated).toBe(true);
    expect(long.queryInfo.searchedChars).toBe(5000);
    expect(long.items.length).toBeGreaterThan(0);
    const tooLong = await expectAppError(t.api['precedents.search']({ query: 'x'.repeat(100_001) }));
    expect(tooLong.code).toBe('BAD_INPUT');
    expect((await t.api['precedents.stats']({})).count).toBe(before);
  });

  it('类案推送 builds the query from the case: cause, claims, summary', async () => {
    const c = await t.api['cases.create']({
      title: '测试借款案',
      causeOfAction: '民间借贷纠纷',
      summary: '被告向原告借款，出具借条，原告转账交付，到期未还。',
      claims: [{ text: '判令被告偿还借款70000元及利息', amountFen: 7_000_000 }],
    });
    const out = await t.api['precedents.forCase']({ caseId: c.id, limit: 5 });
    expect(out.builtFrom).toMatchObject({ cause: '民间借贷纠纷', claims: 1, documents: 0 });
    expect(out.items[0]!.precedent.causes).toContain('民间借贷纠纷');
    expect(out.items[0]!.explanation.causeMatch).toBe(true);
    const missing = await expectAppError(t.api['precedents.forCase']({ caseId: 'no-such-case' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('reindex rebuilds the derived index; search gives the same top result', async () => {
    const q = { query: '交通事故认定书 交强险 伤残' };
    const before = await t.api['precedents.search'](q);
    const { opId } = await t.api['precedents.reindex']({});
    const d = await ops.wait(opId);
    expect(d.status).toBe('ok');
    expect((d.result as { indexed: number }).indexed).toBe((await t.api['precedents.stats']({})).count);
    const after = await t.api['precedents.search'](q);
    expect(after.items[0]!.precedent.id).toBe(before.items[0]!.precedent.id);
  });

  it('rejects missing sources with a clear error', async () => {
    const e = await expectAppError(t.api['precedents.import.start']({ source: { kind: 'folder', path: join(tmp.dir, 'nope') } }));
    expect(e.code).toBe('NOT_FOUND');
    const e2 = await expectAppError(t.api['precedents.import.start']({ source: { kind: 'table', path: join(tmp.dir, 'x.jsonl'), mapping: {} } }));
    expect(e2.code).toBe('BAD_INPUT');
  });
});

describe('precedents: cancel and resume', () => {
  it('a cancelled import keeps what it committed and resumes after it, without duplicates', async () => {
    const t = await openTestBackend();
    const ops = opWatcher(t);
    const tmp = tempDir('courtdesk-prec-resume-');
    try {
      const file = join(tmp.dir, 'big.jsonl');
      const rows: string[] = [];
      const N = 1500;
      for (let i = 0; i < N; i++) {
        const j = ALL_FIXTURES[i % ALL_FIXTURES.length]!;
        rows.push(JSON.stringify({ text: `${judgmentText({ ...j, number: `（2022）某0101民初${1000 + i}号` })}\n${'本院另查明，双方当事人对上述事实均无异议。'.repeat(40)}` }));
      }
      writeFileSync(file, rows.join('\n'));
      const first = await t.api['precedents.import.start']({ source: { kind: 'table', path: file, mapping: { text: 'text' } } });
      // Cancel as soon as the first batch is committed.
      await new Promise<void>((resolve) => {
        const off = t.backend.ctx.events.subscribe((name, p) => {
          if (name === 'ops.progress' && (p as { opId: string }).opId === first.opId) {
            off();
            void t.api['ops.cancel']({ opId: first.opId }).then(() => resolve());
          }
        });
      });
      const d = await ops.wait(first.opId);
      const job = await t.api['precedents.import.get']({ importId: first.importId });
      if (d.status === 'cancelled') {
        expect(job.status).toBe('cancelled');
        expect(job.position).toBeGreaterThan(0);
        expect(job.position).toBeLessThan(N);
        expect((await t.api['precedents.stats']({})).count).toBe(job.inserted);
        // Resume: continues after the committed position.
        const again = await t.api['precedents.import.start']({
          source: { kind: 'table', path: file, mapping: { text: 'text' } },
          resumeImportId: first.importId,
        });
        expect(again.importId).toBe(first.importId);
        const d2 = await ops.wait(again.opId);
        expect(d2.status).toBe('ok');
      } else {
        // The machine was fast enough to finish before the cancel arrived: still no loss.
        expect(d.status).toBe('ok');
      }
      const final = await t.api['precedents.import.get']({ importId: first.importId });
      expect(final).toMatchObject({ status: 'done', position: N, inserted: N, duplicates: 0, failed: 0 });
      expect((await t.api['precedents.stats']({})).count).toBe(N);
      const list = await t.api['precedents.import.list']({});
      expect(list.items[0]!.id).toBe(first.importId);
      const removed = await t.api['precedents.import.remove']({ importId: first.importId });
      expect(removed.removed).toBe(N);
      expect((await t.api['precedents.search']({ query: '借款 借条' })).items).toEqual([]);
    } finally {
      await t.close();
      tmp.cleanup();
    }
  });
});

describe('precedents: CLI', () => {
  it('import-precedents --jsonl --map … --json and search-precedents', async () => {
    const tmp = tempDir('courtdesk-prec-cli-');
    try {
      const file = join(tmp.dir, 'c.jsonl');
      writeFileSync(file, jsonl([{ full: judgmentText(LENDING), id: 'A1' }, 'not json', { full: judgmentText(DIVORCE), id: 'A2' }]));
      const data = join(tmp.dir, 'data');
      const r = await cli(['import-precedents', '--data-dir', data, '--jsonl', file, '--map', 'text=full,id=id', '--json']);
      expect(r.code).toBe(0);
      const job = JSON.parse(r.out) as ImportJob;
      expect(job).toMatchObject({ status: 'done', inserted: 2, failed: 1 });
      expect(job.issues[0]!.line).toBe(2);
      const s = await cli(['search-precedents', '分居 离婚 家庭暴力', '--data-dir', data, '--json']);
      expect(s.code).toBe(0);
      expect((JSON.parse(s.out) as SearchOutput).items[0]!.precedent.causes).toEqual(['离婚纠纷']);
      const bad = await cli(['import-precedents', '--data-dir', data, '--jsonl', file]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--map is required/);
    } finally {
      tmp.cleanup();
    }
  });
});
