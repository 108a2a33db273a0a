/**
 * Mediation difficulty (调解难度) as a pure, explainable factor model (brief §6.3–6.4).
 *
 * 1. `extractFactors` reads a case (fields, summary, claims, document texts) and returns the
 *    factors present, each with its numeric input x and the spans it rests on.
 * 2. `scoreFactors` combines them with a logistic model: logit = intercept + Σ wᵢ·xᵢ, so every
 *    factor's contribution wᵢ·xᵢ is exactly its push on the log-odds and the chart adds up.
 *
 * Weights come from resources/mediation/prior.json (documented, with which are judgment calls)
 * until the court's own history is large enough to fit them (electron/backend/mediation/fit.ts).
 * Dependency-free so the renderer could score instantly too; these are soft triage signals.
 */
import { z } from 'zod';
import priorData from '../../resources/mediation/prior.json';
import suggestionData from '../../resources/mediation/suggestions.json';
import type { Direction, Factor, FactorSource, MediationLevel, Suggestion } from '../contract/mediation';
import { formatYuan } from './money';

// ---------------------------------------------------------------------------------------------
// Prior and suggestion data
// ---------------------------------------------------------------------------------------------

const PriorFactorSchema = z.object({
  id: z.string().min(1),
  group: z.string().min(1),
  zh: z.string().min(1),
  en: z.string().min(1),
  weight: z.number(),
  learnable: z.boolean(),
  judgment: z.boolean(),
  basis: z.string().min(1),
  basisZh: z.string().min(1),
});
const PriorSchema = z.object({
  schema: z.literal('courtdesk.mediation-prior/1'),
  version: z.number().int().min(1),
  intercept: z.object({ weight: z.number(), basis: z.string(), basisZh: z.string(), judgment: z.boolean() }),
  levels: z.object({ easy: z.number().min(0).max(1), hard: z.number().min(0).max(1), basis: z.string(), basisZh: z.string() }),
  factors: z.array(PriorFactorSchema).min(1),
});
export type PriorFactor = z.infer<typeof PriorFactorSchema>;
export type Prior = z.infer<typeof PriorSchema>;

const SuggestionSchema = z.object({
  schema: z.literal('courtdesk.mediation-suggestions/1'),
  suggestions: z.array(
    z.object({ id: z.string(), factors: z.array(z.string()).min(1), zh: z.string(), en: z.string(), basis: z.string(), basisZh: z.string() }),
  ),
});

function parsePrior(data: unknown): Prior {
  const p = PriorSchema.parse(data);
  const ids = new Set<string>();
  for (const f of p.factors) {
    if (ids.has(f.id)) throw new Error(`prior.json: duplicate factor ${f.id}`);
    ids.add(f.id);
  }
  if (!(p.levels.hard < p.levels.easy)) throw new Error('prior.json: levels.hard must be below levels.easy');
  return p;
}

export const PRIOR: Prior = parsePrior(priorData);
export const PRIOR_BY_ID: ReadonlyMap<string, PriorFactor> = new Map(PRIOR.factors.map((f) => [f.id, f]));
const SUGGESTIONS = SuggestionSchema.parse(suggestionData).suggestions;

/** Factor ids the fit may change; the legal bar stays fixed (it is law, not a tendency). */
export const LEARNABLE_FACTORS: readonly string[] = PRIOR.factors.filter((f) => f.learnable).map((f) => f.id);

export interface ModelWeights {
  readonly intercept: number;
  /** Factor id → log-odds per unit x; ids missing here fall back to the prior. */
  readonly weights: Readonly<Record<string, number>>;
}

export function priorWeights(): ModelWeights {
  return { intercept: PRIOR.intercept.weight, weights: Object.fromEntries(PRIOR.factors.map((f) => [f.id, f.weight])) };
}

