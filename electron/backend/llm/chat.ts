import type { CaseDetail } from '../../../shared/contract/cases';
import type {
  ChatAnswer,
  ChatAskResult,
  ChatCitation,
  ChatPassage,
  ChatSearchResult,
  ChatTurn,
  TextRange,
} from '../../../shared/contract/llm';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { getCase } from '../store/repos/cases';
import { getDocumentText, listDocuments } from '../store/repos/documents';
import type { LlmService } from './service';
import type { JsonSchema } from './schema';

/**
 * Chat with the case: lexical retrieval over the case's documents, a grounded answer from the
 * model with verbatim quotes, and a check of every quote against the passage it cites.
 * Retrieval is deliberately simple (BM25 over character bigrams): it needs no model, no index
 * and no new dependency, works for Chinese without a segmenter, and is what the user gets when
 * no model is loaded.
 */

export const CHAT_PROMPT = 'case-chat@2';
/** Passages given to the model; the prompt's output schema enumerates passage numbers 1..8. */
export const MAX_CHAT_PASSAGES = 6;
const PASSAGE_MAX_CHARS = 240;
const PASSAGE_MAX_SENTENCES = 3;
const MIN_QUOTE_CHARS = 2;

// ---- normalisation ------------------------------------------------------------------------------

/**
 * Text for matching, with a map back to the original: whitespace dropped (PDF extraction puts
 * spaces and line breaks inside Chinese sentences), NFKC per character (full-width digits and
 * letters, compatibility forms) and lower case. `map[i]` is the original index of norm[i] and
 * `ends[i]` the original index just after the character it came from.
 */
export interface Normalised {
  readonly norm: string;
  readonly map: readonly number[];
  readonly ends: readonly number[];
}

export function normalise(text: string): Normalised {
  let norm = '';
  const map: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of text) {
    const at = i;
    i += ch.length;
    if (/\s/u.test(ch)) continue;
    const n = ch.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
    for (let k = 0; k < n.length; k++) {
      map.push(at);
      ends.push(i);
    }
    norm += n;
  }
  return { norm, map, ends };
}

/** The original [start, end) of norm[from, to). */
function originalRange(n: Normalised, from: number, to: number): TextRange {
  return { start: n.map[from]!, end: n.ends[to - 1]! };
}

// ---- passages ---------------------------------------------------------------------------------

export interface Passage {
  readonly documentId: string;
  readonly documentTitle: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const SENTENCE_END = /[。！？!?；;]/u;
const CLOSERS = /[”’」』）)\]】"']/u;

/** Sentences as [start, end) ranges, trimmed; a line break also ends a sentence. */
export function sentenceRanges(text: string): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') push(i + 1);
    else if (SENTENCE_END.test(c)) {
      let j = i + 1;
      while (j < text.length && (SENTENCE_END.test(text[j]!) || CLOSERS.test(text[j]!))) j++;
      push(j);
      i = j - 1;
    }
  }
  push(text.length);
  return out;
}

/** Splits an over-long sentence at a comma (or hard) so no passage exceeds the limit. */
function splitLong(text: string, r: TextRange, max: number): TextRange[] {
  const out: TextRange[] = [];
  let s = r.start;
  while (r.end - s > max) {
    let cut = -1;
    for (let i = s + max; i > s + max / 2; i--) {
      if (/[，,、：:]/u.test(text[i - 1]!)) {
        cut = i;
        break;
      }
    }
    if (cut < 0) cut = s + max;
    // Never cut a surrogate pair in half.
    if (/[\uDC00-\uDFFF]/u.test(text[cut] ?? '')) cut++;
    out.push({ start: s, end: cut });
    s = cut;
  }
  if (r.end > s) out.push({ start: s, end: r.end });
  return out;
}

/** Groups sentences into passages of a few sentences, keeping their offsets in the document. */
export function splitPassages(
  documentId: string,
  documentTitle: string,
  text: string,
  maxChars = PASSAGE_MAX_CHARS,
  maxSentences = PASSAGE_MAX_SENTENCES,
): Passage[] {
  const pieces = sentenceRanges(text).flatMap((r) => splitLong(text, r, maxChars));
  const out: Passage[] = [];
  let cur: TextRange | null = null;
  let count = 0;
  const flush = () => {
    if (cur) out.push({ documentId, documentTitle, start: cur.start, end: cur.end, text: text.slice(cur.start, cur.end) });
    cur = null;
    count = 0;
  };
  for (const p of pieces) {
    if (cur && (p.end - cur.start > maxChars || count >= maxSentences)) flush();
    cur = cur ? { start: cur.start, end: p.end } : { ...p };
    count++;
  }
  flush();
  return out;
}

