import { z } from 'zod';
import { Procedure } from './cases';
import { EpochMs, Id, IsoDate, Text } from './common';

/*
 * 文书 (drafting): judgments, rulings, mediation statements and procedural notices drafted section
 * by section from templates (resources/templates), edited by the judge with version history,
 * proofread (校对) and exported as .docx in the official format (brief §5).
 */

/** Every document a draft can be. Template files are resources/templates/<kind>.json. */
export const DRAFT_KINDS = [
  'judgment',
  'judgment_simplified',
  'mediation',
  'ruling_withdrawal',
  'ruling_dismissal',
  'ruling_jurisdiction',
  'notice_acceptance',
  'notice_respond',
  'notice_evidence',
  'summons',
  'appearance_notice',
  'hearing_announcement',
] as const;
export const DraftKind = z.enum(DRAFT_KINDS);
export type DraftKind = z.infer<typeof DraftKind>;

/** judgment/mediation/ruling are decisions (CPL arts. 155, 157, 100); notices are procedural. */
export const DraftGroup = z.enum(['judgment', 'mediation', 'ruling', 'notice']);
export type DraftGroup = z.infer<typeof DraftGroup>;

/**
 * fixed: a sentence form of the template (the judge may still edit it);
 * field: filled from case data; generated: prose a model may draft (原告诉称, 被告辩称, 本院查明, 本院认为).
 */
export const SectionKind = z.enum(['fixed', 'field', 'generated']);
export type SectionKind = z.infer<typeof SectionKind>;

/**
 * How a section is laid out on the page (brief §5.6): title = centred 二号小标宋 lines (court, document
 * name); caseNumber = right-aligned 三号仿宋; body = indented paragraphs; plain = unindented lines
 * (parties, addressee); closing = the right-aligned 落款 block.
 */
export const SectionLayout = z.enum(['title', 'caseNumber', 'body', 'plain', 'closing']);
export type SectionLayout = z.infer<typeof SectionLayout>;

/** Who wrote the current text of a section. */
export const SectionSource = z.enum(['template', 'rules', 'model', 'judge']);
export type SectionSource = z.infer<typeof SectionSource>;

/**
 * A statute or precedent cited in a section. ok = it resolves in the imported library;
 * unresolved = the library was searched and the law/article/case is not there (check it, do not
 * keep it blindly); unverifiable = the library is empty, so nothing could be checked.
 */
export const CitationCheck = z.enum(['ok', 'unresolved', 'unverifiable']);
export const SectionCitation = z.object({
  kind: z.enum(['statute', 'precedent']),
  /** The citation as written, e.g. 《中华人民共和国民法典》第六百七十五条 or （2023）粤0305民初1号. */
  raw: z.string(),
  /** Half-open character range [start, end) into the section's text. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  status: CitationCheck,
  /** What it resolved to (law title and version, or the precedent's court and title); empty when unresolved. */
  target: z.string(),
  note: z.string(),
});
export type SectionCitation = z.infer<typeof SectionCitation>;

export const DraftSection = z.object({
  id: z.string(),
  title: z.string(),
  kind: SectionKind,
  layout: SectionLayout,
  text: z.string(),
  source: SectionSource,
  /** True while the text still holds a 【待补充…】 marker: input only the judge can give. */
  needsInput: z.boolean(),
  /** Whether drafting.generateSection can draft this section with a model. */
  generatable: z.boolean(),
  /** Plain-language notes on how the text was filled (zh), e.g. "费用取自立案时计算的受理费". */
  notes: z.array(z.string()),
  citations: z.array(SectionCitation),
});
export type DraftSection = z.infer<typeof DraftSection>;

