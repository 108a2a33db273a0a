import type { Procedure } from '../../../shared/contract/cases';
import type { FeeOut, ProcedureConversionRecord, ServiceRecord, TrialExtensionRecord } from '../../../shared/contract/intake';
import { activeExtensions, conversionStep, feeBalanceDeadline, supersededStep } from '../../../shared/rules/conversion';
import { addDays, diffDays, ymdToIso } from '../../../shared/rules/dates';
import { computeDeadline, type DeadlineKind, type DeadlineResult } from '../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { bi, type BiText } from '../../../shared/rules/errors';
import { extensionStep, trialLimitWithExtensions, type TrialLimitInput, type TrialProcedure } from '../../../shared/rules/extensions';
import { publicationPeriods, serviceDeadlines, type ServicePlanInput } from '../../../shared/rules/service';
import { DEFAULT_FEE_SETTINGS, FeeSettingsSchema, type FeeSettings, type Procedure as FeeProcedure } from '../../../shared/rules/fees';
import type { Db } from '../store/db';
import { readSetting } from '../store/repos/settings';

/** The local calendar day of an instant (deadlines are days at the court, not UTC). */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return ymdToIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The editable body of a stored case (shared with the renderer). */
export { caseInputOf as inputOf } from '../../../shared/contract/cases';

export const FEE_PROCEDURE: Readonly<Record<Procedure, FeeProcedure>> = {
  ordinary: 'ordinary',
  simplified: 'simplified',
  small_claims: 'small-claims',
};
export const DEADLINE_PROCEDURE: Readonly<Record<Procedure, TrialProcedure>> = {
  ordinary: 'ordinary',
  simplified: 'simplified',
  small_claims: 'small-claims',
};

/** Province-set fee items and rounding (诉讼费用交纳办法 art. 13 last para.): settings key `intake.fees`. */
/** Where the court's fee settings live in the settings table. */
export const FEE_SETTINGS_KEY = 'intake.fees';

