/**
 * Yuan strings ↔ integer fen without ever going through a float: 0.1 + 0.2 style errors on a claim
 * amount would end up in a judgment. (Minimal renderer copy until shared/rules/money.ts exists.)
 */

/** Same bound as the contract's Fen schema. */
const MAX_FEN = 1e15;

/**
 * Parses what a clerk types: "50000", "50,000.5", "¥ 1,234.56", full-width digits are not accepted.
 * Returns null for anything that is not a non-negative amount with at most two decimals.
 */
export function parseYuan(input: string): number | null {
  const s = input.replace(/[\s,，¥￥]/g, '').replace(/元$/, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m?.[1]) return null;
  const whole = m[1].replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').padEnd(2, '0');
  // Digit-string arithmetic keeps this exact even before the safe-integer check.
  if (whole.length > 13) return null;
  const fen = Number(whole) * 100 + Number(frac);
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return null;
  return fen;
}

/** Plain yuan string for an input field: 5000050 → "50000.50". */
export function fenToYuanString(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const frac = fen % 100;
  return `${whole}.${String(frac).padStart(2, '0')}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Display form: 5000000 → "¥50,000.00". */
export function formatFen(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const frac = fen % 100;
  return `¥${groupThousands(String(whole))}.${String(frac).padStart(2, '0')}`;
}
