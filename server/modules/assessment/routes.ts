import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, attachmentDisposition, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { registerAdjustmentRoutes } from './adjustments/routes.ts';
import { activateRuleSet } from './commands/activate-rule-set.ts';
import { createRuleSet } from './commands/create-rule-set.ts';
import { deleteRuleSet } from './commands/delete-rule-set.ts';
import { newRuleSetVersion } from './commands/new-rule-set-version.ts';
import { recomputeRuleSet } from './commands/recompute.ts';
import { updateRuleSet } from './commands/update-rule-set.ts';
import { registerNoticeRoutes } from './notices/routes.ts';
import { listEntries } from './queries/entries.ts';
import { exportEntries } from './queries/export-entries.ts';
import { exportPreview } from './queries/export-preview.ts';
import { exportRanking } from './queries/export-ranking.ts';
import { exportStatistics } from './queries/export-statistics.ts';
import { assessmentOffices } from './queries/offices.ts';
import { previewRules } from './queries/preview.ts';
import { getRanking } from './queries/ranking.ts';
import { getRuleSet, listRuleSets } from './queries/rule-sets.ts';
import { getStatistics } from './queries/statistics.ts';
import { workSummary, workSummaryDocx } from './queries/work-summary.ts';
import {
  createRuleSetBody,
  deleteQuery,
  entriesQuery,
  entriesSchema,
  idParams,
  officeQuery,
  previewBody,
  previewSchema,
  rankingQuery,
  rankingSchema,
  ruleSetDetailSchema,
  ruleSetSummarySchema,
  statisticsQuery,
  statisticsSchema,
  updateRuleSetBody,
  versionBody,
  workSummaryQuery,
} from './schemas.ts';