export function feeSettings(db: Db): FeeSettings {
  const parsed = FeeSettingsSchema.safeParse(readSetting(db, FEE_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_FEE_SETTINGS;
}

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, BiText>> = {
  answer: bi('答辩期届满', 'Answer period ends'),
  'appeal-judgment': bi('判决上诉期届满', 'Appeal period (judgment) ends'),
  'appeal-ruling': bi('裁定上诉期届满', 'Appeal period (ruling) ends'),
  evidence: bi('举证期限届满', 'Evidence period ends'),
  'trial-limit': bi('审限届满', 'Trial time limit expires'),
  'fee-payment': bi('预交诉讼费期限', 'Court fee due'),
  'hearing-notice': bi('开庭通知最迟送达日', 'Latest day to serve the hearing notice'),
  limitation: bi('诉讼时效提示', 'Limitation period warning'),
  publication: bi('公告送达期满', 'Publication service completes'),
  'filing-decision': bi('立案审查期限', 'Filing decision due'),
  'preservation-suit': bi('诉前保全后起诉期限', 'Suit after pre-suit preservation due'),
  custom: bi('自定义期限', 'Custom deadline'),
};

export interface PlannedDeadline {
  readonly kind: DeadlineKind;
  readonly estimated: boolean;
  readonly result: DeadlineResult;
  readonly extraSteps: readonly BiText[];
  /** Where the start date comes from, one line for the table. */
  readonly basis: BiText | null;
  /** Overrides the result's article (e.g. adds the article of the service method). */
  readonly article?: string;
}

const opts = { calendar: DEFAULT_CALENDAR } as const;

/** The case facts the tracked deadlines depend on. */
export interface DeadlineFacts {
  readonly filedOn: string;
  readonly procedure: Procedure;
  readonly defendants: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** Every current party, any role (publication on any of them is excluded from the trial limit). */
  readonly parties?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly services: readonly ServiceRecord[];
  readonly pauses: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly extensions: readonly TrialExtensionRecord[];
  readonly conversions?: readonly ProcedureConversionRecord[];
  readonly today: string;
}

/** The conversions in the rules' spelling. */
export function ruleConversions(f: Pick<DeadlineFacts, 'conversions'>) {
  return (f.conversions ?? []).map((c) => ({ from: DEADLINE_PROCEDURE[c.from], to: DEADLINE_PROCEDURE[c.to], ruledOn: c.ruledOn }));
}

function servicePlan(f: DeadlineFacts): ServicePlanInput {
  return {
    filedOn: f.filedOn,
    procedure: DEADLINE_PROCEDURE[f.procedure],
    today: f.today,
    defendants: f.defendants,
    ...(f.parties !== undefined ? { parties: f.parties } : {}),
    conversions: ruleConversions(f),
    services: f.services.map((s) => ({
      partyId: s.partyId,
      partyName: s.partyName,
      method: s.method,
      servedOn: s.servedOn,
      foreignDomicile: s.foreignDomicile,
      evidenceDays: s.evidenceDays,
    })),
  };
}

/** The trial limit from filing and excluded periods only, for a case without tracked deadlines. */
export function trialLimit(filedOn: string, procedure: Procedure, excluded: ReadonlyArray<{ from: string; to: string }>): DeadlineResult {
  return trialLimitWithExtensions({ filedOn, procedure: DEADLINE_PROCEDURE[procedure], excluded, extensions: [] }, opts);
}

/**
 * The rule inputs for the trial limit: publication periods join the recorded pauses (CPL-Interp
 * art. 243); extensions of a former procedure's limit no longer count after a conversion.
 */
export function trialLimitInput(
  f: DeadlineFacts,
): Omit<TrialLimitInput, 'extensions'> & {
  extensions: TrialExtensionRecord[];
  publication: ReturnType<typeof publicationPeriods>;
  superseded: TrialExtensionRecord[];
} {
  const publication = publicationPeriods(servicePlan(f), opts);
  const { active, superseded } = activeExtensions(f.extensions, ruleConversions(f));
  return {
    filedOn: f.filedOn,
    procedure: DEADLINE_PROCEDURE[f.procedure],
    excluded: [...f.pauses, ...publication],
    extensions: active,
    publication,
    superseded,
  };
}

/**
 * The trial limit from filing with every approved extension (CPL arts. 152, 164, 168) and every
 * excluded period (CPL-Interp art. 243): the recorded pauses and the publication periods.
 */
export function trialLimitOf(f: DeadlineFacts): PlannedDeadline {
  const input = trialLimitInput(f);
  const result = trialLimitWithExtensions(input, opts);
  const conversions = f.conversions ?? [];
  const extraSteps: BiText[] = [
    ...conversions.map((c) => conversionStep({ from: DEADLINE_PROCEDURE[c.from], to: DEADLINE_PROCEDURE[c.to], ruledOn: c.ruledOn })),
    ...input.superseded.map((e) => supersededStep(e, procedureOfExtension(e, f))),
    ...input.extensions.map((e) => extensionStep(e, input.procedure)),
    ...input.publication.map((p) =>
      bi(
        `公告送达期间${p.from}至${p.to}（${p.partyName}）不计入审限（民诉法解释第243条）`,
        `Publication period ${p.from}–${p.to} (${p.partyName}) is not counted (CPL-Interp art. 243)`,
      ),
    ),
  ];
  const late = input.extensions
    .filter((e) => e.approvedOn > addDays(e.dueBefore, -5))
    .map((e) =>
      bi(
        `${e.approvedOn}的延长批准晚于当时审限届满前5日（${addDays(e.dueBefore, -5)}）：院长应在审限届满5日前作出决定（最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定第一条）`,
        `The extension approved on ${e.approvedOn} came later than 5 days before the limit then in force (${addDays(e.dueBefore, -5)}); SPC 2019 provisions art. 1`,
      ),
    );
  const n = input.extensions.length;
  const last = conversions.at(-1);
  const converted =
    last === undefined
      ? { zh: '', en: '' }
      : { zh: `，${last.ruledOn}转为${PROCEDURE_ZH[last.to]}后按${PROCEDURE_ZH[last.to]}计算`, en: `, under ${last.to.replace('_', '-')} procedure since the conversion of ${last.ruledOn}` };
  return {
    kind: 'trial-limit',
    estimated: false,
    result: late.length > 0 ? { ...result, warnings: [...late, ...result.warnings] } : result,
    extraSteps,
    basis: bi(
      `立案日${f.filedOn}的次日${converted.zh}${n > 0 ? `，经批准延长${n}次` : ''}`,
      `the day after filing (${f.filedOn})${converted.en}${n > 0 ? `, extended ${n} time${n === 1 ? '' : 's'}` : ''}`,
    ),
  };
}

const PROCEDURE_ZH: Readonly<Record<Procedure, string>> = { ordinary: '普通程序', simplified: '简易程序', small_claims: '小额诉讼程序' };

/** The procedure an extension was approved under: the `from` of the first conversion ruled on or after its approval. */
function procedureOfExtension(e: TrialExtensionRecord, f: DeadlineFacts): TrialProcedure {
  const next = (f.conversions ?? []).find((c) => c.ruledOn >= e.approvedOn);
  return DEADLINE_PROCEDURE[next?.from ?? f.procedure];
}

/** The answer and evidence periods from the recorded services (estimated for defendants not yet served). */
export function serviceDeadlinesOf(f: DeadlineFacts): PlannedDeadline[] {
  return serviceDeadlines(servicePlan(f), opts).map((d) => ({
    kind: d.kind,
    estimated: d.estimated,
    result: d.result,
    extraSteps: d.extraSteps,
    basis: d.basis,
    article: d.article,
  }));
}

/**
 * Every deadline the case's facts determine: the fee payment, the answer and evidence periods (from
 * the recorded service, or estimated), the trial limit and the limitation warning. Registration
 * and every later change of the facts (an edit of the filing date, procedure or parties; a
 * conversion) compute them here, so they cannot drift apart.
 */
export function caseDeadlines(input: { facts: DeadlineFacts; fee: FeeOut | null; factDates: readonly string[] }): PlannedDeadline[] {
  const { facts, fee } = input;
  const { filedOn } = facts;
  const out: PlannedDeadline[] = [];
  if (fee !== null && fee.feeFen > 0) {
    const balance = [...(facts.conversions ?? [])]
      .reverse()
      .find((c) => c.feeAfterFen !== null && c.feeBeforeFen !== null && c.feeAfterFen > c.feeBeforeFen);
    if (balance !== undefined) {
      // CPL-Interp art. 199: after conversion the balance is due within 7 days of the notice.
      const diff = (balance.feeAfterFen ?? 0) - (balance.feeBeforeFen ?? 0);
      const yuan = `${Math.floor(diff / 100)}.${String(diff % 100).padStart(2, '0')}`;
      out.push({
        kind: 'fee-payment',
        estimated: false,
        result: feeBalanceDeadline(balance.ruledOn, opts),
        extraSteps: [
          bi(
            `${balance.ruledOn}裁定转换程序，补交案件受理费差额¥${yuan}，应于通知后7日内交纳（民诉法解释第一百九十九条）；以裁定日期作为通知日期`,
            `Converted by ruling on ${balance.ruledOn}: the fee balance of ¥${yuan} is due within 7 days of the notice (CPL-Interp art. 199); the ruling date stands for the notice date`,
          ),
        ],
        basis: bi(`${balance.ruledOn}转换程序后补交差额¥${yuan}`, `fee balance of ¥${yuan} after the conversion of ${balance.ruledOn}`),
      });
    } else {
      // 诉讼费用交纳办法 art. 22: the payment notice is handed over at filing; 7 days from the next day.
      out.push({
        kind: 'fee-payment',
        estimated: false,
        result: computeDeadline({ kind: 'fee-payment', start: filedOn }, opts),
        extraSteps: [],
        basis: bi(`立案时（${filedOn}）送交交费通知`, `payment notice handed over at filing (${filedOn})`),
      });
    }
  }
  out.push(...serviceDeadlinesOf(facts));
  out.push(trialLimitOf(facts));
  // CC art. 188: warn when the latest event in the facts is more than 3 years before filing. The
  // latest date is the kindest reading (a later demand may have interrupted the period, art. 195).
  const past = input.factDates.filter((d) => d <= filedOn).sort();
  const latest = past.at(-1);
  if (latest !== undefined) {
    const lim = computeDeadline({ kind: 'limitation', start: latest, asOf: filedOn }, opts);
    if (lim.status === 'expired' || lim.status === 'expiring') {
      out.push({
        kind: 'limitation',
        estimated: true,
        result: lim,
        basis: bi(`起诉状事实部分最晚的日期${latest}`, `the latest date in the facts, ${latest}`),
        extraSteps: [
          bi(
            `以起诉状事实部分最晚的日期${latest}为起算日（可能早于或晚于实际知道权利受损之日）`,
            `Counted from the latest date in the facts, ${latest} (the true start may differ)`,
          ),
        ],
      });
    }
  }
  return out;
}

/** The kinds caseDeadlines may plan: a recomputation removes an open one it no longer plans. */
export const COMPUTED_KINDS: readonly DeadlineKind[] = ['fee-payment', 'answer', 'evidence', 'trial-limit', 'limitation'];

/**
 * The deadlines a registration starts. Service dates are not known yet, so the answer and
 * evidence periods assume service on the 5th day after filing, the latest the law allows for the
 * complaint copy (CPL art. 128), and are marked estimated until service is recorded.
 */
export function registrationDeadlines(input: {
  filedOn: string;
  procedure: Procedure;
  fee: FeeOut | null;
  factDates: readonly string[];
  defendants: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  today: string;
}): PlannedDeadline[] {
  const { filedOn, procedure } = input;
  const facts: DeadlineFacts = { filedOn, procedure, defendants: input.defendants, services: [], pauses: [], extensions: [], today: input.today };
  return caseDeadlines({ facts, fee: input.fee, factDates: input.factDates });
}

export { TRANSITIONS } from '../../../shared/rules/lifecycle';

export function daysBetween(asOf: string, due: string): number {
  return diffDays(asOf, due);
}
