import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { SearchKind } from '../../db/schema/index.ts';
import { rowsOf } from '../../lib/sql.ts';
import { reindexCommissions } from '../commissions/index.ts';
import { reindexInstructions } from '../instructions/index.ts';
import { reindexIssues } from '../issues/index.ts';
import { reindexItems } from '../items/index.ts';
import { reindexMeetings } from '../meetings/index.ts';

/**
 * Every kind the search index holds, its table, and how to rebuild it. Items come first: they
 * teach the segmenter the registry's names, which the other kinds' words then use too.
 */
const KINDS: { kind: SearchKind; label: string; table: string; reindex: (db: Db) => Promise<number> }[] = [
  { kind: 'item', label: '信息', table: 'items', reindex: (db) => reindexItems(db) },
  { kind: 'issue', label: '刊物期次', table: 'publication_issues', reindex: reindexIssues },
  { kind: 'instruction', label: '批示', table: 'instructions', reindex: reindexInstructions },
  { kind: 'commission', label: '约稿', table: 'commissions', reindex: reindexCommissions },
  { kind: 'meeting', label: '会议培训', table: 'meetings', reindex: reindexMeetings },
];

export type ReindexCounts = { kind: SearchKind; label: string; count: number }[];

/** Rebuilds the whole search index, kind by kind (`xinbao reindex`, the demo seed); the counts. */
export async function reindexAll(db: Db): Promise<ReindexCounts> {
  const out: ReindexCounts = [];
  for (const k of KINDS) out.push({ kind: k.kind, label: k.label, count: await k.reindex(db) });
  return out;
}

/**
 * Indexes each kind that has records but no index rows yet (a database from before the search
 * index, or before the kind was indexed), once at start; the counts of what was indexed.
 */
export async function indexWhatIsMissing(db: Db): Promise<ReindexCounts> {
  const out: ReindexCounts = [];
  for (const k of KINDS) {
    const [state] = await rowsOf<{ pending: boolean }>(
      db,
      sql`select exists (select 1 from ${sql.identifier(k.table)})
            and not exists (select 1 from search_index where kind = ${k.kind}) as pending`,
    );
    if (state?.pending) out.push({ kind: k.kind, label: k.label, count: await k.reindex(db) });
  }
  return out;
}

/** 信息 120 条、刊物期次 8 条 */
export const countsText = (counts: ReindexCounts) => counts.map((c) => `${c.label} ${c.count} 条`).join('、');
