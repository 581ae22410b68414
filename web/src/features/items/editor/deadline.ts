import type { ItemStatus } from '../types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in the largest two units that matter: 2天3小时, 3小时12分, 45分, 不足1分. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return '不足1分';
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分` : `${hours}小时`;
  return `${minutes}分`;
}

export type DeadlineState =
  | { kind: 'none' }
  | { kind: 'open'; text: string; soon: boolean }
  | { kind: 'overdue'; text: string };

/**
 * Where an item stands against its time limit at `now`. Only an item the office has not yet
 * decided (已报送) runs against the clock; decided items show no countdown.
 */
export function deadlineState(
  item: { status: ItemStatus; deadlineAt: string | null },
  now: number,
): DeadlineState {
  if (item.status !== 'submitted' || !item.deadlineAt) return { kind: 'none' };
  const left = new Date(item.deadlineAt).getTime() - now;
  if (Number.isNaN(left)) return { kind: 'none' };
  if (left < 0) return { kind: 'overdue', text: `已超时 ${formatSpan(left)}` };
  return { kind: 'open', text: `剩余 ${formatSpan(left)}`, soon: left < HOUR };
}
