import { useTranslation } from 'react-i18next';
import { toChineseInteger } from '../../../../shared/rules/numerals';

export type Lang = 'zh' | 'en';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** Picks the side of a bilingual text ({zh, en}) for the UI language. */
export function pick(text: { zh: string; en: string }, lang: Lang): string {
  return lang === 'en' ? text.en : text.zh;
}

const LAW_NAMES_ZH: Readonly<Record<string, string>> = {
  CPL: '《民事诉讼法》',
  'CPL-Interp': '《民诉法解释》',
  'Evidence Rules': '《民事诉讼证据规定》',
  'SPC 2000 rules': '《关于严格执行案件审理期限制度的若干规定》',
  'SPC 2019 provisions': '《关于严格规范民商事案件延长审限和延期开庭问题的规定》',
  CC: '《民法典》',
  // The cause catalogue's element bases (resources/causes/causes.json) name these by their usual short titles.
  provisions: '《民间借贷规定》',
  'SPC private-lending provisions': '《民间借贷规定》',
  'SPC traffic interpretation': '《道路交通事故损害赔偿解释》',
  'SPC lease interpretation': '《城镇房屋租赁合同解释》',
  'SPC sales interpretation': '《买卖合同解释》',
  'SPC labour interpretation (一)': '《劳动争议解释（一）》',
  'SPC property-service interpretation': '《物业服务纠纷解释》',
};

/**
 * Laws the rules cite by their Chinese short title, in English for the English UI (the brief's
 * names; the Chinese stays in brackets where the English is not an official title).
 */
const LAW_NAMES_EN: Readonly<Record<string, string>> = {
  诉讼费用交纳办法: 'Fee Measures',
  登记立案规定: 'SPC Case-Registration Provisions',
  劳动争议调解仲裁法: 'Labour Dispute Mediation and Arbitration Law',
  案号规定: 'SPC Case-Number Provisions',
  劳动合同法: 'Labour Contract Law',
  道路交通安全法: 'Road Traffic Safety Law',
  特邀调解规定: 'SPC Invited-Mediation Provisions',
  民法典: 'CC',
  民诉解释: 'CPL-Interp',
  刑诉法: 'Criminal Procedure Law',
};
const ZH_LAW_PATTERN = new RegExp(Object.keys(LAW_NAMES_EN).join('|'), 'g');

function zhLaw(name: string): string {
  const known = LAW_NAMES_ZH[name];
  if (known) return known;
  return /^[\u4e00-\u9fa5]+$/.test(name) ? `《${name}》` : name;
}

/**
 * "13(2)1" → 第十三条第（二）项第1目; "128" → 第一百二十八条; "1062–1065" → 第一千零六十二条至第一千零六十五条;
 * "944 paras. 2–3" → 第九百四十四条第二款至第三款.
 */
function zhArticle(token: string): string {
  const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(token.trim());
  if (range) return `${zhArticle(range[1] ?? '')}至${zhArticle(range[2] ?? '')}`;
  const paras = /^(\d+)\s+paras?\.\s*(\d+)(?:\s*[–-]\s*(\d+))?$/.exec(token.trim());
  if (paras) {
    const para = (n: string) => `第${toChineseInteger(Number(n))}款`;
    return `${zhArticle(paras[1] ?? '')}${para(paras[2] ?? '')}${paras[3] === undefined ? '' : `至${para(paras[3])}`}`;
  }
  const m = /^(\d+)(?:\((\d+)\))?(\d+)?$/.exec(token.trim());
  if (!m) return token.trim();
  let out = `第${toChineseInteger(Number(m[1]))}条`;
  if (m[2] !== undefined) out += `第（${toChineseInteger(Number(m[2]))}）项`;
  if (m[3] !== undefined) out += `第${m[3]}目`;
  return out;
}

/**
 * The rules cite articles in a compact English form ("诉讼费用交纳办法 art. 13(1); art. 16",
 * "CPL arts. 122(2), 124(2)"). A Chinese clerk reads them as 《诉讼费用交纳办法》第十三条第（一）项.
 */
export function formatArticle(article: string, lang: Lang): string {
  if (article.trim() === '') return article;
  if (lang === 'en') return article.replace(ZH_LAW_PATTERN, (name) => LAW_NAMES_EN[name] ?? name);
  let lastLaw = '';
  return article
    .split(';')
    .map((part) => {
      if (part.trim() === 'practice') return '审判实务要求';
      const m = /^\s*(.*?)\s*arts?\.\s*(.+?)\s*$/.exec(part);
      if (!m) return part.trim();
      const law = (m[1] ?? '').trim();
      const prefix = law === '' || law === lastLaw ? '' : zhLaw(law);
      if (law !== '') lastLaw = law;
      const arts = (m[2] ?? '').split(',').map(zhArticle).join('、');
      return `${prefix}${arts}`;
    })
    .join('；');
}

const HALVING_ZH: Readonly<Record<string, string>> = {
  simplified: '适用简易程序',
  'small-claims': '小额诉讼',
  mediation: '调解结案',
  withdrawal: '撤诉',
  counterclaim: '反诉合并审理',
};

/** Fee step tier labels come from the rules in English; give the clerk her language. */
export function formatFeeTier(tier: string, lang: Lang): string {
  if (lang === 'en') return tier;
  const halved = /^halved \((.*); once only\)$/.exec(tier);
  if (halved) {
    const reasons = (halved[1] ?? '').split(', ').map((r) => HALVING_ZH[r] ?? r);
    return `减半交纳（${reasons.join('、')}；只减半一次）`;
  }
  const provincial = /^(per case|per objection|no amount) \((.+), provincial\)$/.exec(tier);
  if (provincial) {
    const head = provincial[1] === 'no amount' ? '无执行金额，按件' : '按件';
    return `${head}（${provincial[2] ?? ''}元，省级标准）`;
  }
  const fixed: Record<string, string> = {
    'per case': '按件',
    cap: '上限',
    'special procedure: no fee': '特别程序不收费',
    '1/3 of the property-case fee': '按财产案件标准的1/3',
    'half the property schedule': '按财产案件标准减半',
  };
  return fixed[tier] ?? tier;
}

export function formatFeeRate(rate: string, lang: Lang): string {
  if (lang === 'en') return rate;
  if (rate === 'flat') return '定额';
  if (rate === 'cap') return '封顶';
  return rate;
}

export { caseInputOf } from '../../../../shared/contract/cases';

/** Today as YYYY-MM-DD in local time (the court's calendar day). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
