import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { auditEvents, users } from '../../../db/schema/index.ts';
import { loadMembership } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { menuFor } from '../abilities.ts';
import { getSecurityPolicy } from '../security-policy.ts';

/** Who the caller is, their units and roles, and the menu their roles open. */
export async function presentMe(ctx: AppContext, userId: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('用户不存在');
  const { roles, units } = await loadMembership(ctx.db, userId);
  const policy = await getSecurityPolicy(ctx.db, ctx.config.security);
  // The newest login is the current one; the one before it is what the user should check.
  const [, previousLogin] = await ctx.db
    .select({ at: auditEvents.at, ip: auditEvents.ip })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, userId), eq(auditEvents.action, 'auth.login')))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(2);
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      phone: user.phone,
      roles,
      units,
      primaryUnit: units.find((u) => u.isPrimary) ?? units[0] ?? null,
      mustChangePassword: user.mustChangePassword,
      lastLoginAt: user.lastLoginAt,
      /** The login before the current session's, so the user can spot use of their account. */
      previousLogin: previousLogin ?? null,
    },
    menu: menuFor(roles),
    /** So the change-password screen can state the rule before the server rejects a password. */
    passwordPolicy: { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses },
  };
}
