import { describe, expect, it } from 'vitest';
import { latestSlot } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('latestSlot (China Standard Time)', () => {
  it('aligns interval slots to the epoch', () => {
    expect(latestSlot({ every: 15 * 60_000 }, at('2026-03-05T02:14:59Z'))?.toISOString()).toBe(
      '2026-03-05T02:00:00.000Z',
    );
    expect(latestSlot({ every: 15 * 60_000 }, at('2026-03-05T02:15:00Z'))?.toISOString()).toBe(
      '2026-03-05T02:15:00.000Z',
    );
  });

  it('daily at 08:00 Beijing time is 00:00 UTC; before it, yesterday’s slot', () => {
    expect(latestSlot({ dailyAt: '08:00' }, at('2026-03-05T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-05T00:00:00.000Z',
    );
    expect(latestSlot({ dailyAt: '08:00' }, at('2026-03-04T23:59:59Z'))?.toISOString()).toBe(
      '2026-03-04T00:00:00.000Z',
    );
    // 01:00 Beijing on 5 March is still 4 March in UTC.
    expect(latestSlot({ dailyAt: '00:30' }, at('2026-03-04T17:00:00Z'))?.toISOString()).toBe(
      '2026-03-04T16:30:00.000Z',
    );
  });

  it('yearly on 01-05 09:00: this year once passed, else last year', () => {
    expect(latestSlot({ yearlyOn: '01-05', at: '09:00' }, at('2026-01-05T01:00:00Z'))?.toISOString()).toBe(
      '2026-01-05T01:00:00.000Z',
    );
    expect(latestSlot({ yearlyOn: '01-05', at: '09:00' }, at('2026-01-05T00:59:00Z'))?.toISOString()).toBe(
      '2025-01-05T01:00:00.000Z',
    );
    // Early on 1 January in Beijing is still 31 December in UTC: the year is Beijing's.
    expect(latestSlot({ yearlyOn: '01-01', at: '00:10' }, at('2025-12-31T16:20:00Z'))?.toISOString()).toBe(
      '2025-12-31T16:10:00.000Z',
    );
  });

  it('refuses malformed schedules', () => {
    expect(() => latestSlot({ dailyAt: '24:00' }, new Date())).toThrow();
    expect(() => latestSlot({ yearlyOn: '13-01', at: '09:00' }, new Date())).toThrow();
    expect(() => latestSlot({ every: 0 }, new Date())).toThrow();
  });
});
