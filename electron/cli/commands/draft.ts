import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DRAFT_KINDS, type DraftKind } from '../../../shared/contract/drafting';
import { AppError } from '../../../shared/contract/result';
import { createBackend } from '../../backend/backend';
import { silentLogger } from '../../backend/log';
import { findCaseIdByNumber } from '../../backend/store/repos/cases';
import { latestDraftOfKind } from '../../backend/store/repos/drafting';
import { dataDirFrom, parse, type Command } from '../io';

const usage = `courtdesk draft --case CASE_NUMBER --kind KIND --out FILE.docx [--data-dir DIR] [--date YYYY-MM-DD] [--new] [--proofread] [--json]
      KIND: ${DRAFT_KINDS.join(' | ')}`;

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
        kind: { type: 'string' },
        out: { type: 'string' },
        date: { type: 'string' },
        new: { type: 'boolean' },
        proofread: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.case) throw new AppError('BAD_INPUT', `--case is required\nUsage: ${usage}`);
    if (!values.out) throw new AppError('BAD_INPUT', `--out is required\nUsage: ${usage}`);
    const kind = values.kind ?? 'judgment';
    if (!(DRAFT_KINDS as readonly string[]).includes(kind)) {
      throw new AppError('BAD_INPUT', `--kind must be one of ${DRAFT_KINDS.join(', ')}, got "${kind}"`);
    }
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
      throw new AppError('BAD_INPUT', `--date must be YYYY-MM-DD, got "${values.date}"`);
    }
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const h = backend.handlers;
      const caseNumber = values.case.trim().replace(/\(/g, '（').replace(/\)/g, '）');
      const caseId = findCaseIdByNumber(backend.ctx.db, caseNumber) ?? findCaseIdByNumber(backend.ctx.db, values.case.trim());
      if (!caseId) throw new AppError('NOT_FOUND', `No case numbered ${values.case}`);
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
