import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { dictionaryEntries, issueItems, items, orgs, publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { containsPattern } from '../../../lib/like.ts';
import { findIssueForActor } from '../repository.ts';
import type { Candidates } from '../schemas.ts';

/** More than an office accepts in months; the list is a pick list, not an archive. */
export const CANDIDATES_MAX = 200;

const origin = alias(orgs, 'origin');
const category = alias(dictionaryEntries, 'category');

/**
 * The adoption queue (待编发) an issue is filled from: the office's accepted items in no issue,
 * those aimed at this issue's publication first, then the newest decisions.
 */
export async function issueCandidates(
  db: Db,
  actor: Actor,
  issueId: string,
  q?: string,
): Promise<Candidates> {
  const issue = await findIssueForActor(db, actor, issueId);
  const rows = await db
    .select({
      itemId: items.id,
      serial: items.serial,
      title: items.title,
      unitName: origin.shortName,
      categoryLabel: category.label,
      categoryCode: items.categoryCode,
      secrecy: items.secrecy,
      priority: items.priority,
      acceptedAt: items.decidedAt,
      targetPublicationId: items.targetPublicationId,
      targetPublicationName: publications.name,
    })
    .from(items)
    .innerJoin(origin, eq(origin.id, items.originUnitId))
    .leftJoin(category, and(eq(category.dictionary, 'item_category'), eq(category.code, items.categoryCode)))
    .leftJoin(publications, eq(publications.id, items.targetPublicationId))
    .where(
      and(
        eq(items.officeId, issue.officeId),
        eq(items.status, 'accepted'),
        sql`not exists (select 1 from ${issueItems} where ${issueItems.itemId} = ${items.id})`,
        q ? ilike(items.title, containsPattern(q)) : undefined,
      ),
    )
    .orderBy(
      sql`case when ${items.targetPublicationId} = ${issue.publicationId} then 0 else 1 end`,
      desc(items.decidedAt),
      asc(items.serial),
    )
    .limit(CANDIDATES_MAX);
  return {
    items: rows.map(({ categoryCode, ...r }) => ({
      ...r,
      categoryLabel: r.categoryLabel ?? categoryCode,
      acceptedAt: r.acceptedAt ? r.acceptedAt.toISOString() : null,
    })),
  };
}
