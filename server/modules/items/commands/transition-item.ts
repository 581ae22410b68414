import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { findItemForActor, type ItemRow } from '../repository.ts';
import type { ActionInput, TransitionAction } from '../workflow-schemas.ts';
import { acceptItem } from './accept-item.ts';
import { applyTransition, assertItemQuality } from './apply-transition.ts';
import { forwardItem } from './forward-item.ts';
import { rejectItem } from './reject-item.ts';
import { returnItem } from './return-item.ts';
import { signItem } from './sign-item.ts';

/**
 * One workflow action on one item (POST /api/items/:id/actions/:action), in one transaction
 * with the row locked: either every check passes and the change, its timeline event and its
 * audit event are written together, or nothing is.
 */
export function transitionItem(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: TransitionAction,
  input: ActionInput,
  audit: AuditContext,
): Promise<ItemRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await findItemForActor(tx, actor, id, true);
    return runTransition(ctx, tx, actor, audit, row, action, input);
  });
}

/** Dispatches to the action's use case on a row already loaded within scope and locked. */
export function runTransition(
  ctx: AppContext,
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  action: TransitionAction,
  input: ActionInput,
): Promise<ItemRow> {
  switch (action) {
    case 'sign':
      return signItem(ctx, tx, actor, audit, row, input);
    case 'accept':
      return acceptItem(tx, actor, audit, row, input);
    case 'return':
      return returnItem(tx, actor, audit, row, input);
    case 'reject':
      return rejectItem(tx, actor, audit, row, input);
    case 'forward':
      return forwardItem(tx, actor, audit, row, input);
    case 'submit_for_signoff':
      // The writer's text is checked before it reaches the signer.
      return applyTransition(tx, actor, audit, row, action, input, async () => {
        await assertItemQuality(ctx, tx, row);
        return {};
      });
    case 'resubmit':
      // A returned upward copy goes back to the upper office's inbox; its time limit restarts.
      return applyTransition(tx, actor, audit, row, action, input, async () => ({
        values: { submittedAt: new Date(), decidedAt: null },
        eventData: { versionNo: row.currentVersion },
      }));
    case 'withdraw':
    case 'signer_return':
      return applyTransition(tx, actor, audit, row, action, input);
  }
}
