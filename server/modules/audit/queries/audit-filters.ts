import { and, desc, eq, gte, ilike, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../../db/schema/index.ts';
import { containsPattern, prefixPattern } from '../../../lib/like.ts';
import { type AuditFilter, parseInstant } from '../schemas.ts';

/** The auditor's filters as one typed condition; shared by the page and the Excel export. */
export function auditConditions(filter: AuditFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.from) conditions.push(gte(auditEvents.at, parseInstant(filter.from, 'start')!));
  if (filter.to) {
    // A bare date means the whole day; an instant is taken as given.
    const end = parseInstant(filter.to, 'end')!;
    conditions.push(/T/.test(filter.to) ? lte(auditEvents.at, end) : lt(auditEvents.at, end));
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(auditEvents.actorName, pattern), ilike(auditEvents.targetLabel, pattern)));
  }
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.targetType) conditions.push(eq(auditEvents.targetType, filter.targetType));
  if (filter.unitId) conditions.push(eq(auditEvents.unitId, filter.unitId));
  if (filter.ip) conditions.push(like(auditEvents.ip, prefixPattern(filter.ip)));
  return and(...conditions);
}

/** Newest first; the id breaks ties between events of the same instant. */
export const auditOrder = [desc(auditEvents.at), desc(auditEvents.id)];
