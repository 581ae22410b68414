import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { sessions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { authorizeUserAction } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { updateUserRow } from './bump-version.ts';

/** Stops an account (people leave; accounts are never deleted) and ends its sessions at once. */
export async function deactivateUser(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'deactivate');
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, { active: false }, version);
    const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
    await recordAudit(tx, audit, {
      action: 'user.deactivated',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: { active: [true, false], sessionsEnded: ended.length },
    });
  });
}
