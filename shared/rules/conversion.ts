/**
 * Procedure conversion (程序转换) of a first-instance case:
 * - simplified → ordinary: the court rules the conversion when it finds simplified procedure
 *   unsuitable (CPL art. 170), before the trial limit expires, and the trial limit then counts
 *   from the original filing date (CPL-Interp art. 258: 案件转为普通程序审理的，审理期限自人民法院
 *   立案之日计算);
 * - small claims → simplified (its other provisions) or ordinary (CPL art. 169). The interpretation
 *   says nothing express about the small-claims limit after conversion; we count from the filing
 *   date by analogy with CPL-Interp art. 258 (brief §3.6 [U] for this case), and say so in the steps.
 * An ordinary case is never converted here: CPL-Interp art. 260 bars simplified procedure after an
 * ordinary hearing, and a procedure wrongly entered at registration is corrected by editing the case.
 */
import { computeDeadline, type DateRange, type DeadlineOptions, type DeadlineResult } from './deadlines';
import { bi, RuleInputError, type BiText } from './errors';
import { trialLimitWithExtensions, type TrialExtension, type TrialProcedure } from './extensions';

/** Where each procedure may be converted to. */
export const CONVERSION_TARGETS: Readonly<Record<TrialProcedure, readonly TrialProcedure[]>> = {
  'small-claims': ['simplified', 'ordinary'],
  simplified: ['ordinary'],
  ordinary: [],
};

const NAMES: Readonly<Record<TrialProcedure, { zh: string; en: string }>> = {
  ordinary: { zh: '普通程序', en: 'ordinary procedure' },
  simplified: { zh: '简易程序', en: 'simplified procedure' },
  'small-claims': { zh: '小额诉讼程序', en: 'small-claims procedure' },
};

export interface ProcedureConversion {
  readonly from: TrialProcedure;
  readonly to: TrialProcedure;
  readonly ruledOn: string;
}

/** The article of a conversion, for the record and the trial-limit steps. */
export function conversionArticle(from: TrialProcedure): { en: string; zh: string } {
  return from === 'small-claims'
    ? { en: 'CPL art. 169; CPL-Interp art. 258', zh: '民事诉讼法第一百六十九条，参照民诉法解释第二百五十八条' }
    : { en: 'CPL art. 170; CPL-Interp art. 258', zh: '民事诉讼法第一百七十条、民诉法解释第二百五十八条' };
}

/**
 * The procedure a case was under on `date`: the `from` of the first conversion ruled after that
 * day, or the current one. Service notices and evidence periods were fixed under it.
 */
export function procedureAt<P extends string>(current: P, conversions: ReadonlyArray<{ readonly ruledOn: string; readonly from: P }>, date: string): P {
  const later = conversions.filter((c) => c.ruledOn > date).sort((a, b) => (a.ruledOn < b.ruledOn ? -1 : 1));
  return later[0]?.from ?? current;
}

/**
 * Extensions that still count. An extension approved under the former procedure extended that
 * procedure's limit (e.g. simplified 3 → 4 months, CPL art. 164); after conversion the limit is the
 * new procedure's, counted afresh from filing, so the old extension neither adds to it nor uses up
 * the president's allowance under the new procedure (CPL art. 152). It stays in the record.
 */
export function activeExtensions<E extends Pick<TrialExtension, 'approvedOn'>>(
  extensions: readonly E[],
  conversions: readonly ProcedureConversion[],
): { active: E[]; superseded: E[] } {
  const last = [...conversions].map((c) => c.ruledOn).sort().at(-1);
  if (last === undefined) return { active: [...extensions], superseded: [] };
  return { active: extensions.filter((e) => e.approvedOn > last), superseded: extensions.filter((e) => e.approvedOn <= last) };
}

export interface ConversionInput {
  readonly filedOn: string;
  readonly from: TrialProcedure;
  readonly to: TrialProcedure;
  readonly ruledOn: string;
  readonly today: string;
  /** Periods not counted (CPL-Interp art. 243), inclusive. */
  readonly excluded: readonly DateRange[];
  /** Extensions that count under the current procedure. */
  readonly extensions: readonly TrialExtension[];
}

export interface ConversionCheck {
  readonly before: DeadlineResult;
  readonly after: DeadlineResult;
  /** Extensions of the former procedure's limit that no longer count. */
  readonly superseded: readonly TrialExtension[];
  readonly article: string;
  readonly steps: readonly BiText[];
}

/**
 * Checks a conversion ruling and computes the new trial limit. Throws RuleInputError naming the
 * field (to, ruledOn) with the article, so nothing is saved.
 */
