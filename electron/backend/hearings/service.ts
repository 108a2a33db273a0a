import { PARTY_ROLE_ZH as ROLE_ZH } from '../../../shared/contract/hearings';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CaseDetail, PartyRole } from '../../../shared/contract/cases';
import {
  HEARING_TYPE_ZH,
  Room,
  type Hearing,
  type HearingDraftParsed,
  type NoticeData,
  type Participant,
  type Transcript,
} from '../../../shared/contract/hearings';
import type { Handlers, Output, Parsed } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import { addDays, diffDays, weekdayZh } from '../../../shared/rules/dates';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { dayInfo } from '../../../shared/rules/holidays';
import { formatArabicChineseDate } from '../../../shared/rules/numerals';
import { readSettings } from '../app/service';
import type { BackendContext } from '../context';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as repo from '../store/repos/hearings';
import * as reviewRepo from '../store/repos/review';
import { readSetting, writeSetting } from '../store/repos/settings';
import { checkDraft, noticeDeadline } from './conflicts';
import { generateOutline } from './outline';

type HearingMethods = Extract<keyof Handlers, `hearings.${string}`>;

export const KIND_ZH = { party: '当事人', agent: '委托诉讼代理人', witness: '证人', expert: '鉴定人', interpreter: '翻译人员', other: '其他诉讼参与人' } as const;
/** A transcript autosaves every few seconds; the audit trail records it at most this often. */
const TRANSCRIPT_AUDIT_MS = 10 * 60 * 1000;
const ROOMS_KEY = 'hearings.rooms';

