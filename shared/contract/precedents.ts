import { z } from 'zod';
import { Id, IsoDate } from './common';

/**
 * Precedents (类案) and statutes (法条): corpus import, search with reasons, 类案推送 for a case,
 * statute import, citation parsing/linking and statute push. Spread into `methods` as
 * `precedentMethods`; the names are listed in names.ts.
 *
 * Long work (corpus import, reindex, statute import) is "start → ops.progress → ops.done": the
 * start call returns an opId at once; the final ImportJob / ReindexResult / StatuteImportResult
 * arrives as `result` of the `ops.done` event (kinds below) and can be re-read later.
 */

/** ops.progress / ops.done `kind` values of this feature. */
export const PRECEDENT_OP_KINDS = {
  import: 'precedents.import',
  reindex: 'precedents.reindex',
  statutes: 'statutes.import',
} as const;

/** A path on the backend's machine (bulk folder imports: chosen in a native dialog by main, or given on the CLI). */
export const HostPath = z.string().trim().min(1, 'is required').max(4096, 'is too long');

/**
 * Authority of a precedent, highest first: 指导性案例 (SPC guiding cases, binding reference:
 * 《最高人民法院关于案例指导工作的规定》 art. 7) > 公报案例 (SPC Gazette) > 人民法院案例库 入库参考案例 >
 * an ordinary judgment.
 */
export const Authority = z.enum(['guiding', 'gazette', 'reference', 'ordinary']);
export type Authority = z.infer<typeof Authority>;
export const AUTHORITY_LABELS: Readonly<Record<Authority, string>> = {
  guiding: '指导性案例',
  gazette: '公报案例',
  reference: '入库参考案例',
  ordinary: '普通裁判文书',
};
export const AUTHORITY_RANK: Readonly<Record<Authority, number>> = { guiding: 4, gazette: 3, reference: 2, ordinary: 1 };

/** Level of the deciding court, read from its name (最高/高级/中级/基层; 海事、铁路、知识产权… = special). */
export const CourtLevel = z.enum(['supreme', 'high', 'intermediate', 'basic', 'special', 'unknown']);
export type CourtLevel = z.infer<typeof CourtLevel>;

/** Trial stage, from the case-number type code (民初/民终/民再…) or the document title. */
export const TrialProcedure = z.enum(['first_instance', 'second_instance', 'retrial', 'enforcement', 'other', 'unknown']);
export type TrialProcedure = z.infer<typeof TrialProcedure>;

export const DocKind = z.enum(['judgment', 'ruling', 'mediation', 'other']);
export type DocKind = z.infer<typeof DocKind>;

/**
 * The blocks of a judgment (brief §5.2): header = court/title/case number; parties = 当事人及诉讼参加人
 * and 审理经过; claims = 诉称/辩称 (or the prosecution's 指控); facts = 经审理查明/本院查明; reasoning =
 * 本院认为; judgment = 判决如下/裁定如下 and the operative part; tail = 审判员…/date/书记员.
 */
export const SectionName = z.enum(['header', 'parties', 'claims', 'facts', 'reasoning', 'judgment', 'tail']);
export type SectionName = z.infer<typeof SectionName>;

export const PrecedentSummary = z.object({
  id: Id,
  title: z.string(),
  court: z.string(),
  courtLevel: CourtLevel,
  caseNumber: z.string(),
  decidedOn: IsoDate.nullable(),
  year: z.number().int().nullable(),
  /** Causes of action (案由) or, for criminal cases, charges (罪名). */
  causes: z.array(z.string()),
  procedure: TrialProcedure,
  docKind: DocKind,
  authority: Authority,
  /** Collection name given at import (e.g. "LeCaRD", "本院文书库"). */
  source: z.string(),
  /** Where in the source: file name, line number or the source's own id. */
  sourceRef: z.string(),
  importId: z.string().nullable(),
  chars: z.number().int(),
});
export type PrecedentSummary = z.infer<typeof PrecedentSummary>;

