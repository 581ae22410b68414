import { type SQL, sql } from 'drizzle-orm';
import { items } from '../../../db/schema/index.ts';
import type { WorkflowLimits } from '../deadline.ts';

/**
 * The item's deadline as a SQL expression, the same arithmetic as `deadlineOf` (deadline.ts) so
 * the inbox can sort and pick overdue items in the database. Beijing time is UTC+8 all year.
 */
export function deadlineSql(limits: WorkflowLimits): SQL<Date | null> {
  const days = Math.max(0, limits.routineWorkingDays);
  const rem = days % 5;
  const base = Math.floor(days / 5) * 7 + rem;
  const dow = sql`extract(isodow from (${items.submittedAt} at time zone 'UTC') + interval '8 hours')::int`;
  // Weekend starts count from the Friday before (shift); crossing a weekend adds two days.
  const calendarDays =
    days === 0
      ? sql`0`
      : sql`(${base}::int + (case when least(${dow}, 5) + ${rem}::int > 5 then 2 else 0 end) - greatest(${dow} - 5, 0))`;
  return sql<Date | null>`(case
    when ${items.submittedAt} is null then null
    when ${items.priority} = 'urgent'
      then coalesce(${items.eventAt}, ${items.submittedAt}) + ${limits.urgentHours}::int * interval '1 hour'
    when ${items.priority} = 'for_reading'
      then ${items.submittedAt} + ${limits.forReadingHours}::int * interval '1 hour'
    else ${items.submittedAt} + ${calendarDays} * interval '24 hours'
  end)`;
}

/** Overdue in SQL: still submitted (undecided) after the deadline. */
export function overdueSql(limits: WorkflowLimits, now: Date): SQL<boolean> {
  return sql<boolean>`(${items.status} = 'submitted' and ${deadlineSql(limits)} < ${now.toISOString()}::timestamptz)`;
}
