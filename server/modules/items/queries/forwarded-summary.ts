import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { items, orgs, publications, upperAdoptions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { ancestorOfficeIds } from '../../publications/index.ts';

import { itemScope } from '../repository.ts';
import type { ForwardedSummary, ForwardedSummaryQuery } from '../schemas.ts';
import { boxCondition, filterConditions, submitter } from './list-items.ts';

/**
 * The 转报与采用 statistics over every forwarded item matching the filters (not one page):
 * how many were forwarded and adopted, and how many adoptions each upper publication recorded.
 * Counted in the database so the page needs one request whatever the number of items. What the
 * adoptions score is the assessment's to say (its 考核办法), so the summary carries no points,
 * only the office that ranks the caller's office, for a link to its 考评排名.
 */
export async function forwardedSummary(
  ctx: AppContext,
  actor: Actor,
  query: ForwardedSummaryQuery,
): Promise<ForwardedSummary> {
  const where = and(
    itemScope(actor),
    boxCondition('forwarded', actor),
    ...filterConditions(
      query,
      actor.units.map((u) => u.id),
    ),
    query.status ? eq(items.status, query.status) : undefined,
  );
  // An office's own publication printing its item (刊物发布) is not an upper adoption.
  const upperAdoption = sql`(select ${publications.officeId} from ${publications} where ${publications.id} = ${upperAdoptions.publicationId}) <> ${items.officeId}`;
  const adoptedItem = sql`exists (select 1 from ${upperAdoptions} where ${upperAdoptions.itemId} = ${items.id} and ${upperAdoption})`;
  const [totals] = await ctx.db
    .select({
      forwarded: sql<number>`count(*)::int`,
      adopted: sql<number>`(count(*) filter (where ${adoptedItem}))::int`,
    })
    .from(items)
    .innerJoin(submitter, eq(submitter.id, items.submittingUnitId))
    .where(where);

  const scopedIds = ctx.db
    .select({ id: items.id })
    .from(items)
    .innerJoin(submitter, eq(submitter.id, items.submittingUnitId))
    .where(where);
  const adopted = ctx.db
    .select({ publicationId: upperAdoptions.publicationId, n: sql<number>`count(*)::int`.as('n') })
    .from(upperAdoptions)
    .innerJoin(items, eq(items.id, upperAdoptions.itemId))
    .where(and(inArray(upperAdoptions.itemId, scopedIds), upperAdoption))
    .groupBy(upperAdoptions.publicationId)
    .as('adopted');

  const ancestors = await upperOffices(ctx, actor);
  const count = sql<number>`coalesce(${adopted.n}, 0)::int`;
  const rows = await ctx.db
    .select({
      publicationId: publications.id,
      publicationName: publications.name,
      officeId: publications.officeId,
      officeName: orgs.name,
      sortOrder: publications.sortOrder,
      count,
    })
    .from(publications)
    .innerJoin(orgs, eq(orgs.id, publications.officeId))
    .leftJoin(adopted, eq(adopted.publicationId, publications.id))
    .where(
      or(
        isNotNull(adopted.publicationId),
        ancestors.length
          ? and(inArray(publications.officeId, ancestors), eq(publications.active, true))
          : undefined,
      ),
    );

  // Nearest office first, as the adoption form lists them; publications of other offices last.
  const rank = (officeId: string) => {
    const i = ancestors.indexOf(officeId);
    return i < 0 ? ancestors.length : i;
  };
  rows.sort(
    (a, b) =>
      rank(a.officeId) - rank(b.officeId) ||
      a.sortOrder - b.sortOrder ||
      a.publicationName.localeCompare(b.publicationName, 'zh-CN'),
  );
  const byPublication = rows.map((r) => ({
    publicationId: r.publicationId,
    publicationName: r.publicationName,
    officeName: r.officeName,
    count: Number(r.count),
  }));
  return {
    forwarded: Number(totals?.forwarded ?? 0),
    adopted: Number(totals?.adopted ?? 0),
    adoptions: byPublication.reduce((n, p) => n + p.count, 0),
    byPublication,
    rankingOfficeId: rankingOffice(actor),
  };
}

/**
 * The office that ranks the caller's office among its members (the one it reports to): the
 * parent of the caller's primary office, else of their first office that has one. The assessment
 * gives the staff of an office the rankings of its parent to read (assessment/access.ts).
 */
function rankingOffice(actor: Actor): string | null {
  const offices = actor.units.filter((u) => u.kind === 'office');
  const primary = offices.find((u) => u.id === actor.primaryUnit?.id && u.parentId);
  return (primary ?? offices.find((u) => u.parentId))?.parentId ?? null;
}

/** The offices above the caller's office(s), nearest first: whose publications may adopt. */
async function upperOffices(ctx: AppContext, actor: Actor): Promise<string[]> {
  const out: string[] = [];
  for (const office of actor.units.filter((u) => u.kind === 'office')) {
    for (const id of await ancestorOfficeIds(ctx.db, office.id)) if (!out.includes(id)) out.push(id);
  }
  return out;
}
