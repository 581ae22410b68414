import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { issueItems, items, publications, upperAdoptions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { queueForPortal } from '../../portal/index.ts';
import type { IssueRow } from '../repository.ts';
import { moveItem } from './move-item.ts';

/** How an issue's publication is recorded on each item it printed. */
export const ISSUE_ADOPTION_KIND = '全文采用';

/**
 * The effects of 发布 on the issue's items, inside the publish transaction: each item becomes
 * 已发布 (刊发 on its timeline); each gets an adoption record of this publication — and so does
 * the lower office's item a forwarded copy came from, since that is what the lower office is
 * scored on — unless one was registered by hand already; items chosen for the website are
 * handed to the portal queue (which applies the secrecy rule once more).
 */
export async function publishIssue(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  issue: IssueRow,
): Promise<{ published: number; adoptions: number; portalQueued: number }> {
  const [publication] = await tx
    .select({ name: publications.name })
    .from(publications)
    .where(eq(publications.id, issue.publicationId));
  const entries = await tx
    .select()
    .from(issueItems)
    .where(eq(issueItems.issueId, issue.id))
    .orderBy(asc(issueItems.position));
  const ids = entries.map((e) => e.itemId);
  const rows = ids.length
    ? await tx.select().from(items).where(inArray(items.id, ids)).orderBy(items.id).for('update')
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ref = { issueId: issue.id, label: issue.label, publicationName: publication?.name ?? '' };
  const adoptedOn = issue.issueDate ?? new Date().toISOString().slice(0, 10);
  let adoptions = 0;
  let portalQueued = 0;
  for (const entry of entries) {
    const row = byId.get(entry.itemId);
    if (!row) continue;
    await moveItem(tx, actor, row, 'publish', ref);
    const targets = row.forwardedFromId ? [row.id, row.forwardedFromId] : [row.id];
    const inserted = await tx
      .insert(upperAdoptions)
      .values(
        targets.map((itemId) => ({
          itemId,
          publicationId: issue.publicationId,
          adoptionKind: ISSUE_ADOPTION_KIND,
          adoptedOn,
          issueLabel: issue.label,
          issueId: issue.id,
          recordedBy: actor.userId,
          recordedByName: actor.displayName,
        })),
      )
      .onConflictDoNothing({ target: [upperAdoptions.itemId, upperAdoptions.publicationId] })
      .returning({ id: upperAdoptions.id });
    adoptions += inserted.length;
    if (entry.forPortal) {
      const queued = await queueForPortal(tx, actor, audit, {
        itemId: row.id,
        issueId: issue.id,
        officeId: issue.officeId,
      });
      if (queued === 'queued') portalQueued += 1;
    }
  }
  return { published: entries.length, adoptions, portalQueued };
}
