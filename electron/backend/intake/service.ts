import { CaseInput, type CaseDetail, type CaseInputParsed, type DocumentMeta, type PartyInput } from '../../../shared/contract/cases';
import type {
  Extraction,
  FeeOut,
  ImportFilingResult,
  Registration,
  StoredExtraction,
  TrackedDeadline,
} from '../../../shared/contract/intake';
import type { Handlers, Parsed } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import { formatCaseNumber, isValidCourtCode } from '../../../shared/rules/caseNumber';
import { suggestCauses } from '../../../shared/rules/causes';
import { buildDefectNotice, checkComplaint, type Complaint, type ComplaintParty } from '../../../shared/rules/completeness';
import { addDays } from '../../../shared/rules/dates';
import { computeDeadline } from '../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { checkConversion, procedureAt } from '../../../shared/rules/conversion';
import { checkExtension } from '../../../shared/rules/extensions';
import { serviceEffect } from '../../../shared/rules/service';
import { computeFee, FeeSettingsSchema, type FeeKind, type FeeSettings } from '../../../shared/rules/fees';
import { parseAmount } from '../../../shared/rules/money';
import { readSettings } from '../app/service';
import { describeChange } from '../cases/service';
import type { BackendContext } from '../context';
import { duplicateOf, prepareDocument, storeDocument, type PreparedDocument } from '../documents/add';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as docsRepo from '../store/repos/documents';
import * as repo from '../store/repos/intake';
import { readSetting, writeSetting } from '../store/repos/settings';
import { fieldRefusal, ruleCall } from './errors';
import { factsOfCase, recomputeDeadlines, refee, writePlanned as writePlannedRows } from './recompute';
import { runExtraction } from './extract';
import {
  DEADLINE_PROCEDURE,
  FEE_PROCEDURE,
  TRANSITIONS,
  daysBetween,
  FEE_SETTINGS_KEY,
  feeSettings,
  inputOf,
  localDate,
  registrationDeadlines,
  serviceDeadlinesOf,
  trialLimitInput,
  ruleConversions,
  trialLimitOf,
  type DeadlineFacts,
  type PlannedDeadline,
} from './lifecycle';

type IntakeMethods =
  | 'intake.extract'
  | 'intake.importFiling'
  | 'intake.getExtraction'
  | 'intake.saveExtraction'
  | 'intake.applyExtraction'
  | 'intake.suggestCauses'
  | 'intake.check'
  | 'intake.defectNotice'
  | 'intake.register'
  | 'intake.registration'
  | 'intake.fee'
  | 'intake.deadline'
  | 'intake.feeSettings.get'
  | 'intake.feeSettings.update'
  | 'deadlines.list'
  | 'deadlines.pause'
  | 'deadlines.complete'
  | 'deadlines.recordService'
  | 'deadlines.extend'
  | 'cases.transition'
  | 'cases.convertProcedure';

