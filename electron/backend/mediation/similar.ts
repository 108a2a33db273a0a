import { Outcome, type OutcomeCount, type SimilarOutcomes } from '../../../shared/contract/mediation';
import type { BackendContext } from '../context';
import { caseQueryText } from '../precedents/service';
import { search } from '../precedents/search';
import * as precedentsRepo from '../store/repos/precedents';
import * as repo from '../store/repos/mediation';

/** How many similar precedents are read for their outcomes: enough for counts, few enough to stay fast. */
const PRECEDENT_WINDOW = 30;

/**
 * How a precedent ended, from its document kind and operative part: a 调解书 → mediated; a ruling
 * allowing withdrawal (准许撤诉 / 按撤诉处理) → withdrawn; 驳回起诉 or a judgment that only
 * dismisses the claims → dismissed; any other judgment → judged.
 */
export function precedentOutcome(docKind: string, title: string, judgment: string): Outcome {
  const head = `${title}\n${judgment}`;
  if (docKind === 'mediation' || /调解书/.test(title) || /达成(?:如下)?调解协议|调解协议如下/.test(judgment)) return 'mediated';
  if (/准许[^。；\n]{0,20}撤(?:回起诉|诉)|按[^。；\n]{0,10}撤(?:回起诉|诉)处理|撤回起诉/.test(judgment)) return 'withdrawn';
  if (/驳回[^。；\n]{0,20}起诉/.test(judgment)) return 'dismissed';
  if (docKind === 'judgment' || /判决书/.test(head)) {
    const dismissesClaims = /驳回[^。；\n]{0,30}诉讼请求/.test(judgment);
    const ordersPayment = /(?:支付|偿还|给付|赔偿|返还|归还|准予|准许)/.test(judgment);
    return dismissesClaims && !ordersPayment ? 'dismissed' : 'judged';
  }
  return 'other';
}

export function countsOf(outcomes: readonly Outcome[]): OutcomeCount[] {
  return Outcome.options.map((o) => ({ outcome: o, count: outcomes.filter((x) => x === o).length })).filter((c) => c.count > 0);
}

export function similarOutcomes(ctx: BackendContext, caseId: string, cause: string): SimilarOutcomes {
  const own = cause.trim() ? repo.outcomeCounts(ctx.db, cause.trim(), caseId) : [];
  const ownCounts = Outcome.options
    .map((o) => ({ outcome: o, count: own.find((c) => c.outcome === o)?.count ?? 0 }))
    .filter((c) => c.count > 0);
  const result: SimilarOutcomes = {
    cause,
    own: { total: ownCounts.reduce((s, c) => s + c.count, 0), counts: ownCounts },
    precedents: { searched: false, total: 0, counts: [], examples: [], note: '' },
  };
  if (!cause.trim()) {
    result.precedents.note = '案由为空，无法查找同案由类案';
    return result;
  }
  if (precedentsRepo.countPrecedents(ctx.db) === 0) {
    result.precedents.note = '尚未导入类案库';
    return result;
  }
  const { text } = caseQueryText(ctx, caseId);
  const found = search(ctx.db, text, { filters: { causes: [cause.trim()] }, limit: PRECEDENT_WINDOW, offset: 0, cause: cause.trim() });
  const examples = found.items.flatMap((hit) => {
    const row = precedentsRepo.getPrecedentByUid(ctx.db, hit.precedent.id);
    if (!row) return [];
    return [
      {
        id: hit.precedent.id,
        title: hit.precedent.title,
        court: hit.precedent.court,
        caseNumber: hit.precedent.caseNumber,
        decidedOn: hit.precedent.decidedOn,
        outcome: precedentOutcome(row.doc_kind, row.title, row.judgment),
      },
    ];
  });
  result.precedents = {
    searched: true,
    total: examples.length,
    counts: countsOf(examples.map((e) => e.outcome)),
    examples: examples.slice(0, 5),
    note: examples.length ? '' : found.queryInfo.note ?? '类案库中没有同案由的相似案例',
  };
  return result;
}
