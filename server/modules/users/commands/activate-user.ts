import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { authorizeUserAction } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { updateUserRow } from './bump-version.ts';

/** Lets a stopped account log in again (its password and roles are as they were). */
export async function activateUser(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'activate');
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, { active: true }, version);
    await recordAudit(tx, audit, {
      action: 'user.activated',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: { active: [false, true] },
    });
  });
}
