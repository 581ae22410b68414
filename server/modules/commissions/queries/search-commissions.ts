import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { commissions, commissionTargets, orgs, searchIndex } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDayStart, countMatches } from '../../../lib/search-results.ts';
import { highlight, type QueryTerm } from '../../../lib/text/search-text.ts';
import { noticeTitle } from '../commands/shared.ts';
import { formatDeadline } from '../deadlines.ts';
import { COMMISSION_STATUS_LABELS } from '../machine.ts';
import { commissionNumberLabel, officeDocumentCode } from '../numbering.ts';
import { commissionScope, readerOf } from '../scope.ts';

/** The filters of the global search that concern commissions (docs/domain.md §8). */
export type CommissionSearchFilters = {
  officeId?: string;
  /** Commissions sent to the unit. */
  unitId?: string;
  /** The day it was issued (a draft: started), China. */
  from?: string;
  to?: string;
};

/**
 * Commissions matching a search the caller may read, in the commission list's own scope
 * (`commissionScope`: the writing office's 信息科, drafts included; a unit once it was sent to
 * it): the topic first, then the requirements; relevance or newest first.
 */
export async function searchCommissions(
  db: Db,
  actor: Actor,
  search: { tsquery: string; terms: readonly QueryTerm[] },
  f: CommissionSearchFilters,
  page: { order: 'relevance' | 'date'; limit: number; offset: number },
) {
  const query = sql`${search.tsquery}::tsquery`;
  const indexed = and(eq(searchIndex.kind, 'commission'), eq(searchIndex.refId, commissions.id));
  const at = sql`coalesce(${commissions.issuedAt}, ${commissions.createdAt})`;
  const where = and(
    sql`${searchIndex.tsv} @@ ${query}`,
    commissionScope(readerOf(actor)),
    f.officeId ? eq(commissions.officeId, f.officeId) : undefined,
    f.unitId
      ? sql`exists (select 1 from ${commissionTargets} where ${commissionTargets.commissionId} = ${commissions.id} and ${commissionTargets.unitId} = ${f.unitId})`
      : undefined,
    f.from ? sql`${at} >= ${chinaDayStart(f.from).toISOString()}::timestamptz` : undefined,
    f.to ? sql`${at} < ${chinaDayStart(f.to, 1).toISOString()}::timestamptz` : undefined,
  ) as SQL;
  const counted = await countMatches(
    db,
    db.select({ one: sql`1` }).from(commissions).innerJoin(searchIndex, indexed).where(where).$dynamic(),
  );
  const rank = sql<number>`ts_rank_cd(${searchIndex.tsv}, ${query})`;
  const rows = await db
    .select({ c: commissions, officeName: orgs.name })
    .from(commissions)
    .innerJoin(searchIndex, indexed)
    .innerJoin(orgs, eq(orgs.id, commissions.officeId))
    .where(where)
    .orderBy(
      ...(page.order === 'date'
        ? [desc(at), desc(commissions.id)]
        : [desc(rank), desc(at), desc(commissions.id)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  const codes = new Map<string, string>();
  for (const r of rows) {
    if (r.c.number && !codes.has(r.c.officeId))
      codes.set(r.c.officeId, await officeDocumentCode(db, r.c.officeId));
  }
  const hits = rows.map((r) => ({
    kind: 'commission' as const,
    id: r.c.id,
    title: highlight(noticeTitle(r.c.topic), search.terms, 200),
    snippet: highlight(r.c.requirements, search.terms),
    link: `/commissions/${r.c.id}`,
    at: (r.c.issuedAt ?? r.c.createdAt).toISOString(),
    meta: [
      ...(r.c.year && r.c.number
        ? [commissionNumberLabel(codes.get(r.c.officeId) ?? '', r.c.year, r.c.number)]
        : []),
      r.officeName,
      COMMISSION_STATUS_LABELS[r.c.status],
      `截止 ${formatDeadline(r.c.deadline)}`,
    ],
  }));
  return { ...counted, hits };
}
