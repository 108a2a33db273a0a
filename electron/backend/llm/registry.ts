import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { freemem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { ModelInfo } from '../../../shared/contract/llm';
import { AppError } from '../../../shared/contract/result';
import { loadLib, sharedLlama } from './lib';

type Source = ModelInfo['source'];

/** Vocabulary arrays are megabytes in real models and not needed to describe the file. */
const IGNORED_KEYS = ['tokenizer.ggml.tokens', 'tokenizer.ggml.merges', 'tokenizer.ggml.token_type', 'tokenizer.ggml.scores'];

const cache = new Map<string, { key: string; info: Omit<ModelInfo, 'source' | 'freeRamBytes' | 'fitsInRam'> }>();

function fileKey(size: number, mtimeMs: number): string {
  return `${size}:${mtimeMs}`;
}

function errorInfo(path: string, bytes: number, error: AppError): Omit<ModelInfo, 'source' | 'freeRamBytes' | 'fitsInRam'> {
  return {
    path,
    fileName: basename(path),
    fileBytes: bytes,
    name: basename(path).replace(/\.gguf$/i, ''),
    architecture: '',
    parameters: 0,
    quantization: '',
    trainContext: null,
    hasChatTemplate: false,
    supported: false,
    ramNeededBytes: 0,
    estimateContext: 0,
    error: { code: error.code, message: error.message },
  };
}

/**
 * Reads a GGUF file's header and estimates what loading it costs. Never throws for a bad
 * file: the error is part of the answer so the models list can show it beside the good ones.
 */
export async function inspectModel(pathIn: string, source: Source, contextSize: number): Promise<ModelInfo> {
  const path = resolve(pathIn);
  let st;
  try {
    st = statSync(path);
  } catch {
    const e = new AppError('NOT_FOUND', `Model file not found: ${path}`);
    return { ...errorInfo(path, 0, e), source, freeRamBytes: freemem(), fitsInRam: false };
  }
  if (!st.isFile()) {
    const e = new AppError('BAD_INPUT', `Not a file: ${path}`);
    return { ...errorInfo(path, 0, e), source, freeRamBytes: freemem(), fitsInRam: false };
  }
  const key = fileKey(st.size, st.mtimeMs);
  const cached = cache.get(`${path}#${contextSize}`);
  let base = cached?.key === key ? cached.info : null;
  if (!base) {
    base = await readInfo(path, st.size, contextSize);
    cache.set(`${path}#${contextSize}`, { key, info: base });
  }
  const free = freemem();
  return { ...base, source, freeRamBytes: free, fitsInRam: base.error === null && base.ramNeededBytes <= free };
}

/**
 * Checks the fixed GGUF preamble before handing the file to node-llama-cpp: its reader treats
 * bytes past the end of the file as zeros and trusts the counts, so junk that starts with
 * "GGUF" made it loop over billions of phantom entries (seen with 3.21.1).
 */
function preambleProblem(path: string, size: number): string | null {
  if (size < 24) return 'is too short to be a GGUF model file';
  const buf = Buffer.alloc(24);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, 24, 0);
  } finally {
    closeSync(fd);
  }
  if (buf.toString('latin1', 0, 4) !== 'GGUF') return `is not a GGUF model file (it starts with ${JSON.stringify(buf.toString('latin1', 0, 4))})`;
  const version = buf.readUInt32LE(4);
  if (version < 2 || version > 3) return `has GGUF version ${version}, which is not supported (2 and 3 are)`;
  const tensors = buf.readBigUInt64LE(8);
  const kvs = buf.readBigUInt64LE(16);
  if (tensors > 1_000_000n || kvs > 100_000n) return 'has a damaged GGUF header (impossible tensor or key counts)';
  // Every tensor needs at least a name, dims, type and offset in the header (about 32 bytes).
  if (BigInt(size) < 24n + tensors * 32n) return 'is truncated inside its GGUF header';
  return null;
}

