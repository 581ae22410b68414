import type { Db } from '../../../db/client.ts';
import { commissions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, forbidden } from '../../../lib/errors.ts';
import { staffOfficeIds } from '../../circulation/index.ts';
import { formatDeadline } from '../deadlines.ts';
import type { CreateCommissionInput } from '../schemas.ts';
import { indexCommissions } from '../search-index.ts';
import { assertFuture, commissionLabel, refreshLists, replaceTargets, resolveTargets } from './shared.ts';

/**
 * The 信息科 drafts a 约稿通知单: topic, requirements, deadline (still ahead), contact, and the
 * units (named, or whole groups) it goes to. Nothing reaches the units until it is issued.
 */
export function createCommission(
  db: Db,
  actor: Actor,
  input: CreateCommissionInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const offices = staffOfficeIds(actor);
    const officeId = input.officeId ?? offices[0];
    if (!officeId || !offices.includes(officeId)) throw forbidden('只有办公室信息科的编辑才能约稿');
    if (!input.officeId && offices.length > 1) throw badRequest('您在多个办公室任职，请选择约稿的办公室');
    assertFuture(input.deadline, clock.now());
    const units = await resolveTargets(tx, officeId, input);
    const [row] = await tx
      .insert(commissions)
      .values({
        officeId,
        topic: input.topic,
        requirements: input.requirements,
        deadline: input.deadline,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        status: 'draft',
        createdById: actor.userId,
        createdByName: actor.displayName,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert failed');
    await indexCommissions(tx, [row.id]);
    await replaceTargets(tx, row.id, units);
    await recordAudit(tx, audit, {
      action: 'commission.created',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(row),
      diff: {
        topic: input.topic,
        deadline: formatDeadline(input.deadline),
        contact: `${input.contactName} ${input.contactPhone}`,
        units: units.map((u) => u.name),
      },
    });
    await refreshLists(tx, officeId);
    return row;
  });
}
