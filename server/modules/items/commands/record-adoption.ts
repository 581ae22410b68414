import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { publications, upperAdoptions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { todayInChina } from '../../orgs/index.ts';
import { ancestorOfficeIds } from '../../publications/index.ts';
import { notifyItemMoved } from '../notifications.ts';
import { findItemForActor, type ItemRow, recordItemEvent } from '../repository.ts';
import type { AdoptionInput } from '../workflow-schemas.ts';
import { assertTransition, itemLabel } from './apply-transition.ts';

/**
 * 登记上级采用: the forwarding office records that an upper publication adopted its item — for
 * upper offices not on this installation, or to register what they printed. Scoring reads these.
 * The item's row does not change (no version bump); the row is locked so two editors cannot
 * register the same adoption at once.
 */
export function recordAdoption(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AdoptionInput,
  audit: AuditContext,
): Promise<ItemRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await findItemForActor(tx, actor, id, true);
    // The table also refuses an item that was never forwarded.
    assertTransition('record_adoption', row, actor);
    if (input.adoptedOn > todayInChina(ctx.clock.now())) throw badRequest('采用日期不能晚于今天');
    const upper = await ancestorOfficeIds(tx, row.officeId);
    const [publication] = upper.length
      ? await tx
          .select({ id: publications.id, name: publications.name })
          .from(publications)
          .where(and(eq(publications.id, input.publicationId), inArray(publications.officeId, upper)))
      : [];
    if (!publication) throw badRequest('所选刊物不是上级办公室的刊物');
    const [existing] = await tx
      .select({ id: upperAdoptions.id })
      .from(upperAdoptions)
      .where(and(eq(upperAdoptions.itemId, row.id), eq(upperAdoptions.publicationId, publication.id)));
    if (existing) throw conflict('已登记过该刊物的采用');

    const [adoption] = await tx
      .insert(upperAdoptions)
      .values({
        itemId: row.id,
        publicationId: publication.id,
        adoptionKind: input.adoptionKind,
        adoptedOn: input.adoptedOn,
        issueLabel: input.issueLabel ?? null,
        note: input.note ?? null,
        recordedBy: actor.userId,
        recordedByName: actor.displayName,
      })
      .returning();
    const facts = {
      publicationName: publication.name,
      adoptionKind: adoption.adoptionKind,
      adoptedOn: adoption.adoptedOn,
      issueLabel: adoption.issueLabel,
    };
    await recordItemEvent(tx, actor, row.id, {
      action: 'record_adoption',
      fromStatus: row.status,
      toStatus: null,
      data: { adoptionId: adoption.id, ...facts },
    });
    await notifyItemMoved(tx, row, 'record_adoption', {
      detail: `《${publication.name}》${adoption.issueLabel ?? ''}${adoption.adoptionKind}`,
    });
    await recordAudit(tx, audit, {
      action: 'item.adoption_recorded',
      targetType: 'item',
      targetId: row.id,
      targetLabel: itemLabel(row),
      diff: { adoptionId: adoption.id, ...facts, note: adoption.note },
    });
    return row;
  });
}