const HEADER_TIMEOUT_MS = 20_000;

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((res, rej) => {
    const t = setTimeout(() => rej(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        res(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        rej(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function readInfo(
  path: string,
  size: number,
  contextSize: number,
): Promise<Omit<ModelInfo, 'source' | 'freeRamBytes' | 'fitsInRam'>> {
  const problem = preambleProblem(path, size);
  if (problem) return errorInfo(path, size, new AppError('BAD_INPUT', `${basename(path)} ${problem}`));
  const lib = await loadLib();
  let info;
  try {
    const ac = new AbortController();
    info = await withTimeout(
      lib.readGgufFileInfo(path, { logWarnings: false, ignoreKeys: IGNORED_KEYS, sourceType: 'filesystem', signal: ac.signal }),
      HEADER_TIMEOUT_MS,
      'reading the header took too long',
    ).finally(() => ac.abort());
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    const e = /magic/i.test(msg)
      ? new AppError('BAD_INPUT', `${basename(path)} is not a GGUF model file (${msg})`)
      : new AppError('BAD_INPUT', `${basename(path)} has a damaged or truncated GGUF header: ${msg}`);
    return errorInfo(path, size, e);
  }
  const llama = await sharedLlama();
  const insights = await lib.GgufInsights.from(info, llama);
  const general = info.metadata.general;
  const architecture = String(general?.architecture ?? '');
  const fileType = general?.file_type;
  let quantization = '';
  if (typeof fileType === 'number' && lib.GgufFileType[fileType] !== undefined) {
    quantization = lib.GgufFileType[fileType].replace(/^MOSTLY_|^ALL_/, '');
  } else if (insights.dominantTensorType !== undefined) {
    quantization = lib.GgmlType[insights.dominantTensorType] ?? '';
  }
  const trainContext = insights.trainContextSize ?? null;
  const estimateContext = Math.min(contextSize, trainContext ?? contextSize);
  const out = {
    path,
    fileName: basename(path),
    fileBytes: size,
    name: typeof general?.name === 'string' && general.name !== '' ? general.name : basename(path).replace(/\.gguf$/i, ''),
    architecture,
    parameters: insights.totalParameters,
    quantization,
    trainContext,
    hasChatTemplate: typeof info.metadata.tokenizer?.chat_template === 'string' && info.metadata.tokenizer.chat_template !== '',
    supported: insights.isSupportedByLlamaCpp,
    ramNeededBytes: 0,
    estimateContext,
    error: null as ModelInfo['error'],
  };
  // The tensor data follows the header: a file shorter than header + tensors was cut off
  // (an interrupted copy or download). llama.cpp would fail later with a vaguer message.
  const needed = (info.infoEndOffset ?? 0) + insights.modelSize;
  if (size < needed) {
    out.error = {
      code: 'BAD_INPUT',
      message: `${basename(path)} is truncated: it has ${size} bytes but its header describes at least ${needed}. Download or copy it again.`,
    };
    return out;
  }
  if (!insights.isSupportedByLlamaCpp) {
    out.error = {
      code: 'UNSUPPORTED',
      message: `${basename(path)} uses the architecture "${architecture}", which this version of llama.cpp cannot run.`,
    };
    return out;
  }
  try {
    const m = await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 });
    const c = await insights.estimateContextResourceRequirementsV2({ contextSize: estimateContext, modelGpuLayers: 0 });
    out.ramNeededBytes = Math.round(m.cpuRam + c.cpuRam);
  } catch {
    // An estimate is advice; a file that loads must not be refused because the estimator failed.
    out.ramNeededBytes = size;
  }
  return out;
}

/** Throws the file's error as an AppError: for adding, loading and `model info`. */
export async function requireUsableModel(path: string, source: Source, contextSize: number): Promise<ModelInfo> {
  const info = await inspectModel(path, source, contextSize);
  if (info.error) throw new AppError(info.error.code, info.error.message, { path: info.path });
  return info;
}

/** .gguf files directly in a folder (not recursive: model folders can be large trees of other files). */
export function scanFolder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.gguf') && !d.name.startsWith('.'))
      .map((d) => join(dir, d.name))
      .sort();
  } catch {
    return [];
  }
}
