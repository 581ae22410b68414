import { z } from 'zod';
import { PORTAL_QUEUE_STATUSES, type PortalQueueStatus } from '../../db/schema/index.ts';
import { pageQueryFields } from '../../lib/pagination.ts';

export const PORTAL_STATUS_LABELS: Record<PortalQueueStatus, string> = {
  queued: '待网站发布',
  withdrawn: '已撤回',
  posted: '已在网站发布',
};

export const REASON_MAX = 500;
export const PAGE_SIZE_MAX = 200;

export const idParams = z.object({
  id: z.coerce
    .number({ error: '推送记录编号须为数字' })
    .int('推送记录编号不正确')
    .positive('推送记录编号不正确'),
});

export const queueItemBody = z.object({ itemId: z.uuid('信息 ID 格式不正确') });

export const withdrawBody = z.object({
  /** Checked after the record's state, so a stale screen hears about the conflict first. */
  reason: z
    .string({ error: '撤回原因须为文字' })
    .trim()
    .max(REASON_MAX, `撤回原因不能超过 ${REASON_MAX} 字`)
    .default(''),
  version: z.number({ error: '缺少版本号' }).int('版本号不正确').positive('版本号不正确'),
});
export type WithdrawInput = z.output<typeof withdrawBody>;

export const portalQuery = z.object({
  status: z
    .enum(PORTAL_QUEUE_STATUSES, {
      error: 'status 须为 queued（待发布）、withdrawn（已撤回）或 posted（已发布）',
    })
    .optional(),
  ...pageQueryFields(50, PAGE_SIZE_MAX),
});
export type PortalQuery = z.output<typeof portalQuery>;
/** The queue's Excel export: the same status filter, without the page. */
export const portalExportQuery = portalQuery.omit({ page: true, pageSize: true });
export type PortalFilter = z.output<typeof portalExportQuery>;

export const PORTAL_ACTIONS = ['withdraw'] as const;

export const portalEntrySchema = z.object({
  id: z.number().int(),
  itemId: z.uuid(),
  serial: z.number().int(),
  title: z.string(),
  /** The origin unit's short name. */
  unitName: z.string(),
  issueId: z.uuid().nullable(),
  issueLabel: z.string().nullable(),
  publicationName: z.string().nullable(),
  status: z.enum(PORTAL_QUEUE_STATUSES),
  statusLabel: z.string(),
  queuedByName: z.string(),
  queuedAt: z.string(),
  withdrawnReason: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  postedAt: z.string().nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(PORTAL_ACTIONS)),
});
export type PortalEntry = z.infer<typeof portalEntrySchema>;

export const portalPageSchema = z.object({
  items: z.array(portalEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ queued: z.number().int(), withdrawn: z.number().int(), posted: z.number().int() }),
});
export type PortalPage = z.infer<typeof portalPageSchema>;
