import type { ReadStream } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { itemAttachments, items } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { openBlob } from '../../../lib/files.ts';
import { itemScope } from '../../items/index.ts';
import type { AttachmentRow } from '../schemas.ts';

/** An attachment of an item the caller may read; another unit's is 404 like a missing one. */
export async function findAttachmentForActor(db: Db, actor: Actor, id: string): Promise<AttachmentRow> {
  const [row] = await db
    .select({ attachment: itemAttachments })
    .from(itemAttachments)
    .innerJoin(items, eq(items.id, itemAttachments.itemId))
    .where(and(eq(itemAttachments.id, id), itemScope(actor)));
  if (!row) throw notFound('附件不存在或您无权查看');
  return row.attachment;
}

/** The attachment's record and a stream of its bytes, for download. */
export async function getAttachment(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ attachment: AttachmentRow; stream: ReadStream; size: number }> {
  const attachment = await findAttachmentForActor(ctx.db, actor, id);
  const blob = await openBlob(ctx.config.filesDir, attachment.sha256);
  if (!blob) {
    ctx.log.error({ attachmentId: id, sha256: attachment.sha256 }, 'attachment blob missing on disk');
    throw notFound('附件文件已丢失，请联系系统管理员');
  }
  return { attachment, ...blob };
}
