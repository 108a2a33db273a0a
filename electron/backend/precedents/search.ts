import {
  AUTHORITY_LABELS,
  AUTHORITY_RANK,
  type Authority,
  type Explanation,
  type FeatureTag,
  type Passage,
  type PrecedentDetail,
  type PrecedentSummary,
  type QueryInfo,
  type SearchFilters,
  type SearchHit,
  type SearchOutput,
  type SectionName,
} from '../../../shared/contract/precedents';
import { DEFAULT_CAUSE_TREE } from '../../../shared/rules/causes';
import { toHalfWidth } from '../../../shared/rules/numerals';
import { findTerm } from '../../../shared/rules/termMatch';
import type { Db } from '../store/db';
import * as repo from '../store/repos/precedents';
import { amountSimilarity, detectElements, detectRelationships, principalOf, tagsOf, type Features } from './features';
import { isNoiseTerm, segmenterName, STOP_WORDS, tokenize, withoutDateYears } from './segment';
import { SECTION_ORDER } from './sections';

/** Only this much of a query is analysed: a whole complaint fits; a pasted book is cut, and the user told. */
export const MAX_SEARCH_CHARS = 5_000;
/** Query terms sent to FTS5 (highest tf·idf first): enough for a fact pattern, bounded for speed. */
const MAX_TERMS = 48;
/**
 * FTS5 scores every document an OR query matches (no top-k pruning), so the cost of a query is the
 * sum of its terms' posting lists. Terms are added best first until this many postings, which keeps a
 * query over 100,000 judgments within budget; the first MIN_TERMS are always kept.
 */
const POSTINGS_BUDGET = 25_000;
const MIN_TERMS = 6;
/** BM25 candidates re-ranked per query. */
const WINDOW = 120;

/**
 * Re-ranking weights, set a priori from what decides similarity for a judge (issue 5: the cause, the
 * facts that are legal elements, amounts and relationships), not fitted to an evaluation set. A
 * component that does not apply to the query (no amount, no relationship) drops out and the others
 * are renormalised, so a short query is ranked by what it does say.
 */
export const WEIGHTS = {
  lexical: 0.45,
  keyTerms: 0.15,
  cause: 0.15,
  elements: 0.12,
  amount: 0.05,
  relationship: 0.05,
  authority: 0.03,
} as const;

export interface QueryTerm {
  term: string;
  weight: number;
  df: number;
}

export interface QueryModel {
  terms: QueryTerm[];
  causes: string[];
  elements: FeatureTag[];
  relationships: FeatureTag[];
  principalFen: number | null;
  truncated: boolean;
  searchedChars: number;
  note: string | null;
}

const CAUSE_NAMES: readonly string[] = [...DEFAULT_CAUSE_TREE.nodes.values()].filter((n) => n.selectable).map((n) => n.name);

/** Causes named in free text: catalogue causes, and charges (…罪) stated as such. */
function causesInText(text: string): string[] {
  const out = CAUSE_NAMES.filter((c) => text.includes(c));
  for (const m of text.matchAll(/(?:犯|构成|涉嫌)([\u4e00-\u9fa5]{2,12}?罪)/g)) if (!out.includes(m[1] as string)) out.push(m[1] as string);
  return out.slice(0, 6);
}

