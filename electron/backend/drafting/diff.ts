import type { DiffPart } from '../../../shared/contract/drafting';

/*
 * A small Myers diff (no dependency): lines first, then characters inside each changed block, so a
 * one-character fix in a long paragraph shows as that character. Chinese text has no spaces, so
 * characters (not words) are the natural unit.
 */

type Op = DiffPart['op'];

/** Shortest edit script of two token arrays; null when it would need more than maxD edits. */
function myers(a: readonly string[], b: readonly string[], maxD: number): Array<{ op: Op; token: string }> | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) x = v[offset + k + 1] ?? 0;
      else x = (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(trace, a, b, offset, d);
      }
    }
    v = next;
  }
  return null;
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], offset: number, dEnd: number) {
  const out: Array<{ op: Op; token: string }> = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : (v[offset + prevK] ?? 0);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'equal', token: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: 'insert', token: b[y - 1]! });
      else out.push({ op: 'delete', token: a[x - 1]! });
    }
    x = prevX;
    y = prevY;
  }
  // d = 0 leaves a common prefix only when both start equal; handled by the loop above.
  return out.reverse();
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out.at(-1);
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

const MAX_LINE_EDITS = 2000;
const MAX_CHAR_EDITS = 1500;

/** Character-level diff of two texts, computed line-wise first to stay fast on long sections. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const la = before.split(/(?<=\n)/);
  const lb = after.split(/(?<=\n)/);
  const lines = myers(la, lb, MAX_LINE_EDITS) ?? [
    ...la.map((token) => ({ op: 'delete' as const, token })),
    ...lb.map((token) => ({ op: 'insert' as const, token })),
  ];
  const parts: DiffPart[] = [];
  let del: string[] = [];
  let ins: string[] = [];
  const flush = () => {
    if (!del.length && !ins.length) return;
    const a = del.join('');
    const b = ins.join('');
    const chars = a && b ? myers([...a], [...b], MAX_CHAR_EDITS) : null;
    if (chars) parts.push(...chars.map((c) => ({ op: c.op, text: c.token })));
    else {
      parts.push({ op: 'delete', text: a });
      parts.push({ op: 'insert', text: b });
    }
    del = [];
    ins = [];
  };
  for (const l of lines) {
    if (l.op === 'equal') {
      flush();
      parts.push({ op: 'equal', text: l.token });
    } else if (l.op === 'delete') del.push(l.token);
    else ins.push(l.token);
  }
  flush();
  return merge(parts);
}

/** Rebuilds either side from a diff (used by tests: before = equal+delete, after = equal+insert). */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  return parts.filter((p) => p.op === 'equal' || p.op === (side === 'before' ? 'delete' : 'insert')).map((p) => p.text).join('');
}
