/**
 * Complaint completeness check for intake: the contents a complaint must state (CPL art. 124;
 * 登记立案规定 art. 4) and the filing materials (登记立案规定 art. 6; brief §4.5). Each defect is a
 * named item with zh/en messages, so the court can issue one written notice listing every defect
 * at once (一次性书面告知, 登记立案规定 art. 7).
 */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { RuleInputError } from './errors';
import { findAmounts } from './money';
import { toChineseInteger } from './numerals';

const OptText = z.string().nullable().optional();

export const ComplaintPartySchema = z.object({
  role: z.enum(['plaintiff', 'defendant', 'third-party']),
  kind: z.enum(['natural', 'legal', 'other-org']),
  name: OptText,
  gender: OptText,
  birthDate: OptText,
  age: z.number().int().min(0).max(150).nullable().optional(),
  ethnicity: OptText,
  occupation: OptText,
  employer: OptText,
  /** 住所 / 住所地 (domicile; for a legal person its principal office). */
  domicile: OptText,
  phone: OptText,
  idNumber: OptText,
  /** 统一社会信用代码 */
  creditCode: OptText,
  legalRepresentative: z
    .object({ name: OptText, title: OptText, phone: OptText })
    .nullable()
    .optional(),
});
export type ComplaintParty = z.infer<typeof ComplaintPartySchema>;

export const ComplaintSchema = z.object({
  /** The court addressed (此致 …人民法院). */
  court: OptText,
  parties: z.array(ComplaintPartySchema),
  claims: z.array(z.object({ text: z.string(), amountFen: z.number().int().min(0).nullable().optional() })),
  factsAndReasons: OptText,
  evidence: z.array(z.object({ name: z.string(), source: OptText })).optional(),
  witnesses: z.array(z.object({ name: OptText, address: OptText })).optional(),
  signedBy: OptText,
  date: OptText,
  /** Filing materials (brief §4.5); omit when not yet known. */
  materials: z
    .object({
      complaintCopies: z.number().int().min(0).optional(),
      plaintiffIdentity: z.boolean().optional(),
      hasAgent: z.boolean().optional(),
      powerOfAttorney: z.boolean().optional(),
      evidenceList: z.boolean().optional(),
      addressConfirmation: z.boolean().optional(),
      labourCase: z.boolean().optional(),
      arbitrationAwardOrDecision: z.boolean().optional(),
    })
    .optional(),
});
export type Complaint = z.infer<typeof ComplaintSchema>;

export type Severity = 'required' | 'recommended';

export interface CompletenessItem {
  /** Stable code, e.g. "party.domicile", "claim.amount". */
  readonly code: string;
  readonly severity: Severity;
  /** Dotted path into the complaint, e.g. "parties.1.domicile". */
  readonly path: string;
  readonly zh: string;
  readonly en: string;
  readonly article: string;
}

export interface CompletenessResult {
  /** True when no required item is missing. */
  readonly complete: boolean;
  readonly items: readonly CompletenessItem[];
  readonly requiredCount: number;
  readonly recommendedCount: number;
}

export interface CompletenessOptions {
  /**
   * Art. 124 lists occupation (职业) and employer (工作单位) for a natural-person plaintiff; many
   * courts accept complaints without them. false (default) reports them as recommended.
   */
  readonly strictPlaintiffFields?: boolean;
}

const ROLE = {
  plaintiff: { zh: '原告', en: 'plaintiff' },
  defendant: { zh: '被告', en: 'defendant' },
  'third-party': { zh: '第三人', en: 'third party' },
} as const;

const blank = (s: string | null | undefined): boolean => s === undefined || s === null || s.trim() === '';

const ART124 = 'CPL art. 124';

const MONEY_VERB = /(支付|偿还|归还|返还|赔偿|给付|退还|清偿|补偿)/;
const MONEY_NOUN = /(款|金|费|工资|租金|利息|报酬|补偿|损失|钱)/;
const COSTS_ONLY = /(诉讼费|案件受理费|保全费|公告费|鉴定费)[^，。；;]*承担/;
const INTEREST = /(利息|违约金|逾期付款损失|资金占用)/;
const INTEREST_BASIS = /(利率|LPR|%|％|标准|计算|倍)/i;

/** A natural person's 18-digit ID number encodes the birth date (GB 11643). */
function idHasBirthDate(id: string | null | undefined): boolean {
  if (blank(id)) return false;
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec((id as string).trim());
  return m !== null && isIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
}

