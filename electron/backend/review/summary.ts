import type { SourceSpan, SummarySentence } from '../../../shared/contract/review';
import { normalise, sentenceRanges, splitPassages, termsOf, type Passage } from '../llm/chat';

/**
 * Summaries with sources. Extractive (no model): key sentences chosen by position, legal cue
 * words, facts (amounts, dates) and centrality (how much of the document's vocabulary a sentence
 * shares), without near-duplicates; every sentence is the document's own text with its offsets.
 * Abstractive (model): the model writes sentences that each cite a numbered passage and quote
 * it; each sentence is checked against the passage text and marked when it does not hold.
 */

export interface SummaryDoc {
  readonly documentId: string;
  readonly title: string;
  readonly text: string;
}

const CUES = /诉讼请求|请求判令|事实(?:与|和)理由|辩称|答辩|认为|证明|借款|判决|裁定|约定|至今|未还|拒不|主张|要求|同意|否认|认可|确认|交付|签订|解除|赔偿|事故|离婚|欠/u;
const FACTS = /\d|[一二三四五六七八九十百千万]+元|年|月|日/u;
/** Sentences considered per document: enough for a long judgment, bounded for a huge upload. */
const MAX_SENTENCES = 4000;

interface Scored {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly score: number;
  readonly bigrams: Set<string>;
}

