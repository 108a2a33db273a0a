import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatAnswer, type LlmDone } from '../../shared/contract/llm';
import { normalise } from '../../electron/backend/llm/chat';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';
import { doneOf, haveTinyModel, record, tinyModel, until, type OpDonePayload } from './helpers';

const complaint = [
  '民事起诉状',
  '原告：张三，男，1980年1月1日出生，住北京市海淀区。',
  '被告：李四，男，1985年5月5日出生，住北京市朝阳区。',
  '诉讼请求：一、判令被告偿还借款本金50000元；二、判令被告支付逾期利息。',
  '事实与理由：2023年3月1日，被告向原告借款50000元，约定借期一年。到期后被告仅归还利息4000元，本金至今未还。原告多次催讨无果，故诉至法院。',
].join('\n');
const receipt = '借条\n今借到张三人民币伍万元整（￥50000元），借期一年。\n借款人：李四\n2023年3月1日';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('chat with the case', () => {
  let tb: TestBackend;
  let rec: ReturnType<typeof record>;
  let caseId: string;
  let emptyCaseId: string;
  const docs: Record<string, string> = {};

  beforeAll(async () => {
    tb = await openTestBackend();
    rec = record(tb);
    const c = await tb.api['cases.create']({
      title: '张三诉李四民间借贷纠纷',
      causeOfAction: '民间借贷纠纷',
      parties: [
        { role: 'plaintiff', name: '张三' },
        { role: 'defendant', name: '李四' },
      ],
    });
    caseId = c.id;
    for (const [filename, title, text] of [
      ['complaint.txt', '起诉状', complaint],
      ['receipt.txt', '借条', receipt],
    ] as const) {
      const meta = await tb.api['documents.add']({ caseId, filename, title, kind: 'evidence', contentBase64: b64(text) });
      docs[meta.id] = (await tb.api['documents.text']({ id: meta.id })).text;
    }
    emptyCaseId = (await tb.api['cases.create']({ title: '空案件' })).id;
  });
  afterAll(async () => {
    rec.stop();
    await tb.close();
  });

  it('searches the case documents without a model: ranked passages with offsets and highlights', async () => {
    const r = await tb.api['llm.chat.search']({ caseId, question: '被告归还了多少利息？' });
    expect(r).toMatchObject({ documentsSearched: 2, documentsWithoutText: 0, modelAvailable: false });
    expect(r.terms).toContain('利息');
    expect(r.passages.length).toBeGreaterThan(0);
    expect(r.passages[0]!.text).toContain('仅归还利息4000元');
    for (const p of r.passages) {
      expect(docs[p.documentId]!.slice(p.start, p.end)).toBe(p.text);
      for (const h of p.highlights) expect(r.terms.some((t) => normalise(p.text.slice(h.start, h.end)).norm.includes(t))).toBe(true);
    }
    const limited = await tb.api['llm.chat.search']({ caseId, question: '借款 借期 利息', limit: 2 });
    expect(limited.passages).toHaveLength(2);
  });

  it('refuses an unknown case (NOT_FOUND) and an over-long or empty question (BAD_INPUT)', async () => {
    for (const m of ['llm.chat.search', 'llm.chat.ask'] as const) {
      expect((await expectAppError(tb.api[m]({ caseId: 'no-such-case', question: '借款多少？' }))).code).toBe('NOT_FOUND');
      const long = await expectAppError(tb.api[m]({ caseId, question: '借'.repeat(501) }));
      expect(long.code).toBe('BAD_INPUT');
      expect(long.message).toMatch(/question must be at most 500/);
      expect((await expectAppError(tb.api[m]({ caseId, question: '   ' }))).code).toBe('BAD_INPUT');
    }
  });

  it('without a model, ask queues nothing and says so, with the search result instead', async () => {
    const r = await tb.api['llm.chat.ask']({ caseId, question: '借款金额是多少？' });
    expect(r).toMatchObject({ status: 'no-model', requestId: null, modelAvailable: false });
    expect(r.message).toMatch(/未加载模型/);
    expect(r.passages.length).toBeGreaterThan(0);
    expect(rec.events.some((e) => e.name === 'llm.done')).toBe(false);
  });

  describe.skipIf(!haveTinyModel)('with the tiny random model (pipeline only: its text is gibberish)', () => {
    beforeAll(async () => {
      const { opId } = await tb.api['llm.load']({ path: tinyModel, contextSize: 4096 });
      const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
      expect(done.status).toBe('ok');
    });

    it('a case without document text is answered with a message, not a generation', async () => {
      const r = await tb.api['llm.chat.ask']({ caseId: emptyCaseId, question: '借款多少？' });
      expect(r).toMatchObject({ status: 'no-documents', requestId: null, modelAvailable: true, passages: [] });
      expect(r.message).toMatch(/没有文书/);
    });

    it('streams an answer whose llm.done carries a ChatAnswer with every citation checked', async () => {
      const r = await tb.api['llm.chat.ask']({
        caseId,
        question: '被告归还了多少利息？',
        history: [
          { role: 'user', text: '借款多少？' },
          { role: 'assistant', text: '50000元。' },
        ],
      });
      expect(r.status).toBe('queued');
      expect(r.requestId).not.toBeNull();
      expect(r.passages.length).toBeGreaterThan(0);
      expect(r.passages.length).toBeLessThanOrEqual(6);
      const requestId = r.requestId!;
      const done: LlmDone = await doneOf(rec, requestId);
      expect(done.error).toBeNull();
      expect(done.reason).toBe('stop');
      const chunks = rec.events
        .filter((e) => e.name === 'llm.token' && (e.payload as { requestId: string }).requestId === requestId)
        .map((e) => (e.payload as { text: string }).text);
      expect(chunks.join('')).toBe(done.text);
      const answer = ChatAnswer.parse(done.json);
      expect(answer).toMatchObject({ kind: 'case-chat', caseId, question: '被告归还了多少利息？' });
      expect(answer.passages).toEqual(r.passages);
      // Whatever the random model quoted, each citation is either located exactly or marked.
      const raw = JSON.parse(done.text) as { citations: { passage: number; quote: string }[] };
      expect(answer.citations.map((c) => [c.passage, c.quote])).toEqual(raw.citations.map((c) => [c.passage, c.quote]));
      for (const c of answer.citations) {
        expect(c.passage).toBeGreaterThanOrEqual(1);
        expect(c.passage).toBeLessThanOrEqual(r.passages.length);
        if (c.verified) {
          expect(normalise(docs[c.documentId!]!.slice(c.start!, c.end!)).norm).toBe(normalise(c.quote).norm.replace(/^["“]|["”]$/g, ''));
        } else expect(c).toMatchObject({ documentId: null, start: null, end: null });
      }
      expect(answer.allVerified).toBe(answer.citations.every((c) => c.verified));
      const prov = await tb.api['llm.provenance.get']({ id: done.provenanceId! });
      expect(prov).toMatchObject({ requestId, promptId: 'case-chat', promptVersion: 2, caseId, modelPath: tinyModel });
      expect(ChatAnswer.parse(prov.outputJson)).toEqual(answer);
    });

    it('search reports the model as available once one is loaded', async () => {
      expect((await tb.api['llm.chat.search']({ caseId, question: '借期' })).modelAvailable).toBe(true);
    });
  });
});
