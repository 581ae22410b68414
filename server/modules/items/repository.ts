import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ItemStatus, itemEvents, items } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { contentScope, scopeCondition } from '../../lib/data-scope.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { updateVersioned } from '../../lib/records.ts';
import { markItemFactsChanged } from '../assessment/index.ts';
import { circulatedItem } from '../circulation/index.ts';
import { indexItems } from './search-index.ts';
import { type CallerFacts, OFFICE_VISIBLE_STATUSES } from './workflow.ts';

export type ItemRow = typeof items.$inferSelect;

/**
 * The office branch of the item scope: only items whose *current* status the office may see
 * (`OFFICE_SEES_STATUS` in workflow.ts), never a draft or an item awaiting its unit's sign-off,
 * even one that was submitted and returned before.
 */
export const officeMaySee = () => inArray(items.status, OFFICE_VISIBLE_STATUSES);

/**
 * The items a caller may read, as one condition: their units' items (including what their office
 * forwarded), what their unit has signed off to their office — never another unit's drafts — and,
 * for a leader, what was circulated to them on its own or inside an issue.
 */
export function itemScope(actor: Actor) {
  return scopeCondition(contentScope(actor), {
    unitId: items.submittingUnitId,
    officeId: items.officeId,
    officeRequires: officeMaySee(),
    circulatedTo: circulatedItem,
  });
}

export const callerFacts = (actor: Actor): CallerFacts => ({
  roles: actor.roles,
  unitIds: actor.units.map((u) => u.id),
});

/**
 * Loads an item the caller may read, locking the row for the rest of the transaction when
 * `forUpdate`. Another unit's item is 404 with no hint of its title.
 */
export async function findItemForActor(
  tx: Db,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<ItemRow> {
  const query = tx
    .select()
    .from(items)
    .where(and(eq(items.id, id), itemScope(actor)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('信息不存在或您无权查看');
  return row;
}

/** Rejects a write based on a stale read. */
export function assertItemVersion(row: ItemRow, version: number): void {
  if (row.version !== version) throw conflict(ITEM_STALE, { currentVersion: row.version });
}

export const ITEM_STALE = '该信息已被他人修改，请刷新后重试';

/** Updates the row if it still has `version`, bumping it; 409 when someone else saved first. */
export function updateItemVersioned(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof items.$inferInsert>,
): Promise<ItemRow> {
  return updateVersioned(tx, items, id, version, values, ITEM_STALE);
}

/** Appends to the item's timeline (in the caller's transaction, beside the audit event). */
export async function recordItemEvent(
  tx: Db,
  actor: Actor | null,
  itemId: string,
  event: {
    action: string;
    fromStatus?: ItemStatus | null;
    toStatus?: ItemStatus | null;
    reason?: string | null;
    data?: unknown;
  },
): Promise<void> {
  await tx.insert(itemEvents).values({
    itemId,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? '系统',
    actorUnitName: actor?.primaryUnit?.name ?? null,
    action: event.action,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    reason: event.reason ?? null,
    data: event.data ?? null,
  });
  // Every item event may change what scoring counts (docs/domain.md §3.2) and what search finds (§8).
  await markItemFactsChanged(tx, itemId);
  await indexItems(tx, [itemId]);
}