function bigrams(text: string): Set<string> {
  return new Set(termsOf(normalise(text).norm).map((t) => t.term));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Scores every sentence of a document (higher = more summary-worthy). */
export function scoreSentences(text: string): Scored[] {
  const ranges = sentenceRanges(text).slice(0, MAX_SENTENCES);
  const items = ranges.map((r) => ({ ...r, text: text.slice(r.start, r.end) })).map((r) => ({ ...r, bigrams: bigrams(r.text) }));
  const df = new Map<string, number>();
  for (const it of items) for (const b of it.bigrams) df.set(b, (df.get(b) ?? 0) + 1);
  const n = items.length;
  return items.map((it, i) => {
    const len = it.text.replace(/\s/g, '').length;
    let score = 0;
    // Centrality: the mean share of sentences each of its terms appears in (terms used once say little).
    let central = 0;
    for (const b of it.bigrams) central += ((df.get(b) ?? 1) - 1) / Math.max(1, n - 1);
    score += it.bigrams.size ? (central / it.bigrams.size) * 3 : 0;
    if (i < 3) score += 1 - i * 0.3; // the opening states parties and claims
    const cues = it.text.match(new RegExp(CUES.source, 'gu'))?.length ?? 0;
    score += Math.min(2, cues * 0.6);
    if (FACTS.test(it.text)) score += 0.4;
    if (len < 8) score -= 2; // headings and fragments
    if (len > 250) score -= 0.8;
    return { start: it.start, end: it.end, text: it.text, score, bigrams: it.bigrams };
  });
}

function pick(scored: readonly Scored[], k: number): Scored[] {
  const chosen: Scored[] = [];
  for (const s of [...scored].sort((a, b) => b.score - a.score || a.start - b.start)) {
    if (chosen.length >= k) break;
    if (s.text.replace(/\s/g, '').length < 8) continue;
    if (chosen.some((c) => jaccard(c.bigrams, s.bigrams) > 0.6)) continue;
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function toSentence(doc: SummaryDoc, s: Scored): SummarySentence {
  const source: SourceSpan = { documentId: doc.documentId, documentTitle: doc.title, start: s.start, end: s.end, quote: s.text };
  return { text: s.text.replace(/\s*\n\s*/g, ' '), check: 'extractive', verified: true, source };
}

/** Key sentences of one document, in document order. */
export function extractiveDocument(doc: SummaryDoc, k?: number): SummarySentence[] {
  const scored = scoreSentences(doc.text);
  const want = k ?? Math.max(3, Math.min(8, Math.round(scored.length * 0.12)));
  return pick(scored, want).map((s) => toSentence(doc, s));
}

/** The case: a few sentences from each document, pleadings first (the caller orders the documents). */
export function extractiveCase(docs: readonly SummaryDoc[], perDocument = 3, max = 18): SummarySentence[] {
  const out: SummarySentence[] = [];
  for (const d of docs) {
    if (out.length >= max) break;
    out.push(...extractiveDocument(d, Math.min(perDocument, max - out.length)));
  }
  return out;
}

// ---- abstractive ----------------------------------------------------------------------------

/** Passages given to the model; the prompt's schema enumerates 1..12. */
export const MAX_SUMMARY_PASSAGES = 12;

export interface NumberedPassage extends Passage {
  readonly n: number;
}

/** The passages that best cover the documents: each document's most central passages, in order. */
export function summaryPassages(docs: readonly SummaryDoc[], max = MAX_SUMMARY_PASSAGES): NumberedPassage[] {
  const perDoc = Math.max(1, Math.floor(max / Math.max(1, docs.length)));
  const chosen: Passage[] = [];
  for (const d of docs) {
    const passages = splitPassages(d.documentId, d.title, d.text, 300, 4);
    const scored = scoreSentences(d.text);
    const ranked = passages
      .map((p, i) => ({
        p,
        i,
        s: scored.filter((x) => x.start >= p.start && x.end <= p.end).reduce((a, x) => a + x.score, 0) + (i === 0 ? 1 : 0),
      }))
      .sort((a, b) => b.s - a.s)
      .slice(0, perDoc)
      .sort((a, b) => a.i - b.i);
    chosen.push(...ranked.map((r) => r.p));
    if (chosen.length >= max) break;
  }
  return chosen.slice(0, max).map((p, i) => ({ ...p, n: i + 1 }));
}

export function passagesForPrompt(passages: readonly NumberedPassage[]): string {
  return passages.map((p) => `[${p.n}]（${p.documentTitle}）${p.text.replace(/\s*\n\s*/g, ' ')}`).join('\n');
}

export interface ModelSentence {
  readonly text: string;
  readonly passage: number;
  readonly quote: string;
}

/** Share of the sentence's terms found in the passage: a paraphrase of a passage scores high. */
export function overlap(sentence: string, passage: string): number {
  const s = bigrams(sentence);
  if (s.size === 0) return 0;
  const p = bigrams(passage);
  let inside = 0;
  for (const b of s) if (p.has(b)) inside++;
  return inside / s.size;
}

const OVERLAP_MIN = 0.5;

/**
 * Checks each model sentence: its quote must occur in the cited passage (then the source is the
 * quote's exact range), or the sentence must share most of its wording with that passage (then
 * the source is the passage). Anything else is kept but marked unverified.
 */
export function verifySentences(sentences: readonly ModelSentence[], passages: readonly NumberedPassage[]): SummarySentence[] {
  return sentences.map((s) => {
    const p = passages.find((x) => x.n === s.passage);
    if (!p) return { text: s.text, check: 'unverified', verified: false, source: null };
    const quote = s.quote.replace(/^[\s"'“”‘’「」….]+|[\s"'“”‘’「」….]+$/gu, '');
    const n = normalise(p.text);
    const needle = normalise(quote).norm;
    const at = needle.length >= 4 ? n.norm.indexOf(needle) : -1;
    if (at >= 0) {
      const start = p.start + n.map[at]!;
      const end = p.start + n.ends[at + needle.length - 1]!;
      return {
        text: s.text,
        check: 'quoted',
        verified: true,
        source: { documentId: p.documentId, documentTitle: p.documentTitle, start, end, quote: p.text.slice(start - p.start, end - p.start) },
      };
    }
    if (overlap(s.text, p.text) >= OVERLAP_MIN) {
      return {
        text: s.text,
        check: 'overlap',
        verified: true,
        source: { documentId: p.documentId, documentTitle: p.documentTitle, start: p.start, end: p.end, quote: p.text },
      };
    }
    return { text: s.text, check: 'unverified', verified: false, source: null };
  });
}
