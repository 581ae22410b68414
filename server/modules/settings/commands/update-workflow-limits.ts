import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { settings } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import type { WorkflowLimits } from '../../items/deadline.ts';
import {
  getWorkflowLimits,
  type UpdateWorkflowLimitsInput,
  WORKFLOW_LIMITS_KEY,
} from '../workflow-limits.ts';

const STALE = '该记录已被他人修改，请刷新后重试';

/**
 * Saves the handling time limits. They apply at once to every item's deadline and overdue mark
 * (deadlines are computed, not stored). Version 0 means "never saved": the first save inserts.
 */
export async function updateWorkflowLimits(
  ctx: AppContext,
  actor: Actor,
  input: UpdateWorkflowLimitsInput,
  audit: AuditContext,
): Promise<void> {
  const { version, ...rest } = input;
  const value: WorkflowLimits = {
    urgentHours: rest.urgentHours,
    forReadingHours: rest.forReadingHours,
    routineWorkingDays: rest.routineWorkingDays,
  };
  await ctx.db.transaction(async (tx) => {
    const { version: current, ...before } = await getWorkflowLimits(tx);
    if (current !== version) throw conflict(STALE);
    const diff = diffRecords(before, value);
    if (Object.keys(diff).length === 0) return;
    const saved =
      version === 0
        ? await tx
            .insert(settings)
            .values({ key: WORKFLOW_LIMITS_KEY, value, version: 1, updatedBy: actor.userId })
            .onConflictDoNothing()
            .returning({ key: settings.key })
        : await tx
            .update(settings)
            .set({
              value,
              version: sql`${settings.version} + 1`,
              updatedAt: new Date(),
              updatedBy: actor.userId,
            })
            .where(and(eq(settings.key, WORKFLOW_LIMITS_KEY), eq(settings.version, version)))
            .returning({ key: settings.key });
    if (saved.length === 0) throw conflict(STALE);
    await recordAudit(tx, audit, {
      action: 'settings.workflow_limits_changed',
      targetType: 'settings',
      targetId: WORKFLOW_LIMITS_KEY,
      targetLabel: '办理时限',
      diff,
    });
  });
}
