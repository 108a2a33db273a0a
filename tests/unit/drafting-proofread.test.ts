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
    procedure: null,
    templateProcedures: null,
    foreignDomicileParties: [],
    appealCourt: null,
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

describe('proofreading against the case procedure (CPL arts. 40, 155, 163, 165, 171)', () => {
  // A judgment as the two templates draft it (resources/templates/judgment*.json), trimmed to the
  // sections these rules read.
  const origin = (procedure: string, extra = '') =>
    sec('origin', `原告张明远与被告李清河民间借贷纠纷一案，本院于2026年3月2日立案后，依法适用${procedure}，${extra}公开开庭进行了审理。本案现已审理终结。`);
  const APPEAL = '如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于广东省深圳市中级人民法院。';
  const FINAL = '本判决为终审判决。';
  const PANEL_SIGNATURE = '审　判　长　王示审\n审　判　员　赵示审\n人民陪审员　孙示陪\n二〇二六年六月十日\n书　记　员　陈示记';
  const SOLO_SIGNATURE = '审判员　王示审\n二〇二六年六月十日\n书记员　陈示记';
  const judgment = (o: { procedure: string; appeal: string; signature: string; extra?: string }) => [
    sec('docName', '民事判决书', 'title'),
    origin(o.procedure, o.extra),
    sec('appeal', o.appeal),
    sec('signature', o.signature, 'closing'),
  ];
  // The appeal section a judgment of that procedure ends with, so a test about another rule sees no finality finding.
  const tail = (procedure: 'ordinary' | 'simplified' | 'small_claims') => sec('appeal', procedure === 'small_claims' ? FINAL : APPEAL);
  const ordinaryTemplate = { templateProcedures: ['ordinary'] as const };
  const simplifiedTemplate = { templateProcedures: ['simplified', 'small_claims'] as const };

  it('accepts each template used for its own procedure', () => {
    expect(run(judgment({ procedure: '普通程序', appeal: APPEAL, signature: PANEL_SIGNATURE }), { procedure: 'ordinary', ...ordinaryTemplate })).toEqual([]);
    expect(run(judgment({ procedure: '简易程序', appeal: APPEAL, signature: SOLO_SIGNATURE }), { procedure: 'simplified', ...simplifiedTemplate })).toEqual([]);
    expect(run(judgment({ procedure: '小额诉讼程序', appeal: FINAL, signature: SOLO_SIGNATURE }), { procedure: 'small_claims', ...simplifiedTemplate })).toEqual([]);
  });

  it('flags an ordinary-procedure template used for a simplified case, with its panel signature', () => {
    // What drafting.create gives when the judge picks 民事判决书 (普通程序) for a simplified case.
    const f = run(judgment({ procedure: '简易程序', appeal: APPEAL, signature: PANEL_SIGNATURE }), { procedure: 'simplified', ...ordinaryTemplate });
    expect(rules(f)).toEqual(['procedure-template', 'tribunal']);
    expect(f[0]).toMatchObject({ severity: 'error', sectionId: 'docName', suggestion: null });
    expect(f[0]!.zh).toContain('本案适用简易程序，但本文书使用的是普通程序的模板');
    expect(f[0]!.zh).toContain('《中华人民共和国民事诉讼法》第四十条第二款、第一百六十条、第一百六十三条');
    expect(f[0]!.en).toContain('simplified procedure');
    expect(f[1]).toMatchObject({ severity: 'error', sectionId: 'signature' });
    expect(PANEL_SIGNATURE.slice(f[1]!.start, f[1]!.end)).toBe('审　判　长　王示审');
    expect(f[1]!.zh).toContain('第一百六十三条');
  });

  it('flags the simplified template used for an ordinary case, and the reverse for small claims', () => {
    const reverse = run(judgment({ procedure: '普通程序', appeal: APPEAL, signature: SOLO_SIGNATURE }), { procedure: 'ordinary', ...simplifiedTemplate });
    expect(rules(reverse)).toEqual(['procedure-template', 'tribunal']);
    expect(reverse[0]!.zh).toContain('本案适用普通程序，但本文书使用的是简易程序、小额诉讼程序的模板');
    // A single judge in ordinary procedure is lawful only under art. 40(2): a reminder, not an error.
    expect(reverse[1]).toMatchObject({ severity: 'info', sectionId: 'signature' });
    expect(reverse[1]!.zh).toContain('第四十二条');

    const small = run(judgment({ procedure: '小额诉讼程序', appeal: APPEAL, signature: PANEL_SIGNATURE }), { procedure: 'small_claims', ...ordinaryTemplate });
    expect(rules(small)).toEqual(['procedure-template', 'finality', 'tribunal']);
    expect(small.find((x) => x.rule === 'finality')).toMatchObject({ severity: 'error', sectionId: 'appeal', start: 0, end: APPEAL.length, suggestion: FINAL });
  });

  it('procedure-stated: the origin paragraph names the case procedure', () => {
    const f = run([origin('普通程序'), tail('simplified')], { procedure: 'simplified' });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'procedure-stated', severity: 'error', suggestion: '简易程序' });
    expect(f[0]!.zh).toContain('本案适用简易程序');
    const text = origin('普通程序').text;
    expect(text.slice(f[0]!.start, f[0]!.end)).toBe('普通程序');
    expect(rules(run([origin('简易程序'), tail('small_claims')], { procedure: 'small_claims' }))).toEqual(['procedure-stated']);
    expect(run([origin('简易程序（小额诉讼程序）'), tail('small_claims')], { procedure: 'small_claims' })).toEqual([]);
    expect(run([sec('reasoning', '本案标的额超过上年度就业人员年平均工资百分之五十，不适用小额诉讼程序。'), tail('simplified')], { procedure: 'simplified' })).toEqual([]);
    // No procedure recorded on the case: nothing to compare with.
    expect(run([origin('普通程序')], { procedure: null })).toEqual([]);
  });

  it('tribunal: 合议庭 and 独任 statements must fit the procedure and the signatures', () => {
    const panelInSimplified = run([origin('简易程序', '依法组成合议庭，'), tail('simplified'), sec('signature', SOLO_SIGNATURE, 'closing')], { procedure: 'simplified' });
    expect(rules(panelInSimplified)).toEqual(['tribunal']);
    expect(panelInSimplified[0]).toMatchObject({ sectionId: 'origin', severity: 'error' });
    expect(run([origin('简易程序', '由审判员王示审独任审判，'), tail('simplified'), sec('signature', SOLO_SIGNATURE, 'closing')], { procedure: 'simplified' })).toEqual([]);
    const twoJudges = run([sec('signature', '审判员　王示审\n审判员　赵示审\n二〇二六年六月十日', 'closing')], { procedure: 'small_claims', group: 'ruling' });
    expect(rules(twoJudges)).toEqual(['tribunal']);
    // Ordinary procedure: what the text says and who signs must agree.
    const saysPanel = run([origin('普通程序', '依法组成合议庭，'), tail('ordinary'), sec('signature', SOLO_SIGNATURE, 'closing')], { procedure: 'ordinary' });
    expect(saysPanel.map((x) => [x.rule, x.severity])).toEqual([['tribunal', 'error']]);
    const saysSolo = run([origin('普通程序', '由审判员王示审独任审理，'), tail('ordinary'), sec('signature', PANEL_SIGNATURE, 'closing')], { procedure: 'ordinary' });
    expect(saysSolo.map((x) => [x.rule, x.severity])).toEqual([['tribunal', 'error']]);
    // Rulings and mediation statements sign with one judge in every procedure: no reminder there.
    expect(run([sec('signature', SOLO_SIGNATURE, 'closing')], { procedure: 'ordinary', group: 'ruling' })).toEqual([]);
  });

  it('finality: small-claims judgments are final; other first-instance judgments are appealable', () => {
    const missing = run([sec('appeal', '')], { procedure: 'small_claims' });
    expect(missing[0]).toMatchObject({ rule: 'finality', severity: 'error', sectionId: 'appeal', start: 0, end: 0, suggestion: FINAL });
    expect(missing[0]!.zh).toContain('《中华人民共和国民事诉讼法》第一百六十五条');
    const finalInSimplified = run([sec('appeal', FINAL)], { procedure: 'simplified' });
    expect(finalInSimplified[0]).toMatchObject({ rule: 'finality', severity: 'error', start: 0, end: FINAL.length });
    expect(finalInSimplified[0]!.zh).toContain('第一百七十一条');
    expect(run([sec('appeal', '')], { procedure: 'ordinary' })[0]).toMatchObject({ rule: 'finality', severity: 'warning' });
    // Rulings and notices have their own appeal rules (brief §5.5): not checked here.
    expect(run([sec('appeal', '')], { procedure: 'small_claims', group: 'ruling' })).toEqual([]);
  });
});

