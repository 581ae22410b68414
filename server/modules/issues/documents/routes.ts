import type { AppContext } from '../../../context.ts';
import { actorOf, auditOf, sendDocumentPreview, type TypedApp } from '../../../lib/http.ts';
import { MIME_TYPES } from './archive.ts';
import { generateIssueFile } from './commands/generate-issue-file.ts';
import { DOCUMENT_ROLES } from './policy.ts';
import { getIssueFile } from './queries/get-issue-file.ts';
import { previewIssue } from './queries/preview-issue.ts';
import { generateFileBody, issueFileParams, issueFileSchema, issueIdParams } from './schemas.ts';

const tags = ['issues'];

/** Issue documents: print preview, generate and archive DOCX/PDF, download. */
export function registerIssueDocumentRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/issues/:id/preview',
    { schema: { tags, summary: '刊物打印预览（HTML，版式同 DOCX）', params: issueIdParams } },
    async (req, reply) => {
      const html = await previewIssue(ctx, actorOf(req), req.params.id);
      return sendDocumentPreview(reply, html);
    },
  );

  app.post(
    '/api/issues/:id/files',
    {
      config: { roles: DOCUMENT_ROLES },
      schema: {
        tags,
        summary: '生成并归档刊物文档（docx 经格式检查；pdf 由 LibreOffice 或 Chromium 转换）',
        params: issueIdParams,
        body: generateFileBody,
        response: { 201: issueFileSchema },
      },
    },
    async (req, reply) => {
      const file = await generateIssueFile(ctx, actorOf(req), req.params.id, req.body.kind, auditOf(req));
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/api/issues/:id/files/:fileId',
    { schema: { tags, summary: '下载归档的刊物文档', params: issueFileParams } },
    async (req, reply) => {
      const { file, stream, size } = await getIssueFile(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.fileId,
        auditOf(req),
      );
      return reply
        .header('content-type', MIME_TYPES[file.kind])
        .header(
          'content-disposition',
          attachmentDisposition(file.fileName, `issue-${file.id.slice(0, 8)}.${file.kind}`),
        )
        .header('content-length', size)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .send(stream);
    },
  );
}

/** RFC 6266/5987: an ASCII fallback name and the real (Chinese) one as `filename*`. */
export function attachmentDisposition(fileName: string, fallback: string): string {
  const printable = /^[\x20-\x7e]+$/.test(fileName) && !/["\\%]/.test(fileName);
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${printable ? fileName : fallback}"; filename*=UTF-8''${encoded}`;
}
