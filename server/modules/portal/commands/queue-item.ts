import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { issueItems, portalQueue } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { assertOfficeStaff } from '../../circulation/index.ts';
import { findItemForActor } from '../../items/index.ts';
import { loadPortalEntry } from '../present.ts';
import { queueForPortal } from '../queue.ts';
import type { PortalEntry } from '../schemas.ts';

export const NOT_PUBLISHED = '只有已发布的信息才能推送网站';
export const ALREADY_QUEUED = '该信息已在网站推送队列中';
export const ALREADY_POSTED = '该信息已在政府网站发布';

/**
 * 推送网站 by hand: office staff queue a published item of their office for the portal (e.g. one
 * not marked for the website when its issue was assembled, or one withdrawn earlier).
 */
export function queueItem(db: Db, actor: Actor, itemId: string, audit: AuditContext): Promise<PortalEntry> {
  return db.transaction(async (tx) => {
    const item = await findItemForActor(tx, actor, itemId, true);
    assertOfficeStaff(actor, item.officeId, '只能推送本办公室的信息');
    if (item.status !== 'published') throw conflict(NOT_PUBLISHED);
    const [existing] = await tx
      .select({ status: portalQueue.status })
      .from(portalQueue)
      .where(eq(portalQueue.itemId, item.id));
    if (existing?.status === 'queued') throw conflict(ALREADY_QUEUED);
    if (existing?.status === 'posted') throw conflict(ALREADY_POSTED);
    const [inIssue] = await tx
      .select({ issueId: issueItems.issueId })
      .from(issueItems)
      .where(eq(issueItems.itemId, item.id));
    const outcome = await queueForPortal(tx, actor, audit, {
      itemId: item.id,
      issueId: inIssue?.issueId ?? null,
      officeId: item.officeId,
    });
    if (outcome === 'already') throw conflict(ALREADY_QUEUED);
    const [row] = await tx
      .select({ id: portalQueue.id })
      .from(portalQueue)
      .where(eq(portalQueue.itemId, item.id));
    return loadPortalEntry(tx, actor, row.id);
  });
}
