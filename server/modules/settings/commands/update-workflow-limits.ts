import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import type { WorkflowLimits } from '../../items/deadline.ts';
import { saveSetting } from '../save-setting.ts';
import {
  getWorkflowLimits,
  type UpdateWorkflowLimitsInput,
  WORKFLOW_LIMITS_KEY,
} from '../workflow-limits.ts';

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
  await ctx.db.transaction(async (tx) =>
    saveSetting(
      tx,
      actor,
      audit,
      { key: WORKFLOW_LIMITS_KEY, label: '办理时限', action: 'settings.workflow_limits_changed' },
      await getWorkflowLimits(tx),
      value,
      version,
    ),
  );
}
