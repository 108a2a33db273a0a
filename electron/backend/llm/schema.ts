import { z } from 'zod';
import { AppError } from '../../../shared/contract/result';

export type JsonSchema = { readonly [key: string]: unknown };

function isObj(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Lists the places where a grammar built from `schema` could let generation run forever: a
 * string without maxLength, an array without maxItems, an object open to extra keys, or a
 * $ref (which can recurse). A random or confused model happily fills such a hole until
 * maxTokens and leaves unterminated JSON (toolchain.md §3), so structured answers must be
 * bounded everywhere.
 */
export function unboundedPaths(schema: unknown, path = '$'): string[] {
  if (!isObj(schema)) return [`${path}: not a schema object`];
  const out: string[] = [];
  if ('$ref' in schema) out.push(`${path}: $ref is not allowed (it can recurse without bound)`);
  if ('enum' in schema || 'const' in schema) return out;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alts = schema[key];
    if (Array.isArray(alts)) alts.forEach((a, i) => out.push(...unboundedPaths(a, `${path}.${key}[${i}]`)));
  }
  const types = Array.isArray(schema['type']) ? (schema['type'] as unknown[]) : [schema['type']];
  for (const t of types) {
    if (t === 'string') {
      if (typeof schema['maxLength'] !== 'number' && typeof schema['format'] !== 'string') {
        out.push(`${path}: string without maxLength`);
      }
    } else if (t === 'array') {
      const items = schema['items'];
      if (items !== undefined && items !== false && typeof schema['maxItems'] !== 'number') {
        out.push(`${path}: array without maxItems`);
      }
      if (items !== undefined && items !== false) out.push(...unboundedPaths(items, `${path}[]`));
      const prefix = schema['prefixItems'];
      if (Array.isArray(prefix)) prefix.forEach((p, i) => out.push(...unboundedPaths(p, `${path}[${i}]`)));
    } else if (t === 'object') {
      const props = schema['properties'];
      if (isObj(props)) for (const [k, v] of Object.entries(props)) out.push(...unboundedPaths(v, `${path}.${k}`));
      const extra = schema['additionalProperties'];
      if (extra !== undefined && extra !== false) out.push(`${path}: additionalProperties must be false`);
    }
  }
  return out;
}

export function assertBounded(schema: unknown, what: string): void {
  const holes = unboundedPaths(schema);
  if (holes.length) {
    throw new AppError('BAD_INPUT', `The ${what} schema is not bounded, so output might not terminate: ${holes.join('; ')}`, {
      issues: holes.map((h) => ({ path: h.split(':')[0] ?? '$', message: h })),
    });
  }
}

const validators = new WeakMap<object, z.ZodType>();

/** A zod validator compiled from a JSON schema (cached per schema object). */
export function validatorFor(schema: JsonSchema): z.ZodType {
  let v = validators.get(schema);
  if (!v) {
    try {
      v = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (err) {
      throw new AppError('BAD_INPUT', `Invalid JSON schema: ${(err as Error).message}`);
    }
    validators.set(schema, v);
  }
  return v;
}

export function validateJson(schema: JsonSchema, value: unknown): { ok: true } | { ok: false; message: string } {
  const r = validatorFor(schema).safeParse(value);
  if (r.success) return { ok: true };
  const first = r.error.issues[0];
  return { ok: false, message: first ? `${first.path.map(String).join('.') || '(root)'} ${first.message}` : 'invalid' };
}