function mustCase(ctx: BackendContext, id: string): CaseDetail {
  const c = casesRepo.getCase(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${id}`);
  return c;
}

function bad(path: string, message: string): AppError {
  return new AppError('BAD_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
}

function mustHearing(ctx: BackendContext, id: string): repo.HearingRow {
  const h = repo.getHearing(ctx.db, id);
  if (!h) throw new AppError('NOT_FOUND', `No hearing with id ${id}`);
  return h;
}

type StoredParticipant = Omit<Participant, 'missing'>;

/** Whether a stored participant still exists in the case. */
function present(c: CaseDetail, p: StoredParticipant): boolean {
  if (p.kind === 'party') return c.parties.some((x) => x.id === p.partyId);
  if (p.kind === 'agent') return c.parties.some((x) => x.agents.some((a) => a.id === p.agentId));
  return true;
}

/**
 * Participants as stored: names and roles from the case. A party or agent id the hearing already
 * had is kept even when removed from the case since (shown as missing, nothing lost); a new
 * unknown id is refused.
 */
function resolveParticipants(c: CaseDetail, draft: HearingDraftParsed, before: repo.HearingRow | null): StoredParticipant[] {
  return draft.participants.map((p, i) => {
    const path = `draft.participants.${i}`;
    const prior = before?.participants.find((x) => x.kind === p.kind && x.partyId === p.partyId && x.agentId === p.agentId);
    if (p.kind === 'party') {
      if (p.partyId === null) throw bad(`${path}.partyId`, 'is required for a party');
      const party = c.parties.find((x) => x.id === p.partyId);
      if (!party) {
        if (prior) return prior;
        throw bad(`${path}.partyId`, 'is not a party of this case');
      }
      return { kind: 'party', partyId: party.id, agentId: null, name: party.name, role: party.role, note: p.note };
    }
    if (p.kind === 'agent') {
      if (p.agentId === null) throw bad(`${path}.agentId`, 'is required for an agent');
      const party = c.parties.find((x) => x.agents.some((a) => a.id === p.agentId));
      const agent = party?.agents.find((a) => a.id === p.agentId);
      if (!party || !agent) {
        if (prior) return prior;
        throw bad(`${path}.agentId`, 'is not an agent of a party of this case');
      }
      return { kind: 'agent', partyId: party.id, agentId: agent.id, name: agent.name, role: party.role, note: p.note };
    }
    if (!p.name.trim()) throw bad(`${path}.name`, `is required for a ${p.kind}`);
    return { kind: p.kind, partyId: null, agentId: null, name: p.name.trim(), role: null, note: p.note };
  });
}

function toHearing(c: CaseDetail | null, h: repo.HearingRow): Hearing {
  return {
    ...h,
    participants: h.participants.map((p) => ({ ...p, missing: c ? !present(c, p) : false })),
    override: h.override,
  };
}

function withCase(ctx: BackendContext, rows: readonly repo.HearingRow[]): Hearing[] {
  const cache = new Map<string, CaseDetail | null>();
  return rows.map((h) => {
    if (!cache.has(h.caseId)) cache.set(h.caseId, casesRepo.getCase(ctx.db, h.caseId));
    return toHearing(cache.get(h.caseId) ?? null, h);
  });
}

function readRooms(ctx: BackendContext): Array<z.infer<typeof Room>> {
  const parsed = z.array(Room).safeParse(readSetting(ctx.db, ROOMS_KEY));
  return parsed.success ? parsed.data : [];
}

/** 2024年6月10日上午9时00分 */
export function dateTimeZh(date: string, time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const half = h < 12 ? '上午' : '下午';
  const h12 = h <= 12 ? h : h - 12;
  return `${formatArabicChineseDate(date)}${half}${h12}时${String(m).padStart(2, '0')}分`;
}

function save(
  ctx: BackendContext,
  input: { id: string | null; version: number | null; draft: HearingDraftParsed; override?: { reason: string } },
): Output<'hearings.create'> {
  const before = input.id ? mustHearing(ctx, input.id) : null;
  if (before && before.caseId !== input.draft.caseId) throw bad('draft.caseId', 'a hearing cannot move to another case; cancel it and schedule a new one');
  const c = mustCase(ctx, input.draft.caseId);
  const participants = resolveParticipants(c, input.draft, before);
  const check = checkDraft(
    ctx,
    c,
    input.draft,
    participants.map((p) => ({ ...p, missing: !present(c, p) })),
    input.id,
  );
  const hard = check.conflicts.filter((x) => x.severity === 'hard');
  if (hard.length && !input.override) {
    throw new AppError('CONFLICT', `Cannot save: ${hard[0]!.en}${hard.length > 1 ? ` (and ${hard.length - 1} more)` : ''}. Change the hearing or save with an override and a reason.`, {
      reason: 'schedule-conflicts',
      conflicts: check.conflicts,
      zh: `无法保存：${hard.map((x) => x.zh).join('；')}`,
    });
  }
  const now = ctx.now();
  const by = ctx.actor();
  const override = hard.length && input.override ? { reason: input.override.reason, conflicts: hard.map((x) => x.kind), at: now, by } : null;
  const write: repo.HearingWrite = {
    caseId: c.id,
    type: input.draft.type,
    date: input.draft.date,
    start: input.draft.start,
    end: input.draft.end,
    room: input.draft.room.trim(),
    presidingJudge: input.draft.presidingJudge.trim(),
    panel: input.draft.panel.map((p) => p.trim()),
    clerk: input.draft.clerk.trim(),
    participants,
    publicHearing: input.draft.publicHearing,
    noticeServedOn: input.draft.noticeServedOn,
    status: input.draft.status,
    notes: input.draft.notes,
    override,
    at: now,
    by,
  };
  const id = input.id ?? randomUUID();
  ctx.db.transaction(() => {
    if (before) {
      if (!repo.updateHearing(ctx.db, id, input.version!, write)) {
        const cur = repo.getHearing(ctx.db, id);
        throw cur
          ? new AppError('CONFLICT', 'This hearing was changed by someone else since you opened it; reload to see the latest version', { currentVersion: cur.version })
          : new AppError('NOT_FOUND', `No hearing with id ${id}`);
      }
    } else repo.insertHearing(ctx.db, id, write);
    writeAudit(ctx.db, {
      at: now,
      actor: by,
      action: before ? 'hearing.update' : 'hearing.create',
      entity: 'hearing',
      entityId: id,
      caseId: c.id,
      detail: {
        type: write.type,
        date: write.date,
        time: `${write.start}-${write.end}`,
        room: write.room,
        presidingJudge: write.presidingJudge,
        ...(before ? { from: { date: before.date, time: `${before.start}-${before.end}`, room: before.room, status: before.status } } : {}),
        ...(override ? { override: { reason: override.reason, conflicts: hard.map((x) => ({ kind: x.kind, zh: x.zh, rule: x.rule })) } } : {}),
      },
    });
  })();
  ctx.events.emit('cases.changed', { caseId: c.id });
  return { hearing: toHearing(c, mustHearing(ctx, id)), conflicts: check.conflicts };
}

function noticeData(ctx: BackendContext, hearingId: string): NoticeData {
  const h = mustHearing(ctx, hearingId);
  const c = mustCase(ctx, h.caseId);
  const court = readSettings(ctx.db, '').court;
  const gaps: string[] = [];
  if (!court.name) gaps.push('法院名称未设置（设置 → 法院）');
  if (!c.caseNumber) gaps.push('案件尚未编号（立案后生成案号）');
  if (!h.room) gaps.push('未指定开庭地点（法庭）');
  if (!c.causeOfAction) gaps.push('案件未填写案由');
  const names = (role: PartyRole) => c.parties.filter((p) => p.role === role).map((p) => p.name);
  // Without a participant list, the notices go to every party and agent of the case.
  const listed: StoredParticipant[] = h.participants.length
    ? h.participants
    : c.parties.flatMap((p) => [
        { kind: 'party' as const, partyId: p.id, agentId: null, name: p.name, role: p.role, note: '' },
        ...p.agents.map((a) => ({ kind: 'agent' as const, partyId: p.id, agentId: a.id, name: a.name, role: p.role, note: '' })),
      ]);
  const recipients = listed.map((p) => {
    const party = c.parties.find((x) => x.id === p.partyId);
    const agent = party?.agents.find((a) => a.id === p.agentId);
    const missing = !present(c, p);
    if (missing) gaps.push(`${p.name}已从案件中移除，请核对是否仍需通知`);
    if (p.kind === 'party') {
      const role = party?.role ?? p.role;
      if (party && !party.address) gaps.push(`${party.name}无送达地址`);
      return {
        document: 'summons' as const,
        kind: p.kind,
        name: party?.name ?? p.name,
        capacity: role ? ROLE_ZH[role] : KIND_ZH.party,
        partyId: p.partyId,
        agentId: null,
        address: party?.address ?? '',
        phone: party?.phone ?? '',
        firm: '',
        missing,
      };
    }
    if (p.kind === 'agent') {
      const role = party?.role ?? p.role;
      return {
        document: 'appearance_notice' as const,
        kind: p.kind,
        name: agent?.name ?? p.name,
        capacity: `${role ? ROLE_ZH[role] : ''}${party?.name ?? ''}的委托诉讼代理人`,
        partyId: p.partyId,
        agentId: p.agentId,
        address: '',
        phone: agent?.phone ?? '',
        firm: agent?.firm ?? '',
        missing,
      };
    }
    return {
      document: 'appearance_notice' as const,
      kind: p.kind,
      name: p.name,
      capacity: KIND_ZH[p.kind],
      partyId: null,
      agentId: null,
      address: '',
      phone: '',
      firm: '',
      missing,
    };
  });
  const when = dateTimeZh(h.date, h.start);
  const place = h.room || '本院';
  const notice = noticeDeadline(c, h.type, h.date);
  // CPL art. 139 para. 2: a public hearing is announced (parties' names, cause, time, place).
  const required = h.publicHearing && h.type === 'trial';
  const pl = names('plaintiff').join('、');
  const df = names('defendant').join('、');
  const text = `本院定于${when}在${place}公开开庭审理${pl || '（原告）'}诉${df || '（被告）'}${c.causeOfAction || '（案由）'}一案${c.caseNumber ? `，案号${c.caseNumber}` : ''}。特此公告。`;
  return {
    hearingId,
    court: { name: court.name, code: court.code },
    caseId: c.id,
    caseNumber: c.caseNumber,
    caseTitle: c.title,
    causeOfAction: c.causeOfAction,
    procedure: c.procedure,
    type: h.type,
    typeZh: HEARING_TYPE_ZH[h.type],
    date: h.date,
    start: h.start,
    end: h.end,
    dateTimeZh: when,
    room: h.room,
    presidingJudge: h.presidingJudge,
    panel: h.panel,
    clerk: h.clerk,
    publicHearing: h.publicHearing,
    plaintiffs: names('plaintiff'),
    defendants: names('defendant'),
    thirdParties: names('third_party'),
    recipients,
    announcement: { required, text: required ? text : '' },
    serveBy: notice && notice.binding ? notice.due : null,
    gaps: [...new Set(gaps)],
  };
}

function transcriptOf(ctx: BackendContext, h: repo.HearingRow): Transcript {
  const t = repo.getTranscript(ctx.db, h.id);
  const turns = t?.turns ?? [];
  const evidence = new Set(reviewRepo.listEvidence(ctx.db, h.caseId).map((e) => e.id));
  const points = new Set((reviewRepo.getAnalysis(ctx.db, h.caseId)?.points ?? []).map((p) => p.id));
  const brokenLinks = turns.flatMap((turn) =>
    turn.links.filter((l) => !(l.kind === 'evidence' ? evidence : points).has(l.id)).map((l) => ({ turnId: turn.id, kind: l.kind, id: l.id })),
  );
  return { hearingId: h.id, version: t?.version ?? 0, turns, brokenLinks, updatedAt: t?.updatedAt ?? null, updatedBy: t?.updatedBy ?? '' };
}

export function hearingHandlers(ctx: BackendContext): Pick<Handlers, HearingMethods> {
  const { db } = ctx;
  return {
    'hearings.list': ({ caseId, includeCancelled }) => {
      if (caseId !== undefined) mustCase(ctx, caseId);
      return { items: withCase(ctx, repo.listHearings(db, { ...(caseId !== undefined ? { caseId } : {}), includeCancelled })) };
    },
    'hearings.get': ({ id }) => withCase(ctx, [mustHearing(ctx, id)])[0]!,
    'hearings.check': ({ draft, hearingId }) => {
      const before = hearingId ? mustHearing(ctx, hearingId) : null;
      const c = mustCase(ctx, draft.caseId);
      const participants = resolveParticipants(c, draft, before).map((p) => ({ ...p, missing: !present(c, p) }));
      return checkDraft(ctx, c, draft, participants, hearingId ?? null);
    },
    'hearings.create': ({ draft, override }) => save(ctx, { id: null, version: null, draft, ...(override ? { override } : {}) }),
    'hearings.update': ({ id, version, draft, override }) => save(ctx, { id, version, draft, ...(override ? { override } : {}) }),
    'hearings.cancel': ({ id, version, reason }) => {
      const h = mustHearing(ctx, id);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.setHearingStatus(db, id, version, 'cancelled', now, ctx.actor())) {
          throw new AppError('CONFLICT', 'This hearing was changed by someone else since you opened it; reload to see the latest version', {
            currentVersion: repo.getHearing(db, id)?.version ?? null,
          });
        }
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'hearing.cancel', entity: 'hearing', entityId: id, caseId: h.caseId, detail: { reason, date: h.date, start: h.start } });
      })();
      ctx.events.emit('cases.changed', { caseId: h.caseId });
      return withCase(ctx, [mustHearing(ctx, id)])[0]!;
    },
    'hearings.calendar': ({ from, to, judge, room, includeCancelled }) => {
      const span = diffDays(from, to);
      if (span > 370) throw bad('to', 'the range is longer than a year; ask for a month or a week at a time');
      const days = Array.from({ length: span + 1 }, (_, i) => {
        const date = addDays(from, i);
        const info = dayInfo(DEFAULT_CALENDAR, date);
        return { date, weekday: weekdayZh(date), rest: info.rest, holiday: info.holiday?.name ?? null, makeupWorkday: info.kind === 'makeup-workday' };
      });
      const j = judge?.replace(/\s+/g, '');
      const r = room?.replace(/\s+/g, '');
      const rows = repo.listHearings(db, { from, to, includeCancelled }).filter((h) => {
        if (j && ![h.presidingJudge, ...h.panel, h.clerk].some((n) => n.replace(/\s+/g, '') === j)) return false;
        if (r && h.room.replace(/\s+/g, '') !== r) return false;
        return true;
      });
      return { from, to, days, hearings: withCase(ctx, rows) };
    },
    'hearings.rooms.get': () => ({ rooms: readRooms(ctx) }),
    'hearings.rooms.set': ({ rooms }) => {
      const names = rooms.map((x) => x.name.trim());
      if (new Set(names).size !== names.length) throw bad('rooms', 'two rooms have the same name');
      const now = ctx.now();
      db.transaction(() => {
        writeSetting(db, ROOMS_KEY, rooms.map((x) => ({ name: x.name.trim(), note: x.note })));
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'settings.rooms', entity: 'settings', entityId: ROOMS_KEY, caseId: null, detail: { rooms: names } });
      })();
      return { rooms: readRooms(ctx) };
    },
    'hearings.noticeData': ({ hearingId }) => noticeData(ctx, hearingId),

    'hearings.outline.get': ({ hearingId }) => {
      mustHearing(ctx, hearingId);
      return repo.getOutline(db, hearingId);
    },
    'hearings.outline.generate': ({ hearingId, version }) => {
      const h = mustHearing(ctx, hearingId);
      const c = mustCase(ctx, h.caseId);
      const parties = new Map(c.parties.map((p) => [p.id, p]));
      const evidence = reviewRepo.listEvidence(db, c.id).map((e) => {
        const p = e.submittedBy ? parties.get(e.submittedBy) : undefined;
        return { ...e, submittedByName: p?.name ?? e.submittedByName, submittedByRole: p?.role ?? null, submitterMissing: e.submittedBy !== null && !p };
      });
      const sections = generateOutline(c, reviewRepo.getAnalysis(db, c.id), evidence);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.putOutline(db, hearingId, sections, version, { generated: true, at: now, by: ctx.actor() })) {
          throw new AppError('CONFLICT', 'An outline exists (possibly edited): pass its version to replace it with a regenerated one', {
            currentVersion: repo.getOutline(db, hearingId)?.version ?? 0,
          });
        }
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'outline.generate', entity: 'hearing', entityId: hearingId, caseId: c.id, detail: { items: sections.reduce((n, s) => n + s.items.length, 0) } });
      })();
      return repo.getOutline(db, hearingId)!;
    },
    'hearings.outline.save': ({ hearingId, version, sections }) => {
      const h = mustHearing(ctx, hearingId);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.putOutline(db, hearingId, sections, version, { generated: false, at: now, by: ctx.actor() })) {
          const cur = repo.getOutline(db, hearingId);
          throw cur
            ? new AppError('CONFLICT', 'The outline was changed by someone else since you opened it; reload to see the latest version', { currentVersion: cur.version })
            : new AppError('NOT_FOUND', 'No outline yet for this hearing: generate one first');
        }
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'outline.save', entity: 'hearing', entityId: hearingId, caseId: h.caseId, detail: { items: sections.reduce((n, s) => n + s.items.length, 0) } });
      })();
      return repo.getOutline(db, hearingId)!;
    },

    'hearings.transcript.get': ({ hearingId }) => transcriptOf(ctx, mustHearing(ctx, hearingId)),
    'hearings.transcript.save': (input: Parsed<'hearings.transcript.save'>) => {
      const h = mustHearing(ctx, input.hearingId);
      const turns = input.turns.map((t) => ({ ...t, speakerName: t.speakerName.trim() }));
      const now = ctx.now();
      db.transaction(() => {
        const current = repo.getTranscript(db, h.id);
        const currentVersion = current?.version ?? 0;
        if (currentVersion !== input.baseVersion) {
          // A retried save whose answer was lost carries exactly what is stored: nothing to merge.
          if (current && JSON.stringify(current.turns) === JSON.stringify(turns)) return;
          throw new AppError(
            'CONFLICT',
            `The transcript was saved elsewhere (now version ${currentVersion}, yours was based on ${input.baseVersion}); merge your unsaved turns into the current version and save again`,
            { currentVersion, current: transcriptOf(ctx, h) },
          );
        }
        const audit = !current || now - current.auditedAt >= TRANSCRIPT_AUDIT_MS;
        repo.putTranscript(db, h.id, input.baseVersion, turns, { at: now, by: ctx.actor(), audited: audit });
        if (audit) {
          writeAudit(db, {
            at: now,
            actor: ctx.actor(),
            action: 'transcript.save',
            entity: 'hearing',
            entityId: h.id,
            caseId: h.caseId,
            detail: { version: input.baseVersion + 1, turns: turns.length, chars: turns.reduce((n, t) => n + t.text.length, 0) },
          });
        }
      })();
      return transcriptOf(ctx, h);
    },
  };
}
