import type { DiffPart } from '../../../../shared/contract/drafting';

/** Above this many cells the middle is shown as one delete + one insert instead of an LCS. */
const MAX_CELLS = 4_000_000;

function push(out: DiffPart[], op: DiffPart['op'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) out[out.length - 1] = { op, text: last.text + text };
  else out.push({ op, text });
}

/**
 * A character diff of two texts (for the conflict view, where the backend has no version to diff
 * against): common prefix and suffix, then an LCS of the middle. Chinese has no word spaces, so
 * characters are the natural unit, as in the backend's drafting.diff.
 */
export function diffChars(before: string, after: string): DiffPart[] {
  const a = [...before];
  const b = [...after];
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const out: DiffPart[] = [];
  push(out, 'equal', a.slice(0, pre).join(''));
  const ma = a.slice(pre, a.length - suf);
  const mb = b.slice(pre, b.length - suf);
  if (ma.length * mb.length > MAX_CELLS) {
    push(out, 'delete', ma.join(''));
    push(out, 'insert', mb.join(''));
  } else {
    const n = ma.length;
    const m = mb.length;
    // lcs[i][j] = LCS length of ma[i..] and mb[j..], in one flat array.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] =
          ma[i] === mb[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (ma[i] === mb[j]) {
        push(out, 'equal', ma[i]!);
        i++;
        j++;
      } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) {
        push(out, 'delete', ma[i]!);
        i++;
      } else {
        push(out, 'insert', mb[j]!);
        j++;
      }
    }
    push(out, 'delete', ma.slice(i).join(''));
    push(out, 'insert', mb.slice(j).join(''));
  }
  push(out, 'equal', a.slice(a.length - suf).join(''));
  return out;
}

/**
 * Readability pass over a character diff (like diff-match-patch's semantic cleanup): a short
 * equal run between two changes ("的", "原告") is folded into them, and each run of changes is shown
 * as one deletion followed by one insertion, so a rewritten sentence reads as old → new instead of
 * confetti. The texts on either side are unchanged.
 */
export function cleanupDiff(parts: readonly DiffPart[], maxIsland = 3): DiffPart[] {
  const isChange = (p: DiffPart | undefined) => p !== undefined && p.op !== 'equal';
  // Mark short equal islands that sit between changes as changes (both a delete and an insert).
  const flat: { op: DiffPart['op'] | 'both'; text: string }[] = parts.map((p, i) =>
    p.op === 'equal' && [...p.text].length <= maxIsland && isChange(parts[i - 1]) && isChange(parts[i + 1]) ? { op: 'both', text: p.text } : p,
  );
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flushRun = () => {
    push(out, 'delete', del);
    push(out, 'insert', ins);
    del = '';
    ins = '';
  };
  for (const p of flat) {
    if (p.op === 'equal') {
      flushRun();
      push(out, 'equal', p.text);
    } else {
      if (p.op !== 'insert') del += p.text;
      if (p.op !== 'delete') ins += p.text;
    }
  }
  flushRun();
  return out;
}
