import type { TextRange } from '../../../shared/contract/review';

/**
 * Reads an evidence list (证据目录 / 证据清单) into items. Lists come in two shapes: numbered
 * paragraphs ("1. 借条一份，原件，证明被告向原告借款5万元。第1页") and tables pasted as text, one
 * row a line with tab or wide-space columns under a header (序号 证据名称 证据来源 证明目的 页码).
 * Every field keeps its range in the document text so the UI can highlight where it came from.
 */

export interface ParsedEvidence {
  readonly span: TextRange;
  readonly name: string;
  readonly nameSpan: TextRange | null;
  readonly source: string;
  readonly purpose: string;
  readonly purposeSpan: TextRange | null;
  readonly pageRefs: string;
}

export interface ParsedList {
  readonly items: ParsedEvidence[];
  /** The text of the heading before the first item (where 提交人 is named). */
  readonly heading: string;
  readonly notes: string[];
}

const ITEM_START =
  /^[ \t\u3000]*(?:证据\s*(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．:：]?|(?:第\s*)?(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*(?:组|项)?\s*[、.．:：)）]|[（(]\s*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|[0-9]{1,3}(?=\t|[ \u3000]{2,}))/;

const PAGES = /(?:第\s*)?(\d{1,4})\s*(?:[-—–~～至到]\s*(?:第\s*)?(\d{1,4}))?\s*页|[Pp]\.?\s*(\d{1,4})(?:\s*[-—–~～]\s*(\d{1,4}))?/;
const SOURCE_IN_PARENS = /[（(]([^（）()]*(?:原件|复印件|打印件|复制件|公证|出具|调取)[^（）()]*)[)）]/;
const SOURCE_LABEL = /(?:证据)?来源\s*[:：]\s*([^，,；;。\n\t]+)/;
const PURPOSE_LABEL = /证明(?:目的|对象|内容)?\s*[:：]\s*/;

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push({ start: s, end: i, text: text.slice(s, i).replace(/\r$/, '') });
      s = i + 1;
    }
  }
  return out;
}

function trimRange(text: string, a: number, b: number): TextRange {
  let s = a;
  let e = b;
  while (s < e && /[\s\u3000，,；;。：:]/.test(text[s] as string)) s++;
  while (e > s && /[\s\u3000，,；;。]/.test(text[e - 1] as string)) e--;
  return { start: s, end: e };
}

type Column = 'seq' | 'name' | 'source' | 'purpose' | 'pages' | 'other';

function headerColumns(line: string): Column[] | null {
  const cells = line.split(/\t|[ \u3000]{2,}/).map((c) => c.trim()).filter((c) => c !== '');
  if (cells.length < 2 || !cells.some((c) => /证据名称|名称/.test(c)) || !cells.some((c) => /证明/.test(c))) return null;
  return cells.map((c) =>
    /序号|编号/.test(c) ? 'seq' : /名称/.test(c) ? 'name' : /来源|形式/.test(c) ? 'source' : /证明/.test(c) ? 'purpose' : /页/.test(c) ? 'pages' : 'other',
  );
}

/** Splits a table row into cells with their ranges in the document. */
function cells(text: string, line: Line): TextRange[] {
  const out: TextRange[] = [];
  const re = /\t|[ \u3000]{2,}/g;
  let s = line.start;
  const body = text.slice(line.start, line.end);
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const e = line.start + m.index;
    if (e > s) out.push({ start: s, end: e });
    s = line.start + m.index + m[0].length;
  }
  if (line.end > s) out.push({ start: s, end: line.end });
  return out.map((r) => trimRange(text, r.start, r.end)).filter((r) => r.end > r.start);
}

function pagesOf(s: string): string {
  const m = PAGES.exec(s);
  if (!m) return '';
  const a = m[1] ?? m[3];
  const b = m[2] ?? m[4];
  return b ? `${a}-${b}` : (a ?? '');
}

function fromRow(text: string, line: Line, columns: Column[]): ParsedEvidence | null {
  const cs = cells(text, line);
  if (cs.length < 2) return null;
  const get = (col: Column): TextRange | null => {
    const i = columns.indexOf(col);
    return i >= 0 && cs[i] ? cs[i] : null;
  };
  // A row without a sequence cell is shifted: drop the seq column.
  let nameR = get('name');
  let purposeR = get('purpose');
  let sourceR = get('source');
  let pagesR = get('pages');
  if (columns[0] === 'seq' && cs.length === columns.length - 1) {
    const shifted = (col: Column) => {
      const i = columns.indexOf(col) - 1;
      return i >= 0 && cs[i] ? cs[i] : null;
    };
    nameR = shifted('name');
    purposeR = shifted('purpose');
    sourceR = shifted('source');
    pagesR = shifted('pages');
  }
  if (!nameR) return null;
  const slice = (r: TextRange | null) => (r ? text.slice(r.start, r.end) : '');
  return {
    span: trimRange(text, line.start, line.end),
    name: slice(nameR).replace(ITEM_START, '').trim(),
    nameSpan: nameR,
    source: slice(sourceR),
    purpose: slice(purposeR).replace(PURPOSE_LABEL, ''),
    purposeSpan: purposeR,
    pageRefs: pagesR ? pagesOf(slice(pagesR)) || slice(pagesR) : '',
  };
}

