import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BASE64 } from '../../shared/contract/cases';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'complaints', name), 'utf8');
const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
async function docx(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph(l)) }] });
  return Packer.toBuffer(doc);
}

// 2024-06-03 10:00 local: a Monday.
const NOW = new Date(2024, 5, 3, 10, 0, 0).getTime();

describe('intake service', () => {
  let t: TestBackend;
  let clock = NOW;
  beforeEach(async () => {
    clock = NOW;
    t = await openTestBackend(undefined, () => clock);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
  });
  afterEach(() => t.close());

  async function importAndApply(text: string) {
    const imp = await t.api['intake.importFiling']({ files: [{ filename: '起诉状.txt', contentBase64: b64(text) }] });
    const applied = await t.api['intake.applyExtraction']({ caseId: imp.case.id, version: imp.case.version });
    return { imp, applied };
  }

  it('E2E: a clerk imports a .docx complaint, corrects a field, registers, and sees number, fee and deadlines on the dashboard', async () => {
    const text = fixture('01-loan-inline.txt');
    const imp = await t.api['intake.importFiling']({
      files: [
        { filename: '民事起诉状.docx', contentBase64: b64(await docx(text)) },
        { filename: '证据清单.txt', contentBase64: b64('证据清单\n1. 借条\n2. 转账记录') },
        { filename: '原告身份证.txt', contentBase64: b64('身份证复印件') },
      ],
    });
    expect(imp.documents).toHaveLength(3);
    const complaint = imp.documents.find((d) => d.id === imp.complaintDocumentId)!;
    expect(complaint.filename).toBe('民事起诉状.docx');
    expect(complaint.kind).toBe('complaint');
    expect(imp.case.caseNumber).toBe('');
    expect(imp.case.title).toBe('张明远诉李建国');
    const stored = imp.extraction!;
    expect(stored.version).toBe(1);
    // Spans point into the stored document text.
    const { text: docText } = await t.api['documents.text']({ id: complaint.id });
    const name = stored.extraction.parties[1]!.name;
    expect(docText.slice(name.span!.start, name.span!.end)).toBe('李建国');

    // The clerk corrects the defendant's phone.
    const corrected = structuredClone(stored.extraction);
    corrected.parties[1]!.phone = { value: '13900000001', span: null, source: 'clerk', verified: true };
    const saved = await t.api['intake.saveExtraction']({ caseId: imp.case.id, version: stored.version, extraction: corrected });
    expect(saved.version).toBe(2);
    expect(saved.updatedBy).toBe('书记员甲');
    const audit = await t.api['cases.audit']({ caseId: imp.case.id });
    expect(audit.items.find((a) => a.action === 'intake.extraction.save')?.detail).toEqual({ changed: ['parties.1.phone'] });
    // A stale save is refused.
    expect((await expectAppError(t.api['intake.saveExtraction']({ caseId: imp.case.id, version: 1, extraction: corrected }))).code).toBe('CONFLICT');

    const applied = await t.api['intake.applyExtraction']({ caseId: imp.case.id, version: imp.case.version });
    expect(applied.parties.map((p) => [p.role, p.name, p.phone])).toEqual([
      ['plaintiff', '张明远', '13800138000'],
      ['defendant', '李建国', '13900000001'],
    ]);
    expect(applied.claims.map((c) => c.amountFen)).toEqual([5_000_000, null, null]);

    const causes = await t.api['intake.suggestCauses']({ caseId: imp.case.id });
    expect(causes[0]?.name).toBe('民间借贷纠纷');

    const reg = await t.api['intake.register']({ caseId: imp.case.id, version: applied.version, procedure: 'simplified', filedOn: '2024-06-03' });
    expect(reg.case.caseNumber).toBe('（2024）粤0305民初1号');
    expect(reg.case.procedure).toBe('simplified');
    expect(reg.case.filedOn).toBe('2024-06-03');
    expect(reg.fee).toMatchObject({ kind: 'property', amountFen: 5_000_000, fee: '525.00', fullFee: '1050.00', halved: true });
    expect(reg.fee!.article).toContain('art. 13(1)');
    expect(reg.fee!.steps.length).toBeGreaterThan(1);
    const byKind = Object.fromEntries(reg.deadlines.map((d) => [d.kind, d]));
    expect(byKind['fee-payment']!.due).toBe('2024-06-11'); // 06-10 is 端午节: rolled to the next working day
    expect(byKind['trial-limit']!.due).toBe('2024-09-03');
    expect(byKind['answer']!.estimated).toBe(true);
    expect(byKind['answer']!.start).toBe('2024-06-08');
    expect(byKind['evidence']).toBeDefined();
    expect(byKind['limitation']).toBeUndefined();
    expect(reg.stages).toMatchObject([{ from: null, to: 'intake', actor: '书记员甲' }]);
    const regAudit = (await t.api['cases.audit']({ caseId: imp.case.id })).items.find((a) => a.action === 'case.register');
    expect(regAudit?.detail).toMatchObject({ caseNumber: '（2024）粤0305民初1号', procedure: 'simplified' });

    // Dashboard a week later: the fee deadline is due within 3 days.
    clock = new Date(2024, 5, 9, 9, 0, 0).getTime();
    const dash = await t.api['deadlines.list']({});
    expect(dash.asOf).toBe('2024-06-09');
    expect(dash.items.map((d) => [d.caseNumber, d.kind, d.urgency, d.daysLeft])).toEqual([['（2024）粤0305民初1号', 'fee-payment', 'due-soon', 2]]);
    // …and overdue after that.
    const later = await t.api['deadlines.list']({ asOf: '2024-06-12', dueWithinDays: 0 });
    expect(later.items.map((d) => [d.kind, d.urgency, d.daysLeft])).toEqual([['fee-payment', 'overdue', -1]]);
    const notOverdue = await t.api['deadlines.list']({ asOf: '2024-06-12', dueWithinDays: 0, includeOverdue: false });
    expect(notOverdue.items).toEqual([]);
    const done = await t.api['deadlines.complete']({ id: later.items[0]!.id });
    expect(done.status).toBe('done');
    expect((await t.api['deadlines.list']({ asOf: '2024-06-12', dueWithinDays: 0 })).items).toEqual([]);
  });

  it('assigns numbers atomically per court, type and year, and never reuses one', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { applied } = await importAndApply(fixture('06-private-loan-old.txt'));
      const reg = await t.api['intake.register']({ caseId: applied.id, version: applied.version, procedure: 'ordinary', filedOn: '2024-06-03' });
      numbers.push(reg.case.caseNumber);
    }
    expect(numbers).toEqual(['（2024）粤0305民初1号', '（2024）粤0305民初2号', '（2024）粤0305民初3号']);
    // A number typed in by hand is skipped, not shared.
    await t.api['cases.create']({ caseNumber: '（2024）粤0305民初4号', parties: [{ role: 'plaintiff', name: '甲' }] });
    const { applied } = await importAndApply(fixture('06-private-loan-old.txt'));
    const r4 = await t.api['intake.register']({ caseId: applied.id, version: applied.version, procedure: 'ordinary', filedOn: '2024-06-03' });
    expect(r4.case.caseNumber).toBe('（2024）粤0305民初5号');
    // Another type code and year count separately.
    const { applied: a2 } = await importAndApply(fixture('06-private-loan-old.txt'));
    const r5 = await t.api['intake.register']({ caseId: a2.id, version: a2.version, procedure: 'ordinary', typeCode: '民特', filedOn: '2025-01-02' });
    expect(r5.case.caseNumber).toBe('（2025）粤0305民特1号');
    // Registering twice is refused.
    const again = await expectAppError(t.api['intake.register']({ caseId: a2.id, version: r5.case.version, procedure: 'ordinary' }));
    expect(again.code).toBe('CONFLICT');
    // A draft that is archived after taking no number frees nothing; the counter only grows.
    const { applied: a3 } = await importAndApply(fixture('06-private-loan-old.txt'));
    await t.api['cases.archive']({ id: a3.id, version: a3.version });
    const { applied: a4 } = await importAndApply(fixture('06-private-loan-old.txt'));
    const r6 = await t.api['intake.register']({ caseId: a4.id, version: a4.version, procedure: 'ordinary', filedOn: '2024-06-03' });
    expect(r6.case.caseNumber).toBe('（2024）粤0305民初6号');
  });

  it('warns about the limitation period when the facts are old', async () => {
    const { applied } = await importAndApply(fixture('06-private-loan-old.txt'));
    const reg = await t.api['intake.register']({ caseId: applied.id, version: applied.version, procedure: 'ordinary', filedOn: '2024-06-03' });
    const lim = reg.deadlines.find((d) => d.kind === 'limitation');
    expect(lim?.start).toBe('2020-01-15');
    expect(lim?.due).toBe('2023-01-16'); // 2023-01-15 is a Sunday
    expect(lim?.urgency).toBe('overdue');
    expect(reg.fee?.fee).toBe('675.00'); // 35,000: 50 + 25,000 × 2.5%
  });

  it('moves a case through its stages and pauses the trial-limit clock', async () => {
    const { applied } = await importAndApply(fixture('01-loan-inline.txt'));
    const draft = await expectAppError(t.api['cases.transition']({ id: applied.id, version: applied.version, to: 'service' }));
    expect(draft.code).toBe('CONFLICT');
    const reg = await t.api['intake.register']({ caseId: applied.id, version: applied.version, procedure: 'ordinary', filedOn: '2024-06-03' });
    let c = reg.case;
    const skip = await expectAppError(t.api['cases.transition']({ id: c.id, version: c.version, to: 'hearing' }));
    expect(skip.code).toBe('BAD_INPUT');
    for (const to of ['service', 'pretrial', 'hearing', 'decision', 'closed', 'archived'] as const) {
      c = await t.api['cases.transition']({ id: c.id, version: c.version, to, note: to === 'decision' ? '调解结案' : '' });
      expect(c.stage).toBe(to);
    }
    const info = await t.api['intake.registration']({ caseId: c.id });
    expect(info.stages.map((s) => s.to)).toEqual(['intake', 'service', 'pretrial', 'hearing', 'decision', 'closed', 'archived']);
    expect(info.stages[4]).toMatchObject({ from: 'hearing', to: 'decision', note: '调解结案', actor: '书记员甲' });
    const stale = await expectAppError(t.api['cases.transition']({ id: c.id, version: 1, to: 'closed' }));
    expect(stale.code).toBe('CONFLICT');

    // Trial limit: ordinary 6 months from 2024-06-03 → 2024-12-03; a 10-day appraisal moves it to 12-13.
    expect(info.deadlines.find((d) => d.kind === 'trial-limit')?.due).toBe('2024-12-03');
    const paused = await t.api['deadlines.pause']({ caseId: c.id, from: '2024-07-01', to: '2024-07-10', reason: '鉴定期间' });
    expect(paused.pauses.map((p) => [p.from, p.to, p.reason])).toEqual([['2024-07-01', '2024-07-10', '鉴定期间']]);
    expect(paused.deadlines.find((d) => d.kind === 'trial-limit')?.due).toBe('2024-12-13');
    const before = await expectAppError(t.api['deadlines.pause']({ caseId: c.id, from: '2024-01-01', to: '2024-01-02', reason: 'x' }));
    expect(before.details?.issues?.[0]?.path).toBe('from');
    const backwards = await expectAppError(t.api['deadlines.pause']({ caseId: c.id, from: '2024-08-02', to: '2024-08-01', reason: 'x' }));
    expect(backwards.details?.issues?.[0]?.path).toBe('to');
  });

  it('checks completeness (CPL art. 124) and writes the one-time defect notice', async () => {
    const { imp } = await importAndApply(fixture('05-labour-minimal.txt'));
    const check = await t.api['intake.check']({ caseId: imp.case.id });
    expect(check.complete).toBe(false);
    const zh = check.items.map((i) => i.zh);
    expect(zh).toContain('缺少原告联系方式');
    expect(zh).toContain('诉讼请求未写明金额');
    expect(zh).toContain('缺少证据和证据来源');
    expect(zh).toContain('缺少原告身份证明材料');
    const notice = await t.api['intake.defectNotice']({ caseId: imp.case.id, cureDays: 7 });
    expect(notice.text).toMatch(/^补正通知书（一次性书面告知）\n马丽：/);
    expect(notice.text).toContain('一、');
    expect(notice.text).toContain('请于收到本通知之日起七日内一并补正');
    expect(notice.text).toContain('广东省深圳市南山区人民法院');
    expect(notice.items.every((i) => i.severity === 'required')).toBe(true);
  });

  it('pasted text becomes a stored document; a second import into the case skips the same file', async () => {
    const text = fixture('02-company-multiline.txt');
    const imp = await t.api['intake.importFiling']({ pastedText: text });
    expect(imp.documents[0]!.title).toBe('起诉状（粘贴）');
    expect(imp.extraction!.extraction.parties[0]!.name.value).toBe('深圳市星河科技有限公司');
    const again = await t.api['intake.importFiling']({ caseId: imp.case.id, pastedText: text });
    expect(again.documents).toEqual([]);
    expect(again.skipped.map((s) => s.documentId)).toEqual([imp.documents[0]!.id]);
    expect(again.complaintDocumentId).toBe(imp.documents[0]!.id);
    expect(again.extraction!.version).toBe(2);
  });

  it('intake.extract and the calculators work without storage', async () => {
    const e = await t.api['intake.extract']({ text: fixture('03-lease-chinese-numbers.txt') });
    expect(e.parties).toHaveLength(2);
    const fee = await t.api['intake.fee']({ kind: 'property', amount: '5万元', procedure: 'simplified' });
    expect([fee.fee, fee.fullFee]).toEqual(['525.00', '1050.00']);
    expect((await t.api['intake.fee']({ kind: 'property', amountFen: 5_000_000 })).fee).toBe('1050.00');
    const d = await t.api['intake.deadline']({ kind: 'answer', start: '2024-09-30' });
    expect(d.due).toBe('2024-10-15');
    expect(d.steps.length).toBeGreaterThan(1);
    const s = await t.api['intake.suggestCauses']({ text: '被告拖欠房屋租金，原告要求解除房屋租赁合同' });
    expect(s.map((x) => x.name)).toContain('房屋租赁合同纠纷');
    expect(s[0]!.reasons.length).toBeGreaterThan(0);
  });
});

