import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import type { WorkflowLimits } from '../../items/index.ts';
import { saveSetting } from '../save-setting.ts';
import {
  getWorkflowLimits,
  officeForLimits,
  type UpdateWorkflowLimitsInput,
  workflowLimitsKey,
} from '../workflow-limits.ts';

/**
 * Saves one office's handling time limits: the caller's own office (or another of their offices
 * when named), never someone else's (403). They apply at once to the deadlines and overdue marks
 * of the items that office receives (deadlines are computed, not stored). Version 0 means "never
 * saved": the first save inserts. Returns the office whose limits were saved.
 */
export async function updateWorkflowLimits(
  ctx: AppContext,
  actor: Actor,
  officeId: string | undefined,
  input: UpdateWorkflowLimitsInput,
  audit: AuditContext,
): Promise<string> {
  const office = officeForLimits(actor, officeId);
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
      {
        key: workflowLimitsKey(office.id),
        label: `办理时限（${office.name}）`,
        action: 'settings.workflow_limits_changed',
      },
      await getWorkflowLimits(tx, office.id),
      value,
      version,
    ),
  );
  return office.id;
}
