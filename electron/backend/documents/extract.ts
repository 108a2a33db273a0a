import { AppError } from '../../../shared/contract/result';

export interface Extracted {
  readonly text: string;
  /** Why the text is empty or partial, in words a clerk understands; empty when all is well. */
  readonly note: string;
  readonly mime: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .doc and encrypted Office files

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function extOf(filename: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename);
  return m?.[1]?.toLowerCase() ?? '';
}

/**
 * Text files from Chinese courts arrive as UTF-8, UTF-16 (Windows Notepad) or GB18030; the BOM
 * decides, then strict UTF-8, then GB18030 (a superset of GBK/GB2312).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let control = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32)) && c !== 27) control++;
    if (c === 0xfffd) control++;
  }
  return control / n > 0.05;
}

async function extractDocx(bytes: Buffer, filename: string): Promise<Extracted> {
  const mammoth = await import('mammoth');
  try {
    const res = await mammoth.extractRawText({ buffer: bytes });
    const text = res.value.replace(/\r\n?/g, '\n').trim();
    return {
      text,
      note: text ? '' : 'The document contains no text (it may hold only images).',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
  } catch {
    throw new AppError('BAD_INPUT', `${filename} is damaged or not a valid .docx file`, { reason: 'corrupt_docx' });
  }
}

async function extractPdf(bytes: Buffer, filename: string): Promise<Extracted> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (err) {
    const msg = String((err as { message?: unknown }).message ?? err);
    if (/password/i.test(msg)) {
      throw new AppError('BAD_INPUT', `${filename} is password-protected; remove the password and import it again`, {
        reason: 'pdf_password',
      });
    }
    throw new AppError('BAD_INPUT', `${filename} is damaged or not a valid PDF`, { reason: 'corrupt_pdf' });
  }
  const text = pages.map((p) => p.trim()).join('\n\f\n').trim();
  const visible = text.replace(/\s/g, '').length;
  // A scanned filing has pages but (almost) no text layer: say so instead of storing an empty document.
  if (visible < 10 * Math.max(1, pages.length)) {
    return {
      text,
      note: `Scanned PDF without a text layer (${pages.length} page(s)): it needs OCR before its text can be used.`,
      mime: 'application/pdf',
    };
  }
  return { text, note: '', mime: 'application/pdf' };
}

/**
 * Extracts the text of an imported file. Content is sniffed, not trusted from the extension:
 * a renamed .doc or a binary with a .txt name gets a clear message instead of junk text.
 */
export async function extractText(bytes: Buffer, filename: string): Promise<Extracted> {
  if (bytes.length === 0) throw new AppError('BAD_INPUT', `${filename} is empty`, { reason: 'empty' });
  const ext = extOf(filename);
  if (startsWith(bytes, PDF_MAGIC)) return extractPdf(bytes, filename);
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (ext === 'docx' || ext === 'zip' || ext === '') return extractDocx(bytes, filename);
    if (ext === 'txt') throw new AppError('BAD_INPUT', `${filename} is not a text file (it is a ZIP archive)`);
    return extractDocx(bytes, filename);
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new AppError(
      'UNSUPPORTED',
      `${filename} is a legacy .doc or an encrypted Office file; save it as .docx (without a password) and import again`,
      { reason: 'ole' },
    );
  }
  if (ext === 'docx' || ext === 'pdf') {
    throw new AppError('BAD_INPUT', `${filename} is damaged or not a valid .${ext} file`, { reason: `corrupt_${ext}` });
  }
  const text = decodeText(bytes);
  if (looksBinary(text)) {
    throw new AppError('UNSUPPORTED', `${filename} is not a supported document (.docx, .pdf or .txt)`, {
      reason: 'binary',
    });
  }
  return { text: text.replace(/\r\n?/g, '\n'), note: '', mime: 'text/plain' };
}