function fromParagraph(text: string, start: number, end: number): ParsedEvidence | null {
  const raw = text.slice(start, end);
  const head = ITEM_START.exec(raw);
  const bodyStart = start + (head ? head[0].length : 0);
  const body = text.slice(bodyStart, end);
  // The purpose: after 证明目的： or from the first 证明/用以证明/拟证明 to the end.
  let purposeR: TextRange | null = null;
  const label = PURPOSE_LABEL.exec(body);
  const verb = /(?:用以|用于|拟|以)?证明/.exec(body);
  if (label) purposeR = trimRange(text, bodyStart + label.index + label[0].length, end);
  else if (verb) purposeR = trimRange(text, bodyStart + verb.index, end);
  const nameEndRel = Math.min(
    ...[label?.index, verb?.index, body.search(/[，,；;。\n\t]|[ \u3000]{2,}/), body.search(SOURCE_IN_PARENS)]
      .filter((x): x is number => x !== undefined && x > 0)
      .concat([body.length]),
  );
  const nameR = trimRange(text, bodyStart, bodyStart + nameEndRel);
  if (nameR.end <= nameR.start) return null;
  let purpose = purposeR ? text.slice(purposeR.start, purposeR.end) : '';
  // Page references at the end of the purpose belong in their own column.
  const pageRefs = pagesOf(body);
  const tailPages = /[，,；;。\s]*(?:第\s*\d{1,4}\s*(?:[-—–~～至到]\s*\d{1,4})?\s*页|[Pp]\.?\s*\d{1,4}(?:\s*[-—–~～]\s*\d{1,4})?)[。；;]?$/.exec(purpose);
  if (tailPages && purposeR) {
    purposeR = trimRange(text, purposeR.start, purposeR.start + tailPages.index);
    purpose = text.slice(purposeR.start, purposeR.end);
  }
  const srcParen = SOURCE_IN_PARENS.exec(body);
  const srcLabel = SOURCE_LABEL.exec(body);
  const source = srcLabel?.[1]?.trim() ?? srcParen?.[1]?.trim() ?? (/(原件|复印件|打印件)/.exec(body.slice(0, nameEndRel + 20))?.[1] ?? '');
  return {
    span: trimRange(text, start, end),
    name: text.slice(nameR.start, nameR.end).replace(/[（(][^（）()]*[)）]$/, '').trim(),
    nameSpan: nameR,
    source,
    purpose,
    purposeSpan: purposeR,
    pageRefs,
  };
}

export function parseEvidenceList(text: string, maxItems = 500): ParsedList {
  const ls = lines(text);
  const notes: string[] = [];
  const items: ParsedEvidence[] = [];
  let columns: Column[] | null = null;
  let firstItemLine = -1;
  // Paragraph items may run over several lines: collect from one start to the next.
  let open: { start: number; end: number } | null = null;
  const flush = () => {
    if (!open) return;
    const p = fromParagraph(text, open.start, open.end);
    if (p) items.push(p);
    else notes.push(`无法识别的条目：“${text.slice(open.start, Math.min(open.end, open.start + 40))}”`);
    open = null;
  };
  for (const [i, line] of ls.entries()) {
    if (items.length >= maxItems) {
      notes.push(`条目超过${maxItems}个，其余未导入`);
      break;
    }
    if (line.text.trim() === '') continue;
    const hdr = headerColumns(line.text);
    if (hdr) {
      flush();
      columns = hdr;
      if (firstItemLine < 0) firstItemLine = i;
      continue;
    }
    if (columns && /\t|[ \u3000]{2,}/.test(line.text.trim())) {
      const row = fromRow(text, line, columns);
      if (row) {
        flush();
        items.push(row);
        if (firstItemLine < 0) firstItemLine = i;
        continue;
      }
    }
    if (ITEM_START.test(line.text) && !/^\s*证据(?:目录|清单)/.test(line.text)) {
      flush();
      open = { start: line.start, end: line.end };
      if (firstItemLine < 0) firstItemLine = i;
      continue;
    }
    // A continuation of the open paragraph item, unless it is a closing line (提交人, 日期).
    if (open && !/^\s*(?:提交人|举证人|此致|日期|\d{4}\s*年)/.test(line.text)) (open as { end: number }).end = line.end;
    else flush();
  }
  flush();
  const headEnd = firstItemLine >= 0 ? (ls[firstItemLine]?.start ?? 0) : Math.min(text.length, 300);
  if (items.length === 0) notes.push('未识别到编号的证据条目（应为“1. 证据名称……证明……”或带表头的表格）');
  return { items, heading: text.slice(0, headEnd), notes };
}
