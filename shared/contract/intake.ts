import { z } from 'zod';
import { CLOSINGS, FEE_KINDS, FeeSettingsSchema, PROCEDURES } from '../rules/fees';
import { DEADLINE_KINDS, DEADLINE_PROCEDURES } from '../rules/deadlines';
import { EXTENSION_AUTHORITIES } from '../rules/extensions';
import { SERVICE_METHODS } from '../rules/service';
import { CaseDetail, CaseStage, DocumentMeta, MAX_DOCUMENT_BASE64, PartyKind, PartyRole, Procedure } from './cases';
import { EpochMs, Fen, Id, IsoDate, NonEmpty, Text } from './common';

/*
 * 立案 (intake): import a filing, extract it with sources, check it (CPL art. 124), register it
 * (case number, fee, deadlines) and move it through its stages.
 */

// ---------------------------------------------------------------------------------------------
// Extraction with sources
// ---------------------------------------------------------------------------------------------

/** A half-open character range [start, end) into the source document's text. */
export const Span = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((s) => s.end >= s.start, 'span end must not precede its start');
export type Span = z.infer<typeof Span>;

/**
 * Who produced a value: the deterministic rules, the local model, or the clerk correcting it.
 * `verified` says the value is grounded: its span exists in the source text (rules always are;
 * a model proposal without a span the system could find is not; the clerk vouches for hers).
 */
export const FieldSource = z.enum(['rule', 'model', 'clerk']);
export type FieldSource = z.infer<typeof FieldSource>;

export const field = <T extends z.ZodType>(value: T) =>
  z.object({ value, span: Span.nullable(), source: FieldSource, verified: z.boolean() });
export interface Field<T> {
  value: T;
  span: Span | null;
  source: FieldSource;
  verified: boolean;
}

const Str = z.string().max(20_000);
const StrField = field(Str);
const OptStrField = StrField.nullable();

export const ExtractedAgent = z.object({
  name: StrField,
  kind: field(z.enum(['lawyer', 'legal_worker', 'relative', 'citizen', 'employee', 'other'])),
  firm: OptStrField,
  phone: OptStrField,
  span: Span,
});
export type ExtractedAgent = z.infer<typeof ExtractedAgent>;

export const ExtractedParty = z.object({
  role: field(PartyRole),
  kind: field(PartyKind),
  name: StrField,
  gender: field(z.enum(['male', 'female'])).nullable(),
  birthDate: field(IsoDate).nullable(),
  ethnicity: OptStrField,
  occupation: OptStrField,
  employer: OptStrField,
  idNumber: OptStrField,
  creditCode: OptStrField,
  address: OptStrField,
  phone: OptStrField,
  legalRep: OptStrField,
  legalRepTitle: OptStrField,
  agents: z.array(ExtractedAgent).max(20),
  /** The whole party block, for highlighting. */
  span: Span,
});
export type ExtractedParty = z.infer<typeof ExtractedParty>;

export const ExtractedAmount = z.object({
  value: Fen,
  /** Yuan with 2 decimals, for display ("50000.00"). */
  yuan: z.string(),
  raw: z.string(),
  form: z.enum(['arabic', 'chinese', 'mixed']),
  span: Span.nullable(),
  source: FieldSource,
  verified: z.boolean(),
});
export type ExtractedAmount = z.infer<typeof ExtractedAmount>;

export const ExtractedClaim = z.object({
  seq: z.number().int().min(1),
  text: StrField,
  /** The principal amount of the claim (its first amount), if any. */
  amount: ExtractedAmount.nullable(),
  amounts: z.array(ExtractedAmount),
});
export type ExtractedClaim = z.infer<typeof ExtractedClaim>;

/** 年利率 / 月利率 / 日利率 / LPR-based interest terms, as written. */
export const InterestTerm = StrField.extend({ kind: z.enum(['annual', 'monthly', 'daily', 'lpr']) });
export type InterestTerm = z.infer<typeof InterestTerm>;

export const ExtractedEvidence = z.object({ name: StrField, source: OptStrField });
export type ExtractedEvidence = z.infer<typeof ExtractedEvidence>;

export const ExtractionNote = z.object({ zh: z.string(), en: z.string(), span: Span.nullable() });
export type ExtractionNote = z.infer<typeof ExtractionNote>;

