import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs, topics } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { forbidden } from '../../../lib/errors.ts';
import { staffOfficeIds } from '../../circulation/index.ts';
import { periodLabel, TOPIC_STATUS_LABELS } from '../periods.ts';
import type { StatsQuery, StatsResponse } from '../schemas.ts';
import { overlaps } from './list-topics.ts';
import { topicStats, ZERO_STATS } from './topic-stats.ts';

/**
 * 报送要点统计 of one office: every topic it published (withdrawn ones included, their items stay
 * counted) whose period overlaps [from, to], with its figures and the total. Drafts never carry
 * items and are left out.
 */
export async function statsOfOffice(db: Db, actor: Actor, q: StatsQuery): Promise<StatsResponse> {
  const offices = staffOfficeIds(actor);
  const officeId = q.officeId ?? offices[0];
  if (!officeId || !offices.includes(officeId)) throw forbidden('只能查看本办公室报送要点的统计');
  const where = and(eq(topics.officeId, officeId), ne(topics.status, 'draft'), ...overlaps(q.from, q.to));
  const [[office], rows, figures] = await Promise.all([
    db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, officeId)),
    db
      .select()
      .from(topics)
      .where(where)
      .orderBy(asc(topics.periodStart), asc(topics.sortOrder), asc(topics.createdAt), asc(topics.id)),
    topicStats(db, where),
  ]);
  return {
    office: office ?? { id: officeId, name: '' },
    from: q.from ?? null,
    to: q.to ?? null,
    topics: rows.map((t) => ({
      id: t.id,
      title: t.title,
      periodStart: t.periodStart,
      periodEnd: t.periodEnd,
      periodLabel: periodLabel(t.periodStart, t.periodEnd),
      status: t.status,
      statusLabel: TOPIC_STATUS_LABELS[t.status],
      stats: figures.byTopic.get(t.id) ?? ZERO_STATS,
    })),
    total: figures.total,
  };
}
