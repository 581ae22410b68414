import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { createTopic } from './commands/create-topic.ts';
import { publishTopic } from './commands/publish-topic.ts';
import { editTopic } from './commands/update-topic.ts';
import { withdrawTopic } from './commands/withdraw-topic.ts';
import { exportTopics } from './queries/export-topics.ts';
import { getTopic } from './queries/get-topic.ts';
import { currentTopics, listTopics } from './queries/list-topics.ts';
import { statsOfOffice } from './queries/stats.ts';
import {
  createTopicBody,
  currentQuery,
  currentTopicsSchema,
  type DetailQuery,
  detailQuery,
  exportQuery,
  idParams,
  listQuery,
  publishBody,
  statsQuery,
  statsResponseSchema,
  topicPageSchema,
  topicSchema,
  updateTopicBody,
  withdrawBody,
} from './schemas.ts';
import { findTopic } from './scope.ts';

const tags = ['topics'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'reporter', 'unit_signer'];
const FIRST_PAGE: DetailQuery = { page: 1, pageSize: 20 };

/** 报送要点: the office sets topics for a period and publishes them; units tag their items to them. */
export function registerTopicRoutes(app: TypedApp, ctx: AppContext) {
  const detail = async (req: FastifyRequest, id: string, q: DetailQuery = FIRST_PAGE) => {
    const actor = actorOf(req);
    const row = await findTopic(ctx.db, actor, id);
    return getTopic(ctx.db, actor, row, q, ctx.clock.now());
  };

  app.get(
    '/api/topics',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '报送要点列表（办公室：全部；单位：已发布）',
        querystring: listQuery,
        response: { 200: topicPageSchema },
      },
    },
    async (req) => listTopics(ctx.db, actorOf(req), req.query, req.query, ctx.clock.now()),
  );
  app.get(
    '/api/topics/export.xlsx',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '导出报送要点（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportTopics(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );
  app.get(
    '/api/topics/current',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '当前报送要点（已发布、期间含今天）：首页与信息报送表单',
        querystring: currentQuery,
        response: { 200: currentTopicsSchema },
      },
    },
    async (req) => currentTopics(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/topics/stats',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '报送要点统计：报送、采用、刊发、上级采用、报送单位数',
        querystring: statsQuery,
        response: { 200: statsResponseSchema },
      },
    },
    async (req) => statsOfOffice(ctx.db, actorOf(req), req.query),
  );
  app.get(
    '/api/topics/:id',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '报送要点详情：统计与已报送信息（分页）',
        params: idParams,
        querystring: detailQuery,
        response: { 200: topicSchema },
      },
    },
    async (req) => detail(req, req.params.id, req.query),
  );
  app.post(
    '/api/topics',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '新建报送要点（草稿）',
        body: createTopicBody,
        response: { 201: topicSchema },
      },
    },
    async (req, reply) => {
      const row = await createTopic(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(await detail(req, row.id));
    },
  );
  app.put(
    '/api/topics/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '修改报送要点（草稿或已发布）',
        params: idParams,
        body: updateTopicBody,
        response: { 200: topicSchema },
      },
    },
    async (req) => {
      await editTopic(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req));
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/topics/:id/publish',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '发布报送要点并通知各成员单位信息员',
        params: idParams,
        body: publishBody,
        response: { 200: topicSchema },
      },
    },
    async (req) => {
      await publishTopic(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/topics/:id/withdraw',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '撤回报送要点（须填写原因）',
        params: idParams,
        body: withdrawBody,
        response: { 200: topicSchema },
      },
    },
    async (req) => {
      await withdrawTopic(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
}
