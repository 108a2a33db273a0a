import { describe, expect, it } from 'vitest';
import { buildDefectNotice, checkComplaint, type Complaint } from '../../../shared/rules/completeness';
import { RuleInputError } from '../../../shared/rules/errors';

const fullComplaint = (): Complaint => ({
  court: '广东省深圳市南山区人民法院',
  parties: [
    {
      role: 'plaintiff',
      kind: 'natural',
      name: '张三',
      gender: '男',
      birthDate: '1980-01-02',
      ethnicity: '汉族',
      occupation: '职员',
      employer: '某公司',
      domicile: '广东省深圳市南山区某路1号',
      phone: '13800000000',
      idNumber: '440305198001020011',
    },
    {
      role: 'defendant',
      kind: 'natural',
      name: '李四',
      gender: '男',
      employer: '无',
      domicile: '广东省深圳市福田区某路2号',
      idNumber: '440304198502030022',
    },
  ],
  claims: [
    { text: '判令被告偿还借款本金人民币50,000元及利息（以50,000元为基数，按年利率6%自2024年1月1日起计算至实际清偿之日止）' },
    { text: '本案诉讼费用由被告承担' },
  ],
  factsAndReasons: '2023年1月1日被告向原告借款5万元并出具借条，到期未还。',
  evidence: [{ name: '借条', source: '原告持有' }],
  signedBy: '张三',
  date: '2024-03-05',
});

const codes = (c: Complaint) => checkComplaint(c).items.map((i) => i.code);
const zh = (c: Complaint) => checkComplaint(c).items.map((i) => i.zh);

