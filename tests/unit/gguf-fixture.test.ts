import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALIGNMENT, CHATML_TEMPLATE, GGML_TYPE, GGUF_TYPE, makeTinyGguf, tinyVocab, toHalf } from '../fixtures/gguf/makeTinyGguf';

/**
 * An independent reader of the GGUF layout (written from the spec, not from the generator), so
 * the fixture is checked by something other than the code that wrote it; node-llama-cpp's own
 * reader checks it a second time below.
 */
interface Parsed {
  version: number;
  meta: Map<string, { type: number; value: unknown }>;
  tensors: { name: string; dims: number[]; type: number; offset: number }[];
  dataStart: number;
}

function parseGguf(buf: Buffer): Parsed {
  let p = 0;
  const u32 = () => {
    const v = buf.readUInt32LE(p);
    p += 4;
    return v;
  };
  const u64 = () => {
    const v = Number(buf.readBigUInt64LE(p));
    p += 8;
    return v;
  };
  const str = () => {
    const n = u64();
    const s = buf.toString('utf8', p, p + n);
    p += n;
    return s;
  };
  const scalar = (type: number): unknown => {
    switch (type) {
      case GGUF_TYPE.UINT32:
        return u32();
      case GGUF_TYPE.INT32: {
        const v = buf.readInt32LE(p);
        p += 4;
        return v;
      }
      case GGUF_TYPE.FLOAT32: {
        const v = buf.readFloatLE(p);
        p += 4;
        return v;
      }
      case GGUF_TYPE.BOOL:
        return buf[p++] === 1;
      case GGUF_TYPE.STRING:
        return str();
      case GGUF_TYPE.ARRAY: {
        const elem = u32();
        const n = u64();
        return Array.from({ length: n }, () => scalar(elem));
      }
      default:
        throw new Error(`unexpected metadata type ${type}`);
    }
  };
  expect(buf.toString('ascii', 0, 4)).toBe('GGUF');
  p = 4;
  const version = u32();
  const tensorCount = u64();
  const kvCount = u64();
  const meta = new Map<string, { type: number; value: unknown }>();
  for (let i = 0; i < kvCount; i++) {
    const key = str();
    const type = u32();
    meta.set(key, { type, value: scalar(type) });
  }
  const tensors: Parsed['tensors'] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = str();
    const nDims = u32();
    const dims = Array.from({ length: nDims }, () => u64());
    tensors.push({ name, dims, type: u32(), offset: u64() });
  }
  const dataStart = Math.ceil(p / ALIGNMENT) * ALIGNMENT;
  // The padding before the data must be zeros.
  expect([...buf.subarray(p, dataStart)].every((b) => b === 0)).toBe(true);
  return { version, meta, tensors, dataStart };
}

const bytesOf = (t: { dims: number[]; type: number }) => t.dims.reduce((a, b) => a * b, 1) * (t.type === GGML_TYPE.F16 ? 2 : 4);

