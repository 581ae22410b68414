import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { type AuditAction, type AuditContext, diffRecords, recordAudit } from '../../lib/audit.ts';
import { conflict } from '../../lib/errors.ts';
import { STALE_RECORD } from '../../lib/records.ts';

/**
 * Saves one settings document under optimistic locking, with its audit event, in the caller's
 * transaction. `current` is what the caller read (version 0: never saved, so the first save
 * inserts). A save that changes nothing writes nothing.
 */
export async function saveSetting<T extends Record<string, unknown>>(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  doc: { key: string; label: string; action: AuditAction },
  current: T & { version: number },
  value: T,
  version: number,
  /** How the audit log sees a document (secrets hidden); default: as it is. */
  forAudit: (v: T) => Record<string, unknown> = (v) => v,
): Promise<void> {
  const { version: currentVersion, ...before } = current;
  if (currentVersion !== version) throw conflict(STALE_RECORD);
  if (Object.keys(diffRecords(before, value)).length === 0) return;
  const diff = diffRecords(forAudit(before as unknown as T), forAudit(value));
  const saved =
    version === 0
      ? await tx
          .insert(settings)
          .values({ key: doc.key, value, version: 1, updatedBy: actor.userId })
          .onConflictDoNothing()
          .returning({ key: settings.key })
      : await tx
          .update(settings)
          .set({
            value,
            version: sql`${settings.version} + 1`,
            updatedAt: new Date(),
            updatedBy: actor.userId,
          })
          .where(and(eq(settings.key, doc.key), eq(settings.version, version)))
          .returning({ key: settings.key });
  if (saved.length === 0) throw conflict(STALE_RECORD);
  await recordAudit(tx, audit, {
    action: doc.action,
    targetType: 'settings',
    targetId: doc.key,
    targetLabel: doc.label,
    diff,
  });
}
