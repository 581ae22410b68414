import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { userRoles, users, userUnits } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/**
 * The offices whose editorial work the caller does (editor or chief editor in an office). Roles
 * are per account, so an office member with an editing role is staff of every office they belong to.
 */
export function staffOfficeIds(actor: Actor): string[] {
  if (!actor.roles.includes('editor') && !actor.roles.includes('chief_editor')) return [];
  return actor.units.filter((u) => u.kind === 'office').map((u) => u.id);
}

/** Refuses a caller who can read the record but does not work in the office that owns it. */
export function assertOfficeStaff(actor: Actor, officeId: string, message: string): void {
  if (!staffOfficeIds(actor).includes(officeId)) throw forbidden(message);
}

export type LeaderRef = { id: string; displayName: string };

/**
 * The active leaders (领导) of an office — the only people something may be circulated to.
 * With `ids`, only those of them (the caller compares the count to find strangers).
 */
export function activeLeaders(db: Db, officeId: string, ids?: readonly string[]): Promise<LeaderRef[]> {
  const conditions = [eq(userUnits.orgId, officeId), eq(users.active, true), eq(userRoles.role, 'leader')];
  if (ids) conditions.push(inArray(users.id, [...ids]));
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(...conditions))
    .orderBy(asc(users.displayName), asc(users.id));
}
