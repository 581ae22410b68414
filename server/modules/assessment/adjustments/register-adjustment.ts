import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentAdjustments, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { type Clock, chinaDate } from '../../../lib/clock.ts';
import { badRequest } from '../../../lib/errors.ts';
import { readerOf } from '../access.ts';
import { parseAmount } from '../engine/decimal.ts';
import { markFactsChanged } from '../facts/changes.ts';
import { presentAdjustment } from './queries.ts';
import type { RegisterAdjustmentInput } from './schemas.ts';
import { assertCanManage, notifyUnit, signedPoints } from './shared.ts';

/**
 * 加减分登记 (docs/domain.md §3.2): the office adds points to or takes them off one of its member
 * units, with the reason and what it rests on. It counts in every ledger of the office whose
 * period holds the day (marked changed in the same transaction), and the unit is told.
 */
export function registerAdjustment(
  db: Db,
  actor: Actor,
  input: RegisterAdjustmentInput,
  audit: AuditContext,
  clock: Clock,
) {
  const officeId = input.officeId ?? readerOf(actor).staff[0];
  if (!officeId) throw badRequest('您不是办公室信息科人员，不能登记加减分');
  assertCanManage(actor, officeId);
  const now = clock.now();
  if (input.on > chinaDate(now)) throw badRequest('计分日期不能晚于今天');
  if (input.on < '2000-01-01') throw badRequest('计分日期不能早于2000年');
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ name: orgs.name, parentId: orgs.parentId, active: orgs.active })
      .from(orgs)
      .where(eq(orgs.id, input.unitId));
    if (!unit || unit.parentId !== officeId) throw badRequest('所选单位不是本办公室的考评对象');
    if (!unit.active) throw badRequest(`${unit.name}已停用，不能再登记加减分`);
    const points = parseAmount(input.points) ?? 0;
    const [row] = await tx
      .insert(assessmentAdjustments)
      .values({
        officeId,
        unitId: input.unitId,
        on: input.on,
        points,
        reason: input.reason,
        basis: input.basis,
        recordedById: actor.userId,
        recordedByName: actor.displayName,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await markFactsChanged(tx, officeId);
    await recordAudit(tx, audit, {
      action: 'assessment.adjustment_registered',
      targetType: 'assessment_adjustment',
      targetId: row.id,
      targetLabel: `${unit.name} ${signedPoints(points)}`,
      diff: { on: row.on, points: input.points, reason: row.reason, basis: row.basis },
    });
    await notifyUnit(
      tx,
      row,
      {
        title: `考评${signedPoints(points)}：${unit.name}`,
        body: `${row.on} ${row.reason}${row.basis ? `（依据：${row.basis}）` : ''}`,
      },
      now,
    );
    return presentAdjustment(row, unit.name);
  });
}
