import { z } from 'zod';
import type { AppContext } from '../../../context.ts';
import type { Role } from '../../../db/schema/index.ts';
import { actorOf, auditOf, sendDocumentFile, sendDocumentPreview, type TypedApp } from '../../../lib/http.ts';
import { createNotice } from './create-notice.ts';
import { deleteNotice } from './delete-notice.ts';
import { issueNotice } from './issue-notice.ts';
import { getNotice, latestNotices, listNotices, noticeFile, presentNotice } from './queries.ts';
import { refreshNotice } from './refresh-notice.ts';
import {
  createNoticeBody,
  noticeIdParams,
  noticeListQuery,
  noticeSchema,
  noticeSummarySchema,
  noticeVersionBody,
  updateNoticeBody,
} from './schemas.ts';
import { updateNotice } from './update-notice.ts';

const tags = ['assessment'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'];

/** 通报: drafted from the ledger, edited, issued as a 公文 and archived; units read the issued ones. */
export function registerNoticeRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/assessment/notices',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '考评通报列表',
        querystring: noticeListQuery,
        response: { 200: z.array(noticeSummarySchema) },
      },
    },
    async (req) => listNotices(ctx.db, actorOf(req), req.query.officeId),
  );
  app.get(
    '/api/assessment/notices/latest',
    {
      config: { roles: READERS },
      schema: { tags, summary: '所属办公室最近印发的通报（首页）', response: { 200: z.array(noticeSchema) } },
    },
    async (req) => latestNotices(ctx.db, actorOf(req)),
  );
  app.get(
    '/api/assessment/notices/:id',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '通报详情（正文、数据快照）',
        params: noticeIdParams,
        response: { 200: noticeSchema },
      },
    },
    async (req) => getNotice(ctx.db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/assessment/notices',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '起草月度、季度或年度通报',
        body: createNoticeBody,
        response: { 201: noticeSchema },
      },
    },
    async (req, reply) => {
      const row = await createNotice(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(presentNotice(actorOf(req), row));
    },
  );
  app.put(
    '/api/assessment/notices/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '修改通报草稿的文字',
        params: noticeIdParams,
        body: updateNoticeBody,
        response: { 200: noticeSchema },
      },
    },
    async (req) =>
      presentNotice(
        actorOf(req),
        await updateNotice(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock),
      ),
  );
  app.post(
    '/api/assessment/notices/:id/refresh',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '更新通报数据（重新取数）',
        params: noticeIdParams,
        body: noticeVersionBody,
        response: { 200: noticeSchema },
      },
    },
    async (req) =>
      presentNotice(
        actorOf(req),
        await refreshNotice(ctx.db, actorOf(req), req.params.id, req.body.version, auditOf(req), ctx.clock),
      ),
  );
  app.post(
    '/api/assessment/notices/:id/issue',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '印发通报（存档，各单位可见）',
        params: noticeIdParams,
        body: noticeVersionBody,
        response: { 200: noticeSchema },
      },
    },
    async (req) =>
      presentNotice(
        actorOf(req),
        await issueNotice(ctx, actorOf(req), req.params.id, req.body.version, auditOf(req)),
      ),
  );
  app.delete(
    '/api/assessment/notices/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '删除通报草稿',
        params: noticeIdParams,
        querystring: z.object({ version: z.coerce.number({ error: '缺少版本号' }).int().min(1) }),
      },
    },
    async (req, reply) => {
      await deleteNotice(ctx.db, actorOf(req), req.params.id, req.query.version, auditOf(req));
      return reply.status(204).send();
    },
  );
  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      `/api/assessment/notices/:id/document.${format}`,
      {
        config: { roles: READERS },
        schema: {
          tags,
          summary: `通报（公文版式 ${format.toUpperCase()}；草稿为样稿）`,
          params: noticeIdParams,
        },
      },
      async (req, reply) => {
        const { content, fileName } = await noticeFile(ctx, actorOf(req), req.params.id, format);
        return sendDocumentFile(reply, format, content, fileName, `notice.${format}`);
      },
    );
  }
  app.get(
    '/api/assessment/notices/:id/document.html',
    {
      config: { roles: READERS },
      schema: { tags, summary: '通报打印预览（HTML，版式同 DOCX）', params: noticeIdParams },
    },
    async (req, reply) => {
      const { content } = await noticeFile(ctx, actorOf(req), req.params.id, 'html');
      return sendDocumentPreview(reply, content);
    },
  );
}
