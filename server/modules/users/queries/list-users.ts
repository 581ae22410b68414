import { count } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { UserFilter, UserView } from '../schemas.ts';
import { presentUsers } from './present-users.ts';
import { userConditions, userOrder } from './user-filters.ts';

/** One page of accounts for the administrators' user list. */
export async function listUsers(
  db: Db,
  actor: Actor,
  query: UserFilter & { page?: number; pageSize?: number },
): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = userConditions(db, query);
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(...userOrder(query))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: await presentUsers(db, actor, rows), total, page, pageSize };
}
