import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFT_KINDS, type Draft } from '../../shared/contract/drafting';
import { importStatutes } from '../../electron/backend/precedents/statutes';
import { sideOf } from '../../electron/backend/drafting/diff';
import { mmToTwip } from '../../electron/backend/drafting/docx';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { readDocx, renderAvailable, renderDocx } from './drafting-docx';

// 2026-06-10 12:00 local: the 落款 date of drafts created without one.
const NOW = new Date(2026, 5, 10, 12).getTime();

async function sampleCase(t: TestBackend, number = '9001'): Promise<string> {
  await t.api['samples.load']({});
  await t.api['settings.update']({ court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
  const id = (await t.api['cases.list']({ query: `民初${number}号` })).items[0]?.id;
  if (!id) throw new Error('sample case missing');
  return id;
}

const textOf = (d: Draft, id: string) => d.sections.find((s) => s.id === id)?.text ?? '';

async function exportDocx(t: TestBackend, draftId: string) {
  const ex = await t.api['drafting.export']({ draftId });
  return { ...ex, buf: Buffer.from(ex.contentBase64, 'base64') };
}

describe('drafting service', () => {
  let t: TestBackend;
  let clock = NOW;
  beforeEach(async () => {
    clock = NOW;
    t = await openTestBackend(undefined, () => (clock += 1000));
  });
  afterEach(() => t.close());

  it('lists every document kind with its sections', async () => {
    const { items } = await t.api['drafting.kinds']({});
    expect(items.map((k) => k.kind).sort()).toEqual([...DRAFT_KINDS].sort());
    const j = items.find((k) => k.kind === 'judgment')!;
    expect(j.sections.filter((s) => s.generatable).map((s) => s.id)).toEqual(['claims', 'defense', 'findings', 'reasoning']);
    expect(items.find((k) => k.kind === 'summons')!.options).toContain('hearingDate');
  });

  it('proofreading flags a judgment template that does not fit the case procedure', async () => {
    const caseId = await sampleCase(t); // tried under 简易程序
    const procedureRules = new Set(['procedure-template', 'procedure-stated', 'tribunal', 'finality']);
    const ordinary = await t.api['drafting.create']({ caseId, kind: 'judgment' });
    const wrong = (await t.api['drafting.proofread']({ draftId: ordinary.id })).findings.filter((f) => procedureRules.has(f.rule));
    expect(wrong.map((f) => [f.rule, f.severity, f.sectionId])).toEqual([
      ['procedure-template', 'error', 'docName'],
      ['tribunal', 'error', 'signature'],
    ]);
    expect(wrong[0]!.zh).toContain('本案适用简易程序，但本文书使用的是普通程序的模板');
    const simplified = await t.api['drafting.create']({ caseId, kind: 'judgment_simplified' });
    const right = (await t.api['drafting.proofread']({ draftId: simplified.id })).findings.filter((f) => procedureRules.has(f.rule));
    expect(right).toEqual([]);
  });

  it('rulings carry an appeal notice exactly when they are appealable, and proofreading agrees', async () => {
    const finality = async (draftId: string) => (await t.api['drafting.proofread']({ draftId })).findings.filter((f) => f.rule === 'finality');
    const simplified = await sampleCase(t); // 简易程序
    const dismissal = await t.api['drafting.create']({ caseId: simplified, kind: 'ruling_dismissal' });
    expect(textOf(dismissal, 'appeal')).toContain('如不服本裁定，可以在裁定书送达之日起十日内');
    await expect(finality(dismissal.id)).resolves.toEqual([]);
    const withdrawal = await t.api['drafting.create']({ caseId: simplified, kind: 'ruling_withdrawal' });
    await expect(finality(withdrawal.id)).resolves.toEqual([]);
    // An appeal notice typed into a withdrawal ruling is flagged (CPL art. 157(2)).
    const edited = await t.api['drafting.updateSection']({
      draftId: withdrawal.id, version: withdrawal.version, sectionId: 'operative',
      text: `${textOf(withdrawal, 'operative')}\n${textOf(dismissal, 'appeal')}`,
    });
    const flagged = await finality(edited.id);
    expect(flagged.map((f) => [f.severity, f.sectionId])).toEqual([['error', 'operative']]);
    expect(flagged[0]!.zh).toContain('第一百五十七条第一款第五项、第二款');

    // Small claims: the dismissal and jurisdiction rulings take effect once made (CPL-Interp arts. 276, 277).
    const small = await sampleCase(t, '9006');
    for (const kind of ['ruling_dismissal', 'ruling_jurisdiction'] as const) {
      const d = await t.api['drafting.create']({ caseId: small, kind });
      expect(textOf(d, 'appeal')).not.toContain('上诉');
      await expect(finality(d.id)).resolves.toEqual([]);
    }
  });

  it('proofreads the appeal period and court of the judgment template against service records and settings', async () => {
    const finality = async (draftId: string) => (await t.api['drafting.proofread']({ draftId })).findings.filter((f) => f.rule === 'finality');
    const caseId = await sampleCase(t); // 简易程序; 广东省深圳市南山区人民法院
    const j = await t.api['drafting.create']({ caseId, kind: 'judgment_simplified' });
    const appeal = textOf(j, 'appeal');
    expect(appeal).toContain('送达之日起十五日内');
    expect(appeal).toContain('上诉于广东省深圳市中级人民法院');
    await expect(finality(j.id)).resolves.toEqual([]);

    // A ruling's ten days and another court typed in: the period is an error, the court (derived from our name) a warning.
    const typed = appeal.replace('十五日', '十日').replace('广东省深圳市中级人民法院', '广东省广州市中级人民法院');
    const edited = await t.api['drafting.updateSection']({ draftId: j.id, version: j.version, sectionId: 'appeal', text: typed });
    const flagged = await finality(edited.id);
    expect(flagged.map((f) => [f.severity, typed.slice(f.start, f.end), f.suggestion])).toEqual([
      ['error', '十', '十五'],
      ['warning', '广东省广州市中级人民法院', '广东省深圳市中级人民法院'],
    ]);
    expect(flagged[0]!.zh).toContain('第一百七十一条第一款');
    // The court set in the drafting settings is certain: a notice naming another is an error.
    await t.api['drafting.settings.update']({ appealCourt: '广东省深圳前海合作区人民法院' });
    const configured = (await finality(edited.id)).find((f) => f.suggestion === '广东省深圳前海合作区人民法院');
    expect(configured).toMatchObject({ severity: 'error' });
    await t.api['drafting.settings.update']({ appealCourt: '' });
    await t.api['drafting.updateSection']({ draftId: j.id, version: edited.version, sectionId: 'appeal', text: appeal });

    // A defendant served abroad has 30 days (CPL art. 286): the template's one period no longer fits every party.
    const c = await t.api['cases.get']({ id: caseId });
    const defendant = c.parties.find((p) => p.role === 'defendant')!;
    await t.api['deadlines.recordService']({ caseId, partyId: defendant.id, servedOn: '2026-03-05', method: 'post', foreignDomicile: true });
    const abroad = await finality(j.id);
    expect(abroad.map((f) => [f.severity, f.suggestion])).toEqual([['error', null]]);
    expect(abroad[0]!.zh).toContain(`${defendant.name}在中华人民共和国领域内没有住所，上诉期间为三十日`);
    expect(abroad[0]!.zh).toContain('第二百八十六条');
  });

  it('drafts a simplified-procedure judgment deterministically from the case', async () => {
    const caseId = await sampleCase(t);
    const d = await t.api['drafting.create']({ caseId, kind: 'judgment_simplified' });
    expect(d.version).toBe(1);
    expect(d.documentDate).toBe('2026-06-10');
    expect(textOf(d, 'court')).toBe('广东省深圳市南山区人民法院');
    expect(textOf(d, 'caseNumber')).toBe('（2026）粤0305民初9001号');
    expect(textOf(d, 'parties')).toContain('原告：张明远，男，1980年5月12日出生，汉族，住示例省示例市示例区明远路1号。');
    expect(textOf(d, 'parties')).toContain('委托诉讼代理人：刘示律，示例律师事务所律师。');
    expect(textOf(d, 'origin')).toBe(
      '原告张明远与被告李清河民间借贷纠纷一案，本院于2026年3月2日立案后，依法适用简易程序，公开开庭进行了审理。原告张明远及其委托诉讼代理人刘示律，被告李清河到庭参加诉讼。本案现已审理终结。',
    );
    expect(textOf(d, 'claims')).toMatch(/^张明远向本院提出诉讼请求：1\.判令被告偿还借款本金50000元；2\./);
    const defense = d.sections.find((s) => s.id === 'defense')!;
    expect(defense.needsInput).toBe(true);
    expect(defense.text).toContain('【待补充');
    expect(textOf(d, 'operative')).toMatch(/^一、被告李清河于本判决生效之日起十日内向原告张明远偿还借款本金50000元；\n二、/);
    expect(textOf(d, 'latePayment')).toContain('《中华人民共和国民事诉讼法》第二百六十四条规定');
    // No registration on the sample: the fee is computed from the claims, halved for 简易程序 (Fee Measures art. 16).
    expect(textOf(d, 'costs')).toBe('案件受理费1050元，减半收取计525元，由被告李清河负担。');
    expect(textOf(d, 'appeal')).toContain('上诉于广东省深圳市中级人民法院。');
    expect(textOf(d, 'signature')).toBe('审判员　王示审\n二〇二六年六月十日\n书记员　陈示记');
    // Empty statute library: citations are flagged as unverifiable, never silently trusted.
    expect(d.sections.find((s) => s.id === 'latePayment')!.citations[0]).toMatchObject({ kind: 'statute', status: 'unverifiable' });
  });

  it('states the fee computed at registration, halved for simplified procedure and for mediation', async () => {
    await t.api['settings.update']({ court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    const c = await t.api['cases.create']({
      causeOfAction: '买卖合同纠纷',
      judge: '王示审',
      clerk: '陈示记',
      parties: [
        { role: 'plaintiff', kind: 'legal', name: '甲贸易有限公司', legalRep: '赵一', legalRepTitle: '执行董事' },
        { role: 'defendant', name: '钱二', gender: 'female' },
      ],
      claims: [{ text: '判令被告支付货款286500元', amountFen: 28_650_000 }, { text: '本案诉讼费由被告负担' }],
    });
    const reg = await t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'simplified', filedOn: '2026-04-15' });
    expect(reg.fee!.halved).toBe(true);
    const j = await t.api['drafting.create']({ caseId: c.id, kind: 'judgment_simplified' });
    const costs = `案件受理费${reg.fee!.fullFee.replace(/\.00$/, '')}元，减半收取计${reg.fee!.fee.replace(/\.00$/, '')}元，由被告钱二负担。`;
    expect(textOf(j, 'costs')).toBe(costs);
    expect(textOf(j, 'parties')).toContain('法定代表人：赵一，执行董事。');
    const pr = await t.api['drafting.proofread']({ draftId: j.id });
    expect(pr.findings.filter((f) => f.rule === 'fee-sentence' || f.rule === 'case-number')).toEqual([]);
    // A wrong figure typed by hand is caught.
    const edited = await t.api['drafting.updateSection']({ draftId: j.id, version: j.version, sectionId: 'costs', text: costs.replace(/计[\d.]+元/, '计1元') });
    const pr2 = await t.api['drafting.proofread']({ draftId: edited.id });
    expect(pr2.findings.find((f) => f.rule === 'fee-sentence')).toMatchObject({ sectionId: 'costs', suggestion: costs.split('，由')[0] });
    const m = await t.api['drafting.create']({ caseId: c.id, kind: 'mediation' });
    expect(textOf(m, 'costs')).toMatch(/^案件受理费\d+(\.\d+)?元，减半收取计\d+(\.\d+)?元/);
    expect(textOf(m, 'agreement')).toContain('本案审理过程中，经本院主持调解，当事人自愿达成如下协议：');
    const w = await t.api['drafting.create']({ caseId: c.id, kind: 'ruling_withdrawal' });
    expect(textOf(w, 'reasoning')).toContain('《中华人民共和国民事诉讼法》第一百四十八条第一款、第一百五十七条第一款第五项规定，裁定如下：');
    expect(textOf(w, 'costs')).toContain('由原告甲贸易有限公司负担');
  });

  it('keeps a version history, refuses stale saves and diffs any two versions', async () => {
    const caseId = await sampleCase(t);
    const d = await t.api['drafting.create']({ caseId, kind: 'judgment' });
    const v2 = await t.api['drafting.updateSection']({
      draftId: d.id, version: 1, sectionId: 'reasoning', text: '本院认为，原告张明远提供的借条和转账凭证能够证明借贷关系成立。',
    });
    expect(v2.version).toBe(2);
    expect(v2.sections.find((s) => s.id === 'reasoning')!.source).toBe('judge');
    const err = await expectAppError(t.api['drafting.updateSection']({ draftId: d.id, version: 1, sectionId: 'reasoning', text: 'x' }));
    expect(err.code).toBe('CONFLICT');
    // Autosave: a second save of the same section soon after replaces the history row.
    const v3 = await t.api['drafting.updateSection']({
      draftId: d.id, version: 2, sectionId: 'reasoning', text: '本院认为，原告张明远提供的借条和银行转账凭证能够证明借贷关系成立。',
    });
    const hist = (await t.api['drafting.history']({ draftId: d.id })).items;
    expect(hist.map((h) => [h.version, h.action])).toEqual([[3, 'edit'], [1, 'create']]);
    const diff = await t.api['drafting.diff']({ draftId: d.id, from: 1, to: v3.version });
    const r = diff.sections.find((s) => s.sectionId === 'reasoning')!;
    expect(r.changed).toBe(true);
    expect(sideOf(r.parts, 'after')).toBe(textOf(v3, 'reasoning'));
    expect(r.parts.some((p) => p.op === 'insert')).toBe(true);
    expect(diff.sections.find((s) => s.sectionId === 'parties')!.changed).toBe(false);
    await expect(t.api['drafting.diff']({ draftId: d.id, from: 2, to: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reset = await t.api['drafting.resetSection']({ draftId: d.id, version: 3, sectionId: 'reasoning' });
    expect(textOf(reset, 'reasoning')).toMatch(/^本院认为，本案系民间借贷纠纷。/);
    expect((await t.api['drafting.list']({ caseId })).items).toHaveLength(1);
    const bad = await expectAppError(t.api['drafting.updateSection']({ draftId: d.id, version: 4, sectionId: 'nope', text: 'x' }));
    expect(bad.code).toBe('BAD_INPUT');
  });

  it('refuses AI drafting without a model, saying the deterministic draft is there', async () => {
    const caseId = await sampleCase(t);
    const d = await t.api['drafting.create']({ caseId, kind: 'judgment' });
    const err = await expectAppError(t.api['drafting.generateSection']({ draftId: d.id, sectionId: 'reasoning' }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/deterministic draft of this section is already in the document/);
    expect((await expectAppError(t.api['drafting.generateSection']({ draftId: d.id, sectionId: 'costs' }))).code).toBe('BAD_INPUT');
  });

  it('picks the late-payment article by the document date and refills it when the date changes', async () => {
    const caseId = await sampleCase(t);
    const old = await t.api['drafting.create']({ caseId, kind: 'judgment', documentDate: '2023-06-01' });
    expect(textOf(old, 'latePayment')).toContain('第二百六十条规定');
    expect(textOf(old, 'signature')).toContain('二〇二三年六月一日');
    const moved = await t.api['drafting.setDate']({ draftId: old.id, version: 1, documentDate: '2024-01-02' });
    expect(textOf(moved, 'latePayment')).toContain('第二百六十四条规定');
    expect(textOf(moved, 'signature')).toContain('二〇二四年一月二日');
    const docx = readDocx((await exportDocx(t, old.id)).buf);
    expect(docx.paragraphs.some((p) => p.includes('第二百六十四条'))).toBe(true);
    const docx2023 = readDocx((await exportDocx(t, (await t.api['drafting.create']({ caseId, kind: 'judgment', documentDate: '2023-06-01' })).id)).buf);
    expect(docx2023.paragraphs.some((p) => p.includes('第二百六十条规定'))).toBe(true);
  });

  it('verifies citations against the statute library: known articles resolve, invented ones are flagged', async () => {
    const caseId = await sampleCase(t);
    const dir = mkdtempSync(join(tmpdir(), 'statutes-'));
    try {
      writeFileSync(
        join(dir, '民事诉讼法(2023-09-01).md'),
        '# 中华人民共和国民事诉讼法\n\n2024年1月1日起施行\n<!-- INFO END -->\n\n第二百六十四条 被执行人未按判决、裁定和其他法律文书指定的期间履行给付金钱义务的，应当加倍支付迟延履行期间的债务利息。\n',
      );
      writeFileSync(join(dir, '民法典.md'), '# 中华人民共和国民法典\n\n2021年1月1日起施行\n<!-- INFO END -->\n\n第六百七十五条 借款人应当按照约定的期限返还借款。\n');
      await importStatutes(t.backend.ctx.db, dir, { now: NOW, progress: () => undefined, cancelled: () => false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const d = await t.api['drafting.create']({ caseId, kind: 'judgment' });
    expect(d.sections.find((s) => s.id === 'latePayment')!.citations[0]).toMatchObject({ status: 'ok' });
    const e = await t.api['drafting.updateSection']({
      draftId: d.id,
      version: 1,
      sectionId: 'reasoning',
      text: '本院认为，依照《中华人民共和国民法典》第六百七十五条，借款人应当按期还款；参照《中华人民共和国民法典》第九千条及（2023）粤0305民初77号判决。',
    });
    const cites = e.sections.find((s) => s.id === 'reasoning')!.citations;
    expect(cites.map((c) => [c.kind, c.status])).toEqual([
      ['statute', 'ok'],
      ['statute', 'unresolved'],
      ['precedent', 'unverifiable'],
    ]);
    const pr = await t.api['drafting.proofread']({ draftId: d.id });
    const bad = pr.findings.filter((f) => f.rule === 'citation' && f.sectionId === 'reasoning');
    expect(bad.map((f) => f.severity)).toEqual(['error', 'info']);
  });

  it('from a sample case: draft, edit 本院认为, proofread, fix a flagged amount, export and read the file back', async () => {
    const caseId = await sampleCase(t);
    let d = await t.api['drafting.create']({ caseId, kind: 'judgment' });
    d = await t.api['drafting.updateSection']({
      draftId: d.id, version: d.version, sectionId: 'reasoning',
      text: '本院认为，合法的借贷关系受法律保护。原告张明远已交付借款，被告李清河未按约还款，应承担还款责任。综上所述，原告的诉讼请求成立。',
    });
    const operative = textOf(d, 'operative').replace('借款本金50000元', '借款本金50000元（人民币伍仟元整）');
    d = await t.api['drafting.updateSection']({ draftId: d.id, version: d.version, sectionId: 'operative', text: operative });
    const pr = await t.api['drafting.proofread']({ draftId: d.id });
    const amount = pr.findings.find((f) => f.rule === 'amount-capital')!;
    expect(amount).toMatchObject({ sectionId: 'operative', severity: 'error', suggestion: '人民币伍万元整' });
    const fixed = operative.slice(0, amount.start) + amount.suggestion! + operative.slice(amount.end);
    d = await t.api['drafting.updateSection']({ draftId: d.id, version: d.version, sectionId: 'operative', text: fixed });
    expect((await t.api['drafting.proofread']({ draftId: d.id })).findings.filter((f) => f.rule === 'amount-capital')).toEqual([]);
    const ex = await exportDocx(t, d.id);
    expect(ex.filename).toBe('（2026）粤0305民初9001号民事判决书.docx');
    expect(ex.mime).toMatch(/wordprocessingml/);
    const x = readDocx(ex.buf);
    expect(x.paragraphs.join('\n')).toContain('借款本金50000元（人民币伍万元整）');
    expect(x.paragraphs.join('\n')).toContain('合法的借贷关系受法律保护');
  });

  it('exports the official layout: A4, margins, fonts, sizes, order, 落款 date, page numbers (brief §5.6)', async () => {
    const caseId = await sampleCase(t);
    const d = await t.api['drafting.create']({ caseId, kind: 'judgment_simplified' });
    const { buf } = await exportDocx(t, d.id);
    const x = readDocx(buf);
    expect(x.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(x.document)![1]!;
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`).exec(mar)![1]);
    expect([attr('top'), attr('bottom'), attr('left'), attr('right')]).toEqual([mmToTwip(37), mmToTwip(35), mmToTwip(28), mmToTwip(26)]);
    expect(x.document).toMatch(/<w:rFonts w:ascii="方正小标宋简体"[^>]*w:eastAsia="方正小标宋简体"/);
    expect(x.document).toMatch(/<w:rFonts w:ascii="仿宋_GB2312"[^>]*w:eastAsia="仿宋_GB2312"/);
    expect(x.fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    // The court name and document name are 二号 (44 half-points); everything else 三号 (32).
    const runs = [...x.document.matchAll(/<w:r>[\s\S]*?<w:sz w:val="(\d+)"\/>[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => [m[2], m[1]]);
    expect(runs.slice(0, 3)).toEqual([['广东省深圳市南山区人民法院', '44'], ['民事判决书', '44'], ['（2026）粤0305民初9001号', '32']]);
    expect(new Set(runs.slice(2).map((r) => r[1]))).toEqual(new Set(['32']));
    expect(x.document).toMatch(/<w:spacing w:after="0" w:before="0" w:line="578" w:lineRule="exact"\/>/);
    expect(x.document).toMatch(/<w:ind w:firstLine="640"\/>/);
    expect(x.document).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr><w:rFonts[^>]*\/><w:sz w:val="32"\/><w:szCs w:val="32"\/><\/w:rPr><w:t xml:space="preserve">（2026）粤0305民初9001号/);
    // Section order and text as drafted; no numbered headings.
    const order = ['广东省深圳市南山区人民法院', '民事判决书', '（2026）粤0305民初9001号', '原告：张明远', '原告张明远与被告李清河', '张明远向本院提出诉讼请求', '被告李清河辩称', '当事人围绕诉讼请求', '本院认为，', '依照', '一、被告李清河', '如果未按本判决指定的期间', '案件受理费', '如不服本判决', '审判员　王示审', '二〇二六年六月十日', '书记员　陈示记'];
    const idx = order.map((o) => x.paragraphs.findIndex((p) => p.startsWith(o)));
    expect(idx.every((i) => i >= 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(x.paragraphs.some((p) => /^[一二三四五六七八九十]+、(原告诉称|本院认为)/.test(p))).toBe(false);
    // Page numbers: PAGE field between dashes; odd pages right, even pages left.
    expect(x.settings).toContain('evenAndOddHeaders');
    expect(x.footers).toHaveLength(2);
    for (const f of x.footers) {
      expect(f).toMatch(/— <\/w:t>[\s\S]*<w:instrText xml:space="preserve">PAGE<\/w:instrText>[\s\S]* —<\/w:t>/);
      expect(f).toMatch(/<w:sz w:val="28"\/>/);
    }
    expect(x.footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
    // Margins are settings.
    await t.api['drafting.settings.update']({ marginsMm: { top: 35, bottom: 32, left: 28, right: 26 } });
    const y = readDocx((await exportDocx(t, d.id)).buf);
    expect(y.document).toContain(`w:top="${mmToTwip(35)}"`);
    expect(y.document).toContain(`w:bottom="${mmToTwip(32)}"`);
  });

  it('drafts and exports every document kind', async () => {
    const caseId = await sampleCase(t);
    const outDir = join('test-output', 'drafting');
    mkdirSync(outDir, { recursive: true });
    for (const kind of DRAFT_KINDS) {
      const d = await t.api['drafting.create']({
        caseId,
        kind,
        options: { hearingDate: '2026-07-08', hearingTime: '09:30', hearingPlace: '本院第三法庭' },
      });
      const { buf, filename } = await exportDocx(t, d.id);
      writeFileSync(join(outDir, `${kind}.docx`), buf);
      const x = readDocx(buf);
      expect(x.paragraphs[0], kind).toBe('广东省深圳市南山区人民法院');
      expect(x.paragraphs[1], kind).toBe(d.name);
      expect(x.paragraphs.some((p) => p === '二〇二六年六月十日'), kind).toBe(true);
      expect(filename).toBe(`（2026）粤0305民初9001号${d.name}.docx`);
      if (kind === 'summons' || kind === 'hearing_announcement') {
        expect(x.paragraphs.join('\n')).toContain('2026年7月8日9时30分');
        expect(x.paragraphs.join('\n')).toContain('本院第三法庭');
      }
    }
  });

  it('renders exports to PDF and PNG with LibreOffice when installed', async (ctx) => {
    const missing = renderAvailable();
    if (missing) {
      console.warn(`skipped rendering: ${missing}`);
      ctx.skip();
      return;
    }
    const caseId = await sampleCase(t);
    const d = await t.api['drafting.create']({ caseId, kind: 'judgment' });
    const outDir = join('test-output', 'drafting', 'render');
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const r = renderDocx((await exportDocx(t, d.id)).buf, 'judgment', outDir);
    expect(r.pngs.length).toBeGreaterThanOrEqual(2);
    expect(r.pdfFonts).toMatch(/NotoSerifCJK/);
    const text = r.pdfText.replace(/\s+/g, '');
    expect(text).toContain('广东省深圳市南山区人民法院');
    expect(text).toContain('二〇二六年六月十日');
    expect(text).toContain('—1—');
    expect(existsSync(r.pngs[0]!)).toBe(true);
  }, 120_000);
});

describe('courtdesk draft (CLI)', () => {
  it('finds the case by number, drafts it and writes the .docx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtdesk-cli-draft-'));
    try {
      expect((await cli(['samples', 'load', '--data-dir', dir])).code).toBe(0);
      const out = join(dir, 'j.docx');
      const r = await cli(['draft', '--data-dir', dir, '--case', '(2026)粤0305民初9001号', '--kind', 'judgment', '--out', out, '--json']);
      expect(r.code).toBe(0);
      const info = JSON.parse(r.out) as { created: boolean; bytes: number };
      expect(info.created).toBe(true);
      const x = readDocx(readFileSync(out));
      expect(x.paragraphs[1]).toBe('民事判决书');
      const again = await cli(['draft', '--data-dir', dir, '--case', '（2026）粤0305民初9001号', '--out', out, '--json']);
      expect((JSON.parse(again.out) as { created: boolean }).created).toBe(false);
      const missing = await cli(['draft', '--data-dir', dir, '--case', '（2026）粤0305民初1号', '--out', out]);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('No case numbered');
      const badKind = await cli(['draft', '--data-dir', dir, '--case', 'x', '--kind', 'poem', '--out', out]);
      expect(badKind.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
