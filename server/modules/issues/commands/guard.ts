import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type Role, userRoles, users, userUnits } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { conflict, forbidden } from '../../../lib/errors.ts';
import { checkIssueAction, type IssueAction, type IssueTransition } from '../issue-workflow.ts';
import { ISSUE_STALE, type IssueRow, issueCallerFacts } from '../repository.ts';

/** Turns a refusal of the issue transition table into the HTTP error the user sees (403 or 409). */
export function assertIssueAction(action: IssueAction, row: IssueRow, actor: Actor): IssueTransition {
  const check = checkIssueAction(action, row, issueCallerFacts(actor));
  if (check.ok) return check.transition;
  throw check.refusal.status === 403 ? forbidden(check.refusal.message) : conflict(check.refusal.message);
}

/** Rejects a write based on a stale read of the issue. */
export function assertIssueVersion(row: IssueRow, version: number): void {
  if (row.version !== version) throw conflict(ISSUE_STALE, { currentVersion: row.version });
}

/** The display name of an active user of the office holding one of the roles, or null. */
export async function staffName(
  tx: Db,
  officeId: string,
  userId: string,
  roles: Role[],
): Promise<string | null> {
  const [row] = await tx
    .select({ name: users.displayName })
    .from(users)
    .innerJoin(userUnits, and(eq(userUnits.userId, users.id), eq(userUnits.orgId, officeId)))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, roles)))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  return row?.name ?? null;
}
