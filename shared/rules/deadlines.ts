/**
 * Procedural periods (期间) under CPL art. 85 (2023 text): the start day is not counted; month and
 * year periods end on the corresponding day (or the month's last day, CC art. 203); a period whose
 * last day is a rest day ends on the first working day after it. Rest days come from a holiday
 * calendar passed in as data (see holidays.ts).
 */
import { addDays, addMonths, addYears, diffDays, isIsoDate, toEpochDay, weekdayEn, weekdayZh, type IsoDateString } from './dates';
import { bi, RuleInputError, type BiText } from './errors';
import {
  DEFAULT_MAKEUP_POLICY,
  WEEKENDS_ONLY_CALENDAR,
  dayInfo,
  isCovered,
  previousWorkingDay,
  type HolidayCalendar,
  type MakeupWorkdayPolicy,
} from './holidays';

export const DEADLINE_KINDS = [
  'answer',
  'appeal-judgment',
  'appeal-ruling',
  'evidence',
  'trial-limit',
  'fee-payment',
  'hearing-notice',
  'limitation',
  'publication',
  'filing-decision',
  'preservation-suit',
  'custom',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_PROCEDURES = [
  'ordinary',
  'simplified',
  'small-claims',
  'second-instance',
  'second-instance-ruling',
  'special',
] as const;
export type DeadlineProcedure = (typeof DEADLINE_PROCEDURES)[number];

export interface DateRange {
  readonly from: IsoDateString;
  readonly to: IsoDateString;
}

export interface DeadlineInput {
  readonly kind: DeadlineKind;
  /**
   * The event the period runs from: service date (answer, appeals, evidence notice, fee notice),
   * filing date (trial limit, filing decision), publication date, preservation date, the date the
   * right-holder knew of the damage (limitation), or the hearing date (hearing-notice: computed
   * backwards).
   */
  readonly start: IsoDateString;
  readonly procedure?: DeadlineProcedure;
  /** evidence: the period fixed by the court; answer: a shorter agreed period (simplified/small claims); custom. */
  readonly days?: number;
  /** custom: a period in months. */
  readonly months?: number;
  /** A party without a domicile in China (CPL arts. 283, 285, 286). */
  readonly foreignDomicile?: boolean;
  /** trial-limit: approved extension in months. */
  readonly extensionMonths?: number;
  /** trial-limit: approved extension in days, added after the months. */
  readonly extensionDays?: number;
  /**
   * trial-limit, ordinary procedure: the part beyond the president's 6 months was approved by the
   * higher court (CPL art. 152), so it is recorded rather than flagged.
   */
  readonly higherCourtApproved?: boolean;
  /** trial-limit: excluded periods (publication, appraisal, settlement, jurisdiction objection…), inclusive. */
  readonly excluded?: readonly DateRange[];
  /** limitation: date of the damage, for the 20-year cap (CC art. 188). */
  readonly damageDate?: IsoDateString;
  /** limitation: general 3 years, or 1 year for labour arbitration (劳动争议调解仲裁法 art. 27). */
  readonly limitationRegime?: 'general' | 'labour-arbitration';
  /** limitation: the date to assess against (today); gives `status`. */
  readonly asOf?: IsoDateString;
  /** custom: citation to show. */
  readonly article?: string;
}

export interface DeadlineOptions {
  readonly calendar?: HolidayCalendar;
  readonly makeupPolicy?: MakeupWorkdayPolicy;
  /**
   * 开庭三日前 (CPL art. 139): 'conservative' = three full days between service and hearing
   * (serve by H−4); 'loose' = serve by H−3 (brief §3.5 [U]).
   */
  readonly hearingNoticeReading?: 'conservative' | 'loose';
  /** limitation: warn when fewer than this many days remain (policy; default 90). */
  readonly limitationWarnDays?: number;
}

export interface DeadlineMilestone {
  readonly label: BiText;
  readonly date: IsoDateString;
}

export interface DeadlineResult {
  readonly kind: DeadlineKind;
  readonly start: IsoDateString;
  /** The last day of the period after the rest-day rule. */
  readonly due: IsoDateString;
  /** The arithmetic last day before the rest-day rule. */
  readonly rawEnd: IsoDateString;
  readonly period: { readonly days?: number; readonly months?: number; readonly years?: number };
  readonly rolledOver: boolean;
  readonly steps: readonly BiText[];
  readonly article: string;
  readonly warnings: readonly BiText[];
  readonly milestones: readonly DeadlineMilestone[];
  /** limitation with asOf: expired / expiring within the warning window / running. */
  readonly status?: 'expired' | 'expiring' | 'running';
  readonly daysLeft?: number;
}

type PeriodLength = { readonly days: number } | { readonly months: number } | { readonly years: number };

interface PeriodComputation {
  readonly rawEnd: IsoDateString;
  readonly due: IsoDateString;
  readonly rolledOver: boolean;
  readonly steps: BiText[];
  readonly warnings: BiText[];
}

function dayLabel(d: IsoDateString): { zh: string; en: string } {
  return { zh: `${d}（${weekdayZh(d)}）`, en: `${d} (${weekdayEn(d)})` };
}

function assertDate(s: string, field: string): void {
  if (!isIsoDate(s)) throw new RuleInputError(`${field}: "${s}" is not a real date (YYYY-MM-DD)`, `${field}：“${s}”不是有效日期`);
}

function assertCount(n: number, field: string, max: number): void {
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new RuleInputError(`${field} must be a whole number 0–${max}, got ${n}`, `${field}必须为0至${max}的整数`);
  }
}

