import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';

/**
 * Marks, in the caller's transaction, that facts of an office changed: one row for the office and
 * one for every office above it (an adoption of a county's item counts at the city and the
 * province too). A ledger with a mark newer than its computation is recomputed before it is read.
 */
export async function markFactsChanged(tx: Db, officeId: string): Promise<void> {
  await tx.execute(sql`
    insert into assessment_changes (office_id)
    with recursive up(id, depth) as (
      select ${officeId}::uuid, 0
      union all
      select o.parent_id, up.depth + 1 from orgs o join up on o.id = up.id
      where o.parent_id is not null and up.depth < 16
    )
    select id from up`);
}

/**
 * The same for an item: for the office of every copy of it along the forwarding chain, since a
 * fact on any copy (an adoption the city registers on its copy) counts for the county's too.
 */
export async function markItemFactsChanged(tx: Db, itemId: string): Promise<void> {
  await tx.execute(sql`
    insert into assessment_changes (office_id)
    with recursive up(id, depth) as (
      select c.office_id, 0 from items i
      join items c on coalesce(c.root_id, c.id) = coalesce(i.root_id, i.id)
      where i.id = ${itemId}::uuid
      union all
      select o.parent_id, up.depth + 1 from orgs o join up on o.id = up.id
      where o.parent_id is not null and up.depth < 16
    )
    select distinct id from up`);
}
