import { z } from 'zod';
import { DocumentMeta, PartyRole } from './cases';
import { EpochMs, Id, IsoDate, NonEmpty, Text } from './common';
import { DOCUMENT_CATEGORIES } from './reviewLabels';

export { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_ZH } from './reviewLabels';

/*
 * 阅卷 (file review): the case file with classified documents, full-text search, the evidence
 * catalogue with cross-examination opinions, summaries with sources, the timeline, and the
 * element checklist with disputed points (争议焦点).
 *
 * Offsets everywhere are half-open character ranges [start, end) into the text that
 * `documents.text` returns for the named document.
 */

export const TextRange = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type TextRange = z.infer<typeof TextRange>;

/** A place in a document of the case. */
export const SourceSpan = z.object({
  documentId: Id,
  /** Title at the time the span was made (the document may be removed later). */
  documentTitle: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** The text of [start, end), so the UI can show it even when the document is gone. */
  quote: z.string(),
});
export type SourceSpan = z.infer<typeof SourceSpan>;

// ---------------------------------------------------------------------------------------------
// Case file (电子卷宗)
// ---------------------------------------------------------------------------------------------

export const DocumentCategory = z.enum(DOCUMENT_CATEGORIES);
export type DocumentCategory = z.infer<typeof DocumentCategory>;

export const CaseFileEntry = z.object({
  document: DocumentMeta,
  category: DocumentCategory,
  /** 0..1; 1 for a clerk's choice. */
  confidence: z.number().min(0).max(1),
  /** Why the rules chose this category (zh), e.g. "文件名含“答辩状”"; the clerk's note when overridden. */
  reason: z.string(),
  /** rule: computed; clerk: set by hand (kept when the rules run again). */
  source: z.enum(['rule', 'clerk']),
  /** What the rules say, even when the clerk overrode it. */
  ruleCategory: DocumentCategory,
  /** 1-based place in the case file (卷宗顺序). */
  position: z.number().int().min(1),
});
export type CaseFileEntry = z.infer<typeof CaseFileEntry>;

export const CaseFile = z.object({ caseId: Id, items: z.array(CaseFileEntry) });
export type CaseFile = z.infer<typeof CaseFile>;

export const ClassifyInput = z.object({
  documentId: Id,
  /** null returns the document to the rules' category. */
  category: DocumentCategory.nullable(),
  note: Text(200).default(''),
});

export const ReorderInput = z.object({
  caseId: Id,
  /** Every document id of the case, in the wanted order. */
  documentIds: z.array(Id).min(1).max(5000),
});

export const SearchInput = z.object({
  caseId: Id,
  query: NonEmpty(200),
  limit: z.number().int().min(1).max(100).default(20),
  /** Restrict to some categories (e.g. only evidence). */
  categories: z.array(DocumentCategory).max(8).optional(),
});

