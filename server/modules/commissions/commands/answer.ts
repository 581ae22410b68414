import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { commissions, commissionTargets, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, conflict, forbidden, notFound } from '../../../lib/errors.ts';
import { publishLive } from '../../../lib/live.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { notify, officeStaff } from '../../notifications/index.ts';
import { isLate } from '../deadlines.ts';
import { type AnswerAction, answerMachine } from '../machine.ts';
import type { DeclineInput } from '../schemas.ts';
import { type CommissionRow, findCommission, ownTargets, readerOf, type TargetRow } from '../scope.ts';
import { commissionLabel, commissionLink, refreshLists } from './shared.ts';

/**
 * The target a caller answers for: the one they name, or the only target among their units. A
 * unit the commission was not sent to is 404 (it never learns of it); one target among several
 * units needs naming (400).
 */
async function ownTarget(tx: Db, actor: Actor, row: CommissionRow, unitId?: string): Promise<TargetRow> {
  const reader = readerOf(actor);
  const mine = await tx
    .select()
    .from(commissionTargets)
    .where(and(eq(commissionTargets.commissionId, row.id), ownTargets(reader)))
    .for('update');
  if (unitId) {
    const named = mine.find((t) => t.unitId === unitId);
    if (!named) throw notFound('该约稿未发给所选单位');
    return named;
  }
  if (mine.length === 0) {
    throw reader.staffOfficeIds.includes(row.officeId)
      ? forbidden('约稿由约稿单位答复，办公室不能代为答复')
      : notFound('约稿不存在或您无权查看');
  }
  if (mine.length > 1) throw badRequest('您可以代表多个约稿单位答复，请选择单位');
  return mine[0] as TargetRow;
}

function check(action: AnswerAction, actor: Actor, row: CommissionRow, target: TargetRow) {
  const result = answerMachine.check(
    action,
    { answer: target.answer, unitId: target.unitId, status: row.status },
    { roles: actor.roles, unitIds: readerOf(actor).unitIds },
  );
  if (!result.ok) {
    throw result.refusal.status === 403
      ? forbidden(result.refusal.message)
      : conflict(result.refusal.message);
  }
}

/** An answer is also a read receipt, for a unit that answers without having opened the notice here. */
const readBy = (who: Pick<Actor, 'userId' | 'displayName'>, now: Date) => ({
  readAt: sql`coalesce(${commissionTargets.readAt}, ${now.toISOString()}::timestamptz)`,
  readById: sql`coalesce(${commissionTargets.readById}, ${who.userId}::uuid)`,
  readByName: sql`coalesce(${commissionTargets.readByName}, ${who.displayName})`,
});

const unitName = async (tx: Db, unitId: string) =>
  (await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, unitId)))[0]?.name ?? '';

/** 婉拒: a target unit says, with a reason, that it has nothing to report on the topic. */
export function declineCommission(
  db: Db,
  actor: Actor,
  id: string,
  input: DeclineInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findCommission(tx, actor, id, true);
    const target = await ownTarget(tx, actor, row, input.unitId);
    check('decline', actor, row, target);
    const now = clock.now();
    await tx
      .update(commissionTargets)
      .set({ answer: 'declined', answeredAt: now, declineReason: input.reason, ...readBy(actor, now) })
      .where(and(eq(commissionTargets.commissionId, row.id), eq(commissionTargets.unitId, target.unitId)));
    const name = await unitName(tx, target.unitId);
    await markFactsChanged(tx, row.officeId);
    await recordAudit(tx, audit, {
      action: 'commission.declined',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(row),
      diff: { unit: name, reason: input.reason, late: isLate(row.deadline, now) },
    });
    await notify(tx, {
      userIds: await officeStaff(tx, row.officeId),
      officeId: row.officeId,
      kind: 'commission_answered',
      title: `约稿答复：${name}婉拒“${row.topic}”`,
      body: `婉拒原因：${input.reason}`,
      link: commissionLink(row.id),
      subject: { type: 'commission', id: row.id },
      at: now,
    });
    await refreshLists(tx, row.officeId, [target.unitId]);
  });
}

/**
 * 已读回执: the first time someone of a target unit opens the issued commission, the unit's read
 * receipt is written (one UPDATE … WHERE read_at IS NULL, so it is written once whoever opens it
 * and however often). The office's open lists refresh.
 */
