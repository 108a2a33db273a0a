import type { CaseDetail } from '../../../shared/contract/cases';
import type { CaseFee, FeeOut } from '../../../shared/contract/intake';
import type { DeadlineKind } from '../../../shared/rules/deadlines';
import { computeFee } from '../../../shared/rules/fees';
import type { Db } from '../store/db';
import * as repo from '../store/repos/intake';
import { fieldRefusal, ruleCall } from './errors';
import { caseDeadlines, COMPUTED_KINDS, DEADLINE_LABELS, FEE_PROCEDURE, feeSettings, type DeadlineFacts, type PlannedDeadline } from './lifecycle';

/**
 * The acceptance fee under another procedure, with the kind and basis fixed at registration (a
 * case leaving simplified procedure is no longer halved, 诉讼费用交纳办法 art. 16), stored in the
 * caller's transaction. Null when no fee was computed at registration.
 */
export function refee(db: Db, caseId: string, procedure: NonNullable<CaseDetail['procedure']>, at: number): { before: CaseFee; after: FeeOut } | null {
  const before = repo.getFee(db, caseId);
  if (before === null) return null;
  const res = ruleCall('procedure', () => computeFee({ kind: before.kind, amount: before.amountFen, procedure: FEE_PROCEDURE[procedure] }, feeSettings(db)));
  const after: FeeOut = { ...res, halvingReasons: [...res.halvingReasons], steps: [...res.steps], notes: [...res.notes] };
  repo.putFee(db, caseId, after, before.amountFen, at);
  return { before, after };
}

/** A registered case's filing date and procedure, or null for a draft. */
export function registeredFacts(c: Pick<CaseDetail, 'caseNumber' | 'filedOn' | 'procedure'>): { filedOn: string; procedure: NonNullable<CaseDetail['procedure']> } | null {
  return c.caseNumber === '' || c.filedOn === null || c.procedure === null ? null : { filedOn: c.filedOn, procedure: c.procedure };
}

/** Everything the computed deadlines of a registered case depend on, as stored now (with the case body given). */
export function factsOfCase(db: Db, c: CaseDetail, reg: { filedOn: string; procedure: NonNullable<CaseDetail['procedure']> }, today: string): DeadlineFacts {
  return {
    filedOn: reg.filedOn,
    procedure: reg.procedure,
    defendants: c.parties.filter((p) => p.role === 'defendant').map((p) => ({ id: p.id, name: p.name })),
    parties: c.parties.map((p) => ({ id: p.id, name: p.name })),
    services: repo.listServices(db, c.id),
    pauses: repo.listPauses(db, c.id).map((p) => ({ from: p.from, to: p.to })),
    extensions: repo.listExtensions(db, c.id),
    conversions: repo.listConversions(db, c.id),
    today,
  };
}

/** Writes computed deadlines: a recomputation replaces a row (keeping its id and status). */
export function writePlanned(db: Db, caseId: string, planned: readonly PlannedDeadline[], at: number): void {
  for (const d of planned) {
    repo.upsertDeadline(db, {
      caseId,
      kind: d.kind,
      label: DEADLINE_LABELS[d.kind],
      start: d.result.start,
      due: d.result.due,
      estimated: d.estimated,
      article: d.article ?? d.result.article,
      basis: d.basis,
      steps: [...d.extraSteps, ...d.result.steps],
      warnings: [...d.result.warnings],
      at,
    });
  }
}

export interface DeadlineChange {
  readonly kind: DeadlineKind;
  readonly from: string | null;
  readonly to: string | null;
}

export interface RecomputeOutcome {
  /** Open deadlines whose due date changed, appeared or went away. */
  readonly changed: DeadlineChange[];
  /** Deadlines a user marked done: left exactly as they were. */
  readonly keptDone: DeadlineKind[];
}


/**
 * Facts recorded against the old filing date must still hold under the new one. Refused rather
 * than flagged: a service, pause or extension dated before the filing cannot have happened, and a
 * clerk would rather correct that record first than have deadlines silently computed from it.
 */
