/**
 * Deterministic extraction of a civil complaint (民事起诉状) with a source span for every field.
 * The layout follows what CPL art. 124 requires a complaint to state (parties; claims, facts and
 * reasons; evidence and its sources) and the 2016 民事诉讼文书样式 (此致 … 人民法院, 具状人, date).
 * Lives in shared/ so the renderer can re-run it instantly while the clerk edits pasted text.
 *
 * All matching runs on a half-width copy of the text (toHalfWidth maps code unit to code unit),
 * so every span indexes the original string unchanged.
 */
import type {
  ExtractedAgent,
  ExtractedAmount,
  ExtractedClaim,
  ExtractedEvidence,
  ExtractedParty,
  Extraction,
  ExtractionNote,
  Field,
  InterestTerm,
} from '../contract/intake';
import { findCaseNumbers } from './caseNumber';
import { isValidYmd, ymdToIso } from './dates';
import { MAX_FEN, fenToYuan, findAmounts, type AmountMatch } from './money';
import { findDates, toHalfWidth } from './numerals';

type Role = 'plaintiff' | 'defendant' | 'third_party';

function ruleField<T>(value: T, start: number, end: number): Field<T> {
  return { value, span: { start, end }, source: 'rule', verified: true };
}

const TRIM_CHARS = ' \t\r\n\u3000,，。;；:：、';
/** Shrinks [start, end) past surrounding blanks and separators so highlights are tight. */
function tight(s: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && TRIM_CHARS.includes(s[a] as string)) a++;
  while (b > a && TRIM_CHARS.includes(s[b - 1] as string)) b--;
  return [a, b];
}

function textField(original: string, half: string, start: number, end: number): Field<string> | null {
  const [a, b] = tight(half, start, end);
  if (b <= a) return null;
  return ruleField(original.slice(a, b), a, b);
}

/** Runs a sticky-free regex over half[from, to) and returns the match with absolute offsets. */
function search(half: string, re: RegExp, from: number, to: number): { m: RegExpExecArray; at: number } | null {
  // 'd' gives group indices, so a group's span never depends on searching for its text.
  const flags = `${re.flags.replace(/[gd]/g, '')}gd`;
  const g = new RegExp(re.source, flags);
  const sub = half.slice(from, to);
  const m = g.exec(sub);
  return m === null ? null : { m, at: from + m.index };
}

