import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type Attendance, meetingParticipants, meetings, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { containsPattern } from '../../../lib/like.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { countOf, personTimesSql } from '../attendance.ts';
import { checklistOf, progressOf } from '../checklist.ts';
import { KIND_LABELS, LEVEL_LABELS } from '../labels.ts';
import type { ListFilter } from '../schemas.ts';
import { meetingScope, readerOf } from '../scope.ts';
import { inYear } from './year.ts';

/**
 * 会议与培训: the meetings the caller may read, latest first. One page query, then one aggregate
 * over the page's participants (counts, 人次, the caller's own mark) — no per-row subqueries.
 * With `'all'`, every row for the list's Excel export.
 */
export async function listMeetings(db: Db, actor: Actor, q: ListFilter, paging: Paging) {
  const reader = readerOf(actor);
  const conds: SQL[] = [meetingScope(reader)];
  if (q.year) conds.push(inYear(q.year));
  if (q.kind) conds.push(eq(meetings.kind, q.kind));
  if (q.level) conds.push(eq(meetings.level, q.level));
  if (q.unitId)
    conds.push(
      inArray(
        meetings.id,
        sql`(select ${meetingParticipants.meetingId} from ${meetingParticipants} where ${eq(meetingParticipants.unitId, q.unitId)})`,
      ),
    );
  if (q.q) {
    const p = containsPattern(q.q);
    conds.push(or(ilike(meetings.title, p), ilike(meetings.organiser, p)) as SQL);
  }
  const where = and(...conds);
  const [total] = await db.select({ n: count() }).from(meetings).where(where);
  const window = rowWindow(paging, total?.n ?? 0, '会议和培训');
  const rows = await db
    .select({ m: meetings, officeName: orgs.name })
    .from(meetings)
    .innerJoin(orgs, eq(orgs.id, meetings.officeId))
    .where(where)
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(window.limit)
    .offset(window.offset);
  const ids = rows.map((r) => r.m.id);
  const mine = reader.unitIds.length
    ? sql<Attendance | null>`min(case when ${inArray(meetingParticipants.unitId, reader.unitIds)} then ${meetingParticipants.attendance} end)`
    : sql<Attendance | null>`null`;
  const aggregates = ids.length
    ? await db
        .select({
          meetingId: meetingParticipants.meetingId,
          invited: count(),
          present: countOf('present'),
          absent: countOf('absent'),
          excused: countOf('excused'),
          expected: countOf('expected'),
          personTimes: sql<number>`coalesce(sum(${personTimesSql}), 0)`.mapWith(Number),
          mine,
        })
        .from(meetingParticipants)
        .where(inArray(meetingParticipants.meetingId, ids))
        .groupBy(meetingParticipants.meetingId)
    : [];
  const byMeeting = new Map(aggregates.map((a) => [a.meetingId, a]));
  const empty = { invited: 0, present: 0, absent: 0, excused: 0, expected: 0, personTimes: 0, mine: null };
  const items = rows.map(({ m, officeName }) => {
    const staff = reader.staffOfficeIds.includes(m.officeId);
    const {
      mine: myAttendance,
      meetingId: _,
      ...summary
    } = byMeeting.get(m.id) ?? { ...empty, meetingId: m.id };
    return {
      id: m.id,
      office: { id: m.officeId, name: officeName },
      kind: m.kind,
      kindLabel: KIND_LABELS[m.kind],
      level: m.level,
      levelLabel: LEVEL_LABELS[m.level],
      title: m.title,
      organiser: m.organiser,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      location: m.location,
      checklistProgress: staff ? progressOf(checklistOf(m.checklist)) : null,
      summary: staff ? summary : null,
      myAttendance: staff ? null : (myAttendance ?? null),
      version: m.version,
    };
  });
  return { items, total: total?.n ?? 0, ...pageFields(paging) };
}
