import type { Handlers } from '../../../shared/contract/methods';
import type { Task, TaskKind } from '../../../shared/contract/tasks';
import { addDays } from '../../../shared/rules/dates';
import { computeDeadline } from '../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { bi, type BiText } from '../../../shared/rules/errors';
import { EXTENSION_RULES, presidentExtensionsUsedUp } from '../../../shared/rules/extensions';
import { previousWorkingDay } from '../../../shared/rules/holidays';
import { readSettings } from '../app/service';
import type { BackendContext } from '../context';
import { noticeDeadline } from '../hearings/conflicts';
import { daysBetween, localDate, trialLimitInput } from '../intake/lifecycle';
import { factsOfCase } from '../intake/recompute';
import * as casesRepo from '../store/repos/cases';
import * as intakeRepo from '../store/repos/intake';
import * as tasksRepo from '../store/repos/tasks';

/*
 * 待办事项: what the clerk must do before a deadline bites, derived on every call from the stored
 * registrations, services, hearings and extensions (nothing is stored, so nothing goes stale).
 */

const CAL = { calendar: DEFAULT_CALENDAR } as const;

/** Notices are listed when their latest service day is this close (or past). */
const NOTICE_WINDOW_DAYS = 3;
/**
 * How far past the notice window a hearing may lie and still have its latest service day inside
 * it: 4 days back (CPL art. 139, conservative reading) plus a long holiday moving it earlier.
 */
const NOTICE_LOOKAHEAD_DAYS = NOTICE_WINDOW_DAYS + 4 + 14;

const SPC_2019 = 'SPC 2019 provisions art. 1';
const SPC_2019_ZH = '最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定第一条';

const TITLES: Readonly<Record<TaskKind, BiText>> = {
  'service-record': bi('送达待登记', 'Service to record'),
  'trial-limit-extension': bi('审限延长报批', 'Trial-limit extension request'),
  'hearing-notice': bi('开庭通知待送达', 'Hearing notice to serve'),
};

const KIND_ORDER: Readonly<Record<TaskKind, number>> = { 'hearing-notice': 0, 'trial-limit-extension': 1, 'service-record': 2 };

type TaskBody = Omit<Task, 'daysLeft' | 'severity' | 'title'>;

function finish(t: TaskBody, asOf: string): Task {
  const daysLeft = daysBetween(asOf, t.due);
  // The same bands as the deadlines panel, so a row reads alike in both cards.
  const severity = daysLeft < 0 ? 'overdue' : daysLeft <= 3 ? 'due-soon' : 'upcoming';
  return { ...t, daysLeft, severity, title: TITLES[t.kind] };
}

/**
 * 送达待登记: CPL art. 128 has the complaint copy sent to the defendant within 5 days of filing;
 * the period's last day rolls past rest days (CPL art. 85). Listed once it has passed with a
 * defendant's service still unrecorded, because the answer and evidence periods are then estimates.
 */
function serviceTasks(ctx: BackendContext, asOf: string): TaskBody[] {
  const byCase = new Map<string, { row: tasksRepo.UnservedDefendant; names: string[] }>();
  // Filed at least 5 days ago: a later filing cannot have passed its 5th day.
  for (const row of tasksRepo.unservedDefendants(ctx.db, addDays(asOf, -6))) {
    const entry = byCase.get(row.caseId) ?? { row, names: [] };
    entry.names.push(row.partyName);
    byCase.set(row.caseId, entry);
  }
  const out: TaskBody[] = [];
  for (const { row, names } of byCase.values()) {
    const period = computeDeadline({ kind: 'custom', start: row.filedOn, days: 5, article: 'CPL art. 128' }, CAL);
    if (asOf <= period.due) continue;
    const who = names.join('、');
    const rolledZh = period.rolledOver ? `；${period.rawEnd}为休息日，顺延至${period.due}（民事诉讼法第八十五条）` : '';
    const rolledEn = period.rolledOver ? `; ${period.rawEnd} is a rest day, so it ran to ${period.due} (CPL art. 85)` : '';
    out.push({
      id: `service-record:${row.caseId}`,
      kind: 'service-record',
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      caseTitle: row.caseTitle,
      hearingId: null,
      due: period.due,
      text: bi(
        `${row.filedOn}立案，起诉状副本应在立案之日起5日内（最迟${period.due}）送达被告（民事诉讼法第一百二十八条${rolledZh}）。尚未登记对${who}的送达，答辩期和举证期限仍是预估，请登记实际送达日期。`,
        `Filed ${row.filedOn}: the complaint copy was due to reach the defendant within 5 days, by ${period.due} (CPL art. 128${rolledEn}). No service is recorded for ${who}, so the answer and evidence periods are still estimates; record the actual service date.`,
      ),
      article: period.rolledOver ? 'CPL arts. 128, 85' : 'CPL art. 128',
    });
  }
  return out;
}

