import { sql } from 'drizzle-orm';
import { meetingParticipants } from '../../db/schema/index.ts';

/** Attendee names are stored joined by 、 (a name may not contain one: schemas.ts). */
export const ATTENDEE_SEPARATOR = '、';

export const namesOf = (stored: string | null): string[] =>
  stored ? stored.split(ATTENDEE_SEPARATOR).filter(Boolean) : [];

export const storedNames = (names: readonly string[]): string | null =>
  names.length ? names.join(ATTENDEE_SEPARATOR) : null;

/**
 * 人次 of one participant row in SQL: the names recorded for a unit marked 出席, at least one
 * (a unit that came without its people named still came); nothing for any other mark.
 */
export const personTimesSql = sql<number>`case when ${meetingParticipants.attendance} = 'present' then greatest(1, coalesce(array_length(string_to_array(nullif(${meetingParticipants.attendees}, ''), ${ATTENDEE_SEPARATOR}), 1), 0)) else 0 end`;

/** The same for a row in memory. */
export const personTimesOf = (attendance: string, attendees: string | null): number =>
  attendance === 'present' ? Math.max(1, namesOf(attendees).length) : 0;

/** Counts of one attendance mark over participant rows, as an aggregate. */
export const countOf = (mark: 'present' | 'absent' | 'excused' | 'expected') =>
  sql<number>`count(*) filter (where ${meetingParticipants.attendance} = ${mark})`.mapWith(Number);
