import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inIdBatches } from '../../lib/reindex.ts';
import { arrayLiteral, rowsOf } from '../../lib/sql.ts';
import { searchVector } from '../../lib/text/search-text.ts';

/**
 * Writes the search index rows of commissions (约稿, docs/domain.md §8), in the caller's
 * transaction: the topic (A) and the requirements (D) of the 约稿通知单, which everyone who reads
 * the commission reads. (A unit's 婉拒理由 is its own and not indexed.)
 */
export async function indexCommissions(tx: Db, commissionIds: readonly string[]): Promise<void> {
  if (commissionIds.length === 0) return;
  const rows = await rowsOf<{ id: string; topic: string; requirements: string }>(
    tx,
    sql`select id, topic, requirements from commissions
        where id = any(${arrayLiteral([...new Set(commissionIds)])}::uuid[])`,
  );
  if (rows.length === 0) return;
  const tsv = rows.map((r) =>
    searchVector([
      { text: r.topic, weight: 'A' },
      { text: r.requirements, weight: 'D' },
    ]),
  );
  await tx.execute(sql`
    insert into search_index (kind, ref_id, tsv)
    select 'commission', v.id, v.tsv::tsvector
    from unnest(${arrayLiteral(rows.map((r) => r.id))}::uuid[], ${arrayLiteral(tsv)}::text[]) as v(id, tsv)
    on conflict (kind, ref_id) do update set tsv = excluded.tsv, tsv_own = null`);
}

/** Rebuilds the whole commission index (`xinbao reindex`, after a bulk load); returns the count. */
export const reindexCommissions = (db: Db): Promise<number> =>
  inIdBatches(db, 'commissions', indexCommissions);
