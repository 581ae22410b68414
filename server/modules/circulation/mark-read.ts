import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { circulations } from '../../db/schema/index.ts';
import { type Actor, auditContextOf } from '../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../lib/audit.ts';
import { type CirculationSubject, subjectCondition } from './list-circulation.ts';
import { subjectLabelOf } from './subject.ts';

type CirculationRow = typeof circulations.$inferSelect;

/**
 * Sets the read time of the caller's unread circulations matching `where` and audits each one,
 * so the first opening is the one recorded and later ones change nothing. Runs in `tx`.
 */
export async function markCirculationsRead(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  where: SQL,
): Promise<CirculationRow[]> {
  const rows = await tx
    .update(circulations)
    .set({ readAt: new Date() })
    .where(and(where, eq(circulations.recipientId, actor.userId), isNull(circulations.readAt)))
    .returning();
  for (const row of rows) {
    await recordAudit(tx, audit, {
      action: 'circulation.read',
      targetType: row.issueId ? 'issue' : 'item',
      targetId: row.issueId ?? row.itemId,
      targetLabel: await subjectLabelOf(tx, row),
      diff: { circulationId: row.id, sentByName: row.sentByName, sentAt: row.sentAt.toISOString() },
    });
  }
  return rows;
}

/**
 * Opening a circulated issue or item counts as reading it: the issue and item detail routes call
 * this after loading the record. A no-op for anyone it was not circulated to (and for repeat
 * openings). Pass the request's audit context to keep its address in the log.
 */
export async function markReadOnOpen(
  db: Db,
  actor: Actor,
  subject: CirculationSubject,
  audit: AuditContext = auditContextOf(actor, null, null),
): Promise<void> {
  if (!actor.roles.includes('leader')) return;
  const where = subjectCondition(subject);
  await db.transaction(async (tx) => {
    await markCirculationsRead(tx, actor, audit, where);
  });
}
