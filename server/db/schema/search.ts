import { sql } from 'drizzle-orm';
import { customType, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's full-text document type, written as the literal server/lib/text/search-text.ts builds. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** What the search index holds: items, publication issues, notices, instructions, commissions, meetings. */
export const SEARCH_KINDS = ['item', 'issue', 'notice', 'instruction', 'commission', 'meeting'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The full-text index of every record the global search finds (docs/domain.md §8), one row per
 * record, kept apart from the records so their rows stay small. Written by each module in the
 * same transaction as the text changes; who may read a record is decided by joining it (the same
 * scope as its list), never stored here.
 *
 * `tsv` is the text anyone allowed to read the record sees; `tsvOwn`, when not null, the text
 * only its own unit sees (an item the office returned and the unit is revising, unsigned).
 */
export const searchIndex = pgTable(
  'search_index',
  {
    kind: text('kind').notNull().$type<SearchKind>(),
    refId: uuid('ref_id').notNull(),
    tsv: tsvector('tsv').notNull(),
    tsvOwn: tsvector('tsv_own'),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.refId] }),
    index('search_index_tsv').using('gin', t.tsv),
    index('search_index_tsv_own').using('gin', t.tsvOwn).where(sql`${t.tsvOwn} is not null`),
  ],
);
