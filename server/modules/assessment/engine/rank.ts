/**
 * Competition ranking ("1, 1, 3"): equal points share a rank and the next rank skips the tied
 * places. `points` are scaled integers (decimal.ts), so equality is exact. The input order is
 * kept among equals (callers sort ties by the registry's order).
 */
export function rankWithTies<T extends { points: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.points - a.r.points || a.i - b.i);
  let rank = 0;
  let previous: number | null = null;
  return sorted.map(({ r }, position) => {
    if (previous === null || r.points !== previous) rank = position + 1;
    previous = r.points;
    return { ...r, rank };
  });
}
