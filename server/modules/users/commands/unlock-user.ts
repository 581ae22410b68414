import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { authorizeUserAction } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { updateUserRow } from './bump-version.ts';

/** Lifts a lockout before it runs out, e.g. after the user called the office. */
export async function unlockUser(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'unlock');
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, { failedAttempts: 0, lockedUntil: null });
    await recordAudit(tx, audit, {
      action: 'user.unlocked',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: { lockedUntil: [user.lockedUntil?.toISOString() ?? null, null] },
    });
  });
}
