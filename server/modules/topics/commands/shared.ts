import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs, topics } from '../../../db/schema/index.ts';
import { conflict } from '../../../lib/errors.ts';
import { STALE_RECORD } from '../../../lib/records.ts';
import { usersWithRoles } from '../../notifications/index.ts';
import type { TopicRow } from '../scope.ts';

/** 409 for an outdated copy, before anything is written. */
export function assertVersion(row: Pick<TopicRow, 'version'>, given: number) {
  if (row.version !== given) throw conflict(STALE_RECORD, { currentVersion: row.version });
}

/** Writes the row if it still has `version`, moving the version on; 409 when someone saved first. */
export async function updateTopic(
  tx: Db,
  row: TopicRow,
  version: number,
  values: Partial<typeof topics.$inferInsert>,
): Promise<TopicRow> {
  assertVersion(row, version);
  const [updated] = await tx
    .update(topics)
    .set({ ...values, version: sql`${topics.version} + 1` })
    .where(and(eq(topics.id, row.id), eq(topics.version, version)))
    .returning();
  if (!updated) throw conflict(STALE_RECORD);
  return updated;
}

/**
 * Who writes to an office's topics: the 信息员 of its active member units and the editors of the
 * lower offices under it (who report for their office).
 */
export async function memberReporters(tx: Db, officeId: string): Promise<string[]> {
  const members = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.parentId, officeId), eq(orgs.active, true)));
  return usersWithRoles(
    tx,
    members.map((m) => m.id),
    ['reporter', 'editor'],
  );
}
