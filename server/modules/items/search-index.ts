import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inIdBatches } from '../../lib/reindex.ts';
import { arrayLiteral, rowsOf } from '../../lib/sql.ts';
import { type SearchField, searchVector } from '../../lib/text/search-text.ts';
import { ensureRegistryWords } from './quality.ts';

/** Statuses in which the text may be the unit's unsigned revision of a returned item (office-view.ts). */
const AFTER_RETURN = ['returned', 'rejected'];

type Row = {
  id: string;
  title: string;
  body: string;
  keywords: string[];
  status: string;
  current_version: number;
  submitting_unit_id: string;
  last_action: string | null;
  last_at: Date | string | null;
  returned_version: number | null;
};
type Version = {
  item_id: string;
  version_no: number;
  title: string;
  body: string;
  created_at: Date | string;
};

/**
 * Writes the search index rows of items (docs/domain.md §8), in the caller's transaction: every
 * item event calls it, so the index never lags the text.
 *
 * - `tsv`: the text everyone allowed to read the item sees — for a returned item the unit is
 *   revising, the version the office returned (office-view.ts), never the unsigned revision —
 *   with its title (A), keywords (B) and body (D), and the earlier versions up to it (C);
 * - `tsv_own`: only when the unit's current text differs from that: the current text and every
 *   version, searched by the submitting unit alone.
 */
export async function indexItems(tx: Db, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await ensureRegistryWords(tx);
  const ids = arrayLiteral([...new Set(itemIds)]);
  const rows = await rowsOf<Row>(
    tx,
    sql`select i.id, i.title, i.body, i.keywords, i.status, i.current_version, i.submitting_unit_id,
          e.action as last_action, e.at as last_at, (e.data->>'versionNo')::int as returned_version
        from items i
        left join lateral (
          select action, at, data from item_events
          where item_id = i.id and action in ('sign', 'resubmit', 'return')
          order by at desc, id desc limit 1
        ) e on true
        where i.id = any(${ids}::uuid[])`,
  );
  const versions = await rowsOf<Version>(
    tx,
    sql`select item_id, version_no, title, body, created_at from item_versions
        where item_id = any(${ids}::uuid[]) order by item_id, version_no`,
  );
  const byItem = new Map<string, Version[]>();
  for (const v of versions) byItem.set(v.item_id, [...(byItem.get(v.item_id) ?? []), v]);

  const tsv: string[] = [];
  const own: (string | null)[] = [];
  for (const r of rows) {
    const list = byItem.get(r.id) ?? [];
    const shown = shownVersion(r, list);
    const shownText = shown === r.current_version ? r : list.find((v) => v.version_no === shown);
    const earlier = (upTo: number, except: { title: string; body: string }) =>
      list
        .filter((v) => v.version_no < upTo && (v.title !== except.title || v.body !== except.body))
        .flatMap((v): SearchField[] => [
          { text: v.title, weight: 'C' },
          { text: v.body, weight: 'C' },
        ]);
    const text = (t: { title: string; body: string }, upTo: number): SearchField[] => [
      { text: t.title, weight: 'A' },
      { text: r.keywords.join(' '), weight: 'B' },
      { text: t.body, weight: 'D' },
      ...earlier(upTo, t),
    ];
    const everyone = shownText ?? r;
    tsv.push(searchVector(text(everyone, shown)));
    own.push(shown === r.current_version ? null : searchVector(text(r, r.current_version + 1)));
  }
  await tx.execute(sql`
    insert into search_index (kind, ref_id, tsv, tsv_own)
    select 'item', v.id, v.tsv::tsvector, v.own::tsvector
    from unnest(${arrayLiteral(rows.map((r) => r.id))}::uuid[], ${arrayLiteral(tsv)}::text[],
                ${arrayLiteral(own)}::text[]) as v(id, tsv, own)
    on conflict (kind, ref_id) do update set tsv = excluded.tsv, tsv_own = excluded.tsv_own`);
}

/** The version outside the submitting unit see: the returned one while the unit revises it. */
function shownVersion(r: Row, versions: readonly Version[]): number {
  if (!AFTER_RETURN.includes(r.status) || r.last_action !== 'return') return r.current_version;
  if (r.returned_version !== null) return Math.min(r.returned_version, r.current_version);
  // Returns recorded before the version was kept on the event: the last version saved before it.
  const at = r.last_at ? new Date(r.last_at).getTime() : 0;
  const before = versions.filter((v) => new Date(v.created_at).getTime() <= at).map((v) => v.version_no);
  return Math.min(before.length ? Math.max(...before) : 1, r.current_version);
}

/** Rebuilds the whole item index in batches (`xinbao reindex`, after a bulk load); returns the count. */
export function reindexItems(db: Db, batch = 500): Promise<number> {
  return inIdBatches(db, 'items', indexItems, batch);
}
