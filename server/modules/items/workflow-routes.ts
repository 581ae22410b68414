import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { batchTransition } from './commands/batch-transition.ts';
import { deleteAdoption } from './commands/delete-adoption.ts';
import { mergeItems } from './commands/merge-items.ts';
import { recordAdoption } from './commands/record-adoption.ts';
import { transitionItem } from './commands/transition-item.ts';
import { presentItemDetail } from './present.ts';
import { itemDetailSchema } from './schemas.ts';
import {
  actionBody,
  actionParams,
  adoptionBody,
  adoptionParams,
  batchBody,
  batchResult,
  deleteAdoptionBody,
  itemIdParams,
  mergeBody,
} from './workflow-schemas.ts';

const tags = ['items'];
/** Everyone who moves items; the transition table then decides per item. */
const WORKFLOW_ROLES: readonly Role[] = ['reporter', 'unit_signer', 'editor', 'chief_editor'];
const OFFICE_STAFF: readonly Role[] = ['editor', 'chief_editor'];

/** Items: workflow transitions, batch actions, forwarding, adoptions, joint reports. */
export function registerItemWorkflowRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/items/:id/actions/:action',
    {
      config: { roles: WORKFLOW_ROLES },
      schema: {
        tags,
        summary: '信息流转（提交签发、撤回、签发、退回修改、重新报送、退回、退稿、拟采用、转报）',
        params: actionParams,
        body: actionBody,
        response: { 200: itemDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await transitionItem(ctx, actor, req.params.id, req.params.action, req.body, auditOf(req));
      return presentItemDetail(ctx.db, actor, row.id);
    },
  );

  app.post(
    '/api/items/batch',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '批量拟采用、退回或退稿（全部成功或全部不变）',
        body: batchBody,
        response: { 200: batchResult },
      },
    },
    async (req) => {
      const rows = await batchTransition(ctx, actorOf(req), req.body, auditOf(req));
      return {
        results: rows.map((r) => ({ id: r.id, serial: r.serial, status: r.status, version: r.version })),
      };
    },
  );

  app.post(
    '/api/items/merge',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '合报：把多个单位关于同一事件的信息合并为一条',
        body: mergeBody,
        response: { 201: itemDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await mergeItems(ctx, actor, req.body, auditOf(req));
      return reply.status(201).send(await presentItemDetail(ctx.db, actor, row.id));
    },
  );

  app.post(
    '/api/items/:id/adoptions',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '登记上级采用',
        params: itemIdParams,
        body: adoptionBody,
        response: { 201: itemDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await recordAdoption(ctx, actor, req.params.id, req.body, auditOf(req));
      return reply.status(201).send(await presentItemDetail(ctx.db, actor, row.id));
    },
  );

  app.delete(
    '/api/items/:id/adoptions/:adoptionId',
    {
      config: { roles: OFFICE_STAFF },
      schema: {
        tags,
        summary: '删除误登记的上级采用（须填写原因）',
        params: adoptionParams,
        body: deleteAdoptionBody,
        response: { 200: itemDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { id, adoptionId } = req.params;
      const row = await deleteAdoption(ctx, actor, id, adoptionId, req.body?.reason, auditOf(req));
      return presentItemDetail(ctx.db, actor, row.id);
    },
  );
}
