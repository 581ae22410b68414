import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { itemAttachments } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { removeBlob } from '../../../lib/files.ts';
import { findItemForActor, recordItemEvent } from '../../items/index.ts';
import { blobReferences, lockBlob } from '../blobs.ts';
import { assertMayChangeAttachments } from '../policy.ts';
import { findAttachmentForActor } from '../queries/get-attachment.ts';

/**
 * Removes an attachment from an item the caller may edit now (audited, on the timeline). The
 * file itself is removed once no attachment of any item points at the same bytes.
 */
export async function deleteAttachment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<void> {
  const sha256 = await ctx.db.transaction(async (tx) => {
    const attachment = await findAttachmentForActor(tx, actor, id);
    const item = await findItemForActor(tx, actor, attachment.itemId, true);
    assertMayChangeAttachments(item, actor, '删除');
    await tx.delete(itemAttachments).where(eq(itemAttachments.id, id));
    await recordAudit(tx, audit, {
      action: 'attachment.deleted',
      targetType: 'item',
      targetId: item.id,
      targetLabel: item.title,
      diff: {
        fileName: [attachment.fileName, null],
        sizeBytes: [attachment.sizeBytes, null],
        sha256: [attachment.sha256, null],
      },
    });
    await recordItemEvent(tx, actor, item.id, {
      action: 'attachment_deleted',
      data: { attachmentId: id, fileName: attachment.fileName, kind: attachment.kind },
    });
    return attachment.sha256;
  });
  await collectBlob(ctx, sha256);
}

/**
 * Deletes the blob if nothing references it. Runs under the blob's lock, after the delete has
 * committed, so a concurrent upload of the same bytes either sees the file gone and rewrites it,
 * or has committed its row and keeps the file alive.
 */
async function collectBlob(ctx: AppContext, sha256: string): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      await lockBlob(tx, sha256);
      if ((await blobReferences(tx, sha256)) === 0) await removeBlob(ctx.config.filesDir, sha256);
    });
  } catch (error) {
    // The attachment is gone either way; an orphan blob is only disk space.
    ctx.log.warn({ err: error, sha256 }, 'attachment blob not removed');
  }
}
