import type { FeatureTag } from '../../../shared/contract/precedents';
import { tryParseAmount } from '../../../shared/rules/money';

/**
 * Facts that decide outcomes, detected by cue phrases. Each tag is a legal element or a fact the
 * rules attach consequences to; the basis is noted so the table can be checked. The table covers
 * the common basic-court civil causes (brief §7) and the general sentencing circumstances of the
 * Criminal Law, so ranking stays general rather than tuned to one corpus.
 */
interface Cue {
  readonly id: string;
  readonly label: string;
  readonly re: RegExp;
}

const ELEMENT_CUES: readonly Cue[] = [
  // Private lending (CC arts. 667–680; SPC private-lending provisions 2020).
  { id: 'iou', label: '借条/欠条等债权凭证', re: /借条|欠条|借据|借款协议|借款合同/ },
  { id: 'delivery', label: '款项已交付（转账/现金）', re: /转账|汇款|银行流水|现金交付|交付(?:了)?借款|微信转|支付宝转/ },
  { id: 'interest-agreed', label: '约定利息/利率', re: /约定(?:月|年)?利[息率]|月息|年利率|月利率|分利/ },
  { id: 'overdue', label: '逾期未还/催收', re: /逾期|到期(?:后)?未(?:归)?还|催(?:要|讨|收)|屡催/ },
  { id: 'guarantee', label: '保证/担保', re: /保证人|连带责任保证|担保人|提供担保|抵押/ },
  { id: 'joint-debt', label: '夫妻共同债务', re: /夫妻共同债务|共同还款/ },
  // Traffic accidents (道路交通安全法 art. 76; CC arts. 1208–1217).
  { id: 'liability-cert', label: '交通事故认定书', re: /事故认定书|责任认定/ },
  { id: 'full-liability', label: '负事故全部/主要责任', re: /全部责任|主要责任/ },
  { id: 'equal-liability', label: '同等/次要责任', re: /同等责任|次要责任/ },
  { id: 'insurance', label: '交强险/商业险', re: /交强险|商业(?:三者|第三者责任)险|保险公司/ },
  { id: 'disability', label: '伤残等级鉴定', re: /伤残等级|[一二三四五六七八九十]级伤残|伤残鉴定/ },
  // Labour (劳动合同法 arts. 10, 46–48, 82).
  { id: 'no-written-contract', label: '未签订书面劳动合同', re: /未(?:与[^，。]{0,10})?签订(?:书面)?劳动合同/ },
  { id: 'unlawful-dismissal', label: '违法解除劳动合同', re: /违法解除|违法辞退|单方解除劳动/ },
  { id: 'unpaid-wages', label: '拖欠工资', re: /拖欠(?:的)?工资|欠付工资|工资未(?:发|付)/ },
  { id: 'work-injury', label: '工伤', re: /工伤/ },
  // Divorce (CC arts. 1079, 1084, 1087).
  { id: 'separation', label: '分居', re: /分居/ },
  { id: 'domestic-violence', label: '家庭暴力', re: /家庭暴力|家暴/ },
  { id: 'child-custody', label: '子女抚养', re: /抚养权|子女(?:由|随)[^，。]{0,6}抚养|抚养费/ },
  { id: 'marital-property', label: '夫妻共同财产', re: /夫妻共同财产|共同财产/ },
  // Sales, leases, property services (CC arts. 577, 585, 621, 722, 944).
  { id: 'quality', label: '质量问题', re: /质量问题|质量不合格|不符合约定|瑕疵/ },
  { id: 'penalty', label: '违约金', re: /违约金/ },
  { id: 'deposit', label: '定金/押金', re: /定金|押金|保证金/ },
  { id: 'rent-arrears', label: '拖欠租金', re: /(?:拖欠|欠付|未(?:按时)?支付)(?:的)?租金/ },
  { id: 'property-fee', label: '物业费', re: /物业(?:服务)?费/ },
  // Procedure facts that change how a case goes (CPL arts. 95, 147).
  { id: 'absent', label: '被告缺席/拒不到庭', re: /拒不到庭|未到庭参加诉讼|缺席判决|缺席审理/ },
  { id: 'publication-service', label: '公告送达', re: /公告送达|公告传唤/ },
  // Criminal sentencing circumstances (刑法 arts. 23, 26, 27, 65, 67; 刑诉法 art. 15).
  { id: 'surrender', label: '自首', re: /自首/ },
  { id: 'confession', label: '坦白/如实供述', re: /坦白|如实供述/ },
  { id: 'recidivist', label: '累犯', re: /累犯/ },
  { id: 'plea', label: '认罪认罚', re: /认罪认罚/ },
  { id: 'forgiveness', label: '取得谅解', re: /谅解/ },
  { id: 'restitution', label: '退赃/退赔/赔偿', re: /退赃|退赔|退还(?:了)?赃款|赔偿(?:了)?被害人/ },
  { id: 'attempt', label: '未遂', re: /未遂/ },
  { id: 'accessory', label: '从犯', re: /从犯/ },
  { id: 'principal-offender', label: '主犯', re: /主犯/ },
  { id: 'drunk', label: '醉酒/酒后', re: /醉酒|酒后|血液中(?:检出)?乙醇|酒精含量/ },
  { id: 'weapon', label: '持械/凶器', re: /持刀|菜刀|匕首|凶器|持械|铁棍|木棒/ },
  { id: 'death', label: '致人死亡', re: /死亡/ },
  { id: 'serious-injury', label: '重伤', re: /重伤/ },
  { id: 'minor-injury', label: '轻伤', re: /轻伤/ },
  { id: 'slight-injury', label: '轻微伤', re: /轻微伤/ },
  { id: 'burglary', label: '入户', re: /入户/ },
  { id: 'online', label: '网络/电信手段', re: /微信|QQ|网络|电信|网上|APP/i },
  { id: 'drugs', label: '毒品', re: /毒品|甲基苯丙胺|海洛因|冰毒/ },
  { id: 'large-amount', label: '数额巨大/特别巨大', re: /数额(?:特别)?巨大/ },
];

