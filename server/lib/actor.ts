import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type OrgKind, orgs, type Role, userRoles, users, userUnits } from '../db/schema/index.ts';
import type { AuditContext } from './audit.ts';

export type ActorUnit = {
  id: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  parentId: string | null;
  /** The office's section (e.g. 信息科), shown beside the unit name in the top bar. */
  sectionName?: string | null;
  isPrimary: boolean;
};

/** The authenticated caller of a request: who, in which units, with which roles. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  units: ActorUnit[];
  primaryUnit: ActorUnit | null;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
};

/** Loads the units and roles of a user. */
export async function loadMembership(db: Db, userId: string): Promise<{ roles: Role[]; units: ActorUnit[] }> {
  const roleRows = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  const unitRows = await db
    .select({
      id: orgs.id,
      name: orgs.name,
      shortName: orgs.shortName,
      kind: orgs.kind,
      parentId: orgs.parentId,
      sectionName: orgs.sectionName,
      isPrimary: userUnits.isPrimary,
    })
    .from(userUnits)
    .innerJoin(orgs, eq(orgs.id, userUnits.orgId))
    .where(eq(userUnits.userId, userId))
    .orderBy(orgs.sortOrder);
  return { roles: roleRows.map((r) => r.role).sort(), units: unitRows };
}

export async function findUserByUsername(db: Db, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.username, username)))
    .limit(1);
  return row ?? null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

export function auditContextOf(
  actor: Actor | null,
  ip: string | null,
  userAgent: string | null,
): AuditContext {
  return {
    actorId: actor?.userId ?? null,
    actorName: actor ? `${actor.displayName}（${actor.username}）` : null,
    unitId: actor?.primaryUnit?.id ?? null,
    unitName: actor?.primaryUnit?.name ?? null,
    ip,
    userAgent,
  };
}

/** The offices the caller works in, the primary unit first. */
export function officesOf(actor: Pick<Actor, 'units'>): { id: string; name: string }[] {
  return actor.units
    .filter((u) => u.kind === 'office')
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
    .map((u) => ({ id: u.id, name: u.name }));
}

/** The office a caller belongs under: their office, or the office their primary unit reports to. */
export function homeOfficeId(actor: Pick<Actor, 'units' | 'primaryUnit'>): string | null {
  const office = officesOf(actor)[0];
  if (office) return office.id;
  return actor.primaryUnit?.parentId ?? null;
}
