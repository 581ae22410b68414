import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { answerCommissionByItem } from '../../commissions/index.ts';
import type { ItemRow } from '../repository.ts';
import { applyTransition, assertItemQuality, type TransitionInput } from './apply-transition.ts';

/**
 * 签发报送: the unit's signer releases the item to the office. The sign-off is recorded on the
 * item (notices criticise items without one) and the office's time limit starts now. An item
 * linked to a 约稿 answers it.
 */
export async function signItem(
  ctx: AppContext,
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  input: TransitionInput,
): Promise<ItemRow> {
  const signed = await applyTransition(tx, actor, audit, row, 'sign', input, async () => {
    await assertItemQuality(ctx, tx, row, actor.displayName);
    const now = new Date();
    return {
      values: {
        signerId: actor.userId,
        signerName: actor.displayName,
        signedAt: now,
        submittedAt: now,
        decidedAt: null,
      },
      // The version signed off is what the office received (与单位报送稿对比).
      eventData: { signerName: actor.displayName, versionNo: row.currentVersion },
      auditDiff: { signerName: actor.displayName },
    };
  });
  // An item written for a 约稿 answers it when it reaches the office (the first time only).
  await answerCommissionByItem(tx, actor, signed, audit, ctx.clock);
  return signed;
}