describe('proofreading the finality of rulings (CPL arts. 157, 171; brief §3.7, §5.5, §5.7)', () => {
  // Rulings as the templates draft them (resources/templates/ruling_*.json), trimmed to what the rule reads.
  const RULING_APPEAL = '如不服本裁定，可以在裁定书送达之日起十日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于广东省深圳市中级人民法院。';
  const ruling = (operative: string, appeal: string) => [sec('operative', operative), sec('appeal', appeal)];
  const asRuling = (procedure: ProofreadInput['procedure']): Partial<ProofreadInput> => ({ group: 'ruling', procedure, expectedFee: null });
  const finality = (fs: Finding[]) => fs.filter((f) => f.rule === 'finality');

  it('a withdrawal ruling takes effect on service: an appeal notice is an error', () => {
    const f = finality(run(ruling('准许原告张明远撤诉。', RULING_APPEAL), asRuling('simplified')));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', sectionId: 'appeal', start: 0, end: RULING_APPEAL.length, suggestion: '' });
    expect(f[0]!.zh).toContain('撤诉裁定不属于可以上诉的裁定');
    expect(f[0]!.zh).toContain('《中华人民共和国民事诉讼法》第一百五十七条第一款第五项、第二款');
    expect(f[0]!.en).toContain('CPL arts. 157(1)(5), 157(2)');
    // As the template drafts it, with no notice: nothing to say; the same without a procedure on the case.
    expect(finality(run(ruling('准许原告张明远撤诉。', ''), asRuling('simplified')))).toEqual([]);
    expect(finality(run(ruling('准许原告张明远撤诉。', RULING_APPEAL), asRuling(null)))).toHaveLength(1);
    // Suspending the action is not appealable either (art. 157(1)(6)).
    expect(finality(run(ruling('本案中止诉讼。', RULING_APPEAL), asRuling('ordinary')))[0]!.zh).toContain('第一百五十七条第一款第六项');
  });

  it('a dismissal ruling needs the 10-day appeal notice, unless the case is a small claim', () => {
    const missing = finality(run(ruling('驳回原告张明远的起诉。', ''), asRuling('ordinary')));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'warning', sectionId: 'appeal', start: 0, end: 0 });
    expect(missing[0]!.zh).toContain('驳回起诉裁定可以上诉');
    expect(missing[0]!.zh).toContain('第一百五十七条第二款、第一百七十一条第二款');
    expect(finality(run(ruling('驳回原告张明远的起诉。', RULING_APPEAL), asRuling('simplified')))).toEqual([]);
    // A judgment's 15 days in a ruling: the period is pointed at.
    const fifteen = RULING_APPEAL.replace('十日', '十五日');
    const wrong = finality(run(ruling('驳回原告张明远的起诉。', fifteen), asRuling('ordinary')));
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ severity: 'error', suggestion: '十' });
    expect(fifteen.slice(wrong[0]!.start, wrong[0]!.end)).toBe('十五');
    // Small claims: the ruling takes effect once made (CPL-Interp art. 277 of the 2022 text).
    const small = finality(run(ruling('驳回原告张明远的起诉。', RULING_APPEAL), asRuling('small_claims')));
    expect(small).toHaveLength(1);
    expect(small[0]).toMatchObject({ severity: 'error', suggestion: '' });
    expect(small[0]!.zh).toContain('一经作出即生效');
    expect(small[0]!.zh).toContain('第二百七十七条');
    expect(finality(run(ruling('驳回原告张明远的起诉。', ''), asRuling('small_claims')))).toEqual([]);
    // Without a procedure on the case, whether it is a small claim is unknown: not checked.
    expect(finality(run(ruling('驳回原告张明远的起诉。', ''), asRuling(null)))).toEqual([]);
  });

  it('jurisdiction-objection and non-admission rulings are appealable; an unrecognised ruling is left alone', () => {
    expect(finality(run(ruling('驳回被告李清河对本案管辖权提出的异议。', RULING_APPEAL), asRuling('ordinary')))).toEqual([]);
    const jur = finality(run(ruling('驳回被告李清河对本案管辖权提出的异议。', ''), asRuling('simplified')));
    expect(jur[0]!.zh).toContain('管辖权异议裁定可以上诉');
    expect(finality(run(ruling('驳回被告李清河对本案管辖权提出的异议。', RULING_APPEAL), asRuling('small_claims')))[0]!.zh).toContain('第二百七十六条');
    // Non-admission comes before any procedure: appealable whatever the case says (CPL art. 126).
    const na = finality(run(ruling('对原告张明远的起诉，本院不予受理。', ''), asRuling(null)));
    expect(na[0]!.zh).toContain('第一百二十六条');
    expect(finality(run(ruling('冻结被告李清河的银行存款100000元。', RULING_APPEAL), asRuling('ordinary')))).toEqual([]);
  });
});

