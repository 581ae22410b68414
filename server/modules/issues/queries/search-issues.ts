import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs, publicationIssues, publications, searchIndex } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDayPlus, chinaDayStart, countMatches } from '../../../lib/search-results.ts';
import { highlight, type QueryTerm } from '../../../lib/text/search-text.ts';
import { ISSUE_STATUS_LABELS } from '../issue-workflow.ts';
import { issueScope } from '../repository.ts';

/** The filters of the global search that concern issues (docs/domain.md §8). */
export type IssueSearchFilters = {
  officeId?: string;
  publicationId?: string;
  /** Issues with an item of the unit. */
  unitId?: string;
  from?: string;
  to?: string;
};

/**
 * Issues matching a search the caller may read, in the issue list's own scope (`issueScope`):
 * by 《刊物》期号 and title first, then 编者按 and the titles of the items; relevance or newest first.
 * The day of an issue is its issue date (签发), else the day it was started.
 */
export async function searchIssues(
  db: Db,
  actor: Actor,
  search: { tsquery: string; terms: readonly QueryTerm[] },
  f: IssueSearchFilters,
  page: { order: 'relevance' | 'date'; limit: number; offset: number },
) {
  const query = sql`${search.tsquery}::tsquery`;
  const indexed = and(eq(searchIndex.kind, 'issue'), eq(searchIndex.refId, publicationIssues.id));
  const rank = sql<number>`ts_rank_cd(${searchIndex.tsv}, ${query})`;
  const day = (d: string, plusDays: number, op: '>=' | '<') =>
    sql`(case when ${publicationIssues.issueDate} is not null
      then ${publicationIssues.issueDate} ${sql.raw(op)} ${chinaDayPlus(d, plusDays)}::date
      else ${publicationIssues.createdAt} ${sql.raw(op)} ${chinaDayStart(d, plusDays).toISOString()}::timestamptz end)`;
  const where = and(
    sql`${searchIndex.tsv} @@ ${query}`,
    issueScope(actor),
    f.officeId ? eq(publicationIssues.officeId, f.officeId) : undefined,
    f.publicationId ? eq(publicationIssues.publicationId, f.publicationId) : undefined,
    f.unitId
      ? sql`exists (select 1 from issue_items ii join items i on i.id = ii.item_id
          where ii.issue_id = ${publicationIssues.id} and ${f.unitId}::uuid in (i.submitting_unit_id, i.origin_unit_id))`
      : undefined,
    f.from ? day(f.from, 0, '>=') : undefined,
    f.to ? day(f.to, 1, '<') : undefined,
  ) as SQL;
  const counted = await countMatches(
    db,
    db
      .select({ one: sql`1` })
      .from(publicationIssues)
      .innerJoin(searchIndex, indexed)
      .where(where)
      .$dynamic(),
  );
  const at = sql`coalesce(${publicationIssues.issueDate}::timestamptz, ${publicationIssues.createdAt})`;
  const rows = await db
    .select({
      issue: publicationIssues,
      publicationName: publications.name,
      officeName: orgs.name,
      itemTitles: sql<string[] | null>`(select array_agg(i.title order by ii.position) from issue_items ii
        join items i on i.id = ii.item_id where ii.issue_id = ${publicationIssues.id})`,
    })
    .from(publicationIssues)
    .innerJoin(searchIndex, indexed)
    .innerJoin(publications, eq(publications.id, publicationIssues.publicationId))
    .innerJoin(orgs, eq(orgs.id, publicationIssues.officeId))
    .where(where)
    .orderBy(
      ...(page.order === 'date'
        ? [desc(at), desc(publicationIssues.totalNumber)]
        : [desc(rank), desc(at), desc(publicationIssues.totalNumber)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  const hits = rows.map((r) => {
    const title = `《${r.publicationName}》${r.issue.label}${r.issue.title ? ` ${r.issue.title}` : ''}`;
    const body = [r.issue.editorNote, ...(r.itemTitles ?? [])].filter(Boolean).join('；');
    return {
      kind: 'issue' as const,
      id: r.issue.id,
      title: highlight(title, search.terms, 200),
      snippet: highlight(body, search.terms),
      link: `/issues/${r.issue.id}`,
      at: r.issue.issueDate ?? r.issue.createdAt.toISOString(),
      // The day is the hit's `at`, shown beside the meta.
      meta: [r.publicationName, r.officeName, ISSUE_STATUS_LABELS[r.issue.status]],
    };
  });
  return { ...counted, hits };
}