export function checkConversion(input: ConversionInput, options: DeadlineOptions = {}): ConversionCheck {
  const { from, to } = input;
  if (!CONVERSION_TARGETS[from].includes(to)) {
    throw from === 'ordinary'
      ? new RuleInputError(
          'to: a case in ordinary procedure is not converted to another procedure (CPL-Interp art. 260); if the procedure was entered wrongly at registration, edit the case',
          'to：普通程序案件不转为其他程序（民诉法解释第二百六十条）；如立案时程序录入有误，请编辑案件更正',
        )
      : new RuleInputError(
          `to: a case in ${NAMES[from].en} can be converted to ${CONVERSION_TARGETS[from].map((p) => NAMES[p].en).join(' or ')} only (${conversionArticle(from).en})`,
          `to：${NAMES[from].zh}案件只能转为${CONVERSION_TARGETS[from].map((p) => NAMES[p].zh).join('或')}（${conversionArticle(from).zh}）`,
        );
  }
  if (input.ruledOn < input.filedOn) {
    throw new RuleInputError(`ruledOn: ${input.ruledOn} is before the filing date ${input.filedOn}`, `ruledOn：裁定日期${input.ruledOn}早于立案日期${input.filedOn}`);
  }
  if (input.ruledOn > input.today) {
    throw new RuleInputError(`ruledOn: ${input.ruledOn} is in the future; record the conversion once it is ruled`, `ruledOn：裁定日期${input.ruledOn}晚于今天，请在作出裁定后登记`);
  }
  const before = trialLimitWithExtensions({ filedOn: input.filedOn, procedure: from, excluded: input.excluded, extensions: input.extensions }, options);
  if (input.ruledOn > before.due) {
    // CPL-Interp art. 258: 应当在审理期限届满前作出裁定.
    throw new RuleInputError(
      `ruledOn: the trial limit expired on ${before.due}; the conversion must be ruled before it expires (CPL-Interp art. 258)`,
      `ruledOn：审限已于${before.due}届满，转换程序的裁定应当在审理期限届满前作出（民诉法解释第二百五十八条）`,
    );
  }
  const after = trialLimitWithExtensions({ filedOn: input.filedOn, procedure: to, excluded: input.excluded, extensions: [] }, options);
  const art = conversionArticle(from);
  const steps: BiText[] = [conversionStep({ from, to, ruledOn: input.ruledOn })];
  for (const e of input.extensions) {
    steps.push(supersededStep(e, from));
  }
  return { before, after, superseded: [...input.extensions], article: art.en, steps };
}

/** One line for the trial-limit row: the conversion and where the limit now counts from. */
export function conversionStep(c: ProcedureConversion): BiText {
  const art = conversionArticle(c.from);
  const analogy = c.from === 'small-claims';
  return bi(
    `${c.ruledOn}裁定由${NAMES[c.from].zh}转为${NAMES[c.to].zh}，审限自立案之日起按${NAMES[c.to].zh}计算（${art.zh}${analogy ? '；小额诉讼转换后的审限计算无明文规定，参照适用' : ''}）`,
    `${c.ruledOn}: converted from ${NAMES[c.from].en} to ${NAMES[c.to].en} by ruling; the trial limit counts from the filing date under ${NAMES[c.to].en} (${art.en}${analogy ? '; for small claims by analogy, no express rule' : ''})`,
  );
}

/** One line for an extension that no longer counts after a conversion. */
export function supersededStep(e: Pick<TrialExtension, 'months' | 'days' | 'approvedOn'>, from: TrialProcedure): BiText {
  const zh = `${e.months > 0 ? `${e.months}个月` : ''}${e.days > 0 ? `${e.days}日` : ''}`;
  const en = [e.months > 0 ? `${e.months} month(s)` : '', e.days > 0 ? `${e.days} day(s)` : ''].filter(Boolean).join(' ');
  return bi(
    `${e.approvedOn}批准的${NAMES[from].zh}审限延长${zh}随程序转换不再计入（转换后的审限自立案之日重新计算）`,
    `The ${en} extension of the ${NAMES[from].en} limit approved on ${e.approvedOn} no longer counts (after conversion the limit is counted afresh from filing)`,
  );
}

/**
 * The balance of the acceptance fee after a conversion is due within 7 days of the notice
 * (CPL-Interp art. 199); the ruling date stands for the notice date until the notice is recorded.
 */
export function feeBalanceDeadline(ruledOn: string, options: DeadlineOptions = {}): DeadlineResult {
  const r = computeDeadline({ kind: 'fee-payment', start: ruledOn }, options);
  return { ...r, article: 'CPL-Interp art. 199; 诉讼费用交纳办法 art. 22' };
}
