import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { conflict, forbidden } from '../../../lib/errors.ts';
import {
  callerFacts,
  checkTransition,
  type ItemRow,
  notifyItemMoved,
  recordItemEvent,
  updateItemVersioned,
} from '../../items/index.ts';

/** The item actions only an issue command takes (编入刊物, 移出刊物, 刊发). */
export type IssueItemAction = 'add_to_issue' | 'remove_from_issue' | 'publish';

/** What an item's timeline records about the issue that moved it. */
export type IssueRef = { issueId: string; label: string; publicationName: string };

/**
 * Moves one item (already locked by the caller) through its own transition table as part of an
 * issue change — the same rows, roles and states as any item action, taken only from here —
 * bumping its version and writing its timeline event with the issue named. The caller writes
 * the audit event for the issue as a whole.
 */
export async function moveItem(
  tx: Db,
  actor: Actor,
  row: ItemRow,
  action: IssueItemAction,
  issue: IssueRef,
): Promise<ItemRow> {
  const check = checkTransition(action, row, callerFacts(actor), { viaIssue: true });
  if (!check.ok) {
    const message = `信息《${row.title}》：${check.refusal.message}`;
    throw check.refusal.status === 403 ? forbidden(message) : conflict(message);
  }
  const to = check.transition.to ?? row.status;
  const updated = await updateItemVersioned(tx, row.id, row.version, { status: to });
  await recordItemEvent(tx, actor, row.id, { action, fromStatus: row.status, toStatus: to, data: issue });
  if (action === 'publish') {
    await notifyItemMoved(tx, updated, 'publish', {
      detail: `刊于《${issue.publicationName}》${issue.label}`,
    });
  }
  return updated;
}
