import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/cases';
import type { Summary } from '../../shared/contract/review';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { record, until, type OpDonePayload } from '../llm/helpers';
import { ANSWER, BAD_DATES, COMPLAINT, EVIDENCE_LIST, SERVICE_RECEIPT, addDoc, b64, loanCase } from './review-fixtures';

// 2026-03-20 10:00 local (a Friday).
const NOW = new Date(2026, 2, 20, 10, 0, 0).getTime();

describe('file review (阅卷)', () => {
  let t: TestBackend;
  let c: CaseDetail;
  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ userName: '书记员甲' });
    c = await loanCase(t.api);
  });
  afterEach(() => t.close());

  async function fullFile() {
    const complaint = await addDoc(t.api, c.id, '民事起诉状.txt', COMPLAINT);
    const answer = await addDoc(t.api, c.id, '答辩状.txt', ANSWER);
    const list = await addDoc(t.api, c.id, '原告证据目录.txt', EVIDENCE_LIST);
    const receipt = await addDoc(t.api, c.id, 'scan-0001.txt', SERVICE_RECEIPT);
    // A scan without extracted text (OCR not done): whitespace only.
    const photo = await addDoc(t.api, c.id, '借条扫描件.txt', ' \n \n');
    return { complaint, answer, list, receipt, photo };
  }

  it('classifies the case file with reasons, keeps the clerk override (audited) and the order', async () => {
    const d = await fullFile();
    const file = await t.api['review.documents']({ caseId: c.id });
    const cat = (id: string) => file.items.find((e) => e.document.id === id)!;
    expect(cat(d.complaint.id).category).toBe('complaint');
    expect(cat(d.answer.id).category).toBe('answer');
    expect(cat(d.list.id).category).toBe('evidence_list');
    // Named "scan-0001" but its text says 送达回证.
    expect(cat(d.receipt.id).category).toBe('service_receipt');
    expect(cat(d.receipt.id).reason).toMatch(/受送达人/);
    expect(cat(d.photo.id).category).toBe('evidence');
    for (const e of file.items) expect(e.confidence).toBeGreaterThan(0);
    // Default order: pleadings, evidence list, evidence, service.
    expect(file.items.map((e) => e.category)).toEqual(['complaint', 'answer', 'evidence_list', 'evidence', 'service_receipt']);

    const fixed = await t.api['review.classify']({ documentId: d.photo.id, category: 'other', note: '非本案材料' });
    expect(fixed).toMatchObject({ category: 'other', source: 'clerk', ruleCategory: 'evidence', confidence: 1 });
    // The rules run again but the clerk's choice stays.
    const again = await t.api['review.reclassify']({ caseId: c.id });
    expect(again.items.find((e) => e.document.id === d.photo.id)).toMatchObject({ category: 'other', source: 'clerk' });
    const audit = await t.api['cases.audit']({ caseId: c.id });
    expect(audit.items.find((a) => a.action === 'document.classify')).toMatchObject({ actor: '书记员甲', detail: { from: 'evidence', to: 'other' } });
    // Back to the rules.
    expect((await t.api['review.classify']({ documentId: d.photo.id, category: null })).source).toBe('rule');

    const order = [d.receipt.id, d.complaint.id, d.answer.id, d.list.id, d.photo.id];
    const reordered = await t.api['review.reorder']({ caseId: c.id, documentIds: order });
    expect(reordered.items.map((e) => e.document.id)).toEqual(order);
    expect((await expectAppError(t.api['review.reorder']({ caseId: c.id, documentIds: order.slice(1) }))).code).toBe('CONFLICT');
    expect((await expectAppError(t.api['review.reorder']({ caseId: c.id, documentIds: [...order.slice(1), order[1]!] }))).code).toBe('BAD_INPUT');
  });

  it('refuses a duplicate upload and searches across the case with offsets', async () => {
    const d = await fullFile();
    const dup = await expectAppError(addDoc(t.api, c.id, '起诉状-副本.txt', COMPLAINT));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.details).toMatchObject({ reason: 'duplicate', documentId: d.complaint.id });

    const r = await t.api['review.search']({ caseId: c.id, query: '归还20000元' });
    expect(r.hits.length).toBeGreaterThan(0);
    const top = r.hits[0]!;
    expect(top.documentId).toBe(d.answer.id);
    expect(top.category).toBe('answer');
    const { text } = await t.api['documents.text']({ id: top.documentId });
    expect(text.slice(top.start, top.end)).toBe(top.text);
    const h = top.highlights[0]!;
    expect(top.text.slice(h.start, h.end)).toMatch(/归还|20000/);
    expect(r.documentsWithoutText).toBe(1); // the photo
    const onlyEvidence = await t.api['review.search']({ caseId: c.id, query: '借款', categories: ['evidence_list'] });
    expect(new Set(onlyEvidence.hits.map((x) => x.documentId))).toEqual(new Set([d.list.id]));

    // Find-in-document ignores spaces and full/half width.
    const f = await t.api['review.find']({ documentId: d.complaint.id, query: '５００００ 元' });
    const ctext = (await t.api['documents.text']({ id: d.complaint.id })).text;
    expect(f.matches.length).toBe(3);
    for (const m of f.matches) expect(ctext.slice(m.start, m.end)).toBe('50000元');
  });

  it('imports an evidence list with spans, records cross-examination, refuses stale edits and exports rows', async () => {
    const d = await fullFile();
    const imp = await t.api['review.evidence.import']({ caseId: c.id, documentId: d.list.id });
    const plaintiff = c.parties.find((p) => p.role === 'plaintiff')!;
    const defendant = c.parties.find((p) => p.role === 'defendant')!;
    expect(imp.submittedBy).toBe(plaintiff.id);
    expect(imp.created.map((i) => [i.seq, i.name, i.pageRefs])).toEqual([
      [1, '借条一份', '1'],
      [2, '银行转账凭证', '2-3'],
      [3, '微信聊天记录截图', '4-6'],
    ]);
    expect(imp.created[1]!.source).toBe('中国银行出具');
    const item = imp.created[0]!;
    const listText = (await t.api['documents.text']({ id: d.list.id })).text;
    expect(listText.slice(item.origin!.purposeSpan!.start, item.origin!.purposeSpan!.end)).toBe(item.purpose);
    expect(item.purpose).toBe('证明被告于2025年1月10日向原告借款50000元');
    // Importing the same list twice adds nothing.
    const again = await t.api['review.evidence.import']({ caseId: c.id, documentId: d.list.id });
    expect(again.created).toHaveLength(0);
    expect(again.notes.join()).toMatch(/已从该目录导入过/);

    const opinion = { partyId: defendant.id, partyName: '', authenticity: 'admit', legality: 'admit', relevance: 'dispute', note: '与本案无关' } as const;
    const updated = await t.api['review.evidence.update']({
      id: item.id,
      version: item.version,
      item: { ...item, crossExam: [opinion], finding: { result: 'admitted', reason: '被告认可真实性' } },
    });
    expect(updated.version).toBe(2);
    expect(updated.crossExam[0]!.partyName).toBe(defendant.name);
    // A second window still holding version 1 is refused, with the current version.
    const stale = await expectAppError(t.api['review.evidence.update']({ id: item.id, version: 1, item: { ...item, name: '借条（改）' } }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details).toMatchObject({ currentVersion: 2 });
    // The submitter cannot cross-examine their own evidence.
    const self = await expectAppError(
      t.api['review.evidence.update']({ id: item.id, version: 2, item: { ...item, crossExam: [{ ...opinion, partyId: plaintiff.id }] } }),
    );
    expect(self.details?.issues?.[0]?.path).toBe('item.crossExam.0.partyId');

    const table = await t.api['review.evidence.table']({ caseId: c.id });
    expect(table.columns.map((x) => x.zh)).toEqual(['序号', '提交人', '证据名称', '证据来源', '证明目的', '页码', '质证意见', '认证意见']);
    expect(table.rows[0]).toMatchObject({ seq: 1, submittedBy: '张明远', crossExam: `${defendant.name}：真实性认可，合法性认可，关联性有异议（与本案无关）`, finding: '予以采信：被告认可真实性' });

    const second = imp.created[1]!;
    await t.api['review.evidence.delete']({ id: second.id, version: second.version });
    const left = await t.api['review.evidence.list']({ caseId: c.id });
    expect(left.items.map((i) => [i.seq, i.name])).toEqual([
      [1, '借条一份'],
      [2, '微信聊天记录截图'],
    ]);
    const audit = await t.api['cases.audit']({ caseId: c.id, pageSize: 50 });
    const del = audit.items.find((a) => a.action === 'evidence.delete')!;
    expect((del.detail['item'] as { name: string }).name).toBe('银行转账凭证');
  });

  it('keeps evidence of a party removed from the case, marked, and still editable', async () => {
    const plaintiff = c.parties.find((p) => p.role === 'plaintiff')!;
    const ev = await t.api['review.evidence.create']({ caseId: c.id, item: { name: '借条', submittedBy: plaintiff.id, purpose: '证明借贷关系' } });
    const unknown = await expectAppError(t.api['review.evidence.create']({ caseId: c.id, item: { name: 'x', submittedBy: 'nobody' } }));
    expect(unknown.details?.issues?.[0]?.path).toBe('item.submittedBy');
    // The clerk replaces the plaintiff (e.g. a wrongly entered party).
    const { id: _id, ...rest } = plaintiff;
    await t.api['cases.update']({ id: c.id, version: c.version, case: { ...c, parties: [{ ...rest, name: '张明远（更正）' }, ...c.parties.filter((p) => p.role !== 'plaintiff')] } });
    const [kept] = (await t.api['review.evidence.list']({ caseId: c.id })).items;
    expect(kept).toMatchObject({ submittedBy: plaintiff.id, submittedByName: '张明远', submitterMissing: true });
    const edited = await t.api['review.evidence.update']({ id: ev.id, version: ev.version, item: { ...ev, purpose: '证明借贷关系成立' } });
    expect(edited).toMatchObject({ purpose: '证明借贷关系成立', submittedByName: '张明远', submitterMissing: true });
  });

  it('summarises a document and the case without a model, each sentence with its offsets, and can be cancelled', async () => {
    const d = await fullFile();
    const rec = record(t);
    const { opId } = await t.api['review.summary.start']({ caseId: c.id, documentId: d.complaint.id });
    const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
    expect(done.status).toBe('ok');
    const s = done.result as Summary;
    expect(s.method).toBe('extractive');
    expect(s.note).toMatch(/未加载模型/);
    expect(s.sentences.length).toBeGreaterThanOrEqual(3);
    expect(s.allVerified).toBe(true);
    const text = (await t.api['documents.text']({ id: d.complaint.id })).text;
    for (const x of s.sentences) expect(text.slice(x.source!.start, x.source!.end)).toBe(x.source!.quote);
    expect(await t.api['review.summary.get']({ caseId: c.id, documentId: d.complaint.id })).toEqual(s);

    const caseOp = await t.api['review.summary.start']({ caseId: c.id });
    const caseDone = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === caseOp.opId);
    const cs = caseDone.result as Summary;
    // Service receipts say nothing about the merits and are left out.
    expect(new Set(cs.sentences.map((x) => x.source!.documentId))).toEqual(new Set([d.complaint.id, d.answer.id, d.list.id]));

    // Cancel lands between documents.
    const cancelOp = await t.api['review.summary.start']({ caseId: c.id });
    expect((await t.api['ops.cancel']({ opId: cancelOp.opId })).cancelled).toBe(true);
    const cancelled = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === cancelOp.opId);
    expect(cancelled.status).toBe('cancelled');
    expect(await t.api['review.summary.get']({ caseId: c.id })).toEqual(cs);

    // Asking for the model's summary without a model, or summarising a scan, says why.
    const abs = await t.api['review.summary.start']({ caseId: c.id, mode: 'abstractive' });
    const absDone = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === abs.opId);
    expect(absDone.error).toMatchObject({ code: 'UNAVAILABLE' });
    const scan = await t.api['review.summary.start']({ caseId: c.id, documentId: d.photo.id });
    expect((await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === scan.opId)).error?.code).toBe('UNSUPPORTED');
    rec.stop();
  });

  it('builds a sorted timeline with relative dates resolved, reports unreadable dates, keeps clerk edits on rebuild', async () => {
    const d = await fullFile();
    const bad = await addDoc(t.api, c.id, '情况说明.txt', BAD_DATES);
    const tl = await t.api['review.timeline.build']({ caseId: c.id });
    const dates = tl.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const ctext = (await t.api['documents.text']({ id: d.complaint.id })).text;
    const nextDay = tl.events.find((e) => e.source?.documentId === d.complaint.id && e.relative && e.dateText.startsWith('次日'))!;
    expect(nextDay.date).toBe('2026-01-16');
    expect(nextDay.dateText).toBe('次日（据“2026年1月15日”推算）');
    expect(ctext.slice(nextDay.source!.start, nextDay.source!.end)).toBe('次日');
    expect(ctext.slice(nextDay.eventSpan!.start, nextDay.eventSpan!.end)).toBe(nextDay.text);
    const sameDay = tl.events.find((e) => e.source?.documentId === d.complaint.id && e.dateText.startsWith('当日'))!;
    expect(sameDay.date).toBe('2025-01-10');
    expect(tl.events.find((e) => e.source?.documentId === d.answer.id && e.dateText === '2025年6月')).toMatchObject({ precision: 'month', date: '2025-06-01' });
    // 次日 with nothing before it, and 2025年2月30日, are reported, not guessed.
    expect(tl.problems.filter((p) => p.documentId === bad.id).map((p) => p.raw)).toEqual(['次日', '2025年2月30日']);
    expect(tl.problems[0]!.message).toMatch(/没有可作参照的明确日期|不是真实存在的日期/);

    const loanEvent = tl.events.find((e) => e.date === '2025-01-10' && e.source?.documentId === d.complaint.id && !e.relative)!;
    const edited = await t.api['review.timeline.update']({ id: loanEvent.id, version: loanEvent.version, date: '2025-01-10', precision: 'day', text: '被告向原告借款5万元并出具借条' });
    expect(edited).toMatchObject({ origin: 'clerk', version: 2 });
    expect((await expectAppError(t.api['review.timeline.update']({ id: loanEvent.id, version: 1, date: '2025-01-11', precision: 'day', text: 'x' }))).code).toBe('CONFLICT');
    await t.api['review.timeline.delete']({ id: sameDay.id, version: sameDay.version });
    const added = await t.api['review.timeline.add']({ caseId: c.id, date: '2026-03-01', text: '原告申请财产保全' });
    await expectAppError(t.api['review.timeline.add']({ caseId: c.id, date: '2026-02-30', text: 'x' }));

    const rebuilt = await t.api['review.timeline.build']({ caseId: c.id });
    expect(rebuilt.events.find((e) => e.id === loanEvent.id)?.text).toBe('被告向原告借款5万元并出具借条');
    expect(rebuilt.events.filter((e) => e.source?.documentId === d.complaint.id && e.source.start === loanEvent.source!.start)).toHaveLength(1);
    expect(rebuilt.events.some((e) => e.source?.start === sameDay.source!.start && e.source.documentId === d.complaint.id)).toBe(false);
    expect(rebuilt.events.find((e) => e.id === added.id)?.origin).toBe('clerk');
    const audit = await t.api['cases.audit']({ caseId: c.id, pageSize: 100 });
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['timeline.build', 'timeline.update', 'timeline.delete', 'timeline.add']));
  });

  it('handles a huge document: timeline capped with a note, search and summary still answer', async () => {
    const para = '2024年3月5日，原告向被告转账10000元。次日被告出具收条。';
    const huge = `大额流水说明\n${para.repeat(40_000)}`; // ~1.4 million characters, 80,000 dates
    const doc = await addDoc(t.api, c.id, '流水说明.txt', huge);
    const started = Date.now();
    const tl = await t.api['review.timeline.build']({ caseId: c.id });
    expect(tl.truncatedDocuments).toEqual([doc.id]);
    expect(tl.events.length).toBe(2000);
    const r = await t.api['review.search']({ caseId: c.id, query: '出具收条' });
    expect(r.hits.length).toBeGreaterThan(0);
    const rec = record(t);
    const { opId } = await t.api['review.summary.start']({ caseId: c.id, documentId: doc.id });
    expect((await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId)).status).toBe('ok');
    rec.stop();
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('derives element statuses from complaint, answer and cross-examination; keeps the judge’s calls; proposes disputed points', async () => {
    const d = await fullFile();
    const a = await t.api['review.elements.analyze']({ caseId: c.id });
    expect(a.causeId).toBe('private-lending');
    const st = (id: string) => a.elements.find((e) => e.elementId === id)!;
    expect(st('agreement')).toMatchObject({ status: 'admitted', statusSource: 'rule' });
    expect(st('interest').status).toBe('disputed');
    expect(st('maturity-default').status).toBe('disputed');
    const denial = st('maturity-default').signals.find((s) => s.kind === 'denial')!;
    const atext = (await t.api['documents.text']({ id: d.answer.id })).text;
    expect(atext.slice(denial.source!.start, denial.source!.end)).toBe(denial.source!.quote);
    expect(denial.source!.quote).toMatch(/已于2025年6月归还20000元/);
    expect(st('delivery')).toMatchObject({ status: 'unproven', mentioned: true });
    expect(st('guarantee')).toMatchObject({ status: 'unproven', mentioned: false });
    expect(a.points.map((p) => p.text)).toEqual(expect.arrayContaining(['被告是否已偿还借款及尚欠的数额', '原告是否已向被告实际交付借款及交付的数额']));
    expect(a.points.some((p) => p.elementIds.includes('guarantee'))).toBe(false);

    // Cross-examination: the defendant disputes the transfer record → delivery becomes disputed.
    const imp = await t.api['review.evidence.import']({ caseId: c.id, documentId: d.list.id });
    const transfer = imp.created[1]!;
    const defendant = c.parties.find((p) => p.role === 'defendant')!;
    await t.api['review.evidence.update']({
      id: transfer.id,
      version: 1,
      item: { ...transfer, crossExam: [{ partyId: defendant.id, partyName: '', authenticity: 'dispute', legality: 'admit', relevance: 'admit', note: '未收到' }] },
    });
    const b = await t.api['review.elements.analyze']({ caseId: c.id });
    expect(b.elements.find((e) => e.elementId === 'delivery')).toMatchObject({ status: 'disputed', evidenceIds: [transfer.id] });
    // The delivery point keeps its id from the first analysis.
    const pid = a.points.find((p) => p.elementIds[0] === 'delivery')!.id;
    expect(b.points.find((p) => p.elementIds[0] === 'delivery')!.id).toBe(pid);

    // The judge marks interest admitted; re-analysis keeps it; a stale version is refused.
    const c1 = await t.api['review.elements.update']({ caseId: c.id, version: b.version, elementId: 'interest', status: 'admitted', note: '庭审中被告认可' });
    expect(c1.elements.find((e) => e.elementId === 'interest')).toMatchObject({ status: 'admitted', statusSource: 'judge', ruleStatus: 'disputed' });
    expect((await expectAppError(t.api['review.elements.update']({ caseId: c.id, version: b.version, elementId: 'interest', status: 'disputed' }))).code).toBe('CONFLICT');
    const c2 = await t.api['review.elements.analyze']({ caseId: c.id });
    expect(c2.elements.find((e) => e.elementId === 'interest')!.statusSource).toBe('judge');

    // The judge confirms one point, rewords another and adds one.
    const points = c2.points.map((p) => ({ id: p.id, text: p.text, elementIds: p.elementIds, status: p.status }));
    points[0] = { ...points[0]!, status: 'confirmed' };
    points[1] = { ...points[1]!, text: `${points[1]!.text}（含已还20000元是否属实）` };
    const saved = await t.api['review.points.save']({ caseId: c.id, version: c2.version, points: [...points, { text: '被告是否应承担律师费', elementIds: [], status: 'proposed' }] });
    expect(saved.points[0]!.status).toBe('confirmed');
    expect(saved.points[1]!.origin).toBe('judge');
    expect(saved.points.at(-1)).toMatchObject({ origin: 'judge', seq: saved.points.length });
    const badPoint = await expectAppError(t.api['review.points.save']({ caseId: c.id, version: saved.version, points: [{ text: 'x', elementIds: ['no-such'] }] }));
    expect(badPoint.details?.issues?.[0]?.path).toBe('points.0.elementIds');
    // Confirmed and judge points survive a re-analysis.
    const c3 = await t.api['review.elements.analyze']({ caseId: c.id });
    expect(c3.points.find((p) => p.id === saved.points[0]!.id)?.status).toBe('confirmed');
    expect(c3.points.some((p) => p.text === '被告是否应承担律师费')).toBe(true);
  });

  it('says why when the cause has no checklist or there is no answer', async () => {
    const lease = (await t.api['cases.list']({ query: '宋佳宁' })).items[0]!;
    const a = await t.api['review.elements.analyze']({ caseId: lease.id });
    expect(a.elements.length).toBeGreaterThan(0);
    expect(a.notes.join()).toMatch(/未找到答辩状/);
    const custom = await t.api['cases.create']({ causeOfAction: '网络侵权责任纠纷' });
    const b = await t.api['review.elements.analyze']({ caseId: custom.id });
    expect(b.elements).toEqual([]);
    expect(b.notes.join()).toMatch(/不在要件目录中/);
    expect((await expectAppError(t.api['review.elements.analyze']({ caseId: custom.id, causeId: 'nope' }))).details?.issues?.[0]?.path).toBe('causeId');
    expect(await t.api['review.elements.get']({ caseId: c.id })).toBeNull();
    expect((await expectAppError(t.api['review.search']({ caseId: c.id, query: '' }))).code).toBe('BAD_INPUT');
    expect(b64('')).toBe('');
  });
});
