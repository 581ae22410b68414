import { and, eq, inArray, ne, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  type ItemStatus,
  issueItems,
  items,
  publicationIssues,
  publications,
  topics,
  upperAdoptions,
} from '../../../db/schema/index.ts';
import type { TopicStats } from '../schemas.ts';

/** Still inside the unit: not yet submitted to the office. */
const UNSUBMITTED: ItemStatus[] = ['draft', 'pending_signoff'];
/** Taken by the office for one of its publications (拟采用 and after). */
const ACCEPTED: ItemStatus[] = ['accepted', 'in_issue', 'published'];

export const ZERO_STATS: TopicStats = {
  submitted: 0,
  accepted: 0,
  published: 0,
  upperAdoptions: 0,
  units: 0,
};

/**
 * The figures of the topics matching `where`, per topic and in total, in one grouped query:
 * the office's items tagged to each topic (its own copies, `items.officeId` = the topic's office),
 * joined to the issue that printed them (published issues only) and to their adoption records by
 * publications of other offices — an office's own publication printing its item is not an upper
 * adoption, as in the 转报与采用 summary. The joins multiply rows, so every figure counts distinct
 * ids; `grouping sets` adds the total row (topic id null), where a unit that wrote to several
 * topics counts once.
 */
export async function topicStats(
  db: Db,
  where: SQL | undefined,
): Promise<{ byTopic: Map<string, TopicStats>; total: TopicStats }> {
  const submitted = notInArray(items.status, UNSUBMITTED);
  const rows = await db
    .select({
      topicId: sql<string | null>`${topics.id}`,
      submitted: sql<number>`(count(distinct ${items.id}) filter (where ${submitted}))::int`,
      accepted: sql<number>`(count(distinct ${items.id}) filter (where ${inArray(items.status, ACCEPTED)}))::int`,
      published: sql<number>`(count(distinct ${items.id}) filter (where ${publicationIssues.id} is not null))::int`,
      upperAdoptions: sql<number>`(count(distinct ${upperAdoptions.id}) filter (where ${publications.id} is not null))::int`,
      units: sql<number>`(count(distinct ${items.submittingUnitId}) filter (where ${submitted}))::int`,
    })
    .from(topics)
    .leftJoin(items, and(eq(items.topicId, topics.id), eq(items.officeId, topics.officeId)))
    .leftJoin(issueItems, eq(issueItems.itemId, items.id))
    .leftJoin(
      publicationIssues,
      and(eq(publicationIssues.id, issueItems.issueId), eq(publicationIssues.status, 'published')),
    )
    .leftJoin(upperAdoptions, eq(upperAdoptions.itemId, items.id))
    .leftJoin(
      publications,
      and(eq(publications.id, upperAdoptions.publicationId), ne(publications.officeId, items.officeId)),
    )
    .where(where)
    .groupBy(sql`grouping sets ((${topics.id}), ())`);
  const byTopic = new Map<string, TopicStats>();
  let total = ZERO_STATS;
  for (const { topicId, ...stats } of rows) {
    if (topicId === null) total = stats;
    else byTopic.set(topicId, stats);
  }
  return { byTopic, total };
}
