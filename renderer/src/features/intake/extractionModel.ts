import type { ExtractedAmount, Extraction, Field, Span } from '../../../../shared/contract/intake';
import { fenToYuan, tryParseAmount } from '../../../../shared/rules/money';

/** Every field of an extraction that can point at the text, under the id its row uses. */
export interface FieldEntry {
  readonly id: string;
  readonly span: Span;
}

type Meta = { span: Span | null } | null | undefined;

export const NATURAL_FIELDS = ['gender', 'birthDate', 'ethnicity', 'occupation', 'employer', 'idNumber', 'address', 'phone'] as const;
export const LEGAL_FIELDS = ['creditCode', 'address', 'legalRep', 'legalRepTitle', 'phone'] as const;
export type PartyTextField = 'ethnicity' | 'occupation' | 'employer' | 'idNumber' | 'creditCode' | 'address' | 'phone' | 'legalRep' | 'legalRepTitle';

export function fieldEntries(e: Extraction): FieldEntry[] {
  const out: FieldEntry[] = [];
  const add = (id: string, f: Meta) => {
    if (f?.span) out.push({ id, span: f.span });
  };
  add('title', e.title);
  add('court', e.court);
  add('signedBy', e.signedBy);
  add('date', e.date);
  e.parties.forEach((p, i) => {
    add(`party-${i}-role`, p.role);
    add(`party-${i}-name`, p.name);
    add(`party-${i}-gender`, p.gender);
    add(`party-${i}-birthDate`, p.birthDate);
    for (const k of ['ethnicity', 'occupation', 'employer', 'idNumber', 'creditCode', 'address', 'phone', 'legalRep', 'legalRepTitle'] as const) {
      add(`party-${i}-${k}`, p[k]);
    }
    p.agents.forEach((a, j) => {
      add(`party-${i}-agent-${j}-name`, a.name);
      add(`party-${i}-agent-${j}-firm`, a.firm);
      add(`party-${i}-agent-${j}-phone`, a.phone);
    });
  });
  e.claims.forEach((c, i) => {
    add(`claim-${i}-text`, c.text);
    add(`claim-${i}-amount`, c.amount);
  });
  e.interest.forEach((x, i) => add(`interest-${i}`, x));
  add('facts', e.factsAndReasons);
  e.evidence.forEach((x, i) => {
    add(`evidence-${i}-name`, x.name);
    add(`evidence-${i}-source`, x.source);
  });
  return out;
}

/** The narrowest field whose source contains this character: what the clerk clicked on. */
export function fieldAt(entries: readonly FieldEntry[], offset: number): FieldEntry | null {
  let best: FieldEntry | null = null;
  for (const e of entries) {
    if (offset >= e.span.start && offset < e.span.end) {
      if (best === null || e.span.end - e.span.start < best.span.end - best.span.start) best = e;
    }
  }
  return best;
}

/** A clerk's correction keeps the place it corrects (for the highlight) and vouches for the value. */
export function corrected<T>(old: Meta, value: T): Field<T> {
  return { value, span: old?.span ?? null, source: 'clerk', verified: true };
}

export function amountForm(raw: string): ExtractedAmount['form'] {
  const hasDigit = /\d/.test(raw);
  const hasZh = /[零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]/.test(raw.replace(/[万亿千]元?$/, ''));
  return hasDigit && hasZh ? 'mixed' : hasDigit ? 'arabic' : 'chinese';
}

/** "5万元", "50,000", "伍万元整" → the clerk's amount; null when it is not an amount. */
export function correctedAmount(old: Meta, raw: string): ExtractedAmount | null {
  const fen = tryParseAmount(raw.trim());
  if (fen === null) return null;
  return { value: fen, yuan: fenToYuan(fen), raw: raw.trim(), form: amountForm(raw.trim()), span: old?.span ?? null, source: 'clerk', verified: true };
}

export function countFields(e: Extraction): { unverified: number; corrected: number } {
  let unverified = 0;
  let clerk = 0;
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if ('source' in o && 'verified' in o && 'span' in o && 'value' in o) {
      if (o['source'] === 'clerk') clerk += 1;
      else if (o['verified'] !== true || o['span'] === null) unverified += 1;
    }
    for (const [k, child] of Object.entries(o)) if (k !== 'span') visit(child);
  };
  visit(e);
  return { unverified, corrected: clerk };
}
