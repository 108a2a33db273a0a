import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DRAFT_KINDS, type DraftKind } from '../../../shared/contract/drafting';
import { AppError } from '../../../shared/contract/result';
import { createBackend } from '../../backend/backend';
import { silentLogger } from '../../backend/log';
import { findCaseIdByNumber } from '../../backend/store/repos/cases';
import { latestDraftOfKind } from '../../backend/store/repos/drafting';
import { dataDirFrom, parse, type Command } from '../io';

/** Court records exported as they stand (no draft): the case's 证据目录 and a hearing's 庭审笔录. */
const RECORD_KINDS = ['evidence', 'transcript'] as const;

const usage = `courtdesk draft --case CASE_NUMBER --kind KIND --out FILE.docx [--data-dir DIR] [--date YYYY-MM-DD] [--new] [--proofread] [--json]
       courtdesk draft --case CASE_NUMBER --kind evidence --out FILE.docx [--data-dir DIR] [--json]
       courtdesk draft --kind transcript --hearing HEARING_ID --out FILE.docx [--data-dir DIR] [--json]
      KIND: ${[...DRAFT_KINDS, ...RECORD_KINDS].join(' | ')}`;

/**
 * Exports a document for a case from the command line (checks and batch work): reuses the newest
 * draft of that kind, or drafts one deterministically from the case when there is none.
 */
export const draft: Command = {
  name: 'draft',
  usage,
  summary: 'Draft (or reuse the latest draft of) a document for a case and export it as .docx',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        'data-dir': { type: 'string' },
        case: { type: 'string' },
        hearing: { type: 'string' },
        kind: { type: 'string' },
        out: { type: 'string' },
        date: { type: 'string' },
        new: { type: 'boolean' },
        proofread: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.out) throw new AppError('BAD_INPUT', `--out is required\nUsage: ${usage}`);
    const kind = values.kind ?? 'judgment';
    if (!([...DRAFT_KINDS, ...RECORD_KINDS] as readonly string[]).includes(kind)) {
      throw new AppError('BAD_INPUT', `--kind must be one of ${[...DRAFT_KINDS, ...RECORD_KINDS].join(', ')}, got "${kind}"`);
    }
    if (kind === 'transcript') {
      if (!values.hearing) throw new AppError('BAD_INPUT', `--hearing is required with --kind transcript (the id of the hearing, as the app and the API name it)\nUsage: ${usage}`);
      return exportRecord(values['data-dir'], { kind: 'transcript', hearingId: values.hearing }, values.out, values.json === true, io);
    }
    if (!values.case) throw new AppError('BAD_INPUT', `--case is required\nUsage: ${usage}`);
    if (kind === 'evidence') return exportRecord(values['data-dir'], { kind: 'evidence', caseNumber: values.case }, values.out, values.json === true, io);
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
      throw new AppError('BAD_INPUT', `--date must be YYYY-MM-DD, got "${values.date}"`);
    }
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const h = backend.handlers;
      const caseId = caseIdOf(backend.ctx.db, values.case);
      const existing = values.new ? null : latestDraftOfKind(backend.ctx.db, caseId, kind as DraftKind);
      const d = existing
        ? await h['drafting.get']({ draftId: existing })
        : await h['drafting.create']({
            caseId,
            kind: kind as DraftKind,
            ...(values.date ? { documentDate: values.date } : {}),
            options: {},
          });
      const exported = await h['drafting.export']({ draftId: d.id });
      const out = resolve(values.out);
      await writeFile(out, Buffer.from(exported.contentBase64, 'base64'));
      const pr = values.proofread ? await h['drafting.proofread']({ draftId: d.id }) : null;
      if (values.json) {
        io.out(JSON.stringify({ draftId: d.id, created: !existing, version: d.version, file: out, bytes: exported.bytes, proofread: pr }));
      } else {
        io.out(`${existing ? 'Exported the latest' : 'Drafted and exported a new'} ${d.name} (v${d.version}) → ${out} (${exported.bytes} bytes)`);
        const todo = d.sections.filter((s) => s.needsInput).map((s) => s.title);
        if (todo.length) io.out(`Sections still to be filled in: ${todo.join('、')}`);
        if (pr) {
          io.out(`Proofreading: ${pr.errors} errors, ${pr.warnings} warnings`);
          for (const f of pr.findings.filter((x) => x.severity === 'error')) io.out(`  [${f.rule}] ${f.sectionId}: ${f.zh}`);
        }
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};

/** Case numbers are typed with ASCII parentheses as often as with the full-width ones printed. */
function caseIdOf(db: Parameters<typeof findCaseIdByNumber>[0], typed: string): string {
  const caseNumber = typed.trim().replace(/\(/g, '（').replace(/\)/g, '）');
  const caseId = findCaseIdByNumber(db, caseNumber) ?? findCaseIdByNumber(db, typed.trim());
  if (!caseId) throw new AppError('NOT_FOUND', `No case numbered ${typed}`);
  return caseId;
}

async function exportRecord(
  dataDir: string | undefined,
  what: { kind: 'evidence'; caseNumber: string } | { kind: 'transcript'; hearingId: string },
  outFile: string,
  json: boolean,
  io: Parameters<Command['run']>[1],
): Promise<number> {
  const backend = await createBackend({ dataDir: dataDirFrom(dataDir), mode: 'test', log: silentLogger });
  try {
    const h = backend.handlers;
    const exported =
      what.kind === 'evidence'
        ? await h['drafting.exportEvidence']({ caseId: caseIdOf(backend.ctx.db, what.caseNumber) })
        : await h['drafting.exportTranscript']({ hearingId: what.hearingId });
    const out = resolve(outFile);
    await writeFile(out, Buffer.from(exported.contentBase64, 'base64'));
    if (json) io.out(JSON.stringify({ kind: what.kind, file: out, filename: exported.filename, bytes: exported.bytes }));
    else io.out(`Exported ${what.kind === 'evidence' ? '证据目录' : '庭审笔录'} → ${out} (${exported.bytes} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
