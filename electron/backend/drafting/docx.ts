import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type IRunOptions,
  type Table,
  type ParagraphChild,
} from 'docx';
import type { DraftSection, DraftingSettings } from '../../../shared/contract/drafting';

/*
 * The official layout of court documents (brief §5.6): A4, margins 37/35/28/26 mm (configurable:
 * the figures are [U] in the brief), court name and document name on two centred lines in 二号
 * 小标宋, body/案号/落款 in 三号仿宋, fixed ~28.9 pt lines (22 lines in the 225 mm type area),
 * first-line indent of two characters, page numbers "— 1 —" in 四号 at the foot (odd pages right,
 * even pages left, as for double-sided printing under GB/T 9704).
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Font sizes in half-points (docx `size`): 二号 22 pt, 三号 16 pt, 四号 14 pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28 } as const;
/** A4 in twips (210 × 297 mm). */
export const A4 = { width: 11906, height: 16838 } as const;

export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);

export interface DocxInput {
  readonly sections: readonly DraftSection[];
  readonly settings: DraftingSettings;
  readonly title: string;
}

export function fontOf(names: readonly string[]): IRunOptions['font'] {
  const name = names[0] ?? '仿宋';
  // Every script slot names the same face, so digits and Latin letters match the Chinese text.
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function run(text: string, font: IRunOptions['font'], size: number): TextRun {
  return new TextRun({ text, font, size });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * word/fontTable.xml naming each requested face with the next as its w:altName, so Word (and
 * LibreOffice) substitute 仿宋 for a missing 仿宋_GB2312, and so on down the list. charset 86 is GB2312.
 */
export function fontTableXml(settings: DraftingSettings): string {
  const chains = [settings.titleFonts, settings.bodyFonts];
  const seen = new Set<string>();
  const fonts: string[] = [];
  for (const chain of chains) {
    chain.forEach((name, i) => {
      if (seen.has(name)) return;
      seen.add(name);
      const alt = chain[i + 1];
      fonts.push(
        `<w:font w:name="${escapeXml(name)}">${alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : ''}<w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
      );
    });
  }
  for (const extra of ['Times New Roman', 'Calibri']) {
    if (!seen.has(extra)) fonts.push(`<w:font w:name="${extra}"><w:charset w:val="00"/><w:family w:val="${extra === 'Calibri' ? 'swiss' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${fonts.join('')}</w:fonts>`;
}

export function pageNumberFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType], font: IRunOptions['font']): Footer {
  const children: ParagraphChild[] = [
    new TextRun({ text: '— ', font, size: SIZE.pageNumber }),
    new TextRun({ children: [PageNumber.CURRENT], font, size: SIZE.pageNumber }),
    new TextRun({ text: ' —', font, size: SIZE.pageNumber }),
  ];
  // 一字线 + number + 一字线, kept one character in from the edge (GB/T 9704 convention [U]).
  return new Footer({ children: [new Paragraph({ alignment: align, indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 }, children })] });
}

/** Builds the .docx bytes of a draft. Empty sections (e.g. no late-payment clause) are left out. */
export async function buildDocx(input: DocxInput): Promise<Buffer> {
  const { settings } = input;
  const titleFont = fontOf(settings.titleFonts);
  const bodyFont = fontOf(settings.bodyFonts);
  const line = Math.round(settings.lineSpacingPt * 20);
  const exact = { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const indent2 = SIZE.body * 10 * 2; // two characters of 16 pt = 640 twips
  const paragraphs: Paragraph[] = [];
  const lines = (s: DraftSection) => s.text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  for (const s of input.sections) {
    if (s.text.trim() === '') continue;
    switch (s.layout) {
      case 'title':
        for (const l of lines(s)) {
          paragraphs.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(l, titleFont, SIZE.title)] }));
        }
        break;
      case 'caseNumber':
        for (const l of lines(s)) {
          paragraphs.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, children: [run(l, bodyFont, SIZE.body)] }));
        }
        break;
      case 'plain':
        for (const l of lines(s)) {
          paragraphs.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing: exact, children: [run(l, bodyFont, SIZE.body)] }));
        }
        break;
      case 'closing':
        // One blank line between the text and the 落款, which sits right-aligned two characters in.
        paragraphs.push(new Paragraph({ spacing: exact, children: [run('', bodyFont, SIZE.body)] }));
        for (const l of lines(s)) {
          paragraphs.push(
            new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: indent2 }, spacing: exact, children: [run(l, bodyFont, SIZE.body)] }),
          );
        }
        break;
      default:
        for (const l of lines(s)) {
          paragraphs.push(
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              indent: { firstLine: indent2 },
              spacing: exact,
              children: [run(l, bodyFont, SIZE.body)],
            }),
          );
        }
    }
  }
  return packDocument({ title: input.title, settings, children: paragraphs, landscape: false });
}

export interface PackInput {
  readonly title: string;
  readonly settings: DraftingSettings;
  readonly children: ReadonlyArray<Paragraph | Table>;
  /** Turns the A4 page (wide tables such as the 证据目录); margins turn with it. */
  readonly landscape: boolean;
}

/**
 * The page, footers and font table every export shares, so judgments, the evidence catalogue and
 * the transcript print with the same official setup (brief §5.6).
 */
export async function packDocument(input: PackInput): Promise<Buffer> {
  const { settings } = input;
  const bodyFont = fontOf(settings.bodyFonts);
  const line = Math.round(settings.lineSpacingPt * 20);
  const exact = { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const m = settings.marginsMm;
  // Turned a quarter clockwise: the portrait left (binding) margin becomes the top, and so on, so a
  // landscape page filed with portrait ones keeps its binding edge.
  const margins = input.landscape ? { top: m.left, right: m.top, bottom: m.right, left: m.bottom } : m;
  const doc = new Document({
    title: input.title,
    creator: 'CourtDesk',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: bodyFont, size: SIZE.body }, paragraph: { spacing: exact } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, ...(input.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) },
            margin: {
              top: mmToTwip(margins.top),
              bottom: mmToTwip(margins.bottom),
              left: mmToTwip(margins.left),
              right: mmToTwip(margins.right),
              // The page number sits about 7 mm below the type area (GB/T 9704 7.5 [U]).
              footer: mmToTwip(Math.max(5, margins.bottom - 7 - 6)),
              header: mmToTwip(15),
            },
          },
        },
        footers: {
          default: pageNumberFooter(AlignmentType.RIGHT, bodyFont),
          even: pageNumberFooter(AlignmentType.LEFT, bodyFont),
        },
        children: [...input.children],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml(settings) }]);
}

/** A file name from the case number and document name, safe on every desktop file system. */
export function exportFilename(caseNumber: string, name: string): string {
  const base =
    [...`${caseNumber}${name}`]
      .filter((ch) => ch.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(ch))
      .join('')
      .trim() || name;
  return `${base}.docx`;
}