/** Relationship between the parties: it changes both the law (family, employment) and mediation. */
const RELATIONSHIP_CUES: readonly Cue[] = [
  { id: 'spouses', label: '夫妻', re: /夫妻|配偶|丈夫|妻子|前夫|前妻/ },
  { id: 'relatives', label: '亲属', re: /父子|母子|父女|母女|兄弟|姐妹|兄妹|姐弟|亲戚|岳父|岳母|公公|婆婆|叔侄|舅甥/ },
  { id: 'friends', label: '朋友/同学', re: /朋友|同学|战友|老乡/ },
  { id: 'colleagues', label: '同事', re: /同事/ },
  { id: 'neighbours', label: '邻居', re: /邻居|相邻/ },
  { id: 'employment', label: '劳动/雇佣', re: /劳动关系|雇佣|雇主|雇员|用人单位|劳动者|员工/ },
  { id: 'landlord-tenant', label: '租赁双方', re: /出租人|承租人|房东|租户/ },
  { id: 'owner-manager', label: '业主与物业', re: /业主/ },
  { id: 'buyer-seller', label: '买卖双方', re: /买受人|出卖人|供货|购货/ },
  { id: 'strangers', label: '素不相识', re: /素不相识|互不相识/ },
];

function detect(cues: readonly Cue[], text: string): FeatureTag[] {
  const out: FeatureTag[] = [];
  for (const c of cues) if (c.re.test(text)) out.push({ id: c.id, label: c.label });
  return out;
}

export function detectElements(text: string): FeatureTag[] {
  return detect(ELEMENT_CUES, text);
}

export function detectRelationships(text: string): FeatureTag[] {
  return detect(RELATIONSHIP_CUES, text);
}

/**
 * Candidate spans are found with one global regex and parsed by the shared amount parser: scanning
 * every character position (shared findAmounts) is too slow for 100,000 judgments of 3,000 chars.
 */
const AMOUNT_RE =
  /(?:人民币|¥|￥)?\s*\d[\d,，]*(?:\.\d+)?\s*(?:千|万|亿)?\s*元|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]{2,20}元/g;

/** Amounts of money in a text, integer fen, in order; malformed numbers are skipped. */
export function amountsIn(text: string, max = 50): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const fen = tryParseAmount(m[0].replace(/，/g, ',').replace(/\s+/g, ''));
    if (fen !== null && fen > 0) out.push(fen);
    if (out.length >= max) break;
  }
  return out;
}

/** The amount at stake: the largest amount in the claims, else in the facts. */
export function principalOf(claims: string, facts: string): number | null {
  const a = amountsIn(claims);
  const b = a.length ? a : amountsIn(facts);
  return b.length ? Math.max(...b) : null;
}

export interface Features {
  elements: string[];
  relationships: string[];
  principalFen: number | null;
}

export function featuresOf(claims: string, facts: string, reasoning: string): Features {
  const text = `${claims}\n${facts}\n${reasoning}`;
  return {
    elements: detectElements(text).map((t) => t.id),
    relationships: detectRelationships(text).map((t) => t.id),
    principalFen: principalOf(claims, facts),
  };
}

const ALL_TAGS = new Map<string, FeatureTag>(
  [...ELEMENT_CUES, ...RELATIONSHIP_CUES].map((c) => [c.id, { id: c.id, label: c.label }]),
);

export function tagsOf(ids: readonly string[]): FeatureTag[] {
  return ids.map((id) => ALL_TAGS.get(id) ?? { id, label: id });
}

/** 1 when equal, falling with the order-of-magnitude distance (0 at 100× apart). */
export function amountSimilarity(a: number, b: number): number {
  if (a <= 0 || b <= 0) return 0;
  return Math.max(0, 1 - Math.abs(Math.log10(a / b)) / 2);
}
