import { CST_OFFSET_MS, chinaDate, DAY_MS, HOUR_MS } from '../../lib/clock.ts';

/**
 * A commission's deadline is an instant (请于3月10日17时前报送). An answer is late when it came
 * after it; a target is missed when the deadline passed (or the commission was closed) with no
 * answer. Neither is stored: both are derived from `deadline`, `answer` and `answeredAt`.
 */

/** The answer (报送 or 婉拒) came after the deadline. */
export const isLate = (deadline: Date, answeredAt: Date | null) =>
  answeredAt !== null && answeredAt.getTime() > deadline.getTime();

/** Still waiting for this unit after the deadline, while the commission runs. */
export const isOverdue = (deadline: Date, answer: string, status: string, now: Date) =>
  status === 'issued' && answer === 'open' && now.getTime() >= deadline.getTime();

/** No answer by the deadline, or none when the office closed the commission (a fact for scoring). */
export const isMissed = (deadline: Date, answer: string, status: string, now: Date) =>
  answer === 'open' && (status === 'closed' || (status === 'issued' && now.getTime() >= deadline.getTime()));

/** The China calendar date a deadline falls on: 24:00 belongs to the day that ends. */
export const deadlineDate = (deadline: Date) => chinaDate(new Date(deadline.getTime() - 1));

/**
 * When the reminder goes out: 09:00 in Beijing on the day before the deadline's day (a working
 * hour, not the midnight run of the hourly job).
 */
export function reminderAt(deadline: Date): Date {
  const day = new Date(`${deadlineDate(deadline)}T00:00:00Z`).getTime() - CST_OFFSET_MS;
  return new Date(day - DAY_MS + 9 * HOUR_MS);
}

/** 2026-03-10 17:00 (Beijing), as lists and notifications write it; 24:00 for a day's end. */
export function formatDeadline(deadline: Date): string {
  const local = new Date(deadline.getTime() + CST_OFFSET_MS).toISOString();
  const time = local.slice(11, 16);
  return time === '00:00' ? `${deadlineDate(deadline)} 24:00` : `${local.slice(0, 10)} ${time}`;
}

/** 2026年3月10日17时 (30分) as documents write it; 24时 for a day's end. */
export function formatDeadlineText(deadline: Date): string {
  const [date, time] = formatDeadline(deadline).split(' ') as [string, string];
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return `${y}年${m}月${d}日${hh}时${mm ? `${mm}分` : ''}`;
}
