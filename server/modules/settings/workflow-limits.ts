import { eq, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { orgs, settings } from '../../db/schema/index.ts';
import { type Actor, officesOf } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { DEFAULT_WORKFLOW_LIMITS, type OfficeLimits, type WorkflowLimits } from '../items/index.ts';

/**
 * 办理时限 belong to an office: each office's are one settings document under this prefix and
 * the office id; an office that never saved its own has the defaults.
 */
export const WORKFLOW_LIMITS_PREFIX = 'workflow_limits:';
export const workflowLimitsKey = (officeId: string) => `${WORKFLOW_LIMITS_PREFIX}${officeId}`;

/**
 * An office's chief editor sets its limits; so may a system administrator of that office, who keeps
 * the installation's configuration (as with 刊物设置) — the limits open no content. Nobody changes
 * another office's limits.
 */
export const WORKFLOW_LIMITS_EDITORS = ['sysadmin', 'chief_editor'] as const;
/** The office's staff read them (countdowns, overdue marks); units see the deadline on each item. */
export const WORKFLOW_LIMITS_READERS = ['sysadmin', 'chief_editor', 'editor'] as const;

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `请填写${what}` })
    .int(`${what}须为整数`)
    .min(min, `${what}须在 ${min}–${max} 之间`)
    .max(max, `${what}须在 ${min}–${max} 之间`);

const office = z.object({ id: z.uuid(), name: z.string() });

export const workflowLimitsSchema = z.object({
  office,
  urgentHours: z.number().int(),
  forReadingHours: z.number().int(),
  routineWorkingDays: z.number().int(),
  version: z.number().int(),
  /** Whether the caller may change these limits (the office's chief editor or system administrator). */
  editable: z.boolean(),
  /** The caller's offices, whose limits they may read (`?officeId=`). */
  offices: z.array(office),
});
export type WorkflowLimitsView = z.infer<typeof workflowLimitsSchema>;

/** Whose limits: the caller's office unless one of their other offices is named. */
export const workflowLimitsQuery = z.object({
  officeId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('办公室 ID 格式不正确').optional()),
});

export const updateWorkflowLimitsBody = z.object({
  urgentHours: int(1, 72, '紧急信息时限（小时）'),
  forReadingHours: int(1, 168, '送阅件时限（小时）'),
  routineWorkingDays: int(1, 30, '普通信息时限（工作日）'),
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type UpdateWorkflowLimitsInput = z.output<typeof updateWorkflowLimitsBody>;

/**
 * The office whose limits the caller reads or changes: the named one, which must be one of the
 * caller's offices (403 otherwise — another office's limits are not theirs), or their own.
 */
export function officeForLimits(actor: Actor, officeId?: string): { id: string; name: string } {
  const offices = officesOf(actor);
  if (!officeId) {
    if (!offices[0]) throw notFound('您不属于任何办公室，没有办理时限可查看');
    return offices[0];
  }
  const found = offices.find((o) => o.id === officeId);
  if (!found) throw forbidden('只能查看和设置本办公室的办理时限');
  return found;
}

/** Whether the caller may change this office's limits (it is one of theirs, checked by `officeForLimits`). */
export const mayEditLimits = (actor: Actor) => WORKFLOW_LIMITS_EDITORS.some((r) => actor.roles.includes(r));

/** One office's limits in force: its saved values over the defaults; version 0 = never saved. */
export async function getWorkflowLimits(
  db: Db,
  officeId: string,
): Promise<WorkflowLimits & { version: number }> {
  const [row] = await db
    .select()
    .from(settings)
    .where(eq(settings.key, workflowLimitsKey(officeId)))
    .limit(1);
  if (!row) return { ...DEFAULT_WORKFLOW_LIMITS, version: 0 };
  return { ...DEFAULT_WORKFLOW_LIMITS, ...(row.value as Partial<WorkflowLimits>), version: row.version };
}

/** Every office's saved limits at once, for lists whose items belong to several offices. */
export async function loadOfficeLimits(db: Db): Promise<OfficeLimits> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(like(settings.key, `${WORKFLOW_LIMITS_PREFIX}%`));
  const byOffice = new Map(
    rows.map((r) => [
      r.key.slice(WORKFLOW_LIMITS_PREFIX.length),
      { ...DEFAULT_WORKFLOW_LIMITS, ...(r.value as Partial<WorkflowLimits>) },
    ]),
  );
  return { byOffice, fallback: DEFAULT_WORKFLOW_LIMITS };
}

/** The limits as the 时限设置 screen shows them: whose, the values, whether the caller may change them. */
export async function readWorkflowLimits(
  db: Db,
  actor: Actor,
  officeId?: string,
): Promise<WorkflowLimitsView> {
  const office = officeForLimits(actor, officeId);
  const limits = await getWorkflowLimits(db, office.id);
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, office.id));
  return {
    office: { id: office.id, name: org?.name ?? office.name },
    urgentHours: limits.urgentHours,
    forReadingHours: limits.forReadingHours,
    routineWorkingDays: limits.routineWorkingDays,
    version: limits.version,
    editable: mayEditLimits(actor),
    offices: officesOf(actor),
  };
}
