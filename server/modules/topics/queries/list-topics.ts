import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs, topics } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { containsPattern } from '../../../lib/like.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { todayInChina } from '../../orgs/index.ts';
import { presentTopicRow } from '../present.ts';
import type { CurrentQuery, ListFilter } from '../schemas.ts';
import { readerOf, type TopicReader, type TopicRow, topicScope } from '../scope.ts';
import { topicStats } from './topic-stats.ts';

/** Topics whose period overlaps [from, to] (either end open). */
export function overlaps(from: string | undefined, to: string | undefined): SQL[] {
  const conds: SQL[] = [];
  if (from) conds.push(gte(topics.periodEnd, from));
  if (to) conds.push(lte(topics.periodStart, to));
  return conds;
}

/** Rows with their office's name, and the figures for the rows the caller's office set. */
async function present(db: Db, reader: TopicReader, rows: { t: TopicRow; officeName: string }[], now: Date) {
  const own = rows.filter((r) => reader.staffOfficeIds.includes(r.t.officeId)).map((r) => r.t.id);
  const { byTopic } = own.length ? await topicStats(db, inArray(topics.id, own)) : { byTopic: new Map() };
  return rows.map((r) => presentTopicRow(r.t, r.officeName, reader, now, byTopic.get(r.t.id) ?? null));
}

/**
 * 报送要点 list: the office's 信息科 sees all of its own (drafts and withdrawn ones too) with their
 * figures; a unit the published ones of the office it reports to. Newest period first, then the
 * office's order. One page query, one count, one grouped figures query for the page. With
 * `'all'`, every row for the list's Excel export.
 */
export async function listTopics(db: Db, actor: Actor, q: ListFilter, paging: Paging, now: Date) {
  const reader = readerOf(actor);
  const today = todayInChina(now);
  const conds: SQL[] = [topicScope(reader), ...overlaps(q.from, q.to)];
  if (q.status) conds.push(eq(topics.status, q.status));
  if (q.officeId) conds.push(eq(topics.officeId, q.officeId));
  if (q.period === 'current') conds.push(lte(topics.periodStart, today), gte(topics.periodEnd, today));
  if (q.period === 'upcoming') conds.push(gt(topics.periodStart, today));
  if (q.period === 'ended') conds.push(lt(topics.periodEnd, today));
  if (q.q) {
    const p = containsPattern(q.q);
    conds.push(or(ilike(topics.title, p), ilike(topics.description, p)) as SQL);
  }
  const where = and(...conds);
  const [total] = await db.select({ n: count() }).from(topics).where(where);
  const window = rowWindow(paging, total?.n ?? 0, '报送要点');
  const rows = await db
    .select({ t: topics, officeName: orgs.name })
    .from(topics)
    .innerJoin(orgs, eq(orgs.id, topics.officeId))
    .where(where)
    .orderBy(desc(topics.periodStart), asc(topics.sortOrder), desc(topics.createdAt), asc(topics.id))
    .limit(window.limit)
    .offset(window.offset);
  return {
    items: await present(db, reader, rows, now),
    total: total?.n ?? 0,
    ...pageFields(paging),
  };
}

/**
 * The topics in force today, for the home page and the item form: published, the period covering
 * today, of the offices the caller reports to and of their own office; in the office's order.
 */
export async function currentTopics(db: Db, actor: Actor, q: CurrentQuery, now: Date) {
  const reader = readerOf(actor);
  const today = todayInChina(now);
  const rows = await db
    .select({ t: topics, officeName: orgs.name })
    .from(topics)
    .innerJoin(orgs, eq(orgs.id, topics.officeId))
    .where(
      and(
        topicScope(reader),
        eq(topics.status, 'published'),
        lte(topics.periodStart, today),
        gte(topics.periodEnd, today),
        q.officeId ? eq(topics.officeId, q.officeId) : undefined,
      ),
    )
    .orderBy(asc(orgs.sortOrder), asc(topics.sortOrder), asc(topics.periodEnd), asc(topics.id))
    .limit(200);
  return { items: await present(db, reader, rows, now) };
}
