import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** A minimal .zip reader (central directory + stored/deflated entries): enough to open a .docx in tests. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtraLen;
    const data = buf.subarray(start, start + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export interface DocxParts {
  readonly document: string;
  readonly footers: string[];
  readonly fontTable: string;
  readonly settings: string;
  /** Paragraph texts of the body, in order. */
  readonly paragraphs: string[];
}

export function readDocx(bytes: Buffer): DocxParts {
  const files = unzip(bytes);
  const text = (name: string) => files.get(name)?.toString('utf8') ?? '';
  const document = text('word/document.xml');
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
  return {
    document,
    footers: [...files.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k)).sort().map(text),
    fontTable: text('word/fontTable.xml'),
    settings: text('word/settings.xml'),
    paragraphs,
  };
}

/** LibreOffice and pdftoppm, when installed (apt: libreoffice-writer-nogui fonts-noto-cjk poppler-utils). */
export function renderAvailable(): string | null {
  const lo = spawnSync('libreoffice', ['--version'], { encoding: 'utf8' });
  if (lo.status !== 0) return 'LibreOffice is not installed (apt-get install libreoffice-writer-nogui fonts-noto-cjk poppler-utils)';
  const pp = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
  if (pp.error) return 'pdftoppm is not installed (apt-get install poppler-utils)';
  return null;
}

/** Renders a .docx to PDF and PNG pages with the test fontconfig (仿宋/小标宋 → Noto Serif CJK SC). */
export function renderDocx(bytes: Buffer, name: string, outDir?: string): { pdf: string; pngs: string[]; pdfText: string; pdfFonts: string } {
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'courtdesk-render-'));
  const abs = resolve(dir);
  const docx = join(abs, `${name}.docx`);
  writeFileSync(docx, bytes);
  const env = { ...process.env, FONTCONFIG_FILE: resolve('tests/fixtures/fonts.conf') };
  // A private profile: a LibreOffice already running (or a parallel test) must not take the conversion.
  const profile = mkdtempSync(join(tmpdir(), 'courtdesk-lo-'));
  const lo = spawnSync(
    'libreoffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', abs, docx],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  rmSync(profile, { recursive: true, force: true });
  const pdf = join(abs, `${name}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice did not produce a PDF: ${lo.stderr || lo.stdout}`);
  spawnSync('pdftoppm', ['-png', '-r', '60', pdf, join(abs, name)], { env });
  const pngs = readdirSync(abs)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(abs, f));
  const pdfText = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout ?? '';
  const pdfFonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout ?? '';
  return { pdf, pngs, pdfText, pdfFonts };
}
