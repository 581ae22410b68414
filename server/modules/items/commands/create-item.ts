import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { dictionaryEntries, items, itemVersions, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { badRequest, forbidden } from '../../../lib/errors.ts';
import { assertCommissionForItem } from '../../commissions/index.ts';
import { assertTopicForItem } from '../../topics/index.ts';
import { presentItemDetail } from '../present.ts';
import { findItemForActor, itemScope, recordItemEvent } from '../repository.ts';
import type { CreateItemInput, ItemDetail } from '../schemas.ts';

/** The reason stored with the first version of every item. */
export const FIRST_VERSION_REASON = '新建';

/**
 * The office a reporter's items go to: the parent office of their primary unit. Only a unit that
 * reports to an office may write items; editors and administrators never do (403).
 */
async function reportingOffice(tx: Db, actor: Actor) {
  const unit = actor.primaryUnit;
  const refusal = forbidden('只有向政府办报送信息的单位的信息员才能新建信息');
  if (unit?.kind !== 'unit' || !unit.parentId) throw refusal;
  const [office] = await tx
    .select({ id: orgs.id, kind: orgs.kind, active: orgs.active })
    .from(orgs)
    .where(eq(orgs.id, unit.parentId));
  if (office?.kind !== 'office' || !office.active) throw refusal;
  return { unitId: unit.id, officeId: office.id };
}

/** Category codes come from the configurable dictionary; a deactivated entry cannot be chosen anew. */
export async function assertItemCategory(tx: Db, code: string): Promise<void> {
  const [entry] = await tx
    .select({ active: dictionaryEntries.active })
    .from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.dictionary, 'item_category'), eq(dictionaryEntries.code, code)));
  if (!entry) throw badRequest('信息类别不存在，请重新选择');
  if (!entry.active) throw badRequest('该信息类别已停用，请重新选择');
}

/**
 * The first report a follow-up (续报) links to: the chosen item, or — when that is itself a
 * follow-up the caller may read the first report of — that first report, so all 续报 of one event
 * hang off one item. 404 when the caller may not read the chosen item.
 */
async function firstReport(tx: Db, actor: Actor, id: string) {
  const chosen = await findItemForActor(tx, actor, id);
  if (!chosen.followUpOfId) return chosen;
  const [first] = await tx
    .select()
    .from(items)
    .where(and(eq(items.id, chosen.followUpOfId), itemScope(actor)));
  return first ?? chosen;
}

/**
 * A reporter writes a draft for their unit. The text is saved as version 1 ('新建'); a follow-up
 * of an urgent report is urgent unless the reporter says otherwise.
 */
export async function createItem(
  ctx: AppContext,
  actor: Actor,
  input: CreateItemInput,
  audit: AuditContext,
): Promise<ItemDetail> {
  return ctx.db.transaction(async (tx) => {
    const { unitId, officeId } = await reportingOffice(tx, actor);
    await assertItemCategory(tx, input.categoryCode);
    const followUpOf = input.followUpOfId ? await firstReport(tx, actor, input.followUpOfId) : null;
    const priority = input.priority ?? (followUpOf?.priority === 'urgent' ? 'urgent' : 'normal');
    if (input.commissionId) {
      await assertCommissionForItem(tx, input.commissionId, { officeId, submittingUnitId: unitId });
    }
    if (input.topicId) await assertTopicForItem(tx, input.topicId, officeId, chinaDate(ctx.clock.now()));
    const [row] = await tx
      .insert(items)
      .values({
        officeId,
        submittingUnitId: unitId,
        originUnitId: unitId,
        followUpOfId: followUpOf?.id ?? null,
        commissionId: input.commissionId ?? null,
        topicId: input.topicId ?? null,
        title: input.title,
        body: input.body,
        categoryCode: input.categoryCode,
        priority,
        secrecy: input.secrecy,
        keywords: input.keywords ?? [],
        authorId: actor.userId,
        authorName: actor.displayName,
        authorPhone: input.authorPhone,
        eventAt: input.eventAt ? new Date(input.eventAt) : null,
        status: 'draft',
        currentVersion: 1,
      })
      .returning();
    await tx.insert(itemVersions).values({
      itemId: row.id,
      versionNo: 1,
      title: row.title,
      body: row.body,
      editorId: actor.userId,
      editorName: actor.displayName,
      reason: FIRST_VERSION_REASON,
    });
    await recordItemEvent(tx, actor, row.id, { action: 'created', toStatus: 'draft' });
    await recordAudit(tx, audit, {
      action: 'item.created',
      targetType: 'item',
      targetId: row.id,
      targetLabel: `${row.serial} ${row.title}`,
      diff: {
        title: [null, row.title],
        categoryCode: [null, row.categoryCode],
        priority: [null, row.priority],
        secrecy: [null, row.secrecy],
        ...(row.followUpOfId ? { followUpOfId: [null, row.followUpOfId] } : {}),
        ...(row.commissionId ? { commissionId: [null, row.commissionId] } : {}),
        ...(row.topicId ? { topicId: [null, row.topicId] } : {}),
      },
    });
    return presentItemDetail(tx, actor, row.id);
  });
}
