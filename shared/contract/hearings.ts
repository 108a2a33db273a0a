import { z } from 'zod';
import { PartyRole, Procedure } from './cases';
import { EpochMs, Id, IsoDate, NonEmpty, Text } from './common';
import { HEARING_TYPES, OUTLINE_STAGES, SPEAKER_ROLES } from './hearingLabels';

export { HEARING_TYPE_ZH, HEARING_TYPES, OUTLINE_STAGE_ZH, OUTLINE_STAGES, SPEAKER_ROLE_ZH, SPEAKER_ROLES } from './hearingLabels';

/*
 * 庭审 (hearings): scheduling with conflict checks before saving, a calendar per judge and
 * courtroom, the data notices need (传票 / 出庭通知书 / 开庭公告), the hearing outline (庭审提纲)
 * and the transcript (庭审笔录) with optimistic versioning.
 */

export const HearingType = z.enum(HEARING_TYPES);
export type HearingType = z.infer<typeof HearingType>;

export const HearingStatus = z.enum(['scheduled', 'held', 'cancelled']);
export type HearingStatus = z.infer<typeof HearingStatus>;

/** 24-hour HH:MM. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

/** Who is summoned or notified: a party, one of its agents, or someone named by hand. */
export const ParticipantKind = z.enum(['party', 'agent', 'witness', 'expert', 'interpreter', 'other']);
export type ParticipantKind = z.infer<typeof ParticipantKind>;

export const ParticipantInput = z.object({
  kind: ParticipantKind,
  /** For kind party (the party) and agent (the party represented). */
  partyId: Id.nullable().default(null),
  /** For kind agent. */
  agentId: Id.nullable().default(null),
  /** Required for witness/expert/interpreter/other; for a party or agent it is filled from the case. */
  name: Text(100).default(''),
  /** For a witness: the party who asked for them (Evidence Rules art. 69). Free text otherwise. */
  note: Text(200).default(''),
});
export type ParticipantInput = z.input<typeof ParticipantInput>;

export const Participant = z.object({
  kind: ParticipantKind,
  partyId: Id.nullable(),
  agentId: Id.nullable(),
  /** The name when saved; kept if the party or agent is later removed from the case. */
  name: z.string(),
  /** The party's role (for an agent: the role of the party represented). */
  role: PartyRole.nullable(),
  note: z.string(),
  /** True when the party or agent no longer exists in the case (removed after scheduling). */
  missing: z.boolean(),
});
export type Participant = z.infer<typeof Participant>;

export const HearingDraft = z
  .object({
    caseId: Id,
    type: HearingType.default('trial'),
    date: IsoDate,
    start: ClockTime,
    end: ClockTime,
    room: Text(100).default(''),
    /** 审判长 / 独任审判员. */
    presidingJudge: Text(100).default(''),
    /** Other members of the panel (审判员, 人民陪审员). */
    panel: z.array(NonEmpty(100)).max(10).default([]),
    clerk: Text(100).default(''),
    participants: z.array(ParticipantInput).max(200).default([]),
    /** 公开审理 unless the law or a party's request says otherwise (CPL art. 137). */
    publicHearing: z.boolean().default(true),
    /** Day the notices were (or will be) served; checked against CPL art. 139. Empty: not yet served. */
    noticeServedOn: IsoDate.nullable().default(null),
    status: HearingStatus.default('scheduled'),
    notes: Text(2000).default(''),
  })
  .refine((h) => h.end > h.start, { message: 'the end must be after the start', path: ['end'] });
export type HearingDraft = z.input<typeof HearingDraft>;
export type HearingDraftParsed = z.output<typeof HearingDraft>;