// ---- scoring ------------------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;
const ALNUM = /[a-z0-9]/u;

/** Question words that say what is asked, not what about: they would match every passage. */
const QUESTION_WORDS = [
  '是什么',
  '为什么',
  '怎么样',
  '是不是',
  '有没有',
  '是否',
  '什么',
  '多少',
  '哪些',
  '哪个',
  '哪里',
  '何时',
  '怎么',
  '如何',
  '为何',
  '请问',
  '一下',
  '本案',
  '案件',
];

/** Terms of a normalised text with their positions: Han bigrams (a lone Han character as itself) and ASCII words/numbers. */
export function termsOf(norm: string): { term: string; at: number }[] {
  const out: { term: string; at: number }[] = [];
  let i = 0;
  while (i < norm.length) {
    const c = norm[i]!;
    if (HAN.test(c)) {
      let j = i;
      while (j < norm.length && HAN.test(norm[j]!)) j++;
      if (j - i === 1) out.push({ term: c, at: i });
      for (let k = i; k + 1 < j; k++) out.push({ term: norm.slice(k, k + 2), at: k });
      i = j;
    } else if (ALNUM.test(c)) {
      let j = i;
      while (j < norm.length && ALNUM.test(norm[j]!)) j++;
      out.push({ term: norm.slice(i, j), at: i });
      i = j;
    } else i++;
  }
  return out;
}

export function queryTerms(question: string): string[] {
  let q = normalise(question).norm;
  for (const w of QUESTION_WORDS) q = q.split(w).join('|');
  return [...new Set(termsOf(q).map((t) => t.term))];
}

interface Indexed {
  readonly passage: Passage;
  readonly n: Normalised;
  readonly tf: Map<string, number>;
  readonly length: number;
}

function index(p: Passage): Indexed {
  const n = normalise(p.text);
  const terms = termsOf(n.norm);
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
  return { passage: p, n, tf, length: Math.max(1, terms.length) };
}

/** Where the query terms occur in a passage, merged into ranges relative to its text. */
export function highlightRanges(n: Normalised, terms: readonly string[]): TextRange[] {
  const want = new Set(terms);
  const spans: [number, number][] = [];
  for (const t of termsOf(n.norm)) if (want.has(t.term)) spans.push([t.at, t.at + t.term.length]);
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged.map(([a, b]) => originalRange(n, a, b));
}

const K1 = 1.2;
const B = 0.75;

/** BM25 ranking of passages for the terms; only passages with a match are returned. */
export function rankPassages(passages: readonly Passage[], terms: readonly string[], limit: number): ChatPassage[] {
  const docs = passages.map(index);
  if (docs.length === 0 || terms.length === 0) return [];
  const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  const idf = new Map<string, number>();
  for (const t of terms) {
    const df = docs.filter((d) => d.tf.has(t)).length;
    idf.set(t, Math.log(1 + (docs.length - df + 0.5) / (df + 0.5)));
  }
  return docs
    .map((d, order) => {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t) ?? 0;
        if (f) score += idf.get(t)! * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg)));
      }
      return { d, score, order };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((x, i) => toChatPassage(x.d, i + 1, x.score, terms));
}

function toChatPassage(d: Indexed, n: number, score: number, terms: readonly string[]): ChatPassage {
  const p = d.passage;
  return {
    n,
    documentId: p.documentId,
    documentTitle: p.documentTitle,
    start: p.start,
    end: p.end,
    text: p.text,
    score: Math.round(score * 1000) / 1000,
    highlights: highlightRanges(d.n, terms),
  };
}

// ---- the case ---------------------------------------------------------------------------------

function requireCase(ctx: BackendContext, caseId: string): CaseDetail {
  const c = getCase(ctx.db, caseId);
  if (!c) throw new AppError('NOT_FOUND', `No case ${caseId}`);
  return c;
}

interface CasePassages {
  readonly passages: Passage[];
  readonly documentsSearched: number;
  readonly documentsWithoutText: number;
}

function casePassages(ctx: BackendContext, caseId: string): CasePassages {
  const docs = listDocuments(ctx.db, caseId);
  const passages: Passage[] = [];
  let searched = 0;
  let withoutText = 0;
  for (const d of docs) {
    const text = getDocumentText(ctx.db, d.id) ?? '';
    if (!text.trim()) {
      withoutText++;
      continue;
    }
    searched++;
    passages.push(...splitPassages(d.id, d.title || d.filename, text));
  }
  return { passages, documentsSearched: searched, documentsWithoutText: withoutText };
}

