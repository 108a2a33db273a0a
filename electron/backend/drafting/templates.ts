import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DRAFT_KINDS, DraftGroup, DraftKind, SectionKind, SectionLayout, type KindInfo } from '../../../shared/contract/drafting';
import { Procedure } from '../../../shared/contract/cases';
import { AppError } from '../../../shared/contract/result';

/*
 * Templates are data (resources/templates/<kind>.json) so a court can adapt wording without code.
 * A section's text is a form with placeholders:
 *   {name}      a value filled from the case (VARIABLES below lists every name);
 *   {@id}       a fixed sentence form of the template (`sentences`), itself a form;
 *   {cite:key}  an article label (第二百六十四条) chosen by the document date from citations.json,
 *               because article numbers drift between amendments (brief §0.3).
 * `when` names a condition (FLAGS) for a section or sentence; "!flag" negates it.
 */

/** Values fill.ts computes from the case. A template naming anything else is refused at load time. */
export const VARIABLES = [
  'courtName',
  'appealCourt',
  'caseNumber',
  'docName',
  'partiesBlock',
  'plaintiffs',
  'defendants',
  'thirdParties',
  'cause',
  'filedOn',
  'procedureName',
  'hearingMode',
  'appearance',
  'claimsList',
  'factsAndReasons',
  'defense',
  'findings',
  'reasoning',
  'basis',
  'operativeItems',
  'fee',
  'feeFull',
  'jurisdictionFee',
  'documentDateZh',
  'clerk',
  'judge',
  'addressee',
  'evidenceDeadline',
  'hearingDateTime',
  'hearingPlace',
  'capacity',
  'contactPhone',
  'courtAddress',
  'mediationItems',
] as const;
export type Variable = (typeof VARIABLES)[number];

/** Conditions a section or sentence may depend on. */
export const FLAGS = [
  'money',
  'smallClaims',
  'simplified',
  'ordinary',
  'halved',
  'hasFee',
  'hasThirdParty',
  'publicHearing',
] as const;
export type Flag = (typeof FLAGS)[number];

const When = z
  .string()
  .regex(new RegExp(`^!?(${FLAGS.join('|')})$`), `must be one of ${FLAGS.join(', ')} (optionally prefixed with !)`);

/** A form is one string or a list of paragraphs (joined with newlines). */
const Form = z.union([z.string().min(1), z.array(z.string()).min(1)]);

const SectionDef = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'must be letters and digits, starting with a letter'),
    title: z.string().min(1).max(40),
    kind: SectionKind,
    layout: SectionLayout,
    text: Form,
    when: When.optional(),
    /** A model may draft it (only `generated` sections, and only those with a prompt). */
    prompt: z.string().regex(/^draft-[a-z-]+$/, 'must name a draft-* prompt').optional(),
    /** Notes shown beside the section (e.g. where a figure comes from). */
    notes: z.array(z.string().max(300)).max(10).default([]),
  })
  .strict();
export type SectionDef = z.infer<typeof SectionDef>;

const SentenceDef = z.object({ text: Form, when: When.optional(), basis: z.string().max(300).default('') }).strict();

const CitationVersion = z
  .object({
    /** First day this numbering is in force (the amendment's effective date). */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
    article: z.number().int().min(1),
    paragraph: z.number().int().min(1).optional(),
    item: z.number().int().min(1).optional(),
  })
  .strict();
export const CitationDef = z
  .object({
    law: z.string().min(1),
    /** Newest first is not required; the loader sorts. */
    versions: z.array(CitationVersion).min(1),
    note: z.string().max(500).default(''),
  })
  .strict();
export type CitationDef = z.infer<typeof CitationDef>;

const TemplateFile = z
  .object({
    kind: DraftKind,
    version: z.number().int().min(1),
    name: z.string().min(1).max(40),
    nameEn: z.string().min(1).max(100),
    group: DraftGroup,
    description: z.string().max(2000),
    /**
     * Procedures the template is written for, when its wording depends on one (a judgment's 落款 and
     * appeal notice); absent means any. Proofreading flags a draft whose case is under another.
     */
    procedures: z.array(Procedure).min(1).optional(),
    /** How the acceptance fee is settled in this document (Fee Measures arts. 15, 16): selects the costs figures. */
    closing: z.enum(['judgment', 'mediation', 'withdrawal', 'none']),
    options: z.array(z.enum(['hearingDate', 'hearingTime', 'hearingPlace', 'recipientId', 'capacity', 'publicHearing'])).default([]),
    sections: z.array(SectionDef).min(1).max(60),
    sentences: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), SentenceDef).default({}),
  })
  .strict();
export type Template = z.infer<typeof TemplateFile> & { readonly file: string };

const CitationsFile = z.object({ citations: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), CitationDef) }).strict();