const tags = ['assessment'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'];

/** 考评: 考核办法 (versioned rule sets), rankings from the score ledger, drill-down, what-if. */
export function registerAssessmentRoutes(app: TypedApp, ctx: AppContext) {
  registerNoticeRoutes(app, ctx);
  registerAdjustmentRoutes(app, ctx);
  app.get(
    '/api/assessment/offices',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '可查看考评的办公室（本办公室、所属上级办公室）及本人的单位',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              relation: z.enum(['staff', 'leader', 'member']),
              ownUnitIds: z.array(z.string()),
            }),
          ),
        },
      },
    },
    async (req) => assessmentOffices(ctx.db, actorOf(req)),
  );
  app.get(
    '/api/assessment/rule-sets',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '考核办法列表（各版本）',
        querystring: officeQuery,
        response: { 200: z.array(ruleSetSummarySchema) },
      },
    },
    async (req) => listRuleSets(ctx.db, actorOf(req), req.query.officeId),
  );
  app.get(
    '/api/assessment/rule-sets/:id',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '考核办法详情：规则、中文说明、问题、版本',
        params: idParams,
        response: { 200: ruleSetDetailSchema },
      },
    },
    async (req) => getRuleSet(ctx.db, actorOf(req), req.params.id, ctx.clock.now()),
  );
  app.post(
    '/api/assessment/rule-sets',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '新建考核办法（草稿，第1版）',
        body: createRuleSetBody,
        response: { 201: ruleSetDetailSchema },
      },
    },
    async (req, reply) => {
      const row = await createRuleSet(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(await getRuleSet(ctx.db, actorOf(req), row.id, ctx.clock.now()));
    },
  );
  app.put(
    '/api/assessment/rule-sets/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '修改考核办法草稿',
        params: idParams,
        body: updateRuleSetBody,
        response: { 200: ruleSetDetailSchema },
      },
    },
    async (req) => {
      await updateRuleSet(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req));
      return getRuleSet(ctx.db, actorOf(req), req.params.id, ctx.clock.now());
    },
  );
  app.delete(
    '/api/assessment/rule-sets/:id',
    {
      config: { roles: STAFF },
      schema: { tags, summary: '删除考核办法草稿', params: idParams, querystring: deleteQuery },
    },
    async (req, reply) => {
      await deleteRuleSet(ctx.db, actorOf(req), req.params.id, req.query.version, auditOf(req));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/assessment/rule-sets/:id/versions',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '以此版本为底稿新建版本（草稿）',
        params: idParams,
        response: { 201: ruleSetDetailSchema },
      },
    },
    async (req, reply) => {
      const row = await newRuleSetVersion(ctx.db, actorOf(req), req.params.id, auditOf(req), ctx.clock);
      return reply.status(201).send(await getRuleSet(ctx.db, actorOf(req), row.id, ctx.clock.now()));
    },
  );
  app.post(
    '/api/assessment/rule-sets/:id/activate',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '启用考核办法（旧版本停用），并计算得分',
        params: idParams,
        body: versionBody,
        response: { 200: ruleSetDetailSchema },
      },
    },
    async (req) => {
      await activateRuleSet(ctx.db, actorOf(req), req.params.id, req.body.version, auditOf(req), ctx.clock);
      return getRuleSet(ctx.db, actorOf(req), req.params.id, ctx.clock.now());
    },
  );
  app.post(
    '/api/assessment/rule-sets/:id/recompute',
    {
      config: { roles: STAFF },
      schema: { tags, summary: '重新计算得分', params: idParams, response: { 200: ruleSetDetailSchema } },
    },
    async (req) => {
      await recomputeRuleSet(ctx.db, actorOf(req), req.params.id, auditOf(req), ctx.clock);
      return getRuleSet(ctx.db, actorOf(req), req.params.id, ctx.clock.now());
    },
  );
  app.post(
    '/api/assessment/preview',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '模拟测算：草稿规则在过去期间的得分与排名，与现行办法对比',
        body: previewBody,
        response: { 200: previewSchema },
      },
    },
    async (req) => previewRules(ctx.db, actorOf(req), req.body, ctx.clock.now()),
  );
  app.post(
    '/api/assessment/preview.xlsx',
    {
      config: { roles: STAFF },
      schema: { tags, summary: '导出模拟测算结果（Excel）', body: previewBody },
    },
    async (req, reply) => {
      const { filename, body } = await exportPreview(ctx.db, actorOf(req), req.body, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );
  app.get(
    '/api/assessment/ranking',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '分组排名：报送、采用（本级/上级）、采用率、得分、累计、名次',
        querystring: rankingQuery,
        response: { 200: rankingSchema },
      },
    },
    async (req) => getRanking(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/assessment/ranking.xlsx',
    {
      config: { roles: READERS },
      schema: { tags, summary: '导出分组排名（Excel）', querystring: rankingQuery },
    },
    async (req, reply) => {
      const { filename, body } = await exportRanking(
        ctx.db,
        actorOf(req),
        req.query,
        ctx.clock.now(),
        auditOf(req),
      );
      return sendXlsx(reply, filename, body);
    },
  );
  app.get(
    '/api/assessment/statistics',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary:
          '统计分析：按月报送与采用、各单位、分组采用率、报送覆盖、各刊物采用、向上采用与名次；单位的趋势与名次',
        querystring: statisticsQuery,
        response: { 200: statisticsSchema },
      },
    },
    async (req) => getStatistics(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/assessment/statistics.xlsx',
    {
      config: { roles: READERS },
      schema: { tags, summary: '导出统计分析的各单位表（Excel）', querystring: statisticsQuery },
    },
    async (req, reply) => {
      const { filename, body } = await exportStatistics(
        ctx.db,
        actorOf(req),
        req.query,
        ctx.clock.now(),
        auditOf(req),
      );
      return sendXlsx(reply, filename, body);
    },
  );
  const summarySchema = z.object({
    officeName: z.string(),
    title: z.string(),
    sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
  });
  app.get(
    '/api/assessment/work-summary',
    {
      config: { roles: ['editor', 'chief_editor', 'leader'] },
      schema: {
        tags,
        summary: '工作总结（工作情况）草稿：按实时数据撰写',
        querystring: workSummaryQuery,
        response: { 200: summarySchema },
      },
    },
    async (req) => workSummary(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/assessment/work-summary.docx',
    {
      config: { roles: ['editor', 'chief_editor', 'leader'] },
      schema: { tags, summary: '工作总结（工作情况）草稿 Word 文档', querystring: workSummaryQuery },
    },
    async (req, reply) => {
      const s = await workSummary(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentDisposition(`${s.title}.docx`, 'work-summary.docx'))
        .send(await workSummaryDocx(s));
    },
  );
  app.get(
    '/api/assessment/entries',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '得分明细：一个单位在期间内的计分记录及其来源',
        querystring: entriesQuery,
        response: { 200: entriesSchema },
      },
    },
    async (req) => listEntries(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/assessment/entries.xlsx',
    {
      config: { roles: READERS },
      schema: { tags, summary: '导出得分明细（Excel）', querystring: entriesQuery },
    },
    async (req, reply) => {
      const { filename, body } = await exportEntries(
        ctx.db,
        actorOf(req),
        req.query,
        ctx.clock.now(),
        auditOf(req),
      );
      return sendXlsx(reply, filename, body);
    },
  );
}
