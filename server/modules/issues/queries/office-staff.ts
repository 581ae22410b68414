import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs, type Role, userRoles, users, userUnits } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import type { StaffList } from '../schemas.ts';

/**
 * The active people of an office with any of the roles: the 责任编辑 and 签发领导 pickers, and
 * the leaders an issue is circulated to. Staff of that office and system administrators ask.
 */
export async function officeStaff(db: Db, actor: Actor, officeId: string, roles: Role[]): Promise<StaffList> {
  const [office] = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.id, officeId), eq(orgs.kind, 'office')));
  if (!office) throw notFound('办公室不存在');
  const member = actor.units.some((u) => u.id === officeId);
  if (!member && !actor.roles.includes('sysadmin')) throw forbidden('只能查看本办公室的人员');
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, role: userRoles.role })
    .from(users)
    .innerJoin(userUnits, and(eq(userUnits.userId, users.id), eq(userUnits.orgId, officeId)))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), inArray(userRoles.role, roles)))
    .orderBy(asc(users.displayName), asc(users.id));
  const byId = new Map<string, { id: string; displayName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? { id: r.id, displayName: r.displayName, roles: [] };
    entry.roles.push(r.role);
    byId.set(r.id, entry);
  }
  return [...byId.values()];
}
