import { type SQL, sql } from 'drizzle-orm';
import { items } from '../../../db/schema/index.ts';
import type { OfficeLimits, WorkflowLimits } from '../deadline.ts';

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

/**
 * The deadline under the limits of each item's receiving office: one branch per office that saved
 * its own limits (a handful), the defaults for the rest.
 */
export function officeDeadlineSql(limits: OfficeLimits): SQL<Date | null> {
  const branches = [...limits.byOffice].map(
    ([officeId, l]) => sql`when ${items.officeId} = ${officeId} then ${deadlineSql(l)}`,
  );
  if (branches.length === 0) return deadlineSql(limits.fallback);
  return sql<Date | null>`(case ${sql.join(branches, sql` `)} else ${deadlineSql(limits.fallback)} end)`;
}

/** Overdue in SQL: still submitted (undecided) after the deadline of its office. */
export function overdueSql(limits: OfficeLimits, now: Date): SQL<boolean> {
  return sql<boolean>`(${items.status} = 'submitted' and ${officeDeadlineSql(limits)} < ${now.toISOString()}::timestamptz)`;
}
