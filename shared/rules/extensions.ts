/**
 * Approved extensions of the trial limit (审限延长), brief §3.6:
 * - ordinary procedure: +6 months with the court president's approval; beyond that only with
 *   the higher court's approval (CPL art. 152);
 * - simplified procedure: +1 month with the president's approval, at most 4 months in all
 *   (CPL art. 164; CPL-Interp art. 258);
 * - small claims: +1 month with the president's approval (CPL art. 168).
 * The request is made ≥ 15 days and decided ≥ 5 days before the limit expires (SPC 2019
 * provisions art. 1); an approval after expiry cannot revive a lapsed limit.
 */
import { addDays, addMonths } from './dates';
import { computeDeadline, type DateRange, type DeadlineOptions, type DeadlineResult } from './deadlines';
import { bi, RuleInputError, type BiText } from './errors';

export const EXTENSION_AUTHORITIES = ['president', 'higher-court'] as const;
export type ExtensionAuthority = (typeof EXTENSION_AUTHORITIES)[number];

/** The procedures a basic court registers (shared/contract Procedure, in the rules' spelling). */
export type TrialProcedure = 'ordinary' | 'simplified' | 'small-claims';

export interface TrialExtension {
  readonly months: number;
  readonly days: number;
  readonly authority: ExtensionAuthority;
  readonly approvedOn: string;
}

interface ExtensionRule {
  readonly baseMonths: number;
  /** The most the president may add, cumulatively. */
  readonly presidentMonths: number;
  readonly higherCourt: boolean;
  readonly article: string;
  readonly zh: string;
  readonly en: string;
}

export const EXTENSION_RULES: Readonly<Record<TrialProcedure, ExtensionRule>> = {
  ordinary: { baseMonths: 6, presidentMonths: 6, higherCourt: true, article: 'CPL art. 152', zh: '普通程序经本院院长批准可延长6个月，还需延长的报请上级人民法院批准', en: 'ordinary procedure: +6 months with the president’s approval, further only with the higher court’s' },
  simplified: { baseMonths: 3, presidentMonths: 1, higherCourt: false, article: 'CPL art. 164; CPL-Interp art. 258', zh: '简易程序经本院院长批准可延长1个月，累计不得超过4个月', en: 'simplified procedure: +1 month with the president’s approval, 4 months in all' },
  'small-claims': { baseMonths: 2, presidentMonths: 1, higherCourt: false, article: 'CPL art. 168', zh: '小额诉讼经本院院长批准可延长1个月', en: 'small claims: +1 month with the president’s approval' },
};

const ZH_ARTICLE: Readonly<Record<TrialProcedure, string>> = {
  ordinary: '民事诉讼法第一百五十二条',
  simplified: '民事诉讼法第一百六十四条、民诉法解释第258条',
  'small-claims': '民事诉讼法第一百六十八条',
};

function span(months: number, days: number): { zh: string; en: string } {
  const zh = `${months > 0 ? `${months}个月` : ''}${days > 0 ? `${days}日` : ''}`;
  const en = [months > 0 ? `${months} month${months === 1 ? '' : 's'}` : '', days > 0 ? `${days} day${days === 1 ? '' : 's'}` : ''].filter(Boolean).join(' ');
  return { zh, en };
}

function sum(xs: readonly TrialExtension[]): { months: number; days: number } {
  return xs.reduce((a, x) => ({ months: a.months + x.months, days: a.days + x.days }), { months: 0, days: 0 });
}

export interface TrialLimitInput {
  readonly filedOn: string;
  readonly procedure: TrialProcedure;
  /** Periods not counted (CPL-Interp art. 243), inclusive. */
  readonly excluded: readonly DateRange[];
  readonly extensions: readonly TrialExtension[];
}

/** The trial limit with every recorded extension and excluded period. */
export function trialLimitWithExtensions(input: TrialLimitInput, options: DeadlineOptions = {}): DeadlineResult {
  const total = sum(input.extensions);
  return computeDeadline(
    {
      kind: 'trial-limit',
      start: input.filedOn,
      procedure: input.procedure,
      excluded: input.excluded,
      ...(total.months > 0 ? { extensionMonths: total.months } : {}),
      ...(total.days > 0 ? { extensionDays: total.days } : {}),
      higherCourtApproved: input.extensions.some((e) => e.authority === 'higher-court'),
    },
    options,
  );
}

export interface ExtensionCheck {
  /** The trial limit before and after this extension. */
  readonly before: DeadlineResult;
  readonly after: DeadlineResult;
  readonly article: string;
  readonly warnings: readonly BiText[];
}

/**
 * Checks a new extension against the law and the case's current limit. Throws RuleInputError
 * naming the field (months, authority, approvedOn) with the article, so nothing is saved.
 */
