import { and, asc, desc, eq, gt, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { userRoles, users, userUnits } from '../../../db/schema/index.ts';
import { containsPattern } from '../../../lib/like.ts';
import type { UserFilter } from '../schemas.ts';

/** The list's filters as one typed condition; shared by the page and the Excel export. */
export function userConditions(db: Db, filter: UserFilter, now = new Date()): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(
      or(ilike(users.username, pattern), ilike(users.displayName, pattern), ilike(users.phone, pattern)),
    );
  }
  if (filter.orgId) {
    conditions.push(
      inArray(
        users.id,
        db.select({ id: userUnits.userId }).from(userUnits).where(eq(userUnits.orgId, filter.orgId)),
      ),
    );
  }
  if (filter.role) {
    conditions.push(
      inArray(
        users.id,
        db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, filter.role)),
      ),
    );
  }
  if (filter.status === 'active') {
    conditions.push(eq(users.active, true), or(isNull(users.lockedUntil), lte(users.lockedUntil, now)));
  } else if (filter.status === 'inactive') {
    conditions.push(eq(users.active, false));
  } else if (filter.status === 'locked') {
    conditions.push(gt(users.lockedUntil, now));
  }
  return and(...conditions);
}

/** Sort order with a unique tie-breaker so pages never repeat or skip a row. */
export function userOrder(filter: UserFilter): SQL[] {
  const dir = filter.order === 'desc' ? desc : asc;
  switch (filter.sort) {
    case 'displayName':
      return [dir(users.displayName), asc(users.username)];
    case 'lastLoginAt':
      // Accounts that never logged in go last in both directions.
      return [
        filter.order === 'desc'
          ? sql`${users.lastLoginAt} desc nulls last`
          : sql`${users.lastLoginAt} asc nulls last`,
        asc(users.username),
      ];
    default:
      return [dir(users.username)];
  }
}
