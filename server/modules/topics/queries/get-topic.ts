import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { auditEvents, itemEvents, items, itemVersions, orgs, topics } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { offsetOf } from '../../../lib/pagination.ts';
import { itemScope } from '../../items/index.ts';
import { presentTopicRow } from '../present.ts';
import type { DetailQuery, TopicView } from '../schemas.ts';
import { readerOf, type TopicRow } from '../scope.ts';
import { topicStats, ZERO_STATS } from './topic-stats.ts';

/**
 * One topic as the caller sees it: the office its figures and the submitted items tagged to it;
 * a unit its own items tagged to it (drafts included). Items are read through the items module's
 * scope, so nobody sees more of an item here than in their item lists.
 */
export async function getTopic(
  db: Db,
  actor: Actor,
  row: TopicRow,
  q: DetailQuery,
  now: Date,
): Promise<TopicView> {
  const reader = readerOf(actor);
  const staff = reader.staffOfficeIds.includes(row.officeId);
  const [office] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.officeId));
  const stats = staff
    ? ((await topicStats(db, eq(topics.id, row.id))).byTopic.get(row.id) ?? ZERO_STATS)
    : null;
  const withdrawal = row.status === 'withdrawn' ? await lastWithdrawal(db, row.id) : null;
  return {
    ...presentTopicRow(row, office?.name ?? '', reader, now, stats),
    withdrawnAt: withdrawal?.at ?? null,
    withdrawnByName: withdrawal?.byName ?? null,
    withdrawReason: withdrawal?.reason ?? null,
    items: await taggedItems(db, actor, row, q),
  };
}

/** The withdrawal's reason and author, as recorded with it in the audit log. */
async function lastWithdrawal(db: Db, topicId: string) {
  const [event] = await db
    .select({ at: auditEvents.at, actorName: auditEvents.actorName, diff: auditEvents.diff })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'topic.withdrawn'),
        eq(auditEvents.targetType, 'topic'),
        eq(auditEvents.targetId, topicId),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  if (!event) return null;
  const diff = (event.diff ?? {}) as { reason?: unknown; byName?: unknown; at?: unknown };
  return {
    at: typeof diff.at === 'string' ? new Date(diff.at) : event.at,
    byName: typeof diff.byName === 'string' ? diff.byName : event.actorName,
    reason: typeof diff.reason === 'string' ? diff.reason : null,
  };
}

async function taggedItems(db: Db, actor: Actor, row: TopicRow, q: DetailQuery) {
  const where = and(eq(items.topicId, row.id), eq(items.officeId, row.officeId), itemScope(actor));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: items.id,
        serial: items.serial,
        title: shownTitle(actor.units.map((u) => u.id)),
        status: items.status,
        unitId: items.submittingUnitId,
        unitName: orgs.name,
        submittedAt: items.submittedAt,
      })
      .from(items)
      .innerJoin(orgs, eq(orgs.id, items.submittingUnitId))
      .where(where)
      .orderBy(sql`${items.submittedAt} desc nulls first`, desc(items.serial))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ n: count() }).from(items).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      serial: r.serial,
      title: r.title,
      status: r.status,
      unit: { id: r.unitId, name: r.unitName },
      submittedAt: r.submittedAt,
      link: `/items/${r.id}`,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * The title as the caller may see it. After a 退回 the submitting unit revises the item in place,
 * unsigned; everyone outside that unit keeps the title of the version the office returned (the
 * rule of items/office-view.ts, in SQL as the item lists do).
 */
function shownTitle(viewerUnitIds: string[]): SQL<string> {
  const returnedVersion = sql`(select case when ${itemEvents.action} = 'return'
    then (${itemEvents.data}->>'versionNo')::int end from ${itemEvents}
    where ${itemEvents.itemId} = ${items.id} and ${itemEvents.action} in ('sign', 'resubmit', 'return')
    order by ${itemEvents.at} desc, ${itemEvents.id} desc limit 1)`;
  const ownUnit = viewerUnitIds.length ? inArray(items.submittingUnitId, viewerUnitIds) : sql`false`;
  return sql<string>`case when ${inArray(items.status, ['returned', 'rejected'])} and not (${ownUnit})
    then coalesce((select ${itemVersions.title} from ${itemVersions}
      where ${itemVersions.itemId} = ${items.id} and ${itemVersions.versionNo} = ${returnedVersion}), ${items.title})
    else ${items.title} end`;
}