/** Check a structured complaint for missing items. Throws RuleInputError when the object is malformed. */
export function checkComplaint(input: Complaint, options: CompletenessOptions = {}): CompletenessResult {
  const parsed = ComplaintSchema.safeParse(input);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new RuleInputError(`Malformed complaint: ${msg}`, `起诉状数据格式有误：${msg}`);
  }
  const c = parsed.data;
  const items: CompletenessItem[] = [];
  const add = (code: string, severity: Severity, path: string, zh: string, en: string, article: string): void => {
    items.push({ code, severity, path, zh, en, article });
  };

  // Parties: CPL art. 124(1)(2); a clear defendant is a condition of suing (CPL art. 122(2)).
  for (const role of ['plaintiff', 'defendant'] as const) {
    if (!c.parties.some((p) => p.role === role)) {
      add(`${role}.missing`, 'required', 'parties', `缺少${ROLE[role].zh}`, `No ${ROLE[role].en} is named`, role === 'plaintiff' ? ART124 : 'CPL arts. 122(2), 124(2)');
    }
  }
  c.parties.forEach((p, i) => {
    const sameRole = c.parties.filter((q) => q.role === p.role);
    const who = (() => {
      if (sameRole.length === 1) return { zh: ROLE[p.role].zh, en: `the ${ROLE[p.role].en}` };
      const n = sameRole.indexOf(p) + 1;
      return blank(p.name)
        ? { zh: `${ROLE[p.role].zh}${n}`, en: `${ROLE[p.role].en} ${n}` }
        : { zh: `${ROLE[p.role].zh}${p.name as string}`, en: `${ROLE[p.role].en} ${p.name as string}` };
    })();
    const path = `parties.${i}`;
    const need = (field: string, ok: boolean, severity: Severity, zhLabel: string, enLabel: string, article: string): void => {
      if (!ok) add(`party.${field}`, severity, `${path}.${field}`, `缺少${who.zh}${zhLabel}`, `Missing ${enLabel} of ${who.en}`, article);
    };
    const natural = p.kind === 'natural';
    if (p.role === 'plaintiff') {
      need('name', !blank(p.name), 'required', natural ? '姓名' : '名称', 'name', `${ART124}(1)`);
      if (natural) {
        need('gender', !blank(p.gender), 'required', '性别', 'sex', `${ART124}(1)`);
        need('age', !blank(p.birthDate) || (p.age !== undefined && p.age !== null) || idHasBirthDate(p.idNumber), 'required', '出生日期（年龄）', 'date of birth (age)', `${ART124}(1)`);
        need('ethnicity', !blank(p.ethnicity), 'required', '民族', 'ethnicity', `${ART124}(1)`);
        const sev: Severity = options.strictPlaintiffFields === true ? 'required' : 'recommended';
        need('occupation', !blank(p.occupation), sev, '职业', 'occupation', `${ART124}(1)`);
        need('employer', !blank(p.employer), sev, '工作单位', 'employer', `${ART124}(1)`);
        need('domicile', !blank(p.domicile), 'required', '住所地', 'domicile', `${ART124}(1)`);
        need('phone', !blank(p.phone), 'required', '联系方式', 'contact details', `${ART124}(1)`);
        need('idNumber', !blank(p.idNumber), 'recommended', '身份证号码', 'ID number', '登记立案规定 art. 6(1)');
      } else {
        need('domicile', !blank(p.domicile), 'required', '住所地', 'domicile', `${ART124}(1)`);
        const rep = p.legalRepresentative ?? null;
        const repLabel = p.kind === 'legal' ? '法定代表人' : '主要负责人';
        need('legalRepresentative', rep !== null && !blank(rep.name), 'required', `${repLabel}姓名`, 'legal representative', `${ART124}(1)`);
        need('legalRepresentativeTitle', rep !== null && !blank(rep.title), 'required', `${repLabel}职务`, 'title of the legal representative', `${ART124}(1)`);
        need('phone', (rep !== null && !blank(rep.phone)) || !blank(p.phone), 'required', '联系方式', 'contact details', `${ART124}(1)`);
        need('creditCode', !blank(p.creditCode), 'recommended', '统一社会信用代码', 'unified social credit code', '登记立案规定 art. 6(1)');
      }
    } else if (p.role === 'defendant') {
      need('name', !blank(p.name), 'required', natural ? '姓名' : '名称', 'name', `${ART124}(2)`);
      need('domicile', !blank(p.domicile), 'required', '住所地', 'domicile', `${ART124}(2)`);
      if (natural) {
        need('gender', !blank(p.gender), 'recommended', '性别', 'sex', `${ART124}(2)`);
        need('employer', !blank(p.employer), 'recommended', '工作单位', 'employer', `${ART124}(2)`);
        need('idNumber', !blank(p.idNumber) || !blank(p.phone), 'recommended', '身份证号码或联系方式', 'ID number or contact details', '登记立案规定 art. 6(3); CPL-Interp art. 209');
      } else {
        need('creditCode', !blank(p.creditCode), 'recommended', '统一社会信用代码', 'unified social credit code', '登记立案规定 art. 6(3)');
        const rep = p.legalRepresentative ?? null;
        need('legalRepresentative', rep !== null && !blank(rep.name), 'recommended', '法定代表人', 'legal representative', `${ART124}(2)`);
      }
    } else {
      need('name', !blank(p.name), 'required', natural ? '姓名' : '名称', 'name', ART124);
      need('domicile', !blank(p.domicile), 'recommended', '住所地', 'domicile', ART124);
    }
  });

  // Claims, facts and reasons: CPL art. 124(3); specific claims are a condition of suing (art. 122(3)).
  if (c.claims.length === 0) {
    add('claims.missing', 'required', 'claims', '缺少诉讼请求', 'No claims are stated', `${ART124}(3)`);
  }
  c.claims.forEach((cl, i) => {
    const path = `claims.${i}`;
    const n = c.claims.length > 1 ? `第${toChineseInteger(i + 1)}项` : '';
    const nEn = c.claims.length > 1 ? ` ${i + 1}` : '';
    const t = cl.text.trim();
    if (t === '') {
      add('claim.empty', 'required', path, `${n}诉讼请求内容为空`, `Claim${nEn} is empty`, `${ART124}(3)`);
      return;
    }
    const hasAmount = (cl.amountFen !== undefined && cl.amountFen !== null) || findAmounts(t).length > 0;
    if (!COSTS_ONLY.test(t) && MONEY_VERB.test(t) && MONEY_NOUN.test(t) && !hasAmount) {
      add('claim.amount', 'required', `${path}.amount`, `${n}诉讼请求未写明金额`, `Claim${nEn} does not state an amount`, 'CPL arts. 122(3), 124(3)');
    }
    if (INTEREST.test(t) && !INTEREST_BASIS.test(t)) {
      add('claim.interestBasis', 'recommended', path, `${n}诉讼请求中利息（违约金）的计算标准不明确`, `Claim${nEn}: the basis for interest or penalty is unclear`, `${ART124}(3)`);
    }
  });
  if (blank(c.factsAndReasons)) {
    add('facts.missing', 'required', 'factsAndReasons', '缺少事实与理由', 'No facts and reasons are stated', `${ART124}(3)`);
  }

  // Evidence and witnesses: CPL art. 124(4); 登记立案规定 art. 4(5).
  const evidence = c.evidence ?? [];
  if (evidence.length === 0) {
    add('evidence.missing', 'required', 'evidence', '缺少证据和证据来源', 'No evidence or sources of evidence are listed', `${ART124}(4)`);
  }
  evidence.forEach((e, i) => {
    if (blank(e.source)) {
      add('evidence.source', 'recommended', `evidence.${i}.source`, `证据“${e.name}”未写明来源`, `Evidence "${e.name}" has no source`, `${ART124}(4)`);
    }
  });
  (c.witnesses ?? []).forEach((w, i) => {
    const label = blank(w.name) ? `证人${i + 1}` : `证人${w.name as string}`;
    if (blank(w.name)) add('witness.name', 'required', `witnesses.${i}.name`, `缺少${label}姓名`, `Missing name of witness ${i + 1}`, `${ART124}(4)`);
    if (blank(w.address)) add('witness.address', 'required', `witnesses.${i}.address`, `缺少${label}住所`, `Missing address of witness ${blank(w.name) ? i + 1 : (w.name as string)}`, `${ART124}(4)`);
  });

  // Form items seen in every complaint [P].
  if (blank(c.court)) add('court.missing', 'recommended', 'court', '未写明受诉人民法院', 'The court addressed is not stated', 'practice');
  if (blank(c.signedBy)) add('signature.missing', 'recommended', 'signedBy', '缺少起诉人签名或盖章', 'No signature or seal', 'practice');
  if (blank(c.date)) add('date.missing', 'recommended', 'date', '缺少起诉日期', 'No date', 'practice');

  // Filing materials: 登记立案规定 art. 6; CPL art. 123; brief §4.5.
  const m = c.materials;
  if (m !== undefined) {
    const others = c.parties.filter((p) => p.role !== 'plaintiff').length;
    if (m.complaintCopies !== undefined && m.complaintCopies < others) {
      add('materials.copies', 'required', 'materials.complaintCopies', `起诉状副本不足（需${others}份，现${m.complaintCopies}份）`, `Not enough complaint copies (need ${others}, have ${m.complaintCopies})`, 'CPL art. 123; 登记立案规定 art. 6(4)');
    }
    if (m.plaintiffIdentity === false) {
      add('materials.identity', 'required', 'materials.plaintiffIdentity', '缺少原告身份证明材料', "Missing the plaintiff's identity documents", '登记立案规定 art. 6(1)');
    }
    if (m.hasAgent === true && m.powerOfAttorney !== true) {
      add('materials.powerOfAttorney', 'required', 'materials.powerOfAttorney', '缺少授权委托书及代理人身份证明', 'Missing the power of attorney and agent identity', '登记立案规定 art. 6(2)');
    }
    if (m.evidenceList === false) {
      add('materials.evidenceList', 'recommended', 'materials.evidenceList', '缺少证据清单', 'Missing the evidence list', '登记立案规定 art. 6(5)');
    }
    if (m.addressConfirmation === false) {
      add('materials.addressConfirmation', 'recommended', 'materials.addressConfirmation', '缺少送达地址确认书', 'Missing the address-for-service confirmation', 'CPL-Interp art. 136');
    }
    if (m.labourCase === true && m.arbitrationAwardOrDecision !== true) {
      add('materials.arbitration', 'required', 'materials.arbitrationAwardOrDecision', '缺少劳动仲裁裁决书或不予受理通知书', 'Missing the labour arbitration award or non-acceptance decision', '劳动争议调解仲裁法 arts. 5, 50');
    }
  }

  const requiredCount = items.filter((x) => x.severity === 'required').length;
  return { complete: requiredCount === 0, items, requiredCount, recommendedCount: items.length - requiredCount };
}