/** An element or fact feature detected in a text (see precedents/features.ts for the cue table). */
export const FeatureTag = z.object({ id: z.string(), label: z.string() });
export type FeatureTag = z.infer<typeof FeatureTag>;

export const PrecedentDetail = PrecedentSummary.extend({
  /** Every section, in order; offsets in search passages are character offsets into these texts. */
  sections: z.array(z.object({ name: SectionName, text: z.string() })),
  elements: z.array(FeatureTag),
  relationships: z.array(FeatureTag),
  /** The largest amount in the claims/facts (principal), integer fen. */
  principalFen: z.number().int().nullable(),
  contentHash: z.string(),
});
export type PrecedentDetail = z.infer<typeof PrecedentDetail>;

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/**
 * Which source field holds each precedent field (JSONL keys or CSV header names). `text` is the
 * full judgment (split into sections automatically); alternatively give facts/reasoning/judgment.
 */
export const FieldMapping = z
  .object({
    id: z.string().max(100),
    text: z.string().max(100),
    title: z.string().max(100),
    court: z.string().max(100),
    caseNumber: z.string().max(100),
    date: z.string().max(100),
    cause: z.string().max(100),
    procedure: z.string().max(100),
    authority: z.string().max(100),
    claims: z.string().max(100),
    facts: z.string().max(100),
    reasoning: z.string().max(100),
    judgment: z.string().max(100),
  })
  .partial()
  .refine((m) => Boolean(m.text || m.facts || m.reasoning || m.judgment), 'must map text or at least one of facts/reasoning/judgment');
export type FieldMapping = z.infer<typeof FieldMapping>;

export const ImportSource = z.discriminatedUnion('kind', [
  /** A JSONL (one JSON object per line) or CSV (header row) file. */
  z.object({
    kind: z.literal('table'),
    path: HostPath,
    format: z.enum(['auto', 'jsonl', 'csv']).default('auto'),
    mapping: FieldMapping,
  }),
  /** A folder of .txt (UTF-8/GBK/UTF-16), .docx and .pdf judgments, one judgment per file. */
  z.object({ kind: z.literal('folder'), path: HostPath, recursive: z.boolean().default(true) }),
  /** The LeCaRD layout: a folder with candidates.jsonl.gz (or candidates.jsonl). */
  z.object({ kind: z.literal('lecard'), path: HostPath }),
]);
export type ImportSource = z.input<typeof ImportSource>;

export const ImportStartInput = z.object({
  source: ImportSource,
  /** Collection name shown with every result; defaults to the file or folder name. */
  sourceName: z.string().trim().max(100).optional(),
  /** Authority for rows that do not state one (default: ordinary). */
  authority: Authority.default('ordinary'),
  /** Continue a cancelled or interrupted import from where it stopped (same source). */
  resumeImportId: Id.optional(),
});
export type ImportStartInput = z.input<typeof ImportStartInput>;

/**
 * What went wrong with one record, for the UI to say in its language (`message` stays English, for
 * support and logs). Optional: jobs saved before the codes existed have only the message.
 */
export const IMPORT_ISSUE_CODES = [
  'line_too_long',
  'bad_json',
  'not_object',
  'record_too_long',
  'field_count',
  'unclosed_quote',
  'file_too_large',
  'no_text',
  'needs_ocr',
  'damaged_file',
  'password_protected',
  'legacy_doc',
  'not_document',
  'unreadable',
  'missing_cand_id',
  'no_mapped_text',
  'text_too_short',
  'text_too_long',
] as const;
export const ImportIssueCode = z.enum(IMPORT_ISSUE_CODES);
export type ImportIssueCode = z.infer<typeof ImportIssueCode>;

