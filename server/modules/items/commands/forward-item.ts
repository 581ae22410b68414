import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { itemAttachments, itemCredits, items, itemVersions, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { notifyItemMoved } from '../notifications.ts';
import { type ItemRow, recordItemEvent } from '../repository.ts';
import { applyTransition, type TransitionInput } from './apply-transition.ts';

/**
 * 转报: sends an item the office has taken up to the parent office's inbox, once (1事1报). The
 * parent office gets its own copy — it runs the same workflow on it — that keeps the origin unit
 * and starts from the lower office's final text. The sign-off stays the origin unit's (its 签发人
 * signed the item, the forwarding editor only passes it on: 转报人, on the copy's timeline).
 */
export function forwardItem(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  input: TransitionInput,
): Promise<ItemRow> {
  return applyTransition(tx, actor, audit, row, 'forward', input, async () => {
    const [office] = await tx
      .select({ name: orgs.name, parentId: orgs.parentId })
      .from(orgs)
      .where(eq(orgs.id, row.officeId));
    const [parent] = office?.parentId
      ? await tx
          .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, active: orgs.active })
          .from(orgs)
          .where(eq(orgs.id, office.parentId))
      : [];
    if (parent?.kind !== 'office' || !parent.active) throw conflict('上级办公室不存在');

    const copy = await createUpperCopy(tx, actor, row, parent.id);
    return {
      values: { forwardedToId: copy.id },
      eventData: { toItemId: copy.id, toOfficeName: parent.name },
      auditAction: 'item.forwarded',
      auditDiff: { toOffice: parent.name, toItemId: copy.id, toSerial: copy.serial },
      // The copy's timeline starts where the lower item's "forward" event ends.
      afterEvent: async () => {
        await recordItemEvent(tx, actor, copy.id, {
          action: 'forwarded_in',
          fromStatus: null,
          toStatus: 'submitted',
          reason: input.reason ?? null,
          // The copy starts at version 1: what the office receives (与单位报送稿对比).
          data: { fromItemId: row.id, fromOfficeName: office.name, versionNo: 1 },
        });
        await notifyItemMoved(tx, copy, 'forwarded_copy', { detail: `${office.name}转报` });
      },
    };
  });
}

/** The parent office's copy: submitted now, version 1 = the lower item's current text. */
async function createUpperCopy(tx: Db, actor: Actor, row: ItemRow, parentOfficeId: string) {
  const now = new Date();
  const followUpOfId = row.followUpOfId ? await upperCopyOf(tx, row.followUpOfId) : null;
  const [copy] = await tx
    .insert(items)
    .values({
      officeId: parentOfficeId,
      submittingUnitId: row.officeId,
      originUnitId: row.originUnitId,
      rootId: row.rootId ?? row.id,
      forwardedFromId: row.id,
      followUpOfId,
      title: row.title,
      body: row.body,
      categoryCode: row.categoryCode,
      priority: row.priority,
      secrecy: row.secrecy,
      keywords: row.keywords,
      authorId: row.authorId,
      authorName: row.authorName,
      authorPhone: row.authorPhone,
      signerId: row.signerId,
      signerName: row.signerName,
      signedAt: row.signedAt,
      eventAt: row.eventAt,
      status: 'submitted',
      submittedAt: now,
      currentVersion: 1,
      version: 1,
    })
    .returning();
  await tx.insert(itemVersions).values({
    itemId: copy.id,
    versionNo: 1,
    title: row.title,
    body: row.body,
    editorId: actor.userId,
    editorName: actor.displayName,
    reason: '转报',
  });
  // A joint report keeps its shared credit upward; files are shared by content hash.
  const credits = await tx.select().from(itemCredits).where(eq(itemCredits.itemId, row.id));
  if (credits.length) {
    await tx
      .insert(itemCredits)
      .values(credits.map((c) => ({ itemId: copy.id, unitId: c.unitId, shareMille: c.shareMille })));
  }
  const files = await tx.select().from(itemAttachments).where(eq(itemAttachments.itemId, row.id));
  if (files.length) {
    await tx.insert(itemAttachments).values(
      files.map((f) => ({
        itemId: copy.id,
        kind: f.kind,
        fileName: f.fileName,
        mimeType: f.mimeType,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        uploadedBy: f.uploadedBy,
      })),
    );
  }
  return copy;
}

/** A follow-up (续报) stays linked upward when the first report was forwarded too. */
async function upperCopyOf(tx: Db, itemId: string): Promise<string | null> {
  const [first] = await tx
    .select({ forwardedToId: items.forwardedToId })
    .from(items)
    .where(eq(items.id, itemId));
  return first?.forwardedToId ?? null;
}