/** Absolute span of capture group `n` (groups must not repeat text before them). */
function groupSpan(hit: { m: RegExpExecArray; at: number }, n: number): [number, number] | null {
  const ix = hit.m.indices?.[n];
  if (ix === undefined) return null;
  const base = hit.at - hit.m.index;
  return [base + ix[0], base + ix[1]];
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

type SectionKind = 'claims' | 'facts' | 'evidence' | 'closing' | 'attachments' | 'signature';

const HEADS: ReadonlyArray<{ kind: SectionKind; re: RegExp }> = [
  { kind: 'claims', re: /(?:^|\n)[ \t]*(?:[一二三四五]、|\d\.)?[ \t]*诉讼请求(?:事项)?[ \t]*[:]?/g },
  { kind: 'facts', re: /(?:^|\n)[ \t]*(?:[一二三四五]、|\d\.)?[ \t]*事实(?:与|和|及)理由[ \t]*[:]?/g },
  {
    kind: 'evidence',
    re: /(?:^|\n)[ \t]*(?:[一二三四五]、|\d\.)?[ \t]*(?:证据(?:和|与|及)?证据来源(?:[、,][ \t]*证人姓名和住所)?|证据清单|证据目录|证据材料|证据)[ \t]*[:]?[ \t]*(?=\n|$|\d|[一二三四五六七八九十]、|\()/g,
  },
  { kind: 'closing', re: /(?:^|\n)[ \t]*此[ \t]*致/g },
  { kind: 'attachments', re: /(?:^|\n)[ \t]*附[ \t]*[:]/g },
  { kind: 'signature', re: /(?:^|\n)[ \t]*(?:具状人|起诉人)/g },
];

interface Section {
  readonly kind: SectionKind;
  readonly headStart: number;
  readonly start: number;
  end: number;
}

function findSections(half: string): Section[] {
  const found: Section[] = [];
  for (const { kind, re } of HEADS) {
    re.lastIndex = 0;
    const m = re.exec(half);
    if (m === null) continue;
    const lead = m[0].length - m[0].trimStart().length;
    found.push({ kind, headStart: m.index + lead, start: m.index + m[0].length, end: half.length });
  }
  found.sort((a, b) => a.headStart - b.headStart);
  found.forEach((s, i) => {
    const next = found[i + 1];
    if (next !== undefined) s.end = next.headStart;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Numbered items (1. / 1、 / 一、 / （一） / (1))
// ---------------------------------------------------------------------------------------------

const ITEM_MARK = /(?:^|\n|[;。])[ \t]*((?:\d{1,2}[ \t]*[.、)](?!\d))|(?:[一二三四五六七八九十]{1,3}[ \t]*、)|(?:\([ \t]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})[ \t]*\)))/g;

/** Splits half[start, end) into numbered items; unnumbered text gives one item per line. */
function splitItems(half: string, start: number, end: number): Array<[number, number]> {
  const body = half.slice(start, end);
  const marks: Array<{ markStart: number; contentStart: number }> = [];
  ITEM_MARK.lastIndex = 0;
  for (let m = ITEM_MARK.exec(body); m !== null; m = ITEM_MARK.exec(body)) {
    const mark = m[1] as string;
    const markStart = m.index + m[0].length - mark.length;
    marks.push({ markStart: start + markStart, contentStart: start + m.index + m[0].length });
    if (m[0].length === 0) ITEM_MARK.lastIndex++;
  }
  const out: Array<[number, number]> = [];
  if (marks.length > 0) {
    marks.forEach((mk, i) => {
      const next = marks[i + 1];
      const [a, b] = tight(half, mk.contentStart, next === undefined ? end : next.markStart);
      if (b > a) out.push([a, b]);
    });
    return out;
  }
  let pos = start;
  for (const line of body.split('\n')) {
    const [a, b] = tight(half, pos, pos + line.length);
    if (b > a) out.push([a, b]);
    pos += line.length + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parties
// ---------------------------------------------------------------------------------------------

const ROLE_LINE = /^[ \t]*(原告|被告|第三人)(?:[一二三四五六七八九十]|\d{1,2})?[ \t]*(?:\((?:反诉[原被]告|[^)\n]{1,8}人)\))?[ \t]*[:]?[ \t]*/;
const AGENT_LINE = /^[ \t]*(?:委托诉讼代理人|委托代理人|诉讼代理人|代理人)(?:[一二三]|\d)?[ \t]*[:]?[ \t]*/;
const ROLE_OF: Readonly<Record<string, Role>> = { 原告: 'plaintiff', 被告: 'defendant', 第三人: 'third_party' };

const LEGAL_SUFFIX = /(?:公司|银行|集团|研究院|研究所|合作社|信用社|医院|学校|大学|学院|委员会|协会|基金会|厂|中心|商行|事务所|政府|局|管理处)$/;
const ORG_SUFFIX = /(?:分公司|支行|分行|营业部|分理处|经营部|门市部|合伙企业|办事处|分店)$/;
const REP_TITLE = /(?:长|经理|董事|主任|负责人|总裁|书记|主席|合伙人|厂长|校长|院长|会长|经营者|总监|股东)$/;
const SEP = String.raw`[,;。\s:]`;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** GB 11643-1999 check digit of a resident ID number. */
export function idChecksumOk(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] === id[17]?.toUpperCase();
}

interface Line {
  readonly start: number;
  readonly end: number;
}

function linesOf(half: string, start: number, end: number): Line[] {
  const out: Line[] = [];
  let pos = start;
  for (const l of half.slice(start, end).split('\n')) {
    out.push({ start: pos, end: pos + l.length });
    pos += l.length + 1;
  }
  return out;
}

interface Block {
  role: Role;
  start: number;
  labelEnd: number;
  end: number;
  ownEnd: number;
  agents: Array<{ start: number; labelEnd: number; end: number }>;
}

function cutName(raw: string): string {
  let name = raw;
  const simply = name.search(/\(以下简称|\(下称|\(简称/);
  if (simply >= 0) name = name.slice(0, simply);
  // A trailing parenthetical (曾用名…) is not part of the name; an inner one (（集团）有限公司) is.
  const p = /\([^)]*\)$/.exec(name);
  if (p !== null && p.index > 0) name = name.slice(0, p.index);
  return name;
}

function extractName(original: string, half: string, from: number, to: number): Field<string> | null {
  const m = /^[^,;。\s:]+/.exec(half.slice(from, to));
  if (m !== null) {
    const name = cutName(m[0]);
    if (name.length > 0 && !/^(?:姓名|名称)$/.test(name)) return ruleField(original.slice(from, from + name.length), from, from + name.length);
  }
  const labelled = search(half, /(?:姓名|名称)[ \t]*[:][ \t]*([^,;。\s]+)/, from, to);
  if (labelled !== null) {
    const sp = groupSpan(labelled, 1);
    if (sp !== null) {
      const name = cutName(half.slice(sp[0], sp[1]));
      return ruleField(original.slice(sp[0], sp[0] + name.length), sp[0], sp[0] + name.length);
    }
  }
  return null;
}

function labelled(
  original: string,
  half: string,
  re: RegExp,
  from: number,
  to: number,
  group = 1,
): Field<string> | null {
  const hit = search(half, re, from, to);
  if (hit === null) return null;
  const sp = groupSpan(hit, group);
  return sp === null ? null : textField(original, half, sp[0], sp[1]);
}

/** Space-separated layouts run the next label into an address: stop before it. */
const NEXT_LABEL = /[ \t]*(?:联系电话|电话|手机|联系方式|身份证|公民身份号码|统一社会信用代码|法定代表人|负责人|职业|工作单位|民族)/;
function cutAtLabel(original: string, half: string, f: Field<string> | null): Field<string> | null {
  if (f === null || f.span === null) return f;
  const { start, end } = f.span;
  const cut = half.slice(start, end).search(NEXT_LABEL);
  return cut <= 0 ? f : textField(original, half, start, start + cut);
}

function extractParty(original: string, half: string, b: Block, notes: ExtractionNote[]): ExtractedParty | null {
  const name = extractName(original, half, b.labelEnd, b.ownEnd);
  if (name === null) return null;
  const nameEnd = name.span?.end ?? b.labelEnd;
  const from = nameEnd;
  const to = b.ownEnd;

  const legalRepHit = search(half, /(法定代表人|主要负责人|负责人|经营者)[ \t]*[:]?[ \t]*([^,;。\s(]{2,10})(?:[ \t]*[,][ \t]*(?:职务[ \t]*[:]?[ \t]*)?(?:该公司|该单位|公司)?([^,;。\n]{1,20}))?/, b.start, b.end);
  let legalRep: Field<string> | null = null;
  let legalRepTitle: Field<string> | null = null;
  let repLabel = '';
  if (legalRepHit !== null) {
    repLabel = legalRepHit.m[1] as string;
    const rs = groupSpan(legalRepHit, 2);
    if (rs !== null) legalRep = textField(original, half, rs[0], rs[1]);
    const titleText = legalRepHit.m[3];
    if (titleText !== undefined && REP_TITLE.test(titleText.trim())) {
      const ts = groupSpan(legalRepHit, 3);
      if (ts !== null) legalRepTitle = textField(original, half, ts[0], ts[1]);
    }
  }
  const creditCode = labelled(original, half, /统一社会信用代码[ \t]*[:]?[ \t]*([0-9A-Z]{18})(?![0-9A-Z])/, from, to);
  const nameText = name.value;
  const kindValue: ExtractedParty['kind']['value'] =
    repLabel === '法定代表人' || (LEGAL_SUFFIX.test(nameText) && !ORG_SUFFIX.test(nameText))
      ? 'legal'
      : repLabel !== '' && repLabel !== '经营者'
        ? 'organization'
        : ORG_SUFFIX.test(nameText)
          ? 'organization'
          : creditCode !== null
            ? 'legal'
            : 'natural';
  const kind: Field<ExtractedParty['kind']['value']> = ruleField(kindValue, name.span?.start ?? b.start, nameEnd);
  const natural = kindValue === 'natural';

  let gender: ExtractedParty['gender'] = null;
  let birthDate: ExtractedParty['birthDate'] = null;
  let ethnicity: Field<string> | null = null;
  let idNumber: Field<string> | null = null;
  let occupation: Field<string> | null = null;
  let employer: Field<string> | null = null;
  if (natural) {
    const g = search(half, new RegExp(`(?<=^|${SEP}|性别)(男|女)(?=$|${SEP}|性)`), from, to);
    if (g !== null) gender = ruleField(g.m[1] === '男' ? 'male' : 'female', g.at, g.at + 1);
    for (const d of findDates(half.slice(from, to))) {
      const after = half.slice(from + d.end, from + d.end + 3);
      const before = half.slice(Math.max(from, from + d.start - 8), from + d.start);
      if (!/^[ \t]*(?:出生|生)/.test(after) && !/出生(?:日期|年月日|年月)?[ \t]*[:]?[ \t]*$/.test(before)) continue;
      if (d.iso === null) {
        notes.push({ zh: `出生日期“${d.raw}”不是真实存在的日期`, en: `Birth date "${d.raw}" is not a real date`, span: { start: from + d.start, end: from + d.end } });
      } else birthDate = ruleField(d.iso, from + d.start, from + d.end);
      break;
    }
    ethnicity =
      labelled(original, half, /民族[ \t]*[:][ \t]*([\u4e00-\u9fa5]{1,6})/, from, to) ??
      labelled(original, half, new RegExp(`(?<=${SEP})((?!家族)[\\u4e00-\\u9fa5]{1,4}族)(?=$|${SEP})`), from, to);
    const id =
      search(half, /身份证(?:号码|号)?[ \t]*[:]?[ \t]*(\d{17}[\dXx])(?![0-9A-Za-z])/, from, to) ??
      search(half, /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/, from, to);
    if (id !== null) {
      const sp = groupSpan(id, 1);
      if (sp !== null) {
        const v = half.slice(sp[0], sp[1]);
        idNumber = ruleField(original.slice(sp[0], sp[1]), sp[0], sp[1]);
        if (!idChecksumOk(v)) {
          notes.push({ zh: `身份证号码${v}校验位不符，请核对`, en: `ID number ${v} fails its check digit`, span: { start: sp[0], end: sp[1] } });
        }
        // The ID encodes the birth date (GB 11643): a source for an otherwise missing field.
        const y = Number(v.slice(6, 10));
        const mo = Number(v.slice(10, 12));
        const da = Number(v.slice(12, 14));
        if (birthDate === null && isValidYmd(y, mo, da)) birthDate = ruleField(ymdToIso(y, mo, da), sp[0] + 6, sp[0] + 14);
      }
    }
    occupation = labelled(original, half, /职业[ \t]*[:]?[ \t]*([^,;。\n]+)/, from, to);
    employer = labelled(original, half, /工作单位[ \t]*[:]?[ \t]*([^,;。\n]+)/, from, to);
  }
  const address = cutAtLabel(
    original,
    half,
    labelled(
      original,
      half,
      new RegExp(`(?:^|${SEP})(?:住所地|住所|住址|地址|户籍地址|户籍地|经常居住地|现住址|现住|营业场所|住)[ \\t]*[:]?[ \\t]*([^,;。\\n]{2,})`),
      from,
      to,
    ),
  );
  const phone =
    labelled(original, half, /(?:联系电话|电话号码|手机号码|手机号|手机|电话|联系方式)[ \t]*[:]?[ \t]*(\+?\d[\d\- ]{5,18}\d)/, from, to) ??
    labelled(original, half, /(?<!\d)(1[3-9]\d{9})(?!\d)/, from, to);

  const agents: ExtractedAgent[] = [];
  for (const a of b.agents) {
    const an = extractName(original, half, a.labelEnd, a.end);
    if (an === null) continue;
    const afrom = an.span?.end ?? a.labelEnd;
    const firm = labelled(original, half, /([\u4e00-\u9fa5()]{2,40}?(?:律师事务所|法律服务所|法律援助中心))/, afrom, a.end);
    const seg = half.slice(afrom, a.end);
    const kindValue2: ExtractedAgent['kind']['value'] = /法律工作者|法律服务所/.test(seg)
      ? 'legal_worker'
      : /律师/.test(seg)
        ? 'lawyer'
        : /(?:之|的)(?:妻|夫|父|母|子|女|兄|弟|姐|妹|配偶|近亲属)|近亲属/.test(seg)
          ? 'relative'
          : /员工|工作人员|职工/.test(seg)
            ? 'employee'
            : /推荐|公民/.test(seg)
              ? 'citizen'
              : 'other';
    agents.push({
      name: an,
      kind: ruleField(kindValue2, a.start, a.end),
      firm,
      phone:
        labelled(original, half, /(?:联系电话|电话|手机|联系方式)[ \t]*[:]?[ \t]*(\+?\d[\d\- ]{5,18}\d)/, afrom, a.end) ??
        labelled(original, half, /(?<!\d)(1[3-9]\d{9})(?!\d)/, afrom, a.end),
      span: { start: a.start, end: tight(half, a.start, a.end)[1] },
    });
  }

  return {
    role: ruleField(b.role, b.start, b.labelEnd),
    kind,
    name,
    gender,
    birthDate,
    ethnicity,
    occupation,
    employer,
    idNumber,
    creditCode: creditCode ?? (natural ? null : labelled(original, half, /(?<![0-9A-Z])([1-9A-GY][1-9]\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Z])/, from, to)),
    address,
    phone,
    legalRep: natural ? null : legalRep,
    legalRepTitle: natural ? null : legalRepTitle,
    agents,
    span: { start: b.start, end: tight(half, b.start, b.end)[1] },
  };
}

function partyBlocks(half: string, start: number, end: number): Block[] {
  const blocks: Block[] = [];
  for (const line of linesOf(half, start, end)) {
    const text = half.slice(line.start, line.end);
    const role = ROLE_LINE.exec(text);
    const current = blocks.at(-1);
    // "原告与被告…一案" or "原告诉称" are prose, not a party block.
    if (role !== null && !/^(?:与|和|诉|因|就|不服|向|对)/.test(text.slice(role[0].length))) {
      if (current !== undefined) current.end = line.start;
      blocks.push({
        role: ROLE_OF[role[1] as string] as Role,
        start: line.start + text.length - text.trimStart().length,
        labelEnd: line.start + role[0].length,
        end: line.end,
        ownEnd: line.end,
        agents: [],
      });
      continue;
    }
    if (current === undefined) continue;
    current.end = line.end;
    const agent = AGENT_LINE.exec(text);
    if (agent !== null) {
      current.agents.push({ start: line.start + text.length - text.trimStart().length, labelEnd: line.start + agent[0].length, end: line.end });
      continue;
    }
    const lastAgent = current.agents.at(-1);
    if (/^[ \t]*(?:法定代表人|主要负责人|负责人|经营者)/.test(text)) continue;
    if (lastAgent !== undefined) lastAgent.end = line.end;
    else current.ownEnd = line.end;
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Amounts, interest, evidence
// ---------------------------------------------------------------------------------------------

function amountOf(m: AmountMatch, offset: number): ExtractedAmount {
  return {
    value: m.fen,
    yuan: fenToYuan(m.fen),
    raw: m.raw,
    form: m.form,
    span: { start: offset + m.start, end: offset + m.end },
    source: 'rule',
    verified: true,
  };
}

const INTEREST_RES: ReadonlyArray<{ kind: InterestTerm['kind']; re: RegExp }> = [
  {
    kind: 'lpr',
    re: /(?:(?:按|按照|以)?(?:全国银行间同业拆借中心(?:公布|发布)的)?(?:同期)?(?:一年期|1年期|五年期以上|5年期以上)?[ \t]*)?(?:贷款市场报价利率[ \t]*(?:\((?:LPR|lpr)\))?|LPR)(?:[ \t]*的?[ \t]*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+(?:点[一二三四五六七八九])?)[ \t]*倍)?/gi,
  },
  { kind: 'annual', re: /(?:年利率|年息|年化利率|年化收益率)[ \t]*(?:为|按|按照)?[ \t]*(?:\d+(?:\.\d+)?[ \t]*[%‰]|百分之[零一二三四五六七八九十点]+)/g },
  { kind: 'monthly', re: /(?:月利率|月息|月利息)[ \t]*(?:为|按|按照)?[ \t]*(?:\d+(?:\.\d+)?[ \t]*[%‰]|\d+(?:\.\d+)?[ \t]*分|[一二两三四五][ \t]*分(?:[一二三四五六七八九])?|百分之[零一二三四五六七八九十点]+)/g },
  { kind: 'daily', re: /(?:(?:日利率|日息|每日|按日)[ \t]*(?:为|按)?[ \t]*\d+(?:\.\d+)?[ \t]*[%‰])|(?:(?:日利率|日息|每日|按日|日)[ \t]*(?:为|按)?[ \t]*万分之[零一二三四五六七八九十点\d.]+)/g },
];

/**
 * The amount a claim asks for. An interest base ("以50,000元为基数") is not claimed again; a
 * total (共计/合计) wins; otherwise several amounts in one claim are added up, as the fee basis
 * aggregates property claims (CPL-Interp art. 201).
 */
function claimAmount(half: string, amounts: readonly ExtractedAmount[]): ExtractedAmount | null {
  const claimed = amounts.filter((x) => {
    if (x.span === null) return false;
    const after = half.slice(x.span.end, x.span.end + 6);
    const before = half.slice(Math.max(0, x.span.start - 3), x.span.start);
    return !/^[ \t]*(?:为|作为)(?:计算|计息)?(?:基数|本金)/.test(after) && !/(?:以|按)[ \t]*$/.test(before);
  });
  const total = claimed.find((x) => x.span !== null && /(?:共计|合计|总计|总额|总价款|共)[ \t]*(?:人民币)?[ \t]*$/.test(half.slice(Math.max(0, x.span.start - 8), x.span.start)));
  if (total !== undefined) return total;
  if (claimed.length <= 1) return claimed[0] ?? null;
  const first = claimed[0] as ExtractedAmount;
  const last = claimed.at(-1) as ExtractedAmount;
  const sum = claimed.reduce((s, x) => s + x.value, 0);
  if (sum > MAX_FEN || first.span === null || last.span === null) return first;
  return {
    value: sum,
    yuan: fenToYuan(sum),
    raw: claimed.map((x) => x.raw).join(' + '),
    form: first.form,
    span: { start: first.span.start, end: last.span.end },
    source: 'rule',
    verified: true,
  };
}

function findInterest(original: string, half: string): InterestTerm[] {
  const out: InterestTerm[] = [];
  for (const { kind, re } of INTEREST_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(half); m !== null; m = re.exec(half)) {
      const [a, b] = tight(half, m.index, m.index + m[0].length);
      if (b > a && !out.some((o) => o.span !== null && o.span.start < b && a < o.span.end)) {
        out.push({ kind, ...ruleField(original.slice(a, b), a, b) });
      }
    }
  }
  return out.sort((x, y) => (x.span?.start ?? 0) - (y.span?.start ?? 0));
}

function extractEvidence(original: string, half: string, start: number, end: number): ExtractedEvidence[] {
  const out: ExtractedEvidence[] = [];
  for (const [a, b] of splitItems(half, start, end)) {
    const item = half.slice(a, b);
    const cut = item.search(/[,;。][ \t]*(?:拟证明|用以证明|以证明|证明)|[ \t]*\((?:拟)?证明|[,;][ \t]*(?:证据)?来源|\((?:原告|被告|第三人)[^)]{0,12}(?:提供|提交|持有|保存)\)/);
    const nameEnd = cut > 0 ? a + cut : b;
    const name = textField(original, half, a, nameEnd);
    if (name === null) continue;
    const source =
      labelled(original, half, /(?:证据来源|来源)[ \t]*[:]?[ \t]*([^,;。)\n]+)/, a, b) ??
      labelled(original, half, /\(((?:原告|被告|第三人)[^)]{0,12}(?:提供|提交|持有|保存))\)/, a, b);
    out.push({ name, source });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The extractor
// ---------------------------------------------------------------------------------------------

/** Extract a complaint. Never throws on odd text: whatever is not found is null or empty. */
export function extractComplaint(text: string): Extraction {
  const original = text;
  const half = toHalfWidth(text);
  const notes: ExtractionNote[] = [];
  const sections = findSections(half);
  const section = (kind: SectionKind): Section | undefined => sections.find((s) => s.kind === kind);
  const claimsSec = section('claims');
  const factsSec = section('facts');
  const evidenceSec = section('evidence');
  const closingSec = section('closing');

  // Title: the first non-blank line, when it names the document.
  const firstLine = linesOf(half, 0, half.length).find((l) => half.slice(l.start, l.end).trim() !== '');
  const title =
    firstLine !== undefined && /起诉状|起诉书|诉状/.test(half.slice(firstLine.start, firstLine.end).replace(/\s+/g, '')) && half.slice(firstLine.start, firstLine.end).trim().length <= 20
      ? textField(original, half, firstLine.start, firstLine.end)
      : null;

  const partiesEnd = sections[0]?.headStart ?? half.length;
  const parties: ExtractedParty[] = [];
  for (const b of partyBlocks(half, 0, partiesEnd)) {
    const p = extractParty(original, half, b, notes);
    if (p !== null) parties.push(p);
  }

  const claims: ExtractedClaim[] = [];
  if (claimsSec !== undefined) {
    splitItems(half, claimsSec.start, claimsSec.end).forEach(([a, b]) => {
      const t = textField(original, half, a, b);
      if (t === null) return;
      const amounts = findAmounts(original.slice(a, b)).map((m) => amountOf(m, a));
      claims.push({ seq: claims.length + 1, text: t, amount: claimAmount(half, amounts), amounts });
    });
  }

  const factsAndReasons = factsSec === undefined ? null : textField(original, half, factsSec.start, factsSec.end);
  const factDates: Array<Field<string>> = [];
  if (factsSec !== undefined) {
    for (const d of findDates(original.slice(factsSec.start, factsSec.end))) {
      if (d.iso !== null) factDates.push(ruleField(d.iso, factsSec.start + d.start, factsSec.start + d.end));
    }
  }
  for (const d of findDates(original)) {
    if (d.iso === null && !notes.some((n) => n.span?.start === d.start)) {
      notes.push({ zh: `“${d.raw}”不是真实存在的日期，请核对`, en: `"${d.raw}" is not a real calendar date`, span: { start: d.start, end: d.end } });
    }
  }

  const evidence = evidenceSec === undefined ? [] : extractEvidence(original, half, evidenceSec.start, evidenceSec.end);

  let court: Field<string> | null = null;
  let signedBy: Field<string> | null = null;
  let date: Field<string> | null = null;
  if (closingSec !== undefined) {
    const tailStart = closingSec.headStart;
    court = labelled(original, half, /此[ \t]*致(?:[ \t]*\n)*[ \t]*([\u4e00-\u9fa5]{2,40}?人民法院)/, tailStart, half.length);
    signedBy = labelled(original, half, /(?:具状人|起诉人|原告)[ \t]*[:]?[ \t]*(?:\((?:签名|签字|签章|盖章)\))?[ \t]*([^\s(:]{2,40}?)(?=\s|\(|$)/, tailStart, half.length);
    const dates = findDates(original.slice(tailStart));
    const last = dates.at(-1);
    if (last !== undefined && last.iso !== null) date = ruleField(last.iso, tailStart + last.start, tailStart + last.end);
  }
  if (court === null) {
    court = labelled(original, half, /向[ \t]*([\u4e00-\u9fa5]{2,40}?人民法院)[ \t]*(?:提起|起诉|申请)/, 0, half.length);
  }

  const amounts = findAmounts(original).map((m) => amountOf(m, 0));
  // findAmounts drops amounts above MAX_FEN: say so rather than silently losing a claim.
  const absurd = /(\d{14,}(?:\.\d+)?)[ \t]*[万亿]?[ \t]*元/g;
  for (let m = absurd.exec(half); m !== null; m = absurd.exec(half)) {
    const at = m.index;
    if (!amounts.some((x) => x.span !== null && x.span.start <= at && at < x.span.end)) {
      notes.push({
        zh: `金额“${m[0]}”过大（超过${fenToYuan(MAX_FEN)}元），不合理，未予识别`,
        en: `Amount "${m[0]}" is absurdly large and was not read`,
        span: { start: at, end: at + m[0].length },
      });
    }
  }

  return {
    schema: 1,
    textLength: original.length,
    title,
    court,
    parties,
    claims,
    amounts,
    interest: findInterest(original, half),
    factsAndReasons,
    factDates,
    evidence,
    caseNumbers: findCaseNumbers(original).map((c) => ruleField(c.raw, c.start, c.end)),
    signedBy,
    date,
    notes,
    model: { ran: false, detail: 'rules only' },
  };
}

// ---------------------------------------------------------------------------------------------
// Party mentions in running text (judgments, 诉称/辩称 paragraphs)
// ---------------------------------------------------------------------------------------------

export interface PartyMention {
  readonly role: Role;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const ORG_NAME = /^[\u4e00-\u9fa5()A-Za-z0-9]{2,40}?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|银行股份有限公司|支行|分行|银行|合作社|信用社|集团|厂|商行|经营部|事务所|医院|委员会|中心)/;
/** Characters that end a person's name in prose: verbs, conjunctions and punctuation seen after names. */
const NAME_STOP = /[诉辩称向于与和及的系在因对为将已未应借欠支付归还偿还出具等、,。;:()均共即仍并又也就则—所主提认要请之收交转汇签承赔给付作通经曾另只仅不无没是以按后前从自各名账户]/;
const NOT_A_NAME = /^(?:双方|一方|方|人|代理|本人|公司|单位|主张|提供|提交|认可|同意|方面|要求|借款|向|和|与|及|所|账户|于(?:\d|本院|其|该)|在|已|未|应|对|的|按|将|以|为|因|是|均|共同|各|自|从|收到|支付|偿还|归还|出具|提出|辩称|诉称|承担|申请|称|本金|利息|款项|并|还|亦|也|不|无|没有|没|曾|作为|抗辩|起诉|逾期|之间|尚欠|有权|公章|负债|借条|欠条)/;

/** Finds 原告X / 被告X / 第三人X in prose, e.g. "被告某某公司向原告周某甲借款". */
export function findPartyMentions(text: string): PartyMention[] {
  const half = toHalfWidth(text);
  const out: PartyMention[] = [];
  const re = /(?<![原被]告|、)(原告|被告|第三人)(?!人)/g;
  for (let m = re.exec(half); m !== null; m = re.exec(half)) {
    const at = m.index + m[0].length;
    const rest = half.slice(at, at + 48);
    if (NOT_A_NAME.test(rest)) continue;
    let name = '';
    const org = ORG_NAME.exec(rest);
    if (org !== null) name = org[0];
    else {
      for (const ch of rest) {
        // A name has at least two characters, whatever they are (于, 向, 应 and 和 are also surnames);
        // prose verbs can only end it after that.
        if ((name.length >= 2 && NAME_STOP.test(ch)) || /\s/.test(ch) || name.length >= 4) break;
        if (!/[\u4e00-\u9fa5A-Za-z0-9×]/.test(ch)) break;
        // Anonymised names end in digits (张x1, 曹0): a character after the digits is prose again.
        if (/[0-9]$/.test(name) && /[\u4e00-\u9fa5]/.test(ch)) break;
        name += ch;
      }
      if (name.length < 2) continue;
    }
    out.push({ role: ROLE_OF[m[1] as string] as Role, name: text.slice(at, at + name.length), start: at, end: at + name.length });
  }
  return out;
}
