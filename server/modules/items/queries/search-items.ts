import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import {
  dictionaryEntries,
  issueItems,
  items,
  orgs,
  publicationIssues,
  searchIndex,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDayStart, countMatches } from '../../../lib/search-results.ts';
import { highlight, type QueryTerm } from '../../../lib/text/search-text.ts';
import { itemAsSeenBy } from '../office-view.ts';
import { itemScope } from '../repository.ts';
import { STATUS_LABELS } from '../workflow.ts';

/** The filters of the global search that concern items (docs/domain.md §8). */
export type ItemSearchFilters = {
  officeId?: string;
  unitId?: string;
  groupCode?: string;
  categoryCode?: string;
  status?: (typeof items.$inferSelect)['status'];
  publicationId?: string;
  adopted?: boolean;
  from?: string;
  to?: string;
};

const submitter = alias(orgs, 'search_submitter');
const office = alias(orgs, 'search_office');
/** Adopted into an issue of the office, or recorded as adopted above (上级采用). */
const ADOPTED = sql`(${items.status} in ('in_issue', 'published') or exists (select 1 from upper_adoptions a where a.item_id = ${items.id}))`;

/**
 * Items matching a search the caller may read, in the items lists' own scope (`itemScope`), with
 * highlighted title and snippet: relevance (title first, then keywords, body, earlier versions)
 * or newest first. Outside the submitting unit a returned item under revision matches, and shows,
 * only the text the office returned (office-view.ts).
 */
export async function searchItems(
  db: Db,
  actor: Actor,
  search: { tsquery: string; terms: readonly QueryTerm[] },
  f: ItemSearchFilters,
  page: { order: 'relevance' | 'date'; limit: number; offset: number },
) {
  const query = sql`${search.tsquery}::tsquery`;
  const viewerUnits = actor.units.map((u) => u.id);
  const own = viewerUnits.length ? inArray(items.submittingUnitId, viewerUnits) : undefined;
  const at = sql`coalesce(${items.submittedAt}, ${items.createdAt})`;
  const indexed = and(eq(searchIndex.kind, 'item'), eq(searchIndex.refId, items.id));
  // Ranked on the text everyone sees: title (A) first, then keywords, body, earlier versions.
  const rank = sql<number>`ts_rank_cd(${searchIndex.tsv}, ${query})`;
  const where = and(
    or(
      sql`${searchIndex.tsv} @@ ${query}`,
      own ? and(own, sql`${searchIndex.tsvOwn} @@ ${query}`) : undefined,
    ),
    itemScope(actor),
    f.officeId ? eq(items.officeId, f.officeId) : undefined,
    f.unitId ? or(eq(items.submittingUnitId, f.unitId), eq(items.originUnitId, f.unitId)) : undefined,
    f.groupCode ? eq(submitter.groupCode, f.groupCode) : undefined,
    f.categoryCode ? eq(items.categoryCode, f.categoryCode) : undefined,
    f.status ? eq(items.status, f.status) : undefined,
    f.publicationId
      ? sql`exists (select 1 from ${issueItems} join ${publicationIssues} on ${publicationIssues.id} = ${issueItems.issueId}
          where ${issueItems.itemId} = ${items.id} and ${publicationIssues.publicationId} = ${f.publicationId})`
      : undefined,
    f.adopted === true ? ADOPTED : f.adopted === false ? sql`not ${ADOPTED}` : undefined,
    f.from ? gte(at, chinaDayStart(f.from)) : undefined,
    f.to ? lt(at, chinaDayStart(f.to, 1)) : undefined,
  ) as SQL;
  const from = () =>
    db
      .select({
        item: items,
        rank,
        submitterName: submitter.name,
        officeName: office.name,
        categoryLabel: dictionaryEntries.label,
      })
      .from(items)
      .innerJoin(searchIndex, indexed)
      .innerJoin(submitter, eq(submitter.id, items.submittingUnitId))
      .innerJoin(office, eq(office.id, items.officeId))
      .leftJoin(
        dictionaryEntries,
        and(
          eq(dictionaryEntries.dictionary, 'item_category'),
          eq(dictionaryEntries.code, items.categoryCode),
        ),
      );
  const counted = await countMatches(
    db,
    db
      .select({ one: sql`1` })
      .from(items)
      .innerJoin(searchIndex, indexed)
      .innerJoin(submitter, eq(submitter.id, items.submittingUnitId))
      .where(where)
      .$dynamic(),
  );
  const rows = await from()
    .where(where)
    .orderBy(
      ...(page.order === 'date'
        ? [desc(at), desc(items.serial)]
        : [desc(rank), desc(at), desc(items.serial)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  const hits = await Promise.all(
    rows.map(async (r) => {
      const seen = await itemAsSeenBy(db, actor, r.item);
      return {
        kind: 'item' as const,
        id: r.item.id,
        title: highlight(seen.title, search.terms, 200),
        snippet: highlight(seen.body, search.terms),
        link: `/items/${r.item.id}`,
        at: (r.item.submittedAt ?? r.item.createdAt).toISOString(),
        meta: [
          `信息编号 ${r.item.serial}`,
          r.submitterName,
          r.officeName,
          STATUS_LABELS[r.item.status],
          r.categoryLabel ?? r.item.categoryCode,
        ],
      };
    }),
  );
  return { ...counted, hits };
}
