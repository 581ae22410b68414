import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { items, portalQueue } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict, notFound } from '../../../lib/errors.ts';
import { staffOfficeIds } from '../../circulation/index.ts';
import { itemLabel, recordItemEvent } from '../../items/index.ts';
import { loadPortalEntry } from '../present.ts';
import type { PortalEntry, WithdrawInput } from '../schemas.ts';

export const PORTAL_ENTRY_NOT_FOUND = '网站推送记录不存在或您无权查看';
export const STALE = '该记录已被他人修改，请刷新后重试';

/**
 * 撤回网站推送: office staff take a queued item back before the portal posts it, saying why. What
 * the portal already posted is taken down there, not here.
 */
export function withdrawEntry(
  db: Db,
  actor: Actor,
  id: number,
  input: WithdrawInput,
  audit: AuditContext,
): Promise<PortalEntry> {
  return db.transaction(async (tx) => {
    const offices = staffOfficeIds(actor);
    const [row] = offices.length
      ? await tx
          .select()
          .from(portalQueue)
          .where(and(eq(portalQueue.id, id), inArray(portalQueue.officeId, offices)))
          .for('update')
      : [];
    if (!row) throw notFound(PORTAL_ENTRY_NOT_FOUND);
    if (row.status === 'withdrawn') throw conflict('该信息的网站推送已撤回');
    if (row.status === 'posted') throw conflict('该信息已在政府网站发布，不能撤回');
    if (row.version !== input.version) throw conflict(STALE, { currentVersion: row.version });
    if (!input.reason) throw badRequest('请填写撤回原因');

    const [updated] = await tx
      .update(portalQueue)
      .set({
        status: 'withdrawn',
        withdrawnReason: input.reason,
        withdrawnAt: new Date(),
        version: sql`${portalQueue.version} + 1`,
      })
      .where(and(eq(portalQueue.id, id), eq(portalQueue.version, input.version)))
      .returning();
    if (!updated) throw conflict(STALE);
    const [item] = await tx
      .select({ serial: items.serial, title: items.title })
      .from(items)
      .where(eq(items.id, row.itemId));
    await recordAudit(tx, audit, {
      action: 'portal.withdrawn',
      targetType: 'item',
      targetId: row.itemId,
      targetLabel: item ? itemLabel(item) : null,
      diff: { portalEntryId: row.id, reason: input.reason },
    });
    await recordItemEvent(tx, actor, row.itemId, { action: 'portal_withdrawn', reason: input.reason });
    return loadPortalEntry(tx, actor, row.id);
  });
}
