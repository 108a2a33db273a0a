import { Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftingSettings } from '../../../../shared/contract/drafting';
import { A4_MM, charWidth, geometry, layoutLines, paginate, placeholderRanges, type PreviewLine, type PreviewSection } from './layout';
import { renderMarked, type MarkRange } from './marks';

export const TITLE_FONT_STACK = '"方正小标宋简体", "方正小标宋_GBK", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif';
export const BODY_FONT_STACK = '"仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif';

function quoted(names: readonly string[]): string {
  return names.map((n) => `"${n.replace(/"/g, '')}"`).join(', ');
}

let measureCtx: CanvasRenderingContext2D | null | undefined;

/** The rendered width of a line in px, or null where there is no canvas (jsdom in tests). */
function measure(text: string, font: string): number | null {
  if (measureCtx === undefined) {
    measureCtx = typeof navigator === 'undefined' || /jsdom/.test(navigator.userAgent) ? null : document.createElement('canvas').getContext('2d');
  }
  if (!measureCtx) return null;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

/** Pixels per millimetre for a preview column of this width (A4 plus a little air). */
function scaleFor(width: number): number {
  return Math.max(1.2, Math.min(3.2, (width - 8) / A4_MM.width));
}

export function PagePreview({
  sections,
  settings,
  activeSectionId,
  highlight,
  onPick,
}: {
  sections: readonly PreviewSection[];
  settings: DraftingSettings;
  activeSectionId: string | null;
  highlight: { sectionId: string; start: number; end: number } | null;
  onPick: (sectionId: string) => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(entry.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const [, setFontsReady] = useState(false);
  useEffect(() => {
    if (typeof document === 'undefined' || !('fonts' in document)) return;
    let live = true;
    void document.fonts.ready.then(() => live && setFontsReady(true));
    return () => {
      live = false;
    };
  }, []);
  const s = scaleFor(width);
  const g = useMemo(() => geometry(settings), [settings]);
  const pages = useMemo(() => paginate(layoutLines(sections, g), g), [sections, g]);
  const marksBySection = useMemo(() => {
    const out = new Map<string, MarkRange[]>();
    for (const sec of sections) {
      const ranges: MarkRange[] = placeholderRanges(sec.text).map((r) => ({ ...r, kind: 'placeholder' }));
      if (highlight?.sectionId === sec.id) ranges.push({ start: highlight.start, end: highlight.end, kind: 'finding' });
      out.set(sec.id, ranges);
    }
    return out;
  }, [sections, highlight]);

  const titleFont = `${quoted(settings.titleFonts)}, ${TITLE_FONT_STACK}`;
  const bodyFont = `${quoted(settings.bodyFonts)}, ${BODY_FONT_STACK}`;
  const mm = (v: number) => `${(v * s).toFixed(2)}px`;

  const lineStyle = (l: PreviewLine): CSSProperties => {
    const base: CSSProperties = {
      height: mm(g.lineMm),
      lineHeight: mm(g.lineMm),
      whiteSpace: 'pre',
      fontFamily: bodyFont,
      fontSize: mm(g.charMm),
      color: '#1f1f1f',
      cursor: 'pointer',
      background: l.sectionId === activeSectionId && l.kind !== 'blank' ? 'rgba(166, 29, 36, 0.06)' : undefined,
    };
    switch (l.kind) {
      case 'title':
        return { ...base, fontFamily: titleFont, fontSize: mm(g.titleMm), textAlign: 'center', letterSpacing: mm(0.4) };
      case 'caseNumber':
        return { ...base, textAlign: 'right' };
      case 'closing':
        return { ...base, textAlign: 'right', paddingRight: mm(2 * g.charMm) };
      case 'plain':
        return { ...base, textAlign: 'left' };
      case 'blank':
        return { ...base, cursor: 'default' };
      default: {
        // Justified like the export: a full line's characters are spread to the right edge.
        // (Browsers do not justify a single unbreakable CJK line reliably, so the spacing is computed.)
        const avail = g.charsPerLine - (l.first ? 2 : 0);
        const chars = [...l.text];
        let spreadPx = 0;
        if (!l.last && chars.length > 1) {
          const measured = measure(l.text, `${(g.charMm * s).toFixed(2)}px ${bodyFont}`);
          const used = measured ?? chars.reduce((n, ch) => n + charWidth(ch), 0) * g.charMm * s;
          // Spread a short line; squeeze an over-full one a little (never by more than a tenth of a character).
          spreadPx = Math.max(-0.1 * g.charMm * s, (avail * g.charMm * s - used) / chars.length);
        }
        return {
          ...base,
          paddingLeft: l.first ? mm(2 * g.charMm) : 0,
          letterSpacing: spreadPx ? `${spreadPx.toFixed(3)}px` : undefined,
        };
      }
    }
  };

  return (
    <div ref={box} data-testid="draft-preview" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 4 }}>
        <Typography.Text type="secondary" data-testid="draft-preview-pages">
          {t('drafting.preview.pages', { count: pages.length })}
        </Typography.Text>
      </div>
      <div style={{ background: '#e8e8e8', padding: 4, borderRadius: 6 }}>
        {pages.map((lines, p) => {
          const n = p + 1;
          const odd = n % 2 === 1;
          return (
            <div
              key={p}
              data-testid={`preview-page-${n}`}
              aria-label={t('drafting.preview.page', { page: n })}
              style={{
                position: 'relative',
                width: mm(A4_MM.width),
                height: mm(A4_MM.height),
                background: '#fff',
                boxShadow: '0 1px 4px rgba(0,0,0,0.25)',
                margin: '0 auto 8px',
                overflow: 'hidden',
              }}
            >
              <div style={{ position: 'absolute', left: mm(g.margins.left), top: mm(g.margins.top), width: mm(g.typeWidthMm) }}>
                {lines.map((l, i) => (
                  <div
                    key={i}
                    data-section={l.sectionId}
                    style={lineStyle(l)}
                    onClick={l.kind === 'blank' ? undefined : () => onPick(l.sectionId)}
                  >
                    {l.kind === 'blank' ? '\u00a0' : renderMarked(l.text, l.start, marksBySection.get(l.sectionId) ?? [])}
                  </div>
                ))}
              </div>
              <div
                data-testid={`preview-page-number-${n}`}
                style={{
                  position: 'absolute',
                  bottom: mm(g.footerMm),
                  [odd ? 'right' : 'left']: mm((odd ? g.margins.right : g.margins.left) + g.pageNumberMm),
                  fontFamily: bodyFont,
                  fontSize: mm(g.pageNumberMm),
                  lineHeight: 1,
                  color: '#1f1f1f',
                }}
              >
                — {n} —
              </div>
            </div>
          );
        })}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        {t('drafting.preview.approx', { lines: g.linesPerPage, chars: g.charsPerLine })}
      </Typography.Paragraph>
    </div>
  );
}
