import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { commissions, commissionTargets, orgs } from '../../db/schema/index.ts';
import { DAY_MS, HOUR_MS } from '../../lib/clock.ts';
import { notify, officeStaff } from '../notifications/index.ts';
import { commissionLink, refreshLists, unitHandlers } from './commands/shared.ts';
import { formatDeadline, reminderAt } from './deadlines.ts';
import type { CommissionRow } from './scope.ts';

/**
 * Commission clocks, every hour. At 09:00 on the day before the deadline the units that have not
 * answered are reminded once (unless the commission was issued after that moment: its notice is
 * reminder enough); once the deadline has passed each such unit is told once that it is overdue
 * and the office's 信息科 gets one summary naming them. Each mark is set in the same transaction
 * as its notification (and the notifications are deduplicated), so a run repeated by a second
 * instance tells nobody twice.
 */
export function registerCommissionJobs(ctx: AppContext) {
  ctx.scheduler.register('commissions.deadlines', async (_job, { db, clock }) => {
    const now = clock.now();
    // Everything whose reminder moment has come: deadlines within two days cover 09:00 the day before.
    const due = await db
      .select()
      .from(commissions)
      .where(
        and(
          eq(commissions.status, 'issued'),
          lte(commissions.deadline, new Date(now.getTime() + 2 * DAY_MS)),
          inArray(
            commissions.id,
            db
              .select({ id: commissionTargets.commissionId })
              .from(commissionTargets)
              .where(and(eq(commissionTargets.answer, 'open'), isNull(commissionTargets.overdueNotifiedAt))),
          ),
        ),
      );
    for (const row of due) {
      if (now.getTime() >= row.deadline.getTime()) {
        await db.transaction((tx) => markOverdue(tx, row, now));
      } else {
        const at = reminderAt(row.deadline);
        if (now.getTime() >= at.getTime() && row.issuedAt && row.issuedAt < at) {
          await db.transaction((tx) => remind(tx, row, now));
        }
      }
    }
  });
  ctx.scheduler.recurring({ kind: 'commissions.deadlines', schedule: { every: HOUR_MS } });
}

async function remind(tx: Db, row: CommissionRow, now: Date) {
  const claimed = await tx
    .update(commissionTargets)
    .set({ remindedAt: now })
    .where(
      and(
        eq(commissionTargets.commissionId, row.id),
        eq(commissionTargets.answer, 'open'),
        isNull(commissionTargets.remindedAt),
      ),
    )
    .returning({ unitId: commissionTargets.unitId });
  for (const { unitId } of claimed) {
    await notify(tx, {
      userIds: await unitHandlers(tx, [unitId]),
      officeId: row.officeId,
      kind: 'commission_reminder',
      title: `约稿即将截止：${row.topic}（请于 ${formatDeadline(row.deadline)} 前报送）`,
      body: '本单位尚未报送，请抓紧报送；确无相关情况的，请在约稿通知中说明原因。',
      link: commissionLink(row.id),
      subject: { type: 'commission', id: row.id },
      dedupeKey: `commission-remind:${row.id}:${unitId}`,
      at: now,
    });
  }
}

async function markOverdue(tx: Db, row: CommissionRow, now: Date) {
  const claimed = await tx
    .update(commissionTargets)
    .set({ overdueNotifiedAt: now })
    .where(
      and(
        eq(commissionTargets.commissionId, row.id),
        eq(commissionTargets.answer, 'open'),
        isNull(commissionTargets.overdueNotifiedAt),
      ),
    )
    .returning({ unitId: commissionTargets.unitId });
  if (claimed.length === 0) return;
  const units = claimed.map((c) => c.unitId);
  for (const unitId of units) {
    await notify(tx, {
      userIds: await unitHandlers(tx, [unitId]),
      officeId: row.officeId,
      kind: 'commission_overdue',
      title: `约稿已逾期：${row.topic}（截止 ${formatDeadline(row.deadline)}）`,
      body: '本单位尚未报送或说明原因，请尽快报送。',
      link: commissionLink(row.id),
      subject: { type: 'commission', id: row.id },
      dedupeKey: `commission-overdue:${row.id}:${unitId}`,
      at: now,
    });
  }
  const names = await tx
    .select({ name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.id, units))
    .orderBy(orgs.sortOrder, orgs.name);
  await notify(tx, {
    userIds: await officeStaff(tx, row.officeId),
    officeId: row.officeId,
    kind: 'commission_overdue',
    title: `约稿已截止：${row.topic}，${units.length} 个单位未报送`,
    body: names.map((n) => n.name).join('、'),
    link: commissionLink(row.id),
    subject: { type: 'commission', id: row.id },
    dedupeKey: `commission-overdue:${row.id}`,
    at: now,
  });
  await refreshLists(tx, row.officeId, units);
}
