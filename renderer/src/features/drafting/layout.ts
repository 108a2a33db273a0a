import type { DraftingSettings, SectionLayout } from '../../../../shared/contract/drafting';

/*
 * The page preview's layout (brief §5.6), worked out in millimetres so it does not depend on the
 * fonts installed: A4, the configured margins, a character grid of 三号 body text (28 characters in
 * the 156 mm type area), fixed lines (28.9 pt → 22 lines per page), 二号 title lines. It mirrors what
 * the .docx export writes (electron/backend/drafting/docx.ts): one paragraph per text line, empty
 * lines and empty sections left out, a blank line before the right-aligned 落款.
 */

export const A4_MM = { width: 210, height: 297 } as const;
const PT_MM = 25.4 / 72;
/** 156 mm / 28 characters: the grid of the standard type area (三号 is 16 pt ≈ 5.64 mm; Word's grid squeezes it). */
const GRID_CHAR_MM = 156 / 28;
const TITLE_PT = 22;
const PAGE_NUMBER_PT = 14;

export interface PreviewGeometry {
  readonly margins: DraftingSettings['marginsMm'];
  readonly typeWidthMm: number;
  readonly typeHeightMm: number;
  readonly lineMm: number;
  readonly linesPerPage: number;
  readonly charsPerLine: number;
  /** Body character size (font size) in mm. */
  readonly charMm: number;
  readonly titleMm: number;
  readonly titleCharsPerLine: number;
  readonly pageNumberMm: number;
  /** Distance from the bottom edge to the page-number line, as in the export's footer. */
  readonly footerMm: number;
}

export function geometry(settings: Pick<DraftingSettings, 'marginsMm' | 'lineSpacingPt'>): PreviewGeometry {
  const m = settings.marginsMm;
  const typeWidthMm = Math.max(40, A4_MM.width - m.left - m.right);
  const typeHeightMm = Math.max(40, A4_MM.height - m.top - m.bottom);
  const lineMm = settings.lineSpacingPt * PT_MM;
  const charsPerLine = Math.max(8, Math.floor(typeWidthMm / GRID_CHAR_MM + 1e-6));
  const titleMm = TITLE_PT * PT_MM;
  return {
    margins: m,
    typeWidthMm,
    typeHeightMm,
    lineMm,
    linesPerPage: Math.max(1, Math.floor(typeHeightMm / lineMm + 1e-6)),
    charsPerLine,
    charMm: typeWidthMm / charsPerLine,
    titleMm,
    titleCharsPerLine: Math.max(4, Math.floor(typeWidthMm / titleMm)),
    pageNumberMm: PAGE_NUMBER_PT * PT_MM,
    footerMm: Math.max(5, m.bottom - 13),
  };
}

export type LineKind = SectionLayout | 'blank';

export interface PreviewLine {
  readonly sectionId: string;
  readonly kind: LineKind;
  readonly text: string;
  /** Offset of `text` in its section's text (for highlights). */
  readonly start: number;
  /** First line of a paragraph: body paragraphs indent it by two characters. */
  readonly first: boolean;
  /** Last line of a paragraph: not justified. */
  readonly last: boolean;
}

export interface PreviewSection {
  readonly id: string;
  readonly layout: SectionLayout;
  readonly text: string;
}

/** Width of a character in grid cells: CJK and full-width forms take one, Latin letters and digits half. */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80 || '—…“”‘’·'.includes(ch)) return 1;
  return 0.5;
}

/** Punctuation that must not start a line (禁则): it hangs at the end of the previous one instead. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〉”’…—%,.;:?!)]']);

/** Breaks one paragraph into lines of at most `width` cells (the first line `firstWidth`). */
export function breakParagraph(text: string, firstWidth: number, width: number): { text: string; start: number }[] {
  const chars = [...text];
  const out: { text: string; start: number }[] = [];
  let line = '';
  let used = 0;
  let lineStart = 0;
  let offset = 0;
  for (const ch of chars) {
    const w = charWidth(ch);
    const avail = out.length === 0 ? firstWidth : width;
    if (used + w > avail + 1e-6 && line !== '' && !NO_LINE_START.has(ch)) {
      out.push({ text: line, start: lineStart });
      line = '';
      used = 0;
      lineStart = offset;
    }
    line += ch;
    used += w;
    offset += ch.length;
  }
  if (line !== '' || out.length === 0) out.push({ text: line, start: lineStart });
  return out;
}

/** Every printed line of the document, in order. */
export function layoutLines(sections: readonly PreviewSection[], g: PreviewGeometry): PreviewLine[] {
  const lines: PreviewLine[] = [];
  for (const s of sections) {
    if (s.text.trim() === '') continue;
    if (s.layout === 'closing') lines.push({ sectionId: s.id, kind: 'blank', text: '', start: 0, first: true, last: true });
    let offset = 0;
    for (const raw of s.text.split('\n')) {
      const at = offset;
      offset += raw.length + 1;
      const para = raw.trimEnd();
      if (para.trim() === '') continue;
      const full = s.layout === 'title' ? g.titleCharsPerLine : s.layout === 'closing' ? g.charsPerLine - 2 : g.charsPerLine;
      const first = s.layout === 'body' ? full - 2 : full;
      const broken = breakParagraph(para, first, full);
      broken.forEach((l, i) =>
        lines.push({
          sectionId: s.id,
          kind: s.layout,
          text: l.text,
          start: at + l.start,
          first: i === 0,
          last: i === broken.length - 1,
        }),
      );
    }
  }
  return lines;
}

/** The lines split into pages of `linesPerPage`. */
export function paginate(lines: readonly PreviewLine[], g: PreviewGeometry): PreviewLine[][] {
  const pages: PreviewLine[][] = [];
  for (let i = 0; i < lines.length; i += g.linesPerPage) pages.push(lines.slice(i, i + g.linesPerPage));
  return pages.length ? pages : [[]];
}

/** Half-open ranges of the 【待补充…】 markers in a text. */
export function placeholderRanges(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/【待补充[^】]*】?/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
