import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/index.ts';
import { conflict } from '../../../lib/errors.ts';
import { STALE_RECORD } from '../../../lib/records.ts';

type UserChanges = Partial<Omit<typeof users.$inferInsert, 'id' | 'version' | 'updatedAt'>>;

/**
 * Writes changes to an account under optimistic locking: the row must still carry the version
 * the client saw. Without `expectedVersion` (resets, unlocks) the version is bumped regardless,
 * so a client holding the old record learns it changed.
 */
export async function updateUserRow(
  tx: Db,
  id: string,
  changes: UserChanges,
  expectedVersion?: number,
): Promise<void> {
  const where =
    expectedVersion === undefined
      ? eq(users.id, id)
      : and(eq(users.id, id), eq(users.version, expectedVersion));
  const updated = await tx
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning({ id: users.id });
  if (updated.length === 0) throw conflict(STALE_RECORD);
}
