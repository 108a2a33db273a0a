import { useEffect, useMemo, useRef } from 'react';
import type { Span } from '../../../../shared/contract/intake';

export interface SpanMark {
  readonly id: string;
  readonly span: Span;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  /** Inside some extracted field's span. */
  readonly field: boolean;
  /** Inside the span being pointed at. */
  readonly active: boolean;
  /** Inside the surrounding block being pointed at (a party's whole paragraph). */
  readonly block: boolean;
}

/** Cuts the text at every span boundary, so each piece is uniformly in or out of each span. */
export function segmentText(length: number, marks: readonly SpanMark[], active: Span | null, block: Span | null): Segment[] {
  const cuts = new Set<number>([0, length]);
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const all = [...marks.map((m) => m.span), ...(active ? [active] : []), ...(block ? [block] : [])];
  for (const s of all) {
    cuts.add(clamp(s.start));
    cuts.add(clamp(s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const inside = (s: Span | null, a: number, b: number) => s !== null && s.end > s.start && a >= s.start && b <= s.end;
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    if (b <= a) continue;
    out.push({
      start: a,
      end: b,
      field: marks.some((m) => inside(m.span, a, b)),
      active: inside(active, a, b),
      block: inside(block, a, b),
    });
  }
  return out;
}

export interface SourceTextProps {
  readonly text: string;
  readonly marks: readonly SpanMark[];
  readonly active: Span | null;
  readonly block?: Span | null;
  /** Clicking highlighted text names the character offset; the parent finds the field there. */
  readonly onPick?: (offset: number) => void;
  readonly height?: number | string;
}

/**
 * The complaint as filed, with every extracted field's source lightly marked and the field being
 * looked at strongly marked and scrolled into view.
 */
export function SourceText({ text, marks, active, block = null, onPick, height = 560 }: SourceTextProps) {
  const box = useRef<HTMLDivElement>(null);
  const segments = useMemo(() => segmentText(text.length, marks, active, block), [text.length, marks, active, block]);

  useEffect(() => {
    const container = box.current;
    const target = active ?? block;
    if (!container || target === null) return;
    const el = container.querySelector<HTMLElement>(active ? '[data-active="true"]' : '[data-block="true"]');
    if (!el) return;
    // Scroll only the text pane (not the page), keeping the span in the upper third.
    const top = el.offsetTop - container.clientHeight / 3;
    if (el.offsetTop < container.scrollTop || el.offsetTop > container.scrollTop + container.clientHeight - 40) {
      // jsdom (component tests) has no Element.scrollTo.
      if (typeof container.scrollTo === 'function') container.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
      else container.scrollTop = Math.max(0, top);
    }
  }, [active, block]);

  return (
    <div
      ref={box}
      data-testid="source-text"
      style={{
        position: 'relative',
        height,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        lineHeight: 1.9,
        fontSize: 14,
        padding: '12px 16px',
        background: '#fffdf7',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        fontFamily: '"Songti SC", "SimSun", "Noto Serif CJK SC", serif',
      }}
    >
      {segments.map((s) => {
        const piece = text.slice(s.start, s.end);
        if (!s.field && !s.active && !s.block) return <span key={s.start}>{piece}</span>;
        const style = s.active
          ? { background: '#ffd666', outline: '1px solid #faad14', borderRadius: 2 }
          : s.field
            ? { background: s.block ? '#ffe7ba' : '#fff1b8', borderRadius: 2, cursor: onPick ? 'pointer' : undefined }
            : { background: '#fff7e6' };
        return (
          <mark
            key={s.start}
            style={{ ...style, padding: 0, color: 'inherit' }}
            data-active={s.active ? 'true' : undefined}
            data-block={s.block ? 'true' : undefined}
            data-testid={s.active ? 'span-active' : undefined}
            onClick={onPick && s.field ? () => onPick(s.start) : undefined}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
}
