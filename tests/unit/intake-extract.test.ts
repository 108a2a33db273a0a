import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Extraction, type Field } from '../../shared/contract/intake';
import { extractComplaint, findPartyMentions, idChecksumOk } from '../../shared/rules/complaint';
import { mergeModelProposals } from '../../electron/backend/intake/modelPass';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'complaints', name), 'utf8');
const v = <T>(f: Field<T> | null | undefined): T | null => (f === null || f === undefined ? null : f.value);

/** Every string field's span must cover exactly its value: the UI highlights that span. */
function expectSpansExact(text: string, e: Extraction): void {
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x !== 'object' || x === null) return;
    const o = x as Record<string, unknown>;
    if ('value' in o && 'span' in o && typeof o['value'] === 'string' && o['span'] !== null && o['source'] === 'rule') {
      const s = o['span'] as { start: number; end: number };
      const value = o['value'];
      // Dates and enums are normalised; text values are verbatim.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) && !['plaintiff', 'defendant', 'third_party', 'natural', 'legal', 'organization', 'male', 'female', 'lawyer', 'legal_worker', 'relative', 'citizen', 'employee', 'other'].includes(value)) {
        expect(text.slice(s.start, s.end)).toBe(value);
      }
    }
    Object.values(o).forEach(walk);
  };
  walk(e);
}

