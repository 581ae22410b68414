import type { ItemStatus } from '../types.ts';

type Timed = { status: ItemStatus; deadlineAt: string | null };

/** Only an item the office has not yet decided (已报送) runs against its time limit. */
export function runsAgainstClock(item: Timed): item is Timed & { deadlineAt: string } {
  return item.status === 'submitted' && !!item.deadlineAt;
}

/** Whether the item's time limit has passed at `now` (live, unlike the list's `overdue` snapshot). */
export function isOverdueAt(item: Timed, now: number): boolean {
  return runsAgainstClock(item) && new Date(item.deadlineAt).getTime() < now;
}