/** The day `back` days before expiry, brought forward to a working day (nothing can be filed on a rest day). */
function beforeExpiry(expiry: string, back: number): { raw: string; day: string } {
  const raw = addDays(expiry, -back);
  return { raw, day: previousWorkingDay(DEFAULT_CALENDAR, raw) };
}

/**
 * 审限延长报批: a trial limit expiring within the configured window. The request is made at least
 * 15 days, and decided at least 5 days, before expiry (SPC 2019 provisions art. 1); what can still
 * be extended, and by whom, follows CPL arts. 152, 164, 168.
 */
function extensionTasks(ctx: BackendContext, asOf: string, windowDays: number): TaskBody[] {
  const out: TaskBody[] = [];
  // An expired limit cannot be extended any more (approval must precede expiry): the deadlines panel shows it.
  for (const d of intakeRepo.listDeadlines(ctx.db, { dueFrom: asOf, dueBy: addDays(asOf, windowDays), includeDone: false })) {
    if (d.kind !== 'trial-limit') continue;
    const c = casesRepo.getCase(ctx.db, d.caseId);
    if (c === null || c.filedOn === null || c.procedure === null || c.stage === 'closed' || c.stage === 'archived') continue;
    const input = trialLimitInput(factsOfCase(ctx.db, c, { filedOn: c.filedOn, procedure: c.procedure }, asOf));
    const rule = EXTENSION_RULES[input.procedure];
    const presidentDone = presidentExtensionsUsedUp(input);
    const base = { kind: 'trial-limit-extension' as const, caseId: c.id, caseNumber: d.caseNumber, caseTitle: d.caseTitle, hearingId: null, id: `trial-limit-extension:${c.id}` };
    if (presidentDone && !rule.higherCourt) {
      // Simplified / small claims at their statutory maximum: only converting the procedure gives more time.
      out.push({
        ...base,
        due: d.due,
        text: bi(
          `审限${d.due}届满，已延长至法定上限（${rule.zh}），不能再延长；需要更多时间的，应在审限届满前裁定转换程序（民事诉讼法第一百六十九条、第一百七十条；民诉法解释第二百五十八条）。`,
          `The trial limit expires on ${d.due} and has been extended as far as the law allows (${rule.en}); for more time, rule to convert the procedure before it expires (CPL arts. 169, 170; CPL-Interp art. 258).`,
        ),
        article: `${rule.article}; CPL arts. 169, 170${rule.article.includes('CPL-Interp art. 258') ? '' : '; CPL-Interp art. 258'}`,
      });
      continue;
    }
    const request = beforeExpiry(d.due, 15);
    const decide = beforeExpiry(d.due, 5);
    const higher = presidentDone;
    const movedZh = request.day !== request.raw ? `（届满前第15日${request.raw}为休息日，提前至${request.day}）` : '';
    const movedEn = request.day !== request.raw ? ` (the 15th day before, ${request.raw}, is a rest day)` : '';
    const late = request.day < asOf;
    out.push({
      ...base,
      due: request.day,
      text: higher
        ? bi(
            `审限${d.due}届满，院长批准的延长已用足。如需延长审限，应于${request.day}前报请上级人民法院批准${movedZh}，上级法院应于${decide.day}前作出决定（民事诉讼法第一百五十二条；${SPC_2019_ZH}）。${late ? '报批期限已过，请尽快报批。' : ''}`,
            `The trial limit expires on ${d.due} and the president's extensions are used up. To extend it, apply to the higher court by ${request.day}${movedEn}; it decides by ${decide.day} (CPL art. 152; ${SPC_2019}).${late ? ' That day has passed: apply at once.' : ''}`,
          )
        : bi(
            `审限${d.due}届满。如需延长审限，应于${request.day}前提出申请${movedZh}，院长应于${decide.day}前作出决定（${SPC_2019_ZH}；${rule.zh}）。${late ? '申请期限已过，请尽快报批。' : ''}`,
            `The trial limit expires on ${d.due}. To extend it, apply by ${request.day}${movedEn}; the president decides by ${decide.day} (${SPC_2019}; ${rule.en}).${late ? ' That day has passed: apply at once.' : ''}`,
          ),
      article: `${SPC_2019}; ${higher ? 'CPL art. 152' : rule.article}`,
    });
  }
  return out;
}