export const Draft = z.object({
  id: Id,
  caseId: Id,
  kind: DraftKind,
  /** 文书名称, e.g. 民事判决书. */
  name: z.string(),
  /** Date in the 落款; selects the article numbers in force (brief §0.3). */
  documentDate: IsoDate,
  /** Optimistic-concurrency token: every change names the version it edited. */
  version: z.number().int().min(1),
  templateVersion: z.number().int().min(1),
  sections: z.array(DraftSection),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type Draft = z.infer<typeof Draft>;

export const DraftSummary = Draft.pick({
  id: true,
  caseId: true,
  kind: true,
  name: true,
  documentDate: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  updatedBy: true,
}).extend({ needsInput: z.number().int().min(0) });
export type DraftSummary = z.infer<typeof DraftSummary>;

export const KindInfo = z.object({
  kind: DraftKind,
  name: z.string(),
  nameEn: z.string(),
  group: DraftGroup,
  description: z.string(),
  templateVersion: z.number().int(),
  sections: z.array(z.object({ id: z.string(), title: z.string(), kind: SectionKind, layout: SectionLayout, generatable: z.boolean() })),
  /** Options drafting.create understands for this kind (e.g. hearing time for a summons). */
  options: z.array(z.string()),
  /** The procedures this template is written for; null = any (notices, rulings). */
  procedures: z.array(Procedure).nullable(),
});
export type KindInfo = z.infer<typeof KindInfo>;

/** Facts a notice needs that the case record may not hold yet (hearing time and place, recipient). */
export const DraftOptions = z
  .object({
    /** 开庭日期 (summons, appearance notice, hearing announcement). */
    hearingDate: IsoDate.optional(),
    /** 24-hour HH:MM. */
    hearingTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')
      .optional(),
    /** e.g. 本院第三法庭. */
    hearingPlace: Text(100).optional(),
    /** The party (or agent) a notice or summons is addressed to; default: every party of the usual role. */
    recipientId: Id.optional(),
    /** 出庭通知书: the capacity in which the person appears, e.g. 证人. */
    capacity: Text(40).optional(),
    /** 开庭审理 is public unless the law says otherwise (CPL art. 137). */
    publicHearing: z.boolean().optional(),
  })
  .strict();
export type DraftOptions = z.infer<typeof DraftOptions>;

export const CreateDraftInput = z.object({
  caseId: Id,
  kind: DraftKind,
  /** 落款 date; default today. */
  documentDate: IsoDate.optional(),
  options: DraftOptions.default({}),
});

export const HistoryEntry = z.object({
  version: z.number().int().min(1),
  at: EpochMs,
  actor: z.string(),
  /** create | edit | generate | reset | date. */
  action: z.string(),
  sectionId: z.string().nullable(),
  source: SectionSource.nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const DiffPart = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffPart = z.infer<typeof DiffPart>;
export const SectionDiff = z.object({
  sectionId: z.string(),
  title: z.string(),
  changed: z.boolean(),
  parts: z.array(DiffPart),
});
export type SectionDiff = z.infer<typeof SectionDiff>;

export const ProofreadRule = z.enum([
  'amount-capital',
  'party-names',
  'date-valid',
  'date-order',
  'case-number',
  'fee-sentence',
  'citation',
  'item-numbering',
  'placeholder',
  'closing-date',
  'late-payment-article',
  // Against the case's procedure (CPL arts. 40, 155, 160, 163, 165, 171).
  'procedure-template',
  'procedure-stated',
  'tribunal',
  'finality',
]);
export type ProofreadRule = z.infer<typeof ProofreadRule>;

export const Finding = z.object({
  rule: ProofreadRule,
  severity: z.enum(['error', 'warning', 'info']),
  sectionId: z.string(),
  /** Half-open character range into that section's text (start = end for "something is missing here"). */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  zh: z.string(),
  en: z.string(),
  /** A replacement the UI may offer with one click, when the fix is certain. */
  suggestion: z.string().nullable(),
});
export type Finding = z.infer<typeof Finding>;

/** Page layout of exports (brief §5.6; the margin figures are [U] there, hence settings). */
export const DraftingSettings = z.object({
  marginsMm: z.object({
    top: z.number().min(5).max(80),
    bottom: z.number().min(5).max(80),
    left: z.number().min(5).max(80),
    right: z.number().min(5).max(80),
  }),
  /** Fixed line height in points; 28.9 gives 22 lines in the 225 mm type area. */
  lineSpacingPt: z.number().min(12).max(60),
  /** First font is written into the document; the rest are alternatives recorded for Word's substitution. */
  titleFonts: z.array(Text(60).min(1)).min(1).max(5),
  bodyFonts: z.array(Text(60).min(1)).min(1).max(5),
  /** The court appeals go to (上诉于…); empty = derived from the court name (…市中级人民法院). */
  appealCourt: Text(100),
  /** 联系电话 printed on notices. */
  contactPhone: Text(40),
  /** Court address printed on notices and summonses. */
  courtAddress: Text(200),
});
export type DraftingSettings = z.infer<typeof DraftingSettings>;

export const DRAFTING_DEFAULTS: DraftingSettings = {
  marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
  lineSpacingPt: 28.9,
  titleFonts: ['方正小标宋简体', '方正小标宋_GBK', '华文中宋', '宋体'],
  bodyFonts: ['仿宋_GB2312', '仿宋', 'FangSong'],
  appealCourt: '',
  contactPhone: '',
  courtAddress: '',
};

const Version = z.number().int().min(1);

/** An exported file: the shell (or the browser download) saves the base64 bytes under `filename`. */
export const ExportedFile = z.object({ filename: z.string(), mime: z.string(), contentBase64: z.string(), bytes: z.number().int() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const draftingMethods = {
  /** The document kinds with their sections (from the template files). */
  'drafting.kinds': { input: z.object({}), output: z.object({ items: z.array(KindInfo) }) },
  /** Drafts every section deterministically from the case (no model needed). */
  'drafting.create': { input: CreateDraftInput, output: Draft },
  'drafting.get': { input: z.object({ draftId: Id }), output: Draft },
  'drafting.list': { input: z.object({ caseId: Id }), output: z.object({ items: z.array(DraftSummary) }) },
  /** Saves one section's text (autosave); `version` is the draft's. CONFLICT when stale. */
  'drafting.updateSection': {
    input: z.object({
      draftId: Id,
      version: Version,
      sectionId: z.string().min(1).max(40),
      text: z.string().max(200_000, 'a section is at most 200000 characters'),
    }),
    output: Draft,
  },
  /** Refills one section from the template and the current case data (undoes edits to it). */
  'drafting.resetSection': {
    input: z.object({ draftId: Id, version: Version, sectionId: z.string().min(1).max(40) }),
    output: Draft,
  },
  /** Changes the 落款 date; the date-dependent article numbers are refilled (brief §0.3). */
  'drafting.setDate': { input: z.object({ draftId: Id, version: Version, documentDate: IsoDate }), output: Draft },
  'drafting.remove': { input: z.object({ draftId: Id }), output: z.null() },
  'drafting.history': { input: z.object({ draftId: Id }), output: z.object({ items: z.array(HistoryEntry) }) },
  /** Per-section diff between two versions listed by drafting.history. */
  'drafting.diff': {
    input: z.object({ draftId: Id, from: Version, to: Version }),
    output: z.object({ from: Version, to: Version, sections: z.array(SectionDiff) }),
  },
  /**
   * Drafts one generated section with the loaded model (UNAVAILABLE without one). Long operation
   * (kind `drafting.generate`): tokens stream as llm.token with `requestId`; ops.done carries the
   * saved Draft; cancel with ops.cancel(opId) or llm.cancel(requestId).
   */
  'drafting.generateSection': {
    input: z.object({ draftId: Id, sectionId: z.string().min(1).max(40) }),
    output: z.object({ opId: z.string(), requestId: z.string() }),
  },
  'drafting.proofread': {
    input: z.object({ draftId: Id }),
    output: z.object({ findings: z.array(Finding), errors: z.number().int(), warnings: z.number().int() }),
  },
  /** The .docx bytes (base64); the shell saves them. */
  'drafting.export': { input: z.object({ draftId: Id }), output: ExportedFile },
  /**
   * The case's 证据目录 as an official .docx table (landscape A4): every registered item with the
   * other parties' 质证意见 and the court's finding. A case without evidence exports the empty table
   * with a note saying so (the catalogue may be printed blank for the parties to fill in).
   */
  'drafting.exportEvidence': { input: z.object({ caseId: Id }), output: ExportedFile },
  /** The hearing's 庭审笔录 as an official .docx: header block, the turns with bold speaker labels, signature line. */
  'drafting.exportTranscript': { input: z.object({ hearingId: Id }), output: ExportedFile },
  'drafting.settings.get': { input: z.object({}), output: DraftingSettings },
  'drafting.settings.update': { input: DraftingSettings.partial(), output: DraftingSettings },
} as const;
