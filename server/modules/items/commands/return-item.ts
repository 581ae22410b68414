import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import type { ItemRow } from '../repository.ts';
import { applyTransition, type TransitionInput } from './apply-transition.ts';

/**
 * 退回修改: the office sends the item back with a reason; the unit revises and resubmits it,
 * keeping its history. An earlier choice of publication no longer holds.
 */
export function returnItem(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  input: TransitionInput,
): Promise<ItemRow> {
  return applyTransition(tx, actor, audit, row, 'return', input, async () => ({
    values: { decidedAt: new Date(), targetPublicationId: null },
    // The text the office returned: what it keeps seeing while the submitter revises (office-view.ts).
    eventData: { versionNo: row.currentVersion },
  }));
}
