import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { pendingRoleGrants, users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { userActions } from '../policy.ts';
import { loadMemberships, loadPendingGrants } from './present-users.ts';

/**
 * 待确认授权: every account with business roles the system administrator granted and the security
 * administrator has not yet confirmed or rejected, oldest grant first.
 */
export async function listPendingGrants(db: Db, actor: Actor) {
  const waiting = await db
    .selectDistinct({ userId: pendingRoleGrants.userId, grantedAt: pendingRoleGrants.grantedAt })
    .from(pendingRoleGrants)
    .orderBy(asc(pendingRoleGrants.grantedAt));
  const ids = [...new Set(waiting.map((w) => w.userId))];
  if (ids.length === 0) return { items: [] };
  const rows = await db.select().from(users).where(inArray(users.id, ids));
  const { roles, units } = await loadMemberships(db, ids);
  const grants = await loadPendingGrants(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.flatMap((id) => {
      const u = byId.get(id);
      if (!u) return [];
      const pending = grants.get(id) ?? [];
      const state = { id, active: u.active, lockedUntil: u.lockedUntil, roles: roles.get(id) ?? [], pending };
      const primary = units.get(id)?.[0];
      return [
        {
          userId: id,
          username: u.username,
          displayName: u.displayName,
          unitName: primary?.name ?? null,
          roles: state.roles,
          pendingGrants: pending.map((g) => ({
            role: g.role,
            grantedByName: g.grantedByName,
            grantedAt: g.grantedAt.toISOString(),
          })),
          reviewable: userActions(actor, state).includes('reviewGrants'),
          version: u.version,
        },
      ];
    }),
  };
}
