import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { pendingRoleGrants, type Role, userRoles } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { ROLE_LABELS } from '../../../lib/roles.ts';
import { authorizeUserAction } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { roleSetViolation } from '../role-rules.ts';
import { updateUserRow } from './bump-version.ts';

type Review = { roles: Role[]; version: number };

/** The named grants, all of which must be waiting; 409 naming the first that is not. */
function pickPending(pending: readonly { role: Role }[], roles: Role[]): Role[] {
  const wanted = [...new Set(roles)].sort();
  const missing = wanted.find((r) => !pending.some((g) => g.role === r));
  if (missing) throw conflict(`“${ROLE_LABELS[missing]}”不在待确认的授权中，请刷新后重试`);
  return wanted;
}

/**
 * The security administrator confirms business roles the system administrator granted (三员分立):
 * only now do they take effect, at the account's next request. Not his own account's, nor a grant
 * of his own (policy `reviewGrants`).
 */
export async function confirmRoleGrants(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  input: Review,
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'reviewGrants');
  const roles = pickPending(state.pending ?? [], input.roles);
  const after = [...new Set([...state.roles, ...roles])].sort();
  const problem = roleSetViolation(after);
  if (problem) throw badRequest(problem);
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, {}, input.version);
    await tx
      .delete(pendingRoleGrants)
      .where(and(eq(pendingRoleGrants.userId, id), inArray(pendingRoleGrants.role, roles)));
    await tx
      .insert(userRoles)
      .values(roles.map((role) => ({ userId: id, role })))
      .onConflictDoNothing();
    await recordAudit(tx, audit, {
      action: 'user.role_grants_confirmed',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: {
        roles: [state.roles, after],
        confirmed: roles,
        grantedBy: (state.pending ?? []).filter((g) => roles.includes(g.role)).map((g) => g.grantedByName),
      },
    });
  });
}

/** The security administrator refuses grants with a reason: they are removed, never in force. */
export async function rejectRoleGrants(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  input: Review & { reason: string },
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'reviewGrants');
  const roles = pickPending(state.pending ?? [], input.roles);
  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, {}, input.version);
    await tx
      .delete(pendingRoleGrants)
      .where(and(eq(pendingRoleGrants.userId, id), inArray(pendingRoleGrants.role, roles)));
    await recordAudit(tx, audit, {
      action: 'user.role_grants_rejected',
      targetType: 'user',
      targetId: id,
      targetLabel: user.username,
      diff: {
        rejected: roles,
        reason: input.reason,
        grantedBy: (state.pending ?? []).filter((g) => roles.includes(g.role)).map((g) => g.grantedByName),
      },
    });
  });
}
