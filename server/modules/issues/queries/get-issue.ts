import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { markReadOnOpen } from '../../circulation/index.ts';
import { presentIssueDetail } from '../present.ts';
import { findIssueForActor } from '../repository.ts';
import type { IssueDetail } from '../schemas.ts';

/**
 * One issue with its items, files and circulation, as the caller may see it (404 otherwise).
 * A leader opening an issue circulated to them has read it.
 */
export async function getIssue(db: Db, actor: Actor, id: string, audit: AuditContext): Promise<IssueDetail> {
  await findIssueForActor(db, actor, id);
  await markReadOnOpen(db, actor, { issueId: id }, audit);
  return presentIssueDetail(db, actor, id);
}