export interface TemplateSet {
  readonly templates: ReadonlyMap<DraftKind, Template>;
  readonly citations: Readonly<Record<string, CitationDef>>;
}

const PLACEHOLDER = /\{(@|cite:)?([A-Za-z][A-Za-z0-9]*)\}/g;

export function formText(f: string | readonly string[]): string {
  return typeof f === 'string' ? f : f.join('\n');
}

function fail(file: string, path: string, message: string): never {
  throw new AppError('BAD_INPUT', `Template ${file}: ${path ? `${path} ` : ''}${message}`, { issues: [{ path, message }], file });
}

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    return fail(file, '', `is not valid JSON (${(err as Error).message})`);
  }
}

/** Parses the citation table; versions sorted newest first. */
export function parseCitations(file: string, raw: unknown): Record<string, CitationDef> {
  const r = CitationsFile.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    fail(file, i.path.map(String).join('.'), i.message);
  }
  const out: Record<string, CitationDef> = {};
  for (const [k, v] of Object.entries(r.data.citations)) {
    out[k] = { ...v, versions: [...v.versions].sort((a, b) => b.from.localeCompare(a.from)) };
  }
  return out;
}

/** Checks one template file against the schema and its placeholders against what exists. */
export function parseTemplate(file: string, raw: unknown, citations: Readonly<Record<string, CitationDef>>): Template {
  const r = TemplateFile.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    fail(file, i.path.map(String).join('.'), i.message);
  }
  const t = r.data;
  if (file !== `${t.kind}.json`) fail(file, 'kind', `is "${t.kind}", so the file must be named ${t.kind}.json`);
  const ids = new Set<string>();
  const check = (path: string, text: string) => {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const [, prefix, name] = m as unknown as [string, string | undefined, string];
      if (prefix === '@') {
        if (!(name in t.sentences)) fail(file, path, `uses {@${name}}, but sentences has no "${name}"`);
      } else if (prefix === 'cite:') {
        if (!(name in citations)) fail(file, path, `uses {cite:${name}}, but citations.json has no "${name}"`);
      } else if (!(VARIABLES as readonly string[]).includes(name)) {
        fail(file, path, `uses {${name}}, which is not a known value (known: ${VARIABLES.join(', ')})`);
      }
    }
  };
  t.sections.forEach((s, i) => {
    if (ids.has(s.id)) fail(file, `sections.${i}.id`, `"${s.id}" is used twice`);
    ids.add(s.id);
    if (s.prompt && s.kind !== 'generated') fail(file, `sections.${i}.prompt`, 'is only allowed on generated sections');
    check(`sections.${i}.text`, formText(s.text));
  });
  for (const [k, s] of Object.entries(t.sentences)) {
    const text = formText(s.text);
    if (text.includes(`{@${k}}`)) fail(file, `sentences.${k}.text`, 'refers to itself');
    check(`sentences.${k}.text`, text);
  }
  return { ...t, file };
}

/** Loads and checks every template; a broken file fails loudly with its name and field. */
export function loadTemplates(resourcesDir: string): TemplateSet {
  const dir = join(resourcesDir, 'templates');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    throw new AppError('INTERNAL', `No templates folder at ${dir}`);
  }
  if (!files.includes('citations.json')) throw new AppError('INTERNAL', `Templates: ${dir}/citations.json is missing`);
  const citations = parseCitations('citations.json', readJson(dir, 'citations.json'));
  const templates = new Map<DraftKind, Template>();
  for (const f of files.sort()) {
    if (f === 'citations.json') continue;
    const t = parseTemplate(f, readJson(dir, f), citations);
    templates.set(t.kind, t);
  }
  const missing = DRAFT_KINDS.filter((k) => !templates.has(k));
  if (missing.length) throw new AppError('INTERNAL', `Templates missing for: ${missing.join(', ')} (expected ${dir}/<kind>.json)`);
  return { templates, citations };
}

const cache = new Map<string, TemplateSet>();

/** Templates are read once per resources folder (they ship with the app). */
export function templatesFor(resourcesDir: string): TemplateSet {
  let s = cache.get(resourcesDir);
  if (!s) {
    s = loadTemplates(resourcesDir);
    cache.set(resourcesDir, s);
  }
  return s;
}

export function kindInfo(t: Template): KindInfo {
  return {
    kind: t.kind,
    name: t.name,
    nameEn: t.nameEn,
    group: t.group,
    description: t.description,
    templateVersion: t.version,
    sections: t.sections.map((s) => ({ id: s.id, title: s.title, kind: s.kind, layout: s.layout, generatable: s.prompt !== undefined })),
    options: [...t.options],
    procedures: t.procedures ? [...t.procedures] : null,
  };
}
