import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { circulations, publicationIssues } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { contentScope, scopeCondition } from '../../lib/data-scope.ts';
import { notFound } from '../../lib/errors.ts';
import { updateVersioned } from '../../lib/records.ts';
import type { IssueCallerFacts } from './issue-workflow.ts';
import { indexIssues } from './search-index.ts';

export type IssueRow = typeof publicationIssues.$inferSelect;

export const ISSUE_NOT_FOUND = '刊物期次不存在或您无权查看';
export const ISSUE_STALE = '本期刊物已被他人修改，请刷新后重试';

/** A leader reads an issue circulated to them. */
const circulatedIssue = (userId: string): SQL =>
  sql`exists (select 1 from ${circulations} where ${circulations.issueId} = ${publicationIssues.id} and ${circulations.recipientId} = ${userId})`;

/**
 * The issues a caller may read, as one condition: every issue of the offices they edit for,
 * issues circulated to them, and the issues they are the designated 签发领导 of.
 * Reporters and unit signers see none (a unit learns of adoption through its items).
 */
export function issueScope(actor: Actor): SQL {
  const scope = contentScope(actor);
  const byScope = scopeCondition(scope, {
    officeId: publicationIssues.officeId,
    circulatedTo: circulatedIssue,
  });
  return or(byScope, eq(publicationIssues.signerId, actor.userId)) ?? byScope;
}

export const issueCallerFacts = (actor: Actor): IssueCallerFacts => ({
  userId: actor.userId,
  roles: actor.roles,
  unitIds: actor.units.map((u) => u.id),
});

/**
 * Loads an issue the caller may read, locking the row for the rest of the transaction when
 * `forUpdate`. Another office's issue is 404.
 */
export async function findIssueForActor(
  tx: Db,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<IssueRow> {
  const query = tx
    .select()
    .from(publicationIssues)
    .where(and(eq(publicationIssues.id, id), issueScope(actor)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound(ISSUE_NOT_FOUND);
  return row;
}

/**
 * Updates the row if it still has `version`, bumping it, and its search index row; 409 when
 * someone else saved first.
 */
export async function updateIssueVersioned(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof publicationIssues.$inferInsert>,
): Promise<IssueRow> {
  const row = await updateVersioned(tx, publicationIssues, id, version, values, ISSUE_STALE);
  // Every change of an issue (its text, its items, its state) passes here: the index follows it.
  await indexIssues(tx, [id]);
  return row;
}
