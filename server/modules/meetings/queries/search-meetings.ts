import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { meetingParticipants, meetings, orgs, searchIndex } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDayStart, countMatches } from '../../../lib/search-results.ts';
import { highlight, type QueryTerm } from '../../../lib/text/search-text.ts';
import { KIND_LABELS, LEVEL_LABELS } from '../labels.ts';
import { meetingLink } from '../present.ts';
import { meetingScope, readerOf } from '../scope.ts';

/** The filters of the global search that concern meetings (docs/domain.md §8). */
export type MeetingSearchFilters = {
  officeId?: string;
  /** Meetings the unit was invited to. */
  unitId?: string;
  /** The day it began, China. */
  from?: string;
  to?: string;
};

/**
 * Meetings and trainings matching a search the caller may read, in the meeting list's own scope
 * (`meetingScope`: the recording office's 信息科; an invited unit): title first, then organiser
 * and place, then the minutes; relevance or the latest first.
 */
export async function searchMeetings(
  db: Db,
  actor: Actor,
  search: { tsquery: string; terms: readonly QueryTerm[] },
  f: MeetingSearchFilters,
  page: { order: 'relevance' | 'date'; limit: number; offset: number },
) {
  const query = sql`${search.tsquery}::tsquery`;
  const indexed = and(eq(searchIndex.kind, 'meeting'), eq(searchIndex.refId, meetings.id));
  const where = and(
    sql`${searchIndex.tsv} @@ ${query}`,
    meetingScope(readerOf(actor)),
    f.officeId ? eq(meetings.officeId, f.officeId) : undefined,
    f.unitId
      ? sql`exists (select 1 from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.unitId} = ${f.unitId})`
      : undefined,
    f.from ? sql`${meetings.startsAt} >= ${chinaDayStart(f.from).toISOString()}::timestamptz` : undefined,
    f.to ? sql`${meetings.startsAt} < ${chinaDayStart(f.to, 1).toISOString()}::timestamptz` : undefined,
  ) as SQL;
  const counted = await countMatches(
    db,
    db.select({ one: sql`1` }).from(meetings).innerJoin(searchIndex, indexed).where(where).$dynamic(),
  );
  const rank = sql<number>`ts_rank_cd(${searchIndex.tsv}, ${query})`;
  const rows = await db
    .select({ m: meetings, officeName: orgs.name })
    .from(meetings)
    .innerJoin(searchIndex, indexed)
    .innerJoin(orgs, eq(orgs.id, meetings.officeId))
    .where(where)
    .orderBy(
      ...(page.order === 'date'
        ? [desc(meetings.startsAt), desc(meetings.id)]
        : [desc(rank), desc(meetings.startsAt), desc(meetings.id)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  const hits = rows.map((r) => ({
    kind: 'meeting' as const,
    id: r.m.id,
    title: highlight(r.m.title, search.terms, 200),
    snippet: highlight(r.m.minutes || [r.m.organiser, r.m.location].filter(Boolean).join('，'), search.terms),
    link: meetingLink(r.m.id),
    at: r.m.startsAt.toISOString(),
    meta: [
      `${LEVEL_LABELS[r.m.level]}${KIND_LABELS[r.m.kind]}`,
      r.m.organiser,
      ...(r.m.location ? [r.m.location] : []),
      r.officeName,
    ],
  }));
  return { ...counted, hits };
}
