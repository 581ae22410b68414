import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { pendingRoleGrants, sessions, userRoles } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { BUSINESS_ROLES } from '../../../lib/roles.ts';
import { getSecurityPolicy, hashPassword, passwordPolicyViolation } from '../../auth/index.ts';
import { authorizeUserAction, isLocked } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { updateUserRow } from './bump-version.ts';

/**
 * Gives an account a temporary password: the user must change it at next login, a lockout is
 * lifted and every open session ends (whoever knew the old password is out). `actor` is null
 * at the console (`xinbao user reset-password`), where the operator stands outside 三员分立.
 *
 * When the system administrator resets the password of an account with business roles, he knows
 * the password that opens it — so, as with a grant (三员分立), its business roles wait for the
 * 安全管理员 to confirm them again (待确认授权) before the account reads any content.
 */
export async function resetUserPassword(
  ctx: Pick<AppContext, 'db' | 'config'>,
  actor: Actor | null,
  id: string,
  password: string,
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  if (actor) authorizeUserAction(actor, state, 'resetPassword');
  const policy = await getSecurityPolicy(ctx.db, ctx.config.security);
  const violation = passwordPolicyViolation(password, policy, user.username);
  if (violation) throw badRequest(`密码不符合密码策略：${violation}`);
  const passwordHash = await hashPassword(password);
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, {
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: now,
    });
    const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
    const suspended = actor?.roles.includes('sysadmin')
      ? state.roles.filter((r) => BUSINESS_ROLES.includes(r))
      : [];
    if (suspended.length && actor) {
      await tx.delete(userRoles).where(and(eq(userRoles.userId, id), inArray(userRoles.role, suspended)));
      await tx
        .insert(pendingRoleGrants)
        .values(
          suspended.map((role) => ({
            userId: id,
            role,
            grantedBy: actor.userId,
            grantedByName: `${actor.displayName}（${actor.username}）`,
          })),
        )
        .onConflictDoNothing();
    }
    await recordAudit(tx, audit, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: {
        mustChangePassword: true,
        lockoutCleared: isLocked(user, now),
        sessionsEnded: ended.length,
        ...(suspended.length ? { rolesAwaitingConfirmation: suspended } : {}),
      },
    });
  });
}