export const DISCLAIMER = {
  zh: '仅供参考：本评估依据案件材料中的线索和统计规律估算，不代表案件结果，调解须坚持自愿、合法原则（民事诉讼法第九十六条、第九十九条）。',
  en: 'Reference only: an estimate from cues in the case file and statistical tendencies. It does not predict the outcome; mediation must stay voluntary and lawful (CPL arts. 96, 99).',
} as const;

// ---------------------------------------------------------------------------------------------
// Case input and cue matching
// ---------------------------------------------------------------------------------------------

export interface MediationCaseInput {
  readonly caseNumber: string;
  readonly causeOfAction: string;
  readonly summary: string;
  readonly parties: ReadonlyArray<{
    readonly id: string;
    readonly role: 'plaintiff' | 'defendant' | 'third_party';
    readonly kind: 'natural' | 'legal' | 'organization';
    readonly name: string;
    readonly agents: ReadonlyArray<{ readonly kind: string }>;
  }>;
  readonly claims: ReadonlyArray<{ readonly id: string; readonly text: string; readonly amountFen: number | null }>;
  readonly documents: ReadonlyArray<{ readonly id: string; readonly title: string; readonly text: string }>;
  /** Evidence items listed for the case (review). */
  readonly evidenceCount: number;
}

/** One factor found in a case, before weighting. */
export interface ExtractedFactor {
  readonly id: string;
  readonly x: number;
  readonly value: string;
  readonly valueEn: string;
  readonly sources: readonly FactorSource[];
}

interface TextSource {
  readonly kind: 'summary' | 'claim' | 'document';
  readonly ref: string | null;
  readonly label: string;
  readonly text: string;
}

interface CueHit {
  readonly cue: string;
  readonly source: FactorSource;
}

/** Characters that negate a cue when they come just before it (未申请保全, 不同意调解…). */
const NEGATION = /[不未没无非拒否勿]/;
const CONTEXT = 16;
/** Each document is scanned up to this many characters: cues sit in pleadings, not in appendices. */
const MAX_SCAN = 200_000;

function quoteAround(text: string, start: number, end: number): Pick<FactorSource, 'quote' | 'highlight'> {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  // Line breaks and runs of spaces would break the one-line quote; collapse them piece by piece
  // so the cue's place inside the quote stays known.
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const head = `${from > 0 ? '…' : ''}${squash(text.slice(from, start))}`;
  const cue = squash(text.slice(start, end));
  const tail = `${squash(text.slice(end, to))}${to < text.length ? '…' : ''}`;
  return { quote: head + cue + tail, highlight: { start: head.length, end: head.length + cue.length } };
}

/**
 * The first non-negated occurrence of each cue across the sources (summary, claims, documents in
 * that order), so each cue is counted once however often it appears.
 */
function findCues(sources: readonly TextSource[], cues: readonly string[], negatable = true): CueHit[] {
  const hits: CueHit[] = [];
  for (const cue of cues) {
    let found: CueHit | null = null;
    for (const s of sources) {
      const text = s.text.length > MAX_SCAN ? s.text.slice(0, MAX_SCAN) : s.text;
      let i = text.indexOf(cue);
      while (i >= 0) {
        const before = text.slice(Math.max(0, i - 3), i);
        if (!negatable || !NEGATION.test(before)) {
          found = {
            cue,
            source: { kind: s.kind, ref: s.ref, label: s.label, ...quoteAround(text, i, i + cue.length), offset: { start: i, end: i + cue.length } },
          };
          break;
        }
        i = text.indexOf(cue, i + 1);
      }
      if (found) break;
    }
    if (found) hits.push(found);
  }
  return hits;
}

function fieldSource(label: string, value: string, ref: string | null = null, kind: FactorSource['kind'] = 'field'): FactorSource {
  return { kind, ref, label, quote: value, highlight: null, offset: null };
}

// ---------------------------------------------------------------------------------------------
// Cue tables (brief §6.4, §7). Keep each list short and specific: a cue that fires on ordinary
// pleading language would push every case the same way and explain nothing.
// ---------------------------------------------------------------------------------------------