export const Extraction = z.object({
  /** Shape version of this object, so stored extractions can be migrated. */
  schema: z.literal(1),
  textLength: z.number().int().min(0),
  title: OptStrField,
  /** 此致 …人民法院 */
  court: OptStrField,
  parties: z.array(ExtractedParty).max(200),
  claims: z.array(ExtractedClaim).max(100),
  /** Every amount of money in the text. */
  amounts: z.array(ExtractedAmount).max(2000),
  interest: z.array(InterestTerm).max(200),
  factsAndReasons: OptStrField,
  /** Dates in the facts and reasons (drives the limitation warning). */
  factDates: z.array(field(IsoDate)).max(2000),
  evidence: z.array(ExtractedEvidence).max(500),
  caseNumbers: z.array(StrField).max(200),
  signedBy: OptStrField,
  date: field(IsoDate).nullable(),
  /** Things the clerk should look at: impossible dates, absurd amounts, a bad ID checksum… */
  notes: z.array(ExtractionNote).max(500),
  /** Whether the model pass ran (see electron/backend/intake/modelPass.ts). */
  model: z.object({ ran: z.boolean(), detail: z.string() }),
});
export type Extraction = z.infer<typeof Extraction>;

export const StoredExtraction = z.object({
  caseId: Id,
  /** The document whose text the spans point into; null for text that was not stored. */
  documentId: Id.nullable(),
  /** Optimistic-concurrency token of the stored extraction. */
  version: z.number().int().min(1),
  extraction: Extraction,
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type StoredExtraction = z.infer<typeof StoredExtraction>;

// ---------------------------------------------------------------------------------------------
// Import, check, register
// ---------------------------------------------------------------------------------------------

export const FilingFile = z.object({
  filename: NonEmpty(255),
  contentBase64: z
    .string()
    .max(MAX_DOCUMENT_BASE64, 'file is larger than 50 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});

export const ImportFilingInput = z
  .object({
    caseId: Id.optional(),
    files: z.array(FilingFile).max(20, 'at most 20 files at once').default([]),
    /** A complaint pasted as text; stored as a .txt document so spans have a source. */
    pastedText: z.string().max(1_000_000, 'pasted text is longer than 1,000,000 characters').optional(),
  })
  .refine((v) => v.files.length > 0 || (v.pastedText ?? '').trim() !== '', {
    message: 'give at least one file or some pasted text',
    path: ['files'],
  });

export const ImportFilingResult = z.object({
  case: CaseDetail,
  documents: z.array(DocumentMeta),
  /** Files not added because the same bytes are already in the case file. */
  skipped: z.array(z.object({ filename: z.string(), reason: z.string(), documentId: Id.nullable() })),
  complaintDocumentId: Id.nullable(),
  extraction: StoredExtraction.nullable(),
  /** Plain-language notes: a scanned PDF needs OCR, no complaint was recognised, … */
  notes: z.array(z.string()),
});
export type ImportFilingResult = z.infer<typeof ImportFilingResult>;

export const CauseSuggestionOut = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  score: z.number(),
  path: z.array(z.string()),
  reasons: z.array(
    z.object({ keyword: z.string(), weight: z.number(), start: z.number().int(), end: z.number().int(), count: z.number().int() }),
  ),
});

export const CompletenessItemOut = z.object({
  code: z.string(),
  severity: z.enum(['required', 'recommended']),
  path: z.string(),
  zh: z.string(),
  en: z.string(),
  article: z.string(),
});
export const CompletenessOut = z.object({
  complete: z.boolean(),
  items: z.array(CompletenessItemOut),
  requiredCount: z.number().int(),
  recommendedCount: z.number().int(),
});

const BiTextOut = z.object({ zh: z.string(), en: z.string() });

export const FeeStepOut = z.object({ tier: z.string(), base: z.string(), rate: z.string(), amount: z.string() });
export const FeeOut = z.object({
  kind: z.enum(FEE_KINDS),
  fee: z.string(),
  fullFee: z.string(),
  feeFen: Fen,
  fullFeeFen: Fen,
  exactFee: z.string(),
  halved: z.boolean(),
  halvingReasons: z.array(z.string()),
  steps: z.array(FeeStepOut),
  article: z.string(),
  notes: z.array(BiTextOut),
});
export type FeeOut = z.infer<typeof FeeOut>;

export const FeeCalcInput = z
  .object({
    kind: z.enum(FEE_KINDS),
    /** Integer fen … */
    amountFen: Fen.nullable().optional(),
    /** … or an amount as written: "50000", "50,000.00", "5万元", "伍万元整". */
    amount: z.string().max(100).optional(),
    procedure: z.enum(PROCEDURES).optional(),
    closing: z.enum(CLOSINGS).optional(),
    joinedCounterclaim: z.boolean().optional(),
    administrativeCategory: z.enum(['trademark-patent-maritime', 'other']).optional(),
  })
  .refine((v) => v.amount === undefined || v.amountFen === undefined || v.amountFen === null, {
    message: 'give amount or amountFen, not both',
    path: ['amount'],
  });

export const DateRangeIn = z.object({ from: IsoDate, to: IsoDate });

export const DeadlineCalcInput = z.object({
  kind: z.enum(DEADLINE_KINDS),
  start: IsoDate,
  procedure: z.enum(DEADLINE_PROCEDURES).optional(),
  days: z.number().int().min(0).max(3660).optional(),
  months: z.number().int().min(0).max(360).optional(),
  foreignDomicile: z.boolean().optional(),
  extensionMonths: z.number().int().min(0).max(120).optional(),
  excluded: z.array(DateRangeIn).max(100).optional(),
  damageDate: IsoDate.optional(),
  limitationRegime: z.enum(['general', 'labour-arbitration']).optional(),
  asOf: IsoDate.optional(),
  article: z.string().max(200).optional(),
});

export const DeadlineOut = z.object({
  kind: z.enum(DEADLINE_KINDS),
  start: IsoDate,
  due: IsoDate,
  rawEnd: IsoDate,
  period: z.object({ days: z.number().optional(), months: z.number().optional(), years: z.number().optional() }),
  rolledOver: z.boolean(),
  steps: z.array(BiTextOut),
  article: z.string(),
  warnings: z.array(BiTextOut),
  milestones: z.array(z.object({ label: BiTextOut, date: IsoDate })),
  status: z.enum(['expired', 'expiring', 'running']).optional(),
  daysLeft: z.number().int().optional(),
});
export type DeadlineOut = z.infer<typeof DeadlineOut>;

/** A deadline tracked for a case (stored; shown on the dashboard). */
export const TrackedDeadline = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  caseTitle: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  label: BiTextOut,
  start: IsoDate,
  due: IsoDate,
  /** True when the start is an estimate (e.g. service assumed 5 days after filing, CPL art. 128). */
  estimated: z.boolean(),
  status: z.enum(['open', 'done']),
  /** Relative to `asOf` of the query (today by default); negative when overdue. */
  daysLeft: z.number().int(),
  urgency: z.enum(['overdue', 'due-soon', 'upcoming']),
  article: z.string(),
  /** Where the start date comes from (the actual service, an assumption, the filing date), one line. */
  basis: BiTextOut.nullable(),
  steps: z.array(BiTextOut),
  warnings: z.array(BiTextOut),
  updatedAt: EpochMs,
});
export type TrackedDeadline = z.infer<typeof TrackedDeadline>;

export const TrialPause = z.object({
  id: Id,
  caseId: Id,
  from: IsoDate,
  to: IsoDate,
  reason: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});
export type TrialPause = z.infer<typeof TrialPause>;

/** The recorded service of the complaint copy and notices on one party (CPL arts. 87–91, 95). */
export const ServiceRecord = z.object({
  id: Id,
  caseId: Id,
  partyId: Id,
  /** The name when recorded (parties can be edited later). */
  partyName: z.string(),
  method: z.enum(SERVICE_METHODS),
  /** The date of the service act; for publication, the date the notice was published. */
  servedOn: IsoDate,
  /** When service took effect: servedOn, or the day publication service is deemed complete. */
  effectiveOn: IsoDate,
  foreignDomicile: z.boolean(),
  evidenceDays: z.number().int().nullable(),
  note: z.string(),
  article: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

/** An approved extension of the trial limit (CPL arts. 152, 164, 168; CPL-Interp art. 258). */
export const TrialExtensionRecord = z.object({
  id: Id,
  caseId: Id,
  months: z.number().int().min(0),
  days: z.number().int().min(0),
  authority: z.enum(EXTENSION_AUTHORITIES),
  approvedBy: z.string(),
  approvedOn: IsoDate,
  reason: z.string(),
  /** The trial limit before and after it. */
  dueBefore: IsoDate,
  dueAfter: IsoDate,
  article: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});
export type TrialExtensionRecord = z.infer<typeof TrialExtensionRecord>;

/** A ruling converting the procedure (CPL arts. 169, 170; CPL-Interp art. 258). */
export const ProcedureConversionRecord = z.object({
  id: Id,
  caseId: Id,
  from: Procedure,
  to: Procedure,
  ruledOn: IsoDate,
  reason: z.string(),
  /** The trial limit before and after it. */
  dueBefore: IsoDate,
  dueAfter: IsoDate,
  /** The acceptance fee before and after (a case leaving simplified procedure is no longer halved). */
  feeBeforeFen: Fen.nullable(),
  feeAfterFen: Fen.nullable(),
  article: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});
export type ProcedureConversionRecord = z.infer<typeof ProcedureConversionRecord>;

export const StageChange = z.object({ from: CaseStage.nullable(), to: CaseStage, at: EpochMs, actor: z.string(), note: z.string() });
export type StageChange = z.infer<typeof StageChange>;

export const CaseFee = FeeOut.extend({ amountFen: Fen.nullable(), computedAt: EpochMs });
export type CaseFee = z.infer<typeof CaseFee>;

export const Registration = z.object({
  case: CaseDetail,
  fee: CaseFee.nullable(),
  deadlines: z.array(TrackedDeadline),
  pauses: z.array(TrialPause),
  services: z.array(ServiceRecord),
  extensions: z.array(TrialExtensionRecord),
  conversions: z.array(ProcedureConversionRecord),
  stages: z.array(StageChange),
});
export type Registration = z.infer<typeof Registration>;

export const RegisterInput = z.object({
  caseId: Id,
  version: z.number().int().min(1),
  procedure: Procedure,
  /** 类型代字 (brief §1.4); 民初 for a civil first-instance case. */
  typeCode: z
    .string()
    .regex(/^[\u4e00-\u9fa5]{1,4}$/, 'must be 1–4 Chinese characters, e.g. 民初')
    .default('民初'),
  /** 立案日期; defaults to today. Its year is the 收案年度 of the number. */
  filedOn: IsoDate.optional(),
  /** Fee kind (诉讼费用交纳办法 art. 13); default: property when the claims state amounts. */
  feeKind: z.enum(FEE_KINDS).optional(),
  /** Overrides the sum of the claims as the fee basis (CPL-Interp art. 201). */
  feeAmountFen: Fen.nullable().optional(),
});

/** Stage changes a clerk may make (立案 → 送达 → 审前准备 → 开庭 → 调解/裁判 → 结案 → 归档). */
export const TransitionInput = z.object({
  id: Id,
  version: z.number().int().min(1),
  to: CaseStage,
  note: Text(500).default(''),
});

export const DeadlineListInput = z.object({
  caseId: Id.optional(),
  /** Deadlines due within this many days of asOf (default 3: the dashboard). */
  dueWithinDays: z.number().int().min(0).max(3660).default(3),
  includeOverdue: z.boolean().default(true),
  includeDone: z.boolean().default(false),
  /** Defaults to today. */
  asOf: IsoDate.optional(),
});

export const PauseInput = z.object({
  caseId: Id,
  from: IsoDate,
  to: IsoDate,
  reason: NonEmpty(200),
});

export const RecordServiceInput = z.object({
  caseId: Id,
  /** A party of the case (its id from cases.get); the answer period follows the defendants'. */
  partyId: Id,
  /** The date of the service act (signature, return slip, arrival, leaving); for publication, the publication date. */
  servedOn: IsoDate,
  method: z.enum(SERVICE_METHODS),
  /** A party without a domicile in China: 30-day answer period (CPL art. 285), 60-day publication (art. 283). */
  foreignDomicile: z.boolean().default(false),
  /** The evidence period the court fixed in the notice (Evidence Rules art. 51); default: the procedure's. */
  evidenceDays: z.number().int().min(1).max(365).optional(),
  note: Text(200).default(''),
});

export const ExtendInput = z
  .object({
    caseId: Id,
    kind: z.enum(['trial-limit']),
    months: z.number().int().min(0).max(24).default(0),
    days: z.number().int().min(0).max(366).default(0),
    /** Who approved: the court president, or (ordinary procedure, beyond 6 months) the higher court. */
    authority: z.enum(EXTENSION_AUTHORITIES).default('president'),
    /** Name or title of the approver, as on the approval form. */
    approvedBy: NonEmpty(100),
    approvedOn: IsoDate,
    reason: NonEmpty(500),
  })
  .refine((v) => v.months + v.days > 0, { message: 'give an extension of at least one day', path: ['months'] });

export const ConvertProcedureInput = z.object({
  caseId: Id,
  version: z.number().int().min(1),
  /** simplified → ordinary (CPL art. 170); small claims → simplified or ordinary (CPL art. 169). */
  to: Procedure,
  /** The date of the conversion ruling; it must precede the expiry of the current trial limit (CPL-Interp art. 258). */
  ruledOn: IsoDate,
  reason: NonEmpty(500),
});

export const FeeSettingsOut = z.object({
  settings: FeeSettingsSchema,
  /** True while nothing was saved, i.e. the statutory minimums (the brief gives no province figures). */
  isDefault: z.boolean(),
});
export type FeeSettingsOut = z.infer<typeof FeeSettingsOut>;

export const intakeMethods = {
  /** Extracts a complaint's fields with spans (no storage). */
  'intake.extract': { input: z.object({ text: z.string().max(1_000_000, 'text is longer than 1,000,000 characters') }), output: Extraction },
  /** Creates a draft case (unless caseId), attaches the files, finds the complaint, extracts and stores it. */
  'intake.importFiling': { input: ImportFilingInput, output: ImportFilingResult },
  'intake.getExtraction': { input: z.object({ caseId: Id }), output: StoredExtraction.nullable() },
  /** The clerk's corrections; `version` is the stored extraction's. */
  'intake.saveExtraction': {
    input: z.object({ caseId: Id, version: z.number().int().min(1), extraction: Extraction }),
    output: StoredExtraction,
  },
  /** Fills the case's parties and claims from the stored extraction; `version` is the case's. */
  'intake.applyExtraction': { input: z.object({ caseId: Id, version: z.number().int().min(1) }), output: CaseDetail },
  'intake.suggestCauses': {
    input: z
      .object({ caseId: Id.optional(), text: z.string().max(1_000_000).optional(), limit: z.number().int().min(1).max(20).default(5) })
      .refine((v) => (v.caseId === undefined) !== (v.text === undefined), { message: 'give caseId or text', path: ['caseId'] }),
    output: z.array(CauseSuggestionOut),
  },
  'intake.check': { input: z.object({ caseId: Id }), output: CompletenessOut },
  'intake.defectNotice': {
    input: z.object({
      caseId: Id,
      cureDays: z.number().int().min(1).max(90).default(7),
      includeRecommended: z.boolean().default(false),
    }),
    output: z.object({ text: z.string(), items: z.array(CompletenessItemOut) }),
  },
  'intake.register': { input: RegisterInput, output: Registration },
  'intake.registration': { input: z.object({ caseId: Id }), output: Registration },
  'intake.fee': { input: FeeCalcInput, output: FeeOut },
  'intake.deadline': { input: DeadlineCalcInput, output: DeadlineOut },
  /** The court's fee settings (诉讼费用交纳办法 arts. 13–14 ranges, rounding); the defaults until a court sets them. */
  'intake.feeSettings.get': { input: z.object({}), output: FeeSettingsOut },
  /** Replaces the fee settings; a value outside its statutory range is refused naming the field. */
  'intake.feeSettings.update': { input: FeeSettingsSchema, output: FeeSettingsOut },
  'deadlines.list': { input: DeadlineListInput, output: z.object({ asOf: IsoDate, items: z.array(TrackedDeadline) }) },
  'deadlines.pause': { input: PauseInput, output: Registration },
  'deadlines.complete': { input: z.object({ id: Id, done: z.boolean().default(true) }), output: TrackedDeadline },
  /** Records (or corrects) a party's service; the answer and evidence periods then run from it, no longer estimated. */
  'deadlines.recordService': { input: RecordServiceInput, output: Registration },
  /** Records an approved trial-limit extension; one the law does not allow is refused citing the article. */
  'deadlines.extend': { input: ExtendInput, output: Registration },
  'cases.transition': { input: TransitionInput, output: CaseDetail },
  /** Records a conversion ruling; the trial limit then counts from filing under the new procedure, the fee is recomputed. */
  'cases.convertProcedure': { input: ConvertProcedureInput, output: Registration },
} as const;
