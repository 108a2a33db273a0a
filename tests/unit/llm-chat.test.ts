import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  historyText,
  normalise,
  queryTerms,
  rankPassages,
  sentenceRanges,
  splitPassages,
  verifyCitations,
} from '../../electron/backend/llm/chat';
import { ChatAnswer, chatAnswerPreview, type ChatPassage } from '../../shared/contract/llm';

const complaint = [
  '民事起诉状',
  '原告：张三，男，1980年1月1日出生。',
  '被告：李四，男，1985年5月5日出生。',
  '诉讼请求：一、判令被告偿还借款本金50000元；二、判令被告支付逾期利息。',
  '事实与理由：2023年3月1日，被告向原告借款50000元，约定借期一年，月利率1%。到期后被告仅归还利息4000元，本金至今未还。原告多次催讨无果，故诉至法院。',
].join('\n');

const receipt = '借条\n今借到张三人民币伍万元整（￥50000元），借期一年。\n借款人：李四\n2023年3月1日';

function passagesOf(): ReturnType<typeof splitPassages> {
  return [...splitPassages('doc-1', '起诉状', complaint), ...splitPassages('doc-2', '借条', receipt)];
}

describe('case chat: passages', () => {
  it('splits into sentences at Chinese punctuation and line breaks, with exact offsets', () => {
    const r = sentenceRanges('第一句。第二句！“第三句？”\n第四行');
    expect(r.map((x) => '第一句。第二句！“第三句？”\n第四行'.slice(x.start, x.end))).toEqual(['第一句。', '第二句！', '“第三句？”', '第四行']);
  });

  it('groups a few sentences per passage; every passage is the document text at its offsets', () => {
    const ps = splitPassages('doc-1', '起诉状', complaint, 80, 3);
    expect(ps.length).toBeGreaterThan(2);
    for (const p of ps) {
      expect(complaint.slice(p.start, p.end)).toBe(p.text);
      expect(p.text.length).toBeLessThanOrEqual(80);
    }
    // Nothing but whitespace is lost between passages.
    const covered = ps.map((p) => p.text).join('');
    expect(covered.replace(/\s/g, '')).toBe(complaint.replace(/\s/g, ''));
  });

  it('cuts an over-long sentence, preferring a comma', () => {
    const long = `${'甲'.repeat(50)}，${'乙'.repeat(50)}，${'丙'.repeat(50)}。`;
    const ps = splitPassages('d', 't', long, 60, 3);
    expect(ps.length).toBeGreaterThanOrEqual(3);
    expect(ps[0]!.text.endsWith('，')).toBe(true);
    expect(ps.map((p) => p.text).join('')).toBe(long);
  });
});

describe('case chat: lexical search', () => {
  it('takes bigrams and numbers from the question, without question words', () => {
    const t = queryTerms('被告借款多少？归还了50000元吗');
    expect(t).toContain('被告');
    expect(t).toContain('借款');
    expect(t).toContain('50000');
    expect(t).not.toContain('多少');
    // Full-width digits match half-width ones.
    expect(queryTerms('５００００元')).toContain('50000');
  });

  it('ranks the passage that answers first, with highlights at the matched terms', () => {
    const ranked = rankPassages(passagesOf(), queryTerms('被告归还了多少利息？'), 5);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked[0]!.text).toContain('归还利息4000元');
    expect(ranked.map((p) => p.n)).toEqual(ranked.map((_, i) => i + 1));
    const hl = ranked[0]!.highlights.map((h) => ranked[0]!.text.slice(h.start, h.end));
    expect(hl).toContain('归还利息');
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score);
  });

  it('finds nothing for a question that shares no terms', () => {
    expect(rankPassages(passagesOf(), queryTerms('天气如何？'), 5)).toEqual([]);
    expect(rankPassages([], queryTerms('借款'), 5)).toEqual([]);
  });
});