const BAR_CAUSE = /确认婚姻无效|婚姻无效|撤销婚姻|宣告失踪|宣告死亡|民事行为能力|财产无主|支付令|督促程序|公示催告|实现担保物权|亲子关系|选民资格/;
const BAR_NUMBER = /民特|民督|民催/;

const CAUSE_GROUPS: ReadonlyArray<{ id: string; re: RegExp }> = [
  { id: 'cause.family', re: /离婚|婚姻|抚养|赡养|扶养|继承|遗嘱|分家析产|同居关系|婚约财产|夫妻财产|探望权|监护权/ },
  { id: 'cause.neighbour', re: /相邻/ },
  { id: 'cause.smallDebt', re: /物业服务|供用水|供用电|供用气|供用热力|电信服务|网络服务/ },
  { id: 'cause.traffic', re: /交通事故/ },
  { id: 'cause.financial', re: /金融借款|信用卡|银行卡|融资租赁/ },
  { id: 'cause.labour', re: /劳动争议|劳动合同|劳动报酬|经济补偿|工伤|劳动关系/ },
];

const REL_ORDER = ['family', 'neighbour', 'employment', 'business', 'strangers'] as const;
type Rel = (typeof REL_ORDER)[number];
const REL_LABEL: Record<Rel, { zh: string; en: string }> = {
  family: { zh: '亲属', en: 'family' },
  neighbour: { zh: '邻里', en: 'neighbours' },
  employment: { zh: '劳动（雇佣）', en: 'employment' },
  business: { zh: '持续的商业往来', en: 'ongoing business' },
  strangers: { zh: '素不相识', en: 'strangers' },
};
const REL_BY_CAUSE: ReadonlyArray<{ rel: Rel; re: RegExp }> = [
  { rel: 'family', re: /离婚|婚姻|抚养|赡养|扶养|继承|遗嘱|分家析产|同居关系|夫妻财产|探望权/ },
  { rel: 'neighbour', re: /相邻/ },
  { rel: 'employment', re: /劳动|劳务|工伤/ },
  { rel: 'strangers', re: /交通事故/ },
];
const REL_CUES: Record<Rel, readonly string[]> = {
  family: ['夫妻', '配偶', '登记结婚', '前夫', '前妻', '父子', '父女', '母子', '母女', '兄弟', '姐妹', '兄妹', '姐弟', '婆媳', '岳父', '岳母', '亲属', '亲戚', '堂兄', '表兄', '表姐', '舅舅', '叔叔'],
  neighbour: ['邻居', '邻里', '相邻', '楼上住户', '楼下住户', '隔壁', '同村村民'],
  employment: ['入职', '用人单位', '劳动合同', '雇佣', '雇主'],
  business: ['长期合作', '多年合作', '业务往来', '长期供货', '合作关系', '多次交易', '长期业务'],
  strangers: ['素不相识', '互不相识', '陌生人'],
};

const ABSENT_CUES = ['公告送达', '下落不明', '去向不明', '无法联系', '无法送达', '查无此人', '拒不到庭', '缺席审理', '缺席判决', '音讯全无', '失联'];
const REFUSAL_CUES = ['拒绝调解', '不同意调解', '不愿调解', '不接受调解', '拒绝和解', '不同意和解'];
const WILLING_CUES = ['愿意调解', '同意调解', '愿意协商', '同意和解', '希望调解', '愿意和解', '申请调解', '愿意分期', '有还款意愿'];
const CONFLICT_CUES = ['家庭暴力', '家暴', '殴打', '打伤', '辱骂', '威胁', '恐吓', '报警', '积怨', '矛盾激化', '情绪激动', '出轨', '婚外情', '第三者', '上访', '扬言', '闹事', '人身安全保护令'];
const CONTESTED_CUES = ['抚养权', '争夺', '共同财产', '分割财产', '房产归属', '财产分割'];
const PRIOR_FAILED_CUES = ['诉前调解未果', '诉前调解不成', '调解未果', '调解不成', '调解无果', '调解失败', '未能达成调解', '未达成调解协议', '调解未成功'];
const WRITTEN_CUES = ['借条', '欠条', '借据', '收条', '还款承诺', '对账单', '结算单', '确认书', '书面合同', '合同书', '协议书', '事故认定书', '责任认定书', '交警认定', '转账', '银行流水', '仲裁裁决书'];
const DISPUTED_CUES = ['否认', '不予认可', '不认可', '有异议', '伪造', '并非本人', '不是本人', '从未借', '已归还', '已偿还', '已还清', '已付清', '已支付完毕'];
const ADMITTED_CUES = ['认可欠款', '承认欠款', '确认欠款', '认可借款', '承认借款', '无异议', '认可尚欠', '同意还款'];
const PRESERVATION_CUES = ['财产保全', '诉前保全', '诉讼保全', '冻结', '查封', '扣押'];
const INSURER_NAME = /保险/;
const FINANCIAL_NAME = /银行|信用社|信用合作|小额贷款|消费金融|金融|信托|融资担保|农商行/;

