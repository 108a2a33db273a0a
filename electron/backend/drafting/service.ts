import { randomUUID } from 'node:crypto';
import type { CaseDetail } from '../../../shared/contract/cases';
import {
  DRAFTING_DEFAULTS,
  DraftingSettings,
  type Draft,
  type DraftOptions,
  type DraftSection,
  type SectionSource,
} from '../../../shared/contract/drafting';
import type { Handlers } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import { formatChineseDate } from '../../../shared/rules/numerals';
import { readSettings } from '../app/service';
import type { BackendContext } from '../context';
import { feeSettings, localDate } from '../intake/lifecycle';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as repo from '../store/repos/drafting';
import * as intakeRepo from '../store/repos/intake';
import { readSetting, writeSetting } from '../store/repos/settings';
import { checkCitations } from './citations';
import { diffText } from './diff';
import { DOCX_MIME, buildDocx, exportFilename } from './docx';
import { evidenceExport, transcriptExport } from './recordExports';
import { costFigures, deriveAppealCourt, fillDraft, fillSection, needsInput, renderContext, type FillInput } from './fill';
import { startGeneration } from './generate';
import { proofread } from './proofread';
import { kindInfo, templatesFor, type Template } from './templates';

export type DraftingMethod =
  | 'drafting.kinds'
  | 'drafting.create'
  | 'drafting.get'
  | 'drafting.list'
  | 'drafting.updateSection'
  | 'drafting.resetSection'
  | 'drafting.setDate'
  | 'drafting.remove'
  | 'drafting.history'
  | 'drafting.diff'
  | 'drafting.generateSection'
  | 'drafting.proofread'
  | 'drafting.export'
  | 'drafting.exportEvidence'
  | 'drafting.exportTranscript'
  | 'drafting.settings.get'
  | 'drafting.settings.update';

const SETTINGS_KEY = 'drafting';