export async function markReadOnOpen(
  db: Db,
  actor: Actor,
  row: CommissionRow,
  audit: AuditContext,
  clock: Clock,
): Promise<void> {
  if (row.status === 'draft' || !row.issuedAt) return;
  const reader = readerOf(actor);
  if (reader.unitIds.length === 0) return;
  await db.transaction(async (tx) => {
    const read = await tx
      .update(commissionTargets)
      .set({ readAt: clock.now(), readById: actor.userId, readByName: actor.displayName })
      .where(
        and(
          eq(commissionTargets.commissionId, row.id),
          inArray(commissionTargets.unitId, reader.unitIds),
          isNull(commissionTargets.readAt),
        ),
      )
      .returning({ unitId: commissionTargets.unitId });
    if (read.length === 0) return;
    const names = await tx
      .select({ name: orgs.name })
      .from(orgs)
      .where(
        inArray(
          orgs.id,
          read.map((r) => r.unitId),
        ),
      );
    await recordAudit(tx, audit, {
      action: 'commission.read',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(row),
      diff: { units: names.map((n) => n.name) },
    });
    await publishLive(tx, await officeStaff(tx, row.officeId), 'commissions');
  });
}

// ─── Answers by item (the items module calls these) ─────────────────────────────────────────

export const COMMISSION_NOT_OPEN = '所选约稿不存在、未下发或已结束，不能关联';

/**
 * Checks an item may be linked to the commission: issued (not closed or cancelled), from the
 * item's own office, sent to the item's unit. 400 with the reason otherwise.
 */
export async function assertCommissionForItem(
  tx: Db,
  commissionId: string,
  item: { officeId: string; submittingUnitId: string },
): Promise<void> {
  const [row] = await tx
    .select({ status: commissions.status, officeId: commissions.officeId, unitId: commissionTargets.unitId })
    .from(commissions)
    .leftJoin(
      commissionTargets,
      and(
        eq(commissionTargets.commissionId, commissions.id),
        eq(commissionTargets.unitId, item.submittingUnitId),
      ),
    )
    .where(eq(commissions.id, commissionId));
  if (row?.status !== 'issued' || row.officeId !== item.officeId) throw badRequest(COMMISSION_NOT_OPEN);
  if (!row.unitId) throw badRequest('所选约稿未发给本单位，不能关联');
}

/**
 * An item linked to a commission reached the office (签发报送): its unit's target is answered
 * (`answeredAt` now — late if after the deadline), unless it was already, and the office's 信息科
 * hears of it. Nothing happens once the commission is closed or cancelled: an answer after that
 * does not count.
 */
export async function answerCommissionByItem(
  tx: Db,
  actor: Pick<Actor, 'userId' | 'displayName'>,
  item: { id: string; title: string; commissionId: string | null; submittingUnitId: string },
  audit: AuditContext,
  clock: Clock,
): Promise<boolean> {
  if (!item.commissionId) return false;
  const [row] = await tx.select().from(commissions).where(eq(commissions.id, item.commissionId));
  if (row?.status !== 'issued') return false;
  const now = clock.now();
  const [answered] = await tx
    .update(commissionTargets)
    .set({ answer: 'answered', answeredAt: now, declineReason: null, ...readBy(actor, now) })
    .where(
      and(
        eq(commissionTargets.commissionId, row.id),
        eq(commissionTargets.unitId, item.submittingUnitId),
        inArray(commissionTargets.answer, ['open', 'declined']),
      ),
    )
    .returning({ unitId: commissionTargets.unitId });
  if (!answered) return false;
  const name = await unitName(tx, item.submittingUnitId);
  await recordAudit(tx, audit, {
    action: 'commission.answered',
    targetType: 'commission',
    targetId: row.id,
    targetLabel: commissionLabel(row),
    diff: { unit: name, itemId: item.id, title: item.title, late: isLate(row.deadline, now) },
  });
  await notify(tx, {
    userIds: await officeStaff(tx, row.officeId),
    officeId: row.officeId,
    kind: 'commission_answered',
    title: `约稿答复：${name}报送《${item.title}》`,
    body: `约稿主题：${row.topic}${isLate(row.deadline, now) ? '（逾期报送）' : ''}`,
    link: commissionLink(row.id),
    subject: { type: 'commission', id: row.id },
    at: now,
  });
  await refreshLists(tx, row.officeId, [item.submittingUnitId]);
  return true;
}