export interface DefectNoticeOptions {
  /** Days allowed to cure, fixed by the court (登记立案规定 art. 7). */
  readonly cureDays: number;
  readonly court?: string;
  readonly addressee?: string;
  /** Include recommended items under a separate heading. Default false. */
  readonly includeRecommended?: boolean;
}

/**
 * The one-time written notice of defects (一次性书面告知, 登记立案规定 art. 7): every required
 * item at once, numbered 一、二、三…, with the cure deadline. Throws if nothing is missing.
 */
export function buildDefectNotice(result: CompletenessResult, options: DefectNoticeOptions): string {
  if (!Number.isInteger(options.cureDays) || options.cureDays < 1 || options.cureDays > 90) {
    throw new RuleInputError('cureDays must be 1–90', '补正期限应为1至90日');
  }
  const required = result.items.filter((i) => i.severity === 'required');
  const recommended = result.items.filter((i) => i.severity === 'recommended');
  if (required.length === 0 && (options.includeRecommended !== true || recommended.length === 0)) {
    throw new RuleInputError('Nothing to notify: the complaint has no defects', '起诉材料无须补正');
  }
  const lines: string[] = [];
  lines.push('补正通知书（一次性书面告知）');
  if (options.addressee !== undefined) lines.push(`${options.addressee}：`);
  lines.push('经审查，你方提交的起诉材料存在下列需要补正的事项，现一次性告知如下：');
  required.forEach((it, i) => lines.push(`${toChineseInteger(i + 1)}、${it.zh}；`));
  if (options.includeRecommended === true && recommended.length > 0) {
    lines.push('另，建议一并补充下列事项：');
    recommended.forEach((it, i) => lines.push(`（${toChineseInteger(i + 1)}）${it.zh}；`));
  }
  lines.push(
    `请于收到本通知之日起${toChineseInteger(options.cureDays)}日内一并补正。逾期不补正的，将退回诉状并记录在册；坚持起诉的，依法裁定不予受理。`,
  );
  lines.push('依据：《最高人民法院关于人民法院登记立案若干问题的规定》第七条、《中华人民共和国民事诉讼法》第一百二十四条。');
  if (options.court !== undefined) lines.push(options.court);
  return lines.join('\n');
}