function modelAvailable(llm: LlmService): boolean {
  const st = llm.status();
  return st.state !== 'idle' || st.savedModel !== null;
}

export function searchCase(
  ctx: BackendContext,
  llm: LlmService,
  input: { caseId: string; question: string; limit: number },
): ChatSearchResult {
  requireCase(ctx, input.caseId);
  const cp = casePassages(ctx, input.caseId);
  const terms = queryTerms(input.question);
  return {
    passages: rankPassages(cp.passages, terms, input.limit),
    terms,
    documentsSearched: cp.documentsSearched,
    documentsWithoutText: cp.documentsWithoutText,
    modelAvailable: modelAvailable(llm),
  };
}

// ---- citations ----------------------------------------------------------------------------------

export interface RawCitation {
  readonly passage: number;
  readonly quote: string;
}

/** Quote marks and ellipses a model wraps a quote in are not part of the quote. */
function trimQuote(q: string): string {
  return q.replace(/^[\s"'“”‘’「」『』《》….]+|[\s"'“”‘’「」『』《》….]+$/gu, '');
}

/** Every place `needle` (normalised) occurs in `n`. */
function occurrences(n: Normalised, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let at = n.norm.indexOf(needle); at >= 0; at = n.norm.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/**
 * Checks each quote against the passage it cites and locates it in the document. A quote that
 * is not in its passage is kept but marked, never silently accepted or dropped, so the user sees
 * what the model claimed and that it did not check out.
 */
export function verifyCitations(citations: readonly RawCitation[], passages: readonly ChatPassage[]): ChatCitation[] {
  const norms = new Map(passages.map((p) => [p.n, normalise(p.text)]));
  return citations.map((c) => {
    const base = { passage: c.passage, quote: c.quote, documentId: null, documentTitle: null, start: null, end: null, foundIn: null };
    const needle = normalise(trimQuote(c.quote)).norm;
    if (needle.length < MIN_QUOTE_CHARS) return { ...base, status: 'too-short', verified: false };
    const cited = passages.find((p) => p.n === c.passage);
    const n = norms.get(c.passage);
    if (!cited || !n) {
      const elsewhere = passages.find((p) => occurrences(norms.get(p.n)!, needle).length > 0);
      return { ...base, status: elsewhere ? 'wrong-passage' : 'no-such-passage', verified: false, foundIn: elsewhere?.n ?? null };
    }
    const at = occurrences(n, needle)[0];
    if (at === undefined) {
      const elsewhere = passages.find((p) => p.n !== c.passage && occurrences(norms.get(p.n)!, needle).length > 0);
      return elsewhere
        ? { ...base, status: 'wrong-passage', verified: false, foundIn: elsewhere.n }
        : { ...base, status: 'not-found', verified: false };
    }
    const r = originalRange(n, at, at + needle.length);
    return {
      ...base,
      status: 'verified',
      verified: true,
      documentId: cited.documentId,
      documentTitle: cited.documentTitle,
      start: cited.start + r.start,
      end: cited.start + r.end,
    };
  });
}

interface ModelAnswer {
  readonly grounded: boolean;
  readonly answer: string;
  readonly citations: readonly RawCitation[];
}

function isModelAnswer(v: unknown): v is ModelAnswer {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['grounded'] === 'boolean' && typeof o['answer'] === 'string' && Array.isArray(o['citations']);
}

export function checkAnswer(json: unknown, caseId: string, question: string, passages: readonly ChatPassage[]): ChatAnswer {
  if (!isModelAnswer(json)) throw new Error('the answer has no grounded/answer/citations');
  const citations = verifyCitations(json.citations, passages);
  return {
    kind: 'case-chat',
    caseId,
    question,
    answer: json.answer,
    grounded: json.grounded,
    citations,
    allVerified: citations.every((c) => c.verified),
    passages: [...passages],
  };
}

// ---- the prompt ---------------------------------------------------------------------------------

const ROLE_NAMES: Record<string, string> = { plaintiff: '原告', defendant: '被告', third_party: '第三人' };

/** The case record as a few lines, so the model knows who is who; not citable (it is not a document). */
export function caseFactsText(c: CaseDetail): string {
  const lines: string[] = [];
  if (c.caseNumber) lines.push(`案号：${c.caseNumber}`);
  if (c.title) lines.push(`案件名称：${c.title}`);
  if (c.causeOfAction) lines.push(`案由：${c.causeOfAction}`);
  for (const p of c.parties.slice(0, 20)) lines.push(`${ROLE_NAMES[p.role] ?? p.role}：${p.name}`);
  c.claims.slice(0, 10).forEach((cl, i) => lines.push(`诉讼请求${i + 1}：${cl.text.slice(0, 200)}`));
  if (c.summary) lines.push(`摘要：${c.summary.slice(0, 500)}`);
  return (lines.join('\n') || '（无）').slice(0, 4000);
}

export function passagesText(passages: readonly ChatPassage[]): string {
  return passages.map((p) => `[${p.n}]（${p.documentTitle}）${p.text.replace(/\s*\n\s*/gu, ' ')}`).join('\n');
}

/** Earlier turns, newest last, within a budget: a follow-up question often needs the last answer. */
export function historyText(history: readonly ChatTurn[], maxChars = 3000): string {
  const lines: string[] = [];
  let used = 0;
  for (const t of [...history].reverse()) {
    const line = `${t.role === 'user' ? '问' : '答'}：${t.text.replace(/\s+/gu, ' ').trim()}`;
    if (used + line.length > maxChars) break;
    lines.unshift(line);
    used += line.length;
  }
  return lines.length ? `此前的对话：\n${lines.join('\n')}\n\n` : '';
}

/** The prompt's output schema with the passage numbers narrowed to the ones actually given. */
function narrowedSchema(schema: JsonSchema, count: number): JsonSchema {
  const copy = structuredClone(schema) as { properties: { citations: { items: { properties: { passage: unknown } } } } };
  copy.properties.citations.items.properties.passage = { enum: Array.from({ length: count }, (_, i) => i + 1) };
  return copy as unknown as JsonSchema;
}

export function askCase(
  ctx: BackendContext,
  llm: LlmService,
  input: { caseId: string; question: string; history: readonly ChatTurn[] },
): ChatAskResult {
  const c = requireCase(ctx, input.caseId);
  const cp = casePassages(ctx, input.caseId);
  const terms = queryTerms(input.question);
  const base = { terms, documentsSearched: cp.documentsSearched, documentsWithoutText: cp.documentsWithoutText };
  const available = modelAvailable(llm);
  if (!available) {
    return {
      ...base,
      passages: rankPassages(cp.passages, terms, 8),
      modelAvailable: false,
      requestId: null,
      status: 'no-model',
      message: '未加载模型，无法生成回答。请在“模型”页面加载模型；下面是案卷中与问题最相关的段落。',
    };
  }
  if (cp.passages.length === 0) {
    return {
      ...base,
      passages: [],
      modelAvailable: true,
      requestId: null,
      status: 'no-documents',
      message:
        cp.documentsWithoutText > 0
          ? '本案文书均未提取到文字（可能是扫描件，需要先识别文字），无法据以回答。'
          : '本案还没有文书，无法据以回答。请先添加起诉状、证据等材料。',
    };
  }
  let passages = rankPassages(cp.passages, terms, MAX_CHAT_PASSAGES);
  if (passages.length === 0) {
    // Nothing matched lexically (a paraphrased question): give the opening passage of each
    // document, where the parties and claims usually are, and let the model say if it cannot tell.
    const firsts = new Map<string, Passage>();
    for (const p of cp.passages) if (!firsts.has(p.documentId)) firsts.set(p.documentId, p);
    passages = [...firsts.values()].slice(0, MAX_CHAT_PASSAGES).map((p, i) => ({
      n: i + 1,
      documentId: p.documentId,
      documentTitle: p.documentTitle,
      start: p.start,
      end: p.end,
      text: p.text,
      score: 0,
      highlights: [],
    }));
  }
  const req = llm.requestForPrompt(CHAT_PROMPT, {
    caseFacts: caseFactsText(c),
    passages: passagesText(passages),
    history: historyText(input.history),
    question: input.question,
  });
  const given = passages;
  const { requestId } = llm.enqueue({
    ...req,
    ...(req.schema ? { schema: narrowedSchema(req.schema, given.length) } : {}),
    caseId: input.caseId,
    // Interactive: ahead of background work such as the bench (priority -5).
    priority: 2,
    finalize: (json) => checkAnswer(json, input.caseId, input.question, given),
  });
  return { ...base, passages, modelAvailable: true, requestId, status: 'queued', message: '' };
}
