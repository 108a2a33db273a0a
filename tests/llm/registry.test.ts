import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, openTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { haveTinyModel, tinyModel, tinyModelFacts } from './helpers';

/** Rewrites general.architecture in place (same length), for the unsupported-architecture case. */
function withArchitecture(src: Buffer, arch: string): Buffer {
  const out = Buffer.from(src);
  const key = Buffer.from('general.architecture');
  const at = out.indexOf(key);
  // key, then value type (u32 = 8, string), then u64 length, then the bytes.
  const lenAt = at + key.length + 4;
  const len = Number(out.readBigUInt64LE(lenAt));
  expect(len).toBe(arch.length);
  out.write(arch, lenAt + 8, 'utf8');
  return out;
}

describe.skipIf(!haveTinyModel)('model registry (tiny GGUF)', () => {
  let tb: TestBackend;
  let files: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    tb = await openTestBackend();
    files = tempDir('courtdesk-models-');
  });
  afterAll(async () => {
    await tb.close();
    files.cleanup();
  });

  it('describes a model: architecture, parameters, quantisation, context, RAM estimate', async () => {
    const info = await tb.api['llm.models.info']({ path: tinyModel });
    expect(info).toMatchObject({
      fileName: tinyModelFacts.fileName,
      architecture: 'llama',
      quantization: 'F16',
      trainContext: 4096,
      hasChatTemplate: tinyModelFacts.hasChatTemplate,
      supported: true,
      error: null,
      fileBytes: tinyModelFacts.fileBytes,
    });
    expect(info.parameters).toBeGreaterThan(100_000);
    expect(info.ramNeededBytes).toBeGreaterThan(info.fileBytes / 2);
    expect(info.fitsInRam).toBe(true);
  });

  it('refuses a file that is not GGUF', async () => {
    const junk = join(files.dir, 'junk.gguf');
    writeFileSync(junk, 'this is not a model at all, just text');
    const err = await expectAppError(tb.api['llm.models.info']({ path: junk }));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/not a GGUF model file/);
  });

  it('refuses a truncated copy, at the header and in the tensor data', async () => {
    const full = readFileSync(tinyModel);
    // One cut inside the header (metadata), one inside the tensor data.
    for (const cut of [1000, Math.floor(full.length * 0.6)]) {
      const p = join(files.dir, `cut-${cut}.gguf`);
      writeFileSync(p, full.subarray(0, cut));
      const err = await expectAppError(tb.api['llm.models.info']({ path: p }));
      expect(err.code).toBe('BAD_INPUT');
      expect(err.message).toMatch(/truncated|damaged/);
    }
  });

  it('refuses an architecture llama.cpp does not know', async () => {
    const p = join(files.dir, 'alien.gguf');
    writeFileSync(p, withArchitecture(readFileSync(tinyModel), 'zzzzz'));
    const err = await expectAppError(tb.api['llm.models.info']({ path: p }));
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toMatch(/architecture "zzzzz"/);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    const err = await expectAppError(tb.api['llm.models.info']({ path: join(files.dir, 'nope.gguf') }));
    expect(err.code).toBe('NOT_FOUND');
  });

  it('lists the user folder (bad files with their error) and added paths', async () => {
    const userDir = join(tb.dir, 'models');
    mkdirSync(userDir, { recursive: true });
    copyFileSync(tinyModel, join(userDir, 'copy.gguf'));
    writeFileSync(join(userDir, 'broken.gguf'), 'GGUF but not really');
    await expectAppError(tb.api['llm.models.add']({ path: join(files.dir, 'junk.gguf') }));
    const added = await tb.api['llm.models.add']({ path: tinyModel });
    expect(added.source).toBe('added');
    const list = await tb.api['llm.models.list']({});
    expect(list.userModelsDir).toBe(userDir);
    const byName = Object.fromEntries(list.items.map((m) => [m.fileName, m]));
    expect(byName['copy.gguf']?.source).toBe('user');
    expect(byName['copy.gguf']?.error).toBeNull();
    expect(byName['broken.gguf']?.error?.code).toBe('BAD_INPUT');
    expect(byName[tinyModelFacts.fileName]?.source).toBe('added');
    expect((await tb.api['llm.settings.get']({})).addedModels).toEqual([tinyModel]);
    expect(await tb.api['llm.models.remove']({ path: tinyModel })).toEqual({ removed: true });
    expect((await tb.api['llm.settings.get']({})).addedModels).toEqual([]);
  });
});
