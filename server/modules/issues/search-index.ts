import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inIdBatches } from '../../lib/reindex.ts';
import { arrayLiteral, rowsOf } from '../../lib/sql.ts';
import { searchVector } from '../../lib/text/search-text.ts';

type Row = {
  id: string;
  publication_name: string;
  label: string;
  title: string | null;
  editor_note: string | null;
  item_titles: string[] | null;
};

/**
 * Writes the search index rows of publication issues (docs/domain.md §8), in the caller's
 * transaction: 《刊物》2026年第3期 and the issue's own title as the title (A), the 编者按 and the
 * titles of its items in print order as the body (D). Everyone who reads an issue reads all of
 * it, so there is no `tsv_own`. An issue no longer there loses its row.
 */
export async function indexIssues(tx: Db, issueIds: readonly string[]): Promise<void> {
  if (issueIds.length === 0) return;
  const ids = arrayLiteral([...new Set(issueIds)]);
  const rows = await rowsOf<Row>(
    tx,
    sql`select pi.id, p.name as publication_name, pi.label, pi.title, pi.editor_note,
          (select array_agg(i.title order by ii.position) from issue_items ii
             join items i on i.id = ii.item_id where ii.issue_id = pi.id) as item_titles
        from publication_issues pi join publications p on p.id = pi.publication_id
        where pi.id = any(${ids}::uuid[])`,
  );
  await tx.execute(sql`
    delete from search_index where kind = 'issue' and ref_id = any(${ids}::uuid[])
      and not ref_id = any(${arrayLiteral(rows.map((r) => r.id))}::uuid[])`);
  if (rows.length === 0) return;
  const tsv = rows.map((r) =>
    searchVector([
      { text: `《${r.publication_name}》${r.label}`, weight: 'A' },
      { text: r.title, weight: 'A' },
      { text: r.editor_note, weight: 'D' },
      ...(r.item_titles ?? []).map((t) => ({ text: t, weight: 'D' as const })),
    ]),
  );
  await tx.execute(sql`
    insert into search_index (kind, ref_id, tsv)
    select 'issue', v.id, v.tsv::tsvector
    from unnest(${arrayLiteral(rows.map((r) => r.id))}::uuid[], ${arrayLiteral(tsv)}::text[]) as v(id, tsv)
    on conflict (kind, ref_id) do update set tsv = excluded.tsv, tsv_own = null`);
}

/** Rebuilds the whole issue index (`xinbao reindex`, after a bulk load); returns the count. */
export const reindexIssues = (db: Db): Promise<number> => inIdBatches(db, 'publication_issues', indexIssues);