/**
 * Roll a last day forward past rest days (CPL art. 85 para. 3: 期间届满的最后一日是法定休假日的，
 * 以法定休假日后的第一日为期间届满的日期), explaining each decision.
 */
function rollForward(rawEnd: IsoDateString, cal: HolidayCalendar, policy: MakeupWorkdayPolicy): Omit<PeriodComputation, 'rawEnd'> {
  const steps: BiText[] = [];
  const warnings: BiText[] = [];
  let d = rawEnd;
  const first = dayInfo(cal, d, policy);
  if (first.kind === 'makeup-workday') {
    const h = first.holiday;
    steps.push(
      first.rest
        ? bi(`${d}为调休上班日（${h?.name ?? ''}），按设置仍视为休息日`, `${d} is a make-up workday (${h?.nameEn ?? ''}); policy treats weekends as rest days`)
        : bi(`${d}为调休上班日（${h?.name ?? ''}），按设置视为工作日，期间于当日届满`, `${d} is a make-up workday (${h?.nameEn ?? ''}); policy treats it as a working day, so the period ends that day`),
    );
    warnings.push(
      bi('届满日为调休上班日：无明确规定，按当前设置处理，请留意', 'Last day is a make-up workday: no express rule; handled per the configured policy'),
    );
  }
  let guard = 0;
  while (dayInfo(cal, d, policy).rest) {
    const info = dayInfo(cal, d, policy);
    const what =
      info.kind === 'holiday'
        ? { zh: `法定节假日（${info.holiday?.name ?? ''}）`, en: `an official holiday (${info.holiday?.nameEn ?? ''})` }
        : { zh: '周末休息日', en: 'a weekend rest day' };
    steps.push(bi(`${dayLabel(d).zh}为${what.zh}，顺延`, `${dayLabel(d).en} is ${what.en}: roll forward`));
    d = addDays(d, 1);
    if (++guard > 60) throw new RuleInputError('No working day found within 60 days', '60日内未找到工作日');
  }
  if (d !== rawEnd) {
    steps.push(bi(`期间届满日顺延至休假日后的第一日：${dayLabel(d).zh}`, `The period ends on the first working day after: ${dayLabel(d).en}`));
  }
  for (const day of new Set([rawEnd, d])) {
    if (!isCovered(cal, day)) {
      warnings.push(
        bi(`缺少${day.slice(0, 4)}年节假日安排数据，仅按周末计算`, `No holiday data for ${day.slice(0, 4)}: computed with weekends only`),
      );
    }
  }
  return { due: d, rolledOver: d !== rawEnd, steps, warnings };
}

