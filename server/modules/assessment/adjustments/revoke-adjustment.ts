import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentAdjustments, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { conflict } from '../../../lib/errors.ts';
import { assertVersion } from '../../../lib/records.ts';
import { markFactsChanged } from '../facts/changes.ts';
import { presentAdjustment } from './queries.ts';
import type { RevokeAdjustmentInput } from './schemas.ts';
import { assertCanManage, findAdjustment, notifyUnit, signedPoints } from './shared.ts';

/**
 * A mistaken registration is revoked, never edited or deleted: it stays listed with who revoked it
 * and why, and stops counting (the office's ledgers are marked changed in the same transaction).
 */
export function revokeAdjustment(
  db: Db,
  actor: Actor,
  id: string,
  input: RevokeAdjustmentInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findAdjustment(tx, id);
    assertCanManage(actor, row.officeId);
    if (row.revokedAt) throw conflict('该加减分登记已撤销');
    assertVersion(row, input.version);
    const now = clock.now();
    const [saved] = await tx
      .update(assessmentAdjustments)
      .set({
        revokedAt: now,
        revokedByName: actor.displayName,
        revokeReason: input.reason,
        version: sql`${assessmentAdjustments.version} + 1`,
      })
      .where(eq(assessmentAdjustments.id, row.id))
      .returning();
    if (!saved) throw new Error('update returned nothing');
    await markFactsChanged(tx, row.officeId);
    const [unit] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.unitId));
    const label = `${unit?.name ?? ''} ${signedPoints(row.points)}`;
    await recordAudit(tx, audit, {
      action: 'assessment.adjustment_revoked',
      targetType: 'assessment_adjustment',
      targetId: row.id,
      targetLabel: label,
      diff: { reason: input.reason },
    });
    await notifyUnit(
      tx,
      saved,
      { title: `考评加减分已撤销：${label}`, body: `${row.reason}。撤销理由：${input.reason}` },
      now,
    );
    return presentAdjustment(saved, unit?.name ?? '');
  });
}
