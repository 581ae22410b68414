import { and, count, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { type RecordType, recordAttachments } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { openBlob, sha256Of, storeBlob } from '../../lib/files.ts';
import { describeSize, type UploadedFile } from '../../lib/upload.ts';
import { lockBlob } from './blobs.ts';
import { cleanFileName, detectType } from './file-types.ts';

/** Files per record (a 批示 scan, one round of 落实反馈, a 约稿, a meeting). */
export const MAX_FILES_PER_RECORD = 10;

export type RecordFileRow = typeof recordAttachments.$inferSelect;

/**
 * Attaches a file to a coordination record, in the caller's transaction, after the owning module
 * has decided the caller may. Typed by its bytes like item attachments, stored by hash; the
 * same bytes twice on one record are refused.
 */
export async function attachRecordFile(
  tx: Db,
  ctx: AppContext,
  actor: Actor,
  record: { type: RecordType; id: string },
  file: UploadedFile,
): Promise<RecordFileRow> {
  const fileName = cleanFileName(file.fileName);
  const type = detectType(file.content, fileName, ctx.config.uploadLimit);
  if (file.content.length > ctx.config.uploadLimit) {
    throw new AppError(
      413,
      'FILE_TOO_LARGE',
      `附件超过 ${describeSize(ctx.config.uploadLimit)} 的上限，未保存`,
    );
  }
  const where = and(eq(recordAttachments.recordType, record.type), eq(recordAttachments.recordId, record.id));
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(recordAttachments).where(where);
  if (n >= MAX_FILES_PER_RECORD) throw conflict(`最多 ${MAX_FILES_PER_RECORD} 个附件`);
  const sha256 = sha256Of(file.content);
  const [same] = await tx
    .select({ fileName: recordAttachments.fileName })
    .from(recordAttachments)
    .where(and(where, eq(recordAttachments.sha256, sha256)));
  if (same) throw conflict(`已有内容相同的附件“${same.fileName}”`);
  await lockBlob(tx, sha256);
  await storeBlob(ctx.config.filesDir, file.content);
  const [row] = await tx
    .insert(recordAttachments)
    .values({
      recordType: record.type,
      recordId: record.id,
      fileName,
      mimeType: type.mime,
      sizeBytes: file.content.length,
      sha256,
      uploadedById: actor.userId,
      uploadedByName: actor.displayName,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

/** One file of a record the caller may read (the owning module checked that), or 404. */
export async function findRecordFile(
  db: Db,
  recordIds: readonly string[],
  fileId: string,
): Promise<RecordFileRow> {
  const [row] = await db.select().from(recordAttachments).where(eq(recordAttachments.id, fileId));
  if (!row || !recordIds.includes(row.recordId)) throw notFound('附件不存在或您无权查看');
  return row;
}

/** Sends a record's file as a download (never rendered inline as HTML), with its real type. */
export async function sendRecordFile(ctx: AppContext, reply: FastifyReply, row: RecordFileRow) {
  const blob = await openBlob(ctx.config.filesDir, row.sha256);
  if (!blob) throw notFound('附件文件缺失，请联系系统管理员');
  const { stream, size } = blob;
  const inline = row.mimeType.startsWith('image/') || row.mimeType === 'application/pdf';
  return reply
    .header('content-type', row.mimeType)
    .header('content-length', size)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
    )
    .send(stream);
}
