import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { markReadOnOpen } from '../circulation/index.ts';
import { createItem } from './commands/create-item.ts';
import { updateItem } from './commands/update-item.ts';
import { diffItemVersions } from './queries/diff-item-versions.ts';
import { exportItems } from './queries/export-items.ts';
import { forwardedSummary } from './queries/forwarded-summary.ts';
import { getItem } from './queries/get-item.ts';
import { getItemVersion } from './queries/get-item-version.ts';
import { listItems } from './queries/list-items.ts';
import {
  createItemBody,
  diffQuery,
  diffSchema,
  forwardedSummaryQuery,
  forwardedSummarySchema,
  idParams,
  itemDetailSchema,
  itemPageSchema,
  listExportQuery,
  listQuery,
  updateItemBody,
  versionParams,
  versionSchema,
} from './schemas.ts';

const tags = ['items'];

/** Who works with items at all; the data scope and the item's state decide the rest. */
const ITEM_ROLES: readonly Role[] = ['reporter', 'unit_signer', 'editor', 'chief_editor'];
/** Leaders also read an item, when it was circulated to them (the item scope decides which). */
const ITEM_READER_ROLES: readonly Role[] = [...ITEM_ROLES, 'leader'];

/** Items: writing, editing with versions, reading, comparing versions, and the queues. */
export function registerItemRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/items',
    {
      config: { roles: ITEM_ROLES },
      schema: {
        tags,
        summary: '信息列表（我的信息、待签发、收稿箱、转报与采用），含各状态数量',
        querystring: listQuery,
        response: { 200: itemPageSchema },
      },
    },
    async (req) => listItems(ctx, actorOf(req), req.query, req.query),
  );

  app.get(
    '/api/items/export.xlsx',
    {
      config: { roles: ITEM_ROLES },
      schema: {
        tags,
        summary: '导出信息列表（Excel）：与列表同一查询和筛选，不分页，至多 10000 条',
        querystring: listExportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportItems(ctx, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );

  app.get(
    '/api/items/forwarded-summary',
    {
      config: { roles: ['editor', 'chief_editor'] },
      schema: {
        tags,
        summary: '转报与采用统计：转报、采用条数及各上级刊物得分（随查询条件）',
        querystring: forwardedSummaryQuery,
        response: { 200: forwardedSummarySchema },
      },
    },
    async (req) => forwardedSummary(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/items',
    {
      config: { roles: ['reporter'] },
      schema: {
        tags,
        summary: '新建信息（草稿）',
        body: createItemBody,
        response: { 201: itemDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createItem(ctx, actorOf(req), req.body, auditOf(req))),
  );

  app.get(
    '/api/items/:id',
    {
      config: { roles: ITEM_READER_ROLES },
      schema: {
        tags,
        summary: '信息详情（含时间线、版本、转报链）',
        params: idParams,
        response: { 200: itemDetailSchema },
      },
    },
    async (req) => {
      const item = await getItem(ctx, actorOf(req), req.params.id);
      // A leader opening an item circulated to them: the first opening is the read time.
      await markReadOnOpen(ctx.db, actorOf(req), { itemId: item.id }, auditOf(req));
      return item;
    },
  );

  app.patch(
    '/api/items/:id',
    {
      config: { roles: ITEM_ROLES },
      schema: {
        tags,
        summary: '修改信息（标题或正文的修改生成新版本）',
        params: idParams,
        body: updateItemBody,
        response: { 200: itemDetailSchema },
      },
    },
    async (req) => updateItem(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  app.get(
    '/api/items/:id/versions/:no',
    {
      config: { roles: ITEM_READER_ROLES },
      schema: { tags, summary: '信息的某一版本', params: versionParams, response: { 200: versionSchema } },
    },
    async (req) => getItemVersion(ctx, actorOf(req), req.params.id, req.params.no),
  );

  app.get(
    '/api/items/:id/diff',
    {
      config: { roles: ITEM_READER_ROLES },
      schema: {
        tags,
        summary: '两个版本的逐字比较',
        params: idParams,
        querystring: diffQuery,
        response: { 200: diffSchema },
      },
    },
    async (req) => diffItemVersions(ctx, actorOf(req), req.params.id, req.query.from, req.query.to),
  );
}
