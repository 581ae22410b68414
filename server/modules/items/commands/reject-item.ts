import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import type { ItemRow } from '../repository.ts';
import { applyTransition, type TransitionInput } from './apply-transition.ts';

/** 退稿: the office declines the item for good, with a reason the unit sees. */
export function rejectItem(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  input: TransitionInput,
): Promise<ItemRow> {
  return applyTransition(tx, actor, audit, row, 'reject', input, async () => ({
    values: { decidedAt: new Date() },
  }));
}
