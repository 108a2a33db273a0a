import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { FieldMapping, ImportIssue, ImportIssueCode } from '../../../shared/contract/precedents';
import { AppError } from '../../../shared/contract/result';
import { extractText } from '../documents/extract';
import { rawFromRow, type RawDoc } from './records';

/** One unit of a source: a line/row or a file. `position` is 1-based and strictly increasing. */
export type Unit = { position: number; doc: RawDoc } | { position: number; issue: ImportIssue } | { position: number; skip: true };

export interface SourceReader {
  /** Known up front for folders; null for streams. */
  total: number | null;
  units(startAfter: number): AsyncGenerator<Unit>;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** documents/extract.ts refusals (details.reason) as import issue codes. */
const EXTRACT_REASON_CODES: Readonly<Record<string, ImportIssueCode>> = {
  empty: 'no_text',
  corrupt_docx: 'damaged_file',
  corrupt_pdf: 'damaged_file',
  corrupt_txt: 'damaged_file',
  pdf_password: 'password_protected',
  ole: 'legacy_doc',
  binary: 'not_document',
};

function lines(path: string, gz: boolean) {
  const raw = createReadStream(path);
  const input = gz ? raw.pipe(createGunzip()) : raw;
  // A broken gzip stream surfaces as an error on the interface's input; rethrow it to the loop.
  return createInterface({ input, crlfDelay: Infinity });
}

function requireFile(path: string): void {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `File not found: ${path}`);
  if (!statSync(path).isFile()) throw new AppError('BAD_INPUT', `Not a file: ${path}`);
}

export function jsonlReader(path: string, mapping: FieldMapping): SourceReader {
  requireFile(path);
  return {
    total: null,
    async *units(startAfter) {
      let n = 0;
      for await (const line of lines(path, /\.gz$/i.test(path))) {
        n++;
        if (n <= startAfter) continue;
        const t = line.trim();
        if (!t) {
          yield { position: n, skip: true };
          continue;
        }
        if (t.length > MAX_LINE_CHARS) {
          yield { position: n, issue: { line: n, file: null, message: `line is too long (${t.length} characters)`, code: 'line_too_long', params: { chars: t.length } } };
          continue;
        }
        let row: unknown;
        try {
          row = JSON.parse(t.replace(/^\uFEFF/, ''));
        } catch (err) {
          yield { position: n, issue: { line: n, file: null, message: `not valid JSON (${(err as Error).message.slice(0, 100)})`, code: 'bad_json' } };
          continue;
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          yield { position: n, issue: { line: n, file: null, message: 'not a JSON object', code: 'not_object' } };
          continue;
        }
        yield { position: n, doc: rawFromRow(row as Record<string, unknown>, mapping, `line ${n}`) };
      }
    },
  };
}