export const SearchHit = z.object({
  documentId: Id,
  documentTitle: z.string(),
  category: DocumentCategory,
  /** The passage's range in the document text. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  score: z.number(),
  /** Matches inside the passage, relative to `text`. */
  highlights: z.array(TextRange),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  hits: z.array(SearchHit),
  terms: z.array(z.string()),
  documentsSearched: z.number().int(),
  /** Scans without text (need OCR) cannot be searched. */
  documentsWithoutText: z.number().int(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const FindInput = z.object({ documentId: Id, query: NonEmpty(200), limit: z.number().int().min(1).max(5000).default(1000) });
export const FindResult = z.object({
  /** Ranges into the document text; matching ignores whitespace, full/half width and case. */
  matches: z.array(TextRange),
  truncated: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Evidence catalogue (证据目录)
// ---------------------------------------------------------------------------------------------

/** 认可 / 有异议 / 不发表意见, on each of 真实性, 合法性, 关联性 (Evidence Rules arts. 60-62; CPL-Interp art. 104). */
export const Opinion = z.enum(['admit', 'dispute', 'no-opinion']);
export type Opinion = z.infer<typeof Opinion>;

export const CrossExamOpinion = z.object({
  /** The party giving the opinion (not the submitter). */
  partyId: Id,
  /** Name at the time it was recorded. */
  partyName: z.string(),
  authenticity: Opinion,
  legality: Opinion,
  relevance: Opinion,
  note: Text(2000).default(''),
});
export type CrossExamOpinion = z.infer<typeof CrossExamOpinion>;

/** The court's 认证 (Evidence Rules arts. 85-88). */
export const FindingResult = z.enum(['pending', 'admitted', 'not-admitted', 'partly-admitted']);
export const EvidenceFinding = z.object({ result: FindingResult, reason: Text(2000).default('') });
export type EvidenceFinding = z.infer<typeof EvidenceFinding>;

export const EvidenceItemInput = z.object({
  /** The submitting party; null when not known (e.g. collected by the court). */
  submittedBy: Id.nullable().default(null),
  name: NonEmpty(500),
  /** 证据来源, e.g. 原件 / 复印件 / 银行出具. */
  source: Text(500).default(''),
  /** 证明目的. */
  purpose: Text(2000).default(''),
  /** Pages in the bundle as written, e.g. "1-3" or "5, 7". */
  pageRefs: Text(100).default(''),
  /** The document holding the evidence itself, if uploaded. */
  documentId: Id.nullable().default(null),
  crossExam: z.array(CrossExamOpinion).max(50).default([]),
  finding: EvidenceFinding.default({ result: 'pending', reason: '' }),
});
export type EvidenceItemInput = z.input<typeof EvidenceItemInput>;

export const EvidenceItem = z.object({
  id: Id,
  caseId: Id,
  /** 1-based number in the catalogue. */
  seq: z.number().int().min(1),
  submittedBy: Id.nullable(),
  /** Name of the submitter when recorded; kept if the party is later removed from the case. */
  submittedByName: z.string(),
  submittedByRole: PartyRole.nullable(),
  /** True when submittedBy no longer names a party of the case. */
  submitterMissing: z.boolean(),
  name: z.string(),
  source: z.string(),
  purpose: z.string(),
  pageRefs: z.string(),
  documentId: Id.nullable(),
  crossExam: z.array(CrossExamOpinion.extend({ note: z.string() })),
  finding: z.object({ result: FindingResult, reason: z.string() }),
  /** Where the item was read from when imported from an evidence list. */
  origin: z
    .object({ documentId: Id, span: TextRange, nameSpan: TextRange.nullable(), purposeSpan: TextRange.nullable() })
    .nullable(),
  version: z.number().int().min(1),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const EvidenceImportResult = z.object({
  created: z.array(EvidenceItem),
  /** Lines that looked like items but could not be read, and other notes (zh). */
  notes: z.array(z.string()),
  /** The submitter used (given, or found in the list's heading). */
  submittedBy: Id.nullable(),
});

/** One row of the exportable table; strings, ready for a grid or a .docx table. */
export const EvidenceTableRow = z.object({
  id: Id,
  seq: z.number().int(),
  submittedBy: z.string(),
  name: z.string(),
  source: z.string(),
  purpose: z.string(),
  pageRefs: z.string(),
  /** One line per other party: "被告李某：真实性认可，合法性认可，关联性有异议（说明）". */
  crossExam: z.string(),
  finding: z.string(),
});
export const EvidenceTable = z.object({
  caseId: Id,
  caseNumber: z.string(),
  columns: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
  rows: z.array(EvidenceTableRow),
});
export type EvidenceTable = z.infer<typeof EvidenceTable>;

// ---------------------------------------------------------------------------------------------
// Summaries
// ---------------------------------------------------------------------------------------------

/**
 * quoted: the cited quote is in the cited passage; overlap: the sentence shares most of its
 * wording with the cited passage; extractive: the sentence is the document text itself;
 * unverified: no checkable source (shown marked).
 */
export const SentenceCheck = z.enum(['extractive', 'quoted', 'overlap', 'unverified']);
export const SummarySentence = z.object({
  text: z.string(),
  check: SentenceCheck,
  verified: z.boolean(),
  /** Where the sentence rests; null when unverified. */
  source: SourceSpan.nullable(),
});
export type SummarySentence = z.infer<typeof SummarySentence>;

export const Summary = z.object({
  caseId: Id,
  /** null: the case summary. */
  documentId: Id.nullable(),
  method: z.enum(['extractive', 'abstractive']),
  sentences: z.array(SummarySentence),
  allVerified: z.boolean(),
  /** e.g. "未加载模型，使用抽取式摘要" or the model's name. */
  note: z.string(),
  createdAt: EpochMs,
});
export type Summary = z.infer<typeof Summary>;

export const SummaryStartInput = z.object({
  caseId: Id,
  documentId: Id.nullable().default(null),
  /** auto: abstractive when a model is available, else extractive. */
  mode: z.enum(['auto', 'extractive', 'abstractive']).default('auto'),
});

// ---------------------------------------------------------------------------------------------
// Timeline (时间线)
// ---------------------------------------------------------------------------------------------

export const TimelineEvent = z.object({
  id: Id,
  caseId: Id,
  /** YYYY-MM-DD; the first of the month when precision is month. */
  date: IsoDate,
  precision: z.enum(['day', 'month']),
  text: z.string(),
  /** rule: found in a document; clerk: added or edited by hand (kept when the timeline is rebuilt). */
  origin: z.enum(['rule', 'clerk']),
  /** The date as written and how it was read: 次日 → "2024年3月5日的次日". */
  dateText: z.string(),
  relative: z.boolean(),
  source: SourceSpan.nullable(),
  /** The clause used as the event text, in the source document. */
  eventSpan: TextRange.nullable(),
  version: z.number().int().min(1),
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const TimelineProblem = z.object({
  documentId: Id,
  documentTitle: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  raw: z.string(),
  message: z.string(),
});

export const Timeline = z.object({
  caseId: Id,
  /** Sorted by date, then document order. */
  events: z.array(TimelineEvent),
  /** Dates that could not be read (impossible days, 次日 with nothing before it). */
  problems: z.array(TimelineProblem),
  /** Documents whose events were capped (huge documents). */
  truncatedDocuments: z.array(Id),
  builtAt: EpochMs.nullable(),
});
export type Timeline = z.infer<typeof Timeline>;

export const TimelineAddInput = z.object({
  caseId: Id,
  date: IsoDate,
  precision: z.enum(['day', 'month']).default('day'),
  text: NonEmpty(1000),
  /** Optional link to a place in a document. */
  source: z.object({ documentId: Id, start: z.number().int().min(0), end: z.number().int().min(0) }).nullable().default(null),
});
export const TimelineUpdateInput = z.object({
  id: Id,
  version: z.number().int().min(1),
  date: IsoDate,
  precision: z.enum(['day', 'month']),
  text: NonEmpty(1000),
});

// ---------------------------------------------------------------------------------------------
// Elements and disputed points (要件 / 争议焦点)
// ---------------------------------------------------------------------------------------------

export const ElementStatus = z.enum(['admitted', 'disputed', 'unproven']);
export type ElementStatus = z.infer<typeof ElementStatus>;

/** A sentence of a pleading or an evidence item bearing on an element, and its stance. */
export const ElementSignal = z.object({
  /** claim: the complaint asserts it; admission/denial: the other side's stance (answer or 质证); evidence: an item bears on it. */
  kind: z.enum(['claim', 'admission', 'denial', 'evidence']),
  text: z.string(),
  source: SourceSpan.nullable(),
  evidenceId: Id.nullable(),
});
export type ElementSignal = z.infer<typeof ElementSignal>;

export const ElementState = z.object({
  elementId: z.string(),
  /** 要件 as in the cause catalogue (brief §7). */
  zh: z.string(),
  en: z.string(),
  basis: z.string(),
  status: ElementStatus,
  /** rule: derived from pleadings and evidence; judge: set by hand (kept on re-analysis). */
  statusSource: z.enum(['rule', 'judge']),
  /** What the rules derived, even when the judge overrode it. */
  ruleStatus: ElementStatus,
  /** Plain-language why (zh). */
  reason: z.string(),
  /** Whether any pleading or evidence mentions the element at all. */
  mentioned: z.boolean(),
  signals: z.array(ElementSignal),
  evidenceIds: z.array(Id),
  note: z.string(),
});
export type ElementState = z.infer<typeof ElementState>;

export const PointStatus = z.enum(['proposed', 'confirmed', 'rejected']);
export const DisputedPoint = z.object({
  id: Id,
  seq: z.number().int().min(1),
  /** The sentence the judge confirms or edits, e.g. "原告是否已向被告实际交付借款50000元". */
  text: z.string(),
  elementIds: z.array(z.string()),
  status: PointStatus,
  origin: z.enum(['rule', 'judge']),
  sources: z.array(SourceSpan),
});
export type DisputedPoint = z.infer<typeof DisputedPoint>;

export const ElementsAnalysis = z.object({
  caseId: Id,
  /** Cause of action used (from the case's 案由); null when it is not in the catalogue. */
  causeId: z.string().nullable(),
  causeName: z.string(),
  elements: z.array(ElementState),
  points: z.array(DisputedPoint),
  /** Which documents the analysis read (zh notes: "未找到答辩状" …). */
  notes: z.array(z.string()),
  version: z.number().int().min(1),
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type ElementsAnalysis = z.infer<typeof ElementsAnalysis>;

export const AnalyzeInput = z.object({
  caseId: Id,
  /** Overrides the case's cause (catalogue id, e.g. private-lending). */
  causeId: z.string().max(60).optional(),
  /** Also reset the judge's statuses and points (default: keep them). */
  reset: z.boolean().default(false),
});

export const ElementUpdateInput = z.object({
  caseId: Id,
  version: z.number().int().min(1),
  elementId: z.string().min(1).max(60),
  /** null returns the element to the rules' status. */
  status: ElementStatus.nullable(),
  note: Text(2000).default(''),
});

export const PointInput = z.object({
  /** Absent for a new point. */
  id: Id.optional(),
  text: NonEmpty(1000),
  elementIds: z.array(z.string().max(60)).max(20).default([]),
  status: PointStatus.default('proposed'),
});
export const PointsSaveInput = z.object({
  caseId: Id,
  version: z.number().int().min(1),
  /** The full list in order (replaces the stored one). */
  points: z.array(PointInput).max(100),
});

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

const CaseRef = z.object({ caseId: Id });

export const reviewMethods = {
  /** The case file: every document with its category, in order (classifies new documents). */
  'review.documents': { input: CaseRef, output: CaseFile },
  /** The clerk's category for a document (audited); category null returns it to the rules. */
  'review.classify': { input: ClassifyInput, output: CaseFileEntry },
  /** Runs the rules again on documents the clerk has not classified by hand. */
  'review.reclassify': { input: CaseRef, output: CaseFile },
  'review.reorder': { input: ReorderInput, output: CaseFile },
  /** Full-text search across the case's documents; passages with offsets. */
  'review.search': { input: SearchInput, output: SearchResult },
  /** Offsets of every match of a phrase in one document (find-in-document). */
  'review.find': { input: FindInput, output: FindResult },

  'review.evidence.list': { input: CaseRef, output: z.object({ items: z.array(EvidenceItem) }) },
  'review.evidence.create': { input: z.object({ caseId: Id, item: EvidenceItemInput }), output: EvidenceItem },
  /** `version` is the item's; a stale one is refused with CONFLICT and the current version. */
  'review.evidence.update': {
    input: z.object({ id: Id, version: z.number().int().min(1), item: EvidenceItemInput }),
    output: EvidenceItem,
  },
  'review.evidence.delete': { input: z.object({ id: Id, version: z.number().int().min(1) }), output: z.null() },
  'review.evidence.reorder': {
    input: z.object({ caseId: Id, ids: z.array(Id).min(1).max(2000) }),
    output: z.object({ items: z.array(EvidenceItem) }),
  },
  /** Reads a 证据目录 document into items (numbered entries with 证明目的), with spans. */
  'review.evidence.import': {
    input: z.object({ caseId: Id, documentId: Id, submittedBy: Id.nullable().optional() }),
    output: EvidenceImportResult,
  },
  /** The catalogue as table rows (for the grid and the drafting helper's .docx export). */
  'review.evidence.table': { input: CaseRef, output: EvidenceTable },

  /** Starts a summary (a long operation: progress and result via ops events; cancel with ops.cancel). */
  'review.summary.start': { input: SummaryStartInput, output: z.object({ opId: z.string() }) },
  /** The stored summary of a document (documentId) or of the case (documentId null). */
  'review.summary.get': { input: z.object({ caseId: Id, documentId: Id.nullable().default(null) }), output: Summary.nullable() },

  /** Rebuilds the rule events from every document (clerk events and deletions are kept). */
  'review.timeline.build': { input: CaseRef, output: Timeline },
  'review.timeline.get': { input: CaseRef, output: Timeline },
  'review.timeline.add': { input: TimelineAddInput, output: TimelineEvent },
  'review.timeline.update': { input: TimelineUpdateInput, output: TimelineEvent },
  'review.timeline.delete': { input: z.object({ id: Id, version: z.number().int().min(1) }), output: z.null() },

  /** Derives element statuses and proposed disputed points from pleadings and evidence. */
  'review.elements.analyze': { input: AnalyzeInput, output: ElementsAnalysis },
  'review.elements.get': { input: CaseRef, output: ElementsAnalysis.nullable() },
  'review.elements.update': { input: ElementUpdateInput, output: ElementsAnalysis },
  'review.points.save': { input: PointsSaveInput, output: ElementsAnalysis },
} as const;