describe('case chat: citation verification', () => {
  const ranked: ChatPassage[] = rankPassages(passagesOf(), queryTerms('借款 利息 借期'), 6);
  const withInterest = ranked.find((p) => p.text.includes('仅归还利息4000元'))!;
  const withReceipt = ranked.find((p) => p.documentId === 'doc-2')!;

  it('verifies a verbatim quote and maps it to the document offsets', () => {
    const [c] = verifyCitations([{ passage: withInterest.n, quote: '到期后被告仅归还利息4000元' }], ranked);
    expect(c).toMatchObject({ status: 'verified', verified: true, documentId: 'doc-1', documentTitle: '起诉状', foundIn: null });
    expect(complaint.slice(c!.start!, c!.end!)).toBe('到期后被告仅归还利息4000元');
  });

  it('ignores whitespace, full-width forms and wrapping quote marks, but maps to the original text', () => {
    const [c] = verifyCitations([{ passage: withReceipt.n, quote: '“今借到张三人民币 伍万元整（￥50000元）”' }], ranked);
    expect(c?.status).toBe('verified');
    expect(receipt.slice(c!.start!, c!.end!)).toBe('今借到张三人民币伍万元整（￥50000元）');
    const [d] = verifyCitations([{ passage: withInterest.n, quote: '仅归还利息４０００元' }], ranked);
    expect(d?.status).toBe('verified');
    expect(complaint.slice(d!.start!, d!.end!)).toBe('仅归还利息4000元');
  });

  it('marks paraphrases, wrong passages, unknown passages and trivial quotes; never drops them', () => {
    const out = verifyCitations(
      [
        { passage: withInterest.n, quote: '被告只还了4000元利息' },
        { passage: withInterest.n, quote: '今借到张三人民币伍万元整' },
        { passage: 99, quote: '本金至今未还' },
        { passage: 99, quote: '完全没有的话' },
        { passage: withInterest.n, quote: '“元”' },
      ],
      ranked,
    );
    expect(out.map((c) => c.status)).toEqual(['not-found', 'wrong-passage', 'wrong-passage', 'no-such-passage', 'too-short']);
    expect(out[1]!.foundIn).toBe(withReceipt.n);
    for (const c of out) expect(c).toMatchObject({ verified: false, documentId: null, start: null, end: null });
  });

  it('builds the ChatAnswer that llm.done carries, and refuses a malformed one', () => {
    const a = checkAnswer(
      {
        grounded: true,
        answer: '被告归还了利息4000元 [1]',
        citations: [
          { passage: withInterest.n, quote: '仅归还利息4000元' },
          { passage: withInterest.n, quote: '编造的内容' },
        ],
      },
      'case-1',
      '归还了多少利息？',
      ranked,
    );
    expect(ChatAnswer.parse(a)).toEqual(a);
    expect(a.allVerified).toBe(false);
    expect(a.citations.map((c) => c.verified)).toEqual([true, false]);
    expect(() => checkAnswer({ answer: 'x' }, 'case-1', 'q', ranked)).toThrow(/grounded/);
  });

  it('normalises with a map back to the original characters', () => {
    const n = normalise('Ａ b\n中');
    expect(n.norm).toBe('ab中');
    expect(n.map).toEqual([0, 2, 4]);
    expect(n.ends).toEqual([1, 3, 5]);
  });
});

describe('case chat: prompt parts and streaming preview', () => {
  it('keeps the newest turns of the history within its budget', () => {
    const h = historyText(
      [
        { role: 'user', text: '第一问' },
        { role: 'assistant', text: '第一答' },
        { role: 'user', text: '第二问'.repeat(10) },
      ],
      40,
    );
    expect(h).toContain('第二问');
    expect(h).not.toContain('第一问');
    expect(historyText([])).toBe('');
  });

  it('extracts the answer text from partial streamed JSON', () => {
    expect(chatAnswerPreview('{"grounded": true, "ans')).toBe('');
    expect(chatAnswerPreview('{"grounded": true, "answer": "被告借款')).toBe('被告借款');
    expect(chatAnswerPreview('{"grounded":true,"answer":"a\\"b\\nc\\u4e2d"')).toBe('a"b\nc中');
    expect(chatAnswerPreview('{"answer": "done", "citations": []}')).toBe('done');
    expect(chatAnswerPreview('{"answer": "half\\u4e')).toBe('half');
  });
});
