import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../electron/backend/store/db';
import { tempDir } from '../helpers/backend';
import { cli } from '../helpers/cli';

describe('courtdesk CLI: data commands', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('db migrate creates and reports the schema', async () => {
    const r = await cli(['db', 'migrate', '--data-dir', tmp.dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ from: 0, to: latestVersion() });
    expect(existsSync(join(tmp.dir, 'courtdesk.db'))).toBe(true);
  });

  it('samples load is idempotent and cases list --json shows them', async () => {
    const first = await cli(['samples', 'load', '--data-dir', tmp.dir]);
    expect(first.code).toBe(0);
    const n = (JSON.parse(first.out) as { inserted: number }).inserted;
    expect(n).toBeGreaterThan(0);
    const again = await cli(['samples', 'load', '--data-dir', tmp.dir]);
    expect(JSON.parse(again.out)).toEqual({ inserted: 0, skipped: n });
    const list = await cli(['cases', 'list', '--data-dir', tmp.dir, '--json']);
    expect(list.code).toBe(0);
    const parsed = JSON.parse(list.out) as { total: number; items: { title: string }[] };
    expect(parsed.total).toBeGreaterThan(0);
    const search = await cli(['cases', 'list', '--data-dir', tmp.dir, '--query', '张明远', '--json']);
    expect((JSON.parse(search.out) as { items: { plaintiffs: string[] }[] }).items.map((c) => c.plaintiffs)).toEqual([['张明远']]);
  });

  it('backup --out makes an openable copy', async () => {
    await cli(['samples', 'load', '--data-dir', tmp.dir]);
    const out = join(tmp.dir, 'copy', 'backup.db');
    const r = await cli(['backup', '--data-dir', tmp.dir, '--out', out]);
    expect(r.code).toBe(0);
    const db = new Database(out, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });

  it('explains bad usage instead of crashing', async () => {
    expect((await cli(['backup', '--data-dir', tmp.dir])).err).toMatch(/--out FILE is required/);
    const unknown = await cli(['cases', 'list', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown option '--bogus'/);
    const badPage = await cli(['cases', 'list', '--data-dir', tmp.dir, '--page', 'x']);
    expect(badPage.code).toBe(2);
    expect(badPage.err).toMatch(/page/);
    expect((await cli(['frobnicate'])).err).toMatch(/Unknown command/);
    const missing = await cli(['backup', '--data-dir', join(tmp.dir, 'none'), '--out', join(tmp.dir, 'x.db')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No CourtDesk database/);
  });
});