describe('procedure findings cite the CPL text in force on the document date (brief §0.3)', () => {
  const FINAL = '本判决为终审判决。';
  const finalInSimplified = (documentDate: string) => run([sec('appeal', FINAL)], { procedure: 'simplified', documentDate, filedOn: null })[0]!;

  it('a draft dated from 2022-01-01 cites the 2021 numbering (kept in 2023)', () => {
    const f = finalInSimplified('2022-01-01');
    expect(f.zh).toContain('第一百五十五条第一款第四项、第一百六十五条、第一百七十一条');
    expect(f.en).toContain('CPL arts. 155(1)(4), 165, 171');
  });

  it('a draft dated before 2022-01-01 cites the 2017 numbering', () => {
    const f = finalInSimplified('2021-12-31');
    expect(f.zh).toContain('《中华人民共和国民事诉讼法》第一百五十二条第一款第四项、第一百六十二条、第一百六十四条');
    expect(f.zh).not.toContain('第一百七十一条');
    expect(f.en).toContain('CPL arts. 152(1)(4), 162, 164');

    const small = run([sec('appeal', '')], { procedure: 'small_claims', documentDate: '2021-06-01', filedOn: null })[0]!;
    expect(small.zh).toContain('第一百六十二条');
    const panel = run([sec('origin', '依法适用简易程序，依法组成合议庭，公开开庭进行了审理。'), sec('appeal', '如不服本判决，可以在判决书送达之日起十五日内上诉于广东省深圳市中级人民法院。')], {
      procedure: 'simplified',
      documentDate: '2021-06-01',
      filedOn: null,
    });
    expect(rules(panel)).toEqual(['tribunal']);
    expect(panel[0]!.zh).toContain('第三十九条第二款、第一百六十条');
    const template = run([sec('docName', '民事判决书', 'title')], { procedure: 'simplified', templateProcedures: ['ordinary'], documentDate: '2021-06-01', filedOn: null });
    expect(template[0]!.zh).toContain('第三十九条第二款、第一百五十七条、第一百六十条');
  });

  it('words added in 2021 are cited with the date they took effect', () => {
    const solo = run([sec('origin', '依法适用普通程序，由审判员王示审独任审理。'), sec('appeal', '如不服本判决，可以在判决书送达之日起十五日内上诉于广东省深圳市中级人民法院。')], {
      procedure: 'ordinary',
      documentDate: '2021-06-01',
      filedOn: null,
    });
    expect(solo[0]).toMatchObject({ rule: 'tribunal', severity: 'info' });
    expect(solo[0]!.zh).toContain('第四十条第二款（2022年1月1日起施行）、第四十二条（2022年1月1日起施行）');
    expect(solo[0]!.en).toContain('40(2) (in force from 2022-01-01)');
  });

  it('rulings: the 2017 numbering, and the CPL-Interp numbering before its 2022 revision', () => {
    const RULING_APPEAL = '如不服本裁定，可以在裁定书送达之日起十日内上诉于广东省深圳市中级人民法院。';
    const withdrawal = run([sec('operative', '准许原告张明远撤诉。'), sec('appeal', RULING_APPEAL)], { group: 'ruling', procedure: 'simplified', documentDate: '2021-06-01', filedOn: null, expectedFee: null });
    expect(withdrawal[0]!.zh).toContain('第一百五十四条第一款第五项、第二款');
    const small = (documentDate: string) =>
      run([sec('operative', '驳回原告张明远的起诉。'), sec('appeal', RULING_APPEAL)], { group: 'ruling', procedure: 'small_claims', documentDate, filedOn: null, expectedFee: null })[0]!.zh;
    expect(small('2022-04-09')).toContain('解释》第二百七十九条');
    expect(small('2022-04-10')).toContain('解释》第二百七十七条');
    expect(small('2021-06-01')).toContain('第一百六十二条');
  });
});

