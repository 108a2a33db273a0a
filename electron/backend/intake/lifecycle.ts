import type { Procedure } from '../../../shared/contract/cases';
import type { FeeOut } from '../../../shared/contract/intake';
import { addDays, diffDays, ymdToIso } from '../../../shared/rules/dates';
import { computeDeadline, type DeadlineKind, type DeadlineProcedure, type DeadlineResult } from '../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { bi, type BiText } from '../../../shared/rules/errors';
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
const DEADLINE_PROCEDURE: Readonly<Record<Procedure, DeadlineProcedure>> = {
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
}

const opts = { calendar: DEFAULT_CALENDAR } as const;

/** The trial limit from filing, with every excluded period (CPL arts. 152, 164, 168; CPL-Interp art. 243). */
export function trialLimit(filedOn: string, procedure: Procedure, excluded: ReadonlyArray<{ from: string; to: string }>): DeadlineResult {
  return computeDeadline({ kind: 'trial-limit', start: filedOn, procedure: DEADLINE_PROCEDURE[procedure], excluded }, opts);
}

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
}): PlannedDeadline[] {
  const { filedOn, procedure } = input;
  const p = DEADLINE_PROCEDURE[procedure];
  const served = addDays(filedOn, 5);
  const assumed = bi(
    `假定起诉状副本于立案后第5日（${served}）送达（民事诉讼法第一百二十八条），送达后请按实际送达日更新`,
    `Assumes service on the 5th day after filing (${served}, CPL art. 128); update once service is recorded`,
  );
  const out: PlannedDeadline[] = [];
  if (input.fee !== null && input.fee.feeFen > 0) {
    // 诉讼费用交纳办法 art. 22: the payment notice is handed over at filing; 7 days from the next day.
    out.push({ kind: 'fee-payment', estimated: false, result: computeDeadline({ kind: 'fee-payment', start: filedOn }, opts), extraSteps: [] });
  }
  out.push({ kind: 'answer', estimated: true, result: computeDeadline({ kind: 'answer', start: served, procedure: p }, opts), extraSteps: [assumed] });
  out.push({ kind: 'evidence', estimated: true, result: computeDeadline({ kind: 'evidence', start: served, procedure: p }, opts), extraSteps: [assumed] });
  out.push({ kind: 'trial-limit', estimated: false, result: trialLimit(filedOn, procedure, []), extraSteps: [] });
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

export { TRANSITIONS } from '../../../shared/rules/lifecycle';

export function daysBetween(asOf: string, due: string): number {
  return diffDays(asOf, due);
}
