import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DayRange } from './engine/periods.ts';
import type { Entry } from './engine/score.ts';
import { arrayLiteral } from './facts/registry.ts';

/** A row of assessment_ledger_months (server/db/schema/assessment.ts). */
export type LedgerMonth = {
  unitId: string;
  /** The first day of the month. */
  month: string;
  submitted: number;
  adoptedOwn: number;
  adoptedUpper: number;
  adoptedItems: number;
  points: number;
  cumulative: number;
};

/** The first days of the months that hold a day of the period, in order. */
function monthsOf(period: DayRange): string[] {
  const months: string[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  for (;;) {
    const first = `${y}-${String(m).padStart(2, '0')}-01`;
    if (first > period.to) return months;
    months.push(first);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * A ledger summed by unit and month, as a ranking sums a range of it (ranking.ts): the entries of
 * the period, their quantities by kind (submissions; adoptions by the office itself or above),
 * the distinct items adopted and the points; for every unit with entries, one row for every month
 * of the period, and `cumulative`, its points from the start of the period to the end of the
 * month.
 */
export function ledgerMonths(entries: readonly Entry[], period: DayRange): LedgerMonth[] {
  type Sums = Omit<LedgerMonth, 'unitId' | 'month' | 'cumulative'> & { items: Set<string> };
  const byUnit = new Map<string, Map<string, Sums>>();
  for (const e of entries) {
    if (e.on < period.from || e.on > period.to) continue;
    let months = byUnit.get(e.unitId);
    if (!months) {
      months = new Map();
      byUnit.set(e.unitId, months);
    }
    const month = `${e.on.slice(0, 8)}01`;
    let s = months.get(month);
    if (!s) {
      s = { submitted: 0, adoptedOwn: 0, adoptedUpper: 0, adoptedItems: 0, points: 0, items: new Set() };
      months.set(month, s);
    }
    if (e.kind === 'submission') s.submitted += e.quantity;
    if (e.kind === 'adoption') {
      if (e.outlet === 'own') s.adoptedOwn += e.quantity;
      if (e.outlet === 'upper') s.adoptedUpper += e.quantity;
      if (e.itemId) s.items.add(e.itemId);
    }
    s.points += e.points;
  }
  const months = monthsOf(period);
  return [...byUnit].flatMap(([unitId, sums]) => {
    let cumulative = 0;
    return months.map((month) => {
      const s = sums.get(month);
      cumulative += s?.points ?? 0;
      return {
        unitId,
        month,
        submitted: s?.submitted ?? 0,
        adoptedOwn: s?.adoptedOwn ?? 0,
        adoptedUpper: s?.adoptedUpper ?? 0,
        adoptedItems: s?.items.size ?? 0,
        points: s?.points ?? 0,
        cumulative,
      };
    });
  });
}

/**
 * Writes a rule set's assessment_ledger_months from the entries just written to its ledger, in
 * the same transaction (the caller has deleted the old rows), in one set-based insert as the
 * ledger's.
 */
export async function storeLedgerMonths(
  tx: Db,
  ruleSetId: string,
  entries: readonly Entry[],
  period: DayRange,
) {
  const rows = ledgerMonths(entries, period);
  if (!rows.length) return;
  const column = (type: string, value: (r: LedgerMonth) => string | number) =>
    sql`unnest(${arrayLiteral(rows.map(value))}::${sql.raw(type)}[])`;
  await tx.execute(
    sql`insert into assessment_ledger_months
          (rule_set_id, month, unit_id, submitted, adopted_own, adopted_upper, adopted_items, points, cumulative)
        select ${ruleSetId}::uuid, ${sql.join(
          [
            column('date', (r) => r.month),
            column('uuid', (r) => r.unitId),
            column('bigint', (r) => r.submitted),
            column('bigint', (r) => r.adoptedOwn),
            column('bigint', (r) => r.adoptedUpper),
            column('integer', (r) => r.adoptedItems),
            column('bigint', (r) => r.points),
            column('bigint', (r) => r.cumulative),
          ],
          sql`, `,
        )}`,
  );
}
