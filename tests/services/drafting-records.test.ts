import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/cases';
import { mmToTwip } from '../../electron/backend/drafting/docx';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { readDocx } from './drafting-docx';

// 2026-04-20 10:00 local. Sample case 9001: 张明远 v 李清河, 民间借贷纠纷, 王示审 / 陈示记.
const NOW = new Date(2026, 3, 20, 10, 0, 0).getTime();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Texts of the cells of each table row, in order. */
function tableRows(document: string): string[][] {
  return [...document.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n')),
  );
}

describe('exports of the evidence catalogue and the hearing transcript', () => {
  let t: TestBackend;
  let loan: CaseDetail;

  beforeEach(async () => {
    t = await openTestBackend(undefined, () => NOW);
    await t.api['settings.update']({ userName: '书记员甲', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    await t.api['samples.load']({});
    loan = await t.api['cases.get']({ id: (await t.api['cases.list']({ query: '9001' })).items[0]!.id });
  });
  afterEach(() => t.close());

  const party = (role: 'plaintiff' | 'defendant') => loan.parties.find((p) => p.role === role)!;

  it('exports the 证据目录 as a landscape A4 table with fonts, header cells, cross-examination and finding', async () => {
    const pl = party('plaintiff');
    const df = party('defendant');
    const ev = await t.api['review.evidence.create']({
      caseId: loan.id,
      item: { name: '借条', submittedBy: pl.id, source: '原告提供', purpose: '证明借贷关系成立', pageRefs: '1-2' },
    });
    await t.api['review.evidence.update']({
      id: ev.id,
      version: ev.version,
      item: {
        ...ev,
        crossExam: [{ partyId: df.id, partyName: '', authenticity: 'admit', legality: 'admit', relevance: 'dispute', note: '与本案无关' }],
        finding: { result: 'admitted', reason: '被告认可真实性' },
      },
    });
    const ex = await t.api['drafting.exportEvidence']({ caseId: loan.id });
    expect(ex).toMatchObject({ filename: '（2026）粤0305民初9001号证据目录.docx', mime: DOCX });
    const buf = Buffer.from(ex.contentBase64, 'base64');
    expect(ex.bytes).toBe(buf.length);
    const x = readDocx(buf);
    // Landscape A4: the long side across, the orientation stated, margins turned with the page.
    expect(x.document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(x.document)![1]!;
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`).exec(mar)![1]);
    expect([attr('top'), attr('right'), attr('bottom'), attr('left')]).toEqual([mmToTwip(28), mmToTwip(37), mmToTwip(26), mmToTwip(35)]);
    expect(x.document).toMatch(/<w:rFonts w:ascii="方正小标宋简体"[^>]*w:eastAsia="方正小标宋简体"/);
    expect(x.document).toMatch(/<w:rFonts w:ascii="仿宋_GB2312"[^>]*w:eastAsia="仿宋_GB2312"/);
    expect(x.fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(x.footers).toHaveLength(2);
    expect(x.paragraphs.slice(0, 3)).toEqual(['广东省深圳市南山区人民法院', '证据目录', '案号：（2026）粤0305民初9001号　　案由：民间借贷纠纷']);
    // Table text is 小四 (24 half-points); the header row repeats on every page and is bold.
    expect(x.document).toContain('<w:tblHeader/>');
    expect(x.document).toMatch(/<w:rPr><w:rFonts [^>]*\/><w:b\/><w:bCs\/><w:sz w:val="24"\/><w:szCs w:val="24"\/><\/w:rPr><w:t xml:space="preserve">序号<\/w:t>/);
    const rows = tableRows(x.document);
    expect(rows[0]).toEqual(['序号', '证据名称', '来源', '证明目的', '页码', '提交人', '质证意见', '法院认定']);
    expect(rows[1]).toEqual([
      '1',
      '借条',
      '原告提供',
      '证明借贷关系成立',
      '1-2',
      pl.name,
      `${df.name}：真实性认可，合法性认可，关联性有异议（与本案无关）`,
      '予以采信：被告认可真实性',
    ]);
    expect(x.paragraphs).not.toContain('（本案尚未登记证据。）');
    const audit = await t.api['cases.audit']({ caseId: loan.id });
    expect(audit.items.find((a) => a.action === 'draft.export')).toMatchObject({ entity: 'case', detail: { kind: 'evidence_catalogue', items: 1 } });
  });

  it('a case without evidence exports the empty table with a note; an unknown case is NOT_FOUND', async () => {
    const ex = await t.api['drafting.exportEvidence']({ caseId: loan.id });
    const x = readDocx(Buffer.from(ex.contentBase64, 'base64'));
    const rows = tableRows(x.document);
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('序号');
    expect(x.paragraphs.at(-1)).toBe('（本案尚未登记证据。）');
    expect((await expectAppError(t.api['drafting.exportEvidence']({ caseId: 'no-such-case' }))).code).toBe('NOT_FOUND');
  });

  it('exports the 庭审笔录: header block, turns in order with bold speaker labels, signature line', async () => {
    const pl = party('plaintiff');
    const df = party('defendant');
    const { hearing } = await t.api['hearings.create']({
      draft: {
        caseId: loan.id,
        type: 'trial',
        date: '2026-05-06',
        start: '09:00',
        end: '11:30',
        room: '第三法庭',
        presidingJudge: loan.judge,
        clerk: loan.clerk,
        participants: [
          { kind: 'party', partyId: pl.id, note: '到庭' },
          { kind: 'party', partyId: df.id, note: '到庭' },
        ],
      },
    });
    await t.api['hearings.transcript.save']({
      hearingId: hearing.id,
      baseVersion: 0,
      turns: [
        { id: 't1', role: 'presiding', speakerName: '王示审', text: '现在开庭。核对当事人身份。' },
        { id: 't2', role: 'plaintiff', text: '请求判令被告偿还借款本金50000元。\n并承担诉讼费用。' },
        { id: 't3', role: 'defendant', speakerName: '李清河', text: '借款已部分归还。' },
        { id: 't4', role: 'clerk', text: '（记录完毕）' },
      ],
    });
    const ex = await t.api['drafting.exportTranscript']({ hearingId: hearing.id });
    expect(ex).toMatchObject({ filename: '（2026）粤0305民初9001号庭审笔录20260506.docx', mime: DOCX });
    const x = readDocx(Buffer.from(ex.contentBase64, 'base64'));
    // Portrait A4 with the configured margins, fonts and page numbers of the other documents.
    expect(x.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(x.document).not.toContain('landscape');
    expect(x.document).toContain(`w:top="${mmToTwip(37)}"`);
    expect(x.document).toMatch(/<w:rFonts w:ascii="方正小标宋简体"[^>]*w:eastAsia="方正小标宋简体"/);
    expect(x.document).toMatch(/<w:rFonts w:ascii="仿宋_GB2312"[^>]*w:eastAsia="仿宋_GB2312"/);
    expect(x.footers).toHaveLength(2);
    const p = x.paragraphs;
    expect(p.slice(0, 2)).toEqual(['广东省深圳市南山区人民法院', '庭审笔录']);
    expect(p).toContain('时间：2026年5月6日上午9时00分至11时30分');
    expect(p).toContain('地点：第三法庭');
    expect(p).toContain(`审判人员：${loan.judge}`);
    expect(p).toContain(`书记员：${loan.clerk}`);
    expect(p).toContain('案号：（2026）粤0305民初9001号');
    expect(p).toContain('案由：民间借贷纠纷');
    const att = p.indexOf(`当事人及到庭情况：原告${pl.name}（到庭）`);
    expect(att).toBeGreaterThan(0);
    expect(p[att + 1]).toBe(`被告${df.name}（到庭）`);
    // Turns in order; the judge sits alone, so the presiding judge is 审判员.
    const order = ['审判员王示审：现在开庭。核对当事人身份。', '原告：请求判令被告偿还借款本金50000元。', '并承担诉讼费用。', '被告李清河：借款已部分归还。', '书记员：（记录完毕）'];
    const idx = order.map((o) => p.indexOf(o));
    expect(idx.every((i) => i > att)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(idx[2]).toBe(idx[1]! + 1);
    // The role label is its own bold run; the spoken text is not bold.
    for (const label of ['审判员王示审：', '原告：', '被告李清河：', '书记员：']) {
      expect(x.document).toMatch(new RegExp(`<w:r><w:rPr><w:rFonts [^>]*/><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">${label}</w:t></w:r>`));
    }
    const spoken = /<w:r><w:rPr>((?:(?!<\/w:rPr>)[^])*)<\/w:rPr><w:t xml:space="preserve">现在开庭/.exec(x.document)![1]!;
    expect(spoken).not.toContain('<w:b');
    expect(p.at(-1)).toBe('当事人签名：　　　　　　　　审判人员：　　　　　　　　书记员：');
    const audit = await t.api['cases.audit']({ caseId: loan.id });
    expect(audit.items.find((a) => a.action === 'draft.export')).toMatchObject({ entity: 'hearing', entityId: hearing.id, detail: { kind: 'transcript', turns: 4, version: 1 } });
  });

  it('names the presiding judge 审判长 on a panel; a hearing without a transcript or participants still exports; unknown hearing is NOT_FOUND', async () => {
    const { hearing } = await t.api['hearings.create']({
      draft: { caseId: loan.id, type: 'trial', date: '2026-05-07', start: '14:00', end: '15:00', room: '', presidingJudge: loan.judge, panel: ['赵陪审'], clerk: loan.clerk },
    });
    const empty = readDocx(Buffer.from((await t.api['drafting.exportTranscript']({ hearingId: hearing.id })).contentBase64, 'base64'));
    expect(empty.paragraphs).toContain('地点：本院');
    expect(empty.paragraphs).toContain(`审判人员：${loan.judge}、赵陪审`);
    expect(empty.paragraphs.find((l) => l.startsWith('当事人及到庭情况：'))).toMatch(/（到庭情况未登记）$/);
    await t.api['hearings.transcript.save']({ hearingId: hearing.id, baseVersion: 0, turns: [{ id: 'a', role: 'presiding', speakerName: '', text: '继续开庭。' }, { id: 'b', role: 'juror', speakerName: '赵陪审', text: '无补充。' }] });
    const x = readDocx(Buffer.from((await t.api['drafting.exportTranscript']({ hearingId: hearing.id })).contentBase64, 'base64'));
    expect(x.paragraphs).toContain('审判长：继续开庭。');
    expect(x.paragraphs).toContain('人民陪审员赵陪审：无补充。');
    expect((await expectAppError(t.api['drafting.exportTranscript']({ hearingId: 'no-such-hearing' }))).code).toBe('NOT_FOUND');
  });
});

describe('courtdesk draft --kind evidence | transcript (CLI)', () => {
  it('exports the catalogue by case number and the transcript by hearing id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtdesk-cli-records-'));
    try {
      const b = await openTestBackend(dir, () => NOW);
      let hearingId: string;
      try {
        await b.api['samples.load']({});
        const loan = await b.api['cases.get']({ id: (await b.api['cases.list']({ query: '9001' })).items[0]!.id });
        const { hearing } = await b.api['hearings.create']({
          draft: { caseId: loan.id, type: 'trial', date: '2026-05-06', start: '09:00', end: '10:00', room: '第三法庭', presidingJudge: loan.judge, clerk: loan.clerk },
        });
        hearingId = hearing.id;
        await b.api['hearings.transcript.save']({ hearingId, baseVersion: 0, turns: [{ id: 't1', role: 'presiding', text: '现在开庭。' }] });
      } finally {
        await b.close();
      }
      const ev = join(dir, 'ev.docx');
      const r = await cli(['draft', '--data-dir', dir, '--case', '(2026)粤0305民初9001号', '--kind', 'evidence', '--out', ev, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ kind: 'evidence', filename: '（2026）粤0305民初9001号证据目录.docx' });
      expect(readDocx(readFileSync(ev)).paragraphs).toContain('证据目录');
      const tr = join(dir, 'tr.docx');
      const r2 = await cli(['draft', '--data-dir', dir, '--kind', 'transcript', '--hearing', hearingId, '--out', tr]);
      expect(r2.code).toBe(0);
      expect(readDocx(readFileSync(tr)).paragraphs).toContain('审判员：现在开庭。');
      expect((await cli(['draft', '--data-dir', dir, '--kind', 'transcript', '--out', tr])).code).toBe(2);
      const unknown = await cli(['draft', '--data-dir', dir, '--kind', 'transcript', '--hearing', 'nope', '--out', tr]);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('No hearing with id nope');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
