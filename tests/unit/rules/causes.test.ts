import { describe, expect, it } from 'vitest';
import raw from '../../../resources/causes/causes.json';
import {
  DEFAULT_CAUSE_TREE,
  buildCauseTree,
  causePath,
  findCauseByName,
  getCause,
  suggestCauses,
} from '../../../shared/rules/causes';
import { RuleInputError } from '../../../shared/rules/errors';

const top = (text: string) => suggestCauses(text)[0]?.name;

describe('cause tree', () => {
  it('contains every common cause from brief §7.1 as a selectable node', () => {
    for (const name of [
      '民间借贷纠纷',
      '离婚纠纷',
      '机动车交通事故责任纠纷',
      '买卖合同纠纷',
      '劳动争议',
      '房屋买卖合同纠纷',
      '物业服务合同纠纷',
      '劳务合同纠纷',
      '租赁合同纠纷',
      '借款合同纠纷',
      '金融借款合同纠纷',
      '信用卡纠纷',
      '追偿权纠纷',
      '生命权、身体权、健康权纠纷',
      '房屋租赁合同纠纷',
      '建设工程施工合同纠纷',
      '继承纠纷',
      '抚养费纠纷',
      '赡养费纠纷',
    ]) {
      expect(findCauseByName(name), name).not.toBeNull();
    }
  });

  it('has element checklists for the causes detailed in brief §7.2–7.9', () => {
    const expected: Record<string, number> = {
      'private-lending': 9,
      'financial-loan': 5,
      sale: 5,
      traffic: 5,
      labour: 5,
      divorce: 6,
      'property-service': 4,
      'house-lease': 5,
    };
    for (const [id, n] of Object.entries(expected)) {
      const c = getCause(id);
      expect(c?.elements).toHaveLength(n);
      for (const e of c?.elements ?? []) expect(e.basis.length).toBeGreaterThan(0);
    }
    expect(getCause('private-lending')?.elements.find((e) => e.id === 'interest')?.basis).toMatch(/provisions arts. 24, 25/);
  });

  it('records the verified catalogue positions (brief §7.1)', () => {
    expect(getCause('divorce')).toMatchObject({ code: '14', verified: true, level: 3 });
    expect(getCause('life-body-health')).toMatchObject({ code: '1', verified: true });
    expect(getCause('p4-c10')).toMatchObject({ name: '合同纠纷', code: '十' });
  });

  it('organises 民间借贷纠纷 as a 4th-level cause under 借款合同纠纷', () => {
    expect(causePath('private-lending').map((n) => n.name)).toEqual(['合同、准合同纠纷', '合同纠纷', '借款合同纠纷', '民间借贷纠纷']);
    expect(DEFAULT_CAUSE_TREE.children.get('loan')).toEqual(['financial-loan', 'private-lending']);
    expect(DEFAULT_CAUSE_TREE.roots).toEqual(['p1', 'p2', 'p4', 'p6', 'p9']);
    expect(getCause('nope')).toBeNull();
    expect(causePath('nope')).toEqual([]);
  });

  it('rejects bad catalogues', () => {
    const base = structuredClone(raw) as { nodes: Array<Record<string, unknown>> };
    expect(() => buildCauseTree({})).toThrow(RuleInputError);
    const dup = structuredClone(base);
    dup.nodes.push({ ...dup.nodes[0] });
    expect(() => buildCauseTree(dup)).toThrow(/Duplicate/);
    const orphan = structuredClone(base);
    orphan.nodes[1] = { ...orphan.nodes[1], parent: 'missing' };
    expect(() => buildCauseTree(orphan)).toThrow(/unknown parent/);
    const level = structuredClone(base);
    level.nodes[1] = { ...level.nodes[1], level: 3 };
    expect(() => buildCauseTree(level)).toThrow(/level/);
  });
});

describe('suggestCauses', () => {
  it.each([
    ['被告于2023年1月向原告借款5万元并出具借条，约定月底还款，原告通过微信转账交付，被告至今未还。', '民间借贷纠纷'],
    ['原告某银行股份有限公司与被告签订个人借款合同，发放贷款30万元，被告逾期未还，原告要求支付本金、罚息及复利。', '金融借款合同纠纷'],
    ['被告持有原告发行的信用卡，透支消费后未按期还款，尚欠透支本金及利息。', '信用卡纠纷'],
    ['原告向被告供货，双方有送货单和对账单为证，被告尚欠货款12万元未付。', '买卖合同纠纷'],
    ['被告驾驶机动车与原告发生碰撞，交警出具事故认定书认定被告负全责，原告要求交强险保险公司赔偿医疗费。', '机动车交通事故责任纠纷'],
    ['原告于2020年入职被告公司，被告违法解除劳动合同，经劳动仲裁后原告不服仲裁裁决，请求支付经济补偿。', '劳动争议'],
    ['原被告于2015年办理结婚登记，婚后感情不和，长期分居，夫妻感情确已破裂，请求判决离婚。', '离婚纠纷'],
    ['被告系小区业主，拖欠物业费两年，原告物业公司多次催缴未果。', '物业服务合同纠纷'],
    ['被告承租原告房屋，拖欠房租三个月，原告要求解除房屋租赁合同并退租。', '房屋租赁合同纠纷'],
    ['原告作为保证人代为清偿了被告的借款，现向被告追偿。', '追偿权纠纷'],
    ['被告在争执中将原告打伤，原告支付医疗费、误工费，请求被告赔偿人身损害。', '生命权、身体权、健康权纠纷'],
    ['被告拖欠原告工程款，工程已于2022年竣工验收。', '建设工程施工合同纠纷'],
    ['请求判令被告每月支付子女抚养费2000元。', '抚养费纠纷'],
    ['原告年迈，请求判令被告每月支付赡养费。', '赡养费纠纷'],
    ['被继承人去世后留有房产一套，原告请求依法继承遗产。', '继承纠纷'],
  ])('suggests the right cause for: %s', (text, cause) => {
    expect(top(text)).toBe(cause);
  });

  it('gives reasons with spans into the text', () => {
    const text = '被告向原告借款并出具借条。';
    const [first] = suggestCauses(text);
    expect(first?.name).toBe('民间借贷纠纷');
    expect(first?.path.at(-1)).toBe('民间借贷纠纷');
    const kw = first?.reasons.map((r) => r.keyword);
    expect(kw).toEqual(['借条', '借款']);
    for (const r of first?.reasons ?? []) expect(text.slice(r.start, r.end)).toBe(r.keyword);
    expect(first?.elements.length).toBeGreaterThan(0);
  });

  it('a named cause wins', () => {
    expect(top('原告诉被告买卖合同纠纷一案，被告借款未还。')).toBe('买卖合同纠纷');
  });

  it('counts repeated keywords once but reports the count', () => {
    const r = suggestCauses('借条、借条、借条')[0];
    expect(r?.score).toBe(3);
    expect(r?.reasons[0]?.count).toBe(3);
  });

  it('returns nothing for unrelated text and respects limit/minScore', () => {
    expect(suggestCauses('今天天气很好。')).toEqual([]);
    expect(suggestCauses('')).toEqual([]);
    const many = '借款 借条 银行 贷款 信用卡 货款 交通事故 离婚 物业费 房租 工程款';
    expect(suggestCauses(many, { limit: 3 })).toHaveLength(3);
    expect(suggestCauses('利息', { minScore: 1 }).map((c) => c.name)).toContain('民间借贷纠纷');
    expect(suggestCauses('利息')).toEqual([]);
  });
});
