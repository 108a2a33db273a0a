import type { CSSProperties, ReactNode } from 'react';

export type MarkKind = 'placeholder' | 'finding';

export interface MarkRange {
  readonly start: number;
  readonly end: number;
  readonly kind: MarkKind;
}

export const MARK_STYLE: Record<MarkKind, CSSProperties> = {
  placeholder: { background: '#fff1b8', borderRadius: 2 },
  finding: { background: '#ffccc7', boxShadow: '0 0 0 1px #ff4d4f', borderRadius: 2 },
};

/**
 * `text` (which starts at `offset` of its section) split at the ranges, with the marked parts
 * wrapped in <mark>. A finding wins over a placeholder where they overlap. An empty range
 * (a "something is missing here" finding) is drawn as a thin caret-like mark.
 */
export function renderMarked(text: string, offset: number, ranges: readonly MarkRange[], markColor?: string): ReactNode[] {
  const end = offset + text.length;
  const cuts = new Set<number>([offset, end]);
  const visible = ranges.filter((r) => (r.start === r.end ? r.start >= offset && r.start <= end : r.end > offset && r.start < end));
  for (const r of visible) {
    cuts.add(Math.max(offset, Math.min(end, r.start)));
    cuts.add(Math.max(offset, Math.min(end, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    for (const r of visible) {
      if (r.start === r.end && r.start === a) {
        out.push(
          <mark key={`empty-${a}-${i}`} data-testid={`mark-${r.kind}`} style={{ ...MARK_STYLE[r.kind], padding: 0, display: 'inline-block', width: 2, height: '1em' }} />,
        );
      }
    }
    const b = points[i + 1];
    if (b === undefined || b === a) continue;
    const piece = text.slice(a - offset, b - offset);
    const hits = visible.filter((r) => r.start < b && r.end > a);
    const kind: MarkKind | null = hits.some((h) => h.kind === 'finding') ? 'finding' : hits.length ? 'placeholder' : null;
    out.push(
      kind ? (
        <mark key={a} data-testid={`mark-${kind}`} style={{ ...MARK_STYLE[kind], padding: 0, color: markColor }}>
          {piece}
        </mark>
      ) : (
        <span key={a}>{piece}</span>
      ),
    );
  }
  return out;
}
