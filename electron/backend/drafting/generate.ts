import type { CaseDetail } from '../../../shared/contract/cases';
import type { DraftSection } from '../../../shared/contract/drafting';
import { AppError } from '../../../shared/contract/result';
import { formatArabicChineseDate, toChineseInteger } from '../../../shared/rules/numerals';
import type { BackendContext } from '../context';
import { llmOf } from '../llm/service';
import { search } from '../precedents/search';
import { caseQueryText } from '../precedents/service';
import { pushStatutes } from '../precedents/statutes';
import * as docsRepo from '../store/repos/documents';
import * as intakeRepo from '../store/repos/intake';
import { fillSection, generatedVariable, renderContext } from './fill';
import { fillInputFor, mustCase, mustDraft, saveDraft, templateOf, withCitations } from './service';
import { templatesFor } from './templates';

/** Long-operation kind of a section generation (ops.progress / ops.done). */
export const GENERATE_OP_KIND = 'drafting.generate';

const MATERIAL_LIMIT = 50_000;

function caseFacts(c: CaseDetail): string {
  const role = { plaintiff: '原告', defendant: '被告', third_party: '第三人' } as const;
  const lines = [
    `案号：${c.caseNumber || '（未立案）'}`,
    `案由：${c.causeOfAction || '（未定）'}`,
    ...c.parties.map((p) => `${role[p.role]}：${p.name}`),
    `诉讼请求：${c.claims.map((cl) => `${cl.seq}.${cl.text}`).join('；') || '（无）'}`,
  ];
  if (c.filedOn) lines.push(`立案日期：${formatArabicChineseDate(c.filedOn)}`);
  if (c.summary) lines.push(`案情摘要：${c.summary}`);
  return lines.join('\n').slice(0, 6000);
}

function docText(ctx: BackendContext, c: CaseDetail, match: (title: string) => boolean): string {
  const out: string[] = [];
  for (const d of c.documents) {
    if (!match(`${d.title} ${d.filename} ${d.kind}`)) continue;
    const t = docsRepo.getDocumentText(ctx.db, d.id);
    if (t) out.push(`【${d.title || d.filename}】\n${t}`);
  }
  return out.join('\n\n');
}

/** What the model reads for each section: the pleadings, the evidence, or the facts found. */
function materialFor(ctx: BackendContext, c: CaseDetail, sectionId: string, sections: readonly DraftSection[]): string {
  const text = (id: string) => sections.find((s) => s.id === id)?.text ?? '';
  const ex = intakeRepo.getExtraction(ctx.db, c.id);
  switch (sectionId) {
    case 'claims': {
      const complaint = ex?.documentId ? docsRepo.getDocumentText(ctx.db, ex.documentId) : null;
      return (complaint ?? docText(ctx, c, (t) => /起诉|诉状|complaint/i.test(t))).slice(0, MATERIAL_LIMIT);
    }
    case 'defense':
      return docText(ctx, c, (t) => /答辩|answer|defen[cs]e/i.test(t)).slice(0, MATERIAL_LIMIT);
    case 'findings': {
      const evidence = (ex?.extraction.evidence ?? []).map((e, i) => `${i + 1}.${e.name.value}`).join('\n');
      const docs = docText(ctx, c, (t) => !/起诉|诉状/.test(t));
      return [`原告诉称：\n${text('claims')}`, `被告辩称：\n${text('defense')}`, evidence && `证据：\n${evidence}`, docs]
        .filter(Boolean)
        .join('\n\n')
        .slice(0, MATERIAL_LIMIT);
    }
    default:
      return [`原告诉称：\n${text('claims')}`, `被告辩称：\n${text('defense')}`, `本院查明：\n${text('findings')}`].join('\n\n').slice(0, MATERIAL_LIMIT);
  }
}

function statutesFor(ctx: BackendContext, c: CaseDetail, asOf: string): string {
  try {
    const items = pushStatutes(ctx.db, c.causeOfAction, `${c.summary}\n${c.claims.map((x) => x.text).join('\n')}`, 8, asOf);
    if (!items.length) return '';
    const lines = items.map((i) => `《${i.article.lawTitle}》第${toChineseInteger(i.article.number)}条：${i.article.text.slice(0, 300)}`);
    return `可引用的法条：\n${lines.join('\n')}\n\n`.slice(0, 12000);
  } catch {
    return '';
  }
}

function precedentsFor(ctx: BackendContext, c: CaseDetail): string {
  try {
    const q = caseQueryText(ctx, c.id);
    if (!q.text.trim()) return '';
    const hits = search(ctx.db, q.text, { filters: {}, limit: 5, offset: 0, cause: q.cause || undefined }).items;
    if (!hits.length) return '';
    return `可参考的类案：\n${hits.map((h) => `${h.precedent.caseNumber} ${h.precedent.court} ${h.precedent.title}`).join('\n')}\n\n`.slice(0, 6000);
  } catch {
    return '';
  }
}

