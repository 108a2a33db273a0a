import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { CatalogEntry } from '../../../shared/contract/llm';
import { AppError } from '../../../shared/contract/result';

const CatalogFile = z.object({
  version: z.number().int(),
  notes: z.string(),
  models: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9._-]+$/),
      family: z.string(),
      name: z.string(),
      parameters: z.string(),
      quantization: z.string(),
      repo: z.string().regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/),
      file: z.string().regex(/^[A-Za-z0-9._-]+\.gguf$/),
      sizeBytes: z.number().int(),
      ramGb: z.number(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      license: z.string(),
      notes: z.string(),
    }),
  ),
});
export type CatalogModel = z.infer<typeof CatalogFile>['models'][number];

export function readCatalog(resourcesDir: string): CatalogModel[] {
  const path = join(resourcesDir, 'models', 'catalog.json');
  const parsed = CatalogFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new AppError('INTERNAL', `The model catalogue ${path} is malformed`);
  return parsed.data.models;
}

/** Hugging Face layout, which its mirrors copy. */
export function downloadUrl(mirrorBaseUrl: string, m: Pick<CatalogModel, 'repo' | 'file'>): string {
  return `${mirrorBaseUrl.replace(/\/+$/, '')}/${m.repo}/resolve/main/${encodeURIComponent(m.file)}`;
}

export function catalogEntries(resourcesDir: string, mirror: string, modelsDir: string): CatalogEntry[] {
  return readCatalog(resourcesDir).map((m) => ({
    ...m,
    downloaded: existsSync(join(modelsDir, m.file)),
    url: downloadUrl(mirror, m),
  }));
}

export interface DownloadOptions {
  readonly url: string;
  readonly dest: string;
  /** Lowercase hex; null when unknown (the computed hash is returned, `verified` false). */
  readonly sha256: string | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number | null) => void;
}

export interface DownloadOutcome {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly verified: boolean;
  readonly resumedFrom: number;
}

async function hashFile(path: string, hash: ReturnType<typeof createHash>): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/**
 * Downloads to `dest + .part`, resuming a previous partial file with an HTTP Range request
 * (a 2 GB model over a court network is often interrupted), then checks sha256 and renames.
 * Interrupted or cancelled transfers keep the .part file so the next attempt resumes.
 */
export async function downloadFile(o: DownloadOptions): Promise<DownloadOutcome> {
  if (!/^https?:\/\//.test(o.url)) throw new AppError('BAD_INPUT', `Only http(s) downloads are allowed: ${o.url}`);
  mkdirSync(dirname(o.dest), { recursive: true });
  const part = `${o.dest}.part`;
  let offset = existsSync(part) ? statSync(part).size : 0;
  let res: Response;
  try {
    res = await fetch(o.url, {
      headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      redirect: 'follow',
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (err) {
    if (o.signal?.aborted) throw new AppError('CANCELLED', 'Download cancelled; start it again to resume');
    throw new AppError('UNAVAILABLE', `Cannot reach ${new URL(o.url).host}: ${(err as Error).message}. Check the mirror URL setting.`);
  }
  let total: number | null;
  if (res.status === 416 && offset > 0) {
    // The part file already holds everything the server has: verify it as it is.
    await res.body?.cancel();
    total = offset;
  } else if (res.status === 206 && offset > 0) {
    const range = /bytes (\d+)-\d+\/(\d+|\*)/.exec(res.headers.get('content-range') ?? '');
    if (!range || Number(range[1]) !== offset) {
      await res.body?.cancel();
      throw new AppError('UNAVAILABLE', 'The server answered the resume request with a different range; delete the partial file and retry');
    }
    total = range[2] === '*' ? null : Number(range[2]);
  } else if (res.status === 200) {
    // The server ignored Range (or there was nothing to resume): start from zero.
    offset = 0;
    const len = res.headers.get('content-length');
    total = len === null ? null : Number(len);
  } else {
    await res.body?.cancel();
    throw new AppError('UNAVAILABLE', `Download failed: HTTP ${res.status} from ${new URL(o.url).host}`);
  }
  const resumedFrom = offset;
  const hash = createHash('sha256');
  if (offset > 0) await hashFile(part, hash);
  let written = offset;
  if (res.status !== 416) {
    const fh = await open(part, offset > 0 ? 'a' : 'w');
    try {
      if (!res.body) throw new AppError('UNAVAILABLE', 'The server sent no body');
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await fh.write(value);
        hash.update(value);
        written += value.byteLength;
        o.onProgress?.(written, total);
      }
    } catch (err) {
      if (o.signal?.aborted) throw new AppError('CANCELLED', `Download cancelled after ${written} bytes; start it again to resume`);
      if (err instanceof AppError) throw err;
      throw new AppError('UNAVAILABLE', `Download interrupted after ${written} bytes (${(err as Error).message}); start it again to resume`, {
        written,
      });
    } finally {
      await fh.close();
    }
  }
  if (total !== null && written !== total) {
    throw new AppError('UNAVAILABLE', `Download interrupted: got ${written} of ${total} bytes; start it again to resume`, { written, total });
  }
  const digest = hash.digest('hex');
  if (o.sha256 !== null && digest !== o.sha256.toLowerCase()) {
    // A wrong file must not be resumed from either: start clean next time.
    unlinkSync(part);
    throw new AppError('CONFLICT', `sha256 mismatch for ${o.dest}: expected ${o.sha256}, got ${digest}. The file was deleted.`, {
      expected: o.sha256,
      actual: digest,
    });
  }
  renameSync(part, o.dest);
  return { path: o.dest, bytes: written, sha256: digest, verified: o.sha256 !== null, resumedFrom };
}
