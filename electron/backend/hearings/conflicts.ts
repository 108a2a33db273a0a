import type { CaseDetail } from '../../../shared/contract/cases';
import { HEARING_TYPE_ZH, type CheckResult, type Conflict, type HearingDraftParsed } from '../../../shared/contract/hearings';
import { computeDeadline } from '../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { dayInfo } from '../../../shared/rules/holidays';
import type { BackendContext } from '../context';
import { localDate, trialLimit } from '../intake/lifecycle';
import * as hearingsRepo from '../store/repos/hearings';
import * as intakeRepo from '../store/repos/intake';

/**
 * Conflicts of a hearing before it is saved. Hard ones (double-booked judge, room or agent; a
 * notice that can no longer reach the parties three days ahead; a date past the trial limit, on
 * a rest day or in the past) block saving unless the user overrides them with a reason; warnings
 * inform only.
 */

export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function norm(name: string): string {
  return name.replace(/\s+/g, '').trim();
}

const TRIAL_LIMIT_RULE = { ordinary: 'CPL art. 152', simplified: 'CPL art. 164', small_claims: 'CPL art. 168' } as const;

/** The trial-limit expiry: the tracked deadline (registration), else computed from filing and pauses. */
export function trialLimitDue(ctx: BackendContext, c: CaseDetail, deadlines = intakeRepo.listDeadlines(ctx.db, { caseId: c.id, includeDone: true })): string | null {
  const tracked = deadlines.find((d) => d.kind === 'trial-limit');
  if (tracked) return tracked.due;
  if (c.filedOn && c.procedure) return trialLimit(c.filedOn, c.procedure, intakeRepo.listPauses(ctx.db, c.id)).due;
  return null;
}

/** Latest day to serve notices for a trial on `date` (CPL art. 139); null when art. 139 does not bind. */
export function noticeDeadline(c: Pick<CaseDetail, 'procedure'>, type: HearingDraftParsed['type'], date: string): { due: string; binding: boolean } | null {
  if (type !== 'trial') return null;
  const simplified = c.procedure === 'simplified' || c.procedure === 'small_claims';
  const r = computeDeadline({ kind: 'hearing-notice', start: date, procedure: simplified ? (c.procedure === 'simplified' ? 'simplified' : 'small-claims') : 'ordinary' }, { calendar: DEFAULT_CALENDAR });
  return { due: r.due, binding: !simplified };
}

const PERIODS = [
  {
    deadline: 'answer',
    kind: 'before-answer-period',
    zh: '答辩期',
    en: 'answer period',
    // The defendant answers, and objects to jurisdiction, within it (CPL arts. 128, 130).
    rule: 'CPL arts. 128, 130',
  },
  {
    deadline: 'evidence',
    kind: 'before-evidence-period',
    zh: '举证期限',
    en: 'evidence period',
    rule: 'Evidence Rules art. 51; CPL-Interp art. 99',
  },
] as const;

/**
 * A trial on or before the last day of the answer or evidence period cuts it short. The parties
 * may agree to an earlier hearing (and in simplified procedure often do, CPL-Interp art. 266), so
 * this only warns; a period already marked done (the answer came in early) does not count.
 */
