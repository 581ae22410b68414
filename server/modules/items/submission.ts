import { and, desc, eq, inArray, lte, max } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { itemEvents, items, itemVersions } from '../../db/schema/index.ts';
import type { ItemRow } from './repository.ts';

/** Events that put an item into an office's inbox: the unit's sign-off, a lower office's 转报 or resubmission, 合报. */
const INTO_INBOX = ['sign', 'resubmit', 'forwarded_in', 'merged_from'] as const;

/**
 * While an item is back with its unit (a draft again, or waiting for the signer after a return
 * and a revision), the earlier round's sign-off, submission time and time limit no longer hold:
 * the new sign-off sets them again.
 */
export const awaitsUnitSignoff = (row: Pick<ItemRow, 'status'>): boolean =>
  row.status === 'draft' || row.status === 'pending_signoff';

/**
 * The version the office received in the latest hand-over (the text the unit signed off, or the
 * lower office forwarded): the base the office's edits are compared with (与单位报送稿对比).
 * The sign-off records its version; older events are matched by time (the last version saved
 * up to the hand-over, in the same transaction for a forwarded copy). Null before any hand-over.
 */
export async function submittedVersionOf(db: Db, row: Pick<ItemRow, 'id' | 'currentVersion'>) {
  const [last] = await db
    .select({ at: itemEvents.at, data: itemEvents.data })
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, row.id), inArray(itemEvents.action, [...INTO_INBOX])))
    .orderBy(desc(itemEvents.at), desc(itemEvents.id))
    .limit(1);
  if (!last) return null;
  const recorded = (last.data as { versionNo?: unknown } | null)?.versionNo;
  if (typeof recorded === 'number') return Math.min(recorded, row.currentVersion);
  const [before] = await db
    .select({ n: max(itemVersions.versionNo) })
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, row.id), lte(itemVersions.createdAt, last.at)));
  return before?.n ? Math.min(before.n, row.currentVersion) : null;
}

/**
 * Who signed the item off and who passed it on. The signer is always the origin unit's (审核签发制度):
 * on an upper office's copy of a forwarded item it is the root item's signer, and the lower
 * office's editor who forwarded it is the 转报人 (from the copy's 收到转报 event).
 */
export async function signoffOf(db: Db, row: ItemRow) {
  const forwarded = row.forwardedFromId !== null && row.rootId !== null;
  const [root] = forwarded
    ? await db
        .select({ signerName: items.signerName, signedAt: items.signedAt })
        .from(items)
        .where(eq(items.id, row.rootId as string))
    : [];
  const source = root ?? row;
  const signer = source.signerName
    ? { name: source.signerName, signedAt: source.signedAt?.toISOString() ?? null }
    : null;
  if (!forwarded) return { signer, forwardedBy: null };
  const [event] = await db
    .select({ name: itemEvents.actorName, unitName: itemEvents.actorUnitName, at: itemEvents.at })
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, row.id), eq(itemEvents.action, 'forwarded_in')))
    .orderBy(desc(itemEvents.at), desc(itemEvents.id))
    .limit(1);
  return {
    signer,
    forwardedBy: event ? { name: event.name, unitName: event.unitName, at: event.at.toISOString() } : null,
  };
}