/** The model's text, without a repeated lead-in the template already writes. */
function clean(sectionId: string, text: string): string {
  let t = text.trim();
  if (sectionId === 'reasoning') t = t.replace(/^本院认为[，,：:]?/, '');
  if (sectionId === 'claims') t = t.replace(/^事实和理由[：:]/, '');
  return t.trim();
}

/**
 * Starts a model draft of one generated section. The request is queued at once (so the caller
 * gets its requestId for the llm.token stream); a long operation waits for it, checks the
 * citations and saves the section as a new version. Only that section changes.
 */
export function startGeneration(ctx: BackendContext, draftId: string, sectionId: string): { opId: string; requestId: string } {
  const d = mustDraft(ctx, draftId);
  const section = d.sections.find((s) => s.id === sectionId);
  const t = templateOf(ctx, d.kind);
  const def = t.sections.find((s) => s.id === sectionId);
  const variable = generatedVariable(sectionId);
  if (!section || !def?.prompt || !variable) {
    throw new AppError('BAD_INPUT', `Invalid input: sectionId "${sectionId}" cannot be drafted by a model in a ${d.name}`, {
      issues: [{ path: 'sectionId', message: `generatable sections: ${t.sections.filter((s) => s.prompt).map((s) => s.id).join(', ') || 'none'}` }],
    });
  }
  const llm = llmOf(ctx);
  const status = llm.status();
  if (status.model === null && status.savedModel === null && status.loadOpId === null) {
    throw new AppError(
      'UNAVAILABLE',
      `No model is loaded, so "${section.title}" cannot be drafted by AI. The deterministic draft of this section is already in the document: edit it directly, or load a model on the Models page (模型) and try again.`,
    );
  }
  const c = mustCase(ctx, d.caseId);
  const prompt = `${def.prompt}@1`;
  const input = {
    caseFacts: caseFacts(c),
    material: materialFor(ctx, c, sectionId, d.sections) || '（无相关材料）',
    statutes: sectionId === 'reasoning' ? statutesFor(ctx, c, d.documentDate) : '',
    precedents: sectionId === 'reasoning' ? precedentsFor(ctx, c) : '',
  };
  const controller = new AbortController();
  let streamed = 0;
  let report: ((n: number) => void) | null = null;
  const { requestId, done } = llm.enqueue({
    ...llm.requestForPrompt(prompt, input),
    caseId: c.id,
    priority: 1,
    signal: controller.signal,
    onText: (chunk) => {
      streamed += chunk.length;
      report?.(streamed);
    },
  });
  const textBefore = section.text;
  const { opId } = ctx.ops.start(GENERATE_OP_KIND, async (op) => {
    op.signal.addEventListener('abort', () => controller.abort(), { once: true });
    report = (n) => op.progress(n, null, `${section.title}：已生成 ${n} 字符`);
    op.progress(0, null, `${section.title}：排队等待模型`);
    const result = await done;
    if (result.reason === 'cancelled') throw new AppError('CANCELLED', 'Cancelled by the user');
    if (result.error) throw new AppError(result.error.code, result.error.message, { requestId });
    const json = result.json as { text?: unknown } | null;
    if (!json || typeof json.text !== 'string') throw new AppError('INTERNAL', `The model gave no complete answer (${result.reason})`);
    const text = clean(sectionId, json.text);
    // Re-read: the judge may have saved other sections meanwhile; only this one is replaced.
    const cur = mustDraft(ctx, draftId);
    const idx = cur.sections.findIndex((s) => s.id === sectionId);
    if (idx < 0 || cur.sections[idx]!.text !== textBefore) {
      throw new AppError('CONFLICT', `"${section.title}" was edited while the model was drafting it; the model draft was not saved`, {
        generated: text,
      });
    }
    const caseNow = mustCase(ctx, cur.caseId);
    const rc = renderContext(templatesFor(ctx.resourcesDir), t, fillInputFor(ctx, caseNow, cur.documentDate, cur.options));
    const filled = fillSection(rc, sectionId, { variable, text: text || '【待补充：模型未给出内容】' });
    const checked = withCitations(ctx, { ...filled, source: 'model' }, cur.documentDate, caseNow.caseNumber);
    const unresolved = checked.citations.filter((x) => x.status !== 'ok').length;
    const notes = [
      `由本地模型起草（${prompt}${result.provenanceId ? `，记录 ${result.provenanceId}` : ''}），请逐句核对。`,
      ...(unresolved ? [`有 ${unresolved} 处引用未能在法规库或类案库中核实，已标出，请核对或删除。`] : []),
    ];
    const saved = saveDraft(ctx, cur, cur.version, {
      sections: cur.sections.map((s, j) => (j === idx ? { ...checked, notes } : s)),
      action: 'generate',
      sectionId,
      source: 'model',
    });
    ctx.events.emit('cases.changed', { caseId: cur.caseId });
    const { options: _o, ...draft } = saved;
    return draft;
  });
  return { opId, requestId };
}
