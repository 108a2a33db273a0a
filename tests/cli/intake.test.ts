import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { cli } from '../helpers/cli';

describe('courtdesk CLI: intake commands', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('fee --json gives the fee, the full fee and the tier steps as decimal strings', async () => {
    const r = await cli(['fee', '--kind', 'property', '--amount', '50000', '--procedure', 'simplified', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { fee: string; fullFee: string; steps: { tier: string; amount: string }[]; article: string };
    expect(out).toMatchObject({ fee: '525.00', fullFee: '1050.00' });
    expect(out.steps.map((s) => s.amount)).toEqual(['50.00', '1000.00', '525.00']);
    expect(out.article).toContain('art. 16');
    const ordinary = JSON.parse((await cli(['fee', '--kind', 'property', '--amount', '50000', '--json'])).out) as { fee: string };
    expect(ordinary.fee).toBe('1050.00');
    const mediated = JSON.parse((await cli(['fee', '--kind', 'property', '--amount', '50000', '--closing', 'mediation', '--procedure', 'simplified', '--json'])).out) as { fee: string };
    expect(mediated.fee).toBe('525.00'); // halved once only (CPL-Interp art. 206)
    const divorce = JSON.parse((await cli(['fee', '--kind', 'divorce', '--json'])).out) as { fee: string };
    expect(divorce.fee).toBe('50.00');
  });

  it('fee rejects bad input with a clear message and exit code 2', async () => {
    for (const args of [
      ['fee', '--kind', 'nonsense', '--amount', '1'],
      ['fee', '--kind', 'property', '--amount', '-5'],
      ['fee', '--kind', 'property', '--amount', '99999999999999999'],
      ['fee', '--kind', 'property'],
      ['fee', '--kind', 'property', '--amount', '1', '--bogus'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      expect(r.err.trim().length).toBeGreaterThan(0);
    }
  });

  it('deadline --json gives the due date and the steps (CPL art. 85 with holidays)', async () => {
    const r = await cli(['deadline', '--kind', 'answer', '--start', '2024-09-30', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { due: string; steps: unknown[]; article: string };
    // 15 days from 09-30 is 10-15 (the National Day week ends 10-07).
    expect(out.due).toBe('2024-10-15');
    expect(out.steps.length).toBeGreaterThan(1);
    const trial = JSON.parse((await cli(['deadline', '--kind', 'trial-limit', '--start', '2024-06-03', '--procedure', 'small-claims', '--json'])).out) as { due: string };
    expect(trial.due).toBe('2024-08-05'); // 08-03 is a Saturday
    const ev = JSON.parse((await cli(['deadline', '--kind', 'evidence', '--start', '2024-06-03', '--days', '20', '--json'])).out) as { due: string };
    expect(ev.due).toBe('2024-06-24'); // 06-23 is a Sunday
    const bad = await cli(['deadline', '--kind', 'answer', '--start', '2025-02-30', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not a real calendar date/);
    const badDays = await cli(['deadline', '--kind', 'evidence', '--start', '2024-06-03', '--days', 'ten']);
    expect(badDays.code).toBe(2);
  });

  it('case-number parse reads one per line and writes one JSON line each', async () => {
    const stdin = ['（2024）粤0305民初1234号', '(2023)京0105民初5678号之一', '（2015）深南法民二初字第00658号', '（2024）粤73知民初1号', '', 'not a case number', '（2024）粤0305民初0号'].join('\n');
    const r = await cli(['case-number', 'parse'], stdin);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({ input: '（2024）粤0305民初1234号', valid: true, year: 2024, court: '粤0305', type: '民初', seq: 1234, legacy: false });
    expect(lines[1]).toMatchObject({ valid: true, court: '京0105', seq: 5678 });
    expect(lines[2]).toMatchObject({ valid: true, legacy: true, year: 2015, seq: 658 });
    expect(lines[3]).toMatchObject({ valid: true, court: '粤73', type: '民初' });
    expect(lines[4]).toMatchObject({ input: 'not a case number', valid: false, year: null });
    expect(lines[5]).toMatchObject({ valid: false });
    expect(Object.keys(lines[0]!)).toEqual(['input', 'valid', 'year', 'court', 'type', 'seq', 'legacy']);
  });

  it('extract FILE --json prints the extraction with spans; bad files get a clear message', async () => {
    const file = join(tmp.dir, '起诉状.txt');
    const text = '民事起诉状\n原告：王五，男，汉族，住北京市朝阳区1号。\n被告：赵六，女，住北京市海淀区2号。\n诉讼请求：\n1. 判令被告偿还借款10万元。\n事实与理由：借款未还。\n此致\n北京市朝阳区人民法院\n';
    writeFileSync(file, text);
    const r = await cli(['extract', file, '--json']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as { parties: { name: { value: string; span: { start: number; end: number } } }[]; claims: { amount: { value: number } }[]; court: { value: string } };
    expect(e.parties.map((p) => p.name.value)).toEqual(['王五', '赵六']);
    expect(text.slice(e.parties[1]!.name.span.start, e.parties[1]!.name.span.end)).toBe('赵六');
    expect(e.claims[0]!.amount.value).toBe(10_000_000);
    expect(e.court.value).toBe('北京市朝阳区人民法院');

    const missing = await cli(['extract', join(tmp.dir, 'nope.txt'), '--json']);
    expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/no such file/)]);
    const empty = join(tmp.dir, 'empty.txt');
    writeFileSync(empty, '');
    expect((await cli(['extract', empty])).err).toMatch(/is empty/);
    const junk = join(tmp.dir, 'junk.docx');
    writeFileSync(junk, Buffer.from('not a zip at all'));
    const j = await cli(['extract', junk]);
    expect([j.code, j.err]).toEqual([2, expect.stringMatching(/not a valid \.docx/)]);
    expect((await cli(['extract'])).code).toBe(2);
  });
});
