import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { AppError } from '../../../lib/errors.ts';
import { findItemForActor, type ItemRow } from '../repository.ts';
import type { BatchInput } from '../workflow-schemas.ts';
import { naming } from './apply-transition.ts';
import { runTransition } from './transition-item.ts';

/**
 * Batch accept / return / reject from the inbox: all or nothing, in one transaction. The first
 * refusal names the item by its number and undoes the items already done in the batch.
 */
export function batchTransition(
  ctx: AppContext,
  actor: Actor,
  input: BatchInput,
  audit: AuditContext,
): Promise<ItemRow[]> {
  return ctx.db.transaction(async (tx) => {
    // Lock in a fixed order so two overlapping batches cannot deadlock.
    const locked = new Map<string, ItemRow>();
    for (const id of [...input.ids].sort()) {
      try {
        locked.set(id, await findItemForActor(tx, actor, id, true));
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 404) {
          throw new AppError(404, 'NOT_FOUND', '所选信息中有不存在或您无权查看的信息，请刷新列表后重试', {
            id,
          });
        }
        throw error;
      }
    }
    const done: ItemRow[] = [];
    for (const id of input.ids) {
      const row = locked.get(id)!;
      try {
        done.push(
          await runTransition(ctx, tx, actor, audit, row, input.action, {
            version: input.versions?.[id] ?? row.version,
            reason: input.reason,
            targetPublicationId: input.targetPublicationId,
          }),
        );
      } catch (error) {
        throw naming(error, row);
      }
    }
    return done;
  });
}
