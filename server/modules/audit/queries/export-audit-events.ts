import { count } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/index.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { buildXlsx, formatDate, formatDateTime, type XlsxColumn } from '../../../lib/xlsx.ts';
import { actionLabel, describeDiff, targetTypeLabel } from '../labels.ts';
import type { AuditFilter } from '../schemas.ts';
import { auditConditions, auditOrder } from './audit-filters.ts';
import type { AuditRow } from './list-audit-events.ts';

/** The most rows one export holds; more is refused rather than silently cut. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

const COLUMNS: XlsxColumn<AuditRow>[] = [
  { header: '时间', width: 18, value: (e) => formatDateTime(e.at) },
  { header: '操作人', width: 20, value: (e) => e.actorName },
  { header: '单位', width: 24, value: (e) => e.unitName },
  { header: '操作', width: 14, value: (e) => actionLabel(e.action) },
  { header: '对象类型', width: 10, value: (e) => targetTypeLabel(e.targetType) },
  { header: '对象', width: 24, value: (e) => e.targetLabel ?? e.targetId },
  { header: '变更内容', width: 60, value: (e) => describeDiff(e.diff) },
  { header: 'IP', width: 16, value: (e) => e.ip },
  { header: '客户端', width: 40, value: (e) => e.userAgent },
];

/**
 * The filtered audit log as an Excel workbook. Taking the log out of the system is itself an
 * event the next auditor must be able to see, so it is recorded with the filters used.
 */
export async function exportAuditEvents(
  db: Db,
  filter: AuditFilter,
  audit: AuditContext,
): Promise<{ filename: string; body: Buffer }> {
  const where = auditConditions(filter);
  const [{ total }] = await db.select({ total: count() }).from(auditEvents).where(where);
  if (total > AUDIT_EXPORT_MAX_ROWS) {
    throw badRequest(
      `符合条件的日志有 ${total} 条，超过一次导出的上限 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小时间范围`,
    );
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(...auditOrder);
  const body = await buildXlsx('操作日志', COLUMNS, rows);
  await db.transaction((tx) =>
    recordAudit(tx, audit, {
      action: 'audit.exported',
      targetType: 'audit',
      targetLabel: '操作日志',
      diff: { filter, rows: rows.length },
    }),
  );
  return { filename: `操作日志-${formatDate(new Date())}.xlsx`, body };
}
