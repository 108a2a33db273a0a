import type { TFunction } from 'i18next';
import { formatBytes } from '../../ui/format';

/**
 * Audit rows keep the backend's own detail (English keys, enum values) so the trail stays exact;
 * this says it in the reader's language: labelled fields, enum values translated, "before → after",
 * lists of ids counted, hashes shortened.
 */

/** Where the translation of a detail value lives, by the key it appears under. */
const VALUE_TABLES: Readonly<Record<string, readonly string[]>> = {
  procedure: ['enums.procedure'],
  stage: ['enums.stage'],
  from: ['enums.stage'],
  to: ['enums.stage'],
  method: ['intake.service.methods'],
  kind: ['intake.deadlineKinds', 'drafting.kinds'],
  authority: ['audit.values'],
  role: ['intake.service.roles'],
};

/** Lists of record ids: their number says what happened, the ids say nothing to a reader. */
const ID_LISTS = new Set(['order']);
/** Internal ids beside a name that is shown anyway. */
const HIDDEN = new Set(['partyId', 'documentId']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFromTo(v: unknown): v is { from: unknown; to: unknown } {
  return isPlainObject(v) && 'from' in v && 'to' in v && Object.keys(v).length === 2;
}

function label(t: TFunction, key: string): string {
  return t(`audit.fields.${key}`, { defaultValue: key });
}

function scalar(t: TFunction, key: string, v: unknown): string {
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'number') return key === 'bytes' || key === 'size' ? formatBytes(v) : v.toLocaleString();
  if (typeof v !== 'string') return JSON.stringify(v);
  if (key === 'sha256') return `${v.slice(0, 12)}…`;
  // Only machine values (ascii identifiers) are looked up; free text such as a note is shown as written.
  if (/^[a-z][a-z0-9_-]*$/i.test(v)) {
    for (const table of VALUE_TABLES[key] ?? []) {
      const found = t(`${table}.${v}`, { defaultValue: '' });
      if (found) return found;
    }
  }
  return v;
}

/** One side of "before → after": an empty side (a field that was blank) shows as a dash. */
function side(t: TFunction, key: string, v: unknown): string {
  return v === null || v === undefined || v === '' ? '—' : scalar(t, key, v);
}

function value(t: TFunction, key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (isFromTo(v)) return `${side(t, key, v.from)} → ${side(t, key, v.to)}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    if (ID_LISTS.has(key) || v.some((x) => typeof x === 'object' && x !== null)) return t('audit.count', { count: v.length });
    const shown = v.slice(0, 5).map((x) => scalar(t, key, x));
    return v.length > 5 ? t('audit.listMore', { items: shown.join('、'), count: v.length }) : shown.join('、');
  }
  // The registration's fee: the amount is what a reader looks for.
  if (key === 'fee' && isPlainObject(v) && typeof v['fee'] === 'string') return `¥${v['fee']}`;
  if (isPlainObject(v)) return describeAuditDetail(t, v);
  return scalar(t, key, v);
}

export function describeAuditDetail(t: TFunction, detail: Record<string, unknown>): string {
  const parts: string[] = [];
  // A move of the whole record (stage, category, dates): one "before → after", no labels.
  const { from, to, ...rest } = detail;
  if (from !== undefined && to !== undefined && !isPlainObject(from) && !isPlainObject(to)) {
    parts.push(`${side(t, 'from', from)} → ${side(t, 'to', to)}`);
  } else {
    if (from !== undefined) rest['from'] = from;
    if (to !== undefined) rest['to'] = to;
  }
  for (const [k, v] of Object.entries(rest)) {
    if (HIDDEN.has(k)) continue;
    // case.update's changed fields: each its own "field: before → after".
    if (k === 'fields' && isPlainObject(v)) {
      for (const [f, change] of Object.entries(v)) {
        const text = value(t, f, change);
        if (text !== null) parts.push(t('audit.labelValue', { label: label(t, f), value: text }));
      }
      continue;
    }
    const text = value(t, k, v);
    if (text !== null) parts.push(t('audit.labelValue', { label: label(t, k), value: text }));
  }
  return parts.join(t('audit.separator'));
}
