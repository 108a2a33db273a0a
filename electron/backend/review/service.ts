import { randomUUID } from 'node:crypto';
import type { CaseDetail, Party } from '../../../shared/contract/cases';
import type { Handlers, Parsed } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import {
  DOCUMENT_CATEGORY_ZH,
  type CaseFile,
  type CaseFileEntry,
  type DisputedPoint,
  type DocumentCategory,
  type ElementState,
  type ElementsAnalysis,
  type EvidenceItem,
  type EvidenceTable,
  type Summary,
  type SummarySentence,
  type Timeline,
  type TimelineEvent,
} from '../../../shared/contract/review';
import { findCauseByName, getCause, type CauseNode } from '../../../shared/rules/causes';
import { extractTimeline } from '../../../shared/rules/timeline';
import type { BackendContext } from '../context';
import { normalise, queryTerms, rankPassages, splitPassages, type Passage } from '../llm/chat';
import { llmOf } from '../llm/service';
import type { OperationHandle } from '../ops';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as docsRepo from '../store/repos/documents';
import * as repo from '../store/repos/review';
import { CATEGORY_ORDER, classifyDocument } from './classify';
import { analyzeElements, proposePoints } from './elements';
import { parseEvidenceList } from './evidenceList';
import {
  extractiveCase,
  extractiveDocument,
  passagesForPrompt,
  summaryPassages,
  verifySentences,
  type ModelSentence,
  type SummaryDoc,
} from './summary';

type ReviewMethods = Extract<keyof Handlers, `review.${string}`>;

export const SUMMARY_PROMPT = 'review-summary@1';

