import { describe, expect, it } from 'vitest';
import { classifyDocument } from '../../electron/backend/review/classify';
import { analyzeElements, clauseStance } from '../../electron/backend/review/elements';
import { parseEvidenceList } from '../../electron/backend/review/evidenceList';
import { extractiveDocument, overlap, verifySentences, type NumberedPassage } from '../../electron/backend/review/summary';
import { getCause } from '../../shared/rules/causes';

const doc = (filename: string, text: string, kind = 'other') => classifyDocument({ title: '', filename, text, kind });

describe('case-file classification', () => {
  it('recognises each category by name or by text, with a reason', () => {
    expect(doc('民事起诉状.docx', '').category).toBe('complaint');
    expect(doc('a.txt', '原告：甲\n诉讼请求：\n1.判令……\n事实与理由：……').category).toBe('complaint');
    expect(doc('b.txt', '民事答辩状\n答辩人：乙\n被答辩人：甲\n现答辩如下：').category).toBe('answer');
    expect(doc('c.txt', '1. 借条，证明借款。\n2. 转账记录，证明交付。').category).toBe('evidence_list');
    expect(doc('开庭笔录.pdf', '').category).toBe('transcript');
    expect(doc('d.txt', '审判员：现在开庭。\n问：原告身份？\n答：张三。').category).toBe('transcript');
    expect(doc('e.txt', '受送达人：李四\n送达文书：传票').category).toBe('service_receipt');
    expect(doc('f.txt', '本院认为，……判决如下：').category).toBe('decision');
    expect(doc('银行流水.pdf', '').category).toBe('evidence');
    const other = doc('IMG_0001.pdf', '');
    expect(other).toMatchObject({ category: 'other', confidence: 0.5 });
    expect(other.reason).toMatch(/扫描件/);
    expect(doc('x.txt', '', 'complaint').reason).toMatch(/立案时识别为起诉状/);
  });
});

describe('evidence-list parsing', () => {
  it('reads numbered paragraphs over several lines with pages and sources', () => {
    const text = '证据清单\n提交人：被告\n证据一：收条\n证明被告已还款20000元。第7页\n（二）录音光盘（原件），证明原告认可已收到还款';
    const r = parseEvidenceList(text);
    expect(r.items.map((i) => [i.name, i.source, i.purpose, i.pageRefs])).toEqual([
      ['收条', '', '证明被告已还款20000元', '7'],
      ['录音光盘', '原件', '证明原告认可已收到还款', ''],
    ]);
    expect(r.heading).toContain('提交人：被告');
    for (const i of r.items) expect(text.slice(i.purposeSpan!.start, i.purposeSpan!.end)).toBe(i.purpose);
  });

  it('reads a table with a header and says so when nothing is numbered', () => {
    const table = '序号\t证据名称\t证据来源\t证明目的\t页码\n1\t借条\t原件\t证明借贷关系成立\t1\n2\t转账记录\t银行打印\t证明款项已交付\t2-3';
    expect(parseEvidenceList(table).items.map((i) => [i.name, i.source, i.purpose, i.pageRefs])).toEqual([
      ['借条', '原件', '证明借贷关系成立', '1'],
      ['转账记录', '银行打印', '证明款项已交付', '2-3'],
    ]);
    expect(parseEvidenceList('随便写的一段话').notes.join()).toMatch(/未识别到编号的证据条目/);
  });
});

describe('stance of an answer clause', () => {
  it.each([
    ['对借条的真实性无异议', 'admission'],
    ['认可借款事实', 'admission'],
    ['对借条不认可', 'denial'],
    ['对转账记录有异议', 'denial'],
    ['被告没有异议', 'admission'],
    ['从未收到该笔款项', 'denial'],
    ['已于2025年6月归还20000元', 'denial'],
    ['原告的请求已超过诉讼时效', 'denial'],
    ['借款经过如下', null],
  ])('%s → %s', (clause, stance) => {
    expect(clauseStance(clause).stance).toBe(stance);
  });

  it('gives a repayment defence to the repayment element only', () => {
    const cause = getCause('private-lending')!;
    const r = analyzeElements({
      causeId: 'private-lending',
      elements: cause.elements,
      complaints: [{ documentId: 'c', title: '起诉状', text: '被告向原告借款5万元，至今未还。' }],
      answers: [{ documentId: 'a', title: '答辩状', text: '借款已经全部还清。' }],
      evidence: [],
    });
    const st = Object.fromEntries(r.map((e) => [e.elementId, e.ruleStatus]));
    expect(st['maturity-default']).toBe('disputed');
    expect(st['agreement']).toBe('unproven');
  });
});

describe('summaries', () => {
  const text = '民事起诉状\n原告：张三。被告：李四。\n诉讼请求：判令被告偿还借款50000元。\n事实与理由：2025年1月10日被告向原告借款50000元，原告当日转账交付。\n借款到期后被告至今未还。\n此致\n某法院';
  it('picks key sentences with their exact offsets', () => {
    const s = extractiveDocument({ documentId: 'd', title: '起诉状', text }, 3);
    expect(s).toHaveLength(3);
    for (const x of s) expect(text.slice(x.source!.start, x.source!.end)).toBe(x.source!.quote);
    expect(s.map((x) => x.text).join()).toMatch(/诉讼请求/);
  });

  it('verifies model sentences by quote or overlap and marks the rest', () => {
    const p: NumberedPassage = { n: 1, documentId: 'd', documentTitle: '起诉状', start: 100, end: 100 + 30, text: '2025年1月10日被告向原告借款50000元，原告当日转账交付。' };
    const [quoted, para, wrong, none] = verifySentences(
      [
        { text: '被告借款五万元。', passage: 1, quote: '被告向原告借款50000元' },
        { text: '被告向原告借款50000元，原告转账交付', passage: 1, quote: '不在原文中' },
        { text: '被告已经全部还清了借款并且支付了利息', passage: 1, quote: '还清' },
        { text: '任何', passage: 7, quote: 'x' },
      ],
      [p],
    );
    expect(quoted).toMatchObject({ check: 'quoted', verified: true });
    expect(p.text.slice(quoted!.source!.start - 100, quoted!.source!.end - 100)).toBe('被告向原告借款50000元');
    expect(para).toMatchObject({ check: 'overlap', verified: true });
    expect(wrong).toMatchObject({ check: 'unverified', verified: false, source: null });
    expect(none).toMatchObject({ check: 'unverified' });
    expect(overlap('完全无关的句子', p.text)).toBeLessThan(0.5);
  });
});
