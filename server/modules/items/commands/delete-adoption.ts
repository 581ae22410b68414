import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { publications, upperAdoptions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { AppError, forbidden, notFound } from '../../../lib/errors.ts';
import { callerFacts, findItemForActor, type ItemRow, recordItemEvent } from '../repository.ts';
import { itemLabel, REASON_REQUIRED } from './apply-transition.ts';

/**
 * Removes a wrongly registered upper adoption. Scores derive from adoptions, so the removal is
 * kept on the timeline and in the audit log with its reason and the removed entry.
 */
export function deleteAdoption(
  ctx: AppContext,
  actor: Actor,
  id: string,
  adoptionId: string,
  reason: string | undefined,
  audit: AuditContext,
): Promise<ItemRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await findItemForActor(tx, actor, id, true);
    const caller = callerFacts(actor);
    const officeStaff = caller.roles.includes('editor') || caller.roles.includes('chief_editor');
    if (!officeStaff || !caller.unitIds.includes(row.officeId)) {
      throw forbidden('您无权对此信息执行“删除上级采用登记”');
    }
    const [adoption] = await tx
      .select({
        id: upperAdoptions.id,
        publicationName: publications.name,
        adoptionKind: upperAdoptions.adoptionKind,
        adoptedOn: upperAdoptions.adoptedOn,
        issueLabel: upperAdoptions.issueLabel,
        recordedByName: upperAdoptions.recordedByName,
      })
      .from(upperAdoptions)
      .innerJoin(publications, eq(publications.id, upperAdoptions.publicationId))
      .where(and(eq(upperAdoptions.id, adoptionId), eq(upperAdoptions.itemId, row.id)));
    if (!adoption) throw notFound('该采用登记不存在');
    if (!reason) throw new AppError(400, REASON_REQUIRED, '请填写删除原因');

    await tx.delete(upperAdoptions).where(eq(upperAdoptions.id, adoption.id));
    const { id: _removedId, ...facts } = adoption;
    await recordItemEvent(tx, actor, row.id, {
      action: 'adoption_deleted',
      fromStatus: row.status,
      toStatus: null,
      reason,
      data: { adoptionId: adoption.id, ...facts },
    });
    await recordAudit(tx, audit, {
      action: 'item.adoption_deleted',
      targetType: 'item',
      targetId: row.id,
      targetLabel: itemLabel(row),
      diff: { adoptionId: adoption.id, ...facts, reason },
    });
    return row;
  });
}
