import type { AppContext } from '../../../context.ts';
import type { Role } from '../../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../../lib/http.ts';
import { sendXlsx } from '../../../lib/xlsx.ts';
import { exportAdjustments, listAdjustments } from './queries.ts';
import { registerAdjustment } from './register-adjustment.ts';
import { revokeAdjustment } from './revoke-adjustment.ts';
import {
  adjustmentIdParams,
  adjustmentListQuery,
  adjustmentListSchema,
  adjustmentSchema,
  registerAdjustmentBody,
  revokeAdjustmentBody,
} from './schemas.ts';

const tags = ['assessment'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'];

/** 加减分登记: the office's own additions and deductions, registered, listed and revoked. */
export function registerAdjustmentRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/assessment/adjustments',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '加减分登记列表（单位只看本单位）',
        querystring: adjustmentListQuery,
        response: { 200: adjustmentListSchema },
      },
    },
    async (req) => listAdjustments(ctx.db, actorOf(req), req.query),
  );
  app.get(
    '/api/assessment/adjustments.xlsx',
    {
      config: { roles: READERS },
      schema: { tags, summary: '导出加减分登记（Excel，按当前筛选）', querystring: adjustmentListQuery },
    },
    async (req, reply) => {
      const file = await exportAdjustments(ctx.db, actorOf(req), req.query, ctx.clock.now(), auditOf(req));
      return sendXlsx(reply, file.filename, file.body);
    },
  );
  app.post(
    '/api/assessment/adjustments',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '登记加分或减分',
        body: registerAdjustmentBody,
        response: { 201: adjustmentSchema },
      },
    },
    async (req, reply) => {
      return reply
        .status(201)
        .send(await registerAdjustment(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock));
    },
  );
  app.post(
    '/api/assessment/adjustments/:id/revoke',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '撤销加减分登记（保留记录）',
        params: adjustmentIdParams,
        body: revokeAdjustmentBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => revokeAdjustment(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock),
  );
}
