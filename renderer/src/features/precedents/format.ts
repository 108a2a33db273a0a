import type { Authority } from '../../../../shared/contract/precedents';

/** Colour per authority level, strongest first: the judge should tell a guiding case at a glance. */
export const AUTHORITY_COLORS: Readonly<Record<Authority, string>> = {
  guiding: '#a61d24',
  gazette: '#d4380d',
  reference: '#1d39c4',
  ordinary: '#8c8c8c',
};

/** 0.8731 → "87". */
export function percent(value: number): string {
  return String(Math.round(Math.max(0, Math.min(1, value)) * 100));
}

/** A weight or value shown with two decimals. */
export function fixed2(value: number): string {
  return value.toFixed(2);
}

/** Splits a free-text year into a number when it is a plausible year, else undefined. */
export function yearOrUndefined(value: number | null | undefined): number | undefined {
  return value != null && Number.isInteger(value) && value >= 1949 && value <= 2100 ? value : undefined;
}