export function buildQuery(db: Db, input: string, cause: string | undefined): QueryModel {
  const clean = toHalfWidth(input).replace(/\s+/g, ' ').trim();
  const truncated = clean.length > MAX_SEARCH_CHARS;
  const text = truncated ? clean.slice(0, MAX_SEARCH_CHARS) : clean;
  const base: QueryModel = {
    terms: [],
    causes: cause ? cause.split(/[、,，;；]/).map((c) => c.trim()).filter(Boolean) : causesInText(text),
    elements: detectElements(text),
    relationships: detectRelationships(text),
    principalFen: principalOf(text, ''),
    truncated,
    searchedChars: text.length,
    note: truncated ? `查询过长，仅检索前 ${MAX_SEARCH_CHARS} 个字符` : null,
  };
  const tf = new Map<string, number>();
  for (const t of tokenize(`${withoutDateYears(text)} ${base.causes.join(' ')}`)) {
    if (STOP_WORDS.has(t) || isNoiseTerm(t)) continue;
    tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  if (tf.size === 0) {
    return { ...base, note: text ? '查询中没有可检索的词语（日期、一两位的数字和虚词不参与检索），请输入至少一个完整的词（如“借款”）' : '请输入查询内容' };
  }
  const n = repo.docCount(db);
  if (n === 0) return { ...base, note: '类案库为空或索引未建立：请先导入裁判文书（或运行重建索引）' };
  const distinct = [...tf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 400);
  const df = repo.termDocFreq(db, distinct.map(([t]) => t));
  let terms: QueryTerm[] = [];
  for (const [term, count] of distinct) {
    const d = df.get(term) ?? 0;
    if (d === 0) continue;
    const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
    terms.push({ term, weight: (1 + Math.log(count)) * idf, df: d });
  }
  // Terms in more than half of all judgments say nothing about similarity (unless nothing else is left).
  const informative = terms.filter((t) => t.df / n <= 0.5 || n < 20);
  if (informative.length) terms = informative;
  terms.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const kept: QueryTerm[] = [];
  let postings = 0;
  for (const t of terms) {
    if (kept.length >= MAX_TERMS) break;
    if (kept.length >= MIN_TERMS && postings + t.df > POSTINGS_BUDGET) continue;
    kept.push(t);
    postings += t.df;
  }
  terms = kept;
  let note = base.note;
  if (terms.length === 0) note = '类案库中没有包含这些词语的文书';
  else if (text.length === 1) note = '单字查询范围很宽，建议输入完整的词语或案情';
  return { ...base, terms, note };
}

/** FTS5 MATCH text for the terms: each one quoted (doubled quotes), OR-ed. User text is never FTS5 syntax. */
export function matchExpression(terms: readonly QueryTerm[]): string {
  return terms.map((t) => `"${t.term.replace(/"/g, '""')}"`).join(' OR ');
}

function parseFeatures(s: string): Features {
  try {
    const f = JSON.parse(s) as Partial<Features>;
    return { elements: f.elements ?? [], relationships: f.relationships ?? [], principalFen: f.principalFen ?? null };
  } catch {
    return { elements: [], relationships: [], principalFen: null };
  }
}

export function summaryOf(r: repo.PrecedentRow): PrecedentSummary {
  const chars = r.header.length + r.parties.length + r.claims.length + r.facts.length + r.reasoning.length + r.judgment.length + r.tail.length;
  return {
    id: r.uid,
    title: r.title,
    court: r.court,
    courtLevel: r.court_level,
    caseNumber: r.case_number,
    decidedOn: r.decided_on,
    year: r.year,
    causes: JSON.parse(r.causes) as string[],
    procedure: r.procedure,
    docKind: r.doc_kind,
    authority: r.authority,
    source: r.source,
    sourceRef: r.source_ref,
    importId: r.import_id,
    chars,
  };
}

export function detailOf(r: repo.PrecedentRow): PrecedentDetail {
  const f = parseFeatures(r.features);
  return {
    ...summaryOf(r),
    sections: SECTION_ORDER.map((name) => ({ name, text: r[name] })).filter((s) => s.text.length > 0),
    elements: tagsOf(f.elements),
    relationships: tagsOf(f.relationships),
    principalFen: f.principalFen,
    contentHash: r.content_hash,
  };
}

function dice(a: readonly string[], b: readonly string[]): { value: number; shared: string[] } {
  if (a.length === 0 || b.length === 0) return { value: 0, shared: [] };
  const bs = new Set(b);
  const shared = a.filter((x) => bs.has(x));
  return { value: (2 * shared.length) / (a.length + b.length), shared };
}

/** 1 for the same cause; 0.5 for sibling causes in the catalogue (民间借贷 vs 金融借款: both 借款合同纠纷). */
function causeSimilarity(q: readonly string[], d: readonly string[]): number {
  if (q.length === 0 || d.length === 0) return 0;
  const ds = new Set(d);
  const shared = q.filter((c) => ds.has(c)).length;
  if (shared > 0) return shared / new Set([...q, ...d]).size;
  const parentOf = (name: string) => [...DEFAULT_CAUSE_TREE.nodes.values()].find((n) => n.name === name)?.parent ?? null;
  const qp = new Set(q.map(parentOf).filter((p): p is string => p !== null));
  return d.some((c) => {
    const p = parentOf(c);
    return p !== null && qp.has(p);
  })
    ? 0.5
    : 0;
}

const SEARCHABLE: readonly SectionName[] = ['claims', 'facts', 'reasoning', 'judgment'];

function passagesOf(r: repo.PrecedentRow, terms: readonly QueryTerm[], max = 3): Passage[] {
  const cands: Array<Passage & { score: number }> = [];
  for (const section of SEARCHABLE) {
    const text = r[section];
    if (!text) continue;
    const re = /[^。；！？\n]+[。；！？]?/g;
    for (const m of text.matchAll(re)) {
      const sent = m[0];
      if (sent.trim().length < 4) continue;
      let score = 0;
      const highlights: Array<{ start: number; end: number }> = [];
      for (const t of terms) {
        let i = findTerm(sent, t.term);
        if (i < 0) continue;
        score += t.weight;
        while (i >= 0 && highlights.length < 40) {
          highlights.push({ start: m.index + i, end: m.index + i + t.term.length });
          i = findTerm(sent, t.term, i + t.term.length);
        }
      }
      if (score === 0) continue;
      let start = m.index;
      let end = m.index + sent.length;
      // Long sentences are cut to a window around their first highlight.
      if (end - start > 200) {
        const first = Math.min(...highlights.map((h) => h.start));
        start = Math.max(m.index, first - 60);
        end = Math.min(m.index + sent.length, start + 200);
      }
      const inside = mergeRanges(highlights.filter((h) => h.start >= start && h.end <= end));
      cands.push({ section, start, end, text: text.slice(start, end), highlights: inside, score: score / Math.sqrt(1 + sent.length / 80) });
    }
  }
  cands.sort((a, b) => b.score - a.score || a.start - b.start);
  return cands.slice(0, max).map(({ score: _s, ...p }) => p);
}

function mergeRanges(rs: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const sorted = [...rs].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

export interface SearchOptions {
  filters: SearchFilters;
  limit: number;
  offset: number;
  cause?: string | undefined;
  /** Evaluation: rank only these rows (a LeCaRD candidate pool). */
  restrictIds?: readonly number[];
  /** Re-ranking off: plain BM25 order (the evaluation's ablation). */
  lexicalOnly?: boolean;
}

interface Scored {
  row: repo.PrecedentRow;
  score: number;
  components: Array<{ name: string; value: number; weight: number }>;
  sharedElements: string[];
  sharedRelationships: string[];
  causeMatch: boolean;
  amount: Explanation['amount'];
  matched: QueryTerm[];
}

/** Candidates from BM25, re-ranked by the weighted components (best first). */
export function rank(db: Db, q: QueryModel, o: SearchOptions): Scored[] {
  if (q.terms.length === 0) return [];
  const window = o.restrictIds ? o.restrictIds.length : Math.max(WINDOW, o.offset + o.limit);
  const cands = repo.ftsCandidates(db, matchExpression(q.terms), o.filters, window, o.restrictIds ?? null);
  const rows = new Map(repo.getPrecedentsByIds(db, cands.map((c) => c.id)).map((r) => [r.id, r]));
  const maxBm = Math.max(1e-9, ...cands.map((c) => c.bm25));
  const qElements = q.elements.map((e) => e.id);
  const qRel = q.relationships.map((e) => e.id);
  const totalWeight = q.terms.reduce((s, t) => s + t.weight, 0);
  const scored: Scored[] = [];
  for (const c of cands) {
    const row = rows.get(c.id);
    if (!row) continue;
    const f = parseFeatures(row.features);
    const causes = JSON.parse(row.causes) as string[];
    const body = `${row.title}\n${row.claims}\n${row.facts}\n${row.reasoning}\n${row.judgment}`;
    const matched = q.terms.filter((t) => findTerm(body, t.term) >= 0);
    const keyTerms = totalWeight > 0 ? matched.reduce((s, t) => s + t.weight, 0) / totalWeight : 0;
    const el = dice(qElements, f.elements);
    const rel = dice(qRel, f.relationships);
    const cause = causeSimilarity(q.causes, causes);
    const amount =
      q.principalFen !== null && f.principalFen !== null
        ? { queryFen: q.principalFen, precedentFen: f.principalFen, similarity: amountSimilarity(q.principalFen, f.principalFen) }
        : null;
    const components = [
      { name: 'lexical', value: c.bm25 / maxBm, weight: WEIGHTS.lexical },
      { name: 'keyTerms', value: keyTerms, weight: WEIGHTS.keyTerms },
      ...(q.causes.length ? [{ name: 'cause', value: cause, weight: WEIGHTS.cause }] : []),
      ...(qElements.length ? [{ name: 'elements', value: el.value, weight: WEIGHTS.elements }] : []),
      ...(amount ? [{ name: 'amount', value: amount.similarity, weight: WEIGHTS.amount }] : []),
      ...(qRel.length ? [{ name: 'relationship', value: rel.value, weight: WEIGHTS.relationship }] : []),
      { name: 'authority', value: (AUTHORITY_RANK[row.authority] - 1) / 3, weight: WEIGHTS.authority },
    ];
    const wsum = components.reduce((s, x) => s + x.weight, 0);
    const score = o.lexicalOnly ? c.bm25 / maxBm : components.reduce((s, x) => s + x.value * x.weight, 0) / wsum;
    scored.push({
      row,
      score,
      components: components.map((x) => ({ ...x, value: round3(x.value), weight: round3(x.weight / wsum) })),
      sharedElements: el.shared,
      sharedRelationships: rel.shared,
      causeMatch: cause >= 1 || (cause > 0 && causes.some((x) => q.causes.includes(x))),
      amount: amount ? { ...amount, similarity: round3(amount.similarity) } : null,
      matched,
    });
  }
  scored.sort((a, b) => b.score - a.score || AUTHORITY_RANK[b.row.authority] - AUTHORITY_RANK[a.row.authority] || a.row.id - b.row.id);
  return scored;
}

export function search(db: Db, query: string, o: SearchOptions): SearchOutput {
  const t0 = performance.now();
  const q = buildQuery(db, query, o.cause);
  const info: QueryInfo = {
    terms: q.terms.map((t) => ({ term: t.term, weight: Math.round(t.weight * 1000) / 1000, df: t.df })),
    elements: q.elements,
    relationships: q.relationships,
    principalFen: q.principalFen,
    truncated: q.truncated,
    searchedChars: q.searchedChars,
    note: q.note,
    segmenter: segmenterName(),
  };
  const scored = rank(db, q, o);
  const page = scored.slice(o.offset, o.offset + o.limit);
  const items: SearchHit[] = page.map((s, i) => ({
    rank: o.offset + i + 1,
    score: round3(s.score),
    precedent: summaryOf(s.row),
    explanation: {
      sharedElements: tagsOf(s.sharedElements),
      sharedRelationships: tagsOf(s.sharedRelationships),
      causeMatch: s.causeMatch,
      amount: s.amount,
      matchedTerms: s.matched.slice(0, 12).map((t) => ({ term: t.term, weight: round3(t.weight) })),
      passages: passagesOf(s.row, s.matched),
      authority: { level: s.row.authority, label: AUTHORITY_LABELS[s.row.authority as Authority] },
      source: { name: s.row.source, ref: s.row.source_ref },
      components: s.components,
    },
  }));
  if (q.terms.length > 0 && scored.length === 0 && info.note === null) info.note = '没有符合条件的类案（可放宽筛选条件）';
  return { items, total: scored.length, queryInfo: info, tookMs: round3(performance.now() - t0) };
}

/** Internal ids in ranked order (evaluation). */
export function rankIds(db: Db, query: string, o: SearchOptions): number[] {
  return rank(db, buildQuery(db, query, o.cause), o).map((s) => s.row.id);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
