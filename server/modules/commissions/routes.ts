import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, sendDocumentFile, sendDocumentPreview, type TypedApp } from '../../lib/http.ts';
import { readUploadedFile } from '../../lib/upload.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { findRecordFile, sendRecordFile } from '../attachments/index.ts';
import { declineCommission, markReadOnOpen } from './commands/answer.ts';
import { attachCommissionFile } from './commands/attach-file.ts';
import { createCommission } from './commands/create-commission.ts';
import { cancelCommission, closeCommission } from './commands/end-commission.ts';
import { issueCommission } from './commands/issue-commission.ts';
import { updateCommission } from './commands/update-commission.ts';
import { presentCommission } from './present.ts';
import { exportCommissions } from './queries/export-commissions.ts';
import { listCommissions, openCommissionsForUnit } from './queries/list-commissions.ts';
import { renderNotice } from './queries/notice-document.ts';
import {
  cancelBody,
  commissionPageSchema,
  commissionSchema,
  createCommissionBody,
  declineBody,
  exportQuery,
  fileParams,
  idParams,
  listQuery,
  openForUnitSchema,
  updateCommissionBody,
  versionBody,
} from './schemas.ts';
import { findCommission } from './scope.ts';

const tags = ['commissions'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'reporter', 'unit_signer'];
const fileResult = z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number().int() });

/** 约稿: the office commissions items from its units with a 约稿通知单; the units read, answer or decline. */
export function registerCommissionRoutes(app: TypedApp, ctx: AppContext) {
  const detail = async (req: FastifyRequest, id: string) => {
    const actor = actorOf(req);
    const row = await findCommission(ctx.db, actor, id);
    return presentCommission(ctx.db, actor, row, ctx.clock.now());
  };

  app.get(
    '/api/commissions',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '约稿列表（办公室：本办全部；单位：发给本单位的）',
        querystring: listQuery,
        response: { 200: commissionPageSchema },
      },
    },
    async (req) => listCommissions(ctx.db, actorOf(req), req.query, req.query, ctx.clock.now()),
  );
  app.get(
    '/api/commissions/export.xlsx',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '导出约稿列表（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportCommissions(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );
  app.get(
    '/api/commissions/open',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '本单位可关联信息的约稿（已下发、未结束）',
        response: { 200: openForUnitSchema },
      },
    },
    async (req) => openCommissionsForUnit(ctx.db, actorOf(req)),
  );
  app.get(
    '/api/commissions/:id',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '约稿详情：约稿单位、已读回执与答复（约稿单位首次打开即记已读）',
        params: idParams,
        response: { 200: commissionSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await findCommission(ctx.db, actor, req.params.id);
      await markReadOnOpen(ctx.db, actor, row, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/commissions',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '新建约稿通知单（草稿）',
        body: createCommissionBody,
        response: { 201: commissionSchema },
      },
    },
    async (req, reply) => {
      const row = await createCommission(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(await detail(req, row.id));
    },
  );
  app.patch(
    '/api/commissions/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '修改约稿草稿（带版本号）',
        params: idParams,
        body: updateCommissionBody,
        response: { 200: commissionSchema },
      },
    },
    async (req) => {
      await updateCommission(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/commissions/:id/issue',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '下发约稿通知（编号并通知约稿单位）',
        params: idParams,
        body: versionBody,
        response: { 200: commissionSchema },
      },
    },
    async (req) => {
      await issueCommission(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/commissions/:id/cancel',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '撤销约稿（须填写原因）',
        params: idParams,
        body: cancelBody,
        response: { 200: commissionSchema },
      },
    },
    async (req) => {
      await cancelCommission(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/commissions/:id/close',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '结束约稿（截止前后均可）',
        params: idParams,
        body: versionBody,
        response: { 200: commissionSchema },
      },
    },
    async (req) => {
      await closeCommission(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/commissions/:id/decline',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '约稿单位婉拒约稿（须说明原因）',
        params: idParams,
        body: declineBody,
        response: { 200: commissionSchema },
      },
    },
    async (req) => {
      await declineCommission(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/commissions/:id/files',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '上传约稿附件（multipart，字段名 file）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: fileResult },
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, {
        limit: ctx.config.uploadLimit,
        what: '附件',
        outcome: '未保存',
        missing: '请选择要上传的文件（字段名 file）',
      });
      return reply
        .status(201)
        .send(await attachCommissionFile(ctx, actorOf(req), req.params.id, file, auditOf(req)));
    },
  );
  app.get(
    '/api/commissions/:id/files/:fileId',
    { config: { roles: READERS }, schema: { tags, summary: '下载约稿附件', params: fileParams } },
    async (req, reply) => {
      const row = await findCommission(ctx.db, actorOf(req), req.params.id);
      const file = await findRecordFile(ctx.db, [row.id], req.params.fileId);
      return sendRecordFile(ctx, reply, file);
    },
  );
  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      `/api/commissions/:id/notice.${format}`,
      {
        config: { roles: READERS },
        schema: {
          tags,
          summary:
            format === 'docx'
              ? '约稿通知单（公文版式 DOCX；下发前为样稿）'
              : '约稿通知单 PDF（LibreOffice 或 Chromium 转换，均未安装时 503）',
          params: idParams,
        },
      },
      async (req, reply) => {
        const { content, fileName } = await renderNotice(ctx, actorOf(req), req.params.id, format);
        return sendDocumentFile(reply, format, content, fileName as string, `commission.${format}`);
      },
    );
  }
  app.get(
    '/api/commissions/:id/notice.html',
    {
      config: { roles: READERS },
      schema: { tags, summary: '约稿通知单打印预览（HTML，版式同 DOCX）', params: idParams },
    },
    async (req, reply) => {
      const { content } = await renderNotice(ctx, actorOf(req), req.params.id, 'html');
      return sendDocumentPreview(reply, content as string);
    },
  );
}
