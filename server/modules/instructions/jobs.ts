import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { instructionAssignments, instructions } from '../../db/schema/index.ts';
import { DAY_MS, HOUR_MS } from '../../lib/clock.ts';
import { notify, officeStaff } from '../notifications/index.ts';
import { todayInChina } from '../orgs/index.ts';
import { instructionLink, unitHandlers } from './commands/shared.ts';

/**
 * Feedback clocks, every hour: the day before a deadline the unit is reminded once; once the
 * deadline's day has ended the unit and the office are told once that it is overdue. Each mark is
 * set in the same transaction as its notification (and the notification is deduplicated), so a
 * run repeated by a second instance tells nobody twice.
 */
export function registerInstructionJobs(ctx: AppContext) {
  ctx.scheduler.register('instructions.deadlines', async (_job, { db, clock }) => {
    const now = clock.now();
    const today = todayInChina(now);
    const tomorrow = todayInChina(new Date(now.getTime() + DAY_MS));
    const open = inArray(instructionAssignments.status, ['awaiting_feedback', 'more_requested']);
    const due = await db
      .select({
        a: instructionAssignments,
        officeId: instructions.officeId,
        leaderName: instructions.leaderName,
      })
      .from(instructionAssignments)
      .innerJoin(instructions, eq(instructions.id, instructionAssignments.instructionId))
      .where(
        and(
          open,
          lte(instructionAssignments.deadline, tomorrow),
          isNull(instructionAssignments.overdueNotifiedAt),
        ),
      );
    for (const { a, officeId, leaderName } of due) {
      const overdue = a.deadline < today;
      if (!overdue && a.remindedAt) continue;
      await db.transaction(async (tx) => {
        const mark = overdue ? { overdueNotifiedAt: now } : { remindedAt: now };
        const [claimed] = await tx
          .update(instructionAssignments)
          .set(mark)
          .where(
            and(
              eq(instructionAssignments.id, a.id),
              overdue
                ? isNull(instructionAssignments.overdueNotifiedAt)
                : isNull(instructionAssignments.remindedAt),
            ),
          )
          .returning({ id: instructionAssignments.id });
        if (!claimed) return;
        const users = await unitHandlers(tx, [a.unitId]);
        await notify(tx, {
          userIds: overdue ? [...users, ...(await officeStaff(tx, officeId))] : users,
          officeId,
          kind: overdue ? 'instruction_overdue' : 'instruction_reminder',
          title: overdue
            ? `批示落实反馈已逾期：${leaderName}批示（期限 ${a.deadline}）`
            : `批示落实反馈明天到期：${leaderName}批示（期限 ${a.deadline}）`,
          link: instructionLink(a.instructionId),
          subject: { type: 'instruction', id: a.instructionId },
          dedupeKey: `${overdue ? 'overdue' : 'remind'}:${a.id}`,
          at: now,
        });
      });
    }
  });
  ctx.scheduler.recurring({ kind: 'instructions.deadlines', schedule: { every: HOUR_MS } });
}
