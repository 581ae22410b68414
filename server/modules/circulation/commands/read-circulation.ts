import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { circulations } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { notFound } from '../../../lib/errors.ts';
import { markCirculationsRead } from '../mark-read.ts';

export const CIRCULATION_NOT_FOUND = '传阅件不存在或您无权查看';

/**
 * 标记已阅: the recipient marks a circulation read. Idempotent — the first read time is kept and
 * only the first read is audited. Anyone else's circulation is 404.
 */
export function readCirculation(
  db: Db,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<{ readAt: string }> {
  return db.transaction(async (tx) => {
    const mine = and(eq(circulations.id, id), eq(circulations.recipientId, actor.userId));
    const [updated] = await markCirculationsRead(tx, actor, audit, eq(circulations.id, id));
    if (updated?.readAt) return { readAt: updated.readAt.toISOString() };
    const [row] = await tx.select({ readAt: circulations.readAt }).from(circulations).where(mine);
    if (!row?.readAt) throw notFound(CIRCULATION_NOT_FOUND);
    return { readAt: row.readAt.toISOString() };
  });
}
