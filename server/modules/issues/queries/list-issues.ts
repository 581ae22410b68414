import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { issueItems, items, publicationIssues } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { containsPattern } from '../../../lib/like.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { presentIssueSummaries } from '../present.ts';
import { issueScope } from '../repository.ts';
import type { IssueFilter, IssuePage } from '../schemas.ts';

/** `q` finds an issue by its title, its label, or the title of one of its items. */
function searchCondition(q: string): SQL | undefined {
  const pattern = containsPattern(q);
  const itemTitle = sql`exists (select 1 from ${issueItems} inner join ${items} on ${items.id} = ${issueItems.itemId} where ${issueItems.issueId} = ${publicationIssues.id} and ${items.title} ilike ${pattern})`;
  return or(ilike(publicationIssues.title, pattern), ilike(publicationIssues.label, pattern), itemTitle);
}

/**
 * The archive of issues (刊物编辑 list) the caller may read, newest number first: one page, or
 * (`'all'`) every row for the list's Excel export.
 */
export async function listIssues(
  db: Db,
  actor: Actor,
  query: IssueFilter,
  paging: Paging,
): Promise<IssuePage> {
  const where = and(
    issueScope(actor),
    query.publicationId ? eq(publicationIssues.publicationId, query.publicationId) : undefined,
    query.year ? eq(publicationIssues.year, query.year) : undefined,
    query.status ? eq(publicationIssues.status, query.status) : undefined,
    query.q ? searchCondition(query.q) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(publicationIssues).where(where);
  const window = rowWindow(paging, Number(total?.n ?? 0), '期次');
  const rows = await db
    .select()
    .from(publicationIssues)
    .where(where)
    .orderBy(
      desc(publicationIssues.year),
      desc(publicationIssues.number),
      desc(publicationIssues.totalNumber),
      publicationIssues.id,
    )
    .limit(window.limit)
    .offset(window.offset);
  return {
    items: await presentIssueSummaries(db, actor, rows),
    total: Number(total?.n ?? 0),
    ...pageFields(paging),
  };
}

/** The years that have issues, newest first, for the year filter. */
export async function issueYears(db: Db, actor: Actor, publicationId?: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: publicationIssues.year })
    .from(publicationIssues)
    .where(
      and(issueScope(actor), publicationId ? eq(publicationIssues.publicationId, publicationId) : undefined),
    )
    .orderBy(desc(publicationIssues.year));
  return rows.map((r) => r.year);
}
