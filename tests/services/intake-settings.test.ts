import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExtraction } from '../../electron/backend/intake/extract';
import { setExtractionModel, type ExtractionModel } from '../../electron/backend/intake/modelPass';
import { DEFAULT_FEE_SETTINGS, FEE_RANGES } from '../../shared/rules/fees';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

const complaint = readFileSync(join(__dirname, '..', 'fixtures', 'complaints', '05-labour-minimal.txt'), 'utf8');

describe('intake fee settings', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend();
  });
  afterEach(() => t.close());

  function auditRows(action: string): { detail: string }[] {
    return t.backend.ctx.db.prepare('SELECT detail FROM audit WHERE action = ?').all(action) as { detail: string }[];
  }

  it('starts at the statutory minimums and says so', async () => {
    expect(await t.api['intake.feeSettings.get']({})).toEqual({ settings: DEFAULT_FEE_SETTINGS, isDefault: true });
  });

  it('saves settings inside the ranges, audits the change, and the fee uses them', async () => {
    const next = { ...DEFAULT_FEE_SETTINGS, divorceBase: 20_000, rounding: { unit: 'yuan' as const, mode: 'half-up' as const, stage: 'final' as const } };
    const saved = await t.api['intake.feeSettings.update'](next);
    expect(saved).toEqual({ settings: next, isDefault: false });
    expect(await t.api['intake.feeSettings.get']({})).toEqual(saved);
    const rows = auditRows('settings.fees.update');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toEqual({
      changed: { divorceBase: { from: 5_000, to: 20_000 }, 'rounding.unit': { from: 'fen', to: 'yuan' } },
    });
    const fee = await t.api['intake.fee']({ kind: 'divorce' });
    expect(fee.fee).toBe('200.00');
  });

  it('refuses a value outside its statutory range, naming the field, and keeps the old settings', async () => {
    for (const key of Object.keys(FEE_RANGES) as (keyof typeof FEE_RANGES)[]) {
      const [lo, hi] = FEE_RANGES[key];
      for (const bad of [lo - 1, hi + 1]) {
        const err = await expectAppError(t.api['intake.feeSettings.update']({ ...DEFAULT_FEE_SETTINGS, [key]: bad }));
        expect(err.code).toBe('BAD_INPUT');
        expect(err.message).toContain(key);
      }
    }
    const err = await expectAppError(
      t.api['intake.feeSettings.update']({ ...DEFAULT_FEE_SETTINGS, rounding: { ...DEFAULT_FEE_SETTINGS.rounding, mode: 'banker' as 'up' } }),
    );
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('rounding.mode');
    expect(await t.api['intake.feeSettings.get']({})).toEqual({ settings: DEFAULT_FEE_SETTINGS, isDefault: true });
    expect(auditRows('settings.fees.update')).toHaveLength(0);
  });
});

// The model pass without a real model: a scripted ExtractionModel checks merging and grounding exactly.
describe('intake model pass (scripted model)', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend();
  });
  afterEach(() => t.close());

  it('fills only gaps; a value found in the text gets its span, one not found is unverified', async () => {
    const rules = await t.api['intake.extract']({ text: complaint });
    expect(rules.model.ran).toBe(false);
    const model: ExtractionModel = {
      name: 'scripted',
      propose: () =>
        Promise.resolve({
          proposals: [
            { path: 'parties.0.occupation', value: '服务员', quote: '任服务员' },
            { path: 'parties.0.phone', value: '13800000000', quote: '电话13800000000' },
            // The rules found the court: a model value must not replace it.
            { path: 'court', value: '别的法院' },
            // A natural person has no legal representative: not a gap.
            { path: 'parties.0.legalRep', value: '马丽' },
            { path: 'parties.9.address', value: '不存在的当事人' },
          ],
          note: 'test',
        }),
    };
    setExtractionModel(t.backend.ctx, model);
    const e = await t.api['intake.extract']({ text: complaint });
    expect(e.model).toEqual({ ran: true, detail: 'model scripted (test): 5 proposal(s), 2 gap(s) filled, 1 unverified' });
    const at = complaint.indexOf('服务员');
    expect(e.parties[0]!.occupation).toEqual({ value: '服务员', span: { start: at, end: at + 3 }, source: 'model', verified: true });
    expect(e.parties[0]!.phone).toEqual({ value: '13800000000', span: null, source: 'model', verified: false });
    expect(e.court).toEqual(rules.court);
    expect(e.parties[0]!.legalRep).toBeNull();
  });

  it('a failing or hanging model never fails the import', async () => {
    setExtractionModel(t.backend.ctx, { name: 'broken', propose: () => Promise.reject(new SyntaxError('Unexpected token } in JSON')) });
    const imp = await t.api['intake.importFiling']({ files: [], pastedText: complaint });
    expect(imp.extraction?.extraction.model).toEqual({ ran: false, detail: 'model pass failed (broken): Unexpected token } in JSON' });
    expect(imp.extraction?.extraction.parties.length).toBeGreaterThan(0);

    setExtractionModel(t.backend.ctx, {
      name: 'slow',
      propose: (_text, _e, { signal }) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
    });
    const e = await runExtraction(t.backend.ctx, complaint, { timeoutMs: 20 });
    expect(e.model).toEqual({ ran: false, detail: 'model pass failed (slow): no answer within 20 ms' });
  });
});
