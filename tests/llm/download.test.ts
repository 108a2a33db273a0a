import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile } from '../../electron/backend/llm/download';
import type { DownloadResult } from '../../shared/contract/llm';
import { AppError } from '../../shared/contract/result';
import { expectAppError, openTestBackend, tempDir } from '../helpers/backend';
import { haveTinyModel, record, tinyModel, until, type OpDonePayload } from './helpers';

/** A loopback file server with Range support that can cut the connection mid-transfer. */
interface FakeHub {
  readonly base: string;
  payload: Buffer;
  /** Bytes to send before dropping the connection, for the next request only. */
  cutNextAfter: number | null;
  readonly requests: { url: string; range: string | undefined }[];
  close(): Promise<void>;
}

async function startHub(payload: Buffer): Promise<FakeHub> {
  const hub = { payload, cutNextAfter: null as number | null, requests: [] as FakeHub['requests'] };
  const server: Server = createServer((req, res) => {
    hub.requests.push({ url: req.url ?? '', range: req.headers.range });
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    if (start >= hub.payload.length && m) {
      res.writeHead(416, { 'Content-Range': `bytes */${hub.payload.length}` }).end();
      return;
    }
    const body = hub.payload.subarray(start);
    res.writeHead(m ? 206 : 200, {
      'Content-Length': String(body.length),
      'Content-Type': 'application/octet-stream',
      ...(m ? { 'Content-Range': `bytes ${start}-${hub.payload.length - 1}/${hub.payload.length}` } : {}),
    });
    const cut = hub.cutNextAfter;
    hub.cutNextAfter = null;
    if (cut !== null) {
      res.write(body.subarray(0, cut), () => setTimeout(() => res.destroy(), 20));
    } else {
      res.end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(hub, {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('model downloader (loopback server)', () => {
  const payload = randomBytes(3 * 1024 * 1024 + 17);
  let hub: FakeHub;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    hub = await startHub(payload);
  });
  afterAll(async () => hub.close());
  beforeEach(() => {
    tmp = tempDir('courtdesk-dl-');
    hub.requests.length = 0;
    hub.payload = payload;
  });
  afterEach(() => tmp.cleanup());

  it('downloads and verifies sha256, with progress', async () => {
    const dest = join(tmp.dir, 'm.gguf');
    const seen: number[] = [];
    const out = await downloadFile({ url: `${hub.base}/a/b/resolve/main/m.gguf`, dest, sha256: sha(payload), onProgress: (d) => seen.push(d) });
    expect(out).toMatchObject({ bytes: payload.length, verified: true, resumedFrom: 0, sha256: sha(payload) });
    expect(readFileSync(dest).equals(payload)).toBe(true);
    expect(seen.at(-1)).toBe(payload.length);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('resumes an interrupted transfer with a Range request', async () => {
    const dest = join(tmp.dir, 'm.gguf');
    hub.cutNextAfter = 1024 * 1024;
    const err = await expectAppError(downloadFile({ url: `${hub.base}/m.gguf`, dest, sha256: sha(payload) }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/start it again to resume/);
    const partial = statSync(`${dest}.part`).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(payload.length);
    const out = await downloadFile({ url: `${hub.base}/m.gguf`, dest, sha256: sha(payload) });
    expect(out.resumedFrom).toBe(partial);
    expect(out.verified).toBe(true);
    expect(hub.requests.at(-1)?.range).toBe(`bytes=${partial}-`);
    expect(readFileSync(dest).equals(payload)).toBe(true);
  });

  it('rejects a hash mismatch and deletes the bad file', async () => {
    const dest = join(tmp.dir, 'm.gguf');
    const err = await expectAppError(downloadFile({ url: `${hub.base}/m.gguf`, dest, sha256: 'a'.repeat(64) }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/sha256 mismatch/);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('keeps the partial file when cancelled', async () => {
    const dest = join(tmp.dir, 'm.gguf');
    const ac = new AbortController();
    let err: unknown;
    try {
      await downloadFile({
        url: `${hub.base}/m.gguf`,
        dest,
        sha256: null,
        signal: ac.signal,
        onProgress: (d) => {
          if (d > 0) ac.abort();
        },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(existsSync(`${dest}.part`)).toBe(true);
  });

  it('refuses non-http URLs', async () => {
    const err = await expectAppError(downloadFile({ url: 'file:///etc/passwd', dest: join(tmp.dir, 'x'), sha256: null }));
    expect(err.code).toBe('BAD_INPUT');
  });
});

describe.skipIf(!haveTinyModel)('llm.download through the API (mirror setting, tiny GGUF)', () => {
  it('downloads a catalogue model from the configured mirror into the user models folder', async () => {
    const hub = await startHub(readFileSync(tinyModel));
    const tb = await openTestBackend();
    const rec = record(tb);
    try {
      await tb.api['llm.settings.update']({ mirrorBaseUrl: hub.base });
      const cat = await tb.api['llm.catalog.list']({});
      const entry = cat.items.find((m) => m.id === 'qwen2.5-1.5b-instruct-q4_k_m')!;
      expect(entry.url).toBe(`${hub.base}/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf`);
      expect(entry.downloaded).toBe(false);
      const { opId } = await tb.api['llm.download']({ catalogId: entry.id });
      const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
      expect(done.error).toBeNull();
      const r = done.result as DownloadResult;
      // The catalogue has no verified hash for this file: the computed one is reported, not "verified".
      expect(r).toMatchObject({ verified: false, sha256: sha(readFileSync(tinyModel)) });
      const list = await tb.api['llm.models.list']({});
      expect(list.items.find((m) => m.fileName === entry.file)?.source).toBe('downloaded');
      expect((await tb.api['llm.catalog.list']({})).items.find((m) => m.id === entry.id)?.downloaded).toBe(true);
      expect(hub.requests[0]?.url).toBe('/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf');
    } finally {
      rec.stop();
      await tb.close();
      await hub.close();
    }
  });
});
