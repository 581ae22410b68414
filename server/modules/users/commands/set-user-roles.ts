import { and, count, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { pendingRoleGrants, type Role, userRoles, users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { ADMIN_ROLES, ROLE_LABELS } from '../../../lib/roles.ts';
import { authorizeUserAction } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { holdsAdminRole, roleSetViolation } from '../role-rules.ts';
import { updateUserRow } from './bump-version.ts';

/**
 * The security administrator's grant: replaces an account's roles under 三员分立, in force at once
 * (he is the one who confirms grants, so his own need no second look), and settles any grant still
 * pending from the system administrator (the new set is the decision). An account keeps at least
 * one role; an empty list is allowed only to retire an admin account (the step before it can be
 * deactivated). Taking the last active holder's admin role away is not, or nobody could
 * administer, secure or audit the installation.
 */
export async function setUserRoles(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  input: { roles: Role[]; version: number },
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'setRoles');
  const roles = [...new Set(input.roles)].sort();
  const problem = roleSetViolation(roles);
  if (problem) throw badRequest(problem);
  if (roles.length === 0 && !holdsAdminRole(state.roles)) throw badRequest('请至少选择一个角色');
  const pending = (state.pending ?? []).map((g) => g.role);
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, {}, input.version);
    for (const role of ADMIN_ROLES) {
      if (
        state.roles.includes(role) &&
        !roles.includes(role) &&
        (await otherActiveHolders(tx, role, id)) === 0
      ) {
        throw conflict(`至少须保留一名在用的${ROLE_LABELS[role]}`);
      }
    }
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    await tx.delete(pendingRoleGrants).where(eq(pendingRoleGrants.userId, id));
    if (roles.length > 0) await tx.insert(userRoles).values(roles.map((role) => ({ userId: id, role })));
    await recordAudit(tx, audit, {
      action: 'user.roles_changed',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: { roles: [state.roles, roles], ...(pending.length ? { pendingRoles: [pending, []] } : {}) },
    });
  });
}

async function otherActiveHolders(tx: Db, role: Role, exceptUserId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, role), eq(users.active, true), ne(users.id, exceptUserId)));
  return row.n;
}
