import type { ItemPriority, ItemStatus } from '../../db/schema/index.ts';

/**
 * An office's time limits for handling submitted items (办理时限). Pure: the web imports it to
 * draw countdowns with the same arithmetic as the server.
 */
export type WorkflowLimits = {
  /** 紧急信息: hours from the event (or, without an event time, from submission). */
  urgentHours: number;
  /** 送阅件: hours from submission. */
  forReadingHours: number;
  /** 普通信息: working days (Mon–Fri, Beijing time) from submission. */
  routineWorkingDays: number;
};

export const DEFAULT_WORKFLOW_LIMITS: WorkflowLimits = {
  urgentHours: 6,
  forReadingHours: 24,
  routineWorkingDays: 3,
};

/** The limits of every office that saved its own; the others have `fallback` (the defaults). */
export type OfficeLimits = { byOffice: ReadonlyMap<string, WorkflowLimits>; fallback: WorkflowLimits };

/** An item's deadline runs under the limits of the office that receives it. */
export const limitsOf = (limits: OfficeLimits, officeId: string): WorkflowLimits =>
  limits.byOffice.get(officeId) ?? limits.fallback;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Beijing time has no daylight saving: always UTC+8. */
const BEIJING_OFFSET = 8 * HOUR;

/** ISO day of week (1 = Monday … 7 = Sunday) of an instant, in Beijing. */
export function beijingIsoDay(at: Date): number {
  const day = new Date(at.getTime() + BEIJING_OFFSET).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The instant `days` working days after `from`, at the same Beijing time of day: every day that
 * lands on Saturday or Sunday is skipped, so Friday 15:00 + 1 is Monday 15:00 and Saturday
 * 10:00 + 1 is Monday 10:00. Closed form (not a loop) so SQL can compute exactly the same value
 * (see queries/deadline-sql.ts). Public holidays are not known to the system.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (days <= 0) return from;
  const dow = beijingIsoDay(from);
  // A weekend start counts from the Friday before it at the same time of day.
  const shift = dow > 5 ? dow - 5 : 0;
  const weekday = dow - shift;
  const rem = days % 5;
  const calendarDays = Math.floor(days / 5) * 7 + rem + (weekday + rem > 5 ? 2 : 0) - shift;
  return new Date(from.getTime() + calendarDays * DAY);
}

export type DeadlineFacts = {
  priority: ItemPriority;
  status: ItemStatus;
  submittedAt: Date | null;
  eventAt: Date | null;
};

/**
 * When the office should have decided on the item; null while it has not been submitted.
 * Urgent items count from the event when it is known (the 6-hour rule runs from the event).
 */
export function deadlineOf(item: DeadlineFacts, limits: WorkflowLimits): Date | null {
  if (!item.submittedAt) return null;
  switch (item.priority) {
    case 'urgent':
      return new Date((item.eventAt ?? item.submittedAt).getTime() + limits.urgentHours * HOUR);
    case 'for_reading':
      return new Date(item.submittedAt.getTime() + limits.forReadingHours * HOUR);
    default:
      return addWorkingDays(item.submittedAt, limits.routineWorkingDays);
  }
}

/** Overdue: still waiting in the office inbox (submitted, undecided) after its deadline. */
export function isOverdue(item: DeadlineFacts, limits: WorkflowLimits, now: Date = new Date()): boolean {
  if (item.status !== 'submitted') return false;
  const deadline = deadlineOf(item, limits);
  return deadline !== null && now.getTime() > deadline.getTime();
}
