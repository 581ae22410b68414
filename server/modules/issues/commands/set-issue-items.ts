import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { issueItems, items, publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { SECRET_NOT_FOR_PORTAL } from '../../portal/index.ts';
import { isPublicOutlet } from '../issue-workflow.ts';
import { issueAuditLabel, presentIssueDetail } from '../present.ts';
import { findIssueForActor, updateIssueVersioned } from '../repository.ts';
import type { IssueDetail, SetItemsInput } from '../schemas.ts';
import { assertIssueAction, assertIssueVersion } from './guard.ts';
import { moveItem } from './move-item.ts';

/**
 * Sets the whole ordered list of a draft issue's items in one call (add, remove, reorder,
 * 推送网站 flags). Added items must be accepted at the issue's office and in no other issue;
 * they become 已编入刊物, removed ones go back to 拟采用 — each on its timeline — and the
 * change is one audit event. Every item involved is locked first, so a concurrent accept,
 * return or other issue cannot slip in between the check and the write.
 */
export async function setIssueItems(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SetItemsInput,
  audit: AuditContext,
): Promise<IssueDetail> {
  return ctx.db.transaction(async (tx) => {
    const issue = await findIssueForActor(tx, actor, id, true);
    assertIssueAction('edit', issue, actor);
    assertIssueVersion(issue, input.version);
    const [publication] = await tx
      .select({ name: publications.name, kind: publications.kind })
      .from(publications)
      .where(eq(publications.id, issue.publicationId));
    const current = await tx.select().from(issueItems).where(eq(issueItems.issueId, id));
    const wanted = input.items.map((i) => i.itemId);
    const involved = [...new Set([...wanted, ...current.map((c) => c.itemId)])];
    const rows = involved.length
      ? await tx.select().from(items).where(inArray(items.id, involved)).orderBy(items.id).for('update')
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const currentIds = new Set(current.map((c) => c.itemId));
    const added = wanted.filter((itemId) => !currentIds.has(itemId));
    const removed = current.filter((c) => !wanted.includes(c.itemId)).map((c) => c.itemId);

    for (const itemId of added) {
      const row = byId.get(itemId);
      if (!row || row.officeId !== issue.officeId) throw badRequest('所选信息不存在或不是本办公室收到的信息');
      if (row.status !== 'accepted') throw conflict(`信息《${row.title}》不是拟采用状态，不能编入刊物`);
    }
    for (const entry of input.items) {
      const row = byId.get(entry.itemId);
      if (!row) continue;
      if (row.secrecy !== 'public' && isPublicOutlet(publication?.kind ?? '')) {
        throw badRequest(`信息《${row.title}》为秘密/机密信息，不能编入公开刊物《${publication?.name}》`);
      }
      if (entry.forPortal && row.secrecy !== 'public') throw badRequest(SECRET_NOT_FOR_PORTAL);
    }

    const same =
      current.length === input.items.length &&
      input.items.every((entry, i) => {
        const was = current.find((c) => c.itemId === entry.itemId);
        return was?.position === i + 1 && was.forPortal === entry.forPortal;
      });
    if (same) return presentIssueDetail(tx, actor, id);

    const ref = { issueId: id, label: issue.label, publicationName: publication?.name ?? '' };
    for (const itemId of removed) {
      const row = byId.get(itemId);
      if (row) await moveItem(tx, actor, row, 'remove_from_issue', ref);
    }
    for (const itemId of added) {
      const row = byId.get(itemId);
      if (row) await moveItem(tx, actor, row, 'add_to_issue', ref);
    }
    await tx.delete(issueItems).where(eq(issueItems.issueId, id));
    if (input.items.length) {
      await tx.insert(issueItems).values(
        input.items.map((entry, i) => ({
          issueId: id,
          itemId: entry.itemId,
          position: i + 1,
          forPortal: entry.forPortal,
        })),
      );
    }
    const after = await updateIssueVersioned(tx, id, issue.version, {});
    const named = (list: string[]) => list.map((itemId) => byId.get(itemId)?.title ?? itemId);
    await recordAudit(tx, audit, {
      action: 'issue.items_changed',
      targetType: 'issue',
      targetId: id,
      targetLabel: await issueAuditLabel(tx, after),
      diff: {
        added: named(added),
        removed: named(removed),
        order: named(wanted),
        forPortal: named(input.items.filter((i) => i.forPortal).map((i) => i.itemId)),
      },
    });
    return presentIssueDetail(tx, actor, id);
  });
}