function mustCase(ctx: BackendContext, id: string): CaseDetail {
  const c = casesRepo.getCase(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${id}`);
  return c;
}

function bad(path: string, message: string): AppError {
  return new AppError('BAD_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
}

function stale(what: string, currentVersion: number | null): AppError {
  return currentVersion === null
    ? new AppError('NOT_FOUND', `The ${what} no longer exists (deleted by someone else)`)
    : new AppError('CONFLICT', `This ${what} was changed by someone else since you opened it; reload to see the latest version`, {
        currentVersion,
      });
}

/** Lets an operation's caller (and a cancel) in between units of work. */
const tick = () => new Promise<void>((r) => setImmediate(r));

// ---------------------------------------------------------------------------------------------
// Case file
// ---------------------------------------------------------------------------------------------

/** Every document of the case with its category, classifying documents the rules have not seen. */
export function caseFile(ctx: BackendContext, caseId: string): CaseFile {
  mustCase(ctx, caseId);
  const docs = docsRepo.listDocuments(ctx.db, caseId);
  const known = new Map(repo.listClassifications(ctx.db, caseId).map((r) => [r.documentId, r]));
  const missing = docs.filter((d) => !known.has(d.id));
  if (missing.length) {
    const now = ctx.now();
    ctx.db.transaction(() => {
      for (const d of missing) {
        const c = classifyDocument({ title: d.title, filename: d.filename, text: docsRepo.getDocumentText(ctx.db, d.id) ?? '', kind: d.kind });
        repo.putClassification(ctx.db, {
          documentId: d.id,
          caseId,
          category: c.category,
          ruleCategory: c.category,
          confidence: c.confidence,
          reason: c.reason,
          source: 'rule',
          updatedAt: now,
          updatedBy: 'rules',
        });
      }
    })();
    for (const r of repo.listClassifications(ctx.db, caseId)) known.set(r.documentId, r);
  }
  const entries = docs.map((d) => ({ d, r: known.get(d.id)! }));
  entries.sort((a, b) => {
    const pa = a.r.position ?? Number.MAX_SAFE_INTEGER;
    const pb = b.r.position ?? Number.MAX_SAFE_INTEGER;
    if (pa !== pb) return pa - pb;
    return CATEGORY_ORDER[a.r.category] - CATEGORY_ORDER[b.r.category] || a.d.createdAt - b.d.createdAt;
  });
  const items: CaseFileEntry[] = entries.map(({ d, r }, i) => ({
    document: d,
    category: r.category,
    confidence: r.confidence,
    reason: r.reason,
    source: r.source,
    ruleCategory: r.ruleCategory,
    position: i + 1,
  }));
  return { caseId, items };
}

function documentsOf(ctx: BackendContext, caseId: string, categories: readonly DocumentCategory[]): SummaryDoc[] {
  return caseFile(ctx, caseId)
    .items.filter((e) => categories.includes(e.category))
    .map((e) => ({ documentId: e.document.id, title: e.document.title || e.document.filename, text: docsRepo.getDocumentText(ctx.db, e.document.id) ?? '' }))
    .filter((d) => d.text.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// Evidence
// ---------------------------------------------------------------------------------------------

function partyIndex(c: CaseDetail): Map<string, Party> {
  return new Map(c.parties.map((p) => [p.id, p]));
}

function withParties(item: repo.StoredEvidence, parties: Map<string, Party>): EvidenceItem {
  const p = item.submittedBy ? parties.get(item.submittedBy) : undefined;
  return {
    ...item,
    submittedByName: p?.name ?? item.submittedByName,
    submittedByRole: p?.role ?? null,
    submitterMissing: item.submittedBy !== null && p === undefined,
  };
}

type EvidenceInputParsed = Parsed<'review.evidence.create'>['item'];

/**
 * Checks references against the case. A reference the stored item already had is accepted even
 * if the party has since been removed, so editing such an item never loses its history.
 */
function evidenceWrite(ctx: BackendContext, c: CaseDetail, item: EvidenceInputParsed, before: repo.StoredEvidence | null): repo.EvidenceWrite {
  const parties = partyIndex(c);
  let submittedByName = '';
  if (item.submittedBy !== null) {
    const p = parties.get(item.submittedBy);
    if (p) submittedByName = p.name;
    else if (before?.submittedBy === item.submittedBy) submittedByName = before.submittedByName;
    else throw bad('item.submittedBy', 'is not a party of this case');
  }
  if (item.documentId !== null) {
    const d = docsRepo.getDocumentMeta(ctx.db, item.documentId);
    if (!d || d.caseId !== c.id) throw bad('item.documentId', 'is not a document of this case');
  }
  const seen = new Set<string>();
  const crossExam = item.crossExam.map((o, i) => {
    if (seen.has(o.partyId)) throw bad(`item.crossExam.${i}.partyId`, 'has two opinions from the same party');
    seen.add(o.partyId);
    const p = parties.get(o.partyId);
    const prior = before?.crossExam.find((x) => x.partyId === o.partyId);
    if (!p && !prior) throw bad(`item.crossExam.${i}.partyId`, 'is not a party of this case');
    if (item.submittedBy !== null && o.partyId === item.submittedBy) {
      throw bad(`item.crossExam.${i}.partyId`, 'is the submitter; cross-examination opinions come from the other parties');
    }
    return { ...o, partyName: p?.name ?? prior?.partyName ?? o.partyName };
  });
  return {
    submittedBy: item.submittedBy,
    submittedByName,
    name: item.name,
    source: item.source,
    purpose: item.purpose,
    pageRefs: item.pageRefs,
    documentId: item.documentId,
    crossExam,
    finding: item.finding,
  };
}

const OPINION_ZH = { admit: '认可', dispute: '有异议', 'no-opinion': '不发表意见' } as const;
const FINDING_ZH = { pending: '待认证', admitted: '予以采信', 'not-admitted': '不予采信', 'partly-admitted': '部分采信' } as const;

export function evidenceTable(ctx: BackendContext, caseId: string): EvidenceTable {
  const c = mustCase(ctx, caseId);
  const parties = partyIndex(c);
  const items = repo.listEvidence(ctx.db, caseId).map((i) => withParties(i, parties));
  return {
    caseId,
    caseNumber: c.caseNumber,
    columns: [
      { key: 'seq', zh: '序号', en: 'No.' },
      { key: 'submittedBy', zh: '提交人', en: 'Submitted by' },
      { key: 'name', zh: '证据名称', en: 'Evidence' },
      { key: 'source', zh: '证据来源', en: 'Source' },
      { key: 'purpose', zh: '证明目的', en: 'Purpose of proof' },
      { key: 'pageRefs', zh: '页码', en: 'Pages' },
      { key: 'crossExam', zh: '质证意见', en: 'Cross-examination' },
      { key: 'finding', zh: '认证意见', en: 'Court finding' },
    ],
    rows: items.map((i) => ({
      id: i.id,
      seq: i.seq,
      submittedBy: i.submittedByName + (i.submitterMissing ? '（已从案件中移除）' : ''),
      name: i.name,
      source: i.source,
      purpose: i.purpose,
      pageRefs: i.pageRefs,
      crossExam: i.crossExam
        .map(
          (o) =>
            `${o.partyName}：真实性${OPINION_ZH[o.authenticity]}，合法性${OPINION_ZH[o.legality]}，关联性${OPINION_ZH[o.relevance]}${o.note ? `（${o.note}）` : ''}`,
        )
        .join('\n'),
      finding: `${FINDING_ZH[i.finding.result]}${i.finding.reason ? `：${i.finding.reason}` : ''}`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Summaries
// ---------------------------------------------------------------------------------------------

function modelAvailable(ctx: BackendContext): boolean {
  const st = llmOf(ctx).status();
  return st.state !== 'idle' || st.savedModel !== null;
}

/** Case-summary order; service receipts say nothing about the merits and are left out. */
const PLEADINGS_FIRST: readonly DocumentCategory[] = ['complaint', 'answer', 'evidence_list', 'evidence', 'transcript', 'decision', 'other'];

async function runSummary(ctx: BackendContext, op: OperationHandle, input: Parsed<'review.summary.start'>): Promise<Summary> {
  const { caseId, documentId, mode } = input;
  let docs: SummaryDoc[];
  let title: string;
  if (documentId !== null) {
    const meta = docsRepo.getDocumentMeta(ctx.db, documentId);
    if (!meta || meta.caseId !== caseId) throw new AppError('NOT_FOUND', `No document ${documentId} in this case`);
    const text = docsRepo.getDocumentText(ctx.db, documentId) ?? '';
    if (!text.trim()) {
      throw new AppError('UNSUPPORTED', meta.textNote || 'This document has no extracted text (a scan needs OCR first), so it cannot be summarised');
    }
    title = meta.title || meta.filename;
    docs = [{ documentId, title, text }];
  } else {
    const c = mustCase(ctx, caseId);
    title = c.title || c.caseNumber || '本案';
    docs = documentsOf(ctx, caseId, PLEADINGS_FIRST);
    if (docs.length === 0) throw new AppError('UNSUPPORTED', 'The case has no documents with text to summarise');
  }
  const useModel = mode === 'abstractive' || (mode === 'auto' && modelAvailable(ctx));
  if (mode === 'abstractive' && !modelAvailable(ctx)) {
    throw new AppError('UNAVAILABLE', 'No model is loaded: load one on the Models page, or ask for an extractive summary');
  }
  let sentences: SummarySentence[] = [];
  let method: Summary['method'] = 'extractive';
  let note = '';
  if (useModel) {
    op.progress(0, 1, '模型生成摘要');
    const passages = summaryPassages(docs);
    try {
      const llm = llmOf(ctx);
      const { value } = await llm.generateStructured<{ sentences: ModelSentence[] }>(
        SUMMARY_PROMPT,
        { title: title.slice(0, 300), passages: passagesForPrompt(passages) },
        { signal: op.signal, caseId },
      );
      sentences = verifySentences(value.sentences, passages);
      method = 'abstractive';
      note = `模型生成（${llm.loadedModel()?.name ?? '本地模型'}），每句已与所引段落核对；未通过核对的句子已标出`;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CANCELLED') throw err;
      op.throwIfCancelled();
      if (mode === 'abstractive') throw err;
      note = `模型生成失败（${err instanceof Error ? err.message : 'unknown'}），改用抽取式摘要`;
    }
  }
  if (method === 'extractive') {
    if (!note) note = mode === 'extractive' ? '抽取式摘要：选取原文关键句' : '未加载模型，使用抽取式摘要（原文关键句）';
    if (documentId !== null) {
      await tick();
      op.throwIfCancelled();
      sentences = extractiveDocument(docs[0]!);
    } else {
      // Document by document, so a cancel lands between documents.
      const perDoc: SummaryDoc[] = [];
      for (const [i, d] of docs.entries()) {
        await tick();
        op.throwIfCancelled();
        op.progress(i, docs.length, d.title);
        perDoc.push(d);
      }
      sentences = extractiveCase(perDoc);
    }
  }
  op.throwIfCancelled();
  const summary: Summary = {
    caseId,
    documentId,
    method,
    sentences,
    allVerified: sentences.every((s) => s.verified),
    note,
    createdAt: ctx.now(),
  };
  repo.putSummary(ctx.db, summary);
  op.progress(1, 1, '完成');
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

function getTimeline(ctx: BackendContext, caseId: string): Timeline {
  mustCase(ctx, caseId);
  const build = repo.getBuild(ctx.db, caseId);
  return {
    caseId,
    events: repo.listEvents(ctx.db, caseId),
    problems: build?.problems ?? [],
    truncatedDocuments: build?.truncated ?? [],
    builtAt: build?.builtAt ?? null,
  };
}

function buildTimeline(ctx: BackendContext, caseId: string): Timeline {
  const file = caseFile(ctx, caseId);
  const now = ctx.now();
  const by = ctx.actor();
  const problems: Timeline['problems'] = [];
  const truncated: string[] = [];
  const found: repo.EventWrite[] = [];
  for (const e of file.items) {
    const text = docsRepo.getDocumentText(ctx.db, e.document.id) ?? '';
    if (!text.trim()) continue;
    const title = e.document.title || e.document.filename;
    const r = extractTimeline(text);
    if (r.truncated) truncated.push(e.document.id);
    for (const p of r.problems) {
      if (problems.length < 500) {
        problems.push({ documentId: e.document.id, documentTitle: title, start: p.start, end: p.end, raw: p.raw, message: p.problem?.zh ?? '无法识别的日期' });
      }
    }
    for (const c of r.events) {
      const d = c.date;
      found.push({
        id: randomUUID(),
        caseId,
        date: d.iso!,
        precision: d.precision,
        text: c.event.text,
        origin: 'rule',
        dateText: d.kind === 'relative' && d.anchor ? `${d.raw}（据“${d.anchor}”推算）` : d.raw,
        relative: d.kind === 'relative',
        documentId: e.document.id,
        documentTitle: title,
        spanStart: d.start,
        spanEnd: d.end,
        quote: d.raw,
        eventStart: c.event.start,
        eventEnd: c.event.end,
        at: now,
        by: 'rules',
      });
    }
  }
  ctx.db.transaction(() => {
    const keep = repo.ruleKeysToKeep(ctx.db, caseId);
    repo.deleteRuleEvents(ctx.db, caseId);
    let added = 0;
    for (const f of found) {
      if (keep.has(`${f.documentId}:${f.spanStart}:${f.spanEnd}`)) continue;
      repo.insertEvent(ctx.db, f);
      added++;
    }
    repo.putBuild(ctx.db, caseId, problems, truncated, now);
    writeAudit(ctx.db, {
      at: now,
      actor: by,
      action: 'timeline.build',
      entity: 'timeline',
      entityId: caseId,
      caseId,
      detail: { events: added, problems: problems.length, truncatedDocuments: truncated.length },
    });
  })();
  ctx.events.emit('cases.changed', { caseId });
  return getTimeline(ctx, caseId);
}

// ---------------------------------------------------------------------------------------------
// Elements and disputed points
// ---------------------------------------------------------------------------------------------

function causeOf(c: CaseDetail, causeId: string | undefined): CauseNode | null {
  if (causeId !== undefined) {
    const node = getCause(causeId);
    if (!node) throw bad('causeId', `is not a cause in the catalogue (${causeId})`);
    return node;
  }
  return c.causeOfAction ? findCauseByName(c.causeOfAction) : null;
}

function analyze(ctx: BackendContext, input: Parsed<'review.elements.analyze'>): ElementsAnalysis {
  const c = mustCase(ctx, input.caseId);
  const cause = causeOf(c, input.causeId);
  const previous = repo.getAnalysis(ctx.db, c.id);
  const notes: string[] = [];
  if (!cause) notes.push(c.causeOfAction ? `案由“${c.causeOfAction}”不在要件目录中，无法列出要件` : '案件未填写案由，无法列出要件');
  else if (cause.elements.length === 0) notes.push(`案由“${cause.name}”尚无要件清单`);
  const complaints = documentsOf(ctx, c.id, ['complaint']);
  const answers = documentsOf(ctx, c.id, ['answer']);
  if (complaints.length === 0) notes.push('未找到起诉状（或起诉状无文字）');
  if (answers.length === 0) notes.push('未找到答辩状：被告未答辩或答辩状未上传，要件暂按“未证明”处理');
  const parties = partyIndex(c);
  const evidence = repo.listEvidence(ctx.db, c.id).map((i) => withParties(i, parties));
  const derived = analyzeElements({ causeId: cause?.id ?? null, elements: cause?.elements ?? [], complaints, answers, evidence });
  const sameCause = previous?.causeId === (cause?.id ?? null);
  const elements: ElementState[] = derived.map((d) => {
    const prior = !input.reset && sameCause ? previous?.elements.find((e) => e.elementId === d.elementId) : undefined;
    const judge = prior?.statusSource === 'judge';
    return { ...d, status: judge ? prior!.status : d.ruleStatus, statusSource: judge ? 'judge' : 'rule', note: prior?.note ?? '' };
  });
  const points = proposePoints(cause?.id ?? null, elements, !input.reset && sameCause ? (previous?.points ?? []) : []);
  const data: repo.StoredAnalysis = { causeId: cause?.id ?? null, causeName: cause?.name ?? c.causeOfAction, elements, points, notes };
  const now = ctx.now();
  ctx.db.transaction(() => {
    repo.putAnalysis(ctx.db, c.id, data, null, now, ctx.actor());
    writeAudit(ctx.db, {
      at: now,
      actor: ctx.actor(),
      action: 'elements.analyze',
      entity: 'elements',
      entityId: c.id,
      caseId: c.id,
      detail: {
        cause: cause?.id ?? null,
        reset: input.reset,
        statuses: Object.fromEntries(elements.map((e) => [e.elementId, e.status])),
        points: points.length,
      },
    });
  })();
  ctx.events.emit('cases.changed', { caseId: c.id });
  return repo.getAnalysis(ctx.db, c.id)!;
}

function saveAnalysis(ctx: BackendContext, caseId: string, version: number, data: repo.StoredAnalysis, action: string, detail: Record<string, unknown>): ElementsAnalysis {
  const now = ctx.now();
  ctx.db.transaction(() => {
    if (!repo.putAnalysis(ctx.db, caseId, data, version, now, ctx.actor())) {
      throw stale('analysis', repo.getAnalysis(ctx.db, caseId)?.version ?? null);
    }
    writeAudit(ctx.db, { at: now, actor: ctx.actor(), action, entity: 'elements', entityId: caseId, caseId, detail });
  })();
  ctx.events.emit('cases.changed', { caseId });
  return repo.getAnalysis(ctx.db, caseId)!;
}

function mustAnalysis(ctx: BackendContext, caseId: string): ElementsAnalysis {
  mustCase(ctx, caseId);
  const a = repo.getAnalysis(ctx.db, caseId);
  if (!a) throw new AppError('NOT_FOUND', 'No element analysis yet for this case: run review.elements.analyze first');
  return a;
}

function dataOf(a: ElementsAnalysis): repo.StoredAnalysis {
  return { causeId: a.causeId, causeName: a.causeName, elements: a.elements, points: a.points, notes: a.notes };
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

export function reviewHandlers(ctx: BackendContext): Pick<Handlers, ReviewMethods> {
  const { db } = ctx;
  const changed = (caseId: string) => ctx.events.emit('cases.changed', { caseId });

  const mustEvidence = (id: string) => {
    const e = repo.getEvidence(db, id);
    if (!e) throw new AppError('NOT_FOUND', `No evidence item ${id}`);
    return e;
  };

  return {
    'review.documents': ({ caseId }) => caseFile(ctx, caseId),
    'review.reclassify': ({ caseId }) => {
      mustCase(ctx, caseId);
      const now = ctx.now();
      db.transaction(() => {
        for (const r of repo.listClassifications(db, caseId)) {
          const meta = docsRepo.getDocumentMeta(db, r.documentId);
          if (!meta) continue;
          const c = classifyDocument({ title: meta.title, filename: meta.filename, text: docsRepo.getDocumentText(db, meta.id) ?? '', kind: meta.kind });
          // The clerk's category stays; only the rules' opinion is refreshed.
          repo.putClassification(db, {
            ...r,
            category: r.source === 'clerk' ? r.category : c.category,
            ruleCategory: c.category,
            confidence: r.source === 'clerk' ? r.confidence : c.confidence,
            reason: r.source === 'clerk' ? r.reason : c.reason,
            updatedAt: now,
          });
        }
      })();
      return caseFile(ctx, caseId);
    },
    'review.classify': ({ documentId, category, note }) => {
      const meta = docsRepo.getDocumentMeta(db, documentId);
      if (!meta) throw new AppError('NOT_FOUND', `No document with id ${documentId}`);
      caseFile(ctx, meta.caseId); // makes sure the rules' row exists
      const before = repo.getClassification(db, documentId)!;
      const now = ctx.now();
      db.transaction(() => {
        if (category === null) {
          const c = classifyDocument({ title: meta.title, filename: meta.filename, text: docsRepo.getDocumentText(db, documentId) ?? '', kind: meta.kind });
          repo.putClassification(db, { ...before, category: c.category, ruleCategory: c.category, confidence: c.confidence, reason: c.reason, source: 'rule', updatedAt: now, updatedBy: ctx.actor() });
        } else {
          repo.putClassification(db, {
            ...before,
            category,
            confidence: 1,
            reason: note.trim() ? `书记员改为${DOCUMENT_CATEGORY_ZH[category]}：${note.trim()}` : `书记员改为${DOCUMENT_CATEGORY_ZH[category]}`,
            source: 'clerk',
            updatedAt: now,
            updatedBy: ctx.actor(),
          });
        }
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'document.classify',
          entity: 'document',
          entityId: documentId,
          caseId: meta.caseId,
          detail: { from: before.category, to: category ?? 'rules', note },
        });
      })();
      changed(meta.caseId);
      return caseFile(ctx, meta.caseId).items.find((e) => e.document.id === documentId)!;
    },
    'review.reorder': ({ caseId, documentIds }) => {
      const file = caseFile(ctx, caseId);
      const ids = new Set(file.items.map((e) => e.document.id));
      if (new Set(documentIds).size !== documentIds.length) throw bad('documentIds', 'lists a document twice');
      const unknown = documentIds.find((id) => !ids.has(id));
      if (unknown) throw bad('documentIds', `${unknown} is not a document of this case`);
      if (documentIds.length !== ids.size) {
        throw new AppError('CONFLICT', 'The case file changed since you opened it (documents were added or removed); reload and order again', {
          documents: ids.size,
        });
      }
      const now = ctx.now();
      db.transaction(() => {
        repo.setPositions(db, documentIds);
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'casefile.reorder', entity: 'case', entityId: caseId, caseId, detail: { order: documentIds } });
      })();
      changed(caseId);
      return caseFile(ctx, caseId);
    },
    'review.search': ({ caseId, query, limit, categories }) => {
      const file = caseFile(ctx, caseId);
      const passages: Passage[] = [];
      const category = new Map<string, DocumentCategory>();
      let searched = 0;
      let withoutText = 0;
      for (const e of file.items) {
        if (categories && !categories.includes(e.category)) continue;
        const text = docsRepo.getDocumentText(db, e.document.id) ?? '';
        if (!text.trim()) {
          withoutText++;
          continue;
        }
        searched++;
        category.set(e.document.id, e.category);
        passages.push(...splitPassages(e.document.id, e.document.title || e.document.filename, text));
      }
      const terms = queryTerms(query);
      const hits = rankPassages(passages, terms, limit).map((p) => ({
        documentId: p.documentId,
        documentTitle: p.documentTitle,
        category: category.get(p.documentId) ?? 'other',
        start: p.start,
        end: p.end,
        text: p.text,
        score: p.score,
        highlights: p.highlights.map((h) => ({ start: h.start, end: h.end })),
      }));
      return { hits, terms, documentsSearched: searched, documentsWithoutText: withoutText };
    },
    'review.find': ({ documentId, query, limit }) => {
      const text = docsRepo.getDocumentText(db, documentId);
      if (text === null) throw new AppError('NOT_FOUND', `No document with id ${documentId}`);
      const n = normalise(text);
      const needle = normalise(query).norm;
      const matches: Array<{ start: number; end: number }> = [];
      let truncated = false;
      if (needle) {
        for (let at = n.norm.indexOf(needle); at >= 0; at = n.norm.indexOf(needle, at + needle.length)) {
          if (matches.length >= limit) {
            truncated = true;
            break;
          }
          matches.push({ start: n.map[at]!, end: n.ends[at + needle.length - 1]! });
        }
      }
      return { matches, truncated };
    },

    'review.evidence.list': ({ caseId }) => {
      const parties = partyIndex(mustCase(ctx, caseId));
      return { items: repo.listEvidence(db, caseId).map((i) => withParties(i, parties)) };
    },
    'review.evidence.create': ({ caseId, item }) => {
      const c = mustCase(ctx, caseId);
      const w = evidenceWrite(ctx, c, item, null);
      const id = randomUUID();
      const now = ctx.now();
      db.transaction(() => {
        repo.insertEvidence(db, { ...w, id, caseId, seq: repo.nextEvidenceSeq(db, caseId), origin: null, at: now, by: ctx.actor() });
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'evidence.create', entity: 'evidence', entityId: id, caseId, detail: { name: w.name } });
      })();
      changed(caseId);
      return withParties(repo.getEvidence(db, id)!, partyIndex(c));
    },
    'review.evidence.update': ({ id, version, item }) => {
      const before = mustEvidence(id);
      const c = mustCase(ctx, before.caseId);
      const w = evidenceWrite(ctx, c, item, before);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.updateEvidence(db, id, version, { ...w, at: now, by: ctx.actor() })) throw stale('evidence item', repo.getEvidence(db, id)?.version ?? null);
        const fields = (['name', 'source', 'purpose', 'pageRefs', 'submittedBy', 'documentId'] as const).filter((f) => before[f] !== w[f]);
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'evidence.update',
          entity: 'evidence',
          entityId: id,
          caseId: c.id,
          detail: {
            fields,
            ...(JSON.stringify(before.crossExam) !== JSON.stringify(w.crossExam) ? { crossExam: w.crossExam.map((o) => ({ party: o.partyName, a: o.authenticity, l: o.legality, r: o.relevance })) } : {}),
            ...(JSON.stringify(before.finding) !== JSON.stringify(w.finding) ? { finding: { from: before.finding.result, to: w.finding.result } } : {}),
          },
        });
      })();
      changed(c.id);
      return withParties(repo.getEvidence(db, id)!, partyIndex(c));
    },
    'review.evidence.delete': ({ id, version }) => {
      const before = mustEvidence(id);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.deleteEvidence(db, id, version)) throw stale('evidence item', repo.getEvidence(db, id)?.version ?? null);
        const rest = repo.listEvidence(db, before.caseId).map((e) => e.id);
        repo.setEvidenceSeq(db, rest, now);
        // The whole item goes into the trail: a deletion must be reversible by hand.
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'evidence.delete', entity: 'evidence', entityId: id, caseId: before.caseId, detail: { item: before } });
      })();
      changed(before.caseId);
      return null;
    },
    'review.evidence.reorder': ({ caseId, ids }) => {
      const c = mustCase(ctx, caseId);
      const current = repo.listEvidence(db, caseId).map((e) => e.id);
      const set = new Set(current);
      if (new Set(ids).size !== ids.length) throw bad('ids', 'lists an item twice');
      const unknown = ids.find((i) => !set.has(i));
      if (unknown) throw bad('ids', `${unknown} is not an evidence item of this case`);
      if (ids.length !== current.length) throw new AppError('CONFLICT', 'The catalogue changed since you opened it; reload and order again', { items: current.length });
      const now = ctx.now();
      db.transaction(() => {
        repo.setEvidenceSeq(db, ids, now);
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'evidence.reorder', entity: 'case', entityId: caseId, caseId, detail: { order: ids } });
      })();
      changed(caseId);
      const parties = partyIndex(c);
      return { items: repo.listEvidence(db, caseId).map((i) => withParties(i, parties)) };
    },
    'review.evidence.import': ({ caseId, documentId, submittedBy }) => {
      const c = mustCase(ctx, caseId);
      const meta = docsRepo.getDocumentMeta(db, documentId);
      if (!meta || meta.caseId !== caseId) throw new AppError('NOT_FOUND', `No document ${documentId} in this case`);
      const text = docsRepo.getDocumentText(db, documentId) ?? '';
      if (!text.trim()) throw new AppError('UNSUPPORTED', meta.textNote || 'The document has no extracted text (a scan needs OCR first)');
      const parsed = parseEvidenceList(text);
      const notes = [...parsed.notes];
      let submitter: string | null = submittedBy ?? null;
      if (submitter !== null && !c.parties.some((p) => p.id === submitter)) throw bad('submittedBy', 'is not a party of this case');
      if (submittedBy === undefined) {
        // 提交人：原告张明远 — the party named in the heading, longest name first (张明 vs 张明远).
        const named = [...c.parties].sort((a, b) => b.name.length - a.name.length).find((p) => parsed.heading.includes(p.name));
        submitter = named?.id ?? null;
        notes.push(named ? `提交人按目录开头识别为${named.name}` : '未能从目录中识别提交人，请补充');
      }
      const existing = repo.listEvidence(db, caseId).filter((e) => e.origin?.documentId === documentId);
      const now = ctx.now();
      const ids: string[] = [];
      const submitterName = c.parties.find((p) => p.id === submitter)?.name ?? '';
      db.transaction(() => {
        let seq = repo.nextEvidenceSeq(db, caseId);
        for (const it of parsed.items) {
          if (existing.some((e) => e.origin?.span.start === it.span.start && e.origin.span.end === it.span.end)) {
            notes.push(`“${it.name}”已从该目录导入过，未重复添加`);
            continue;
          }
          const id = randomUUID();
          repo.insertEvidence(db, {
            id,
            caseId,
            seq: seq++,
            submittedBy: submitter,
            submittedByName: submitterName,
            name: it.name.slice(0, 500),
            source: it.source.slice(0, 500),
            purpose: it.purpose.slice(0, 2000),
            pageRefs: it.pageRefs.slice(0, 100),
            documentId: null,
            crossExam: [],
            finding: { result: 'pending', reason: '' },
            origin: { documentId, span: it.span, nameSpan: it.nameSpan, purposeSpan: it.purposeSpan },
            at: now,
            by: ctx.actor(),
          });
          ids.push(id);
        }
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'evidence.import', entity: 'document', entityId: documentId, caseId, detail: { items: ids.length, submittedBy: submitter } });
      })();
      if (ids.length) changed(caseId);
      const parties = partyIndex(c);
      return { created: ids.map((id) => withParties(repo.getEvidence(db, id)!, parties)), notes, submittedBy: submitter };
    },
    'review.evidence.table': ({ caseId }) => evidenceTable(ctx, caseId),

    'review.summary.start': (input) => {
      mustCase(ctx, input.caseId);
      const { opId } = ctx.ops.start('review.summary', (op) => runSummary(ctx, op, input));
      return { opId };
    },
    'review.summary.get': ({ caseId, documentId }) => {
      mustCase(ctx, caseId);
      return repo.getSummary(db, caseId, documentId);
    },

    'review.timeline.build': ({ caseId }) => buildTimeline(ctx, caseId),
    'review.timeline.get': ({ caseId }) => getTimeline(ctx, caseId),
    'review.timeline.add': ({ caseId, date, precision, text, source }) => {
      mustCase(ctx, caseId);
      let documentTitle = '';
      let quote = '';
      if (source !== null) {
        const meta = docsRepo.getDocumentMeta(db, source.documentId);
        const docText = docsRepo.getDocumentText(db, source.documentId) ?? '';
        if (!meta || meta.caseId !== caseId) throw bad('source.documentId', 'is not a document of this case');
        if (source.end < source.start || source.end > docText.length) throw bad('source.end', `must be within the document (0–${docText.length})`);
        documentTitle = meta.title || meta.filename;
        quote = docText.slice(source.start, Math.min(source.end, source.start + 300));
      }
      const id = randomUUID();
      const now = ctx.now();
      db.transaction(() => {
        repo.insertEvent(db, {
          id,
          caseId,
          date,
          precision,
          text,
          origin: 'clerk',
          dateText: '',
          relative: false,
          documentId: source?.documentId ?? null,
          documentTitle,
          spanStart: source?.start ?? null,
          spanEnd: source?.end ?? null,
          quote,
          eventStart: null,
          eventEnd: null,
          at: now,
          by: ctx.actor(),
        });
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'timeline.add', entity: 'timeline-event', entityId: id, caseId, detail: { date, text } });
      })();
      changed(caseId);
      return repo.getEvent(db, id)!;
    },
    'review.timeline.update': ({ id, version, date, precision, text }) => {
      const before = repo.getEvent(db, id);
      if (!before || before.dismissed) throw new AppError('NOT_FOUND', `No timeline event ${id}`);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.updateEvent(db, id, version, { date, precision, text, at: now, by: ctx.actor() })) throw stale('timeline event', repo.getEvent(db, id)?.version ?? null);
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'timeline.update',
          entity: 'timeline-event',
          entityId: id,
          caseId: before.caseId,
          detail: { date: { from: before.date, to: date }, text: { from: before.text, to: text } },
        });
      })();
      changed(before.caseId);
      return repo.getEvent(db, id)! satisfies TimelineEvent;
    },
    'review.timeline.delete': ({ id, version }) => {
      const before = repo.getEvent(db, id);
      if (!before || before.dismissed) throw new AppError('NOT_FOUND', `No timeline event ${id}`);
      const now = ctx.now();
      db.transaction(() => {
        if (!repo.removeEvent(db, id, version, now, ctx.actor())) throw stale('timeline event', repo.getEvent(db, id)?.version ?? null);
        writeAudit(db, { at: now, actor: ctx.actor(), action: 'timeline.delete', entity: 'timeline-event', entityId: id, caseId: before.caseId, detail: { date: before.date, text: before.text } });
      })();
      changed(before.caseId);
      return null;
    },

    'review.elements.analyze': (input) => analyze(ctx, input),
    'review.elements.get': ({ caseId }) => {
      mustCase(ctx, caseId);
      return repo.getAnalysis(db, caseId);
    },
    'review.elements.update': ({ caseId, version, elementId, status, note }) => {
      const a = mustAnalysis(ctx, caseId);
      const el = a.elements.find((e) => e.elementId === elementId);
      if (!el) throw bad('elementId', `is not an element of ${a.causeName || 'this cause'}`);
      const elements = a.elements.map((e) =>
        e.elementId !== elementId
          ? e
          : status === null
            ? { ...e, status: e.ruleStatus, statusSource: 'rule' as const, note }
            : { ...e, status, statusSource: 'judge' as const, note },
      );
      // A newly disputed element gets a proposed point; the judge's points stay as they are.
      const points = proposePoints(a.causeId, elements, a.points);
      return saveAnalysis(ctx, caseId, version, { ...dataOf(a), elements, points }, 'elements.update', {
        elementId,
        from: el.status,
        to: status ?? `rules:${el.ruleStatus}`,
        note,
      });
    },
    'review.points.save': ({ caseId, version, points }) => {
      const a = mustAnalysis(ctx, caseId);
      const known = new Set(a.elements.map((e) => e.elementId));
      points.forEach((p, i) => {
        const badEl = p.elementIds.find((e) => !known.has(e));
        if (badEl) throw bad(`points.${i}.elementIds`, `${badEl} is not an element of this cause`);
      });
      const byId = new Map(a.points.map((p) => [p.id, p]));
      const next: DisputedPoint[] = points.map((p, i) => {
        const prior = p.id ? byId.get(p.id) : undefined;
        if (p.id && !prior) throw bad(`points.${i}.id`, 'is not a point of this case (deleted meanwhile?)');
        const edited = !prior || prior.text !== p.text || JSON.stringify(prior.elementIds) !== JSON.stringify(p.elementIds);
        return {
          id: prior?.id ?? randomUUID(),
          seq: i + 1,
          text: p.text,
          elementIds: p.elementIds,
          status: p.status,
          origin: edited ? 'judge' : prior.origin,
          sources: prior?.sources ?? [],
        };
      });
      const removed = a.points.filter((p) => !next.some((n) => n.id === p.id)).map((p) => p.text);
      return saveAnalysis(ctx, caseId, version, { ...dataOf(a), points: next }, 'points.save', {
        points: next.map((p) => ({ text: p.text, status: p.status })),
        ...(removed.length ? { removed } : {}),
      });
    },
  };
}
