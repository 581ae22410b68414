import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { fileLiaison } from './commands/file-liaison.ts';
import { exportLiaison } from './queries/export-liaison.ts';
import { listLiaison } from './queries/list-liaison.ts';
import { listRevisions } from './queries/list-revisions.ts';
import {
  exportQuery,
  filingBody,
  filingParams,
  filingResultSchema,
  listQuery,
  registrySchema,
  revisionsSchema,
} from './schemas.ts';

const tags = ['liaison'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'reporter', 'unit_signer'];

/** 信息联络员备案: units file their 分管领导 and 信息员 each year; the office sees who has not. */
export function registerLiaisonRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/liaison',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '联络员备案：信息科看所辖单位（含未备案名单），各单位看本单位',
        querystring: listQuery,
        response: { 200: registrySchema },
      },
    },
    async (req) => listLiaison(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/liaison/export.xlsx',
    {
      config: { roles: STAFF },
      schema: { tags, summary: '导出年度信息联络员通讯录（Excel）', querystring: exportQuery },
    },
    async (req, reply) => {
      const { filename, body } = await exportLiaison(ctx, actorOf(req), req.query, auditOf(req));
      return sendXlsx(reply, filename, body);
    },
  );
  app.put(
    '/api/liaison/:unitId/:year',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '填报或变更本单位的年度联络员备案（变更须带版本号）',
        params: filingParams,
        body: filingBody,
        response: { 200: filingResultSchema },
      },
    },
    async (req) =>
      fileLiaison(
        ctx.db,
        actorOf(req),
        req.params.unitId,
        req.params.year,
        req.body,
        auditOf(req),
        ctx.clock,
      ),
  );
  app.get(
    '/api/liaison/:unitId/:year/revisions',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '联络员备案的变更记录（逐项对比）',
        params: filingParams,
        response: { 200: revisionsSchema },
      },
    },
    async (req) => listRevisions(ctx.db, actorOf(req), req.params.unitId, req.params.year),
  );
}
