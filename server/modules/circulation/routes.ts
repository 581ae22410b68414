import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { readCirculation } from './commands/read-circulation.ts';
import { sendCirculation } from './commands/send-circulation.ts';
import { exportMyCirculations } from './queries/export-my-circulations.ts';
import { getSubjectCirculation } from './queries/get-subject-circulation.ts';
import { listMyCirculations } from './queries/list-my-circulations.ts';
import { listRecipients } from './queries/list-recipients.ts';
import {
  circulationEntrySchema,
  idParams,
  mineExportQuery,
  mineQuery,
  myCirculationsSchema,
  readResult,
  recipientSchema,
  recipientsQuery,
  sendCirculationBody,
  sendCirculationResult,
  subjectQuery,
} from './schemas.ts';

const tags = ['circulation'];

/** Office staff circulate; the office check comes per record. */
const STAFF: readonly Role[] = ['editor', 'chief_editor'];

/** Circulation (传阅): office staff send issues and items to leaders; leaders read them. */
export function registerCirculationRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/circulations',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '传阅已发布的刊物或已采用的信息给本办公室领导',
        body: sendCirculationBody,
        response: { 201: sendCirculationResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sendCirculation(ctx.db, actorOf(req), req.body, auditOf(req))),
  );

  app.get(
    '/api/circulations',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '一期刊物或一条信息的传阅情况（传阅对象与阅读时间）',
        querystring: subjectQuery,
        response: { 200: circulationEntrySchema.array() },
      },
    },
    async (req) => getSubjectCirculation(ctx.db, actorOf(req), req.query),
  );

  app.get(
    '/api/circulations/mine',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: '我的传阅件（未读在前）',
        querystring: mineQuery,
        response: { 200: myCirculationsSchema },
      },
    },
    async (req) => listMyCirculations(ctx.db, actorOf(req), req.query, req.query),
  );

  app.get(
    '/api/circulations/mine/export.xlsx',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: '导出我的传阅件（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: mineExportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportMyCirculations(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );

  app.get(
    '/api/circulations/recipients',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '可传阅的领导（本办公室在用的领导账号）',
        querystring: recipientsQuery,
        response: { 200: recipientSchema.array() },
      },
    },
    async (req) => listRecipients(ctx.db, actorOf(req), req.query.officeId),
  );

  app.post(
    '/api/circulations/:id/read',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: '标记传阅件已阅（保留首次阅读时间）',
        params: idParams,
        response: { 200: readResult },
      },
    },
    async (req) => readCirculation(ctx.db, actorOf(req), req.params.id, auditOf(req)),
  );
}
