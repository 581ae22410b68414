import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { items, portalQueue } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../lib/audit.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { itemLabel, recordItemEvent } from '../items/index.ts';

export const SECRET_NOT_FOR_PORTAL = '秘密/机密信息不能推送政府网站';

/**
 * Hands a published item to the public portal (网站待发布). The one rule that must never be
 * bypassed lives here: only 普通 (public) items may reach a public page — publishing an issue
 * reuses this for its forPortal items. An item already queued or posted is left as it is
 * ('already'); a withdrawn one is queued again. The caller has checked the item is published at
 * `officeId`. Audited, and on the item's timeline, in the caller's transaction.
 */
export async function queueForPortal(
  tx: Db,
  actor: Actor,
  auditCtx: AuditContext,
  entry: { itemId: string; issueId: string | null; officeId: string },
): Promise<'queued' | 'already'> {
  const [item] = await tx
    .select({ id: items.id, serial: items.serial, title: items.title, secrecy: items.secrecy })
    .from(items)
    .where(eq(items.id, entry.itemId));
  if (!item) throw notFound('信息不存在或您无权查看');
  if (item.secrecy !== 'public') throw badRequest(SECRET_NOT_FOR_PORTAL);

  const [existing] = await tx
    .select()
    .from(portalQueue)
    .where(eq(portalQueue.itemId, entry.itemId))
    .for('update');
  if (existing && existing.status !== 'withdrawn') return 'already';

  const queued = {
    issueId: entry.issueId,
    officeId: entry.officeId,
    status: 'queued' as const,
    queuedById: actor.userId,
    queuedByName: actor.displayName,
    queuedAt: new Date(),
  };
  const [row] = existing
    ? await tx
        .update(portalQueue)
        .set({
          ...queued,
          withdrawnReason: null,
          withdrawnAt: null,
          version: sql`${portalQueue.version} + 1`,
        })
        .where(and(eq(portalQueue.id, existing.id), eq(portalQueue.version, existing.version)))
        .returning()
    : await tx
        .insert(portalQueue)
        .values({ ...queued, itemId: entry.itemId })
        .onConflictDoNothing()
        .returning();
  // A concurrent request queued it first (the unique index on the item decided).
  if (!row) return 'already';

  const facts = { portalEntryId: row.id, issueId: row.issueId, requeued: Boolean(existing) };
  await recordAudit(tx, auditCtx, {
    action: 'portal.queued',
    targetType: 'item',
    targetId: item.id,
    targetLabel: itemLabel(item),
    diff: facts,
  });
  await recordItemEvent(tx, actor, item.id, { action: 'portal_queued', data: facts });
  return 'queued';
}
