import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';
import { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from '../items/deadline.ts';

export const WORKFLOW_LIMITS_KEY = 'workflow_limits';

/** Chief editors set the office's handling time limits; the system administrator may too. */
export const WORKFLOW_LIMITS_EDITORS = ['sysadmin', 'chief_editor'] as const;
/** Office staff read them (countdowns, overdue marks); units see the deadline on each item. */
export const WORKFLOW_LIMITS_READERS = ['sysadmin', 'chief_editor', 'editor'] as const;

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `请填写${what}` })
    .int(`${what}须为整数`)
    .min(min, `${what}须在 ${min}–${max} 之间`)
    .max(max, `${what}须在 ${min}–${max} 之间`);

export const workflowLimitsSchema = z.object({
  urgentHours: z.number().int(),
  forReadingHours: z.number().int(),
  routineWorkingDays: z.number().int(),
  version: z.number().int(),
});

export const updateWorkflowLimitsBody = z.object({
  urgentHours: int(1, 72, '紧急信息时限（小时）'),
  forReadingHours: int(1, 168, '送阅件时限（小时）'),
  routineWorkingDays: int(1, 30, '普通信息时限（工作日）'),
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type UpdateWorkflowLimitsInput = z.output<typeof updateWorkflowLimitsBody>;

/** The limits in force: the saved values over the defaults; version 0 = never saved. */
export async function getWorkflowLimits(db: Db): Promise<WorkflowLimits & { version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, WORKFLOW_LIMITS_KEY)).limit(1);
  if (!row) return { ...DEFAULT_WORKFLOW_LIMITS, version: 0 };
  return { ...DEFAULT_WORKFLOW_LIMITS, ...(row.value as Partial<WorkflowLimits>), version: row.version };
}
