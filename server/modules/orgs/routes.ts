import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { readUploadedFile } from '../../lib/upload.ts';
import { createOrg } from './commands/create-org.ts';
import { deactivateOrg } from './commands/deactivate-org.ts';
import { importOrgs } from './commands/import-orgs.ts';
import { moveOrg } from './commands/move-org.ts';
import { reactivateOrg } from './commands/reactivate-org.ts';
import { updateOrg } from './commands/update-org.ts';
import { updateOrgContacts } from './commands/update-org-contacts.ts';
import { contentDisposition, XLSX_MIME } from './excel.ts';
import { CONTACT_MAINTAINER_ROLES, REGISTRY_ADMIN_ROLES } from './policy.ts';
import { exportOrgs } from './queries/export-orgs.ts';
import { getImportTemplate } from './queries/get-import-template.ts';
import { getOrg } from './queries/get-org.ts';
import { listOrgs } from './queries/list-orgs.ts';
import {
  createOrgBody,
  deactivateOrgBody,
  idParams,
  importResultSchema,
  listQuery,
  moveOrgBody,
  orgListSchema,
  orgSchema,
  updateContactsBody,
  updateOrgBody,
  versionBody,
} from './schemas.ts';

const tags = ['orgs'];
const admin = { roles: REGISTRY_ADMIN_ROLES };

function sendXlsx(reply: FastifyReply, file: { buffer: Buffer; filename: string }, asciiName: string) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(file.filename, asciiName))
    .send(file.buffer);
}

export function registerOrgRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: '单位列表（按树形顺序的平铺列表，名称对所有登录用户可见）',
        querystring: listQuery,
        response: { 200: orgListSchema },
      },
    },
    async (req) => ({ items: await listOrgs(ctx, actorOf(req), req.query) }),
  );

  app.get(
    '/api/orgs/export.xlsx',
    { config: admin, schema: { tags, summary: '导出单位名录（Excel，含停用单位）' } },
    async (req, reply) => sendXlsx(reply, await exportOrgs(ctx, auditOf(req)), 'orgs.xlsx'),
  );

  app.get(
    '/api/orgs/import-template.xlsx',
    { config: admin, schema: { tags, summary: '下载单位导入模板（Excel）' } },
    async (_req, reply) => sendXlsx(reply, await getImportTemplate(ctx), 'orgs-template.xlsx'),
  );

  app.post(
    '/api/orgs/import',
    {
      config: admin,
      schema: {
        tags,
        summary: '从 Excel 导入单位（按单位编码新建或更新，任一行有误则全部不导入）',
        consumes: ['multipart/form-data'],
        response: { 200: importResultSchema },
      },
    },
    async (req) => {
      const file = await readUploadedFile(req, {
        limit: ctx.config.uploadLimit,
        what: '文件',
        outcome: '未导入',
        missing: '请选择要导入的 Excel 文件（字段名 file）',
      });
      return importOrgs(
        ctx,
        { buffer: file.content, filename: file.fileName || '未命名.xlsx' },
        auditOf(req),
      );
    },
  );

  app.get(
    '/api/orgs/:id',
    { schema: { tags, summary: '单位详情', params: idParams, response: { 200: orgSchema } } },
    async (req) => getOrg(ctx.db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/orgs',
    {
      config: admin,
      schema: { tags, summary: '新建单位', body: createOrgBody, response: { 201: orgSchema } },
    },
    async (req, reply) => reply.status(201).send(await createOrg(ctx, actorOf(req), req.body, auditOf(req))),
  );

  app.patch(
    '/api/orgs/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: '修改单位',
        params: idParams,
        body: updateOrgBody,
        response: { 200: orgSchema },
      },
    },
    async (req) => updateOrg(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.post(
    '/api/orgs/:id/move',
    {
      config: admin,
      schema: {
        tags,
        summary: '调整上级单位',
        params: idParams,
        body: moveOrgBody,
        response: { 200: orgSchema },
      },
    },
    async (req) => moveOrg(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.post(
    '/api/orgs/:id/deactivate',
    {
      config: admin,
      schema: {
        tags,
        summary: '停用单位',
        params: idParams,
        body: deactivateOrgBody,
        response: { 200: orgSchema },
      },
    },
    async (req) => deactivateOrg(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.post(
    '/api/orgs/:id/reactivate',
    {
      config: admin,
      schema: {
        tags,
        summary: '重新启用单位',
        params: idParams,
        body: versionBody,
        response: { 200: orgSchema },
      },
    },
    async (req) => reactivateOrg(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.patch(
    '/api/orgs/:id/contacts',
    {
      config: { roles: CONTACT_MAINTAINER_ROLES },
      schema: {
        tags,
        summary: '维护单位联系方式（系统管理员，或本单位信息员、审核签发人）',
        params: idParams,
        body: updateContactsBody,
        response: { 200: orgSchema },
      },
    },
    async (req) => updateOrgContacts(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );
}
