import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { DraftingSettings } from '../../../shared/contract/drafting';
import type { EvidenceTableRow } from '../../../shared/contract/review';
import type { z } from 'zod';
import { A4, SIZE, fontOf, mmToTwip, packDocument } from './docx';

/*
 * The two court records exported besides drafts (issue 7): the 证据目录 (a wide table, so landscape
 * A4 with 小四 text) and the 庭审笔录 (portrait, the body layout of the other documents). Both
 * share the page setup, fonts, font table and page numbers of buildDocx through packDocument.
 */

/** 四号 (14 pt) and 小四 (12 pt) in half-points: header lines and table text of the catalogue. */
export const RECORD_SIZE = { header: 28, table: 24 } as const;

type Row = z.infer<typeof EvidenceTableRow>;

/** The catalogue's columns in print order, with relative widths (percent of the type area). */
export const EVIDENCE_COLUMNS: ReadonlyArray<{ key: keyof Row; zh: string; weight: number }> = [
  { key: 'seq', zh: '序号', weight: 5 },
  { key: 'name', zh: '证据名称', weight: 14 },
  { key: 'source', zh: '来源', weight: 10 },
  { key: 'purpose', zh: '证明目的', weight: 18 },
  { key: 'pageRefs', zh: '页码', weight: 6 },
  { key: 'submittedBy', zh: '提交人', weight: 9 },
  { key: 'crossExam', zh: '质证意见', weight: 22 },
  { key: 'finding', zh: '法院认定', weight: 16 },
];

export const EMPTY_EVIDENCE_NOTE = '（本案尚未登记证据。）';

export interface EvidenceDocInput {
  readonly court: string;
  readonly caseNumber: string;
  readonly causeOfAction: string;
  readonly rows: readonly Row[];
  readonly settings: DraftingSettings;
}

function titleLines(court: string, name: string, settings: DraftingSettings, spacing: { line: number }): Paragraph[] {
  const font = fontOf(settings.titleFonts);
  const exact = { ...spacing, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  return [court, name]
    .filter((l) => l.trim() !== '')
    .map((l) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [new TextRun({ text: l, font, size: SIZE.title })] }));
}

function cell(text: string, font: IRunOptions['font'], width: number, header: boolean): TableCell {
  // One paragraph per line: 质证意见 holds one line per other party.
  const lines = text.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          // Auto line height inside cells: the exact 28.9 pt body rhythm would waste most of a row.
          spacing: { before: 0, after: 0, line: 300, lineRule: LineRuleType.AUTO },
          children: [new TextRun({ text: l, font, size: RECORD_SIZE.table, ...(header ? { bold: true } : {}) })],
        }),
    ),
  });
}

/** The 证据目录 .docx: court and title, case number and cause, then the table (header repeated on each page). */
export async function buildEvidenceDocx(input: EvidenceDocInput): Promise<Buffer> {
  const { settings } = input;
  const bodyFont = fontOf(settings.bodyFonts);
  const m = settings.marginsMm;
  // Landscape type area: the page's long side less the side margins (portrait top/bottom, turned).
  const typeWidth = A4.height - mmToTwip(m.top) - mmToTwip(m.bottom);
  const widths = EVIDENCE_COLUMNS.map((c) => Math.floor((typeWidth * c.weight) / 100));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const header = new TableRow({
    tableHeader: true,
    children: EVIDENCE_COLUMNS.map((c, i) => cell(c.zh, bodyFont, widths[i]!, true)),
  });
  const rows = input.rows.map(
    (r) => new TableRow({ cantSplit: false, children: EVIDENCE_COLUMNS.map((c, i) => cell(String(r[c.key]), bodyFont, widths[i]!, false)) }),
  );
  const table = new Table({
    width: { size: typeWidth, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...rows],
  });
  const info = new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: { before: 120, after: 120, line: 360, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ text: `案号：${input.caseNumber || '（尚未编号）'}\u3000\u3000案由：${input.causeOfAction || '（未填写）'}`, font: bodyFont, size: RECORD_SIZE.header })],
  });
  const children: Array<Paragraph | Table> = [...titleLines(input.court, '证据目录', settings, { line: Math.round(settings.lineSpacingPt * 20) }), info, table];
  if (input.rows.length === 0) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 0 },
        children: [new TextRun({ text: EMPTY_EVIDENCE_NOTE, font: bodyFont, size: RECORD_SIZE.table })],
      }),
    );
  }
  return packDocument({ title: `${input.caseNumber}证据目录`, settings, children, landscape: true });
}

export interface TranscriptTurnLine {
  /** The bold speaker label without the colon, e.g. 审判员王示审 or 原告. */
  readonly label: string;
  readonly text: string;
}

export interface TranscriptDocInput {
  readonly court: string;
  readonly title: string;
  /** Header block lines as [label, value]; a value may hold several lines. */
  readonly header: ReadonlyArray<readonly [string, string]>;
  readonly turns: readonly TranscriptTurnLine[];
  readonly settings: DraftingSettings;
  readonly documentTitle: string;
}

export const TRANSCRIPT_SIGNATURE = '当事人签名：　　　　　　　　审判人员：　　　　　　　　书记员：';

/** The 庭审笔录 .docx: court and title, the header block, the turns, and the signature line. */
export async function buildTranscriptDocx(input: TranscriptDocInput): Promise<Buffer> {
  const { settings } = input;
  const font = fontOf(settings.bodyFonts);
  const exact = { line: Math.round(settings.lineSpacingPt * 20), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const body = (children: TextRun[], alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED) =>
    new Paragraph({ alignment, spacing: exact, children });
  const text = (t: string, bold = false) => new TextRun({ text: t, font, size: SIZE.body, ...(bold ? { bold: true } : {}) });
  const children: Paragraph[] = titleLines(input.court, input.title, settings, { line: exact.line });
  for (const [label, value] of input.header) {
    const [first = '', ...rest] = value.split('\n');
    children.push(body([text(`${label}：`), text(first)], AlignmentType.LEFT));
    for (const l of rest) children.push(body([text(l)], AlignmentType.LEFT));
  }
  children.push(body([text('')]));
  for (const turn of input.turns) {
    // The label is bold so a reader scanning the record finds who speaks; continuation lines of a
    // long answer follow as plain paragraphs.
    const [first = '', ...rest] = turn.text.split('\n').filter((l, i) => i === 0 || l.trim() !== '');
    children.push(body([text(`${turn.label}：`, true), text(first)]));
    for (const l of rest) children.push(body([text(l)]));
  }
  children.push(body([text('')]), body([text(TRANSCRIPT_SIGNATURE)], AlignmentType.LEFT));
  return packDocument({ title: input.documentTitle, settings, children, landscape: false });
}