describe('intake: bad input', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend();
  });
  afterEach(() => t.close());

  const countCases = async () => (await t.api['cases.list']({ status: 'all' })).total;

  it('refuses to register without a court profile, or with an invalid court code', async () => {
    const imp = await t.api['intake.importFiling']({ pastedText: fixture('01-loan-inline.txt') });
    const c = await t.api['intake.applyExtraction']({ caseId: imp.case.id, version: imp.case.version });
    const none = await expectAppError(t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'ordinary' }));
    expect(none.code).toBe('BAD_INPUT');
    expect(none.message).toMatch(/court profile is not set/);
    await t.api['settings.update']({ court: { name: '某法院', code: 'XYZ' } });
    const bad = await expectAppError(t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'ordinary' }));
    expect(bad.message).toMatch(/not a valid 法院代字/);
    expect((await t.api['cases.get']({ id: c.id })).caseNumber).toBe('');
  });

  it('refuses impossible dates, bad type codes, absurd amounts and missing parties with the field named', async () => {
    await t.api['settings.update']({ court: { name: '某法院', code: '粤0305' } });
    const imp = await t.api['intake.importFiling']({ pastedText: fixture('01-loan-inline.txt') });
    const c = await t.api['intake.applyExtraction']({ caseId: imp.case.id, version: imp.case.version });
    const date = await expectAppError(t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'ordinary', filedOn: '2025-02-30' }));
    expect([date.code, date.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'filedOn']);
    const type = await expectAppError(t.api['intake.register']({ caseId: c.id, version: c.version, procedure: 'ordinary', typeCode: 'MC' }));
    expect(type.details?.issues?.[0]?.path).toBe('typeCode');
    const absurd = await expectAppError(t.api['intake.fee']({ kind: 'property', amountFen: 1e16 }));
    expect(absurd.details?.issues?.[0]?.path).toBe('amountFen');
    const absurdText = await expectAppError(t.api['intake.fee']({ kind: 'property', amount: '99999999999999999元' }));
    expect([absurdText.code, absurdText.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'amount']);
    const junk = await expectAppError(t.api['intake.fee']({ kind: 'property', amount: 'lots' }));
    expect(junk.details?.issues?.[0]?.path).toBe('amount');
    const noAmount = await expectAppError(t.api['intake.fee']({ kind: 'property' }));
    expect(noAmount.code).toBe('BAD_INPUT');
    // A RuleInputError from the deadline rules names its field.
    const ev = await expectAppError(t.api['intake.deadline']({ kind: 'evidence', start: '2024-06-03', days: 5 }));
    expect([ev.code, ev.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'days']);
    const d = await expectAppError(t.api['intake.deadline']({ kind: 'answer', start: '2025-02-30' }));
    expect(d.details?.issues?.[0]?.path).toBe('start');
    const empty = await t.api['cases.create']({});
    const noParties = await expectAppError(t.api['intake.register']({ caseId: empty.id, version: empty.version, procedure: 'ordinary' }));
    expect(noParties.details?.issues?.[0]?.path).toBe('parties');
    expect((await t.api['cases.get']({ id: c.id })).caseNumber).toBe('');
  });

  it('a corrupt file refuses the whole import: nothing half-saved, nothing already saved lost', async () => {
    const before = await countCases();
    const err = await expectAppError(
      t.api['intake.importFiling']({
        files: [
          { filename: '起诉状.txt', contentBase64: b64(fixture('01-loan-inline.txt')) },
          { filename: '证据.docx', contentBase64: b64(Buffer.from('PK\u0003\u0004 this is not a real zip')) },
        ],
      }),
    );
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/证据\.docx.*nothing was imported/);
    expect(err.details?.issues?.[0]?.path).toBe('files.1');
    expect(await countCases()).toBe(before);

    const ok = await t.api['intake.importFiling']({ pastedText: fixture('01-loan-inline.txt') });
    const fail = await expectAppError(
      t.api['intake.importFiling']({ caseId: ok.case.id, files: [{ filename: 'x.pdf', contentBase64: b64('%PDF-1.4 garbage') }] }),
    );
    expect(fail.code).toBe('BAD_INPUT');
    const after = await t.api['cases.get']({ id: ok.case.id });
    expect(after.documents.map((d) => d.id)).toEqual(ok.documents.map((d) => d.id));
    expect((await t.api['intake.getExtraction']({ caseId: ok.case.id }))?.version).toBe(1);
  });

  it('empty files, binary junk, wrong extensions, legacy .doc and oversized files get clear messages', async () => {
    const one = (filename: string, content: Buffer | string) => t.api['intake.importFiling']({ files: [{ filename, contentBase64: b64(content) }] });
    expect((await expectAppError(one('起诉状.txt', Buffer.alloc(0)))).message).toMatch(/is empty/);
    const junk = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    expect((await expectAppError(one('起诉状.txt', junk))).message).toMatch(/not a supported document/);
    expect((await expectAppError(one('起诉状.txt', await docx('原告：张三')))).message).toMatch(/not a text file/);
    expect((await expectAppError(one('起诉状.docx', '原告：张三'))).message).toMatch(/not a valid \.docx/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const legacy = await expectAppError(one('起诉状.doc', ole));
    expect([legacy.code, legacy.message]).toEqual(['UNSUPPORTED', expect.stringMatching(/legacy \.doc or an encrypted Office file/)]);
    const huge = await expectAppError(
      t.api['intake.importFiling']({ files: [{ filename: 'big.pdf', contentBase64: 'A'.repeat(MAX_DOCUMENT_BASE64 + 4) }] }),
    );
    expect([huge.code, huge.message]).toEqual(['BAD_INPUT', expect.stringMatching(/larger than 50 MB/)]);
    expect((await expectAppError(t.api['intake.importFiling']({ files: [] }))).message).toMatch(/at least one file/);
    expect(await countCases()).toBe(0);
  });

  it('a file that is not a complaint is kept but nothing is extracted, with a note', async () => {
    const r = await t.api['intake.importFiling']({ files: [{ filename: '照片说明.txt', contentBase64: b64('这是一张照片的说明') }] });
    expect(r.extraction).toBeNull();
    expect(r.complaintDocumentId).toBeNull();
    expect(r.notes.join()).toMatch(/No complaint/);
    expect(r.documents).toHaveLength(1);
  });

  it('refuses a corrected extraction whose spans lie outside the text', async () => {
    const imp = await t.api['intake.importFiling']({ pastedText: fixture('05-labour-minimal.txt') });
    const e = structuredClone(imp.extraction!.extraction);
    e.parties[0]!.name.span = { start: 0, end: e.textLength + 10 };
    const err = await expectAppError(t.api['intake.saveExtraction']({ caseId: imp.case.id, version: 1, extraction: e }));
    expect([err.code, err.details?.issues?.[0]?.path]).toEqual(['BAD_INPUT', 'extraction.parties.0.name.span']);
  });
});