export function checkRecordsAgainstFiling(db: Db, caseId: string, filedOn: string, field: string): void {
  const early = repo.listServices(db, caseId).find((s) => s.servedOn < filedOn);
  if (early !== undefined) {
    throw fieldRefusal(
      field,
      `the filing date ${filedOn} is after the recorded service on ${early.partyName} (${early.servedOn}); the complaint copy is served after filing (CPL art. 128): correct that service record first`,
      `立案日期${filedOn}晚于已登记的对${early.partyName}的送达日期${early.servedOn}；起诉状副本应在立案后送达（民事诉讼法第一百二十八条），请先更正该送达记录`,
    );
  }
  const pause = repo.listPauses(db, caseId).find((p) => p.from < filedOn);
  if (pause !== undefined) {
    throw fieldRefusal(
      field,
      `the filing date ${filedOn} is after the start of the recorded excluded period ${pause.from}–${pause.to} (${pause.reason})`,
      `立案日期${filedOn}晚于已登记的不计入审限期间${pause.from}至${pause.to}（${pause.reason}）的起始日`,
    );
  }
  const ext = repo.listExtensions(db, caseId).find((e) => e.approvedOn < filedOn);
  if (ext !== undefined) {
    throw fieldRefusal(field, `the filing date ${filedOn} is after the recorded extension approved on ${ext.approvedOn}`, `立案日期${filedOn}晚于已登记的审限延长批准日期${ext.approvedOn}`);
  }
  const conv = repo.listConversions(db, caseId).find((c) => c.ruledOn < filedOn);
  if (conv !== undefined) {
    throw fieldRefusal(field, `the filing date ${filedOn} is after the recorded conversion ruling of ${conv.ruledOn}`, `立案日期${filedOn}晚于已登记的程序转换裁定日期${conv.ruledOn}`);
  }
}

/**
 * Recomputes every computed deadline of a registered case from its stored facts, inside the
 * caller's transaction. Deadlines marked done stay as they were: a fee paid or an answer received
 * by the date then in force must not look late (or early) because a date was corrected later. A
 * rule refusing the new facts (e.g. publication service under simplified procedure) becomes
 * BAD_INPUT on `field`.
 */
export function recomputeDeadlines(
  db: Db,
  c: CaseDetail,
  opts: { fee: FeeOut | null; today: string; at: number; field: string },
): RecomputeOutcome {
  const reg = registeredFacts(c);
  if (reg === null) return { changed: [], keptDone: [] };
  const facts = factsOfCase(db, c, reg, opts.today);
  const factDates = repo.getExtraction(db, c.id)?.extraction.factDates.map((d) => d.value) ?? [];
  const planned = ruleCall(opts.field, () => caseDeadlines({ facts, fee: opts.fee, factDates }), { exact: true });
  const existing = new Map(repo.listDeadlines(db, { caseId: c.id, includeDone: true }).map((d) => [d.kind, d]));
  const changed: DeadlineChange[] = [];
  const keptDone: DeadlineKind[] = [];
  const toWrite: PlannedDeadline[] = [];
  for (const d of planned) {
    const old = existing.get(d.kind);
    if (old?.status === 'done') {
      keptDone.push(d.kind);
      continue;
    }
    if (old?.due !== d.result.due) changed.push({ kind: d.kind, from: old?.due ?? null, to: d.result.due });
    toWrite.push(d);
  }
  writePlanned(db, c.id, toWrite, opts.at);
  const plannedKinds = new Set(planned.map((d) => d.kind));
  const gone = COMPUTED_KINDS.filter((k) => !plannedKinds.has(k) && existing.get(k)?.status === 'open');
  repo.deleteOpenDeadlines(db, c.id, gone);
  for (const k of gone) changed.push({ kind: k, from: existing.get(k)?.due ?? null, to: null });
  return { changed, keptDone };
}
