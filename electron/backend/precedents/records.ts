import { createHash } from 'node:crypto';
import { AUTHORITY_RANK, type Authority, type FieldMapping } from '../../../shared/contract/precedents';
import { tryParseDateText } from '../../../shared/rules/numerals';
import type { FtsColumns, PrecedentWrite } from '../store/repos/precedents';
import { featuresOf } from './features';
import { indexText } from './segment';
import { courtLevelOf, emptySections, extractMetadata, parseAuthority, procedureOf, splitJudgment, type Sections } from './sections';

/** One judgment as read from a source, before normalisation. */
export interface RawDoc {
  /** Where it came from: "line 12", a file name, the source's own id. */
  ref: string;
  /** Full text to split into sections; or `sections` already split by the source. */
  text?: string;
  sections?: Partial<Sections>;
  title?: string;
  court?: string;
  caseNumber?: string;
  date?: string;
  causes?: string[];
  procedure?: string;
  authority?: string;
}

/** Far above any real judgment (the longest run to a few hundred thousand characters). */
export const MAX_DOC_CHARS = 1_000_000;
const MIN_DOC_CHARS = 20;

/** A record that cannot be imported, with the code and numbers the UI says it with. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly code: 'no_mapped_text' | 'text_too_short' | 'text_too_long',
    readonly params?: Record<string, number>,
  ) {
    super(message);
  }
}

export function contentHash(sections: Sections): string {
  // Whitespace and line breaks differ between a .docx and a .txt of the same judgment; the words do not.
  const body = [sections.header, sections.parties, sections.claims, sections.facts, sections.reasoning, sections.judgment, sections.tail]
    .join('\u0001')
    .replace(/\s+/g, '');
  return createHash('sha256').update(body).digest('hex');
}

export interface BuiltRecord {
  write: PrecedentWrite;
  fts: FtsColumns;
}

export function sectionsOf(doc: RawDoc): Sections {
  if (doc.text !== undefined && doc.text.trim()) {
    const s = splitJudgment(doc.text);
    // Explicit fields from the source win over what the splitter found.
    if (doc.sections) for (const [k, v] of Object.entries(doc.sections)) if (v) s[k as keyof Sections] = v;
    return s;
  }
  const s = emptySections();
  if (doc.sections) for (const [k, v] of Object.entries(doc.sections)) if (v) s[k as keyof Sections] = v.replace(/\r\n?/g, '\n').trim();
  return s;
}

/** Normalises, hashes, extracts metadata and features. Throws RecordError with a message for the user. */
export function buildRecord(
  doc: RawDoc,
  o: { source: string; importId: string | null; defaultAuthority: Authority; now: number; index: boolean },
): BuiltRecord {
  const sections = sectionsOf(doc);
  const chars = Object.values(sections).reduce((n, t) => n + t.length, 0);
  if (chars === 0) throw new RecordError('no text in the mapped fields', 'no_mapped_text');
  if (chars < MIN_DOC_CHARS) throw new RecordError(`text too short (${chars} characters)`, 'text_too_short', { chars, limit: MIN_DOC_CHARS });
  if (chars > MAX_DOC_CHARS) {
    throw new RecordError(`text too long (${chars} characters; the limit is ${MAX_DOC_CHARS})`, 'text_too_long', { chars, limit: MAX_DOC_CHARS });
  }
  const meta = extractMetadata(sections, doc.title?.trim() ?? '');
  const court = doc.court?.trim() || meta.court;
  const caseNumber = doc.caseNumber?.trim() || meta.caseNumber;
  const decidedOn = (doc.date ? tryParseDateText(doc.date.trim().slice(0, 40)) : null) ?? meta.decidedOn;
  const causes = doc.causes?.map((c) => c.trim()).filter(Boolean).length
    ? [...new Set(doc.causes.map((c) => c.trim()).filter(Boolean))]
    : meta.causes;
  const authority = (doc.authority ? parseAuthority(doc.authority) : null) ?? meta.authority ?? o.defaultAuthority;
  const procedure = procedureFrom(doc.procedure) ?? (doc.caseNumber ? procedureOf(caseNumber, meta.title) : meta.procedure);
  const hash = contentHash(sections);
  const features = featuresOf(sections.claims, sections.facts, sections.reasoning);
  const write: PrecedentWrite = {
    uid: `p_${hash.slice(0, 24)}`,
    contentHash: hash,
    title: meta.title.slice(0, 300),
    court: court.slice(0, 100),
    courtLevel: courtLevelOf(court),
    caseNumber: caseNumber.slice(0, 100),
    decidedOn,
    year: decidedOn ? Number(decidedOn.slice(0, 4)) : yearFromCaseNumber(caseNumber),
    causes: causes.slice(0, 10),
    procedure,
    docKind: meta.docKind,
    authority,
    authorityRank: AUTHORITY_RANK[authority],
    source: o.source,
    sourceRef: doc.ref.slice(0, 300),
    importId: o.importId,
    sections,
    features: JSON.stringify(features),
    createdAt: o.now,
  };
  return { write, fts: o.index ? ftsColumnsOf(write.title, write.causes, sections) : emptyFts() };
}

function emptyFts(): FtsColumns {
  return { title: '', cause: '', claims: '', facts: '', reasoning: '', judgment: '' };
}

export function ftsColumnsOf(title: string, causes: readonly string[], s: Pick<Sections, 'claims' | 'facts' | 'reasoning' | 'judgment'>): FtsColumns {
  return {
    title: indexText(title),
    cause: indexText(causes.join('，')),
    claims: indexText(s.claims),
    facts: indexText(s.facts),
    reasoning: indexText(s.reasoning),
    judgment: indexText(s.judgment),
  };
}

function yearFromCaseNumber(cn: string): number | null {
  const m = /[（(〔[]\s*((?:19|20)\d{2})/.exec(cn);
  return m ? Number(m[1]) : null;
}

function procedureFrom(v: string | undefined): PrecedentWrite['procedure'] | null {
  if (!v) return null;
  if (/一审|first/i.test(v)) return 'first_instance';
  if (/二审|second|appeal/i.test(v)) return 'second_instance';
  if (/再审|retrial/i.test(v)) return 'retrial';
  if (/执行|enforce/i.test(v)) return 'enforcement';
  return null;
}

/** Applies a field mapping to one JSON object / CSV row. */
export function rawFromRow(row: Record<string, unknown>, mapping: FieldMapping, ref: string): RawDoc {
  const get = (k: keyof FieldMapping): string | undefined => {
    const name = mapping[k];
    if (!name) return undefined;
    const v = row[name];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v.map(String).join('、');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  const cause = get('cause');
  const doc: RawDoc = { ref: get('id') ? `${ref} id=${get('id')}` : ref };
  const text = get('text');
  if (text) doc.text = text;
  const sections: Partial<Sections> = {};
  for (const k of ['claims', 'facts', 'reasoning', 'judgment'] as const) {
    const v = get(k);
    if (v) sections[k] = v;
  }
  if (Object.keys(sections).length) doc.sections = sections;
  const title = get('title');
  if (title) doc.title = title;
  const court = get('court');
  if (court) doc.court = court;
  const cn = get('caseNumber');
  if (cn) doc.caseNumber = cn;
  const date = get('date');
  if (date) doc.date = date;
  if (cause) doc.causes = cause.split(/[、,，;；]/);
  const proc = get('procedure');
  if (proc) doc.procedure = proc;
  const auth = get('authority');
  if (auth) doc.authority = auth;
  return doc;
}
