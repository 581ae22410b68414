import { sql } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { CST_OFFSET_MS, DAY_MS } from './clock.ts';

/**
 * Matches of one kind are counted exactly up to here; beyond, "1000+" (a count over every match of
 * a common word is a scan), for every kind (docs/domain.md §8).
 */
export const SEARCH_COUNT_CAP = 1000;

/** A count taken with `limit SEARCH_COUNT_CAP + 1`, as the search shows it. */
export const cappedCount = (n: number) => ({
  count: Math.min(n, SEARCH_COUNT_CAP),
  capped: n > SEARCH_COUNT_CAP,
});

/**
 * A kind's matches counted up to the cap: `matches` is its `select 1 … where …` made dynamic
 * (`.$dynamic()`); the limit is added here, so a common word never counts every row.
 */
export async function countMatches(db: Db, matches: PgSelect) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(matches.limit(SEARCH_COUNT_CAP + 1).as('matches'));
  return cappedCount(row?.n ?? 0);
}

/** The instant a China calendar day (yyyy-mm-dd) begins, `plusDays` later: the search's day filters. */
export const chinaDayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS + plusDays * DAY_MS);

/** The China calendar day `plusDays` after `day`, as yyyy-mm-dd (for `date` columns). */
export const chinaDayPlus = (day: string, plusDays: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * DAY_MS).toISOString().slice(0, 10);
