import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  orgs,
  pendingRoleGrants,
  type Role,
  userRoles,
  type users,
  userUnits,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { isLocked, userActions } from '../policy.ts';
import type { UserView } from '../schemas.ts';

export type UserRow = typeof users.$inferSelect;
export type UserUnit = { id: string; name: string; shortName: string; isPrimary: boolean };

export type PendingGrant = { role: Role; grantedBy: string | null; grantedByName: string; grantedAt: Date };

/** The grants waiting for the security administrator, of many users, keyed by user id. */
export async function loadPendingGrants(db: Db, userIds: string[]): Promise<Map<string, PendingGrant[]>> {
  const pending = new Map<string, PendingGrant[]>();
  if (userIds.length === 0) return pending;
  const rows = await db
    .select()
    .from(pendingRoleGrants)
    .where(inArray(pendingRoleGrants.userId, userIds))
    .orderBy(asc(pendingRoleGrants.role));
  for (const { userId, ...g } of rows) pending.set(userId, [...(pending.get(userId) ?? []), g]);
  return pending;
}

/** Roles in force and units of many users in two queries, keyed by user id. */
export async function loadMemberships(db: Db, userIds: string[]) {
  const roles = new Map<string, Role[]>();
  const units = new Map<string, UserUnit[]>();
  if (userIds.length === 0) return { roles, units };
  const roleRows = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.role));
  for (const r of roleRows) roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role]);
  const unitRows = await db
    .select({
      userId: userUnits.userId,
      id: orgs.id,
      name: orgs.name,
      shortName: orgs.shortName,
      isPrimary: userUnits.isPrimary,
    })
    .from(userUnits)
    .innerJoin(orgs, eq(orgs.id, userUnits.orgId))
    .where(inArray(userUnits.userId, userIds))
    .orderBy(desc(userUnits.isPrimary), asc(orgs.sortOrder), asc(orgs.name));
  for (const { userId, ...u } of unitRows) units.set(userId, [...(units.get(userId) ?? []), u]);
  return { roles, units };
}

/** The user record as the API shows it, with the actions the caller may take on it. */
export async function presentUsers(db: Db, actor: Actor, rows: UserRow[]): Promise<UserView[]> {
  const ids = rows.map((r) => r.id);
  const { roles, units } = await loadMemberships(db, ids);
  const grants = await loadPendingGrants(db, ids);
  const now = new Date();
  return rows.map((u) => {
    const userRolesOf = roles.get(u.id) ?? [];
    const pending = grants.get(u.id) ?? [];
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phone: u.phone,
      email: u.email,
      active: u.active,
      mustChangePassword: u.mustChangePassword,
      locked: isLocked(u, now),
      lockedUntil: u.lockedUntil?.toISOString() ?? null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      roles: userRolesOf,
      pendingGrants: pending.map((g) => ({
        role: g.role,
        grantedByName: g.grantedByName,
        grantedAt: g.grantedAt.toISOString(),
      })),
      units: units.get(u.id) ?? [],
      version: u.version,
      actions: userActions(
        actor,
        { id: u.id, active: u.active, lockedUntil: u.lockedUntil, roles: userRolesOf, pending },
        now,
      ),
    };
  });
}
