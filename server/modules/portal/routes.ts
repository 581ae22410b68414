import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { queueItem } from './commands/queue-item.ts';
import { withdrawEntry } from './commands/withdraw-entry.ts';
import { exportPortalQueue } from './queries/export-portal-queue.ts';
import { listPortalQueue } from './queries/list-portal-queue.ts';
import {
  idParams,
  portalEntrySchema,
  portalExportQuery,
  portalPageSchema,
  portalQuery,
  queueItemBody,
  withdrawBody,
} from './schemas.ts';

const tags = ['portal'];

/** Office staff hand items to the portal; the office check comes per record. */
const STAFF: readonly Role[] = ['editor', 'chief_editor'];

/** The hand-off to the public portal (网站推送): queue, withdraw, list. */
export function registerPortalRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/portal-queue',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '网站推送队列（本办公室），含各状态数量',
        querystring: portalQuery,
        response: { 200: portalPageSchema },
      },
    },
    async (req) => listPortalQueue(ctx.db, actorOf(req), req.query, req.query),
  );

  app.get(
    '/api/portal-queue/export.xlsx',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '导出网站推送（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: portalExportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportPortalQueue(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );

  app.post(
    '/api/portal-queue',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '推送已发布的普通信息到政府网站',
        body: queueItemBody,
        response: { 201: portalEntrySchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await queueItem(ctx.db, actorOf(req), req.body.itemId, auditOf(req))),
  );

  app.post(
    '/api/portal-queue/:id/withdraw',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '撤回网站推送（须填写原因）',
        params: idParams,
        body: withdrawBody,
        response: { 200: portalEntrySchema },
      },
    },
    async (req) => withdrawEntry(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req)),
  );
}