describe('proofreading the appeal period and court of a notice (CPL arts. 155(1)(4), 171, 286; brief §3.7, §5.5, §5.9)', () => {
  const COURT = '广东省深圳市中级人民法院';
  const notice = (days: string, court = COURT) => `如不服本判决，可以在判决书送达之日起${days}日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于${court}。`;
  const judgment = (appeal: string, over: Partial<ProofreadInput> = {}) =>
    run([sec('appeal', appeal)], { procedure: 'simplified', ...over }).filter((f) => f.rule === 'finality');
  const at = (text: string, f: Finding) => text.slice(f.start, f.end);

  it('a judgment gives 15 days from service; another period is an error with a one-click fix', () => {
    expect(judgment(notice('十五'))).toEqual([]);
    expect(judgment(notice('15'))).toEqual([]);
    const ten = notice('十');
    const f = judgment(ten);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', sectionId: 'appeal', suggestion: '十五' });
    expect(at(ten, f[0]!)).toBe('十');
    expect(f[0]!.zh).toContain('判决的上诉期间为十五日，不是十日');
    expect(f[0]!.zh).toContain('《中华人民共和国民事诉讼法》第一百五十五条第一款第四项、第一百七十一条第一款');
    expect(f[0]!.en).toContain('CPL arts. 155(1)(4), 171(1)');
  });

  it('30 days only for a party the service record marks as without a domicile in China', () => {
    const thirty = notice('三十');
    const none = judgment(thirty);
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ severity: 'error', suggestion: '十五' });
    expect(at(thirty, none[0]!)).toBe('三十');
    expect(none[0]!.zh).toContain('送达记录中没有这样的当事人');
    expect(none[0]!.zh).toContain('第二百八十六条');

    // Every party abroad: 30 days, and 15 is the wrong one.
    const allAbroad = { foreignDomicileParties: ['张明远', '李清河'] };
    expect(judgment(thirty, allAbroad)).toEqual([]);
    const fifteen = judgment(notice('十五'), allAbroad);
    expect(fifteen[0]).toMatchObject({ severity: 'error', suggestion: '三十' });
    expect(fifteen[0]!.zh).toContain('张明远、李清河在中华人民共和国领域内没有住所，上诉期间为三十日，不是十五日');
    expect(fifteen[0]!.zh).toContain('第一百七十一条第一款、第二百八十六条');

    // One party abroad: the notice names each period; one period for all cannot be fixed in one click.
    const oneAbroad = { foreignDomicileParties: ['李清河'] };
    const both = '如不服本判决，原告张明远可以在判决书送达之日起十五日内，被告李清河可以在判决书送达之日起三十日内，向本院递交上诉状，上诉于广东省深圳市中级人民法院。';
    expect(judgment(both, oneAbroad)).toEqual([]);
    const onlyFifteen = judgment(notice('十五'), oneAbroad);
    expect(onlyFifteen).toHaveLength(1);
    expect(onlyFifteen[0]).toMatchObject({ severity: 'error', suggestion: null });
    expect(onlyFifteen[0]!.zh).toContain('李清河在中华人民共和国领域内没有住所，上诉期间为三十日，上诉权告知只写了十五日');
    expect(judgment(thirty, oneAbroad)[0]).toMatchObject({ severity: 'error', suggestion: null });
    expect(judgment(notice('十'), oneAbroad)[0]!.zh).toContain('“十日”两者都不是');
  });

  it('cites the article of the text in force: 276 in the 2021 text, 286 from 2024, 269 in the 2017 text', () => {
    const thirty = (documentDate: string) => judgment(notice('三十'), { documentDate, filedOn: null })[0]!;
    expect(thirty('2024-01-01').zh).toContain('第二百八十六条');
    expect(thirty('2024-01-01').en).toContain('286');
    expect(thirty('2023-12-31').zh).toContain('第二百七十六条');
    expect(thirty('2023-12-31').en).toContain('171(1)');
    const old = thirty('2021-06-01');
    expect(old.zh).toContain('第一百六十四条第一款');
    expect(old.zh).toContain('第二百六十九条');
  });

  it('a ruling: 10 days, or 30 for a party abroad', () => {
    const RULING = '如不服本裁定，可以在裁定书送达之日起三十日内，向本院递交上诉状，上诉于广东省深圳市中级人民法院。';
    const dismissal = (over: Partial<ProofreadInput>) =>
      run([sec('operative', '驳回原告张明远的起诉。'), sec('appeal', RULING)], { group: 'ruling', procedure: 'ordinary', expectedFee: null, ...over }).filter((f) => f.rule === 'finality');
    expect(dismissal({})[0]).toMatchObject({ severity: 'error', suggestion: '十' });
    expect(dismissal({ foreignDomicileParties: ['张明远', '李清河'] })).toEqual([]);
  });

  it('names the appeal court: the configured one (error) or the one derived from the court name (warning)', () => {
    const wrongCourt = notice('十五', '广东省高级人民法院');
    const configured = judgment(wrongCourt, { appealCourt: { name: COURT, configured: true } });
    expect(configured).toHaveLength(1);
    expect(configured[0]).toMatchObject({ severity: 'error', suggestion: COURT });
    expect(at(wrongCourt, configured[0]!)).toBe('广东省高级人民法院');
    expect(configured[0]!.zh).toContain('上诉法院应为广东省深圳市中级人民法院（文书设置）');
    const derived = judgment(wrongCourt, { appealCourt: { name: COURT, configured: false } });
    expect(derived[0]).toMatchObject({ severity: 'warning', suggestion: COURT });
    expect(derived[0]!.zh).toContain('请在文书设置中填写');
    expect(judgment(notice('十五'), { appealCourt: { name: COURT, configured: true } })).toEqual([]);
    // Unknown court, or a placeholder still to be filled: nothing to compare.
    expect(judgment(wrongCourt)).toEqual([]);
    expect(judgment(notice('十五', '【待补充：上一级法院全称（文书设置）】'), { appealCourt: { name: COURT, configured: true } })).toEqual([]);
    // A notice that names no court at all.
    const noCourt = judgment('如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状。');
    expect(noCourt).toHaveLength(1);
    expect(noCourt[0]).toMatchObject({ severity: 'warning', suggestion: null });
    expect(noCourt[0]!.zh).toContain('没有写明上诉的法院');
  });
});