describe('checkComplaint (CPL art. 124)', () => {
  it('a complete complaint has no items', () => {
    const r = checkComplaint(fullComplaint());
    expect(r.items).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it('names a missing defendant domicile: 缺少被告住所地', () => {
    const c = fullComplaint();
    c.parties[1] = { ...c.parties[1]!, domicile: '' };
    const r = checkComplaint(c);
    expect(r.complete).toBe(false);
    expect(r.items).toEqual([
      { code: 'party.domicile', severity: 'required', path: 'parties.1.domicile', zh: '缺少被告住所地', en: 'Missing domicile of the defendant', article: 'CPL art. 124(2)' },
    ]);
  });

  it('flags a money claim without an amount: 诉讼请求未写明金额', () => {
    const c = fullComplaint();
    c.claims = [{ text: '判令被告偿还借款本金' }];
    expect(zh(c)).toEqual(['诉讼请求未写明金额']);
    c.claims = [{ text: '判令被告偿还借款本金' }, { text: '判令被告支付违约金' }, { text: '诉讼费由被告承担' }];
    expect(zh(c)).toEqual(['第一项诉讼请求未写明金额', '第二项诉讼请求未写明金额', '第二项诉讼请求中利息（违约金）的计算标准不明确']);
    c.claims = [{ text: '判令被告偿还借款本金', amountFen: 5_000_000 }];
    expect(codes(c)).toEqual([]);
    c.claims = [{ text: '判令被告偿还借款伍万元整' }];
    expect(codes(c)).toEqual([]);
  });

  it('does not ask for an amount on non-money claims', () => {
    const c = fullComplaint();
    c.claims = [{ text: '判令原告与被告离婚' }, { text: '判令被告停止侵权并赔礼道歉' }];
    expect(codes(c)).toEqual([]);
  });

  it('flags unclear interest terms as recommended', () => {
    const c = fullComplaint();
    c.claims = [{ text: '判令被告偿还借款5万元及利息' }];
    const r = checkComplaint(c);
    expect(r.complete).toBe(true);
    expect(r.items.map((i) => [i.code, i.severity])).toEqual([['claim.interestBasis', 'recommended']]);
  });

  it('requires claims, facts and evidence; witnesses need name and address', () => {
    const c = fullComplaint();
    c.claims = [];
    c.factsAndReasons = ' ';
    c.evidence = [];
    c.witnesses = [{ name: '王五', address: null }, { name: null, address: '某地' }];
    expect(zh(c)).toEqual(['缺少诉讼请求', '缺少事实与理由', '缺少证据和证据来源', '缺少证人王五住所', '缺少证人2姓名']);
    c.claims = [{ text: '  ' }];
    expect(codes(c)).toContain('claim.empty');
  });

  it('evidence without a source is recommended', () => {
    const c = fullComplaint();
    c.evidence = [{ name: '转账记录' }];
    expect(checkComplaint(c).items).toMatchObject([{ code: 'evidence.source', severity: 'recommended', zh: '证据“转账记录”未写明来源' }]);
  });

  it('natural-person plaintiff fields (art. 124(1))', () => {
    const c = fullComplaint();
    c.parties[0] = { role: 'plaintiff', kind: 'natural', name: '张三' };
    expect(zh(c)).toEqual([
      '缺少原告性别',
      '缺少原告出生日期（年龄）',
      '缺少原告民族',
      '缺少原告职业',
      '缺少原告工作单位',
      '缺少原告住所地',
      '缺少原告联系方式',
      '缺少原告身份证号码',
    ]);
    const r = checkComplaint(c);
    expect(r.requiredCount).toBe(5);
    expect(r.recommendedCount).toBe(3);
    expect(checkComplaint(c, { strictPlaintiffFields: true }).requiredCount).toBe(7);
  });

  it('an 18-digit ID number supplies the birth date', () => {
    const c = fullComplaint();
    c.parties[0] = { ...c.parties[0]!, birthDate: null };
    expect(codes(c)).toEqual([]);
    c.parties[0] = { ...c.parties[0]!, idNumber: '440305198002300011' }; // Feb 30: not a real date
    expect(codes(c)).toEqual(['party.age']);
  });

  it('legal-person parties need a legal representative and title; defendant credit code recommended', () => {
    const c = fullComplaint();
    c.parties[0] = { role: 'plaintiff', kind: 'legal', name: '某银行股份有限公司', domicile: '深圳市' };
    c.parties[1] = { role: 'defendant', kind: 'legal', name: '某贸易有限公司', domicile: '广州市' };
    expect(zh(c)).toEqual([
      '缺少原告法定代表人姓名',
      '缺少原告法定代表人职务',
      '缺少原告联系方式',
      '缺少原告统一社会信用代码',
      '缺少被告统一社会信用代码',
      '缺少被告法定代表人',
    ]);
    c.parties[0] = { ...c.parties[0]!, kind: 'other-org' };
    expect(zh(c)[0]).toBe('缺少原告主要负责人姓名');
  });

  it('missing parties, and several defendants named individually', () => {
    const c = fullComplaint();
    c.parties = [];
    expect(zh(c).slice(0, 2)).toEqual(['缺少原告', '缺少被告']);
    const d = fullComplaint();
    d.parties.push({ role: 'defendant', kind: 'natural', name: '赵六' }, { role: 'defendant', kind: 'natural' });
    const z = zh(d).filter((s) => s.includes('住所地') || s.includes('姓名'));
    expect(z).toEqual(['缺少被告赵六住所地', '缺少被告3姓名', '缺少被告3住所地']);
  });

  it('form items: court, signature, date (recommended)', () => {
    const c = fullComplaint();
    c.court = null;
    c.signedBy = null;
    c.date = null;
    const r = checkComplaint(c);
    expect(r.complete).toBe(true);
    expect(r.items.map((i) => i.code)).toEqual(['court.missing', 'signature.missing', 'date.missing']);
  });

  it('filing materials (登记立案规定 art. 6)', () => {
    const c = fullComplaint();
    c.materials = { complaintCopies: 0, plaintiffIdentity: false, hasAgent: true, labourCase: true, evidenceList: false, addressConfirmation: false };
    expect(codes(c)).toEqual([
      'materials.copies',
      'materials.identity',
      'materials.powerOfAttorney',
      'materials.evidenceList',
      'materials.addressConfirmation',
      'materials.arbitration',
    ]);
    expect(zh(c)[0]).toBe('起诉状副本不足（需1份，现0份）');
    c.materials = { complaintCopies: 1, plaintiffIdentity: true, hasAgent: true, powerOfAttorney: true, labourCase: true, arbitrationAwardOrDecision: true };
    expect(codes(c)).toEqual([]);
  });

  it('rejects malformed input', () => {
    expect(() => checkComplaint({ parties: 'x' } as unknown as Complaint)).toThrow(RuleInputError);
    expect(() => checkComplaint({ parties: [{ role: 'judge', kind: 'natural' }], claims: [] } as unknown as Complaint)).toThrow(RuleInputError);
  });
});

describe('buildDefectNotice (一次性书面告知)', () => {
  it('lists every required defect once, numbered, with the cure period', () => {
    const c = fullComplaint();
    c.parties[1] = { ...c.parties[1]!, domicile: null };
    c.claims = [{ text: '判令被告偿还借款本金' }];
    c.court = null;
    const text = buildDefectNotice(checkComplaint(c), { cureDays: 7, addressee: '张三', court: '广东省深圳市南山区人民法院' });
    expect(text).toContain('一次性书面告知');
    expect(text).toContain('张三：');
    expect(text).toContain('一、缺少被告住所地；');
    expect(text).toContain('二、诉讼请求未写明金额；');
    expect(text).not.toContain('未写明受诉人民法院');
    expect(text).toContain('七日内一并补正');
    expect(text).toContain('第七条');
    expect(text.trim().endsWith('广东省深圳市南山区人民法院')).toBe(true);
    const withRec = buildDefectNotice(checkComplaint(c), { cureDays: 15, includeRecommended: true });
    expect(withRec).toContain('（一）未写明受诉人民法院；');
    expect(withRec).toContain('十五日内');
  });

  it('refuses when nothing is missing or the cure period is invalid', () => {
    expect(() => buildDefectNotice(checkComplaint(fullComplaint()), { cureDays: 7 })).toThrow(RuleInputError);
    const c = fullComplaint();
    c.factsAndReasons = null;
    expect(() => buildDefectNotice(checkComplaint(c), { cureDays: 0 })).toThrow(RuleInputError);
  });
});
