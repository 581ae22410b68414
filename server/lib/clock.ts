/**
 * The time the application runs on. Everything that decides by the time of day — deadlines,
 * reminders, overdue marks, the scheduler — asks the clock rather than `new Date()`, so a test can
 * move time forward instead of waiting for it.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: `set` and `advance` (milliseconds). */
export type ManualClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

export function manualClock(start: Date | string): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set(at) {
      t = new Date(at).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Offices run on China Standard Time (UTC+8, no daylight saving). */
export const CST_OFFSET_MS = 8 * HOUR_MS;

/** The calendar date in China (yyyy-mm-dd) at an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar date ends (its 24:00), i.e. a deadline given as a date. */
export function endOfChinaDate(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - CST_OFFSET_MS + DAY_MS);
}
