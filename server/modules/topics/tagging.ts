import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type TopicStatus, topics } from '../../db/schema/index.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { periodEnded, periodLabel } from './periods.ts';

export type TopicRef = { id: string; title: string; periodLabel: string };

/**
 * The check an item's create or update runs before it sets `items.topicId`: the topic must be one
 * the item's receiving office (`officeId`) published, and its period must not have ended by
 * `today` (yyyy-mm-dd, China; `todayInChina(clock.now())`). Unknown, another office's, or a draft
 * → 404 (units never see drafts); withdrawn or ended → 400. The row is read `FOR SHARE`, so a
 * withdrawal running at the same time waits for the item's transaction. Call it only when the
 * topic changes: an item keeps a tag it already had after the period ends.
 */
export async function assertTopicForItem(
  tx: Db,
  topicId: string,
  officeId: string,
  today: string,
): Promise<TopicRef> {
  const [row] = await tx
    .select()
    .from(topics)
    .where(and(eq(topics.id, topicId), eq(topics.officeId, officeId)))
    .for('share');
  if (!row || row.status === 'draft') throw notFound('所选报送要点不存在，或不是本信息报送办公室的报送要点');
  if (row.status === 'withdrawn') throw badRequest(`报送要点“${row.title}”已撤回，不能再选用`);
  if (periodEnded(row, today))
    throw badRequest(`报送要点“${row.title}”已于 ${row.periodEnd} 截止，不能再选用`);
  return { id: row.id, title: row.title, periodLabel: periodLabel(row.periodStart, row.periodEnd) };
}

/** Titles of topics by id, for showing an item's tag (whatever the topic's status now). */
export async function topicRefs(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, TopicRef & { status: TopicStatus }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(topics)
    .where(inArray(topics.id, [...new Set(ids)]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        periodLabel: periodLabel(r.periodStart, r.periodEnd),
        status: r.status,
      },
    ]),
  );
}
