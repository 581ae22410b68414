import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditAction } from '../../lib/audit.ts';

const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A filter bound: a date (`2024-03-05`, a whole day in China Standard Time) or an ISO 8601
 * instant. `end` turns a date into the start of the next day, used as an exclusive bound.
 */
export function parseInstant(value: string, bound: 'start' | 'end'): Date | null {
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00+08:00`);
    if (Number.isNaN(day.getTime())) return null;
    return bound === 'end' ? new Date(day.getTime() + 86_400_000) : day;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : t;
}

const instant = z
  .string()
  .trim()
  .refine(
    (v) => parseInstant(v, 'start') !== null,
    '时间格式不正确，应为 2024-03-05 或 2024-03-05T14:30:00+08:00',
  );

const actionCodes = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

const filterFields = {
  from: blank(instant),
  to: blank(instant),
  q: blank(z.string().trim().max(100)),
  action: blank(z.enum(actionCodes, '未知的操作类型')),
  targetType: blank(z.string().trim().max(50)),
  unitId: blank(z.uuid('单位 ID 格式不正确')),
  ip: blank(z.string().trim().max(64)),
};

const orderedBounds = (f: { from?: string; to?: string }) =>
  !f.from || !f.to || parseInstant(f.from, 'start')! < parseInstant(f.to, 'end')!;
const bounds = { message: '开始时间不能晚于结束时间', path: ['from'] };

export const auditFilterQuery = z.object(filterFields).refine(orderedBounds, bounds);
export type AuditFilter = z.infer<typeof auditFilterQuery>;

export const auditListQuery = z
  .object({
    ...filterFields,
    page: blank(z.coerce.number().int().min(1).max(100_000)),
    pageSize: blank(z.coerce.number().int().min(1).max(200)),
  })
  .refine(orderedBounds, bounds);

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  diff: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const auditActionsSchema = z.array(z.object({ code: z.string(), label: z.string() }));