/** The general CPL art. 85 computation for a period from `start`. */
export function computePeriod(
  start: IsoDateString,
  length: PeriodLength,
  calendar: HolidayCalendar = WEEKENDS_ONLY_CALENDAR,
  policy: MakeupWorkdayPolicy = DEFAULT_MAKEUP_POLICY,
): PeriodComputation {
  assertDate(start, 'start');
  const steps: BiText[] = [
    bi(`起算日${dayLabel(start).zh}不计入期间，自次日起算（民事诉讼法第八十五条）`, `Start day ${dayLabel(start).en} is not counted; counting begins the next day (CPL art. 85)`),
  ];
  let rawEnd: IsoDateString;
  if ('days' in length) {
    assertCount(length.days, 'days', 3660);
    rawEnd = addDays(start, length.days);
    steps.push(bi(`${start} + ${length.days}日 = ${dayLabel(rawEnd).zh}`, `${start} + ${length.days} days = ${dayLabel(rawEnd).en}`));
  } else {
    const months = 'months' in length ? length.months : length.years * 12;
    assertCount(months, 'months', 12 * 30);
    rawEnd = 'months' in length ? addMonths(start, months) : addYears(start, length.years);
    const unit = 'months' in length ? { zh: `${months}个月`, en: `${months} months` } : { zh: `${length.years}年`, en: `${length.years} years` };
    const clamped = rawEnd.slice(8) !== start.slice(8);
    steps.push(
      bi(
        `${start} + ${unit.zh} = ${dayLabel(rawEnd).zh}（${clamped ? '该月无对应日，以月末为届满日' : '届满月的对应日'}）`,
        `${start} + ${unit.en} = ${dayLabel(rawEnd).en} (${clamped ? 'no corresponding day: last day of the month' : 'corresponding day of the month'})`,
      ),
    );
  }
  const rolled = rollForward(rawEnd, calendar, policy);
  return { rawEnd, due: rolled.due, rolledOver: rolled.rolledOver, steps: [...steps, ...rolled.steps], warnings: rolled.warnings };
}