export function readDraftingSettings(ctx: BackendContext): DraftingSettings {
  const stored = readSetting(ctx.db, SETTINGS_KEY);
  const merged = { ...DRAFTING_DEFAULTS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = DraftingSettings.safeParse(merged);
  // A hand-edited settings row must not break drafting: fall back to the defaults.
  return parsed.success ? parsed.data : DRAFTING_DEFAULTS;
}

export function mustCase(ctx: BackendContext, id: string): CaseDetail {
  const c = casesRepo.getCase(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${id}`);
  return c;
}

export function mustDraft(ctx: BackendContext, id: string): repo.StoredDraft {
  const d = repo.getDraft(ctx.db, id);
  if (!d) throw new AppError('NOT_FOUND', `No draft with id ${id}`);
  return d;
}

export function templateOf(ctx: BackendContext, kind: Draft['kind']): Template {
  const t = templatesFor(ctx.resourcesDir).templates.get(kind);
  if (!t) throw new AppError('NOT_FOUND', `No template for ${kind}`);
  return t;
}

/** Everything a fill reads, from the store. */
export function fillInputFor(ctx: BackendContext, c: CaseDetail, documentDate: string, options: DraftOptions): FillInput {
  const evidence = intakeRepo.listDeadlines(ctx.db, { caseId: c.id, includeDone: true }).find((d) => d.kind === 'evidence');
  return {
    case: c,
    court: readSettings(ctx.db, ctx.actor()).court,
    settings: readDraftingSettings(ctx),
    fee: intakeRepo.getFee(ctx.db, c.id),
    feeSettings: feeSettings(ctx.db),
    extraction: intakeRepo.getExtraction(ctx.db, c.id)?.extraction ?? null,
    evidenceDue: evidence?.due ?? null,
    hasAnswer: c.documents.some((d) => /答辩/.test(`${d.title}${d.filename}`) || d.kind === 'answer'),
    documentDate,
    options,
  };
}

/**
 * The parties a service record marks as without a domicile in China (CPL art. 286: 30 days to
 * appeal), by their name now: the record keeps the name it was made under, and parties are edited.
 */
function foreignDomicileParties(ctx: BackendContext, c: CaseDetail): string[] {
  const names = new Map(c.parties.map((p) => [p.id, p.name]));
  return intakeRepo
    .listServices(ctx.db, c.id)
    .filter((s) => s.foreignDomicile)
    .map((s) => names.get(s.partyId) ?? s.partyName);
}

/** The court the 上诉于 sentence must name: the same choice the fill makes (fill.ts `appealCourt`). */
function appealCourtOf(input: FillInput): { name: string; configured: boolean } | null {
  const configured = input.settings.appealCourt.trim();
  if (configured) return { name: configured, configured: true };
  const derived = deriveAppealCourt(input.court.name.trim());
  return derived ? { name: derived, configured: false } : null;
}

/** Statute and precedent citations of a section, checked against the libraries. */
export function withCitations(ctx: BackendContext, s: DraftSection, asOf: string, caseNumber: string): DraftSection {
  return { ...s, citations: checkCitations(ctx.db, s.text, { asOf, ownCaseNumber: caseNumber }), needsInput: needsInput(s.text) };
}

function publicDraft(d: repo.StoredDraft): Draft {
  const { options: _options, ...rest } = d;
  return rest;
}

function stale(ctx: BackendContext, id: string): AppError {
  const d = repo.getDraft(ctx.db, id);
  return d
    ? new AppError('CONFLICT', 'This draft was changed since you opened it (another window or a generation); reload it', {
        currentVersion: d.version,
      })
    : new AppError('NOT_FOUND', `No draft with id ${id}`);
}

/**
 * Saves a new version of a draft (optimistic: `expected` must be current) with its history row and,
 * unless it only coalesced an autosave burst, an audit row.
 */
export function saveDraft(
  ctx: BackendContext,
  before: repo.StoredDraft,
  expected: number,
  change: { sections: DraftSection[]; documentDate?: string; action: string; sectionId: string | null; source: SectionSource | null },
): repo.StoredDraft {
  const now = ctx.now();
  const actor = ctx.actor();
  const next: repo.StoredDraft = {
    ...before,
    sections: change.sections,
    documentDate: change.documentDate ?? before.documentDate,
    version: expected + 1,
    updatedAt: now,
    updatedBy: actor,
  };
  ctx.db.transaction(() => {
    if (!repo.updateDraft(ctx.db, next, expected, { action: change.action, sectionId: change.sectionId, source: change.source })) {
      throw stale(ctx, before.id);
    }
    writeAudit(ctx.db, {
      at: now,
      actor,
      action: `draft.${change.action}`,
      entity: 'draft',
      entityId: before.id,
      caseId: before.caseId,
      detail: { kind: before.kind, version: next.version, section: change.sectionId },
    });
  })();
  return next;
}

export function draftingHandlers(ctx: BackendContext): Pick<Handlers, DraftingMethod> {
  const { db } = ctx;
  const today = () => localDate(ctx.now());

  const sectionOf = (d: repo.StoredDraft, sectionId: string) => {
    const i = d.sections.findIndex((s) => s.id === sectionId);
    if (i < 0) {
      throw new AppError('BAD_INPUT', `Invalid input: sectionId "${sectionId}" is not a section of this ${d.name}`, {
        issues: [{ path: 'sectionId', message: `not one of ${d.sections.map((s) => s.id).join(', ')}` }],
      });
    }
    return i;
  };

  const replaceSection = (d: repo.StoredDraft, i: number, s: DraftSection) => d.sections.map((x, j) => (j === i ? s : x));

  return {
    'drafting.kinds': () => ({
      items: [...templatesFor(ctx.resourcesDir).templates.values()].map(kindInfo),
    }),

    'drafting.create': ({ caseId, kind, documentDate, options }) => {
      const c = mustCase(ctx, caseId);
      const t = templateOf(ctx, kind);
      const date = documentDate ?? today();
      const set = templatesFor(ctx.resourcesDir);
      const sections = fillDraft(set, t, fillInputFor(ctx, c, date, options)).map((s) => withCitations(ctx, s, date, c.caseNumber));
      const now = ctx.now();
      const d: repo.StoredDraft = {
        id: randomUUID(),
        caseId,
        kind,
        name: t.name,
        documentDate: date,
        options,
        templateVersion: t.version,
        sections,
        version: 1,
        createdAt: now,
        updatedAt: now,
        updatedBy: ctx.actor(),
      };
      db.transaction(() => {
        repo.insertDraft(db, d);
        writeAudit(db, {
          at: now,
          actor: d.updatedBy,
          action: 'draft.create',
          entity: 'draft',
          entityId: d.id,
          caseId,
          detail: { kind, name: t.name, documentDate: date },
        });
      })();
      ctx.events.emit('cases.changed', { caseId });
      return publicDraft(d);
    },

    'drafting.get': ({ draftId }) => publicDraft(mustDraft(ctx, draftId)),

    'drafting.list': ({ caseId }) => {
      mustCase(ctx, caseId);
      return { items: repo.listDrafts(db, caseId) };
    },

    'drafting.updateSection': ({ draftId, version, sectionId, text }) => {
      const d = mustDraft(ctx, draftId);
      if (d.version !== version) throw stale(ctx, draftId);
      const i = sectionOf(d, sectionId);
      const cur = d.sections[i]!;
      if (cur.text === text) return publicDraft(d);
      const caseNumber = casesRepo.getCase(db, d.caseId)?.caseNumber ?? '';
      const edited = withCitations(ctx, { ...cur, text, source: 'judge' }, d.documentDate, caseNumber);
      return publicDraft(saveDraft(ctx, d, version, { sections: replaceSection(d, i, edited), action: 'edit', sectionId, source: 'judge' }));
    },

    'drafting.resetSection': ({ draftId, version, sectionId }) => {
      const d = mustDraft(ctx, draftId);
      if (d.version !== version) throw stale(ctx, draftId);
      const i = sectionOf(d, sectionId);
      const c = mustCase(ctx, d.caseId);
      const t = templateOf(ctx, d.kind);
      const rc = renderContext(templatesFor(ctx.resourcesDir), t, fillInputFor(ctx, c, d.documentDate, d.options));
      const fresh = withCitations(ctx, fillSection(rc, sectionId), d.documentDate, c.caseNumber);
      return publicDraft(saveDraft(ctx, d, version, { sections: replaceSection(d, i, fresh), action: 'reset', sectionId, source: fresh.source }));
    },

    'drafting.setDate': ({ draftId, version, documentDate }) => {
      const d = mustDraft(ctx, draftId);
      if (d.version !== version) throw stale(ctx, draftId);
      if (documentDate === d.documentDate) return publicDraft(d);
      const c = mustCase(ctx, d.caseId);
      const t = templateOf(ctx, d.kind);
      const rc = renderContext(templatesFor(ctx.resourcesDir), t, fillInputFor(ctx, c, documentDate, d.options));
      const oldZh = formatChineseDate(d.documentDate);
      const newZh = formatChineseDate(documentDate);
      const sections = d.sections.map((s) => {
        // Untouched sections are refilled (article numbers follow the new date, brief §0.3); edited
        // ones keep their text, with the 落款 date replaced; proofreading flags a stale article.
        const next = s.source === 'judge' || s.source === 'model' ? { ...s, text: s.text.split(oldZh).join(newZh) } : fillSection(rc, s.id);
        return withCitations(ctx, next, documentDate, c.caseNumber);
      });
      return publicDraft(saveDraft(ctx, d, version, { sections, documentDate, action: 'date', sectionId: null, source: null }));
    },

    'drafting.remove': ({ draftId }) => {
      const d = mustDraft(ctx, draftId);
      db.transaction(() => {
        repo.deleteDraft(db, draftId);
        writeAudit(db, {
          at: ctx.now(),
          actor: ctx.actor(),
          action: 'draft.remove',
          entity: 'draft',
          entityId: draftId,
          caseId: d.caseId,
          detail: { kind: d.kind, version: d.version },
        });
      })();
      ctx.events.emit('cases.changed', { caseId: d.caseId });
      return null;
    },

    'drafting.history': ({ draftId }) => {
      mustDraft(ctx, draftId);
      return { items: repo.listHistory(db, draftId) };
    },

    'drafting.diff': ({ draftId, from, to }) => {
      mustDraft(ctx, draftId);
      const a = repo.getVersion(db, draftId, from);
      const b = repo.getVersion(db, draftId, to);
      const missing = !a ? from : !b ? to : null;
      if (missing !== null || !a || !b) {
        throw new AppError('NOT_FOUND', `Version ${missing} of this draft is not in its history (drafting.history lists the versions kept)`);
      }
      const ids = [...new Set([...a.sections.map((s) => s.id), ...b.sections.map((s) => s.id)])];
      return {
        from,
        to,
        sections: ids.map((id) => {
          const sa = a.sections.find((s) => s.id === id);
          const sb = b.sections.find((s) => s.id === id);
          const before = sa?.text ?? '';
          const after = sb?.text ?? '';
          return { sectionId: id, title: (sb ?? sa)!.title, changed: before !== after, parts: diffText(before, after) };
        }),
      };
    },

    'drafting.generateSection': ({ draftId, sectionId }) => startGeneration(ctx, draftId, sectionId),

    'drafting.proofread': ({ draftId }) => {
      const d = mustDraft(ctx, draftId);
      const c = mustCase(ctx, d.caseId);
      const t = templateOf(ctx, d.kind);
      const set = templatesFor(ctx.resourcesDir);
      const input = fillInputFor(ctx, c, d.documentDate, d.options);
      const cost = costFigures(t.closing, input);
      const late = set.citations['cplLatePayment'];
      const lateVersion = late?.versions.find((v) => v.from <= d.documentDate) ?? null;
      const citations: Record<string, DraftSection['citations']> = {};
      for (const s of d.sections) citations[s.id] = checkCitations(db, s.text, { asOf: d.documentDate, ownCaseNumber: c.caseNumber });
      const findings = proofread({
        sections: d.sections,
        group: t.group,
        documentDate: d.documentDate,
        caseNumber: c.caseNumber,
        courtCode: input.court.code.trim(),
        filedOn: c.filedOn,
        parties: c.parties,
        expectedFee: cost,
        latePaymentArticle: lateVersion?.article ?? null,
        citations,
        procedure: c.procedure,
        templateProcedures: t.procedures ?? null,
        foreignDomicileParties: foreignDomicileParties(ctx, c),
        appealCourt: appealCourtOf(input),
      });
      return {
        findings,
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      };
    },

    'drafting.export': async ({ draftId }) => {
      const d = mustDraft(ctx, draftId);
      const c = mustCase(ctx, d.caseId);
      const bytes = await buildDocx({ sections: d.sections, settings: readDraftingSettings(ctx), title: `${c.caseNumber}${d.name}` });
      writeAudit(db, {
        at: ctx.now(),
        actor: ctx.actor(),
        action: 'draft.export',
        entity: 'draft',
        entityId: d.id,
        caseId: d.caseId,
        detail: { kind: d.kind, version: d.version, bytes: bytes.length },
      });
      return {
        filename: exportFilename(c.caseNumber, d.name),
        mime: DOCX_MIME,
        contentBase64: bytes.toString('base64'),
        bytes: bytes.length,
      };
    },

    'drafting.exportEvidence': ({ caseId }) => evidenceExport(ctx, caseId, readDraftingSettings(ctx)),

    'drafting.exportTranscript': ({ hearingId }) => transcriptExport(ctx, hearingId, readDraftingSettings(ctx)),

    'drafting.settings.get': () => readDraftingSettings(ctx),

    'drafting.settings.update': (patch) => {
      const next = DraftingSettings.parse({ ...readDraftingSettings(ctx), ...patch });
      writeSetting(db, SETTINGS_KEY, next);
      return next;
    },
  };
}
