import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inIdBatches } from '../../lib/reindex.ts';
import { arrayLiteral, rowsOf } from '../../lib/sql.ts';
import { searchVector } from '../../lib/text/search-text.ts';

/**
 * Writes the search index rows of meetings and trainings (会议与培训, docs/domain.md §8), in the
 * caller's transaction: the title (A), organiser and place (B) and the minutes (D), which every
 * reader of the meeting reads.
 */
export async function indexMeetings(tx: Db, meetingIds: readonly string[]): Promise<void> {
  if (meetingIds.length === 0) return;
  const rows = await rowsOf<{
    id: string;
    title: string;
    organiser: string;
    location: string | null;
    minutes: string;
  }>(
    tx,
    sql`select id, title, organiser, location, minutes from meetings
        where id = any(${arrayLiteral([...new Set(meetingIds)])}::uuid[])`,
  );
  if (rows.length === 0) return;
  const tsv = rows.map((r) =>
    searchVector([
      { text: r.title, weight: 'A' },
      { text: [r.organiser, r.location].filter(Boolean).join(' '), weight: 'B' },
      { text: r.minutes, weight: 'D' },
    ]),
  );
  await tx.execute(sql`
    insert into search_index (kind, ref_id, tsv)
    select 'meeting', v.id, v.tsv::tsvector
    from unnest(${arrayLiteral(rows.map((r) => r.id))}::uuid[], ${arrayLiteral(tsv)}::text[]) as v(id, tsv)
    on conflict (kind, ref_id) do update set tsv = excluded.tsv, tsv_own = null`);
}

/** Rebuilds the whole meeting index (`xinbao reindex`); returns the count. */
export const reindexMeetings = (db: Db): Promise<number> => inIdBatches(db, 'meetings', indexMeetings);
