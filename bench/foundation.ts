/**
 * Foundation benchmarks (npm run bench): backend cold start with 10,000 cases, case-list query
 * latency at 10,000 cases, and the renderer bundle size. The machines are shared and noisy, so
 * every timing is a median of several runs, reported beside a baseline measured in the same run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createBackend } from '../electron/backend/backend';
import { silentLogger } from '../electron/backend/log';
import { insertCase } from '../electron/backend/store/repos/cases';
import { CaseInput, CaseListInput } from '../shared/contract/cases';
import { syntheticCase } from '../tests/helpers/synthetic';

const root = join(__dirname, '..');

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const ms = (x: number) => `${x.toFixed(2)} ms`;

function timeChild(args: string[], ready: (line: string) => boolean): Promise<number> {
  return new Promise((ok, ko) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      if (buf.split('\n').some(ready)) {
        const dt = performance.now() - t0;
        child.kill('SIGTERM');
        ok(dt);
      }
    });
    child.on('error', ko);
    // 'close' (not 'exit'): stdout may still hold the ready line when the process has exited.
    child.on('close', (code) => {
      if (!buf.split('\n').some(ready)) ko(new Error(`child exited (${code}) before ready`));
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-'));
  try {
    console.log('CourtDesk foundation benchmarks');
    console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);

    // Build a 10,000-case database once.
    const t0 = performance.now();
    const backend = await createBackend({ dataDir: dir, mode: 'test', log: silentLogger });
    const db = backend.ctx.db;
    db.transaction(() => {
      for (let i = 1; i <= 10_000; i++) insertCase(db, CaseInput.parse(syntheticCase(i)), 1_700_000_000_000 + i);
    })();
    console.log(`seed 10,000 cases: ${ms(performance.now() - t0)}`);

    // Case-list latency through the real handler (validation included) vs the bare SQL it wraps.
    const queries = [
      {},
      { query: '原告7777号' },
      { query: '民间借贷' },
      { sort: 'caseNumber', order: 'asc' },
      { page: 400 },
      { stage: 'hearing', sort: 'filedOn' },
    ];
    const ours: number[] = [];
    const bare: number[] = [];
    // Baseline: the same two statements the default listing runs (count + first page), bare.
    const rawCount = db.prepare("SELECT count(*) AS n FROM cases WHERE status = 'active'");
    const rawStmt = db.prepare("SELECT * FROM cases WHERE status = 'active' ORDER BY updated_at DESC, id DESC LIMIT 20");
    const oursDefault: number[] = [];
    for (let round = 0; round < 50; round++) {
      for (const q of queries) {
        const a = performance.now();
        await backend.handlers['cases.list'](CaseListInput.parse(q));
        ours.push(performance.now() - a);
      }
      const c = performance.now();
      await backend.handlers['cases.list'](CaseListInput.parse({}));
      oursDefault.push(performance.now() - c);
      const b = performance.now();
      rawCount.get();
      rawStmt.all();
      bare.push(performance.now() - b);
    }
    ours.sort((x, y) => x - y);
    bare.sort((x, y) => x - y);
    console.log(`\ncases.list at 10,000 cases (${ours.length} queries over 6 shapes: default, party search, cause search, number sort, page 400, stage filter)`);
    console.log(`  p50 ${ms(quantile(ours, 0.5))}  p95 ${ms(quantile(ours, 0.95))}  max ${ms(ours.at(-1)!)}`);
    console.log(`  default listing through the handler: p50 ${ms(median(oursDefault))}; bare count + SELECT … LIMIT 20: p50 ${ms(quantile(bare, 0.5))}; ratio ${(median(oursDefault) / quantile(bare, 0.5)).toFixed(2)}x`);
    const searchOnly: number[] = [];
    for (let i = 0; i < 50; i++) {
      const a = performance.now();
      await backend.handlers['cases.list'](CaseListInput.parse({ query: `被告${(i * 197) % 10_000}号` }));
      searchOnly.push(performance.now() - a);
    }
    console.log(`  party-name search alone: p50 ${ms(median(searchOnly))}`);
    await backend.close();

    // Cold start: a new process opens the 10,000-case store and serves its first answer.
    const cli = join(root, 'bin', 'courtdesk.cjs');
    const built = join(root, 'out', 'main', 'cli.js');
    try {
      statSync(built);
    } catch {
      console.log('\n(cold start skipped: run `npm run build` first)');
      return;
    }
    const dbFile = join(dir, 'courtdesk.db');
    const coldOurs: number[] = [];
    const coldBare: number[] = [];
    const bareScript = `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(dbFile)});console.log('ready '+d.prepare('select count(*) n from cases').get().n)`;
    for (let i = 0; i < 5; i++) {
      coldOurs.push(await timeChild([cli, 'serve', '--data-dir', dir, '--port', '0', '--json'], (l) => l.startsWith('{"url"')));
      coldBare.push(await timeChild(['-e', bareScript], (l) => l.startsWith('ready')));
    }
    console.log(`\nbackend cold start to ready (courtdesk serve, 10,000 cases, 5 runs): median ${ms(median(coldOurs))}`);
    console.log(`  baseline bare node + better-sqlite3 open + count: median ${ms(median(coldBare))}; ratio ${(median(coldOurs) / median(coldBare)).toFixed(1)}x`);

    // Renderer bundle, as shipped.
    const assets = join(root, 'out', 'renderer', 'assets');
    let raw = 0;
    let gz = 0;
    for (const f of readdirSync(assets)) {
      if (!/\.(js|css)$/.test(f)) continue;
      const buf = readFileSync(join(assets, f));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    console.log(`\nrenderer bundle (js+css): ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip`);
    // The first screen: index.html's entry script plus the chunks it preloads; every other screen
    // and case tab is a lazy chunk fetched on first visit.
    const html = readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8');
    const first = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
    let firstRaw = 0;
    let firstGz = 0;
    for (const f of first) {
      const buf = readFileSync(join(assets, f));
      firstRaw += buf.length;
      firstGz += gzipSync(buf, { level: 9 }).length;
    }
    console.log(`  first screen (dashboard), ${first.length} files: ${(firstRaw / 1024).toFixed(0)} KiB raw, ${(firstGz / 1024).toFixed(0)} KiB gzip`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