describe('tiny GGUF fixture generator', () => {
  const t0 = performance.now();
  const buf = makeTinyGguf();
  const genMs = performance.now() - t0;
  const g = parseGguf(buf);
  const meta = (k: string) => g.meta.get(k)?.value;

  it('is small, fast and byte-for-byte deterministic (seeded)', () => {
    expect(buf.length).toBeLessThan(2 * 1024 * 1024);
    expect(genMs).toBeLessThan(1000);
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(hash(makeTinyGguf())).toBe(hash(buf));
    expect(hash(makeTinyGguf({ seed: 7 }))).not.toBe(hash(buf));
  });

  it('has a GGUF v3 header with the llama hyper-parameters as typed keys', () => {
    expect(g.version).toBe(3);
    expect(meta('general.architecture')).toBe('llama');
    expect(meta('general.alignment')).toBe(ALIGNMENT);
    expect(meta('general.file_type')).toBe(1);
    for (const k of [
      'llama.context_length',
      'llama.embedding_length',
      'llama.block_count',
      'llama.feed_forward_length',
      'llama.attention.head_count',
      'llama.attention.head_count_kv',
      'llama.rope.dimension_count',
    ]) {
      expect(g.meta.get(k)?.type, k).toBe(GGUF_TYPE.UINT32);
    }
    expect(g.meta.get('llama.attention.layer_norm_rms_epsilon')?.type).toBe(GGUF_TYPE.FLOAT32);
    expect(meta('llama.rope.dimension_count')).toBe(Number(meta('llama.embedding_length')) / Number(meta('llama.attention.head_count')));
    expect(meta('tokenizer.chat_template')).toBe(CHATML_TEMPLATE);
  });

  it('has a byte-level SentencePiece vocabulary', () => {
    expect(meta('tokenizer.ggml.model')).toBe('llama');
    const tokens = meta('tokenizer.ggml.tokens') as string[];
    const types = meta('tokenizer.ggml.token_type') as number[];
    const scores = meta('tokenizer.ggml.scores') as number[];
    expect(types).toHaveLength(tokens.length);
    expect(scores).toHaveLength(tokens.length);
    expect(tokens.slice(0, 3)).toEqual(['<unk>', '<s>', '</s>']);
    for (let b = 0; b < 256; b++) {
      const i = tokens.indexOf(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
      expect(i).toBeGreaterThan(2);
      expect(types[i]).toBe(6);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toContain('\u2581');
    expect(meta('tokenizer.ggml.bos_token_id')).toBe(1);
    expect(meta('tokenizer.ggml.eos_token_id')).toBe(2);
    expect(tokens).toEqual(tinyVocab().tokens);
  });

  it('lists every llama tensor with consistent shapes, aligned offsets and data inside the file', () => {
    const nEmbd = Number(meta('llama.embedding_length'));
    const nFf = Number(meta('llama.feed_forward_length'));
    const nVocab = (meta('tokenizer.ggml.tokens') as string[]).length;
    const blocks = Number(meta('llama.block_count'));
    const byName = new Map(g.tensors.map((t) => [t.name, t]));
    expect(byName.size).toBe(g.tensors.length);
    expect(byName.get('token_embd.weight')?.dims).toEqual([nEmbd, nVocab]);
    expect(byName.get('output.weight')?.dims).toEqual([nEmbd, nVocab]);
    expect(byName.get('output_norm.weight')?.dims).toEqual([nEmbd]);
    for (let b = 0; b < blocks; b++) {
      for (const n of ['attn_q', 'attn_k', 'attn_v', 'attn_output']) expect(byName.get(`blk.${b}.${n}.weight`)?.dims).toEqual([nEmbd, nEmbd]);
      expect(byName.get(`blk.${b}.ffn_gate.weight`)?.dims).toEqual([nEmbd, nFf]);
      expect(byName.get(`blk.${b}.ffn_up.weight`)?.dims).toEqual([nEmbd, nFf]);
      expect(byName.get(`blk.${b}.ffn_down.weight`)?.dims).toEqual([nFf, nEmbd]);
      expect(byName.get(`blk.${b}.attn_norm.weight`)?.type).toBe(GGML_TYPE.F32);
      expect(byName.get(`blk.${b}.ffn_norm.weight`)?.type).toBe(GGML_TYPE.F32);
    }
    expect(g.tensors).toHaveLength(3 + 9 * blocks);
    expect(g.dataStart % ALIGNMENT).toBe(0);
    let end = 0;
    for (const t of g.tensors) {
      expect(t.offset % ALIGNMENT, t.name).toBe(0);
      expect(t.offset, `${t.name} overlaps the previous tensor`).toBeGreaterThanOrEqual(end);
      end = t.offset + bytesOf(t);
    }
    expect(g.dataStart + end).toBeLessThanOrEqual(buf.length);
    expect(buf.length - (g.dataStart + end)).toBeLessThan(ALIGNMENT);
    // The norms hold finite numbers near 1; the F16 weights are finite.
    const norm = byName.get('output_norm.weight')!;
    for (let i = 0; i < nEmbd; i++) {
      const v = buf.readFloatLE(g.dataStart + norm.offset + i * 4);
      expect(v).toBeGreaterThan(0.5);
      expect(v).toBeLessThan(1.5);
    }
    const q = byName.get('blk.0.attn_q.weight')!;
    for (let i = 0; i < nEmbd * nEmbd; i++) expect(buf.readUInt16LE(g.dataStart + q.offset + i * 2) & 0x7c00).not.toBe(0x7c00);
  });

  it('reads the same through node-llama-cpp (which the app uses)', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'courtdesk-gguf-'));
    try {
      const file = join(dir, 'tiny.gguf');
      writeFileSync(file, buf);
      const { readGgufFileInfo } = await import('node-llama-cpp');
      const info = await readGgufFileInfo(file, { readTensorInfo: true });
      expect(info.version).toBe(3);
      expect(info.metadata.general.architecture).toBe('llama');
      expect(info.fullTensorInfo?.map((t) => t.name)).toEqual(g.tensors.map((t) => t.name));
      expect(info.fullTensorInfo?.map((t) => Number(t.offset))).toEqual(g.tensors.map((t) => t.offset));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('converts to half precision correctly', () => {
    expect(toHalf(0)).toBe(0);
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0.5)).toBe(0x3800);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(toHalf(2 ** -24)).toBe(0x0001);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to even
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });
});
