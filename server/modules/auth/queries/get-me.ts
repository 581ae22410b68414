import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { users } from '../../../db/schema/index.ts';
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
    },
    menu: menuFor(roles),
    /** So the change-password screen can state the rule before the server rejects a password. */
    passwordPolicy: { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses },
  };
}