export function checkExtension(
  input: TrialLimitInput & { readonly next: TrialExtension; readonly today: string },
  options: DeadlineOptions = {},
): ExtensionCheck {
  const rule = EXTENSION_RULES[input.procedure];
  const { next } = input;
  if (!Number.isInteger(next.months) || !Number.isInteger(next.days) || next.months < 0 || next.days < 0 || next.months + next.days === 0) {
    throw new RuleInputError('months: give an extension of at least one day', 'months：延长期限至少为1日');
  }
  if (next.authority === 'higher-court' && !rule.higherCourt) {
    throw new RuleInputError(
      `authority: in ${input.procedure} procedure only the court president may extend the trial limit (${rule.article}); convert the case to ordinary procedure for a longer time`,
      `authority：${rule.zh}，只能由本院院长批准（${ZH_ARTICLE[input.procedure]}）；需要更长时间的，应转为普通程序`,
    );
  }
  if (next.approvedOn < input.filedOn) {
    throw new RuleInputError(`approvedOn: ${next.approvedOn} is before the filing date ${input.filedOn}`, `approvedOn：批准日期${next.approvedOn}早于立案日期${input.filedOn}`);
  }
  if (next.approvedOn > input.today) {
    throw new RuleInputError(`approvedOn: ${next.approvedOn} is in the future; record an extension once it is approved`, `approvedOn：批准日期${next.approvedOn}晚于今天，请在批准后登记`);
  }
  const before = trialLimitWithExtensions(input, options);
  if (next.approvedOn > before.due) {
    throw new RuleInputError(
      `approvedOn: the trial limit expired on ${before.due}; an extension must be approved before it expires (${rule.article}; SPC 2019 provisions art. 1)`,
      `approvedOn：审限已于${before.due}届满，延长须在届满前批准（${ZH_ARTICLE[input.procedure]}；最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定第一条）`,
    );
  }
  // The president's extensions together may not pass the statutory maximum.
  const president = presidentReach(input, [next]);
  if (president.end > president.cap) {
    const asked = span(president.months, president.days);
    throw new RuleInputError(
      `months: extensions approved by the president would total ${asked.en}, more than the ${rule.presidentMonths} month(s) allowed (${rule.en}; ${rule.article})`,
      `months：经院长批准的延长累计${asked.zh}，超过法定的${rule.presidentMonths}个月（${rule.zh}；${ZH_ARTICLE[input.procedure]}）`,
    );
  }
  const after = trialLimitWithExtensions({ ...input, extensions: [...input.extensions, next] }, options);
  const warnings: BiText[] = [];
  const decideBy = addDays(before.due, -5);
  if (next.approvedOn > decideBy) {
    warnings.push(
      bi(
        `批准日期${next.approvedOn}晚于审限届满前5日（${decideBy}）：院长应在审限届满5日前作出决定（最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定第一条）`,
        `Approved on ${next.approvedOn}, later than 5 days before expiry (${decideBy}): the decision is due 5 days before the limit expires (SPC 2019 provisions art. 1)`,
      ),
    );
  }
  const article = next.authority === 'higher-court' ? 'CPL art. 152' : rule.article;
  return { before, after, article: `${article}; SPC 2019 provisions art. 1`, warnings };
}

/**
 * Where the president's extensions (with `more`) take the trial limit, and how far the law lets them
 * (累计不得超过): compared as dates, so a month and 31 days are judged on the calendar.
 */
function presidentReach(input: TrialLimitInput, more: readonly TrialExtension[] = []): { months: number; days: number; end: string; cap: string } {
  const rule = EXTENSION_RULES[input.procedure];
  const president = sum([...input.extensions, ...more].filter((e) => e.authority === 'president'));
  return {
    ...president,
    end: addDays(addMonths(input.filedOn, rule.baseMonths + president.months), president.days),
    cap: addMonths(input.filedOn, rule.baseMonths + rule.presidentMonths),
  };
}

/** Whether the president has granted all the law allows, so only the higher court (or a conversion) gives more time. */
export function presidentExtensionsUsedUp(input: TrialLimitInput): boolean {
  const { end, cap } = presidentReach(input);
  return end >= cap;
}

/** One line for the trial-limit row: what was extended, by whom, on what authority. */
export function extensionStep(e: TrialExtension & { readonly approvedBy: string; readonly reason: string }, procedure: TrialProcedure): BiText {
  const s = span(e.months, e.days);
  const who = e.authority === 'president' ? { zh: '本院院长', en: 'the court president' } : { zh: '上级人民法院', en: 'the higher court' };
  const art = e.authority === 'higher-court' ? { zh: '民事诉讼法第一百五十二条', en: 'CPL art. 152' } : { zh: ZH_ARTICLE[procedure], en: EXTENSION_RULES[procedure].article };
  return bi(
    `${e.approvedOn}经${who.zh}（${e.approvedBy}）批准延长${s.zh}，理由：${e.reason}（${art.zh}）`,
    `${e.approvedOn}: extended by ${s.en}, approved by ${who.en} (${e.approvedBy}); reason: ${e.reason} (${art.en})`,
  );
}