function cueFactor(id: string, hits: readonly CueHit[], x = 1): ExtractedFactor | null {
  if (hits.length === 0) return null;
  const cues = hits.map((h) => h.cue).join('、');
  return { id, x, value: cues, valueEn: `cue: ${cues}`, sources: hits.map((h) => h.source) };
}

function textSources(c: MediationCaseInput): TextSource[] {
  const out: TextSource[] = [];
  if (c.summary.trim()) out.push({ kind: 'summary', ref: null, label: '案情摘要', text: c.summary });
  c.claims.forEach((cl, i) => out.push({ kind: 'claim', ref: cl.id, label: `诉讼请求第${i + 1}项`, text: cl.text }));
  for (const d of c.documents) if (d.text.trim()) out.push({ kind: 'document', ref: d.id, label: d.title || '文书', text: d.text });
  return out;
}

function partySource(p: MediationCaseInput['parties'][number]): FactorSource {
  const role = p.role === 'plaintiff' ? '原告' : p.role === 'defendant' ? '被告' : '第三人';
  return fieldSource(`${role}`, p.name, p.id, 'party');
}

/** The factors present in a case, in prior.json order. */
export function extractFactors(c: MediationCaseInput): ExtractedFactor[] {
  const out: ExtractedFactor[] = [];
  const add = (f: ExtractedFactor | null) => {
    if (f && f.x !== 0) out.push(f);
  };
  const texts = textSources(c);
  const cause = c.causeOfAction.trim();
  const causeSrc = fieldSource('案由', cause);

  // Legal bars (CPL-Interp art. 143): by cause name or by the case-number type code.
  if (cause && BAR_CAUSE.test(cause)) add({ id: 'bar', x: 1, value: cause, valueEn: cause, sources: [causeSrc] });
  else if (BAR_NUMBER.test(c.caseNumber)) {
    add({ id: 'bar', x: 1, value: c.caseNumber, valueEn: c.caseNumber, sources: [fieldSource('案号', c.caseNumber)] });
  }

  if (cause) {
    for (const g of CAUSE_GROUPS) {
      if (g.re.test(cause)) {
        add({ id: g.id, x: 1, value: cause, valueEn: cause, sources: [causeSrc] });
        break;
      }
    }
  }

  // Amount: the claims' total (integer fen), on a log scale around 10,000 yuan.
  const withAmount = c.claims.filter((cl) => cl.amountFen !== null && cl.amountFen > 0);
  const totalFen = withAmount.reduce((s, cl) => s + (cl.amountFen ?? 0), 0);
  if (totalFen > 0) {
    const x = Math.max(-1, Math.min(3, Math.log10(totalFen / 100 / 10_000)));
    add({
      id: 'amount',
      x: Math.round(x * 1000) / 1000 || 0.001,
      value: `${formatYuan(totalFen)}元`,
      valueEn: `${formatYuan(totalFen)} yuan`,
      sources: withAmount.map((cl) => fieldSource(`诉讼请求第${c.claims.indexOf(cl) + 1}项`, cl.text, cl.id, 'claim')),
    });
  }

  // Relationship: the cause decides when it implies one; otherwise the strongest text cue.
  let rel: { rel: Rel; sources: FactorSource[] } | null = null;
  const byCause = REL_BY_CAUSE.find((r) => r.re.test(cause));
  if (cause && byCause) rel = { rel: byCause.rel, sources: [causeSrc] };
  else {
    for (const r of REL_ORDER) {
      const hits = findCues(texts, REL_CUES[r]);
      if (hits.length) {
        rel = { rel: r, sources: hits.slice(0, 3).map((h) => h.source) };
        break;
      }
    }
  }
  if (rel) {
    add({ id: `relationship.${rel.rel}`, x: 1, value: REL_LABEL[rel.rel].zh, valueEn: REL_LABEL[rel.rel].en, sources: rel.sources });
  }

  const n = c.parties.length;
  if (n > 2) {
    add({
      id: 'parties',
      x: Math.min(n - 2, 8),
      value: `${n} 方当事人`,
      valueEn: `${n} parties`,
      sources: c.parties.map(partySource),
    });
  }

  add(cueFactor('absent', findCues(texts, ABSENT_CUES)));
  add(cueFactor('refusal', findCues(texts, REFUSAL_CUES, false)));
  add(cueFactor('willing', findCues(texts, WILLING_CUES)));
  const conflict = findCues(texts, CONFLICT_CUES);
  add(cueFactor('conflict', conflict, Math.min(conflict.length, 3)));
  add(cueFactor('contested', findCues(texts, CONTESTED_CUES)));
  add(cueFactor('priorFailed', findCues(texts, PRIOR_FAILED_CUES, false)));

  const insurers = c.parties.filter((p) => p.role !== 'plaintiff' && INSURER_NAME.test(p.name));
  if (insurers.length) {
    add({ id: 'insurer', x: 1, value: insurers.map((p) => p.name).join('、'), valueEn: insurers.map((p) => p.name).join(', '), sources: insurers.map(partySource) });
  }
  const banks = c.parties.filter((p) => p.role === 'plaintiff' && p.kind !== 'natural' && FINANCIAL_NAME.test(p.name));
  if (banks.length) {
    add({ id: 'financialPlaintiff', x: 1, value: banks.map((p) => p.name).join('、'), valueEn: banks.map((p) => p.name).join(', '), sources: banks.map(partySource) });
  }
  const orgs = c.parties.filter((p) => p.kind !== 'natural');
  if (orgs.length) {
    add({ id: 'legalPerson', x: 1, value: orgs.map((p) => p.name).join('、'), valueEn: orgs.map((p) => p.name).join(', '), sources: orgs.map(partySource) });
  }

  add(cueFactor('evidenceWritten', findCues(texts, WRITTEN_CUES).slice(0, 4)));
  const docs = c.documents.length;
  const volume = Math.min(1, (docs + c.evidenceCount) / 10);
  if (volume > 0) {
    add({
      id: 'evidenceVolume',
      x: volume,
      value: `${docs} 份文书、${c.evidenceCount} 项证据`,
      valueEn: `${docs} document(s), ${c.evidenceCount} evidence item(s)`,
      sources: [
        ...c.documents.slice(0, 5).map((d) => fieldSource('文书', d.title, d.id, 'document')),
        ...(c.evidenceCount ? [fieldSource('证据清单', `${c.evidenceCount} 项`, null, 'evidence')] : []),
      ],
    });
  }
  add(cueFactor('disputed', findCues(texts, DISPUTED_CUES).slice(0, 4)));
  add(cueFactor('admitted', findCues(texts, ADMITTED_CUES).slice(0, 4)));
  add(cueFactor('preservation', findCues(texts, PRESERVATION_CUES).slice(0, 3)));

  const lawyer = (role: 'plaintiff' | 'defendant') =>
    c.parties.filter((p) => p.role === role && p.agents.some((a) => a.kind === 'lawyer'));
  const pl = lawyer('plaintiff');
  const df = lawyer('defendant');
  if (pl.length && df.length) {
    add({ id: 'lawyersBoth', x: 1, value: '原被告均有律师代理', valueEn: 'both sides represented by lawyers', sources: [...pl, ...df].map(partySource) });
  }
  return out;
}

