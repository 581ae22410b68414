import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from './sql.ts';

/**
 * Runs `index` over every row id of `table` in batches of `batch`, one transaction each, in id
 * order (a rebuild of a kind's search index); returns how many ids there were.
 */
export async function inIdBatches(
  db: Db,
  table: string,
  index: (tx: Db, ids: string[]) => Promise<void>,
  batch = 500,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const ids = (
      await rowsOf<{ id: string }>(
        db,
        sql`select id from ${sql.identifier(table)} where id > ${after}::uuid order by id limit ${batch}`,
      )
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    await db.transaction((tx) => index(tx, ids));
    total += ids.length;
    after = ids[ids.length - 1]!;
  }
}