function mustGet(ctx: BackendContext, id: string): CaseDetail {
  const c = casesRepo.getCase(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${id}`);
  return c;
}

/** Service and extensions only make sense for a registered, active case (it has a filing date and a procedure). */
function mustBeRegistered(c: CaseDetail, what: string): { filedOn: string; procedure: NonNullable<CaseDetail['procedure']> } {
  if (c.caseNumber === '' || c.filedOn === null || c.procedure === null) {
    throw new AppError('CONFLICT', `Only a registered case has ${what}; register (立案) it first`);
  }
  if (c.status !== 'active') throw new AppError('CONFLICT', 'The case is archived; restore it before recording anything');
  return { filedOn: c.filedOn, procedure: c.procedure };
}

const RULE_OPTS = { calendar: DEFAULT_CALENDAR } as const;

function stale(ctx: BackendContext, id: string): AppError {
  const current = casesRepo.getCase(ctx.db, id);
  return current
    ? new AppError('CONFLICT', 'This case was changed by someone else since you opened it; reload to see the latest version', {
        currentVersion: current.version,
      })
    : new AppError('NOT_FOUND', `No case with id ${id}`);
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

interface Candidate {
  /** Position among the new files, or -1 for a file already in the case (then docId is set). */
  readonly index: number;
  readonly docId?: string;
  readonly filename: string;
  readonly text: string;
}

/** How much a document looks like the complaint: its name, its title and the CPL art. 124 headings. */
function complaintScore(c: Candidate): number {
  let s = 0;
  if (/起诉状|起诉书|诉状|complaint/i.test(c.filename)) s += 5;
  if (/起诉状|起诉书/.test(c.text.slice(0, 200).replace(/\s+/g, ''))) s += 4;
  if (c.text.includes('诉讼请求')) s += 3;
  if (/事实(?:与|和|及)理由/.test(c.text)) s += 3;
  if (/^\s*原告/m.test(c.text)) s += 1;
  if (/证据清单|证据目录/.test(c.filename)) s -= 4;
  return s;
}

function draftTitle(e: Extraction): string {
  const names = (role: string) =>
    e.parties
      .filter((p) => p.role.value === role)
      .map((p) => p.name.value)
      .join('、');
  const pl = names('plaintiff');
  const df = names('defendant');
  return pl && df ? `${pl}诉${df}`.slice(0, 200) : '';
}

// ---------------------------------------------------------------------------------------------
// Extraction → case body, and → the completeness check's complaint
// ---------------------------------------------------------------------------------------------

function clip(s: string | undefined | null, max: number): string {
  return (s ?? '').slice(0, max);
}

function partiesFrom(e: Extraction): PartyInput[] {
  return e.parties.map((p) => ({
    role: p.role.value,
    kind: p.kind.value,
    name: clip(p.name.value, 200),
    gender: p.gender?.value ?? null,
    birthDate: p.birthDate?.value ?? null,
    ethnicity: clip(p.ethnicity?.value, 20),
    idNumber: clip(p.idNumber?.value, 40),
    creditCode: clip(p.creditCode?.value, 40),
    legalRep: clip(p.legalRep?.value, 100),
    legalRepTitle: clip(p.legalRepTitle?.value, 100),
    address: clip(p.address?.value, 500),
    phone: clip(p.phone?.value, 40),
    agents: p.agents.slice(0, 20).map((a) => ({
      name: clip(a.name.value, 100),
      kind: a.kind.value,
      firm: clip(a.firm?.value, 200),
      phone: clip(a.phone?.value, 40),
    })),
  }));
}

const ROLE_TO_COMPLAINT = { plaintiff: 'plaintiff', defendant: 'defendant', third_party: 'third-party' } as const;
const KIND_TO_COMPLAINT = { natural: 'natural', legal: 'legal', organization: 'other-org' } as const;

function complaintFor(detail: CaseDetail, stored: StoredExtraction | null): Complaint {
  const e = stored?.extraction ?? null;
  const fromExtraction = (name: string) => e?.parties.find((p) => p.name.value === name) ?? null;
  const parties: ComplaintParty[] =
    detail.parties.length > 0
      ? detail.parties.map((p) => ({
          role: ROLE_TO_COMPLAINT[p.role],
          kind: KIND_TO_COMPLAINT[p.kind],
          name: p.name,
          gender: p.gender === null ? null : p.gender === 'male' ? '男' : '女',
          birthDate: p.birthDate,
          ethnicity: p.ethnicity,
          occupation: fromExtraction(p.name)?.occupation?.value ?? null,
          employer: fromExtraction(p.name)?.employer?.value ?? null,
          domicile: p.address,
          phone: p.phone,
          idNumber: p.idNumber,
          creditCode: p.creditCode,
          legalRepresentative: p.kind === 'natural' ? null : { name: p.legalRep, title: p.legalRepTitle, phone: null },
        }))
      : (e?.parties ?? []).map((p) => ({
          role: ROLE_TO_COMPLAINT[p.role.value],
          kind: KIND_TO_COMPLAINT[p.kind.value],
          name: p.name.value,
          gender: p.gender === null ? null : p.gender.value === 'male' ? '男' : '女',
          birthDate: p.birthDate?.value ?? null,
          ethnicity: p.ethnicity?.value ?? null,
          occupation: p.occupation?.value ?? null,
          employer: p.employer?.value ?? null,
          domicile: p.address?.value ?? null,
          phone: p.phone?.value ?? null,
          idNumber: p.idNumber?.value ?? null,
          creditCode: p.creditCode?.value ?? null,
          legalRepresentative: p.kind.value === 'natural' ? null : { name: p.legalRep?.value ?? null, title: p.legalRepTitle?.value ?? null, phone: null },
        }));
  const claims =
    detail.claims.length > 0
      ? detail.claims.map((c) => ({ text: c.text, amountFen: c.amountFen }))
      : (e?.claims ?? []).map((c) => ({ text: c.text.value, amountFen: c.amount?.value ?? null }));
  const docNames = detail.documents.map((d) => `${d.title} ${d.filename}`);
  const hasDoc = (re: RegExp) => docNames.some((n) => re.test(n));
  const hasAgent = detail.parties.some((p) => p.agents.length > 0) || (e?.parties.some((p) => p.agents.length > 0) ?? false);
  const labourCase = /劳动/.test(detail.causeOfAction);
  return {
    court: e?.court?.value ?? null,
    parties,
    claims,
    factsAndReasons: e?.factsAndReasons?.value ?? (detail.summary || null),
    evidence: (e?.evidence ?? []).map((x) => ({ name: x.name.value, source: x.source?.value ?? null })),
    signedBy: e?.signedBy?.value ?? null,
    date: e?.date?.value ?? null,
    materials: {
      // 登记立案规定 art. 6: the filing's own documents are the evidence of what was handed in.
      plaintiffIdentity: hasDoc(/身份证|营业执照|身份证明|户口/),
      hasAgent,
      powerOfAttorney: hasDoc(/委托书|授权/),
      evidenceList: (e?.evidence.length ?? 0) > 0 || hasDoc(/证据/),
      labourCase,
      arbitrationAwardOrDecision: hasDoc(/仲裁|不予受理/),
    },
  };
}

/** Field paths whose values differ between two extractions (for the audit row). */
function changedPaths(before: unknown, after: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 50) return out;
  const isField = (v: unknown): v is { value: unknown } => typeof v === 'object' && v !== null && 'value' in v && 'source' in v;
  if (isField(before) && isField(after)) {
    if (JSON.stringify(before.value) !== JSON.stringify(after.value)) out.push(path);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) out.push(`${path} (${before.length} → ${after.length})`);
    const n = Math.min(before.length, after.length);
    for (let i = 0; i < n; i++) changedPaths(before[i], after[i], path ? `${path}.${i}` : String(i), out);
    return out;
  }
  if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of keys) {
      if (k === 'span' || k === 'source' || k === 'verified') continue;
      changedPaths((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    }
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push(path);
  return out;
}

/** Every span must lie inside the text it points into, or the highlight would be a lie. */
function checkSpans(value: unknown, textLength: number, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkSpans(v, textLength, path ? `${path}.${i}` : String(i)));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (k === 'span' && v !== null && typeof v === 'object') {
      const s = v as { start: number; end: number };
      if (s.end > textLength) {
        throw new AppError('BAD_INPUT', `Invalid input: extraction.${p} lies outside the document text (${textLength} characters)`, {
          issues: [{ path: `extraction.${p}`, message: 'span lies outside the document text' }],
        });
      }
    } else checkSpans(v, textLength, p);
  }
}

/** Which fee settings changed, old → new, for the audit row (fees are money: who changed them matters). */
function feeSettingsChanges(before: FeeSettings, after: FeeSettings): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const flat = (s: FeeSettings): Record<string, unknown> => {
    const { rounding, ...rest } = s;
    return { ...rest, 'rounding.unit': rounding.unit, 'rounding.mode': rounding.mode, 'rounding.stage': rounding.stage };
  };
  const a = flat(before);
  const b = flat(after);
  for (const k of Object.keys(b)) if (a[k] !== b[k]) out[k] = { from: a[k], to: b[k] };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

export function intakeHandlers(ctx: BackendContext): Pick<Handlers, IntakeMethods> {
  const { db } = ctx;
  const changed = (caseId: string | null) => ctx.events.emit('cases.changed', { caseId });
  const today = () => localDate(ctx.now());

  const tracked = (d: repo.DeadlineRow, asOf: string): TrackedDeadline => {
    const daysLeft = daysBetween(asOf, d.due);
    return { ...d, daysLeft, urgency: daysLeft < 0 ? 'overdue' : daysLeft <= 3 ? 'due-soon' : 'upcoming' };
  };

  const registration = (caseId: string): Registration => {
    const c = mustGet(ctx, caseId);
    const asOf = today();
    return {
      case: c,
      fee: repo.getFee(db, caseId),
      deadlines: repo.listDeadlines(db, { caseId, includeDone: true }).map((d) => tracked(d, asOf)),
      pauses: repo.listPauses(db, caseId),
      services: repo.listServices(db, caseId),
      extensions: repo.listExtensions(db, caseId),
      conversions: repo.listConversions(db, caseId),
      stages: repo.listStageChanges(db, caseId),
    };
  };

  /** Everything the answer, evidence and trial-limit periods of a registered case depend on, as stored now. */
  const factsOf = (c: CaseDetail, reg: { filedOn: string; procedure: NonNullable<CaseDetail['procedure']> }): DeadlineFacts =>
    factsOfCase(db, c, reg, today());

  const writePlanned = (caseId: string, planned: readonly PlannedDeadline[], at: number): void => writePlannedRows(db, caseId, planned, at);

  const computeFeeFor = (input: Parsed<'intake.fee'>): FeeOut => {
    const amountFen = input.amount !== undefined ? ruleCall('amount', () => parseAmount(input.amount as string)) : (input.amountFen ?? null);
    const res = ruleCall('amount', () =>
      computeFee(
        {
          kind: input.kind,
          amount: amountFen,
          ...(input.procedure !== undefined ? { procedure: input.procedure } : {}),
          ...(input.closing !== undefined ? { closing: input.closing } : {}),
          ...(input.joinedCounterclaim !== undefined ? { joinedCounterclaim: input.joinedCounterclaim } : {}),
          ...(input.administrativeCategory !== undefined ? { administrativeCategory: input.administrativeCategory } : {}),
        },
        feeSettings(db),
      ),
    );
    return { ...res, halvingReasons: [...res.halvingReasons], steps: [...res.steps], notes: [...res.notes] };
  };

  return {
    'intake.extract': ({ text }) => runExtraction(ctx, text),

    'intake.importFiling': async (input) => {
      if (input.caseId !== undefined) {
        const c = casesRepo.getCase(db, input.caseId);
        if (!c) throw new AppError('NOT_FOUND', `No case with id ${input.caseId}`);
        if (c.caseNumber !== '') {
          // A registered case gets documents through documents.add; re-extracting would rewrite its filing record.
          throw new AppError('CONFLICT', `Case ${c.caseNumber} is already registered; add further documents to its file instead`);
        }
      }
      const raw = input.files.map((f) => ({ filename: f.filename, bytes: Buffer.from(f.contentBase64, 'base64') }));
      if (input.pastedText !== undefined && input.pastedText.trim() !== '') {
        raw.push({ filename: '粘贴的起诉状.txt', bytes: Buffer.from(input.pastedText, 'utf8') });
      }
      // Read every file before writing anything: one bad file refuses the import, nothing half-saved.
      const prepared: PreparedDocument[] = [];
      for (const [i, f] of raw.entries()) {
        try {
          prepared.push(await prepareDocument(f.bytes, f.filename));
        } catch (err) {
          if (err instanceof AppError) {
            throw new AppError(err.code, `${err.message} (nothing was imported)`, {
              ...err.details,
              issues: [{ path: i < input.files.length ? `files.${i}` : 'pastedText', message: err.message }],
              filename: f.filename,
            });
          }
          throw err;
        }
      }
      const notes: string[] = [];
      const skipped: ImportFilingResult['skipped'] = [];
      const fresh: PreparedDocument[] = [];
      const candidates: Candidate[] = [];
      for (const p of prepared) {
        const existing = input.caseId !== undefined ? duplicateOf(ctx, input.caseId, p.sha256) : null;
        if (existing) {
          skipped.push({ filename: p.filename, reason: `already in the case file as "${existing.title}"`, documentId: existing.id });
          candidates.push({ index: -1, docId: existing.id, filename: existing.filename, text: docsRepo.getDocumentText(db, existing.id) ?? '' });
          continue;
        }
        if (fresh.some((q) => q.sha256 === p.sha256)) {
          skipped.push({ filename: p.filename, reason: 'the same file was given twice', documentId: null });
          continue;
        }
        if (p.textNote) notes.push(`${p.filename}: ${p.textNote}`);
        candidates.push({ index: fresh.length, filename: p.filename, text: p.text });
        fresh.push(p);
      }
      const best = candidates
        .map((c) => ({ c, score: complaintScore(c) }))
        .filter((x) => x.score >= 3 && x.c.text.trim() !== '')
        .sort((a, b) => b.score - a.score)[0]?.c;
      const existingComplaintId = best?.docId ?? null;
      if (best === undefined) {
        notes.push('No complaint (起诉状) was recognised among the files; nothing was extracted. Paste its text or add it as .docx, .pdf or .txt.');
      }
      const extraction = best === undefined ? null : await runExtraction(ctx, best.text, { caseId: input.caseId ?? null });

      const now = ctx.now();
      const actor = ctx.actor();
      const result = db.transaction(() => {
        let caseId = input.caseId;
        if (caseId === undefined) {
          const body: CaseInputParsed = CaseInput.parse({ title: extraction ? draftTitle(extraction) : '' });
          caseId = casesRepo.insertCase(db, body, now);
          writeAudit(db, { at: now, actor, action: 'case.create', entity: 'case', entityId: caseId, caseId, detail: { draft: true, via: 'intake.importFiling' } });
        } else if (!casesRepo.caseExists(db, caseId)) {
          throw new AppError('NOT_FOUND', `No case with id ${caseId}`);
        }
        const ids: string[] = [];
        let complaintId = existingComplaintId;
        fresh.forEach((p, i) => {
          const isComplaint = best !== undefined && best.index === i;
          const id = storeDocument(ctx, caseId, p, {
            now,
            kind: isComplaint ? 'complaint' : /证据/.test(p.filename) ? 'evidence' : 'other',
            ...(isComplaint && p.filename === '粘贴的起诉状.txt' ? { title: '起诉状（粘贴）' } : {}),
          });
          ids.push(id);
          if (isComplaint) complaintId = id;
        });
        if (extraction !== null) {
          repo.putExtraction(db, { caseId, documentId: complaintId, extraction, at: now, by: actor });
          writeAudit(db, {
            at: now,
            actor,
            action: 'intake.extract',
            entity: 'case',
            entityId: caseId,
            caseId,
            detail: {
              documentId: complaintId,
              parties: extraction.parties.length,
              claims: extraction.claims.length,
              model: extraction.model.ran,
              modelDetail: extraction.model.detail,
            },
          });
        }
        return { caseId, ids, complaintId };
      })();
      changed(result.caseId);
      const documents = result.ids
        .map((id) => docsRepo.getDocumentMeta(db, id))
        .filter((d): d is DocumentMeta => d !== null);
      return {
        case: mustGet(ctx, result.caseId),
        documents,
        skipped,
        complaintDocumentId: result.complaintId,
        extraction: repo.getExtraction(db, result.caseId),
        notes,
      };
    },

    'intake.getExtraction': ({ caseId }) => {
      mustGet(ctx, caseId);
      return repo.getExtraction(db, caseId);
    },

    'intake.saveExtraction': ({ caseId, version, extraction }) => {
      const now = ctx.now();
      db.transaction(() => {
        mustGet(ctx, caseId);
        const before = repo.getExtraction(db, caseId);
        if (!before) throw new AppError('NOT_FOUND', 'This case has no extraction yet; import the complaint first');
        if (extraction.textLength !== before.extraction.textLength) {
          throw new AppError('BAD_INPUT', 'Invalid input: extraction.textLength does not match the complaint text', {
            issues: [{ path: 'extraction.textLength', message: 'does not match the stored complaint text' }],
          });
        }
        checkSpans(extraction, before.extraction.textLength);
        if (!repo.updateExtraction(db, { caseId, version, extraction, at: now, by: ctx.actor() })) {
          throw new AppError('CONFLICT', 'The extraction was changed by someone else since you opened it; reload it', {
            currentVersion: before.version,
          });
        }
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'intake.extraction.save',
          entity: 'case',
          entityId: caseId,
          caseId,
          detail: { changed: changedPaths(before.extraction, extraction) },
        });
      })();
      const saved = repo.getExtraction(db, caseId);
      if (!saved) throw new AppError('INTERNAL', 'Extraction vanished after saving');
      return saved;
    },

    'intake.applyExtraction': ({ caseId, version }) => {
      const now = ctx.now();
      db.transaction(() => {
        const before = mustGet(ctx, caseId);
        const stored = repo.getExtraction(db, caseId);
        if (!stored) throw new AppError('NOT_FOUND', 'This case has no extraction yet; import the complaint first');
        const e = stored.extraction;
        const parsed = CaseInput.safeParse({
          ...inputOf(before),
          title: before.title || draftTitle(e),
          // The complaint's facts and reasons become the case summary unless the clerk wrote one.
          summary: before.summary || clip(e.factsAndReasons?.value, 20_000),
          parties: partiesFrom(e),
          claims: e.claims.map((c) => ({ text: clip(c.text.value, 5000), amountFen: c.amount?.value ?? null })),
        });
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
          throw new AppError('BAD_INPUT', `The extraction cannot fill the case: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`, { issues });
        }
        if (!casesRepo.updateCase(db, caseId, version, parsed.data, now)) throw stale(ctx, caseId);
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'intake.apply',
          entity: 'case',
          entityId: caseId,
          caseId,
          detail: { extractionVersion: stored.version, ...describeChange(before, parsed.data) },
        });
      })();
      changed(caseId);
      return mustGet(ctx, caseId);
    },

    'intake.suggestCauses': ({ caseId, text, limit }) => {
      let source = text ?? '';
      if (caseId !== undefined) {
        const c = mustGet(ctx, caseId);
        const e = repo.getExtraction(db, caseId)?.extraction;
        source = [
          c.causeOfAction,
          ...c.claims.map((x) => x.text),
          ...(e ? e.claims.map((x) => x.text.value) : []),
          e?.factsAndReasons?.value ?? c.summary,
        ].join('\n');
      }
      return suggestCauses(source, { limit }).map(({ elements: _elements, ...s }) => ({
        ...s,
        path: [...s.path],
        reasons: s.reasons.map((r) => ({ ...r })),
      }));
    },

    'intake.check': ({ caseId }) => {
      const c = mustGet(ctx, caseId);
      const r = ruleCall('caseId', () => checkComplaint(complaintFor(c, repo.getExtraction(db, caseId))));
      return { ...r, items: r.items.map((i) => ({ ...i })) };
    },

    'intake.defectNotice': ({ caseId, cureDays, includeRecommended }) => {
      const c = mustGet(ctx, caseId);
      const result = ruleCall('caseId', () => checkComplaint(complaintFor(c, repo.getExtraction(db, caseId))));
      const court = readSettings(db, ctx.actor()).court.name.trim();
      const plaintiffs = c.parties.filter((p) => p.role === 'plaintiff').map((p) => p.name);
      const text = ruleCall('caseId', () =>
        buildDefectNotice(result, {
          cureDays,
          includeRecommended,
          ...(court ? { court } : {}),
          ...(plaintiffs.length ? { addressee: plaintiffs.join('、') } : {}),
        }),
      );
      return { text, items: result.items.filter((i) => includeRecommended || i.severity === 'required').map((i) => ({ ...i })) };
    },

    'intake.register': (input) => {
      const settings = readSettings(db, ctx.actor());
      const court = settings.court.code.trim();
      if (court === '') {
        throw new AppError(
          'BAD_INPUT',
          'The court profile is not set: enter the court name and code (法院代字, e.g. 粤0305) in Settings before registering cases',
          { issues: [{ path: 'settings.court.code', message: 'not set' }] },
        );
      }
      if (!isValidCourtCode(court)) {
        throw new AppError('BAD_INPUT', `The court code "${court}" in Settings is not a valid 法院代字 (e.g. 粤0305, 京01, 最高法)`, {
          issues: [{ path: 'settings.court.code', message: 'not a valid court code' }],
        });
      }
      const filedOn = input.filedOn ?? today();
      const year = Number(filedOn.slice(0, 4));
      const now = ctx.now();
      const actor = ctx.actor();
      db.transaction(() => {
        const before = mustGet(ctx, input.caseId);
        if (before.caseNumber !== '') throw new AppError('CONFLICT', `This case is already registered as ${before.caseNumber}`);
        if (before.status !== 'active') throw new AppError('CONFLICT', 'An archived case cannot be registered; restore it first');
        if (before.version !== input.version) throw stale(ctx, input.caseId);
        // CPL art. 122(1)(2): a plaintiff and a clear defendant are conditions of suing.
        for (const role of ['plaintiff', 'defendant'] as const) {
          if (!before.parties.some((p) => p.role === role)) {
            throw new AppError('BAD_INPUT', `The case has no ${role}; fill in the parties (or apply the extraction) before registering`, {
              issues: [{ path: 'parties', message: `no ${role}` }],
            });
          }
        }
        const claimTotal = before.claims.reduce((s, c) => s + (c.amountFen ?? 0), 0);
        const amountFen = input.feeAmountFen !== undefined ? input.feeAmountFen : claimTotal > 0 ? claimTotal : null;
        const kind: FeeKind = input.feeKind ?? (amountFen !== null ? 'property' : 'other-non-property');
        const fee = computeFeeFor({ kind, amountFen, procedure: FEE_PROCEDURE[input.procedure] });

        // 案号规定 art. 3: (year) court type seq 号, numbered per court, type and year; never reused.
        let caseNumber = '';
        for (let guard = 0; guard < 10_000; guard++) {
          const seq = repo.nextCaseSeq(db, court, input.typeCode, year);
          caseNumber = ruleCall('typeCode', () => formatCaseNumber({ year, court, type: input.typeCode, seq }));
          // A number typed in by hand earlier may already hold this sequence: skip it, never share it.
          if (!repo.caseNumberTaken(db, caseNumber)) break;
        }
        const body: CaseInputParsed = { ...inputOf(before), caseNumber, procedure: input.procedure, filedOn, stage: 'intake' };
        if (!casesRepo.updateCase(db, input.caseId, input.version, body, now)) throw stale(ctx, input.caseId);
        repo.putFee(db, input.caseId, fee, amountFen, now);
        const factDates = repo.getExtraction(db, input.caseId)?.extraction.factDates.map((d) => d.value) ?? [];
        const defendants = before.parties.filter((p) => p.role === 'defendant').map((p) => ({ id: p.id, name: p.name }));
        const planned = ruleCall('filedOn', () =>
          registrationDeadlines({ filedOn, procedure: input.procedure, fee, factDates, defendants, today: today() }),
        );
        writePlanned(input.caseId, planned, now);
        repo.insertStageChange(db, { caseId: input.caseId, from: null, to: 'intake', at: now, actor, note: `立案 ${caseNumber}` });
        writeAudit(db, {
          at: now,
          actor,
          action: 'case.register',
          entity: 'case',
          entityId: input.caseId,
          caseId: input.caseId,
          detail: {
            caseNumber,
            procedure: input.procedure,
            filedOn,
            fee: { kind, amountFen, fee: fee.fee, article: fee.article },
            deadlines: planned.map((d) => ({ kind: d.kind, due: d.result.due })),
          },
        });
      })();
      changed(input.caseId);
      return registration(input.caseId);
    },

    'intake.registration': ({ caseId }) => registration(caseId),

    'intake.fee': (input) => computeFeeFor(input),

    'intake.deadline': (input) => {
      const { article, ...rest } = input;
      const r = ruleCall('start', () => computeDeadline({ ...rest, ...(article !== undefined ? { article } : {}) }, { calendar: DEFAULT_CALENDAR }));
      return {
        ...r,
        period: { ...r.period },
        steps: [...r.steps],
        warnings: [...r.warnings],
        milestones: r.milestones.map((m) => ({ ...m })),
      };
    },

    'intake.feeSettings.get': () => ({ settings: feeSettings(db), isDefault: readSetting(db, FEE_SETTINGS_KEY) === undefined }),

    'intake.feeSettings.update': (input) => {
      // The dispatcher has already checked the schema (ranges included); a direct caller is checked again here.
      const parsed = FeeSettingsSchema.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
        throw new AppError('BAD_INPUT', `Invalid input: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`, { issues });
      }
      const before = feeSettings(db);
      const after = parsed.data;
      db.transaction(() => {
        writeSetting(db, FEE_SETTINGS_KEY, after);
        writeAudit(db, {
          at: ctx.now(),
          actor: ctx.actor(),
          action: 'settings.fees.update',
          entity: 'settings',
          entityId: FEE_SETTINGS_KEY,
          caseId: null,
          detail: { changed: feeSettingsChanges(before, after) },
        });
      })();
      return { settings: feeSettings(db), isDefault: false };
    },

    'deadlines.list': ({ caseId, dueWithinDays, includeOverdue, includeDone, asOf }) => {
      const day = asOf ?? today();
      const rows =
        caseId !== undefined
          ? repo.listDeadlines(db, { caseId, includeDone })
          : repo.listDeadlines(db, {
              dueBy: addDays(day, dueWithinDays),
              ...(includeOverdue ? {} : { dueFrom: day }),
              includeDone,
            });
      return { asOf: day, items: rows.map((d) => tracked(d, day)) };
    },

    'deadlines.pause': ({ caseId, from, to, reason }) => {
      if (to < from) {
        throw new AppError('BAD_INPUT', 'Invalid input: to must not be before from', { issues: [{ path: 'to', message: 'is before from' }] });
      }
      const now = ctx.now();
      db.transaction(() => {
        const c = mustGet(ctx, caseId);
        if (c.caseNumber === '' || c.filedOn === null || c.procedure === null) {
          throw new AppError('CONFLICT', 'Only a registered case has a trial limit to pause');
        }
        if (from < c.filedOn) {
          throw new AppError('BAD_INPUT', `Invalid input: from is before the filing date ${c.filedOn}`, {
            issues: [{ path: 'from', message: `is before the filing date ${c.filedOn}` }],
          });
        }
        repo.insertPause(db, { caseId, from, to, reason, createdAt: now, createdBy: ctx.actor() });
        // CPL-Interp art. 243: excluded periods are not counted; recompute from all of them (and the extensions).
        const tl = ruleCall('from', () => trialLimitOf(factsOf(c, { filedOn: c.filedOn as string, procedure: c.procedure ?? 'ordinary' })));
        writePlanned(caseId, [tl], now);
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'deadline.pause',
          entity: 'case',
          entityId: caseId,
          caseId,
          detail: { from, to, reason, trialLimitDue: tl.result.due },
        });
      })();
      changed(caseId);
      return registration(caseId);
    },

    'deadlines.recordService': (input) => {
      const now = ctx.now();
      const actor = ctx.actor();
      db.transaction(() => {
        const c = mustGet(ctx, input.caseId);
        const reg = mustBeRegistered(c, 'service to record');
        const party = c.parties.find((p) => p.id === input.partyId);
        if (party === undefined) {
          throw new AppError('BAD_INPUT', 'Invalid input: partyId is not a party of this case', {
            issues: [{ path: 'partyId', message: 'is not a party of this case' }],
            zh: 'partyId：所选当事人不属于本案',
          });
        }
        const defendant = party.role === 'defendant';
        if (!defendant && input.evidenceDays !== undefined) {
          // The case tracks the evidence period from the defendants' service (Evidence Rules art. 51);
          // a period stored on a plaintiff or third party would change nothing and mislead.
          throw fieldRefusal(
            'evidenceDays',
            `${party.name} is not a defendant; the case's evidence period runs from service on the defendants, so record this service without it`,
            `${party.name}不是被告；本案举证期限自向被告送达之日起计算，登记对其他当事人的送达时不填写举证期限`,
          );
        }
        // A service made before a conversion ruling was made under the former procedure.
        const procedure = procedureAt(DEADLINE_PROCEDURE[reg.procedure], ruleConversions({ conversions: repo.listConversions(db, c.id) }), input.servedOn);
        const effect = ruleCall('servedOn', () =>
          serviceEffect(
            { method: input.method, servedOn: input.servedOn, filedOn: reg.filedOn, procedure, foreignDomicile: input.foreignDomicile, today: today() },
            RULE_OPTS,
          ),
        );
        if (input.evidenceDays !== undefined) {
          // Evidence Rules art. 51: the period the court fixed must fit the procedure (ordinary ≥ 15 days …).
          ruleCall('evidenceDays', () => computeDeadline({ kind: 'evidence', start: effect.effectiveOn, procedure, days: input.evidenceDays }, RULE_OPTS), {
            exact: true,
          });
        }
        const previous = repo.getServiceOfParty(db, c.id, party.id);
        repo.upsertService(db, {
          caseId: c.id,
          partyId: party.id,
          partyName: party.name,
          method: input.method,
          servedOn: input.servedOn,
          effectiveOn: effect.effectiveOn,
          foreignDomicile: input.foreignDomicile,
          evidenceDays: input.evidenceDays ?? null,
          note: input.note,
          article: effect.article,
          createdAt: now,
          createdBy: actor,
        });
        const facts = factsOf(c, reg);
        const planned = ruleCall('servedOn', () => [...serviceDeadlinesOf(facts), trialLimitOf(facts)]);
        writePlanned(c.id, planned, now);
        writeAudit(db, {
          at: now,
          actor,
          action: 'deadline.service',
          entity: 'case',
          entityId: c.id,
          caseId: c.id,
          // Readable first: the audit list shows the start of the detail.
          detail: {
            partyName: party.name,
            role: party.role,
            method: input.method,
            servedOn: input.servedOn,
            effectiveOn: effect.effectiveOn,
            partyId: party.id,
            foreignDomicile: input.foreignDomicile,
            evidenceDays: input.evidenceDays ?? null,
            article: effect.article,
            previous: previous === null ? null : { method: previous.method, servedOn: previous.servedOn, effectiveOn: previous.effectiveOn },
            deadlines: planned.map((d) => ({ kind: d.kind, due: d.result.due, estimated: d.estimated })),
          },
        });
      })();
      changed(input.caseId);
      return registration(input.caseId);
    },

    'deadlines.extend': (input) => {
      const now = ctx.now();
      const actor = ctx.actor();
      db.transaction(() => {
        const c = mustGet(ctx, input.caseId);
        const reg = mustBeRegistered(c, 'a trial limit to extend');
        const facts = factsOf(c, reg);
        const lastRuling = (facts.conversions ?? []).at(-1);
        if (lastRuling !== undefined && input.approvedOn <= lastRuling.ruledOn) {
          // After a conversion the limit is the new procedure's (CPL-Interp art. 258); an approval
          // dated on or before the ruling extended the former limit, which no longer applies.
          throw fieldRefusal(
            'approvedOn',
            `${input.approvedOn} is not after the conversion ruling of ${lastRuling.ruledOn}; an extension approved before it extended the former procedure's limit, which no longer applies (CPL-Interp art. 258)`,
            `批准日期${input.approvedOn}不晚于${lastRuling.ruledOn}的程序转换裁定；转换前批准的延长针对原程序的审限，已不再适用（民诉法解释第二百五十八条）`,
          );
        }
        const check = ruleCall('months', () =>
          checkExtension(
            {
              ...trialLimitInput(facts),
              next: { months: input.months, days: input.days, authority: input.authority, approvedOn: input.approvedOn },
              today: today(),
            },
            RULE_OPTS,
          ),
        );
        repo.insertExtension(db, {
          caseId: c.id,
          months: input.months,
          days: input.days,
          authority: input.authority,
          approvedBy: input.approvedBy,
          approvedOn: input.approvedOn,
          reason: input.reason,
          dueBefore: check.before.due,
          dueAfter: check.after.due,
          article: check.article,
          createdAt: now,
          createdBy: actor,
        });
        const tl = trialLimitOf(factsOf(c, reg));
        writePlanned(c.id, [tl], now);
        writeAudit(db, {
          at: now,
          actor,
          action: 'deadline.extend',
          entity: 'case',
          entityId: c.id,
          caseId: c.id,
          detail: {
            dueBefore: check.before.due,
            dueAfter: tl.result.due,
            months: input.months,
            days: input.days,
            approvedBy: input.approvedBy,
            approvedOn: input.approvedOn,
            reason: input.reason,
            authority: input.authority,
            kind: input.kind,
            article: check.article,
          },
        });
      })();
      changed(input.caseId);
      return registration(input.caseId);
    },

    'deadlines.complete': ({ id, done }) => {
      const now = ctx.now();
      const d = repo.getDeadline(db, id);
      if (!d) throw new AppError('NOT_FOUND', `No deadline with id ${id}`);
      db.transaction(() => {
        repo.setDeadlineStatus(db, id, done ? 'done' : 'open', now);
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: done ? 'deadline.done' : 'deadline.reopen',
          entity: 'deadline',
          entityId: id,
          caseId: d.caseId,
          detail: { kind: d.kind, due: d.due },
        });
      })();
      changed(d.caseId);
      const after = repo.getDeadline(db, id);
      if (!after) throw new AppError('INTERNAL', 'Deadline vanished after saving');
      return tracked(after, today());
    },

    'cases.convertProcedure': (input) => {
      const now = ctx.now();
      const actor = ctx.actor();
      db.transaction(() => {
        const c = mustGet(ctx, input.caseId);
        const reg = mustBeRegistered(c, 'a procedure to convert');
        if (c.version !== input.version) throw stale(ctx, input.caseId);
        if (input.to === reg.procedure) {
          throw new AppError('BAD_INPUT', `Invalid input: to: the case is already in ${input.to} procedure`, {
            issues: [{ path: 'to', message: 'is the current procedure' }],
            zh: 'to：案件已适用该程序',
          });
        }
        const facts = factsOf(c, reg);
        const limit = trialLimitInput(facts);
        const check = ruleCall('ruledOn', () =>
          checkConversion(
            {
              filedOn: reg.filedOn,
              from: DEADLINE_PROCEDURE[reg.procedure],
              to: DEADLINE_PROCEDURE[input.to],
              ruledOn: input.ruledOn,
              today: today(),
              excluded: limit.excluded,
              extensions: limit.extensions,
            },
            RULE_OPTS,
          ),
        );
        const fee = refee(db, c.id, input.to, now);
        repo.insertConversion(db, {
          caseId: c.id,
          from: reg.procedure,
          to: input.to,
          ruledOn: input.ruledOn,
          reason: input.reason,
          dueBefore: check.before.due,
          dueAfter: check.after.due,
          feeBeforeFen: fee?.before.feeFen ?? null,
          feeAfterFen: fee?.after.feeFen ?? null,
          article: check.article,
          createdAt: now,
          createdBy: actor,
        });
        if (!casesRepo.updateCase(db, c.id, input.version, { ...inputOf(c), procedure: input.to }, now)) throw stale(ctx, c.id);
        const after = mustGet(ctx, c.id);
        if (fee !== null && fee.after.feeFen > fee.before.feeFen) {
          // CPL-Interp art. 199: the balance is a new payment due; a fee row marked paid is reopened for it.
          const row = repo.listDeadlines(db, { caseId: c.id, includeDone: true }).find((d) => d.kind === 'fee-payment');
          if (row?.status === 'done') repo.setDeadlineStatus(db, row.id, 'open', now);
        }
        const outcome = recomputeDeadlines(db, after, { fee: fee?.after ?? repo.getFee(db, c.id), today: today(), at: now, field: 'to' });
        writeAudit(db, {
          at: now,
          actor,
          action: 'case.convertProcedure',
          entity: 'case',
          entityId: c.id,
          caseId: c.id,
          // Readable first: the audit list shows the start of the detail.
          detail: {
            procedure: { from: reg.procedure, to: input.to },
            ruledOn: input.ruledOn,
            reason: input.reason,
            dueBefore: check.before.due,
            dueAfter: check.after.due,
            supersededExtensions: check.superseded.map((e) => ({ months: e.months, days: e.days, approvedOn: e.approvedOn })),
            fee: fee === null ? null : { from: fee.before.fee, to: fee.after.fee },
            article: check.article,
            deadlines: outcome.changed,
            ...(outcome.keptDone.length > 0 ? { keptDone: outcome.keptDone } : {}),
          },
        });
      })();
      changed(input.caseId);
      return registration(input.caseId);
    },

    'cases.transition': ({ id, version, to, note }) => {
      const now = ctx.now();
      db.transaction(() => {
        const c = mustGet(ctx, id);
        if (c.version !== version) throw stale(ctx, id);
        if (c.caseNumber === '') {
          throw new AppError('CONFLICT', 'A draft case must be registered (立案) before it can move on');
        }
        const allowed = TRANSITIONS[c.stage];
        if (!allowed.includes(to)) {
          throw new AppError('BAD_INPUT', `A case cannot go from ${c.stage} to ${to}; allowed: ${allowed.join(', ') || 'none'}`, {
            issues: [{ path: 'to', message: `not allowed from ${c.stage}` }],
            allowed: [...allowed],
          });
        }
        if (!repo.setStage(db, id, version, to, now)) throw stale(ctx, id);
        repo.insertStageChange(db, { caseId: id, from: c.stage, to, at: now, actor: ctx.actor(), note });
        writeAudit(db, {
          at: now,
          actor: ctx.actor(),
          action: 'case.transition',
          entity: 'case',
          entityId: id,
          caseId: id,
          detail: { from: c.stage, to, note },
        });
      })();
      changed(id);
      return mustGet(ctx, id);
    },
  };
}
