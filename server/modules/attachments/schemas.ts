import { z } from 'zod';
import type { itemAttachments } from '../../db/schema/index.ts';

export type AttachmentRow = typeof itemAttachments.$inferSelect;

export const attachmentIdParams = z.object({ id: z.uuid('附件编号格式不正确') });
export const itemIdParams = z.object({ id: z.uuid('信息编号格式不正确') });

/** An attachment as the item detail lists it and the upload returns it. */
export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'file']),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  url: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentSchema>;

export function presentAttachment(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    url: `/api/attachments/${row.id}`,
  };
}
