import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { formatDeadline } from '../deadlines.ts';
import type { UpdateCommissionInput } from '../schemas.ts';
import { findCommission } from '../scope.ts';
import {
  assertFuture,
  assertVersion,
  bump,
  checkCommission,
  commissionLabel,
  refreshLists,
  replaceTargets,
  resolveTargets,
  targetUnitIds,
} from './shared.ts';

/**
 * Edits a draft under optimistic locking: a stale version is a 409 and nothing is written. Named
 * units or groups replace the targets.
 */
export function updateCommission(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateCommissionInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findCommission(tx, actor, id, true);
    checkCommission(actor, row, 'edit');
    assertVersion(row, input.version);
    if (input.deadline) assertFuture(input.deadline, clock.now());
    const values = {
      ...(input.topic !== undefined ? { topic: input.topic } : {}),
      ...(input.requirements !== undefined ? { requirements: input.requirements } : {}),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
      ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
      ...(input.contactPhone !== undefined ? { contactPhone: input.contactPhone } : {}),
    };
    const diff: Record<string, unknown> = diffRecords(
      { ...row, deadline: formatDeadline(row.deadline) },
      { ...values, ...(values.deadline ? { deadline: formatDeadline(values.deadline) } : {}) },
    );
    if (input.unitIds !== undefined || input.groupCodes !== undefined) {
      const before = await targetUnitIds(tx, row.id);
      const units = await resolveTargets(tx, row.officeId, input);
      const same = before.length === units.length && units.every((u) => before.includes(u.id));
      if (!same) {
        await replaceTargets(tx, row.id, units);
        diff.units = units.map((u) => u.name);
      }
    }
    const after = await bump(tx, row, values, clock);
    await recordAudit(tx, audit, {
      action: 'commission.updated',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(after),
      diff,
    });
    await refreshLists(tx, row.officeId);
    return after;
  });
}
