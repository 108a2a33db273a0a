import type { CourtProfile } from '../../../shared/contract/app';
import type { CaseDetail, Party } from '../../../shared/contract/cases';
import type { DraftOptions, DraftSection, DraftingSettings } from '../../../shared/contract/drafting';
import type { CaseFee, Extraction } from '../../../shared/contract/intake';
import { findCauseByName } from '../../../shared/rules/causes';
import { computeFee, type Closing, type FeeKind, type FeeSettings, type Procedure as FeeProcedure } from '../../../shared/rules/fees';
import { fenToYuan } from '../../../shared/rules/money';
import { formatArabicChineseDate, formatChineseDate, toChineseInteger } from '../../../shared/rules/numerals';
import { LAW_ALIASES, parseBasis } from '../precedents/statutes';
import { FLAGS, formText, type CitationDef, type Flag, type Template, type TemplateSet, type Variable } from './templates';

/** Marks text only the judge can supply; proofreading flags any that remain. */
export const TODO = (what: string) => `【待补充：${what}】`;
export const TODO_RE = /【待补充[^】]*】/g;

/** Everything a deterministic fill reads; gathered by the service so this module stays pure. */
export interface FillInput {
  readonly case: CaseDetail;
  readonly court: CourtProfile;
  readonly settings: DraftingSettings;
  /** The fee computed and stored at registration (repos/intake.ts), if the case was registered. */
  readonly fee: CaseFee | null;
  readonly feeSettings: FeeSettings;
  readonly extraction: Extraction | null;
  /** Due date of the tracked evidence period, if any. */
  readonly evidenceDue: string | null;
  /** Whether an answer (答辩状) is on file. */
  readonly hasAnswer: boolean;
  readonly documentDate: string;
  readonly options: DraftOptions;
}

interface Value {
  readonly text: string;
  readonly note?: string;
}

const ROLE_LABEL: Readonly<Record<Party['role'], string>> = { plaintiff: '原告', defendant: '被告', third_party: '第三人' };
export const PROCEDURE_NAME = { ordinary: '普通程序', simplified: '简易程序', small_claims: '小额诉讼程序' } as const;
const FEE_PROCEDURE: Readonly<Record<keyof typeof PROCEDURE_NAME, FeeProcedure>> = {
  ordinary: 'ordinary',
  simplified: 'simplified',
  small_claims: 'small-claims',
};

