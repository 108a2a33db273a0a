import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { haveTinyModel, tinyModel } from './helpers';

describe.skipIf(!haveTinyModel)('courtdesk CLI: model commands (tiny random model)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('model info FILE --json prints the metadata; a junk file exits 2 with the reason', async () => {
    const r = await cli(['model', 'info', tinyModel, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ architecture: 'llama', quantization: 'F16', trainContext: 4096, error: null });
    const junk = join(tmp.dir, 'junk.gguf');
    writeFileSync(junk, 'nope');
    const bad = await cli(['model', 'info', junk, '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).error.message).toMatch(/too short|not a GGUF/);
  });

  it('generate --json gives text or schema-checked JSON with timings', async () => {
    const plain = await cli(['generate', '--model', tinyModel, '--prompt', 'hello', '--max-tokens', '8', '--data-dir', tmp.dir, '--json']);
    expect(plain.code).toBe(0);
    const p = JSON.parse(plain.out) as { text: string; timings: { outputTokens: number } };
    expect(p.timings.outputTokens).toBeGreaterThan(0);
    const schemaFile = join(tmp.dir, 'schema.json');
    writeFileSync(schemaFile, JSON.stringify({ type: 'object', properties: { name: { type: 'string', maxLength: 12 } }, required: ['name'] }));
    const structured = await cli(['generate', '--model', tinyModel, '--prompt', '姓名？', '--schema', schemaFile, '--data-dir', tmp.dir, '--json']);
    expect(structured.code).toBe(0);
    expect(typeof (JSON.parse(structured.out) as { json: { name: string } }).json.name).toBe('string');
    const unbounded = join(tmp.dir, 'open.json');
    writeFileSync(unbounded, JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }));
    const refused = await cli(['generate', '--model', tinyModel, '--prompt', 'x', '--schema', unbounded, '--data-dir', tmp.dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/not bounded/);
  });

  it('bench-model FILE --limit 2 --json prints the figures; model bench is the same', async () => {
    const r = await cli(['bench-model', tinyModel, '--limit', '2', '--data-dir', tmp.dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ items: 2, modelPath: tinyModel, densityDefinition: expect.any(String) });
    const r2 = await cli(['model', 'bench', '--model', tinyModel, '--limit', '1', '--data-dir', tmp.dir, '--json']);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.out)).toMatchObject({ items: 1 });
  });
});
