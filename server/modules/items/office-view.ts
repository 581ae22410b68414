import { and, desc, eq, inArray, lte, max } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { itemEvents, itemVersions } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ItemRow } from './repository.ts';

/** Events that hand an item's text to the office (the unit's sign-off, a lower office's resubmission) or back. */
const HAND_OVER_ACTIONS = ['sign', 'resubmit', 'return'] as const;

/** Statuses in which the text may be the submitter's unsigned revision of a returned item. */
const AFTER_RETURN: readonly ItemRow['status'][] = ['returned', 'rejected'];

/**
 * After the office returns an item (退回修改) the submitter revises it in place, and those
 * revisions are unsigned until the unit signs it off again (审核签发制度): the office, and anyone
 * else outside the submitting unit, keeps seeing the text it returned. Returns the number of that
 * version, or null when the caller sees the current text (the submitter itself, or no return
 * since the last hand-over).
 */
export async function frozenVersionFor(db: Db, actor: Actor, row: ItemRow): Promise<number | null> {
  if (!AFTER_RETURN.includes(row.status)) return null;
  if (actor.units.some((u) => u.id === row.submittingUnitId)) return null;
  const [last] = await db
    .select({ action: itemEvents.action, at: itemEvents.at, data: itemEvents.data })
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, row.id), inArray(itemEvents.action, [...HAND_OVER_ACTIONS])))
    .orderBy(desc(itemEvents.at), desc(itemEvents.id))
    .limit(1);
  if (last?.action !== 'return') return null;
  const recorded = (last.data as { versionNo?: unknown } | null)?.versionNo;
  if (typeof recorded === 'number') return Math.min(recorded, row.currentVersion);
  // Returns recorded before the version was kept in the event: the last version saved before it.
  const [before] = await db
    .select({ n: max(itemVersions.versionNo) })
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, row.id), lte(itemVersions.createdAt, last.at)));
  return Math.min(before?.n ?? 1, row.currentVersion);
}

/**
 * The row as the caller may see it: for the office reading a returned item under revision, the
 * title, body and version number it returned (`frozenVersionFor`); otherwise the row itself.
 */
export async function itemAsSeenBy(db: Db, actor: Actor, row: ItemRow): Promise<ItemRow> {
  const versionNo = await frozenVersionFor(db, actor, row);
  if (versionNo === null || versionNo === row.currentVersion) return row;
  const [v] = await db
    .select({ title: itemVersions.title, body: itemVersions.body })
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, row.id), eq(itemVersions.versionNo, versionNo)));
  return v ? { ...row, title: v.title, body: v.body, currentVersion: versionNo } : row;
}
