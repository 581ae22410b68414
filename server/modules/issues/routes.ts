import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { createIssue } from './commands/create-issue.ts';
import { deleteIssue } from './commands/delete-issue.ts';
import { setIssueItems } from './commands/set-issue-items.ts';
import { transitionIssue } from './commands/transition-issue.ts';
import { updateIssue } from './commands/update-issue.ts';
import { exportIssues } from './queries/export-issues.ts';
import { getIssue } from './queries/get-issue.ts';
import { issueCandidates } from './queries/issue-candidates.ts';
import { issueYears, listIssues } from './queries/list-issues.ts';
import { officeStaff } from './queries/office-staff.ts';
import {
  candidatesQuery,
  candidatesSchema,
  createIssueBody,
  deleteQuery,
  idParams,
  issueDetailSchema,
  issueExportQuery,
  issuePageSchema,
  listIssuesQuery,
  officeParams,
  setItemsBody,
  staffQuery,
  staffSchema,
  transitionBody,
  updateIssueBody,
  yearsQuery,
} from './schemas.ts';

const tags = ['issues'];
const sortedYears = z.array(z.number().int());
/** Who assembles issues: the office's editors and chief editors. */
const OFFICE_STAFF: readonly Role[] = ['editor', 'chief_editor'];
/** Who reads issues: office staff, and leaders (issues circulated to them or for them to sign). */
const READERS: readonly Role[] = ['editor', 'chief_editor', 'leader'];

/** Publication issues (刊物编辑): numbering, assembly, 定版 → 签发 → 发布, the archive. */
export function registerIssueRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/issues',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '刊物期次列表（按刊物、年份、状态筛选，搜索标题、期号和信息标题）',
        querystring: listIssuesQuery,
        response: { 200: issuePageSchema },
      },
    },
    async (req) => listIssues(ctx.db, actorOf(req), req.query, req.query),
  );

  app.get(
    '/api/issues/export.xlsx',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '导出刊物期次（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: issueExportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportIssues(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );

  app.get(
    '/api/issues/years',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '有期次的年份（年份筛选用）',
        querystring: yearsQuery,
        response: { 200: sortedYears },
      },
    },
    async (req) => issueYears(ctx.db, actorOf(req), req.query.publicationId),
  );

  app.post(
    '/api/issues',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '新建一期刊物（草稿，自动编号）',
        body: createIssueBody,
        response: { 201: issueDetailSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createIssue(ctx, actorOf(req), req.body, auditOf(req))),
  );

  app.get(
    '/api/issues/:id',
    {
      config: { roles: READERS },
      schema: { tags, summary: '刊物期次详情', params: idParams, response: { 200: issueDetailSchema } },
    },
    async (req) => getIssue(ctx.db, actorOf(req), req.params.id, auditOf(req)),
  );

  app.patch(
    '/api/issues/:id',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '修改本期信息（标题、编者按、报送范围、印数、责任编辑、签发领导）',
        params: idParams,
        body: updateIssueBody,
        response: { 200: issueDetailSchema },
      },
    },
    async (req) => updateIssue(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.delete(
    '/api/issues/:id',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '删除本刊最新一期草稿（其中的信息退回待编发）',
        params: idParams,
        querystring: deleteQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteIssue(ctx, actorOf(req), req.params.id, req.query.version, auditOf(req));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/issues/:id/items',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '设置本期信息（整体顺序：编入、移出、排序、推送网站）',
        params: idParams,
        body: setItemsBody,
        response: { 200: issueDetailSchema },
      },
    },
    async (req) => setIssueItems(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.post(
    '/api/issues/:id/transitions',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '定版、解除定版、签发、发布',
        params: idParams,
        body: transitionBody,
        response: { 200: issueDetailSchema },
      },
    },
    async (req) => transitionIssue(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.get(
    '/api/issues/:id/candidates',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '可编入本期的信息（本办公室拟采用、未编入刊物）',
        params: idParams,
        querystring: candidatesQuery,
        response: { 200: candidatesSchema },
      },
    },
    async (req) => issueCandidates(ctx.db, actorOf(req), req.params.id, req.query.q),
  );

  app.get(
    '/api/offices/:id/staff',
    {
      config: { roles: ['editor', 'chief_editor', 'leader', 'sysadmin'] },
      schema: {
        tags: ['orgs'],
        summary: '办公室人员（编辑、主编/签发领导、领导），供责任编辑、签发领导和传阅选择',
        params: officeParams,
        querystring: staffQuery,
        response: { 200: staffSchema },
      },
    },
    async (req) => officeStaff(ctx.db, actorOf(req), req.params.id, req.query.roles),
  );
}
