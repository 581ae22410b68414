import { and, eq, gt, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { issueFiles, issueItems, items, publicationIssues, publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { issueAuditLabel } from '../present.ts';
import { findIssueForActor } from '../repository.ts';
import { indexIssues } from '../search-index.ts';
import { assertIssueAction, assertIssueVersion } from './guard.ts';
import { moveItem } from './move-item.ts';

export const NOT_LAST = '只能删除本刊最新一期草稿，以免期号出现空缺';

/**
 * Deletes a draft issue, only while it is the newest of its series so the numbers stay without
 * gaps (the next issue takes its number again). Its items go back to the adoption queue.
 */
export async function deleteIssue(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const issue = await findIssueForActor(tx, actor, id, true);
    assertIssueAction('delete', issue, actor);
    assertIssueVersion(issue, version);
    // Creating an issue locks the publication row too: no new number can appear meanwhile.
    await tx
      .select({ id: publications.id })
      .from(publications)
      .where(eq(publications.id, issue.publicationId))
      .for('update');
    const [later] = await tx
      .select({ id: publicationIssues.id })
      .from(publicationIssues)
      .where(
        and(
          eq(publicationIssues.publicationId, issue.publicationId),
          eq(publicationIssues.seriesKey, issue.seriesKey),
          gt(publicationIssues.number, issue.number),
        ),
      )
      .limit(1);
    if (later) throw conflict(NOT_LAST);
    const entries = await tx.select().from(issueItems).where(eq(issueItems.issueId, id));
    const ids = entries.map((e) => e.itemId);
    const rows = ids.length
      ? await tx.select().from(items).where(inArray(items.id, ids)).orderBy(items.id).for('update')
      : [];
    const [publication] = await tx
      .select({ name: publications.name })
      .from(publications)
      .where(eq(publications.id, issue.publicationId));
    const ref = { issueId: id, label: issue.label, publicationName: publication?.name ?? '' };
    for (const row of rows) await moveItem(tx, actor, row, 'remove_from_issue', ref);
    await tx.delete(issueItems).where(eq(issueItems.issueId, id));
    // Documents generated from the draft go with it (their content-addressed files may be shared).
    const files = await tx
      .delete(issueFiles)
      .where(eq(issueFiles.issueId, id))
      .returning({ id: issueFiles.id });
    const label = await issueAuditLabel(tx, issue);
    await tx.delete(publicationIssues).where(eq(publicationIssues.id, id));
    await indexIssues(tx, [id]);
    await recordAudit(tx, audit, {
      action: 'issue.deleted',
      targetType: 'issue',
      targetId: id,
      targetLabel: label,
      diff: {
        label: issue.label,
        number: issue.number,
        items: rows.map((r) => r.title),
        draftFiles: files.length,
      },
    });
  });
}