/** RFC 4180 fields of one record; returns null while a quoted field is still open (record spans lines). */
export function parseCsvRecord(text: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      out.push(field);
      field = '';
      i++;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

export function csvReader(path: string, mapping: FieldMapping): SourceReader {
  requireFile(path);
  return {
    total: null,
    async *units(startAfter) {
      let header: string[] | null = null;
      let pending = '';
      let startLine = 0;
      let n = 0;
      let record = 0;
      for await (const line of lines(path, false)) {
        n++;
        if (pending === '') startLine = n;
        pending = pending === '' ? line : `${pending}\n${line}`;
        if (pending.length > MAX_LINE_CHARS) {
          record++;
          if (record > startAfter) yield { position: record, issue: { line: startLine, file: null, message: 'record is too long or has an unclosed quote', code: 'record_too_long' } };
          pending = '';
          continue;
        }
        const fields = parseCsvRecord(pending);
        if (fields === null) continue;
        pending = '';
        if (!header) {
          header = fields.map((h) => h.replace(/^\uFEFF/, '').trim());
          continue;
        }
        record++;
        if (record <= startAfter) continue;
        if (fields.length === 1 && fields[0] === '') {
          yield { position: record, skip: true };
          continue;
        }
        if (fields.length !== header.length) {
          yield {
            position: record,
            issue: {
              line: startLine,
              file: null,
              message: `has ${fields.length} fields, the header has ${header.length}`,
              code: 'field_count',
              params: { fields: fields.length, expected: header.length },
            },
          };
          continue;
        }
        const row = Object.fromEntries(header.map((h, i) => [h, fields[i] ?? '']));
        yield { position: record, doc: rawFromRow(row, mapping, `line ${startLine}`) };
      }
      if (pending !== '') {
        record++;
        if (record > startAfter) yield { position: record, issue: { line: startLine, file: null, message: 'unclosed quote at end of file', code: 'unclosed_quote' } };
      }
    },
  };
}

const DOC_EXT = /\.(txt|docx|pdf)$/i;

export function listJudgmentFiles(dir: string, recursive: boolean): string[] {
  if (!existsSync(dir)) throw new AppError('NOT_FOUND', `Folder not found: ${dir}`);
  if (!statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `Not a folder: ${dir}`);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (recursive) walk(p);
      } else if (e.isFile() && DOC_EXT.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function folderReader(dir: string, recursive: boolean): SourceReader {
  const files = listJudgmentFiles(dir, recursive);
  return {
    total: files.length,
    async *units(startAfter) {
      for (let i = startAfter; i < files.length; i++) {
        const path = files[i] as string;
        const rel = relative(dir, path);
        const position = i + 1;
        try {
          const size = statSync(path).size;
          if (size > MAX_FILE_BYTES) {
            yield { position, issue: { line: null, file: rel, message: `file too large (${size} bytes)`, code: 'file_too_large', params: { bytes: size } } };
            continue;
          }
          const extracted = await extractText(await readFile(path), basename(path));
          if (!extracted.text.trim()) {
            // A scan has pages but no text layer (documents/extract.ts says how many): it needs OCR first.
            const pages = /\((\d+) page/.exec(extracted.note)?.[1];
            const code = pages === undefined ? 'no_text' : 'needs_ocr';
            const params = pages === undefined ? undefined : { pages: Number(pages) };
            yield { position, issue: { line: null, file: rel, message: extracted.note || 'no text', code, ...(params ? { params } : {}) } };
            continue;
          }
          yield { position, doc: { ref: rel, text: extracted.text } };
        } catch (err) {
          const message = err instanceof AppError ? err.message : `cannot read: ${(err as Error).message}`;
          const reason = err instanceof AppError ? err.details?.['reason'] : undefined;
          yield { position, issue: { line: null, file: rel, message, code: EXTRACT_REASON_CODES[String(reason)] ?? 'unreadable' } };
        }
      }
    },
  };
}

interface LecardCandidate {
  cand_id?: unknown;
  ajName?: unknown;
  writName?: unknown;
  ajjbqk?: unknown;
  cpfxgc?: unknown;
  pjjg?: unknown;
}

/** Path of the LeCaRD candidates file inside a dataset folder (or the file itself). */
export function lecardCandidatesFile(path: string): string {
  if (existsSync(path) && statSync(path).isFile()) return path;
  for (const f of ['candidates.jsonl.gz', 'candidates.jsonl']) {
    const p = join(path, f);
    if (existsSync(p)) return p;
  }
  throw new AppError('NOT_FOUND', `No candidates.jsonl.gz in ${path} (expected the LeCaRD layout of ../shared/data/lecard)`);
}

/** LeCaRD candidates: ajjbqk = basic facts, cpfxgc = court reasoning, pjjg = judgment result. */
export function lecardReader(path: string): SourceReader {
  const file = lecardCandidatesFile(path);
  return {
    total: null,
    async *units(startAfter) {
      let n = 0;
      for await (const line of lines(file, file.endsWith('.gz'))) {
        n++;
        if (n <= startAfter) continue;
        if (!line.trim()) {
          yield { position: n, skip: true };
          continue;
        }
        let c: LecardCandidate;
        try {
          c = JSON.parse(line) as LecardCandidate;
        } catch {
          yield { position: n, issue: { line: n, file: null, message: 'not valid JSON', code: 'bad_json' } };
          continue;
        }
        const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
        const id = c.cand_id;
        if (typeof id !== 'number' && typeof id !== 'string') {
          yield { position: n, issue: { line: n, file: null, message: 'missing cand_id', code: 'missing_cand_id' } };
          continue;
        }
        yield {
          position: n,
          doc: {
            ref: String(id),
            title: str(c.writName) || str(c.ajName),
            sections: { claims: '', facts: str(c.ajjbqk), reasoning: str(c.cpfxgc), judgment: str(c.pjjg), header: str(c.ajName) },
          },
        };
      }
    },
  };
}
