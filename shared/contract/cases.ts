import { z } from 'zod';
import { EpochMs, Fen, Id, IsoDate, NonEmpty, Page, Text } from './common';

/** 原告 / 被告 / 第三人 (CPL arts. 51, 59). */
export const PartyRole = z.enum(['plaintiff', 'defendant', 'third_party']);
export type PartyRole = z.infer<typeof PartyRole>;
/** Natural person, legal person, or an unincorporated organisation (其他组织, CPL art. 51). */
export const PartyKind = z.enum(['natural', 'legal', 'organization']);
export type PartyKind = z.infer<typeof PartyKind>;
export const Gender = z.enum(['male', 'female']);
export const AgentKind = z.enum(['lawyer', 'legal_worker', 'relative', 'citizen', 'employee', 'other']);

/**
 * Stages of a civil case in a basic court. Transitions and their rules come with intake;
 * the foundation stores the stage.
 */
export const CaseStage = z.enum(['intake', 'service', 'pretrial', 'hearing', 'decision', 'closed', 'archived']);
export type CaseStage = z.infer<typeof CaseStage>;
/** 普通程序 / 简易程序 / 小额诉讼程序 (CPL arts. 160, 165). */
export const Procedure = z.enum(['ordinary', 'simplified', 'small_claims']);
export type Procedure = z.infer<typeof Procedure>;
export const CaseStatus = z.enum(['active', 'archived']);

export const AgentInput = z.object({
  id: Id.optional(),
  name: NonEmpty(100),
  kind: AgentKind.default('lawyer'),
  firm: Text(200).default(''),
  licenseNo: Text(64).default(''),
  phone: Text(40).default(''),
});
export type AgentInput = z.input<typeof AgentInput>;
export const Agent = AgentInput.required({ id: true }).extend({ id: Id });
export type Agent = z.infer<typeof Agent>;

export const PartyInput = z.object({
  id: Id.optional(),
  role: PartyRole,
  kind: PartyKind.default('natural'),
  name: NonEmpty(200),
  gender: Gender.nullable().default(null),
  birthDate: IsoDate.nullable().default(null),
  ethnicity: Text(20).default(''),
  /** Resident ID (18 characters) for a natural person. */
  idNumber: Text(40).default(''),
  /** 统一社会信用代码 for a legal person or organisation (18 characters). */
  creditCode: Text(40).default(''),
  legalRep: Text(100).default(''),
  legalRepTitle: Text(100).default(''),
  address: Text(500).default(''),
  phone: Text(40).default(''),
  agents: z.array(AgentInput).max(20, 'at most 20 agents per party').default([]),
});
export type PartyInput = z.input<typeof PartyInput>;
export const Party = PartyInput.extend({ id: Id, agents: z.array(Agent) });
export type Party = z.infer<typeof Party>;

export const ClaimInput = z.object({
  id: Id.optional(),
  text: NonEmpty(5000),
  amountFen: Fen.nullable().default(null),
});
export type ClaimInput = z.input<typeof ClaimInput>;
export const Claim = ClaimInput.extend({ id: Id, seq: z.number().int().min(1) });
export type Claim = z.infer<typeof Claim>;

/** The editable body of a case: what a create or an update sends. */
export const CaseInput = z.object({
  /** Assigned at registration (intake); empty for a case still being drafted. */
  caseNumber: Text(60).default(''),
  title: Text(200).default(''),
  causeOfAction: Text(100).default(''),
  procedure: Procedure.nullable().default(null),
  stage: CaseStage.default('intake'),
  filedOn: IsoDate.nullable().default(null),
  judge: Text(100).default(''),
  clerk: Text(100).default(''),
  summary: Text(20_000).default(''),
  parties: z.array(PartyInput).max(200, 'at most 200 parties').default([]),
  claims: z.array(ClaimInput).max(100, 'at most 100 claims').default([]),
});
export type CaseInput = z.input<typeof CaseInput>;
export type CaseInputParsed = z.output<typeof CaseInput>;

export const CaseSummary = z.object({
  id: Id,
  caseNumber: z.string(),
  title: z.string(),
  causeOfAction: z.string(),
  procedure: Procedure.nullable(),
  stage: CaseStage,
  status: CaseStatus,
  filedOn: IsoDate.nullable(),
  judge: z.string(),
  plaintiffs: z.array(z.string()),
  defendants: z.array(z.string()),
  claimTotalFen: Fen.nullable(),
  updatedAt: EpochMs,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const DocumentMeta = z.object({
  id: Id,
  caseId: Id,
  title: z.string(),
  kind: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int().min(0),
  sha256: z.string(),
  textLength: z.number().int().min(0),
  /** Why no text could be extracted (e.g. a scanned PDF needs OCR); empty when text was extracted. */
  textNote: z.string(),
  createdAt: EpochMs,
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const CaseDetail = z.object({
  id: Id,
  caseNumber: z.string(),
  title: z.string(),
  causeOfAction: z.string(),
  procedure: Procedure.nullable(),
  stage: CaseStage,
  status: CaseStatus,
  filedOn: IsoDate.nullable(),
  judge: z.string(),
  clerk: z.string(),
  summary: z.string(),
  parties: z.array(Party),
  claims: z.array(Claim),
  documents: z.array(DocumentMeta),
  /** Optimistic-concurrency token: an update must name the version it edited. */
  version: z.number().int().min(1),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  archivedAt: EpochMs.nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseSortField = z.enum(['updatedAt', 'filedOn', 'caseNumber', 'causeOfAction']);
export type CaseSortField = z.infer<typeof CaseSortField>;

export const CaseListInput = Page.extend({
  /** Matches case number, party names and cause of action. */
  query: Text(100).default(''),
  status: CaseStatus.or(z.literal('all')).default('active'),
  stage: CaseStage.nullable().default(null),
  sort: CaseSortField.default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CaseListInput = z.input<typeof CaseListInput>;

export const CaseList = z.object({ items: z.array(CaseSummary), total: z.number().int().min(0) });
export type CaseList = z.infer<typeof CaseList>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: EpochMs,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  caseId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** 50 MB: a scanned complaint bundle can be large; beyond this the user splits the file. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Base64 grows by 4/3. */
export const MAX_DOCUMENT_BASE64 = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;

export const DocumentAddInput = z.object({
  caseId: Id,
  filename: NonEmpty(255),
  title: Text(200).default(''),
  kind: Text(40).default('other'),
  mime: Text(100).default(''),
  contentBase64: z
    .string()
    .max(MAX_DOCUMENT_BASE64, 'file is larger than 50 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type DocumentAddInput = z.input<typeof DocumentAddInput>;

/** The editable body of a stored case, for updates that change one part of it (e.g. the cause of action). */
export function caseInputOf(d: CaseDetail): CaseInputParsed {
  return {
    caseNumber: d.caseNumber,
    title: d.title,
    causeOfAction: d.causeOfAction,
    procedure: d.procedure,
    stage: d.stage,
    filedOn: d.filedOn,
    judge: d.judge,
    clerk: d.clerk,
    summary: d.summary,
    parties: d.parties,
    claims: d.claims.map(({ id, text, amountFen }) => ({ id, text, amountFen })),
  };
}
