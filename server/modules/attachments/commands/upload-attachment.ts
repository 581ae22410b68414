import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { itemAttachments } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { AppError, conflict } from '../../../lib/errors.ts';
import { sha256Of, storeBlob } from '../../../lib/files.ts';
import { describeSize } from '../../../lib/upload.ts';
import { findItemForActor, recordItemEvent } from '../../items/index.ts';
import { lockBlob } from '../blobs.ts';
import { cleanFileName, detectType, IMAGE_LIMIT_BYTES } from '../file-types.ts';
import { assertMayChangeAttachments, MAX_ATTACHMENTS_PER_ITEM } from '../policy.ts';
import { type AttachmentView, presentAttachment } from '../schemas.ts';

export type UploadedFile = { content: Buffer; fileName: string };

/**
 * Attaches an image or file to an item the caller may edit now. The type is decided by the
 * bytes, not by what the browser claims. The blob is on disk before its row is inserted, in the
 * same transaction as the audit and timeline events: a failure can leave an unreferenced blob,
 * never a row without its file.
 */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  itemId: string,
  file: UploadedFile,
  audit: AuditContext,
): Promise<AttachmentView> {
  return ctx.db.transaction(async (tx) => {
    const item = await findItemForActor(tx, actor, itemId, true);
    assertMayChangeAttachments(item, actor, '添加');

    const fileName = cleanFileName(file.fileName);
    const limit = ctx.config.uploadLimit;
    const type = detectType(file.content, fileName, limit);
    const maxBytes = type.kind === 'image' ? Math.min(IMAGE_LIMIT_BYTES, limit) : limit;
    if (file.content.length > maxBytes) {
      const what = type.kind === 'image' ? '图片' : '附件';
      throw new AppError(413, 'FILE_TOO_LARGE', `${what}超过 ${describeSize(maxBytes)} 的上限，未保存`);
    }

    const sha256 = sha256Of(file.content);
    const existing = await tx
      .select({ fileName: itemAttachments.fileName, sha256: itemAttachments.sha256 })
      .from(itemAttachments)
      .where(eq(itemAttachments.itemId, item.id));
    if (existing.length >= MAX_ATTACHMENTS_PER_ITEM) {
      throw conflict(`每条信息最多 ${MAX_ATTACHMENTS_PER_ITEM} 个附件，请先删除不需要的附件`);
    }
    const same = existing.find((a) => a.sha256 === sha256);
    if (same) throw conflict(`该信息已有内容相同的附件“${same.fileName}”`);

    await lockBlob(tx, sha256);
    await storeBlob(ctx.config.filesDir, file.content);
    const [row] = await tx
      .insert(itemAttachments)
      .values({
        itemId: item.id,
        kind: type.kind,
        fileName,
        mimeType: type.mime,
        sizeBytes: file.content.length,
        sha256,
        uploadedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, audit, {
      action: 'attachment.uploaded',
      targetType: 'item',
      targetId: item.id,
      targetLabel: item.title,
      diff: { fileName: [null, fileName], sizeBytes: [null, row.sizeBytes], sha256: [null, sha256] },
    });
    await recordItemEvent(tx, actor, item.id, {
      action: 'attachment_uploaded',
      data: { attachmentId: row.id, fileName, kind: type.kind, sizeBytes: row.sizeBytes },
    });
    return presentAttachment(row);
  });
}