function openPeriodsAt(deadlines: readonly intakeRepo.DeadlineRow[], date: string): Array<Omit<Conflict, 'otherHearingId' | 'otherCaseNumber'>> {
  const tracked = deadlines.filter((d) => d.status === 'open');
  const out: Array<Omit<Conflict, 'otherHearingId' | 'otherCaseNumber'>> = [];
  for (const p of PERIODS) {
    const d = tracked.find((x) => x.kind === p.deadline);
    if (!d || date > d.due) continue;
    const zhEstimate = d.estimated ? '（按预估送达日计算，登记实际送达后会重新核对）' : '';
    const enEstimate = d.estimated ? ' (from the estimated service date; recording the actual service rechecks it)' : '';
    out.push({
      kind: p.kind,
      severity: 'warning',
      zh: `开庭日${date}未过${p.zh}（${d.due}届满）${zhEstimate}；除当事人同意提前开庭外，应待${p.zh}届满后开庭`,
      en: `The hearing on ${date} falls within the ${p.en} (ends ${d.due})${enEstimate}; unless the parties agree to an earlier hearing, hold it after the period ends`,
      rule: p.rule,
    });
  }
  return out;
}

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function checkDraft(
  ctx: BackendContext,
  c: CaseDetail,
  draft: HearingDraftParsed,
  participants: ReadonlyArray<{ kind: string; agentId: string | null; partyId: string | null; name: string; missing: boolean }>,
  hearingId: string | null,
): CheckResult {
  const out: Conflict[] = [];
  const push = (x: Omit<Conflict, 'otherHearingId' | 'otherCaseNumber'> & Partial<Pick<Conflict, 'otherHearingId' | 'otherCaseNumber'>>) =>
    out.push({ otherHearingId: null, otherCaseNumber: null, ...x });
  const now = ctx.now();
  const today = localDate(now);
  const scheduled = draft.status === 'scheduled';

  if (c.status === 'archived' || c.stage === 'closed' || c.stage === 'archived') {
    push({ kind: 'case-closed', severity: 'warning', zh: '案件已结案或归档', en: 'The case is closed or archived', rule: '' });
  }
  if (scheduled && (draft.date < today || (draft.date === today && draft.start < localTime(now)))) {
    push({
      kind: 'in-past',
      severity: 'hard',
      zh: `开庭时间${draft.date} ${draft.start}已经过去（现在是${today} ${localTime(now)}）`,
      en: `${draft.date} ${draft.start} is in the past (now ${today} ${localTime(now)})`,
      rule: '',
    });
  }
  const day = dayInfo(DEFAULT_CALENDAR, draft.date);
  if (!day.covered) {
    push({
      kind: 'calendar-not-covered',
      severity: 'warning',
      zh: `节假日数据不含${draft.date.slice(0, 4)}年，仅按周末判断休息日`,
      en: `No holiday data for ${draft.date.slice(0, 4)}: only weekends were checked`,
      rule: '国务院办公厅部分节假日安排',
    });
  }
  if (day.rest) {
    const what = day.holiday ? `${day.holiday.name}假期` : '周末';
    push({
      kind: 'rest-day',
      severity: 'hard',
      zh: `${draft.date}是休息日（${what}）`,
      en: `${draft.date} is a rest day (${day.holiday ? day.holiday.nameEn : 'weekend'})`,
      rule: '全国年节及纪念日放假办法; 国务院办公厅节假日安排',
    });
  }
  const notice = noticeDeadline(c, draft.type, draft.date);
  if (notice && scheduled) {
    const served = draft.noticeServedOn ?? today;
    if (served > notice.due) {
      push({
        kind: 'notice-lead-time',
        severity: notice.binding ? 'hard' : 'warning',
        zh:
          `开庭日${draft.date}：应于开庭三日前通知当事人，最迟${notice.due}送达；` +
          (draft.noticeServedOn ? `通知${served}才送达，已晚` : `今天（${today}）已晚于最迟送达日`) +
          (notice.binding ? '' : '（简易程序不受三日限制，但未确认收到不得缺席判决）'),
        en:
          `Hearing on ${draft.date}: notices must be served by ${notice.due}; ` +
          (draft.noticeServedOn ? `served on ${served}, too late` : `today (${today}) is already past that day`) +
          (notice.binding ? '' : ' (simplified procedure is not bound by the 3 days, but no default judgment without confirmed receipt)'),
        rule: notice.binding ? 'CPL art. 139; CPL-Interp art. 227' : 'CPL arts. 139, 163; CPL-Interp art. 261',
      });
    }
  }
  // One read of the case's deadlines for the trial limit and the answer / evidence periods.
  const deadlines = intakeRepo.listDeadlines(ctx.db, { caseId: c.id, includeDone: true });
  const limit = trialLimitDue(ctx, c, deadlines);
  if (limit === null) {
    push({
      kind: 'no-trial-limit',
      severity: 'warning',
      zh: '案件尚无立案日期或程序，无法核对审限',
      en: 'No filing date or procedure: the trial limit cannot be checked',
      rule: '',
    });
  } else if (draft.date > limit) {
    push({
      kind: 'outside-trial-limit',
      severity: 'hard',
      zh: `开庭日${draft.date}晚于审限届满日${limit}`,
      en: `${draft.date} is after the trial limit expires (${limit})`,
      rule: c.procedure ? TRIAL_LIMIT_RULE[c.procedure] : 'CPL art. 152',
    });
  }
  if (draft.type === 'trial') {
    for (const p of openPeriodsAt(deadlines, draft.date)) push(p);
  }
  for (const p of participants) {
    if (p.missing) {
      push({
        kind: 'participant-missing',
        severity: 'warning',
        zh: `参加人${p.name}已从案件中移除，请核对`,
        en: `Participant ${p.name} has been removed from the case`,
        rule: '',
      });
    }
  }
  if (scheduled) {
    const judges = new Set([draft.presidingJudge, ...draft.panel].map(norm).filter((n) => n !== ''));
    const agents = participants.filter((p) => p.kind === 'agent');
    for (const o of hearingsRepo.hearingsOn(ctx.db, draft.date, hearingId)) {
      if (!overlaps(draft, o)) continue;
      const other = `${o.caseNumber || o.caseTitle}的${HEARING_TYPE_ZH[o.type]}（${o.start}–${o.end}${o.room ? `，${o.room}` : ''}）`;
      const ref = { otherHearingId: o.id, otherCaseNumber: o.caseNumber || null };
      for (const j of [o.presidingJudge, ...o.panel].map(norm)) {
        if (j && judges.has(j)) {
          push({ kind: 'judge-double-booked', severity: 'hard', zh: `审判人员${j}同一时段已安排${other}`, en: `Judge ${j} already sits in ${o.caseNumber || o.caseTitle} at ${o.start}–${o.end}`, rule: '', ...ref });
        }
      }
      if (norm(draft.room) && norm(draft.room) === norm(o.room)) {
        push({ kind: 'room-double-booked', severity: 'hard', zh: `${draft.room}同一时段已安排${other}`, en: `${draft.room} is booked for ${o.caseNumber || o.caseTitle} at ${o.start}–${o.end}`, rule: '', ...ref });
      }
      for (const a of agents) {
        const hit = o.participants.find((x) => x.kind === 'agent' && ((a.agentId !== null && x.agentId === a.agentId) || norm(x.name) === norm(a.name)));
        if (hit) {
          push({ kind: 'agent-double-booked', severity: 'hard', zh: `代理人${a.name}同一时段需出席${other}`, en: `Agent ${a.name} must attend ${o.caseNumber || o.caseTitle} at ${o.start}–${o.end}`, rule: '', ...ref });
        }
      }
      if (norm(draft.clerk) && norm(draft.clerk) === norm(o.clerk)) {
        push({ kind: 'clerk-double-booked', severity: 'warning', zh: `书记员${draft.clerk}同一时段已安排${other}`, en: `Clerk ${draft.clerk} is booked for ${o.caseNumber || o.caseTitle} at ${o.start}–${o.end}`, rule: '', ...ref });
      }
    }
  }
  return { conflicts: out, hasHard: out.some((x) => x.severity === 'hard'), noticeDeadline: notice?.due ?? null, trialLimitDue: limit };
}
