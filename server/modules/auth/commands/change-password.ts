import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { sessions, users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { hashPassword, passwordPolicyViolation, verifyPassword } from '../password.ts';
import { getSecurityPolicy } from '../security-policy.ts';

/** The caller changes their own password; other sessions of the account are ended. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  audit: AuditContext,
): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw badRequest('当前密码不正确');
  if (input.currentPassword === input.newPassword) throw badRequest('新密码不能与当前密码相同');
  const policy = await getSecurityPolicy(ctx.db, ctx.config.security);
  const violation = passwordPolicyViolation(input.newPassword, policy, user.username);
  if (violation) throw badRequest(violation);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, actor.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId)));
    await recordAudit(tx, audit, {
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: actor.userId,
      targetLabel: actor.username,
    });
  });
}
