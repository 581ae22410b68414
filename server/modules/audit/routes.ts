import type { AppContext } from '../../context.ts';
import { AUDIT_ACTIONS } from '../../lib/audit.ts';
import { auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { exportAuditEvents } from './queries/export-audit-events.ts';
import { listAuditEvents } from './queries/list-audit-events.ts';
import { auditActionsSchema, auditFilterQuery, auditListQuery, auditPageSchema } from './schemas.ts';

const tags = ['audit'];
/** 三员分立: only the auditor reads the log; the administrators it watches may not. */
const AUDITOR = ['auditor'] as const;

/** The audit log (操作日志): read and export only. No route changes or deletes a row. */
export function registerAuditRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/audit',
    {
      config: { roles: AUDITOR },
      schema: {
        tags,
        summary: '操作日志查询',
        querystring: auditListQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => listAuditEvents(ctx.db, req.query),
  );

  app.get(
    '/api/audit/actions',
    {
      config: { roles: AUDITOR },
      schema: { tags, summary: '操作类型', response: { 200: auditActionsSchema } },
    },
    async () => Object.entries(AUDIT_ACTIONS).map(([code, label]) => ({ code, label })),
  );

  app.get(
    '/api/audit/export.xlsx',
    {
      config: { roles: AUDITOR },
      schema: { tags, summary: '导出操作日志（Excel，至多 50000 条）', querystring: auditFilterQuery },
    },
    async (req, reply) => {
      const { filename, body } = await exportAuditEvents(ctx.db, req.query, auditOf(req));
      return sendXlsx(reply, filename, body);
    },
  );
}
