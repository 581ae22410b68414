import { and, gte, lt, type SQL } from 'drizzle-orm';
import { meetings } from '../../../db/schema/index.ts';
import { CST_OFFSET_MS } from '../../../lib/clock.ts';

/** A calendar year in Beijing time as instants: [1 January 00:00, next 1 January 00:00). */
export function yearRange(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 1) - CST_OFFSET_MS), new Date(Date.UTC(year + 1, 0, 1) - CST_OFFSET_MS)];
}

/** Meetings that start in the year. */
export function inYear(year: number): SQL {
  const [from, to] = yearRange(year);
  return and(gte(meetings.startsAt, from), lt(meetings.startsAt, to)) as SQL;
}
