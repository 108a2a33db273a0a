import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

async function docxBytes(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Packer.toBuffer(doc);
}

/** A minimal one-page PDF with a text layer, written by hand so the test needs no generator. */
function pdfWithText(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('documents attached to a case', () => {
  let t: TestBackend;
  let caseId: string;
  beforeEach(async () => {
    t = await openTestBackend();
    caseId = (await t.api['cases.create']({ parties: [{ role: 'plaintiff', name: '张三' }] })).id;
  });
  afterEach(() => t.close());

  const add = (filename: string, bytes: Buffer) =>
    t.api['documents.add']({ caseId, filename, contentBase64: bytes.toString('base64') });

  it('keeps the original bytes and hash of a .docx and extracts its text', async () => {
    const bytes = await docxBytes(['民事起诉状', '原告：张三', '诉讼请求：判令被告偿还借款50000元']);
    const meta = await add('起诉状.docx', bytes);
    expect(meta.size).toBe(bytes.length);
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.title).toBe('起诉状');
    const { text } = await t.api['documents.text']({ id: meta.id });
    expect(text).toContain('判令被告偿还借款50000元');
    const { contentBase64 } = await t.api['documents.content']({ id: meta.id });
    expect(Buffer.from(contentBase64, 'base64').equals(bytes)).toBe(true);
    const detail = await t.api['cases.get']({ id: caseId });
    expect(detail.documents.map((d) => d.id)).toEqual([meta.id]);
  });

  it('decodes UTF-8 and GB18030 text files', async () => {
    const utf8 = await add('a.txt', Buffer.from('原告张三诉被告李四', 'utf8'));
    expect((await t.api['documents.text']({ id: utf8.id })).text).toBe('原告张三诉被告李四');
    const gbk = Buffer.from([0xd4, 0xad, 0xb8, 0xe6]); // 原告 in GBK
    const g = await add('b.txt', gbk);
    expect((await t.api['documents.text']({ id: g.id })).text).toBe('原告');
  });

  it('reads a PDF text layer', async () => {
    const meta = await add('judgment.pdf', pdfWithText('Loan dispute judgment text'));
    expect(meta.textNote).toBe('');
    expect((await t.api['documents.text']({ id: meta.id })).text).toContain('Loan dispute judgment text');
  });

  it('tells plainly that a PDF without a text layer needs OCR', async () => {
    const meta = await add('scan.pdf', pdfWithText(''));
    expect(meta.textNote).toMatch(/needs OCR/);
  });

  it('refuses duplicates, empty, corrupt and binary files with clear messages, saving nothing', async () => {
    const bytes = Buffer.from('同一份材料', 'utf8');
    await add('x.txt', bytes);
    const dup = await expectAppError(add('x-copy.txt', bytes));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toMatch(/already in the case file/);
    expect((await expectAppError(add('empty.txt', Buffer.alloc(0)))).message).toMatch(/empty/);
    expect((await expectAppError(add('bad.docx', Buffer.from('PK\u0003\u0004garbage')))).message).toMatch(/not a valid \.docx/);
    expect((await expectAppError(add('bad.pdf', Buffer.from('%PDF-1.4 garbage')))).message).toMatch(/not a valid PDF/);
    const junk = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    expect((await expectAppError(add('junk.txt', junk))).code).toBe('UNSUPPORTED');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await expectAppError(add('old.doc', ole))).message).toMatch(/legacy \.doc/);
    const detail = await t.api['cases.get']({ id: caseId });
    expect(detail.documents).toHaveLength(1);
  });

  it('refuses a document for an unknown case, and non-base64 content', async () => {
    const e = await expectAppError(t.api['documents.add']({ caseId: 'nope', filename: 'a.txt', contentBase64: 'YQ==' }));
    expect(e.code).toBe('NOT_FOUND');
    const b = await expectAppError(t.api['documents.add']({ caseId, filename: 'a.txt', contentBase64: '***' }));
    expect(b.code).toBe('BAD_INPUT');
  });

  it('removes a document with an audit row', async () => {
    const meta = await add('a.txt', Buffer.from('abc'));
    await t.api['documents.remove']({ id: meta.id });
    expect((await t.api['cases.get']({ id: caseId })).documents).toEqual([]);
    const audit = await t.api['cases.audit']({ caseId });
    expect(audit.items.map((a) => a.action)).toEqual(['document.remove', 'document.add', 'case.create']);
  });
});
