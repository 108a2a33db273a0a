/**
 * Service (送达) of the complaint copy and the notices on the defendants, and the periods it
 * starts: the answer period (CPL art. 128; art. 285 without a domicile in China) and the evidence
 * period (Evidence Rules art. 51). Until a defendant's service is recorded, the 5th day after
 * filing is assumed, the latest the complaint copy may go out (CPL art. 128).
 */
import { addDays } from './dates';
import { procedureAt } from './conversion';
import { computeDeadline, type DateRange, type DeadlineOptions, type DeadlineProcedure, type DeadlineResult } from './deadlines';
import { bi, RuleInputError, type BiText } from './errors';
import { toChineseInteger } from './numerals';

/** Methods of service, CPL arts. 87–91, 95 (brief §3.2). */
export const SERVICE_METHODS = ['personal', 'substitute', 'refusal', 'electronic', 'post', 'publication'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

interface MethodRule {
  readonly zh: string;
  readonly en: string;
  readonly article: string;
  /** What the recorded date is, in the words of the article. */
  readonly date: BiText;
}

export const SERVICE_METHOD_RULES: Readonly<Record<ServiceMethod, MethodRule>> = {
  // CPL art. 87: the date the recipient signs the service receipt is the date of service.
  personal: { zh: '直接送达', en: 'personal service', article: 'CPL art. 87', date: bi('受送达人在送达回证上签收的日期', 'the date the recipient signed the service receipt') },
  // CPL art. 88: an adult family member, the mail clerk, the agent ad litem or the designated recipient signs.
  substitute: {
    zh: '代收送达（同住成年家属、收发部门、代理人或指定代收人签收）',
    en: 'service on a family member, mail clerk, agent or designated recipient',
    article: 'CPL art. 88',
    date: bi('代收人签收的日期', 'the date that person signed'),
  },
  // CPL art. 89: refusal; documents left at the residence with witnesses or recorded → deemed served.
  refusal: { zh: '留置送达', en: 'service by leaving (refusal)', article: 'CPL art. 89', date: bi('留置文书的日期，视为送达', 'the date the documents were left: deemed served') },
  // CPL art. 90; CPL-Interp art. 135: the date the message reaches the recipient's system.
  electronic: {
    zh: '电子送达',
    en: 'electronic service',
    article: 'CPL art. 90; CPL-Interp art. 135',
    date: bi('到达受送达人特定系统的日期（以人民法院发送成功的日期为准，受送达人证明到达日期不一致的除外）', 'the date it reached the recipient’s system (the court’s “sent” date unless the recipient proves otherwise)'),
  },
  // CPL art. 91: the receipt date on the postal return slip.
  post: { zh: '邮寄送达', en: 'service by post', article: 'CPL art. 91', date: bi('回执上注明的收件日期', 'the receipt date on the return slip') },
  // CPL art. 95 (art. 283 abroad): deemed served 30 (60) days after publication.
  publication: { zh: '公告送达', en: 'service by publication', article: 'CPL art. 95', date: bi('发出公告的日期', 'the date of publication') },
};

export interface ServiceInput {
  readonly method: ServiceMethod;
  /** The date of the service act; for publication, the date the notice was published. */
  readonly servedOn: string;
  readonly filedOn: string;
  readonly procedure: DeadlineProcedure;
  /** A recipient without a domicile in China (CPL arts. 283, 285). */
  readonly foreignDomicile?: boolean;
  /** The court's today: a service cannot be recorded before it happened. */
  readonly today: string;
}

export interface ServiceEffect {
  readonly method: ServiceMethod;
  readonly servedOn: string;
  /** The day service takes effect: the service date, or the day publication service is deemed complete. */
  readonly effectiveOn: string;
  readonly deemed: boolean;
  readonly article: string;
  readonly steps: readonly BiText[];
  readonly warnings: readonly BiText[];
  /** Publication: the period that is not counted in the trial limit (CPL-Interp art. 243), inclusive. */
  readonly publicationPeriod: DateRange | null;
}

/**
 * When a service takes effect. Throws RuleInputError naming the field: a service before filing
 * or in the future, or publication in simplified / small-claims procedure (CPL-Interp art. 140).
 */
export function serviceEffect(input: ServiceInput, options: DeadlineOptions = {}): ServiceEffect {
  const rule = SERVICE_METHOD_RULES[input.method];
  if (input.servedOn < input.filedOn) {
    throw new RuleInputError(
      `servedOn: ${input.servedOn} is before the filing date ${input.filedOn}; the complaint copy is served after filing (CPL art. 128)`,
      `送达日期${input.servedOn}早于立案日期${input.filedOn}：起诉状副本应在立案后送达（民事诉讼法第一百二十八条）`,
    );
  }
  if (input.servedOn > input.today) {
    throw new RuleInputError(`servedOn: ${input.servedOn} is in the future; record a service once it has happened`, `送达日期${input.servedOn}晚于今天：请在实际送达后登记`);
  }
  if (input.method === 'publication' && (input.procedure === 'simplified' || input.procedure === 'small-claims')) {
    throw new RuleInputError(
      'method: publication service is not allowed in simplified or small-claims procedure (CPL-Interp art. 140); convert the case to ordinary procedure first',
      '简易程序（含小额诉讼）不适用公告送达（民诉法解释第140条），请先转为普通程序',
    );
  }
  const steps: BiText[] = [
    bi(`${rule.zh}：送达日期为${rule.date.zh}，即${input.servedOn}（${formatZhArticle(rule.article)}）`, `${rule.en}: the service date is ${rule.date.en}, ${input.servedOn} (${rule.article})`),
  ];
  if (input.method !== 'publication') {
    return { method: input.method, servedOn: input.servedOn, effectiveOn: input.servedOn, deemed: false, article: rule.article, steps, warnings: [], publicationPeriod: null };
  }
  const p = computeDeadline({ kind: 'publication', start: input.servedOn, procedure: input.procedure, foreignDomicile: input.foreignDomicile === true }, options);
  return {
    method: input.method,
    servedOn: input.servedOn,
    effectiveOn: p.due,
    deemed: true,
    article: p.article,
    steps: [...steps, ...p.steps, bi(`${p.due}视为送达`, `Deemed served on ${p.due}`)],
    warnings: [...p.warnings],
    publicationPeriod: { from: addDays(input.servedOn, 1), to: p.due },
  };
}

/** "CPL art. 90; CPL-Interp art. 135" → 民事诉讼法第九十条；民诉法解释第一百三十五条, for the Chinese steps. */
function formatZhArticle(article: string): string {
  return article
    .split(';')
    .map((part) => {
      const m = /^(CPL-Interp|CPL) art\. (\d+)$/.exec(part.trim());
      if (!m) return part.trim();
      return `${m[1] === 'CPL' ? '民事诉讼法' : '民诉法解释'}第${toChineseInteger(Number(m[2]))}条`;
    })
    .join('；');
}

export interface DefendantService {
  readonly partyId: string;
  readonly partyName: string;
  readonly method: ServiceMethod;
  readonly servedOn: string;
  readonly foreignDomicile: boolean;
  /** The evidence period the court fixed in the notice served (Evidence Rules art. 51); null: the procedure's default. */
  readonly evidenceDays: number | null;
}

export interface ServicePlanInput {
  readonly filedOn: string;
  readonly procedure: DeadlineProcedure;
  readonly today: string;
  /** The case's defendants, in order. */
  readonly defendants: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** Recorded services; only the defendants' move the answer and evidence periods. */
  readonly services: readonly DefendantService[];
  /**
   * Every current party (any role): a publication period on any of them is left out of the trial
   * limit (CPL-Interp art. 243 names publication periods, not whose). Default: the defendants.
   */
  readonly parties?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /**
   * Procedure conversions: a service before a ruling was made (and its evidence period fixed)
   * under the former procedure, so it is judged by that procedure's rules.
   */
  readonly conversions?: ReadonlyArray<{ readonly ruledOn: string; readonly from: DeadlineProcedure }>;
}

/** The procedure a recorded service was made under. */
function procedureOfService(input: ServicePlanInput, servedOn: string): DeadlineProcedure {
  return procedureAt(input.procedure, input.conversions ?? [], servedOn);
}

export interface ServiceDeadline {
  readonly kind: 'answer' | 'evidence';
  readonly result: DeadlineResult;
  /** True while some defendant's service is not recorded (its date is assumed). */
  readonly estimated: boolean;
  /** Where the start date comes from, one line for the table. */
  readonly basis: BiText;
  /** How the start date was established, shown before the period's own steps. */
  readonly extraSteps: readonly BiText[];
  readonly article: string;
}

interface PerDefendant {
  readonly name: string;
  readonly effect: ServiceEffect | null;
  readonly start: string;
  readonly answer: DeadlineResult;
  readonly evidence: DeadlineResult;
  readonly record: DefendantService | null;
}

/** The day registration assumes the complaint copy is served (CPL art. 128: within 5 days of filing). */
export function assumedServiceDate(filedOn: string): string {
  return addDays(filedOn, 5);
}

function laterOf(a: PerDefendant, b: PerDefendant, pick: (p: PerDefendant) => DeadlineResult): PerDefendant {
  return pick(b).due > pick(a).due ? b : a;
}

/**
 * The case's answer and evidence periods from the defendants' service. Each defendant's periods
 * run from its own service (CPL art. 128; by analogy CPL-Interp art. 244); the case tracks the
 * latest, since the case cannot go to hearing before every defendant's period has ended.
 */
export function serviceDeadlines(input: ServicePlanInput, options: DeadlineOptions = {}): ServiceDeadline[] {
  if (input.defendants.length === 0) return [];
  const assumed = assumedServiceDate(input.filedOn);
  const per: PerDefendant[] = input.defendants.map((d) => {
    const record = input.services.find((s) => s.partyId === d.id) ?? null;
    // A notice not yet served goes out under the current procedure.
    const procedure = record === null ? input.procedure : procedureOfService(input, record.servedOn);
    const effect =
      record === null
        ? null
        : serviceEffect(
            { method: record.method, servedOn: record.servedOn, filedOn: input.filedOn, procedure, foreignDomicile: record.foreignDomicile, today: input.today },
            options,
          );
    const start = effect?.effectiveOn ?? assumed;
    const foreign = record?.foreignDomicile === true;
    const answer = computeDeadline({ kind: 'answer', start, procedure, foreignDomicile: foreign }, options);
    const evidence = computeDeadline(
      { kind: 'evidence', start, procedure, ...(record?.evidenceDays != null ? { days: record.evidenceDays } : {}) },
      options,
    );
    return { name: d.name, effect, start, answer, evidence, record };
  });
  const unserved = per.filter((p) => p.effect === null);
  const estimated = unserved.length > 0;
  const many = per.length > 1;

  const build = (kind: 'answer' | 'evidence'): ServiceDeadline => {
    const pick = (p: PerDefendant) => (kind === 'answer' ? p.answer : p.evidence);
    const chosen = per.reduce((a, b) => laterOf(a, b, pick));
    const result = pick(chosen);
    const extraSteps: BiText[] = [];
    const warnings: BiText[] = [];
    let article = result.article;
    let basis: BiText;
    if (chosen.effect === null) {
      basis = bi(
        `假定${many ? `被告${chosen.name}` : ''}于立案后第5日（${assumed}）送达（民事诉讼法第一百二十八条）`,
        `assumed service${many ? ` on ${chosen.name}` : ''} on the 5th day after filing (${assumed}, CPL art. 128)`,
      );
      extraSteps.push(
        bi(
          `假定起诉状副本于立案后第5日（${assumed}）送达（民事诉讼法第一百二十八条），送达后请按实际送达日更新`,
          `Assumes service on the 5th day after filing (${assumed}, CPL art. 128); update once service is recorded`,
        ),
      );
    } else {
      const e = chosen.effect;
      const m = SERVICE_METHOD_RULES[e.method];
      basis = e.deemed
        ? bi(
            `${many ? `被告${chosen.name}：` : ''}${e.servedOn}发出公告，${e.effectiveOn}视为送达（${formatZhArticle(e.article)}）`,
            `${many ? `${chosen.name}: ` : ''}published ${e.servedOn}, deemed served ${e.effectiveOn} (${e.article})`,
          )
        : bi(
            `${many ? `被告${chosen.name}` : ''}${e.servedOn}实际送达（${m.zh}，${formatZhArticle(e.article)}）`,
            `${many ? `${chosen.name} ` : ''}served ${e.servedOn} (${m.en}, ${e.article})`,
          );
      extraSteps.push(...e.steps);
      warnings.push(...e.warnings);
      article = `${result.article}; ${e.article}`;
      if (e.deemed) {
        if (kind === 'evidence') {
          // Evidence Rules art. 55(2): after publication service the period runs from the day after the publication period ends.
          extraSteps.push(bi('公告送达的，举证期限自公告期届满之次日起计算（证据规定第55条）', 'After publication, the evidence period runs from the day after the publication period (Evidence Rules art. 55)'));
          article = `${article}; Evidence Rules art. 55`;
        } else {
          warnings.push(
            bi(
              '答辩期自视为送达之次日起算：法律未明文规定，按通常理解处理（待确认）',
              'The answer period is taken to run from the day after deemed service: no express rule (to be confirmed)',
            ),
          );
        }
      }
    }
    if (many) {
      extraSteps.push(
        bi(
          `共${per.length}名被告，各自自本人送达之日起计算，案件按最晚届满者（${chosen.name}）跟踪`,
          `${per.length} defendants, each counted from its own service; the case tracks the latest (${chosen.name})`,
        ),
      );
    }
    if (estimated && chosen.effect !== null) {
      extraSteps.push(
        bi(
          `尚未登记送达：${unserved.map((p) => p.name).join('、')}（按立案后第5日推定）`,
          `Service not yet recorded for ${unserved.map((p) => p.name).join(', ')} (assumed 5th day after filing)`,
        ),
      );
    }
    return { kind, result: { ...result, warnings: [...warnings, ...result.warnings] }, estimated, basis, extraSteps, article };
  };
  return [build('answer'), build('evidence')];
}

/** Publication periods of the recorded services, excluded from the trial limit (CPL-Interp art. 243). */
export function publicationPeriods(input: ServicePlanInput, options: DeadlineOptions = {}): Array<DateRange & { readonly partyName: string }> {
  const out: Array<DateRange & { readonly partyName: string }> = [];
  for (const d of input.parties ?? input.defendants) {
    const s = input.services.find((x) => x.partyId === d.id);
    if (s === undefined || s.method !== 'publication') continue;
    const procedure = procedureOfService(input, s.servedOn);
    const e = serviceEffect({ method: s.method, servedOn: s.servedOn, filedOn: input.filedOn, procedure, foreignDomicile: s.foreignDomicile, today: input.today }, options);
    if (e.publicationPeriod !== null) out.push({ ...e.publicationPeriod, partyName: d.name });
  }
  return out;
}
