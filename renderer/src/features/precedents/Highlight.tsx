import type { CSSProperties, ReactNode } from 'react';
import type { Passage } from '../../../../shared/contract/precedents';
import { findTerm } from '../../../../shared/rules/termMatch';

export type MarkKind = 'hit' | 'term' | 'passage';

export interface TextMark {
  readonly start: number;
  readonly end: number;
  readonly kind: MarkKind;
  /** Set on a passage mark: the first segment of that passage carries this as its DOM id (scroll target). */
  readonly anchor?: string;
}

export interface Segment {
  readonly text: string;
  readonly start: number;
  readonly kinds: ReadonlySet<MarkKind>;
  readonly anchor: string | null;
}

/**
 * Cuts `text` at every mark boundary; each piece knows which kinds of mark cover it. Marks are
 * clipped to the text, so offsets from an older index can never throw or spill.
 */
export function segmentText(text: string, marks: readonly TextMark[]): Segment[] {
  const clipped = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(text.length, m.start)), end: Math.max(0, Math.min(text.length, m.end)) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, text.length]);
  for (const m of clipped) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  const anchored = new Set<string>();
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const covering = clipped.filter((m) => m.start <= start && m.end >= end);
    let anchor: string | null = null;
    for (const m of covering) {
      if (m.anchor && !anchored.has(m.anchor)) {
        anchored.add(m.anchor);
        anchor = m.anchor;
      }
    }
    out.push({ text: text.slice(start, end), start, kinds: new Set(covering.map((m) => m.kind)), anchor });
  }
  return out;
}

/** A passage's highlights are offsets into its section; these are the same ranges relative to the passage text. */
export function passageMarks(passage: Passage): TextMark[] {
  return passage.highlights.map((h) => ({ start: h.start - passage.start, end: h.end - passage.start, kind: 'hit' as const }));
}

/**
 * Every occurrence of the given terms in `text`, found as the backend found them when it listed them
 * as matched (a number only as a whole number). Terms of one character are skipped: they would mark
 * half the page.
 */
export function termMarks(text: string, terms: readonly string[]): TextMark[] {
  const out: TextMark[] = [];
  for (const term of terms) {
    if (term.length < 2) continue;
    let at = findTerm(text, term);
    while (at >= 0) {
      out.push({ start: at, end: at + term.length, kind: 'term' });
      at = findTerm(text, term, at + term.length);
    }
  }
  return out;
}

const HIT: CSSProperties = { background: '#ffe58f', padding: 0, borderRadius: 2, color: 'inherit' };
const TERM: CSSProperties = { background: '#fff1b8', borderRadius: 2, color: 'inherit', padding: 0 };
const PASSAGE: CSSProperties = { background: '#e6f4ff', boxShadow: 'inset 0 -2px 0 #91caff' };

export function Highlighted({ text, marks, hitTestId = 'prec-mark' }: { text: string; marks: readonly TextMark[]; hitTestId?: string }) {
  const nodes: ReactNode[] = segmentText(text, marks).map((s) => {
    const inPassage = s.kinds.has('passage');
    const style = inPassage ? PASSAGE : undefined;
    let node: ReactNode = s.text;
    if (s.kinds.has('hit')) {
      node = (
        <mark style={HIT} data-testid={hitTestId}>
          {s.text}
        </mark>
      );
    } else if (s.kinds.has('term')) {
      node = (
        <mark style={TERM} data-testid="prec-term">
          {s.text}
        </mark>
      );
    }
    if (!inPassage && !s.anchor) return <span key={s.start}>{node}</span>;
    return (
      <span key={s.start} id={s.anchor ?? undefined} style={style} data-passage={inPassage ? '' : undefined}>
        {node}
      </span>
    );
  });
  return <>{nodes}</>;
}