/** Factor id → x, the model's input row (absent factors are 0). */
export function featureVector(factors: readonly ExtractedFactor[]): Record<string, number> {
  return Object.fromEntries(factors.map((f) => [f.id, f.x]));
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function levelOf(probability: number, thresholds: { easy: number; hard: number } = PRIOR.levels): MediationLevel {
  if (probability >= thresholds.easy) return 'easy';
  if (probability < thresholds.hard) return 'hard';
  return 'medium';
}

/** logit = intercept + Σ w·x over a feature row (used by scoring, fitting and calibration alike). */
export function logitOf(x: Readonly<Record<string, number>>, model: ModelWeights): number {
  let z = model.intercept;
  for (const [id, v] of Object.entries(x)) {
    const w = model.weights[id] ?? PRIOR_BY_ID.get(id)?.weight ?? 0;
    z += w * v;
  }
  return z;
}

export interface Scored {
  readonly logit: number;
  readonly probability: number;
  readonly level: MediationLevel;
  readonly barred: boolean;
  /** Largest |contribution| first. */
  readonly factors: Factor[];
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function scoreFactors(extracted: readonly ExtractedFactor[], model: ModelWeights = priorWeights()): Scored {
  const factors: Factor[] = extracted.map((e) => {
    const def = PRIOR_BY_ID.get(e.id);
    const weight = model.weights[e.id] ?? def?.weight ?? 0;
    const contribution = weight * e.x;
    const direction: Direction = contribution > 1e-9 ? 'easier' : contribution < -1e-9 ? 'harder' : 'neutral';
    return {
      id: e.id,
      group: def?.group ?? 'other',
      zh: def?.zh ?? e.id,
      en: def?.en ?? e.id,
      value: e.value,
      valueEn: e.valueEn,
      x: e.x,
      direction,
      weight: round(weight),
      contribution: round(contribution),
      basis: def?.basis ?? '',
      basisZh: def?.basisZh ?? '',
      judgment: def?.judgment ?? true,
      sources: [...e.sources],
    };
  });
  factors.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.id.localeCompare(b.id));
  const logit = logitOf(featureVector(extracted), model);
  const probability = sigmoid(logit);
  const barred = extracted.some((f) => f.id === 'bar');
  return { logit: round(logit), probability: round(probability), level: barred ? 'hard' : levelOf(probability), barred, factors };
}

/**
 * Approaches for the strongest factors: harder factors first (they need the work), then the
 * easier ones that suggest how to proceed. At most `limit`, each once.
 */
export function suggestionsFor(factors: readonly Factor[], limit = 5): Suggestion[] {
  const ordered = [
    ...factors.filter((f) => f.direction === 'harder'),
    ...factors.filter((f) => f.direction === 'easier'),
  ];
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const f of ordered) {
    for (const s of SUGGESTIONS) {
      if (out.length >= limit) return out;
      if (seen.has(s.id) || !s.factors.includes(f.id)) continue;
      seen.add(s.id);
      const forFactors = factors.filter((g) => s.factors.includes(g.id)).map((g) => g.id);
      out.push({ id: s.id, zh: s.zh, en: s.en, basis: s.basis, basisZh: s.basisZh, forFactors });
    }
    if (f.id === 'bar') return out;
  }
  if (out.length === 0) {
    const fallback = SUGGESTIONS.find((s) => s.id === 'explain-risk');
    if (fallback) out.push({ id: fallback.id, zh: fallback.zh, en: fallback.en, basis: fallback.basis, basisZh: fallback.basisZh, forFactors: [] });
  }
  return out;
}
