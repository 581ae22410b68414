import { CST_OFFSET_MS, DAY_MS } from '../clock.ts';

/**
 * When a recurring job runs, in China Standard Time: every N milliseconds (aligned to the epoch),
 * daily at a time, or once a year on a date at a time (the January liaison-filing reminder).
 */
export type Schedule = { every: number } | { dailyAt: string } | { yearlyOn: string; at: string };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`invalid time of day ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The latest slot of the schedule at or before `now`, or null when there is none yet. */
export function latestSlot(s: Schedule, now: Date): Date | null {
  const t = now.getTime();
  if ('every' in s) {
    if (!(s.every > 0)) throw new Error('every must be positive');
    return new Date(Math.floor(t / s.every) * s.every);
  }
  if ('dailyAt' in s) {
    const local = t + CST_OFFSET_MS;
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    let slot = dayStart + minutesOf(s.dailyAt) * 60_000;
    if (slot > local) slot -= DAY_MS;
    return new Date(slot - CST_OFFSET_MS);
  }
  const m = MMDD.exec(s.yearlyOn);
  if (!m) throw new Error(`invalid date ${s.yearlyOn}`);
  const year = new Date(t + CST_OFFSET_MS).getUTCFullYear();
  const at = (y: number) =>
    Date.UTC(y, Number(m[1]) - 1, Number(m[2])) + minutesOf(s.at) * 60_000 - CST_OFFSET_MS;
  const slot = at(year) <= t ? at(year) : at(year - 1);
  return new Date(slot);
}
