import { and, asc, count, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  MEETING_KINDS,
  MEETING_LEVELS,
  meetingParticipants,
  meetings,
  orgs,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { todayInChina } from '../../orgs/index.ts';
import { countOf, personTimesSql } from '../attendance.ts';
import { KIND_LABELS, LEVEL_LABELS, TAKING_PART } from '../labels.ts';
import type { StatsQuery } from '../schemas.ts';
import { readerOf } from '../scope.ts';
import { inYear } from './year.ts';

const personTimes = sql<number>`coalesce(sum(${personTimesSql}), 0)`.mapWith(Number);

/** `75%`, `66.7%`: one decimal only when it is not whole. */
const percent = (rate: number) => `${Number((rate * 100).toFixed(1))}%`;

/**
 * 培训和会议 figures of an office for a year: how many meetings of each level and kind it recorded
 * and how many 人次 came (e.g. 省级培训 2 次，参训 5 人次), and for each unit it invited its
 * attendance over the meetings that have begun — 出席率 = 出席 ÷ 应到, where 应到 is every meeting
 * the unit was invited to (请假 and unrecorded marks count as not present).
 */
export async function meetingStats(db: Db, actor: Actor, q: StatsQuery, now: Date) {
  const year = q.year ?? Number(todayInChina(now).slice(0, 4));
  const offices = readerOf(actor).staffOfficeIds;
  const officeId = q.officeId ?? offices[0];
  if (!officeId || !offices.includes(officeId)) throw notFound('办公室不存在或您无权查看其会议统计');
  const [office] = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, officeId));
  const ofOffice = and(eq(meetings.officeId, officeId), inYear(year));

  const [counts, people, units] = await Promise.all([
    db
      .select({ level: meetings.level, kind: meetings.kind, n: count() })
      .from(meetings)
      .where(ofOffice)
      .groupBy(meetings.level, meetings.kind),
    db
      .select({ level: meetings.level, kind: meetings.kind, personTimes })
      .from(meetingParticipants)
      .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
      .where(ofOffice)
      .groupBy(meetings.level, meetings.kind),
    db
      .select({
        id: orgs.id,
        name: orgs.name,
        invited: count(),
        present: countOf('present'),
        absent: countOf('absent'),
        excused: countOf('excused'),
        unrecorded: countOf('expected'),
        personTimes,
      })
      .from(meetingParticipants)
      .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
      .innerJoin(orgs, eq(orgs.id, meetingParticipants.unitId))
      .where(and(ofOffice, lte(meetings.startsAt, now)))
      .groupBy(orgs.id, orgs.name, orgs.sortOrder)
      .orderBy(asc(orgs.sortOrder), asc(orgs.name)),
  ]);

  const key = (level: string, kind: string) => `${level}:${kind}`;
  const peopleBy = new Map(people.map((p) => [key(p.level, p.kind), p.personTimes]));
  const countBy = new Map(counts.map((c) => [key(c.level, c.kind), c.n]));
  const byLevelKind = MEETING_LEVELS.flatMap((level) =>
    MEETING_KINDS.filter((kind) => countBy.has(key(level, kind))).map((kind) => {
      const n = countBy.get(key(level, kind)) ?? 0;
      const pt = peopleBy.get(key(level, kind)) ?? 0;
      return {
        level,
        levelLabel: LEVEL_LABELS[level],
        kind,
        kindLabel: KIND_LABELS[kind],
        meetings: n,
        personTimes: pt,
        label: `${LEVEL_LABELS[level]}${KIND_LABELS[kind]} ${n} 次，${TAKING_PART[kind]} ${pt} 人次`,
      };
    }),
  );
  return {
    year,
    office: { id: officeId, name: office?.name ?? '' },
    totals: {
      meetings: byLevelKind.reduce((s, r) => s + r.meetings, 0),
      personTimes: byLevelKind.reduce((s, r) => s + r.personTimes, 0),
    },
    byLevelKind,
    units: units.map((u) => {
      const rate = u.invited ? u.present / u.invited : null;
      return {
        unit: { id: u.id, name: u.name },
        invited: u.invited,
        present: u.present,
        absent: u.absent,
        excused: u.excused,
        unrecorded: u.unrecorded,
        personTimes: u.personTimes,
        rate: rate === null ? null : Math.round(rate * 10_000) / 10_000,
        rateLabel: rate === null ? '—' : percent(rate),
      };
    }),
  };
}
