import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/backend/log';
import { backupFile, openDatabase } from '../../electron/backend/store/db';
import { countAudit } from '../../electron/backend/store/repos/audit';
import { insertCase, listCases } from '../../electron/backend/store/repos/cases';
import { CaseInput } from '../../shared/contract/cases';
import { tempDir } from '../helpers/backend';
import { syntheticCase } from '../helpers/synthetic';

describe('10,000 cases', () => {
  const tmp = tempDir();
  const path = join(tmp.dir, 'big.db');
  let db: Database.Database;

  beforeAll(() => {
    db = openDatabase(path, { log: silentLogger });
    db.transaction(() => {
      for (let i = 1; i <= 10_000; i++) insertCase(db, CaseInput.parse(syntheticCase(i)), 1_700_000_000_000 + i);
    })();
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  const base = { query: '', status: 'active' as const, stage: null, sort: 'updatedAt' as const, order: 'desc' as const, page: 1, pageSize: 20 };

  it('lists, pages and sorts all of them', () => {
    const first = listCases(db, base);
    expect(first.total).toBe(10_000);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.updatedAt).toBe(1_700_000_000_000 + 10_000);
    const last = listCases(db, { ...base, page: 500 });
    expect(last.items.at(-1)!.updatedAt).toBe(1_700_000_000_001);
    const byNumber = listCases(db, { ...base, sort: 'caseNumber', order: 'asc' });
    expect(byNumber.items.slice(0, 3).map((c) => c.caseNumber)).toEqual([
      '（2024）粤0305民初3号',
      '（2024）粤0305民初6号',
      '（2024）粤0305民初9号',
    ]);
  });

  it('finds one case by a party name among 10,000', () => {
    const r = listCases(db, { ...base, query: '原告7777号' });
    expect(r.total).toBe(1);
    expect(r.items[0]!.plaintiffs).toEqual(['原告7777号']);
  });

  it('uses an index for the default listing (no full sort)', () => {
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM cases WHERE status = 'active' ORDER BY updated_at DESC, id DESC LIMIT 20")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/cases_by_status_updated/);
  });
});

describe('backup while another connection writes', () => {
  it('produces a consistent, openable copy', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'live.db');
    const db = openDatabase(path, { log: silentLogger });
    db.transaction(() => {
      for (let i = 1; i <= 2000; i++) insertCase(db, CaseInput.parse(syntheticCase(i)), i);
    })();
    db.close();
    // A second thread keeps writing (as the running app would) while the copy is taken.
    const writer = new Worker(
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const db = new Database(${JSON.stringify(path)});
       db.pragma('busy_timeout = 5000');
       const ins = db.prepare("INSERT INTO settings (key, value) VALUES (?, '1')");
       const end = Date.now() + 1500;
       let i = 0;
       while (Date.now() < end) { ins.run('k' + (i++)); }
       db.close();
       require('node:worker_threads').parentPort.postMessage(i);`,
      { eval: true },
    );
    const wrote = new Promise<number>((ok) => writer.once('message', (n: number) => ok(n)));
    await new Promise((r) => setTimeout(r, 200));
    const copy = join(tmp.dir, 'copy.db');
    await backupFile(path, copy);
    expect(await wrote).toBeGreaterThan(0);
    const c = new Database(copy, { readonly: true });
    expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((c.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(2000);
    c.close();
    tmp.cleanup();
  });
});

describe('audit rows', () => {
  it('are written in the same transaction as the change (a rollback removes both)', async () => {
    const tmp = tempDir();
    const { openTestBackend } = await import('../helpers/backend');
    const t = await openTestBackend(tmp.dir);
    await t.api['cases.create']({ caseNumber: '（2026）粤0305民初5号' });
    const before = countAudit(t.backend.ctx.db);
    await expect(t.api['cases.create']({ caseNumber: '（2026）粤0305民初5号' })).rejects.toThrow(/already belongs/);
    expect(countAudit(t.backend.ctx.db)).toBe(before);
    await t.close();
    tmp.cleanup();
  });
});
