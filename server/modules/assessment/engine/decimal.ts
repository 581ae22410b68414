/**
 * Exact decimal points (0.5 points exist): every amount is an integer number of ten-thousandths
 * of a point, so sums never drift; multiplication rounds half away from zero once per step, and
 * a split hands out every ten-thousandth (largest remainder), so the parts add up to the whole.
 */

export const SCALE = 10_000;
const DECIMAL = /^(-)?(\d{1,9})(?:\.(\d{1,4}))?$/;

/** "0.5" → 5000; null when the text is not a decimal with at most four places. */
export function parseAmount(text: string): number | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const whole = Number(m[2]) * SCALE + Number((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -whole : whole;
}

/** 5000 → "0.5", 750000 → "75", -12500 → "-1.25". */
export function formatAmount(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / SCALE);
  const frac = String(abs % SCALE)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** amount × factor (both scaled), rounded half away from zero. */
export function multiply(amount: number, factor: number): number {
  const product = (amount * factor) / SCALE;
  return Math.sign(product) * Math.round(Math.abs(product));
}

/**
 * Splits `amount` by the weights (any non-negative integers, not all zero): each part is the
 * floor of its exact share, and the units left over go to the largest remainders (ties to the
 * earlier weight), so Σ parts = amount exactly.
 */
export function split(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) throw new Error('split needs a positive total weight');
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const parts = weights.map((w) => Math.floor((abs * w) / total));
  let left = abs - parts.reduce((s, p) => s + p, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (abs * w) % total }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts.map((p) => p * sign);
}
