import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { userRoles, users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import type { UserState } from '../policy.ts';
import type { UserView } from '../schemas.ts';
import { loadPendingGrants, presentUsers, type UserRow } from './present-users.ts';

const NOT_FOUND = '用户不存在';

/** One account as the user list shows it. */
export async function getUser(db: Db, actor: Actor, id: string): Promise<UserView> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw notFound(NOT_FOUND);
  const [view] = await presentUsers(db, actor, [row]);
  return view;
}

/** The account, its roles and pending grants, as commands need them to check the rules before writing. */
export async function loadUserState(db: Db, id: string): Promise<{ user: UserRow; state: UserState }> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw notFound(NOT_FOUND);
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id)))
    .map((r) => r.role)
    .sort();
  const pending = (await loadPendingGrants(db, [id])).get(id) ?? [];
  return { user, state: { id: user.id, active: user.active, lockedUntil: user.lockedUntil, roles, pending } };
}