/** Yuan as judgments write a fee: 1050 (no .00), 2111.10. */
export function yuanText(fen: number): string {
  const s = fenToYuan(fen);
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

const names = (ps: readonly Party[]) => ps.map((p) => p.name).join('、');
const byRole = (c: CaseDetail, role: Party['role']) => c.parties.filter((p) => p.role === role);

function agentDesc(a: Party['agents'][number], party: Party): string {
  switch (a.kind) {
    case 'lawyer':
      return a.firm ? `${a.firm}律师` : '律师';
    case 'legal_worker':
      return a.firm ? `${a.firm}法律工作者` : '基层法律服务工作者';
    case 'relative':
      return `${party.name}的近亲属`;
    case 'employee':
      return `${party.name}的工作人员`;
    default:
      return a.firm;
  }
}

/** One paragraph per person, plaintiffs → defendants → third parties (brief §5.2 row 4). */
export function partiesBlock(c: CaseDetail): string {
  const lines: string[] = [];
  for (const role of ['plaintiff', 'defendant', 'third_party'] as const) {
    for (const p of byRole(c, role)) {
      const bits: string[] = [p.name];
      if (p.kind === 'natural') {
        if (p.gender) bits.push(p.gender === 'male' ? '男' : '女');
        if (p.birthDate) bits.push(`${formatArabicChineseDate(p.birthDate)}出生`);
        if (p.ethnicity) bits.push(p.ethnicity);
        if (p.address) bits.push(`住${p.address}`);
      } else if (p.address) bits.push(`住所地${p.address}`);
      lines.push(`${ROLE_LABEL[role]}：${bits.join('，')}。`);
      if (p.kind !== 'natural' && p.legalRep) {
        const label = p.kind === 'legal' ? '法定代表人' : /经营者/.test(p.legalRepTitle) ? '经营者' : '主要负责人';
        const title = p.legalRepTitle && p.legalRepTitle !== '经营者' ? `，${p.legalRepTitle}` : '';
        lines.push(`${label}：${p.legalRep}${title}。`);
      }
      for (const a of p.agents) {
        const d = agentDesc(a, p);
        lines.push(`委托诉讼代理人：${a.name}${d ? `，${d}` : ''}。`);
      }
    }
  }
  return lines.length ? lines.join('\n') : TODO('当事人');
}

function appearance(c: CaseDetail): string {
  const parts: string[] = [];
  for (const role of ['plaintiff', 'defendant', 'third_party'] as const) {
    for (const p of byRole(c, role)) {
      const agents = p.agents.map((a) => a.name).join('、');
      if (!agents) parts.push(`${ROLE_LABEL[role]}${p.name}`);
      else parts.push(`${ROLE_LABEL[role]}${p.name}${p.kind === 'natural' ? '及其' : '的'}委托诉讼代理人${agents}`);
    }
  }
  return parts.length ? `${parts.join('，')}到庭参加诉讼。` : '';
}

const COST_CLAIM = /诉讼费|受理费|保全费|公告费/;
const trimEnd = (s: string) => s.trim().replace(/[。；;，,、\s]+$/, '');

/** Claims as filed: "1.…；2.…。" (brief §5.2 row 6). */
export function claimsList(c: CaseDetail): string {
  const items = [...c.claims].sort((a, b) => a.seq - b.seq).map((cl) => trimEnd(cl.text)).filter(Boolean);
  if (!items.length) return `${TODO('诉讼请求')}。`;
  return `${items.map((t, i) => `${i + 1}.${t}`).join('；')}。`;
}

/** Chinese item number for the operative part: 一、二、… (brief §5.3). */
export function itemNumber(i: number): string {
  return `${toChineseInteger(i + 1)}、`;
}

/** Numbers items 一、…；二、…。 or leaves a single item unnumbered (brief §5.3). */
export function numberItems(items: readonly string[]): string {
  const clean = items.map(trimEnd).filter(Boolean);
  if (clean.length === 1) return `${clean[0]}。`;
  return clean.map((t, i) => `${itemNumber(i)}${t}${i === clean.length - 1 ? '。' : '；'}`).join('\n');
}

const MONEY_VERB = /支付|偿还|返还|赔偿|给付|归还|退还|补偿/;

/** The relief a claim asks for, without "判令被告…": 偿还借款本金50000元. */
function reliefOf(text: string, defendants: readonly Party[]): { rest: string; judged: boolean } {
  let t = trimEnd(text);
  const m = /^(?:请求|恳请|诉请)?(?:人民法院|法院|贵院)?(?:依法)?判令(.*)$/.exec(t);
  if (!m) return { rest: t, judged: false };
  t = (m[1] ?? '').trim();
  t = t.replace(/^(?:各)?被告(?:人)?/, '');
  for (const d of defendants) if (t.startsWith(d.name)) t = t.slice(d.name.length);
  return { rest: t.replace(/^[，,、]/, ''), judged: true };
}

/** 判决主文 drafted as granting every claim (the judge adjusts it); costs claims go to the costs line. */
export function operativeItems(c: CaseDetail, mode: 'judgment' | 'mediation'): string {
  const d = byRole(c, 'defendant');
  const p = byRole(c, 'plaintiff');
  const dn = names(d) || TODO('被告');
  const pn = names(p) || TODO('原告');
  const items: string[] = [];
  for (const cl of [...c.claims].sort((a, b) => a.seq - b.seq)) {
    if (COST_CLAIM.test(cl.text)) continue;
    const { rest, judged } = reliefOf(cl.text, d);
    if (!rest) continue;
    const money = (cl.amountFen ?? 0) > 0 || MONEY_VERB.test(rest);
    const verbFirst = rest.replace(/^向原告[^，,]*?(?=支付|偿还|返还|赔偿|给付|归还|退还|补偿)/, '');
    if (mode === 'mediation') {
      items.push(money ? `被告${dn}于${TODO('履行期限')}前向原告${pn}${verbFirst}` : `被告${dn}${rest}`);
    } else if (money) {
      items.push(`被告${dn}于本判决生效之日起十日内向原告${pn}${verbFirst}`);
    } else items.push(judged ? `被告${dn}${rest}` : rest);
  }
  if (!items.length) return mode === 'mediation' ? `${TODO('调解协议内容')}。` : `${TODO('判决主文')}。`;
  return numberItems(items);
}

/** Whether the operative part orders money to be paid (the late-payment sentence applies). */
export function isMoneyCase(c: CaseDetail): boolean {
  return c.claims.some((cl) => !COST_CLAIM.test(cl.text) && ((cl.amountFen ?? 0) > 0 || MONEY_VERB.test(cl.text)));
}

/** Wraps a long title that itself holds 《》 so the outer marks stay unambiguous (〈〉 inside). */
export function bookTitle(title: string): string {
  return `《${title.replace(/《/g, '〈').replace(/》/g, '〉')}》`;
}

/**
 * 裁判依据 from the elements of the cause (resources/causes/causes.json): laws before judicial
 * interpretations, substantive before procedural (2009 SPC citation rules, brief §5.1).
 */
const MAX_BASIS_PER_LAW = 6;

export function basisFromCause(cause: string): string | null {
  const node = findCauseByName(cause);
  if (!node || !node.elements.length) return null;
  const byLaw = new Map<string, number[]>();
  for (const el of node.elements) {
    for (const { law, numbers } of parseBasis(el.basis)) {
      const title = LAW_ALIASES[law] ?? law;
      const list = byLaw.get(title) ?? [];
      // The first articles of each element, in element order: the core rules of the cause, not every
      // validity or guarantee rule behind it (the judge adds what the case needs).
      for (const n of numbers.slice(0, 2)) if (!list.includes(n) && list.length < MAX_BASIS_PER_LAW) list.push(n);
      byLaw.set(title, list);
    }
  }
  const rank = (t: string) => (/民事诉讼法$/.test(t) ? 2 : /^最高人民法院/.test(t) ? 3 : /^中华人民共和国/.test(t) ? 0 : 1);
  const laws = [...byLaw.entries()].filter(([, ns]) => ns.length).sort((a, b) => rank(a[0]) - rank(b[0]));
  if (!laws.length) return null;
  return laws
    .map(([t, ns]) => `${bookTitle(t)}${[...ns].sort((a, b) => a - b).map((n) => `第${toChineseInteger(n)}条`).join('、')}`)
    .join('，');
}

function reasoningScaffold(c: CaseDetail): string {
  const cause = c.causeOfAction || '本案纠纷';
  const node = findCauseByName(c.causeOfAction);
  const lines = [`本案系${cause}。根据当事人的诉辩意见，本案的争议焦点为：${TODO('争议焦点')}。`];
  if (node?.elements.length) {
    lines.push(`结合${cause}的构成要件，本院分析如下：`);
    node.elements.forEach((el, i) => {
      const topic = el.zh.split(/[：:（(；;，,]/)[0]!.trim();
      lines.push(`（${toChineseInteger(i + 1)}）关于${topic}的问题。${TODO('分析意见')}`);
    });
  } else lines.push(TODO('说理'));
  lines.push(`综上所述，${TODO('结论')}。`);
  return lines.join('\n');
}

function findingsScaffold(c: CaseDetail, e: Extraction | null): string {
  const lines = [TODO('对有争议的证据和事实的认定')];
  const ev = (e?.evidence ?? []).map((x) => trimEnd(x.name.value)).filter(Boolean);
  if (ev.length) {
    const who = names(byRole(c, 'plaintiff')) || '原告';
    lines.push(`原告${who}为证明其主张，提交了以下证据：${ev.map((x, i) => `${i + 1}.${x}`).join('；')}。`);
  }
  lines.push(`根据当事人陈述和经审查确认的证据，本院认定事实如下：${TODO('经审理查明的事实')}。`);
  return lines.join('\n');
}

function defenseScaffold(c: CaseDetail, hasAnswer: boolean): string {
  const ds = byRole(c, 'defendant');
  if (!ds.length) return `被告辩称，${TODO('答辩意见')}。`;
  return ds
    .map((d) =>
      hasAnswer
        ? `被告${d.name}辩称，${TODO('答辩意见（见答辩状）')}。`
        : `被告${d.name}辩称，${TODO(`答辩意见；未答辩的，写“被告${d.name}未作答辩。”`)}。`,
    )
    .join('\n');
}

/** 上一级法院: 广东省深圳市南山区人民法院 → 广东省深圳市中级人民法院 (brief §5.5); null when unclear. */
export function deriveAppealCourt(courtName: string): string | null {
  const m = /^(.+?(?:省|自治区))(.+?(?:市|自治州|地区|盟)).+?(?:区|县|市|旗)人民法院$/.exec(courtName);
  return m ? `${m[1]}${m[2]}中级人民法院` : null;
}

export interface CostFigures {
  readonly feeFen: number;
  readonly fullFeeFen: number;
  readonly halved: boolean;
  readonly note: string;
}

/**
 * The acceptance fee the document must state: the fee computed at registration for a judgment;
 * for mediation and withdrawal the same basis settled under Fee Measures art. 15 (halved).
 */
export function costFigures(closing: Template['closing'], input: FillInput): CostFigures | null {
  if (closing === 'none') return null;
  const c = input.case;
  const procedure = c.procedure ? FEE_PROCEDURE[c.procedure] : undefined;
  const claimTotal = c.claims.reduce((s, cl) => s + (cl.amountFen ?? 0), 0);
  const amount = input.fee ? input.fee.amountFen : claimTotal > 0 ? claimTotal : null;
  const kind: FeeKind = input.fee?.kind ?? (amount !== null ? 'property' : 'other-non-property');
  if (closing === 'judgment' && input.fee) {
    return { feeFen: input.fee.feeFen, fullFeeFen: input.fee.fullFeeFen, halved: input.fee.halved, note: '受理费取自立案时计算的结果。' };
  }
  try {
    const r = computeFee(
      { kind, amount, ...(procedure ? { procedure } : {}), closing: closing as Closing },
      input.feeSettings,
    );
    const why = input.fee ? '按立案时的计费基数' : '立案时未计算受理费，按诉讼请求金额';
    return { feeFen: r.feeFen, fullFeeFen: r.fullFeeFen, halved: r.halved, note: `${why}计算（${r.article}）。` };
  } catch {
    return null;
  }
}

function hearingDateTime(o: DraftOptions): string {
  if (!o.hearingDate) return TODO('开庭时间');
  const base = formatArabicChineseDate(o.hearingDate);
  if (!o.hearingTime) return `${base}${TODO('时刻')}`;
  const [h, m] = o.hearingTime.split(':').map(Number) as [number, number];
  return `${base}${h}时${m ? `${m}分` : ''}`;
}

function recipient(c: CaseDetail, id: string | undefined): { name: string; agent: boolean } | null {
  if (!id) return null;
  for (const p of c.parties) {
    if (p.id === id) return { name: p.name, agent: false };
    for (const a of p.agents) if (a.id === id) return { name: a.name, agent: true };
  }
  return null;
}

/** Computes every template value for one draft. */
export function variables(t: Template, input: FillInput): { values: Record<Variable, Value>; flags: Set<Flag> } {
  const c = input.case;
  const pl = byRole(c, 'plaintiff');
  const df = byRole(c, 'defendant');
  const tp = byRole(c, 'third_party');
  const cost = costFigures(t.closing, input);
  const settingsAppeal = input.settings.appealCourt.trim();
  const derivedAppeal = settingsAppeal ? null : deriveAppealCourt(input.court.name.trim());
  const to = recipient(c, input.options.recipientId);
  const addressee =
    to?.name ??
    (t.kind === 'notice_acceptance'
      ? names(pl)
      : t.kind === 'notice_respond'
        ? names(df)
        : t.kind === 'appearance_notice'
          ? ''
          : c.parties.map((p) => p.name).join('、'));
  let jurisdictionFee = TODO('申请费');
  try {
    jurisdictionFee = yuanText(computeFee({ kind: 'jurisdiction-objection' }, input.feeSettings).feeFen);
  } catch {
    // Settings outside the statutory range: leave it to the judge.
  }
  const basis = basisFromCause(c.causeOfAction);
  const factsText = input.extraction?.factsAndReasons?.value.trim() ?? '';
  const values: Record<Variable, Value> = {
    courtName: { text: input.court.name.trim() || TODO('法院名称（设置 → 法院）') },
    appealCourt: settingsAppeal
      ? { text: settingsAppeal }
      : derivedAppeal
        ? { text: derivedAppeal, note: `上诉法院按本院名称推定为${derivedAppeal}，可在文书设置中更改。` }
        : { text: TODO('上一级法院全称（文书设置）') },
    caseNumber: { text: c.caseNumber || TODO('案号') },
    docName: { text: t.name },
    partiesBlock: { text: partiesBlock(c) },
    plaintiffs: { text: names(pl) || TODO('原告') },
    defendants: { text: names(df) || TODO('被告') },
    thirdParties: { text: names(tp) },
    cause: { text: c.causeOfAction || TODO('案由') },
    filedOn: { text: c.filedOn ? formatArabicChineseDate(c.filedOn) : TODO('立案日期') },
    procedureName: { text: c.procedure ? PROCEDURE_NAME[c.procedure] : TODO('审理程序') },
    hearingMode: { text: input.options.publicHearing === false ? '不公开开庭' : '公开开庭' },
    appearance: { text: appearance(c) },
    claimsList: { text: claimsList(c) },
    factsAndReasons: factsText
      ? { text: factsText, note: '事实和理由取自起诉状的提取结果。' }
      : { text: `${TODO('事实和理由')}。` },
    defense: { text: defenseScaffold(c, input.hasAnswer) },
    findings: { text: findingsScaffold(c, input.extraction) },
    reasoning: { text: reasoningScaffold(c) },
    basis: basis
      ? { text: basis, note: '裁判依据取自案由要件的法律依据，请核对是否全部适用。' }
      : { text: TODO('法律依据，如《中华人民共和国民法典》第×条') },
    operativeItems: { text: operativeItems(c, 'judgment') },
    mediationItems: { text: operativeItems(c, 'mediation') },
    fee: cost ? { text: yuanText(cost.feeFen), note: cost.note } : { text: TODO('受理费') },
    feeFull: cost ? { text: yuanText(cost.fullFeeFen) } : { text: TODO('受理费') },
    jurisdictionFee: { text: jurisdictionFee },
    documentDateZh: { text: formatChineseDate(input.documentDate) },
    clerk: { text: c.clerk || TODO('书记员') },
    judge: { text: c.judge || TODO('承办法官') },
    addressee: { text: addressee || TODO('受送达人') },
    evidenceDeadline: input.evidenceDue
      ? { text: formatArabicChineseDate(input.evidenceDue), note: '举证期限取自立案时登记的期限。' }
      : { text: TODO('举证期限届满日') },
    hearingDateTime: { text: hearingDateTime(input.options) },
    hearingPlace: { text: input.options.hearingPlace?.trim() || TODO('开庭地点，如本院第×法庭') },
    capacity: { text: input.options.capacity?.trim() || (to?.agent ? '委托诉讼代理人' : TODO('出庭身份，如证人')) },
    contactPhone: { text: input.settings.contactPhone.trim() || TODO('联系电话') },
    courtAddress: { text: input.settings.courtAddress.trim() || TODO('本院地址') },
  };
  const flags = new Set<Flag>();
  if (isMoneyCase(c)) flags.add('money');
  if (c.procedure === 'small_claims') flags.add('smallClaims');
  if (c.procedure === 'simplified') flags.add('simplified');
  if (c.procedure === 'ordinary') flags.add('ordinary');
  if (cost?.halved) flags.add('halved');
  if (cost) flags.add('hasFee');
  if (tp.length) flags.add('hasThirdParty');
  if (input.options.publicHearing !== false) flags.add('publicHearing');
  return { values, flags };
}

/** The article label in force on `date`: 第二百六十四条, 第一百五十七条第一款第五项. */
export function citeLabel(def: CitationDef, date: string): string {
  const v = def.versions.find((x) => x.from <= date) ?? def.versions.at(-1)!;
  return `第${toChineseInteger(v.article)}条${v.paragraph ? `第${toChineseInteger(v.paragraph)}款` : ''}${v.item ? `第${toChineseInteger(v.item)}项` : ''}`;
}

function holds(when: string | undefined, flags: ReadonlySet<Flag>): boolean {
  if (!when) return true;
  const neg = when.startsWith('!');
  const f = (neg ? when.slice(1) : when) as Flag;
  if (!(FLAGS as readonly string[]).includes(f)) return false;
  return neg ? !flags.has(f) : flags.has(f);
}

export interface RenderContext {
  readonly template: Template;
  readonly set: TemplateSet;
  readonly values: Readonly<Record<Variable, Value>>;
  readonly flags: ReadonlySet<Flag>;
  readonly date: string;
}

/** Fills a form: {name}, {@sentence}, {cite:key}. Notes of the values used are collected. */
export function render(form: string, rc: RenderContext, notes: Set<string>, depth = 0): string {
  return form.replace(/\{(@|cite:)?([A-Za-z][A-Za-z0-9]*)\}/g, (_m, prefix: string | undefined, name: string) => {
    if (prefix === '@') {
      const s = rc.template.sentences[name];
      if (!s || depth > 4 || !holds(s.when, rc.flags)) return '';
      return render(formText(s.text), rc, notes, depth + 1);
    }
    if (prefix === 'cite:') {
      const def = rc.set.citations[name];
      return def ? citeLabel(def, rc.date) : '';
    }
    const v = rc.values[name as Variable];
    if (!v) return '';
    if (v.note) notes.add(v.note);
    return v.text;
  });
}

export function needsInput(text: string): boolean {
  return /【待补充/.test(text);
}

/** One section, filled; `override` replaces a value (a model's text for a generated section). */
export function fillSection(rc: RenderContext, sectionId: string, override?: { variable: Variable; text: string }): DraftSection {
  const def = rc.template.sections.find((s) => s.id === sectionId);
  if (!def) throw new Error(`Template ${rc.template.file} has no section ${sectionId}`);
  const notes = new Set<string>(def.notes);
  const values = override ? { ...rc.values, [override.variable]: { text: override.text } } : rc.values;
  const text = holds(def.when, rc.flags) ? render(formText(def.text), { ...rc, values }, notes).replace(/\n{2,}/g, '\n').trim() : '';
  return {
    id: def.id,
    title: def.title,
    kind: def.kind,
    layout: def.layout,
    text,
    source: def.kind === 'fixed' ? 'template' : 'rules',
    needsInput: needsInput(text),
    generatable: def.prompt !== undefined,
    notes: [...notes],
    citations: [],
  };
}

export function renderContext(set: TemplateSet, t: Template, input: FillInput): RenderContext {
  const { values, flags } = variables(t, input);
  return { template: t, set, values, flags, date: input.documentDate };
}

/** Fills every section of a template from the case: the deterministic draft. */
export function fillDraft(set: TemplateSet, t: Template, input: FillInput): DraftSection[] {
  const rc = renderContext(set, t, input);
  return t.sections.map((s) => fillSection(rc, s.id));
}

/** The template variable a generated section's model text stands in for. */
export function generatedVariable(sectionId: string): Variable | null {
  const map: Readonly<Record<string, Variable>> = {
    claims: 'factsAndReasons',
    defense: 'defense',
    findings: 'findings',
    reasoning: 'reasoning',
  };
  return map[sectionId] ?? null;
}
