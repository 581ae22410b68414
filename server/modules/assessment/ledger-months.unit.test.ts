import { describe, expect, it } from 'vitest';
import type { Entry } from './engine/score.ts';
import { ledgerMonths } from './ledger-months.ts';

const entry = (e: Partial<Entry> & Pick<Entry, 'unitId' | 'on' | 'kind'>): Entry => ({
  ruleKey: null,
  factId: null,
  itemId: null,
  outlet: null,
  quantity: 1000,
  points: 0,
  detail: '',
  ...e,
});

describe('ledgerMonths', () => {
  it('sums each unit by month over the whole period, with the running total of points', () => {
    const period = { from: '2025-11-15', to: '2026-02-10' };
    const rows = ledgerMonths(
      [
        entry({ unitId: 'a', on: '2025-11-15', kind: 'submission', points: 5000 }),
        entry({
          unitId: 'a',
          on: '2025-11-20',
          kind: 'adoption',
          outlet: 'own',
          itemId: 'i1',
          points: 20000,
        }),
        entry({
          unitId: 'a',
          on: '2025-11-28',
          kind: 'adoption',
          outlet: 'upper',
          itemId: 'i1',
          points: 50000,
        }),
        entry({
          unitId: 'a',
          on: '2026-01-03',
          kind: 'adoption',
          outlet: 'upper',
          itemId: 'i1',
          quantity: 500,
          points: 25000,
        }),
        entry({ unitId: 'a', on: '2026-01-31', kind: 'instruction', itemId: 'i2', points: 100000 }),
        // Outside the period: not counted.
        entry({ unitId: 'a', on: '2025-11-14', kind: 'submission', points: 5000 }),
      ],
      period,
    );
    expect(rows).toEqual([
      {
        unitId: 'a',
        month: '2025-11-01',
        submitted: 1000,
        adoptedOwn: 1000,
        adoptedUpper: 1000,
        adoptedItems: 1,
        points: 75000,
        cumulative: 75000,
      },
      {
        unitId: 'a',
        month: '2025-12-01',
        submitted: 0,
        adoptedOwn: 0,
        adoptedUpper: 0,
        adoptedItems: 0,
        points: 0,
        cumulative: 75000,
      },
      {
        unitId: 'a',
        month: '2026-01-01',
        submitted: 0,
        adoptedOwn: 0,
        adoptedUpper: 500,
        adoptedItems: 1,
        points: 125000,
        cumulative: 200000,
      },
      {
        unitId: 'a',
        month: '2026-02-01',
        submitted: 0,
        adoptedOwn: 0,
        adoptedUpper: 0,
        adoptedItems: 0,
        points: 0,
        cumulative: 200000,
      },
    ]);
  });

  it('has no rows for a unit without entries in the period', () => {
    expect(
      ledgerMonths([entry({ unitId: 'a', on: '2024-12-31', kind: 'submission' })], {
        from: '2025-01-01',
        to: '2025-12-31',
      }),
    ).toEqual([]);
  });
});