describe('complaint extraction (fixtures, field by field)', () => {
  it('01: inline natural persons, numbered claims, interest, evidence with source', () => {
    const text = fixture('01-loan-inline.txt');
    const e = extractComplaint(text);
    expect(Extraction.safeParse(e).success).toBe(true);
    expectSpansExact(text, e);
    expect(v(e.title)).toBe('民事起诉状');
    expect(v(e.court)).toBe('深圳市南山区人民法院');
    expect(v(e.signedBy)).toBe('张明远');
    expect(v(e.date)).toBe('2024-03-01');
    expect(e.parties).toHaveLength(2);
    const [p, d] = e.parties;
    expect(p!.role.value).toBe('plaintiff');
    expect(p!.kind.value).toBe('natural');
    expect(v(p!.name)).toBe('张明远');
    expect(v(p!.gender)).toBe('male');
    expect(v(p!.birthDate)).toBe('1980-03-15');
    expect(text.slice(p!.birthDate!.span!.start, p!.birthDate!.span!.end)).toBe('1980年3月15日');
    expect(v(p!.ethnicity)).toBe('汉族');
    expect(v(p!.idNumber)).toBe('440305198003151231');
    expect(v(p!.address)).toBe('广东省深圳市南山区桃园路88号2栋501室');
    expect(v(p!.phone)).toBe('13800138000');
    expect(d!.role.value).toBe('defendant');
    expect(v(d!.name)).toBe('李建国');
    expect(v(d!.address)).toBe('广东省深圳市福田区华强北路100号');
    expect(e.claims.map((c) => c.text.value)).toEqual([
      '判令被告偿还借款本金人民币50,000元',
      '判令被告以50,000元为基数，按年利率12%支付自2023年7月1日起至实际清偿之日止的利息',
      '本案诉讼费用由被告承担',
    ]);
    // The interest base is not claimed twice.
    expect(e.claims.map((c) => c.amount?.value ?? null)).toEqual([5_000_000, null, null]);
    expect(e.interest.map((i) => [i.kind, i.value])).toEqual([['annual', '年利率12%']]);
    expect(e.amounts.map((a) => [a.raw, a.value])).toEqual([
      ['人民币50,000元', 5_000_000],
      ['50,000元', 5_000_000],
      ['伍万元整', 5_000_000],
      ['50000元', 5_000_000],
    ]);
    expect(v(e.factsAndReasons)).toMatch(/^2023年1月1日，被告因经营需要.*望判如所请$/s);
    expect(e.factDates.map((x) => x.value)).toEqual(['2023-01-01', '2023-06-30']);
    expect(e.evidence.map((x) => [x.name.value, v(x.source)])).toEqual([
      ['借条一份', '原告持有'],
      ['银行转账记录一份', null],
      ['微信聊天记录', null],
    ]);
    expect(e.notes).toEqual([]);
    expect(e.model.ran).toBe(false);
  });

  it('02: legal persons in a multi-line layout, agent and firm, LPR, Chinese capitals', () => {
    const text = fixture('02-company-multiline.txt');
    const e = extractComplaint(text);
    expectSpansExact(text, e);
    const [p, d] = e.parties;
    expect(p!.kind.value).toBe('legal');
    expect(v(p!.name)).toBe('深圳市星河科技有限公司');
    expect(v(p!.creditCode)).toBe('91440300MA5F12345X');
    expect(v(p!.address)).toBe('广东省深圳市南山区科技园科苑路15号');
    expect(v(p!.legalRep)).toBe('王芳');
    expect(v(p!.legalRepTitle)).toBe('总经理');
    expect(p!.agents).toHaveLength(1);
    expect(v(p!.agents[0]!.name)).toBe('赵刚');
    expect(p!.agents[0]!.kind.value).toBe('lawyer');
    expect(v(p!.agents[0]!.firm)).toBe('广东正义律师事务所');
    expect(v(p!.agents[0]!.phone)).toBe('13712345678');
    expect(v(p!.phone)).toBeNull();
    expect(d!.kind.value).toBe('legal');
    expect(v(d!.legalRepTitle)).toBe('执行董事');
    expect(e.claims).toHaveLength(3);
    expect(e.claims[0]!.amount?.yuan).toBe('1250000.00');
    expect(e.claims[1]!.amount).toBeNull();
    expect(e.interest[0]!.kind).toBe('lpr');
    expect(e.interest[0]!.value).toContain('贷款市场报价利率（LPR）的1.5倍');
    expect(e.amounts.find((a) => a.form === 'chinese')?.raw).toBe('人民币壹佰贰拾伍万元整');
    expect(e.evidence.map((x) => [x.name.value, v(x.source)])).toEqual([
      ['《设备买卖合同》一份', '原告提供'],
      ['送货单及验收单各一份', null],
      ['增值税专用发票三张', null],
    ]);
    expect(v(e.date)).toBe('2024-05-06');
    expect(v(e.signedBy)).toBe('深圳市星河科技有限公司');
  });

  it('03: space-separated layout, （一） items, several amounts in one claim, bad ID checksum noted', () => {
    const text = fixture('03-lease-chinese-numbers.txt');
    const e = extractComplaint(text);
    expectSpansExact(text, e);
    const [p, d] = e.parties;
    expect([v(p!.name), v(p!.gender), v(p!.birthDate), v(p!.ethnicity), v(p!.phone)]).toEqual(['刘晓梅', 'female', '1990-12-05', '汉族', '13622223333']);
    expect(v(p!.address)).toBe('深圳市宝安区新安街道宝城28区12栋');
    expect(v(d!.idNumber)).toBe('44030619880808443X');
    // No birth date written: it comes from the ID number (GB 11643), with the span of its digits.
    expect(v(d!.birthDate)).toBe('1988-08-08');
    expect(text.slice(d!.birthDate!.span!.start, d!.birthDate!.span!.end)).toBe('19880808');
    expect(v(d!.address)).toBe('深圳市宝安区西乡街道固戍一路66号');
    expect(e.claims.map((c) => c.amount?.value ?? null)).toEqual([null, 4_100_000, null, null]);
    expect(e.claims[1]!.amounts.map((a) => a.raw)).toEqual(['叁万陆仟元整', '5000元']);
    expect(e.interest.map((i) => [i.kind, i.value])).toEqual([['monthly', '月利率1.5%']]);
    expect(e.evidence.map((x) => x.name.value)).toEqual(['房屋租赁合同', '催告函及邮寄凭证']);
    expect(e.notes.map((n) => n.en)).toEqual(['ID number 44030619880808443X fails its check digit']);
    expect(v(e.signedBy)).toBe('刘晓梅');
  });

  it('04: agents who are relatives, numbered defendants, a branch as organisation, third party, impossible date', () => {
    const text = fixture('04-traffic-agents.txt');
    const e = extractComplaint(text);
    expectSpansExact(text, e);
    expect(v(e.title)).toBe('民 事 起 诉 状');
    expect(e.parties.map((p) => [p.role.value, p.kind.value, p.name.value])).toEqual([
      ['plaintiff', 'natural', '周小红'],
      ['defendant', 'natural', '孙立新'],
      ['defendant', 'organization', '中国平安财产保险股份有限公司深圳分公司'],
      ['third_party', 'natural', '吴晓东'],
    ]);
    const p = e.parties[0]!;
    expect([v(p.ethnicity), v(p.occupation), v(p.employer)]).toEqual(['回族', '教师', '深圳市南山区第一小学']);
    expect(p.agents.map((a) => [a.name.value, a.kind.value])).toEqual([['周大明', 'relative']]);
    expect([v(e.parties[2]!.legalRep), v(e.parties[2]!.legalRepTitle)]).toEqual(['何平', '总经理']);
    expect(e.claims[0]!.amount?.yuan).toBe('86520.50');
    expect(e.evidence).toEqual([]);
    expect(v(e.date)).toBeNull();
    expect(e.notes.map((n) => n.en)).toEqual(['"2024年2月30日" is not a real calendar date']);
  });

  it('05: minimal complaint without numbers or amounts', () => {
    const e = extractComplaint(fixture('05-labour-minimal.txt'));
    expect(e.parties.map((p) => [p.kind.value, p.name.value])).toEqual([
      ['natural', '马丽'],
      ['legal', '深圳市好运餐饮管理有限公司'],
    ]);
    expect(v(e.parties[1]!.legalRep)).toBe('林大海');
    expect(e.claims.map((c) => [c.text.value, c.amount])).toEqual([['请求判令被告支付拖欠工资及经济补偿金', null]]);
    expect(e.amounts).toEqual([]);
    // An arbitration award number is not a court case number.
    expect(e.caseNumbers).toEqual([]);
  });

  it('06: 3万5千元, daily rate, an earlier case number and old fact dates', () => {
    const text = fixture('06-private-loan-old.txt');
    const e = extractComplaint(text);
    expectSpansExact(text, e);
    expect(e.claims[0]!.amount?.value).toBe(3_500_000);
    expect(e.interest.map((i) => [i.kind, i.value])).toEqual([['daily', '日万分之五']]);
    expect(e.caseNumbers.map((c) => c.value)).toEqual(['（2020）湘0104民初1234号']);
    expect(e.factDates.map((d) => d.value)).toEqual(['2019-05-01', '2019-12-31', '2020-01-15']);
  });

  it('never throws on junk and finds nothing in it', () => {
    for (const junk of ['', '\u0000\u0001', '原告', '诉讼请求', '此致', '原告：\n被告：', 'x'.repeat(10_000)]) {
      const e = extractComplaint(junk);
      expect(Extraction.safeParse(e).success).toBe(true);
    }
  });

  it('notes absurd amounts instead of dropping them silently', () => {
    const e = extractComplaint('诉讼请求：\n1. 判令被告支付999999999999999999元。');
    expect(e.claims[0]!.amount).toBeNull();
    expect(e.notes[0]!.en).toMatch(/absurdly large/);
  });

  it('checks ID check digits (GB 11643)', () => {
    expect(idChecksumOk('440305198003151231')).toBe(true);
    expect(idChecksumOk('440305198003151234')).toBe(false);
  });
});