/**
 * 开庭通知待送达: a scheduled trial whose notice is not recorded as served, once its latest service
 * day (CPL art. 139, computed as the hearing check does) is within 3 days or past. A hearing
 * already held or dated before asOf is not listed: serving it is moot.
 */
function noticeTasks(ctx: BackendContext, asOf: string): TaskBody[] {
  const out: TaskBody[] = [];
  for (const h of tasksRepo.unnoticedTrials(ctx.db, asOf, addDays(asOf, NOTICE_LOOKAHEAD_DAYS))) {
    const notice = noticeDeadline({ procedure: h.procedure }, 'trial', h.date);
    if (notice === null || notice.due > addDays(asOf, NOTICE_WINDOW_DAYS)) continue;
    const late = notice.due < asOf;
    out.push({
      id: `hearing-notice:${h.hearingId}`,
      kind: 'hearing-notice',
      caseId: h.caseId,
      caseNumber: h.caseNumber,
      caseTitle: h.caseTitle,
      hearingId: h.hearingId,
      due: notice.due,
      text: notice.binding
        ? bi(
            `${h.date} ${h.start}开庭：应于开庭三日前通知当事人和其他诉讼参与人，最迟${notice.due}送达传票和出庭通知书（民事诉讼法第一百三十九条；民诉法解释第二百二十七条）。尚未登记送达日期${late ? '，已晚于最迟送达日，请核实送达或另定开庭日期' : ''}。`,
            `Trial on ${h.date} at ${h.start}: summonses and notices must be served 3 days before, by ${notice.due} (CPL art. 139; CPL-Interp art. 227). No service date is recorded${late ? ', and that day has passed: check the service or reschedule' : ''}.`,
          )
        : bi(
            `${h.date} ${h.start}开庭：简易程序可以简便方式通知，不受开庭三日前的限制（民事诉讼法第一百六十三条），但未经确认收到不得缺席判决（民诉法解释第二百六十一条）；建议最迟${notice.due}通知。尚未登记送达日期。`,
            `Trial on ${h.date} at ${h.start}: simplified procedure may notify by simple means and is not bound by the 3 days (CPL art. 163), but there is no default judgment without confirmed receipt (CPL-Interp art. 261); notify by ${notice.due}. No service date is recorded.`,
          ),
      article: notice.binding ? 'CPL art. 139; CPL-Interp art. 227' : 'CPL arts. 139, 163; CPL-Interp art. 261',
    });
  }
  return out;
}

export function taskHandlers(ctx: BackendContext): Pick<Handlers, 'tasks.list'> {
  return {
    'tasks.list': ({ asOf }) => {
      const day = asOf ?? localDate(ctx.now());
      const windowDays = readSettings(ctx.db, 'user').extensionReminderDays;
      const items = [...serviceTasks(ctx, day), ...extensionTasks(ctx, day, windowDays), ...noticeTasks(ctx, day)]
        .map((t) => finish(t, day))
        .sort((a, b) => a.due.localeCompare(b.due) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.caseNumber.localeCompare(b.caseNumber) || a.id.localeCompare(b.id));
      return { asOf: day, extensionReminderDays: windowDays, items };
    },
  };
}