export const ImportIssue = z.object({
  /** 1-based line (JSONL/CSV) or null. */
  line: z.number().int().nullable(),
  /** File name inside a folder import, or null. */
  file: z.string().nullable(),
  message: z.string(),
  code: ImportIssueCode.optional(),
  /** Numbers the message names (characters, fields, bytes, pages, limit). */
  params: z.record(z.string(), z.number()).optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportStatus = z.enum(['running', 'done', 'cancelled', 'failed', 'interrupted']);
export const ImportJob = z.object({
  id: Id,
  kind: z.enum(['table', 'folder', 'lecard']),
  path: z.string(),
  sourceName: z.string(),
  status: ImportStatus,
  /** Units (lines or files) processed; a resume starts after this many. */
  position: z.number().int(),
  total: z.number().int().nullable(),
  inserted: z.number().int(),
  /** Already present (same content hash): skipped, never duplicated. */
  duplicates: z.number().int(),
  /** Malformed rows or unreadable files: counted and listed in `issues` (first 500). */
  failed: z.number().int(),
  issues: z.array(ImportIssue),
  /** Why a failed import stopped (e.g. the file vanished). */
  error: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

export const SearchFilters = z
  .object({
    /** Any of these causes/charges (exact names, e.g. 民间借贷纠纷). */
    causes: z.array(z.string().trim().min(1).max(100)).max(20),
    courtLevels: z.array(CourtLevel).max(6),
    yearFrom: z.number().int().min(1949).max(2100),
    yearTo: z.number().int().min(1949).max(2100),
    authorities: z.array(Authority).max(4),
    procedures: z.array(TrialProcedure).max(6),
    sources: z.array(z.string().max(100)).max(20),
  })
  .partial();
export type SearchFilters = z.infer<typeof SearchFilters>;

/** Longer queries are accepted and truncated (reported in queryInfo), never refused or crashed on. */
export const MAX_QUERY_INPUT = 100_000;

export const SearchInput = z.object({
  query: z.string().max(MAX_QUERY_INPUT, `must be at most ${MAX_QUERY_INPUT} characters`),
  /** Optional cause of the judge's case: boosts precedents of the same cause (not a filter). */
  cause: z.string().trim().max(100).optional(),
  filters: SearchFilters.default({}),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(500).default(0),
});
export type SearchInput = z.input<typeof SearchInput>;

export const Highlight = z.object({ start: z.number().int(), end: z.number().int() });
export const Passage = z.object({
  section: SectionName,
  /** Character offsets of the passage inside that section's text (PrecedentDetail.sections). */
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  /** Offsets of matched terms, relative to the section text (not to `text`). */
  highlights: z.array(Highlight),
});
export type Passage = z.infer<typeof Passage>;

export const ScoreComponent = z.object({
  /** lexical | elements | cause | amount | relationship | keyTerms | authority */
  name: z.string(),
  /** 0..1 before weighting. */
  value: z.number(),
  weight: z.number(),
});

export const Explanation = z.object({
  sharedElements: z.array(FeatureTag),
  sharedRelationships: z.array(FeatureTag),
  causeMatch: z.boolean(),
  amount: z
    .object({ queryFen: z.number().int(), precedentFen: z.number().int(), similarity: z.number() })
    .nullable(),
  matchedTerms: z.array(z.object({ term: z.string(), weight: z.number() })),
  passages: z.array(Passage),
  authority: z.object({ level: Authority, label: z.string() }),
  source: z.object({ name: z.string(), ref: z.string() }),
  components: z.array(ScoreComponent),
});
export type Explanation = z.infer<typeof Explanation>;

export const SearchHit = z.object({
  rank: z.number().int(),
  /** Final score 0..1 (weighted sum of the components). */
  score: z.number(),
  precedent: PrecedentSummary,
  explanation: Explanation,
});
export type SearchHit = z.infer<typeof SearchHit>;

export const QueryInfo = z.object({
  /** The weighted query terms actually searched (after stop words and df pruning). */
  terms: z.array(z.object({ term: z.string(), weight: z.number(), df: z.number().int() })),
  elements: z.array(FeatureTag),
  relationships: z.array(FeatureTag),
  principalFen: z.number().int().nullable(),
  /** The input was longer than the searched prefix. */
  truncated: z.boolean(),
  searchedChars: z.number().int(),
  /** A message for the user (query too short, nothing searchable, index empty…), else null. */
  note: z.string().nullable(),
  segmenter: z.string(),
});
export type QueryInfo = z.infer<typeof QueryInfo>;

export const SearchOutput = z.object({
  items: z.array(SearchHit),
  /** Candidates that matched before paging (capped at the re-ranking window). */
  total: z.number().int(),
  queryInfo: QueryInfo,
  tookMs: z.number(),
});
export type SearchOutput = z.infer<typeof SearchOutput>;

export const ForCaseInput = z.object({
  caseId: Id,
  filters: SearchFilters.default({}),
  limit: z.number().int().min(1).max(100).default(20),
});
export const ForCaseOutput = SearchOutput.extend({
  /** What the query was built from, so the judge sees why these cases were pushed. */
  builtFrom: z.object({
    cause: z.string(),
    claims: z.number().int(),
    summaryChars: z.number().int(),
    documents: z.number().int(),
    queryChars: z.number().int(),
  }),
});
export type ForCaseOutput = z.infer<typeof ForCaseOutput>;

export const PrecedentStats = z.object({
  count: z.number().int(),
  byAuthority: z.array(z.object({ authority: Authority, count: z.number().int() })),
  bySource: z.array(z.object({ source: z.string(), count: z.number().int() })),
  index: z.object({
    segmenter: z.string(),
    indexedSegmenter: z.string().nullable(),
    /** The index was built with another segmenter or is incomplete: run precedents.reindex. */
    needsReindex: z.boolean(),
  }),
});
export type PrecedentStats = z.infer<typeof PrecedentStats>;

export const ReindexResult = z.object({ indexed: z.number().int(), segmenter: z.string(), ms: z.number() });
export type ReindexResult = z.infer<typeof ReindexResult>;

// ---------------------------------------------------------------------------------------------
// Statutes
// ---------------------------------------------------------------------------------------------

export const StatuteLaw = z.object({
  id: z.string(),
  /** Full title, e.g. 中华人民共和国民法典. */
  title: z.string(),
  shortTitle: z.string(),
  category: z.string(),
  /** Version key (brief §0.3): the date in the file name, else the effective date; '' when unknown. */
  version: z.string(),
  /** From "…施行" in the text when stated; null when the text does not say. */
  effectiveFrom: IsoDate.nullable(),
  articleCount: z.number().int(),
  file: z.string(),
});
export type StatuteLaw = z.infer<typeof StatuteLaw>;

export const StatuteArticle = z.object({
  lawId: z.string(),
  lawTitle: z.string(),
  version: z.string(),
  /** 675 for 第六百七十五条; `sub` 1 for 第X条之一. */
  number: z.number().int(),
  sub: z.number().int(),
  label: z.string(),
  /** Book/chapter headings (民法典: 合同编 › 第十二章 借款合同). */
  headings: z.array(z.string()),
  text: z.string(),
  /** Paragraphs (款) of the text, in order. */
  paragraphs: z.array(z.string()),
});
export type StatuteArticle = z.infer<typeof StatuteArticle>;

export const StatuteImportInput = z.object({ path: HostPath });
export const StatuteImportResult = z.object({
  files: z.number().int(),
  laws: z.number().int(),
  articles: z.number().int(),
  replaced: z.number().int(),
  skipped: z.array(z.object({ file: z.string(), message: z.string(), code: z.enum(['no_articles', 'unreadable']).optional() })),
});
export type StatuteImportResult = z.infer<typeof StatuteImportResult>;

export const CitationStatus = z.enum(['ok', 'unknown_law', 'no_such_article', 'no_such_paragraph', 'no_such_item', 'not_in_version']);
export const CitedArticle = z.object({
  number: z.number().int(),
  sub: z.number().int(),
  paragraph: z.number().int().nullable(),
  item: z.number().int().nullable(),
  status: CitationStatus,
  /** The linked text (the article, or just the cited paragraph/item); null when not found — never invented. */
  text: z.string().nullable(),
  note: z.string(),
});
export type CitedArticle = z.infer<typeof CitedArticle>;
export const Citation = z.object({
  raw: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** The law as written (《民法典》, 民诉法解释, the long interpretation title…). */
  lawText: z.string(),
  law: StatuteLaw.omit({ articleCount: true, file: true }).nullable(),
  /** Other versions of the same law in the library (the judge may mean another one). */
  otherVersions: z.array(z.string()),
  articles: z.array(CitedArticle),
  status: CitationStatus,
});
export type Citation = z.infer<typeof Citation>;

export const CiteInput = z.object({
  text: z.string().max(200_000, 'must be at most 200000 characters'),
  /** Link to the version in force on this date (e.g. the judgment date); default: the newest version. */
  asOf: IsoDate.optional(),
});
export const CiteOutput = z.object({ citations: z.array(Citation) });
export type CiteOutput = z.infer<typeof CiteOutput>;

export const StatutePushItem = z.object({
  article: StatuteArticle,
  score: z.number(),
  /** Why: the element of the cause it supports, or the matched terms. */
  reasons: z.array(z.string()),
});

export const precedentMethods = {
  /** Starts a corpus import in a worker thread. Result (ops.done, kind precedents.import): ImportJob. */
  'precedents.import.start': {
    input: ImportStartInput,
    output: z.object({ opId: z.string(), importId: Id }),
  },
  'precedents.import.list': { input: z.object({}), output: z.object({ items: z.array(ImportJob) }) },
  'precedents.import.get': { input: z.object({ importId: Id }), output: ImportJob },
  'precedents.search': { input: SearchInput, output: SearchOutput },
  /** 类案推送: the query is built from the case's cause, claims, summary and documents. */
  'precedents.forCase': { input: ForCaseInput, output: ForCaseOutput },
  'precedents.get': { input: z.object({ id: Id }), output: PrecedentDetail },
  'precedents.stats': { input: z.object({}), output: PrecedentStats },
  /** Rebuilds the derived FTS index from the precedents table. Result (ops.done): ReindexResult. */
  'precedents.reindex': { input: z.object({}), output: z.object({ opId: z.string() }) },
  /** Removes every precedent of one import (e.g. a wrong corpus). */
  'precedents.import.remove': { input: z.object({ importId: Id }), output: z.object({ removed: z.number().int() }) },

  /** Imports a statute library (folder of markdown/text, or one file). Result (ops.done): StatuteImportResult. */
  'statutes.import.start': { input: StatuteImportInput, output: z.object({ opId: z.string() }) },
  'statutes.laws': {
    input: z.object({ query: z.string().max(200).default('') }),
    output: z.object({ items: z.array(StatuteLaw) }),
  },
  'statutes.article': {
    input: z.object({
      /** Any way of naming the law: 民法典, 《中华人民共和国民法典》, a law id. */
      law: z.string().trim().min(1).max(300),
      number: z.number().int().min(1).max(100_000),
      sub: z.number().int().min(0).max(20).default(0),
      asOf: IsoDate.optional(),
    }),
    output: StatuteArticle,
  },
  /** Finds and links every citation in a text; unknown laws/articles are flagged, never invented. */
  'statutes.cite': { input: CiteInput, output: CiteOutput },
  'statutes.search': {
    input: z.object({ query: z.string().max(MAX_QUERY_INPUT), limit: z.number().int().min(1).max(50).default(10) }),
    output: z.object({ items: z.array(StatuteArticle), note: z.string().nullable() }),
  },
  /** 法条推送: the articles most relevant to a case's cause and facts, with their text. */
  'statutes.forCase': {
    input: z.object({ caseId: Id, limit: z.number().int().min(1).max(50).default(10), asOf: IsoDate.optional() }),
    output: z.object({ items: z.array(StatutePushItem), cause: z.string() }),
  },
} as const;
