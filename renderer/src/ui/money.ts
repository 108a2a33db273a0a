import { fenToYuan, formatYuan, tryParseYuan } from '../../../shared/rules/money';

/**
 * Yuan text ↔ integer fen for the forms, on top of the shared money rules (exact, never a float).
 * The UI additionally tolerates what clerks paste: a currency sign, spaces, a trailing 元.
 */
export function parseYuan(input: string): number | null {
  const s = input.replace(/[\s¥￥]/g, '').replace(/元$/, '');
  return s === '' ? null : tryParseYuan(s);
}

/** Plain yuan string for an input field: 5000050 → "50000.50". */
export function fenToYuanString(fen: number): string {
  return fenToYuan(fen);
}

/** Display form: 5000000 → "¥50,000.00". */
export function formatFen(fen: number): string {
  return `¥${formatYuan(fen)}`;
}
