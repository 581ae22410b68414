import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { readUploadedFile } from '../../lib/upload.ts';
import { deleteAttachment } from './commands/delete-attachment.ts';
import { uploadAttachment } from './commands/upload-attachment.ts';
import { extensionOf } from './file-types.ts';
import { ATTACHMENT_EDITOR_ROLES } from './policy.ts';
import { getAttachment } from './queries/get-attachment.ts';
import { type AttachmentRow, attachmentIdParams, attachmentSchema, itemIdParams } from './schemas.ts';

const tags = ['attachments'];
const editors = { roles: ATTACHMENT_EDITOR_ROLES };

/** Item images and attachments: upload, download, delete. */
export function registerAttachmentRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/items/:id/attachments',
    {
      config: editors,
      schema: {
        tags,
        summary: '上传图片或附件（multipart，字段名 file；按文件内容判定类型）',
        consumes: ['multipart/form-data'],
        params: itemIdParams,
        response: { 201: attachmentSchema },
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, {
        limit: ctx.config.uploadLimit,
        what: '附件',
        outcome: '未保存',
        missing: '请选择要上传的文件（字段名 file）',
      });
      const view = await uploadAttachment(ctx, actorOf(req), req.params.id, file, auditOf(req));
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      schema: { tags, summary: '下载附件（图片内联显示，其余一律作为下载）', params: attachmentIdParams },
      // After the application's `no-store`: the bytes of an attachment never change, so the
      // browser may keep them, but must ask again (and be authorised again) before each use.
      onSend: async (_req, reply) => {
        if (reply.statusCode === 200 || reply.statusCode === 304)
          reply.header('cache-control', 'private, no-cache');
      },
    },
    async (req, reply) => {
      const { attachment, stream, size } = await getAttachment(ctx, actorOf(req), req.params.id);
      const etag = `"${attachment.sha256}"`;
      safeHeaders(reply, attachment).header('etag', etag);
      if (req.headers['if-none-match'] === etag) {
        stream.destroy();
        return reply.status(304).send();
      }
      return reply.header('content-length', size).send(stream);
    },
  );

  app.delete(
    '/api/attachments/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: '删除附件',
        params: attachmentIdParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await deleteAttachment(ctx, actorOf(req), req.params.id, auditOf(req));
      return { ok: true as const };
    },
  );
}

/**
 * Headers that keep an attachment inert whatever its bytes: only images get their own type (and
 * are shown inline); everything else is an opaque download, never sniffed, never scripted.
 */
function safeHeaders(reply: FastifyReply, attachment: AttachmentRow): FastifyReply {
  const image = attachment.kind === 'image' && attachment.mimeType.startsWith('image/');
  return reply
    .header('content-type', image ? attachment.mimeType : 'application/octet-stream')
    .header('content-disposition', contentDisposition(image ? 'inline' : 'attachment', attachment))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'");
}

/** RFC 6266/5987: an ASCII fallback name and the real (Chinese) one as `filename*`. */
export function contentDisposition(type: 'inline' | 'attachment', attachment: AttachmentRow): string {
  const name = attachment.fileName;
  const printable = /^[\x20-\x7e]+$/.test(name) && !/["\\%]/.test(name);
  const ext = extensionOf(name).replace(/[^a-z0-9]/g, '');
  const fallback = printable ? name : `attachment-${attachment.id.slice(0, 8)}${ext ? `.${ext}` : ''}`;
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
