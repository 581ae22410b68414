import { count } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/index.ts';
import { actionLabel } from '../labels.ts';
import type { AuditEventView, AuditFilter } from '../schemas.ts';
import { auditConditions, auditOrder } from './audit-filters.ts';

export type AuditRow = typeof auditEvents.$inferSelect;

export function presentAuditEvent(e: AuditRow): AuditEventView {
  return { ...e, at: e.at.toISOString(), actionLabel: actionLabel(e.action) };
}

/** One page of the audit log (操作日志), newest first. Read-only: nothing here writes. */
export async function listAuditEvents(
  db: Db,
  query: AuditFilter & { page?: number; pageSize?: number },
): Promise<{ items: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = auditConditions(query);
  const [{ total }] = await db.select({ total: count() }).from(auditEvents).where(where);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(...auditOrder)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(presentAuditEvent), total, page, pageSize };
}
