import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type PortalQueueStatus, portalQueue } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { staffOfficeIds } from '../../circulation/index.ts';
import { loadPortalEntries } from '../present.ts';
import type { PortalFilter, PortalPage } from '../schemas.ts';

/**
 * 网站推送: the caller's offices' hand-offs to the portal, newest first, with a count per status;
 * one page, or (`'all'`) every row for the queue's Excel export.
 */
export async function listPortalQueue(
  db: Db,
  actor: Actor,
  query: PortalFilter,
  paging: Paging,
): Promise<PortalPage> {
  const offices = staffOfficeIds(actor);
  const counts: Record<PortalQueueStatus, number> = { queued: 0, withdrawn: 0, posted: 0 };
  if (!offices.length) return { items: [], total: 0, ...pageFields(paging), counts };
  const own = inArray(portalQueue.officeId, offices);
  const byStatus = await db
    .select({ status: portalQueue.status, n: count() })
    .from(portalQueue)
    .where(own)
    .groupBy(portalQueue.status);
  for (const { status, n } of byStatus) counts[status] = n;
  const where = query.status ? and(own, eq(portalQueue.status, query.status)) : own;
  const total = query.status ? counts[query.status] : counts.queued + counts.withdrawn + counts.posted;
  const entries = await loadPortalEntries(db, actor, where, rowWindow(paging, total, '推送记录'));
  return { items: entries, total, ...pageFields(paging), counts };
}
