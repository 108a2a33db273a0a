import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction, Field } from '../../shared/contract/intake';
import { runExtraction } from '../../electron/backend/intake/extract';
import { openTestBackend, type TestBackend } from '../helpers/backend';
import { haveTinyModel, projectRoot, record, tinyModel, until, type OpDonePayload } from './helpers';

const complaint = readFileSync(join(projectRoot, 'tests', 'fixtures', 'complaints', '05-labour-minimal.txt'), 'utf8');

/** Every optional string field the model pass may fill, with its dotted path. */
function gapFields(e: Extraction): [string, Field<string> | null][] {
  const out: [string, Field<string> | null][] = [
    ['title', e.title],
    ['court', e.court],
    ['factsAndReasons', e.factsAndReasons],
    ['signedBy', e.signedBy],
  ];
  e.parties.forEach((p, i) => {
    for (const k of ['ethnicity', 'occupation', 'employer', 'idNumber', 'creditCode', 'address', 'phone', 'legalRep', 'legalRepTitle'] as const) {
      out.push([`parties.${i}.${k}`, p[k]]);
    }
  });
  return out;
}

// Random weights produce gibberish: these tests check the pipeline (grounding, merging, failure handling), never quality.
describe.skipIf(!haveTinyModel)('intake model pass (tiny random model)', () => {
  let tb: TestBackend;
  let rulesOnly: Extraction;

  beforeAll(async () => {
    tb = await openTestBackend();
    rulesOnly = await tb.api['intake.extract']({ text: complaint });
    const rec = record(tb);
    const { opId } = await tb.api['llm.load']({ path: tinyModel, contextSize: 4096 });
    const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
    rec.stop();
    expect(done.status).toBe('ok');
  }, 120_000);
  afterAll(async () => {
    await tb.close();
  });

  it('without a model the rules alone run', () => {
    expect(rulesOnly.model.ran).toBe(false);
    expect(rulesOnly.model.detail).toMatch(/no model/);
  });

  it('runs the model pass; model fields are grounded or unverified; rule fields unchanged', async () => {
    const e = await tb.api['intake.extract']({ text: complaint });
    expect(e.model.ran).toBe(true);
    expect(e.model.detail).toMatch(/extract-parties@2, provenance /);
    const before = new Map(gapFields(rulesOnly));
    for (const [path, f] of gapFields(e)) {
      const rule = before.get(path) ?? null;
      if (rule !== null) {
        // The model only fills gaps: whatever the rules found stays exactly as it was.
        expect(f, path).toEqual(rule);
        continue;
      }
      if (f === null) continue;
      expect(f.source, path).toBe('model');
      if (f.verified) {
        expect(f.span, path).not.toBeNull();
        expect(complaint.slice(f.span!.start, f.span!.end), path).toBe(f.value);
      } else {
        expect(f.span, path).toBeNull();
      }
    }
    // Everything outside the gap fields is the rules' work, untouched.
    const strip = (x: Extraction) => ({ ...x, model: null, title: null, court: null, factsAndReasons: null, signedBy: null, parties: x.parties.map((p) => ({ ...p, ethnicity: null, occupation: null, employer: null, idNumber: null, creditCode: null, address: null, phone: null, legalRep: null, legalRepTitle: null })) });
    expect(strip(e)).toEqual(strip(rulesOnly));
    // The answer is recorded with its prompt version (provenance).
    const provId = /provenance (\S+?)\)/.exec(e.model.detail)?.[1];
    expect(provId).toBeDefined();
    const prov = await tb.api['llm.provenance.get']({ id: provId! });
    expect(prov).toMatchObject({ promptId: 'extract-parties', promptVersion: 2 });
  }, 120_000);

  it('importFiling runs the pass too and stores what it found', async () => {
    const r = await tb.api['intake.importFiling']({ files: [], pastedText: complaint });
    expect(r.extraction?.extraction.model.ran).toBe(true);
    expect(r.extraction?.extraction.parties.map((p) => p.name.value)).toEqual(rulesOnly.parties.map((p) => p.name.value));
  }, 120_000);

  it('a model that does not answer in time never fails the extraction', async () => {
    const e = await runExtraction(tb.backend.ctx, complaint, { timeoutMs: 1 });
    expect(e.model.ran).toBe(false);
    expect(e.model.detail).toMatch(/model pass failed .*no answer within/);
    expect({ ...e, model: null }).toEqual({ ...rulesOnly, model: null });
  }, 120_000);
});
