import type { CaseDetail } from '../../../shared/contract/cases';
import type { DraftingSettings, ExportedFile } from '../../../shared/contract/drafting';
import { HEARING_TYPE_ZH, PARTY_ROLE_ZH as ROLE_ZH, SPEAKER_ROLE_ZH, type Transcript } from '../../../shared/contract/hearings';
import { AppError } from '../../../shared/contract/result';
import { readSettings } from '../app/service';
import type { BackendContext } from '../context';
import { KIND_ZH, dateTimeZh } from '../hearings/service';
import { evidenceTable } from '../review/service';
import { writeAudit } from '../store/repos/audit';
import * as casesRepo from '../store/repos/cases';
import * as hearingsRepo from '../store/repos/hearings';
import { DOCX_MIME, exportFilename } from './docx';
import { buildEvidenceDocx, buildTranscriptDocx, type TranscriptTurnLine } from './records';

/*
 * drafting.exportEvidence and drafting.exportTranscript: gather the record from the store, build the
 * .docx (records.ts) and leave an audit row like drafting.export does, with `kind` telling them apart.
 */

function file(filename: string, bytes: Buffer): ExportedFile {
  return { filename, mime: DOCX_MIME, contentBase64: bytes.toString('base64'), bytes: bytes.length };
}

export async function evidenceExport(ctx: BackendContext, caseId: string, settings: DraftingSettings): Promise<ExportedFile> {
  // evidenceTable refuses an unknown case with NOT_FOUND and summarises each party's 质证意见.
  const table = evidenceTable(ctx, caseId);
  const c = casesRepo.getCase(ctx.db, caseId)!;
  const court = readSettings(ctx.db, ctx.actor()).court.name;
  const bytes = await buildEvidenceDocx({ court, caseNumber: c.caseNumber, causeOfAction: c.causeOfAction, rows: table.rows, settings });
  writeAudit(ctx.db, {
    at: ctx.now(),
    actor: ctx.actor(),
    action: 'draft.export',
    entity: 'case',
    entityId: caseId,
    caseId,
    detail: { kind: 'evidence_catalogue', items: table.rows.length, bytes: bytes.length },
  });
  return file(exportFilename(c.caseNumber, '证据目录'), bytes);
}

type StoredTurn = Transcript['turns'][number];

/** 审判长 on a collegial panel, 审判员 when the judge sits alone (独任审判). */
export function turnLabel(turn: Pick<StoredTurn, 'role' | 'speakerName'>, collegial: boolean): string {
  const role = turn.role === 'presiding' ? (collegial ? '审判长' : '审判员') : SPEAKER_ROLE_ZH[turn.role];
  const name = turn.speakerName.trim();
  if (!name) return role;
  // "其他张三" reads wrongly: an unclassified speaker is named by name alone.
  return turn.role === 'other' ? name : `${role}${name}`;
}

function attendance(c: CaseDetail, h: hearingsRepo.HearingRow): string {
  const note = (n: string) => (n.trim() ? `（${n.trim()}）` : '');
  if (h.participants.length > 0) {
    return h.participants
      .map((p) => {
        if (p.kind === 'party') return `${p.role ? ROLE_ZH[p.role] : KIND_ZH.party}${p.name}${note(p.note)}`;
        if (p.kind === 'agent') return `${p.role ? ROLE_ZH[p.role] : ''}委托诉讼代理人${p.name}${note(p.note)}`;
        return `${KIND_ZH[p.kind]}${p.name}${note(p.note)}`;
      })
      .join('\n');
  }
  // No participant list on the hearing: name the parties and say attendance was not recorded, rather
  // than print an attendance nobody confirmed.
  const parties = c.parties.map((p) => `${ROLE_ZH[p.role]}${p.name}`).join('、');
  return `${parties || '（无当事人）'}（到庭情况未登记）`;
}

function timeZh(time: string): string {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return `${hh}时${String(mm).padStart(2, '0')}分`;
}

export async function transcriptExport(ctx: BackendContext, hearingId: string, settings: DraftingSettings): Promise<ExportedFile> {
  const h = hearingsRepo.getHearing(ctx.db, hearingId);
  if (!h) throw new AppError('NOT_FOUND', `No hearing with id ${hearingId}`);
  const c = casesRepo.getCase(ctx.db, h.caseId);
  if (!c) throw new AppError('NOT_FOUND', `No case with id ${h.caseId}`);
  const stored = hearingsRepo.getTranscript(ctx.db, h.id);
  const turns = stored?.turns ?? [];
  const collegial = h.panel.length > 0;
  const judges = [h.presidingJudge, ...h.panel].map((n) => n.trim()).filter((n) => n !== '');
  const header: Array<readonly [string, string]> = [
    ['时间', `${dateTimeZh(h.date, h.start)}至${timeZh(h.end)}`],
    ['地点', h.room || '本院'],
    ['审判人员', judges.join('、')],
    ['书记员', h.clerk],
    ['案号', c.caseNumber],
    ['案由', c.causeOfAction],
    ['当事人及到庭情况', attendance(c, h)],
  ];
  const lines: TranscriptTurnLine[] = turns.map((t) => ({ label: turnLabel(t, collegial), text: t.text }));
  const court = readSettings(ctx.db, ctx.actor()).court.name;
  // 庭审笔录 for a trial; other sittings are named for what they were (证据交换笔录, 调解笔录, 询问笔录).
  const name = h.type === 'trial' ? '庭审笔录' : `${HEARING_TYPE_ZH[h.type]}笔录`;
  const bytes = await buildTranscriptDocx({ court, title: name, header, turns: lines, settings, documentTitle: `${c.caseNumber}${name}` });
  writeAudit(ctx.db, {
    at: ctx.now(),
    actor: ctx.actor(),
    action: 'draft.export',
    entity: 'hearing',
    entityId: h.id,
    caseId: h.caseId,
    detail: { kind: 'transcript', version: stored?.version ?? 0, turns: turns.length, bytes: bytes.length },
  });
  return file(exportFilename(c.caseNumber, `${name}${h.date.replace(/-/g, '')}`), bytes);
}