/** Hard conflicts block saving unless overridden with a reason; warnings only inform. */
export const ConflictSeverity = z.enum(['hard', 'warning']);
export const CONFLICT_KINDS = [
  'judge-double-booked',
  'room-double-booked',
  'agent-double-booked',
  'clerk-double-booked',
  'notice-lead-time',
  'outside-trial-limit',
  'rest-day',
  'in-past',
  'participant-missing',
  'calendar-not-covered',
  'no-trial-limit',
  'case-closed',
  'before-answer-period',
  'before-evidence-period',
] as const;
export const ConflictKind = z.enum(CONFLICT_KINDS);
export type ConflictKind = z.infer<typeof ConflictKind>;

export const Conflict = z.object({
  kind: ConflictKind,
  severity: ConflictSeverity,
  /** Plain-language reason (zh and en), e.g. "审判员王某在同一时段已安排（2024）…号案件开庭". */
  zh: z.string(),
  en: z.string(),
  /** The rule relied on, e.g. "CPL art. 139". Empty for plain double-booking. */
  rule: z.string(),
  /** The other hearing involved in a double-booking. */
  otherHearingId: Id.nullable(),
  otherCaseNumber: z.string().nullable(),
});
export type Conflict = z.infer<typeof Conflict>;

export const CheckResult = z.object({
  conflicts: z.array(Conflict),
  /** True when saving needs `override`. */
  hasHard: z.boolean(),
  /** The latest day notices can be served for this date (CPL art. 139), when applicable. */
  noticeDeadline: IsoDate.nullable(),
  /** The trial-limit expiry used for the check, when known. */
  trialLimitDue: IsoDate.nullable(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const Override = z.object({ reason: NonEmpty(500) });

export const Hearing = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  caseTitle: z.string(),
  causeOfAction: z.string(),
  type: HearingType,
  date: IsoDate,
  start: ClockTime,
  end: ClockTime,
  room: z.string(),
  presidingJudge: z.string(),
  panel: z.array(z.string()),
  clerk: z.string(),
  participants: z.array(Participant),
  publicHearing: z.boolean(),
  noticeServedOn: IsoDate.nullable(),
  status: HearingStatus,
  notes: z.string(),
  /** The override given when saved over hard conflicts. */
  override: z.object({ reason: z.string(), conflicts: z.array(ConflictKind), at: EpochMs, by: z.string() }).nullable(),
  version: z.number().int().min(1),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type Hearing = z.infer<typeof Hearing>;

export const SaveHearingResult = z.object({ hearing: Hearing, conflicts: z.array(Conflict) });

export const CalendarInput = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** Matches the presiding judge, a panel member or the clerk. */
    judge: Text(100).optional(),
    room: Text(100).optional(),
    includeCancelled: z.boolean().default(false),
  })
  .refine((v) => v.to >= v.from, { message: 'to must not precede from', path: ['to'] });

export const CalendarDay = z.object({
  date: IsoDate,
  /** 周一 … 周日. */
  weekday: z.string(),
  rest: z.boolean(),
  /** 春节, 国庆节 …; for a make-up workday, the holiday it makes up for. */
  holiday: z.string().nullable(),
  makeupWorkday: z.boolean(),
});
export const Calendar = z.object({
  from: IsoDate,
  to: IsoDate,
  days: z.array(CalendarDay),
  /** Sorted by date and start. */
  hearings: z.array(Hearing),
});

export const Room = z.object({ name: NonEmpty(100), note: Text(200).default('') });

// ---------------------------------------------------------------------------------------------
// Notices data (the drafting helper renders 传票 / 出庭通知书 / 开庭公告)
// ---------------------------------------------------------------------------------------------

export const NoticeRecipient = z.object({
  /** summons (传票) for parties; appearance_notice (出庭通知书) for agents, witnesses, experts, interpreters (CPL-Interp art. 227). */
  document: z.enum(['summons', 'appearance_notice']),
  kind: ParticipantKind,
  name: z.string(),
  /** 原告 / 被告 / 第三人 / 原告张某的委托诉讼代理人 / 证人 … */
  capacity: z.string(),
  partyId: Id.nullable(),
  agentId: Id.nullable(),
  address: z.string(),
  phone: z.string(),
  /** For an agent: the firm. */
  firm: z.string(),
  missing: z.boolean(),
});

export const NoticeData = z.object({
  hearingId: Id,
  court: z.object({ name: z.string(), code: z.string() }),
  caseId: Id,
  caseNumber: z.string(),
  caseTitle: z.string(),
  causeOfAction: z.string(),
  procedure: Procedure.nullable(),
  type: HearingType,
  typeZh: z.string(),
  date: IsoDate,
  start: ClockTime,
  end: ClockTime,
  /** 2024年6月10日上午9时00分 — as notices write it. */
  dateTimeZh: z.string(),
  room: z.string(),
  presidingJudge: z.string(),
  panel: z.array(z.string()),
  clerk: z.string(),
  publicHearing: z.boolean(),
  plaintiffs: z.array(z.string()),
  defendants: z.array(z.string()),
  thirdParties: z.array(z.string()),
  recipients: z.array(NoticeRecipient),
  /** 开庭公告 (CPL art. 139 para. 2): published for public hearings only. */
  announcement: z.object({ required: z.boolean(), text: z.string() }),
  /** Latest day to serve (CPL art. 139), null for simplified procedure (CPL art. 163) or non-trial sittings. */
  serveBy: IsoDate.nullable(),
  /** Missing data the notices need (zh): "法院名称未设置", "被告李某无地址" … */
  gaps: z.array(z.string()),
});
export type NoticeData = z.infer<typeof NoticeData>;

// ---------------------------------------------------------------------------------------------
// Outline (庭审提纲)
// ---------------------------------------------------------------------------------------------

export const OutlineStage = z.enum(OUTLINE_STAGES);

export const OutlineTarget = z.enum(['court', 'plaintiff', 'defendant', 'third_party', 'all']);
export const OutlineItem = z.object({
  id: z.string().min(1).max(64),
  /** A question to ask or a step to take. */
  text: NonEmpty(2000),
  target: OutlineTarget,
  pointId: Id.nullable().default(null),
  elementId: z.string().max(60).nullable().default(null),
  evidenceId: Id.nullable().default(null),
  done: z.boolean().default(false),
});
export const OutlineSection = z.object({ stage: OutlineStage, title: NonEmpty(100), items: z.array(OutlineItem).max(500) });
export const Outline = z.object({
  hearingId: Id,
  sections: z.array(OutlineSection),
  version: z.number().int().min(1),
  generatedAt: EpochMs,
  updatedAt: EpochMs,
  updatedBy: z.string(),
});
export type Outline = z.infer<typeof Outline>;

// ---------------------------------------------------------------------------------------------
// Transcript (庭审笔录)
// ---------------------------------------------------------------------------------------------

export const SpeakerRole = z.enum(SPEAKER_ROLES);

/** A turn's text: long answers happen, a pasted judgment should not (split it). */
export const MAX_TURN_CHARS = 20_000;
/** A full-day hearing with quick exchanges stays well below this. */
export const MAX_TURNS = 5_000;
/** The whole transcript (sum of turn texts). */
export const MAX_TRANSCRIPT_CHARS = 3_000_000;

export const TurnLink = z.object({ kind: z.enum(['evidence', 'point']), id: Id });
export const Turn = z.object({
  /** Client-made id (stable across saves, so links and merges can name a turn). */
  id: z.string().min(1).max(64),
  role: SpeakerRole,
  speakerName: Text(100).default(''),
  text: z.string().max(MAX_TURN_CHARS, `a turn must be at most ${MAX_TURN_CHARS} characters; split it`),
  /** When it was said (epoch ms), null if not recorded. */
  at: EpochMs.nullable().default(null),
  links: z.array(TurnLink).max(20).default([]),
});
export type Turn = z.input<typeof Turn>;

export const Transcript = z.object({
  hearingId: Id,
  /** 0 before the first save. */
  version: z.number().int().min(0),
  turns: z.array(Turn.extend({ speakerName: z.string(), at: EpochMs.nullable(), links: z.array(TurnLink) })),
  /** Links pointing at evidence or points that no longer exist (turn id → link). */
  brokenLinks: z.array(z.object({ turnId: z.string(), kind: z.enum(['evidence', 'point']), id: z.string() })),
  updatedAt: EpochMs.nullable(),
  updatedBy: z.string(),
});
export type Transcript = z.infer<typeof Transcript>;

export const TranscriptSaveInput = z
  .object({
    hearingId: Id,
    /** The version the client's turns are based on (0 for the first save). */
    baseVersion: z.number().int().min(0),
    turns: z.array(Turn).max(MAX_TURNS, `a transcript holds at most ${MAX_TURNS} turns`),
  })
  .refine((v) => v.turns.reduce((n, t) => n + t.text.length, 0) <= MAX_TRANSCRIPT_CHARS, {
    message: `the transcript is longer than ${MAX_TRANSCRIPT_CHARS} characters`,
    path: ['turns'],
  })
  .refine((v) => new Set(v.turns.map((t) => t.id)).size === v.turns.length, { message: 'turn ids must be unique', path: ['turns'] });

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

const HearingRef = z.object({ hearingId: Id });

export const hearingMethods = {
  'hearings.list': {
    input: z.object({ caseId: Id.optional(), includeCancelled: z.boolean().default(true) }),
    output: z.object({ items: z.array(Hearing) }),
  },
  'hearings.get': { input: z.object({ id: Id }), output: Hearing },
  /** Conflicts of a draft before saving; `hearingId` when editing (the hearing itself is ignored). */
  'hearings.check': { input: z.object({ draft: HearingDraft, hearingId: Id.optional() }), output: CheckResult },
  /** Refused with CONFLICT (details.conflicts) when there are hard conflicts and no override. */
  'hearings.create': { input: z.object({ draft: HearingDraft, override: Override.optional() }), output: SaveHearingResult },
  'hearings.update': {
    input: z.object({ id: Id, version: z.number().int().min(1), draft: HearingDraft, override: Override.optional() }),
    output: SaveHearingResult,
  },
  /** Marks the hearing cancelled (kept, with its transcript); audited with the reason. */
  'hearings.cancel': { input: z.object({ id: Id, version: z.number().int().min(1), reason: NonEmpty(500) }), output: Hearing },
  'hearings.calendar': { input: CalendarInput, output: Calendar },
  'hearings.rooms.get': { input: z.object({}), output: z.object({ rooms: z.array(Room) }) },
  'hearings.rooms.set': { input: z.object({ rooms: z.array(Room).max(200) }), output: z.object({ rooms: z.array(Room) }) },
  /** Everything a 传票 / 出庭通知书 / 开庭公告 needs. */
  'hearings.noticeData': { input: HearingRef, output: NoticeData },

  /** Builds the outline from the disputed points, elements and evidence (replaces the stored one; `version` guards edits). */
  'hearings.outline.generate': { input: HearingRef.extend({ version: z.number().int().min(0).default(0) }), output: Outline },
  'hearings.outline.get': { input: HearingRef, output: Outline.nullable() },
  'hearings.outline.save': {
    input: HearingRef.extend({ version: z.number().int().min(1), sections: z.array(OutlineSection).max(20) }),
    output: Outline,
  },

  'hearings.transcript.get': { input: HearingRef, output: Transcript },
  /** Saves the whole transcript; a stale baseVersion is refused with CONFLICT and details {currentVersion, current}. */
  'hearings.transcript.save': { input: TranscriptSaveInput, output: Transcript },
} as const;

/** 原告 / 被告 / 第三人 as written in notices, outlines and transcripts. */
export const PARTY_ROLE_ZH = { plaintiff: '原告', defendant: '被告', third_party: '第三人' } as const;