describe('party mentions in judgment prose', () => {
  it('finds persons, masked names and organisations', () => {
    const m = findPartyMentions('被告天台县某某开发有限公司向原告周某甲借款未还，原告曹0与被告张x1协议离婚。原、被告双方均同意。');
    expect(m.map((x) => [x.role, x.name])).toEqual([
      ['defendant', '天台县某某开发有限公司'],
      ['plaintiff', '周某甲'],
      ['plaintiff', '曹0'],
      ['defendant', '张x1'],
    ]);
  });
});

describe('model pass merge (hook for the LLM issue)', () => {
  it('fills only gaps and marks proposals without a findable source as unverified', () => {
    const text = fixture('05-labour-minimal.txt');
    const base = extractComplaint(text);
    const merged = mergeModelProposals(
      text,
      base,
      [
        { path: 'parties.0.phone', value: '13500000000' },
        { path: 'parties.1.creditCode', value: '人民南路2001号', quote: '人民南路2001号' },
        { path: 'court', value: '别的法院' },
        { path: 'nonsense.path', value: 'x' },
      ],
      'test model',
    );
    expect(merged.parties[0]!.phone).toEqual({ value: '13500000000', span: null, source: 'model', verified: false });
    const cc = merged.parties[1]!.creditCode!;
    expect([cc.source, cc.verified, text.slice(cc.span!.start, cc.span!.end)]).toEqual(['model', true, '人民南路2001号']);
    // The rules found the court: the model never overwrites it.
    expect(merged.court).toEqual(base.court);
    expect(merged.model).toEqual({ ran: true, detail: 'test model' });
  });
});

describe('court addressed after 此致', () => {
  it('is found across blank lines (mammoth writes an empty paragraph there)', () => {
    const text = '民事起诉状\n原告：张三，男，1980年1月2日出生。\n被告：李四。\n诉讼请求：\n1. 判令被告偿还借款5000元。\n事实与理由：借款未还。\n此致\n\n\n广东省深圳市南山区人民法院\n具状人：张三\n2026年3月1日';
    const ex = extractComplaint(text);
    expect(ex.court?.value).toBe('广东省深圳市南山区人民法院');
    const span = ex.court?.span;
    expect(span && text.slice(span.start, span.end)).toBe('广东省深圳市南山区人民法院');
  });
});
