import { describe, expect, it } from 'vitest';
import type { DraftSection, Finding, SectionCitation } from '../../shared/contract/drafting';
import { proofread, type ProofreadInput } from '../../electron/backend/drafting/proofread';

function sec(id: string, text: string, layout: DraftSection['layout'] = 'body'): DraftSection {
  return { id, title: id, kind: 'field', layout, text, source: 'rules', needsInput: false, generatable: false, notes: [], citations: [] };
}

const parties: ProofreadInput['parties'] = [
  { role: 'plaintiff', name: '张明远' },
  { role: 'defendant', name: '李清河' },
];

function run(sections: DraftSection[], over: Partial<ProofreadInput> = {}): Finding[] {
  return proofread({
    sections,
    group: 'judgment',
    documentDate: '2026-06-10',
    caseNumber: '（2026）粤0305民初9001号',
    courtCode: '粤0305',
    filedOn: '2026-03-02',
    parties,
    expectedFee: { feeFen: 52_500, fullFeeFen: 105_000, halved: true },
    latePaymentArticle: 264,
    citations: {},
    ...over,
  });
}
const rules = (fs: Finding[]) => fs.map((f) => f.rule);

describe('proofreading rules (brief §5.9)', () => {
  it('amount-capital: a figure and its Chinese capitals must agree', () => {
    const bad = run([sec('operative', '被告李清河向原告张明远偿还借款50000元（人民币肆万元整）。')]);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ rule: 'amount-capital', severity: 'error', sectionId: 'operative', suggestion: '人民币伍万元整' });
    const text = '被告李清河向原告张明远偿还借款50000元（人民币肆万元整）。';
    expect(text.slice(bad[0]!.start, bad[0]!.end)).toBe('人民币肆万元整');
    expect(run([sec('operative', '被告李清河向原告张明远偿还借款50000元（人民币伍万元整）。')])).toEqual([]);
    expect(run([sec('operative', '被告李清河向原告张明远偿还借款伍万元整（50000元）。')])).toEqual([]);
  });

  it('party-names: names must be the parties of the case, in their roles', () => {
    const typo = run([sec('origin', '原告张明远与被告李青河民间借贷纠纷一案。')]);
    expect(typo).toHaveLength(1);
    expect(typo[0]).toMatchObject({ rule: 'party-names', severity: 'error', suggestion: '李清河' });
    const swapped = run([sec('origin', '被告张明远向本院提出诉讼请求。')]);
    expect(swapped[0]).toMatchObject({ rule: 'party-names', severity: 'error' });
    const stranger = run([sec('origin', '原告王五与被告李清河纠纷一案。')]);
    expect(stranger[0]).toMatchObject({ rule: 'party-names', severity: 'warning' });
    expect(run([sec('origin', '原告张明远与被告李清河民间借贷纠纷一案，原告的诉讼请求、被告未到庭。原告：张明远。')])).toEqual([]);
  });

  it('date-valid and date-order: real dates, none after the document date, signed after filing', () => {
    expect(rules(run([sec('findings', '2025年2月30日原告出借款项。')]))).toEqual(['date-valid']);
    expect(rules(run([sec('findings', '2026年7月1日原告出借款项。')]))).toEqual(['date-order']);
    expect(run([sec('findings', '2025年1月10日原告出借款项。')])).toEqual([]);
    const early = run([sec('signature', '审判员　王示审\n二〇二六年三月一日\n书记员　陈示记', 'closing')], { documentDate: '2026-03-01' });
    expect(rules(early)).toEqual(['date-order']);
    // Notices announce future dates: no order finding.
    expect(run([sec('body', '本院定于2026年7月1日9时开庭。')], { group: 'notice' })).toEqual([]);
  });

  it('closing-date: Chinese numerals with 〇, matching the document date', () => {
    const sig = (d: string) => [sec('signature', `审判员\u3000王示审\n${d}\n书记员\u3000陈示记`, 'closing')];
    expect(run(sig('二〇二六年六月十日'))).toEqual([]);
    expect(run(sig('2026年6月10日'))[0]).toMatchObject({ rule: 'closing-date', severity: 'error', suggestion: '二〇二六年六月十日' });
    expect(run(sig('二零二六年六月十日'))[0]).toMatchObject({ rule: 'closing-date', severity: 'error' });
    expect(run(sig('二〇二六年六月十一日'))[0]).toMatchObject({ rule: 'closing-date', severity: 'warning' });
    expect(run([sec('signature', '审判员　王示审', 'closing')])[0]).toMatchObject({ rule: 'closing-date' });
  });

  it('case-number: well-formed, the case own number, this court', () => {
    const cn = (t: string) => [sec('caseNumber', t, 'caseNumber')];
    expect(run(cn('（2026）粤0305民初9001号'))).toEqual([]);
    expect(run(cn('(2026)粤0305民初9001号'))).toEqual([]);
    expect(run(cn('（2026）粤0305民初号'))[0]).toMatchObject({ rule: 'case-number', severity: 'error' });
    expect(run(cn('（2026）粤0305民初9002号'))[0]).toMatchObject({ rule: 'case-number', suggestion: '（2026）粤0305民初9001号' });
    expect(run(cn('（2026）粤0306民初9001号'), { caseNumber: '' })[0]).toMatchObject({ rule: 'case-number', severity: 'warning' });
  });

  it('fee-sentence: the costs sentence states the intake fee and its halving (brief §5.4)', () => {
    const costs = (t: string) => [sec('costs', t)];
    expect(run(costs('案件受理费1050元，减半收取计525元，由被告李清河负担。'))).toEqual([]);
    const wrong = run(costs('案件受理费1050元，减半收取计552元，由被告李清河负担。'));
    expect(wrong[0]).toMatchObject({ rule: 'fee-sentence', suggestion: '案件受理费1050元，减半收取计525元' });
    expect(rules(run(costs('案件受理费1050元，由被告李清河负担。')))).toEqual(['fee-sentence']);
    const full = { feeFen: 105_000, fullFeeFen: 105_000, halved: false };
    expect(run(costs('案件受理费1050元，由被告李清河负担。'), { expectedFee: full })).toEqual([]);
    expect(rules(run(costs('案件受理费1050元，减半收取计525元，由被告李清河负担。'), { expectedFee: full }))).toEqual(['fee-sentence']);
  });

  it('late-payment-article: the CPL article in force on the document date (brief §0.3)', () => {
    const late = (n: string) => [sec('latePayment', `如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第${n}条规定，加倍支付迟延履行期间的债务利息。`)];
    expect(run(late('二百六十四'))).toEqual([]);
    expect(run(late('二百六十'))[0]).toMatchObject({ rule: 'late-payment-article', severity: 'error', suggestion: '第二百六十四条' });
    expect(run(late('二百六十'), { documentDate: '2023-05-01', latePaymentArticle: 260 })).toEqual([]);
    const missing = run([sec('operative', '被告李清河于本判决生效之日起十日内向原告张明远支付50000元。'), sec('latePayment', '')]);
    expect(missing[0]).toMatchObject({ rule: 'late-payment-article', severity: 'warning' });
  });

  it('item-numbering: 一、二、… consecutive, ；between items, 。at the end; one item unnumbered', () => {
    expect(run([sec('operative', '一、甲；\n二、乙；\n三、丙。')])).toEqual([]);
    const gap = run([sec('operative', '一、甲；\n三、乙。')]);
    expect(gap[0]).toMatchObject({ rule: 'item-numbering', severity: 'error', suggestion: '二、' });
    expect(run([sec('operative', '一、甲。\n二、乙。')])[0]).toMatchObject({ rule: 'item-numbering', severity: 'warning' });
    expect(run([sec('operative', '一、驳回原告张明远的诉讼请求。')])[0]).toMatchObject({ rule: 'item-numbering', suggestion: '' });
    expect(run([sec('operative', '驳回原告张明远的诉讼请求。')])).toEqual([]);
  });

  it('citation: unresolved citations are errors, unverifiable ones are noted', () => {
    const c = (status: SectionCitation['status']): SectionCitation => ({
      kind: 'statute', raw: '《中华人民共和国民法典》第九千条', start: 2, end: 18, status, target: '', note: '没有该条',
    });
    const text = '依照《中华人民共和国民法典》第九千条规定';
    expect(run([sec('basis', text)], { citations: { basis: [c('unresolved')] } })[0]).toMatchObject({ rule: 'citation', severity: 'error', start: 2, end: 18 });
    expect(run([sec('basis', text)], { citations: { basis: [c('unverifiable')] } })[0]).toMatchObject({ rule: 'citation', severity: 'info' });
    expect(run([sec('basis', text)], { citations: { basis: [c('ok')] } })).toEqual([]);
  });

  it('placeholder: text still to be supplied is pointed at', () => {
    const f = run([sec('defense', '被告李清河辩称，【待补充：答辩意见】。')]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'placeholder', start: 8, end: 18 });
    expect(run([sec('defense', '被告李清河未作答辩。')])).toEqual([]);
  });
});