function mergeRanges(ranges: readonly DateRange[]): Array<{ from: number; to: number }> {
  const rs = ranges.map((r) => {
    assertDate(r.from, 'excluded.from');
    assertDate(r.to, 'excluded.to');
    const from = toEpochDay(r.from);
    const to = toEpochDay(r.to);
    if (to < from) throw new RuleInputError(`Excluded period ${r.from}–${r.to} runs backwards`, `扣除期间${r.from}至${r.to}起止倒置`);
    return { from, to };
  });
  rs.sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; to: number }> = [];
  for (const r of rs) {
    const last = out.at(-1);
    if (last !== undefined && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

const TRIAL_LIMITS: Readonly<Record<DeadlineProcedure, { length: PeriodLength; article: string; maxExtension: number | null; zh: string; en: string }>> = {
  ordinary: { length: { months: 6 }, article: 'CPL art. 152', maxExtension: 6, zh: '普通程序审限6个月', en: 'ordinary procedure: 6 months' },
  simplified: { length: { months: 3 }, article: 'CPL art. 164; CPL-Interp art. 258', maxExtension: 1, zh: '简易程序审限3个月', en: 'simplified procedure: 3 months' },
  'small-claims': { length: { months: 2 }, article: 'CPL art. 168', maxExtension: 1, zh: '小额诉讼审限2个月', en: 'small claims: 2 months' },
  special: { length: { days: 30 }, article: 'CPL art. 187', maxExtension: null, zh: '特别程序审限30日', en: 'special procedure: 30 days' },
  'second-instance': { length: { months: 3 }, article: 'CPL art. 183', maxExtension: null, zh: '二审判决案件审限3个月', en: 'appeal against a judgment: 3 months' },
  'second-instance-ruling': { length: { days: 30 }, article: 'CPL art. 183', maxExtension: 0, zh: '裁定上诉案件审限30日', en: 'appeal against a ruling: 30 days' },
};

function lengthOf(l: PeriodLength): DeadlineResult['period'] {
  return 'days' in l ? { days: l.days } : 'months' in l ? { months: l.months } : { years: l.years };
}

/**
 * Compute a procedural deadline with a human-readable explanation. Throws RuleInputError for
 * invalid dates or values outside what the law allows (e.g. an ordinary evidence period < 15 days).
 */
export function computeDeadline(input: DeadlineInput, options: DeadlineOptions = {}): DeadlineResult {
  const cal = options.calendar ?? WEEKENDS_ONLY_CALENDAR;
  const policy = options.makeupPolicy ?? DEFAULT_MAKEUP_POLICY;
  assertDate(input.start, 'start');
  const procedure = input.procedure ?? 'ordinary';
  const foreign = input.foreignDomicile === true;
  const extraSteps: BiText[] = [];
  const extraWarnings: BiText[] = [];
  const milestones: DeadlineMilestone[] = [];
  if (options.calendar === undefined) {
    extraWarnings.push(bi('未提供节假日数据，仅按周末计算', 'No holiday calendar supplied: weekends only'));
  }

  const finish = (length: PeriodLength, article: string, intro: BiText): DeadlineResult => {
    const p = computePeriod(input.start, length, cal, policy);
    return {
      kind: input.kind,
      start: input.start,
      due: p.due,
      rawEnd: p.rawEnd,
      period: lengthOf(length),
      rolledOver: p.rolledOver,
      steps: [intro, ...p.steps, ...extraSteps],
      article,
      warnings: [...extraWarnings, ...p.warnings],
      milestones,
    };
  };

  switch (input.kind) {
    case 'answer': {
      // CPL art. 128: 15 days from receipt of the complaint copy; art. 285: 30 days without a domicile in China.
      if (foreign) return finish({ days: 30 }, 'CPL art. 285', bi('答辩期：在中国领域内没有住所的被告30日', 'Answer period: 30 days (defendant without a domicile in China)'));
      let days = 15;
      if (input.days !== undefined && input.days !== 15) {
        if (procedure !== 'simplified' && procedure !== 'small-claims') {
          throw new RuleInputError('The answer period is 15 days in ordinary procedure (CPL art. 128)', '普通程序答辩期为15日（民事诉讼法第一百二十八条）');
        }
        if (input.days > 15 || input.days < 1) {
          throw new RuleInputError('A shortened answer period must be 1–15 days', '缩短的答辩期应为1至15日');
        }
        days = input.days;
        extraSteps.push(bi('经被告同意缩短答辩期（民诉法解释第266条、第275条）', 'Shortened with the defendant’s consent (CPL-Interp arts. 266, 275)'));
      }
      return finish({ days }, days === 15 ? 'CPL art. 128' : 'CPL art. 128; CPL-Interp arts. 266, 275', bi(`答辩期${days}日，自收到起诉状副本之日起`, `Answer period: ${days} days from receipt of the complaint`));
    }
    case 'appeal-judgment':
      // CPL art. 171: 15 days from service of the judgment; art. 286: 30 days abroad. CPL-Interp art. 244: each party's own service date.
      if (procedure === 'small-claims') {
        extraWarnings.push(bi('小额诉讼实行一审终审，不得上诉（民事诉讼法第一百六十五条）', 'Small-claims judgments are final: no appeal (CPL art. 165)'));
      }
      return foreign
        ? finish({ days: 30 }, 'CPL art. 286', bi('判决上诉期：在中国领域内没有住所的当事人30日', 'Appeal against a judgment: 30 days (party without a domicile in China)'))
        : finish({ days: 15 }, 'CPL art. 171', bi('判决上诉期15日，自判决书送达之日起', 'Appeal against a judgment: 15 days from service'));
    case 'appeal-ruling':
      // CPL art. 171: 10 days from service of an appealable ruling; art. 286: 30 days abroad.
      return foreign
        ? finish({ days: 30 }, 'CPL art. 286', bi('裁定上诉期：在中国领域内没有住所的当事人30日', 'Appeal against a ruling: 30 days (party without a domicile in China)'))
        : finish({ days: 10 }, 'CPL art. 171', bi('裁定上诉期10日，自裁定书送达之日起', 'Appeal against a ruling: 10 days from service'));
    case 'evidence': {
      // Evidence Rules art. 51; CPL-Interp arts. 99, 266, 275; CPL art. 68.
      const rules: Partial<Record<DeadlineProcedure, { def: number; min?: number; max?: number; softMax?: number; article: string; zh: string; en: string }>> = {
        ordinary: { def: 15, min: 15, article: 'Evidence Rules art. 51; CPL-Interp art. 99; CPL art. 68', zh: '第一审普通程序不得少于15日', en: 'ordinary first instance: at least 15 days' },
        'second-instance': { def: 10, min: 10, article: 'Evidence Rules art. 51; CPL-Interp art. 99', zh: '第二审提供新证据不得少于10日', en: 'second instance with new evidence: at least 10 days' },
        simplified: { def: 15, max: 15, article: 'Evidence Rules art. 51; CPL-Interp art. 266', zh: '简易程序不得超过15日', en: 'simplified procedure: at most 15 days' },
        'small-claims': { def: 7, max: 15, softMax: 7, article: 'Evidence Rules art. 51; CPL-Interp art. 275', zh: '小额诉讼一般不超过7日', en: 'small claims: normally at most 7 days' },
      };
      const r = rules[procedure];
      if (r === undefined) throw new RuleInputError(`No evidence period rule for procedure "${procedure}"`, `程序“${procedure}”无举证期限规则`);
      const days = input.days ?? r.def;
      assertCount(days, 'days', 365);
      if (r.min !== undefined && days < r.min) {
        throw new RuleInputError(`Evidence period too short: ${r.en}`, `举证期限过短：${r.zh}`);
      }
      if (r.max !== undefined && days > r.max) {
        throw new RuleInputError(`Evidence period too long: ${r.en}`, `举证期限过长：${r.zh}`);
      }
      if (r.softMax !== undefined && days > r.softMax) {
        extraWarnings.push(bi(`举证期限超过一般上限：${r.zh}`, `Longer than usual: ${r.en}`));
      }
      extraSteps.push(
        bi('如举行证据交换，举证期限于交换之日届满（证据规定第56条）', 'If an evidence exchange is held, the period ends on the exchange day (Evidence Rules art. 56)'),
      );
      return finish({ days }, r.article, bi(`举证期限${days}日（${r.zh}）`, `Evidence period: ${days} days (${r.en})`));
    }
    case 'trial-limit': {
      const t = TRIAL_LIMITS[procedure];
      const ext = input.extensionMonths ?? 0;
      const extDays = input.extensionDays ?? 0;
      assertCount(ext, 'extensionMonths', 120);
      assertCount(extDays, 'extensionDays', 3660);
      if ((ext > 0 || extDays > 0) && 'days' in t.length) {
        throw new RuleInputError('Give extensions of day-based limits as excluded periods', '以日计算的审限请以扣除期间录入延长');
      }
      const baseMonths = 'months' in t.length ? t.length.months : 0;
      if ((ext > 0 || extDays > 0) && t.maxExtension !== null) {
        // Compared as dates, so "1 month" and "31 days" are judged the same way the calendar does.
        const extended = addDays(addMonths(input.start, baseMonths + ext), extDays);
        const cap = addMonths(input.start, baseMonths + t.maxExtension);
        if (extended > cap) {
          if (procedure === 'ordinary') {
            if (input.higherCourtApproved !== true) {
              extraWarnings.push(bi('延长超过6个月须报请上级人民法院批准（民事诉讼法第一百五十二条）', 'Extension beyond 6 months needs the higher court’s approval (CPL art. 152)'));
            }
          } else {
            const what = extDays > 0 ? { zh: `${ext}个月${extDays}日`, en: `${ext} months ${extDays} days` } : { zh: `${ext}个月`, en: `${ext} months` };
            throw new RuleInputError(
              `Extension of ${what.en} exceeds the maximum of ${t.maxExtension} month(s) for ${t.en} (${t.article})`,
              `延长${what.zh}超过${t.zh}的最长延长期限${t.maxExtension}个月（${t.article}）`,
            );
          }
        }
      }
      const length: PeriodLength = 'days' in t.length ? t.length : { months: baseMonths + ext };
      // Base and extension are month arithmetic from the filing date; excluded days are added after.
      const base = computePeriod(input.start, length, WEEKENDS_ONLY_CALENDAR, policy);
      let rawEnd = base.rawEnd;
      const steps: BiText[] = [
        bi(`${t.zh}，自立案次日起算（最高人民法院关于严格执行案件审理期限制度的若干规定第8条）`, `Trial limit, ${t.en}, counted from the day after filing (SPC 2000 rules art. 8)`),
        ...base.steps.slice(0, 2),
      ];
      if (ext > 0) steps.push(bi(`含经批准延长${ext}个月`, `Includes an approved extension of ${ext} months`));
      if (extDays > 0) {
        rawEnd = addDays(rawEnd, extDays);
        steps.push(bi(`经批准延长${extDays}日：${dayLabel(rawEnd).zh}`, `Approved extension of ${extDays} days: ${dayLabel(rawEnd).en}`));
      }
      const merged = mergeRanges(input.excluded ?? []);
      const excludedDays = merged.reduce((s, r) => s + (r.to - r.from + 1), 0);
      if (excludedDays > 0) {
        rawEnd = addDays(rawEnd, excludedDays);
        steps.push(
          bi(
            `扣除不计入审限的期间共${excludedDays}日（公告、鉴定、和解、管辖异议等，民诉法解释第243条），顺延至${dayLabel(rawEnd).zh}`,
            `Excluded periods total ${excludedDays} days (publication, appraisal, settlement, jurisdiction objection…, CPL-Interp art. 243): ${dayLabel(rawEnd).en}`,
          ),
        );
      }
      const rolled = rollForward(rawEnd, cal, policy);
      milestones.push(
        { label: bi('延长审限申请最迟提出日（届满前15日）', 'Latest day to request an extension (15 days before expiry)'), date: addDays(rolled.due, -15) },
        { label: bi('院长批准最迟日（届满前5日）', 'Latest day for the president’s decision (5 days before expiry)'), date: addDays(rolled.due, -5) },
      );
      return {
        kind: input.kind,
        start: input.start,
        due: rolled.due,
        rawEnd,
        period: lengthOf(length),
        rolledOver: rolled.rolledOver,
        steps: [...steps, ...rolled.steps],
        article: `${t.article}; CPL-Interp art. 243; CPL art. 85`,
        warnings: [...extraWarnings, ...rolled.warnings],
        milestones,
      };
    }
    case 'fee-payment':
      // 诉讼费用交纳办法 art. 22: within 7 days from the day after receiving the payment notice.
      extraWarnings.push(bi('逾期不交纳且未获司法救助的，按撤诉处理（民诉法解释第213条）', 'Unpaid without fee relief → treated as withdrawn (CPL-Interp art. 213)'));
      return finish({ days: 7 }, '诉讼费用交纳办法 art. 22', bi('预交案件受理费：收到交费通知次日起7日内', 'Prepay the acceptance fee within 7 days from the day after the notice'));
    case 'publication':
      // CPL art. 95: deemed served 30 days after publication; art. 283: 60 days abroad.
      if (procedure === 'simplified' || procedure === 'small-claims') {
        extraWarnings.push(bi('简易程序不适用公告送达（民诉法解释第140条）', 'Publication service is not allowed in simplified procedure (CPL-Interp art. 140)'));
      }
      return foreign
        ? finish({ days: 60 }, 'CPL art. 283', bi('公告送达：在中国领域内没有住所的当事人，经过60日视为送达', 'Publication: deemed served after 60 days (no domicile in China)'))
        : finish({ days: 30 }, 'CPL art. 95', bi('公告送达：自发出公告之日起，经过30日即视为送达', 'Publication: deemed served 30 days after publication'));
    case 'filing-decision':
      // CPL art. 126; 登记立案规定 art. 8: decide within 7 days.
      return finish({ days: 7 }, 'CPL art. 126; 登记立案规定 art. 8', bi('立案审查：7日内决定立案或裁定不予受理', 'Filing decision within 7 days'));
    case 'preservation-suit':
      // CPL art. 104: after pre-suit preservation, sue or apply for arbitration within 30 days.
      return finish({ days: 30 }, 'CPL art. 104', bi('诉前保全后30日内应当起诉或申请仲裁，否则解除保全', 'Sue or apply for arbitration within 30 days of pre-suit preservation'));
    case 'custom': {
      if ((input.days === undefined) === (input.months === undefined)) {
        throw new RuleInputError('A custom period needs exactly one of days or months', '自定义期间须且只能指定日数或月数之一');
      }
      const length: PeriodLength = input.days !== undefined ? { days: input.days } : { months: input.months ?? 0 };
      return finish(length, input.article ?? 'CPL art. 85', bi('自定义期间', 'Custom period'));
    }
    case 'hearing-notice': {
      // CPL art. 139: notify 3 days before the hearing (开庭三日前). Computed backwards from the hearing date.
      const reading = options.hearingNoticeReading ?? 'conservative';
      const back = reading === 'conservative' ? 4 : 3;
      const rawEnd = addDays(input.start, -back);
      const due = previousWorkingDay(cal, rawEnd, policy);
      const steps: BiText[] = [
        bi(`开庭日${dayLabel(input.start).zh}；应在开庭三日前通知（民事诉讼法第一百三十九条）`, `Hearing on ${dayLabel(input.start).en}; notify 3 days before (CPL art. 139)`),
        reading === 'conservative'
          ? bi(`从严理解：送达日与开庭日之间须有完整3日，最迟${rawEnd}送达`, `Conservative reading: 3 full days between service and hearing → serve by ${rawEnd}`)
          : bi(`从宽理解：开庭日前第3日即${rawEnd}送达`, `Loose reading: serve by ${rawEnd}, 3 days before`),
      ];
      if (due !== rawEnd) steps.push(bi(`${rawEnd}为休息日，提前至最近的工作日${dayLabel(due).zh}`, `${rawEnd} is a rest day: bring forward to ${dayLabel(due).en}`));
      const warnings = [...extraWarnings];
      if (procedure === 'simplified' || procedure === 'small-claims') {
        warnings.push(bi('简易程序不受第一百三十九条三日期限限制，但未经确认收到不得缺席判决', 'Simplified procedure is not bound by art. 139, but no default judgment without confirmed receipt'));
      }
      warnings.push(bi('“开庭三日前”的计算方法无明确规定，按设置处理', '"3 days before" has no express counting rule; handled per the configured reading'));
      return {
        kind: input.kind,
        start: input.start,
        due,
        rawEnd,
        period: { days: -back },
        rolledOver: due !== rawEnd,
        steps,
        article: 'CPL art. 139; CPL-Interp art. 227',
        warnings,
        milestones,
      };
    }
    case 'limitation': {
      // CC art. 188: 3 years from knowledge, 20-year cap from the damage; 劳动争议调解仲裁法 art. 27: 1 year.
      const labour = input.limitationRegime === 'labour-arbitration';
      const years = labour ? 1 : 3;
      const p = computePeriod(input.start, { years }, cal, policy);
      let due = p.due;
      let rawEnd = p.rawEnd;
      const steps: BiText[] = [
        labour
          ? bi('劳动争议申请仲裁的时效期间为1年，自知道或应当知道权利被侵害之日起', 'Labour arbitration limitation: 1 year from knowledge (劳动争议调解仲裁法 art. 27)')
          : bi('诉讼时效期间为3年，自知道或应当知道权利受到损害以及义务人之日起（民法典第一百八十八条）', 'Limitation: 3 years from knowledge of the damage and the obligor (CC art. 188)'),
        ...p.steps,
      ];
      if (input.damageDate !== undefined && !labour) {
        assertDate(input.damageDate, 'damageDate');
        const cap = addYears(input.damageDate, 20);
        if (cap < due) {
          due = cap;
          rawEnd = cap;
          steps.push(bi(`自权利受到损害之日起超过20年的不予保护：${cap}`, `20-year cap from the damage applies: ${cap}`));
        }
      }
      const warnings: BiText[] = [
        ...extraWarnings,
        ...p.warnings,
        bi('诉讼时效可因中止、中断而变化；法院不主动适用（民法典第一百九十三条至第一百九十五条）', 'Suspension and interruption change the period; courts do not apply it on their own (CC arts. 193–195)'),
      ];
      let status: DeadlineResult['status'];
      let daysLeft: number | undefined;
      if (input.asOf !== undefined) {
        assertDate(input.asOf, 'asOf');
        daysLeft = diffDays(input.asOf, due);
        const warnDays = options.limitationWarnDays ?? 90;
        status = daysLeft < 0 ? 'expired' : daysLeft <= warnDays ? 'expiring' : 'running';
        if (status === 'expired') warnings.push(bi('诉讼时效可能已届满（须由被告抗辩）', 'The limitation period may have expired (only if the defendant pleads it)'));
        if (status === 'expiring') warnings.push(bi(`诉讼时效将在${daysLeft}日内届满`, `Limitation expires within ${daysLeft} days`));
      }
      return {
        kind: input.kind,
        start: input.start,
        due,
        rawEnd,
        period: { years },
        rolledOver: due !== rawEnd,
        steps,
        article: labour ? '劳动争议调解仲裁法 art. 27' : 'CC art. 188; CC art. 203',
        warnings,
        milestones,
        ...(status !== undefined ? { status } : {}),
        ...(daysLeft !== undefined ? { daysLeft } : {}),
      };
    }
  }
}
