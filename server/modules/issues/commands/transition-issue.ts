import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { issueItems, items, publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditAction, type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { AppError, conflict } from '../../../lib/errors.ts';
import { todayInChina } from '../../orgs/index.ts';
import { archiveFinalDocx } from '../documents/archive.ts';
import { ISSUE_STATUS_LABELS, isPublicOutlet } from '../issue-workflow.ts';
import { issueAuditLabel, presentIssueDetail } from '../present.ts';
import { findIssueForActor, type IssueRow, updateIssueVersioned } from '../repository.ts';
import type { IssueDetail, IssueTransitionInput } from '../schemas.ts';
import { assertIssueAction, assertIssueVersion } from './guard.ts';
import { publishIssue } from './publish-issue.ts';

export const EMPTY_ISSUE = '本期没有信息，不能定版';
export const UNLOCK_REASON = '请填写解除定版的原因';

const AUDIT: Record<IssueTransitionInput['action'], AuditAction> = {
  lock: 'issue.locked',
  unlock: 'issue.unlocked',
  sign: 'issue.signed',
  publish: 'issue.published',
};

/**
 * 定版 re-checks what adding checked, since items may have changed while the issue was a
 * draft: at least one item, every item still 已编入刊物, and nothing secret in a public outlet
 * or marked for the website.
 */
async function assertLockable(tx: Db, issue: IssueRow): Promise<void> {
  const rows = await tx
    .select({
      title: items.title,
      status: items.status,
      secrecy: items.secrecy,
      forPortal: issueItems.forPortal,
    })
    .from(issueItems)
    .innerJoin(items, eq(items.id, issueItems.itemId))
    .where(eq(issueItems.issueId, issue.id));
  if (rows.length === 0) throw conflict(EMPTY_ISSUE);
  const [publication] = await tx
    .select({ kind: publications.kind, name: publications.name })
    .from(publications)
    .where(eq(publications.id, issue.publicationId));
  for (const row of rows) {
    if (row.status !== 'in_issue') throw conflict(`信息《${row.title}》不是已编入刊物状态，不能定版`);
    if (row.secrecy !== 'public' && isPublicOutlet(publication?.kind ?? '')) {
      throw conflict(`信息《${row.title}》为秘密/机密信息，不能在公开刊物《${publication?.name}》刊发`);
    }
    if (row.secrecy !== 'public' && row.forPortal) {
      throw conflict(`信息《${row.title}》为秘密/机密信息，不能推送政府网站；请先取消推送`);
    }
  }
}

/**
 * 定版 / 解除定版 / 签发 / 发布 of one issue, in one transaction with the row locked: the table
 * (403, then 409), the version (409), the reason (400), the action's own checks, then the change
 * and its audit event — or nothing at all.
 */
export async function transitionIssue(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: IssueTransitionInput,
  audit: AuditContext,
): Promise<IssueDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await findIssueForActor(tx, actor, id, true);
    const transition = assertIssueAction(input.action, row, actor);
    assertIssueVersion(row, input.version);
    if (transition.reasonRequired && !input.reason) throw new AppError(400, 'REASON_REQUIRED', UNLOCK_REASON);
    const now = new Date();
    let values: Partial<IssueRow> = {};
    if (input.action === 'lock') {
      await assertLockable(tx, row);
      values = { lockedAt: now, lockedById: actor.userId };
    } else if (input.action === 'unlock') {
      values = {
        lockedAt: null,
        lockedById: null,
        signedAt: null,
        signedById: null,
        signedByName: null,
        issueDate: null,
      };
    } else if (input.action === 'sign') {
      values = {
        signedAt: now,
        signedById: actor.userId,
        signedByName: actor.displayName,
        issueDate: todayInChina(now),
      };
    } else {
      values = { publishedAt: now, publishedById: actor.userId };
    }
    const after = await updateIssueVersioned(tx, id, row.version, {
      ...values,
      status: transition.to ?? row.status,
    });
    const effects = input.action === 'publish' ? await publishIssue(tx, actor, audit, after) : {};
    await recordAudit(tx, audit, {
      action: AUDIT[input.action],
      targetType: 'issue',
      targetId: id,
      targetLabel: await issueAuditLabel(tx, after),
      diff: {
        action: transition.label,
        status: [ISSUE_STATUS_LABELS[row.status], ISSUE_STATUS_LABELS[after.status]],
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.action === 'sign' ? { issueDate: after.issueDate, signedBy: actor.displayName } : {}),
        ...(input.action === 'unlock' && row.signedByName
          ? { clearedSignature: { signedBy: row.signedByName, issueDate: row.issueDate } }
          : {}),
        ...effects,
      },
    });
    // The archive copy is rendered from the published rows; a failure rolls the publication back.
    if (input.action === 'publish') await archiveFinalDocx(tx, ctx, id, actor, audit);
    return presentIssueDetail(tx, actor, id);
  });
}
