import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/result';
import { assertBounded, validateJson, validatorFor, type JsonSchema } from './schema';

const PromptFile = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'must be lowercase letters, digits and -'),
  version: z.number().int().min(1),
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
  system: z.string().max(20_000),
  /** `{{field}}` placeholders name input properties. */
  template: z.string().min(1).max(50_000),
  /** The one input field that may be shortened (by tokens, from the end) when the context is too small. */
  truncate: z.string().optional(),
  maxTokens: z.number().int().min(1).max(32768),
  temperature: z.number().min(0).max(2).default(0),
  input: z.record(z.string(), z.unknown()),
  output: z.record(z.string(), z.unknown()),
});

export interface PromptDef {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly system: string;
  readonly template: string;
  readonly truncate: string | null;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly input: JsonSchema;
  readonly output: JsonSchema;
  readonly file: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Checks one prompt file; every problem is reported, so a broken prompt fails tests with a clear list. */
export function parsePromptFile(fileName: string, raw: unknown): PromptDef {
  const parsed = PromptFile.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AppError('BAD_INPUT', `Prompt ${fileName}: ${i ? `${i.path.join('.')} ${i.message}` : 'invalid'}`);
  }
  const p = parsed.data;
  const problems: string[] = [];
  if (fileName !== `${p.id}@${p.version}.json`) problems.push(`file name must be ${p.id}@${p.version}.json`);
  const props = (p.input['properties'] ?? {}) as Record<string, { type?: unknown }>;
  for (const m of p.template.matchAll(PLACEHOLDER)) {
    if (!m[1] || !(m[1] in props)) problems.push(`template uses {{${m[1]}}} which the input schema does not declare`);
  }
  if (p.truncate !== undefined && props[p.truncate]?.type !== 'string') {
    problems.push(`truncate names "${p.truncate}", which is not a string input`);
  }
  try {
    validatorFor(p.input);
    validatorFor(p.output);
    assertBounded(p.output, 'output');
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length) throw new AppError('BAD_INPUT', `Prompt ${fileName}: ${problems.join('; ')}`);
  return { ...p, truncate: p.truncate ?? null, file: fileName };
}

/** The versioned prompts in resources/prompts; several versions of one id may coexist. */
export class PromptRegistry {
  readonly #byKey = new Map<string, PromptDef>();

  constructor(defs: readonly PromptDef[]) {
    for (const d of defs) this.#byKey.set(`${d.id}@${d.version}`, d);
  }

  static load(dir: string): PromptRegistry {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    } catch {
      files = [];
    }
    return new PromptRegistry(
      files.sort().map((f) => {
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        } catch (err) {
          throw new AppError('BAD_INPUT', `Prompt ${f}: not valid JSON (${(err as Error).message})`);
        }
        return parsePromptFile(f, raw);
      }),
    );
  }

  list(): PromptDef[] {
    return [...this.#byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }

  /** `id@version`, or a bare id for its newest version. */
  get(ref: string): PromptDef {
    const exact = this.#byKey.get(ref);
    if (exact) return exact;
    const newest = this.list()
      .filter((d) => d.id === ref)
      .at(-1);
    if (!newest) throw new AppError('NOT_FOUND', `No prompt named ${ref}`);
    return newest;
  }
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  return JSON.stringify(v);
}

/** Validates the input against the prompt's schema and fills the template. */
export function renderPrompt(def: PromptDef, input: Record<string, unknown>): string {
  const check = validateJson(def.input, input);
  if (!check.ok) throw new AppError('BAD_INPUT', `Input for prompt ${def.id}@${def.version}: ${check.message}`);
  return def.template.replace(PLACEHOLDER, (_, name: string) => asText(input[name]));
}
