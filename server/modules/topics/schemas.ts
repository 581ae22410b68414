import { z } from 'zod';
import { ITEM_STATUSES, TOPIC_STATUSES } from '../../db/schema/index.ts';
import { pageQueryFields, pageResponseFields } from '../../lib/pagination.ts';
import { blankToUndefined, text, version } from '../../lib/schema-fields.ts';
import { DATE_RULE, isIsoDate } from '../orgs/index.ts';

const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).refine(isIsoDate, `${what}：${DATE_RULE}`);
const optionalDate = (what: string) =>
  z.preprocess(blankToUndefined, z.string().refine(isIsoDate, `${what}：${DATE_RULE}`).optional());

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;

export const idParams = z.object({ id: z.uuid('编号格式不正确') });

const topicFields = {
  title: text('要点标题', TITLE_MAX),
  description: z
    .string({ error: '报送要求须为文字' })
    .trim()
    .max(DESCRIPTION_MAX, `报送要求不能超过 ${DESCRIPTION_MAX} 个字`)
    .default(''),
  periodStart: isoDate('起始日期'),
  periodEnd: isoDate('截止日期'),
  sortOrder: z
    .number({ error: '排序号须为数字' })
    .int('排序号须为整数')
    .min(0, '排序号不能小于 0')
    .max(9999, '排序号不能大于 9999')
    .default(0),
};
const periodInOrder = (b: { periodStart: string; periodEnd: string }) => b.periodEnd >= b.periodStart;
const PERIOD_ORDER = { message: '截止日期不能早于起始日期', path: ['periodEnd'] };

/** A new 报送要点 of the caller's office (the first office they edit for, unless named). */
export const createTopicBody = z
  .object({ ...topicFields, officeId: z.uuid('办公室编号格式不正确').optional() })
  .refine(periodInOrder, PERIOD_ORDER);
export type CreateTopicInput = z.output<typeof createTopicBody>;

/** The whole editable text of a topic, with the version it was read at. */
export const updateTopicBody = z.object({ ...topicFields, version }).refine(periodInOrder, PERIOD_ORDER);
export type UpdateTopicInput = z.output<typeof updateTopicBody>;

export const publishBody = z.object({ version });
export type PublishInput = z.output<typeof publishBody>;

export const withdrawBody = z.object({ reason: text('撤回原因', 500), version });
export type WithdrawInput = z.output<typeof withdrawBody>;

/** current: the period covers today; upcoming: starts later; ended: ended before today. */
export const PERIOD_FILTERS = ['current', 'upcoming', 'ended'] as const;

const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const RANGE_ORDER = { message: '截止日期不能早于起始日期', path: ['to'] };

const listFilterFields = {
  status: z.preprocess(blankToUndefined, z.enum(TOPIC_STATUSES, { error: '状态不正确' }).optional()),
  period: z.preprocess(blankToUndefined, z.enum(PERIOD_FILTERS, { error: '期间筛选不正确' }).optional()),
  /** Topics whose period overlaps [from, to]. */
  from: optionalDate('起始日期'),
  to: optionalDate('截止日期'),
  officeId: z.preprocess(blankToUndefined, z.uuid('办公室编号格式不正确').optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(50, '关键词不能超过 50 个字').optional()),
};
export const listQuery = z
  .object({ ...pageQueryFields(20, 100), ...listFilterFields })
  .refine(rangeInOrder, RANGE_ORDER);
export type ListQuery = z.output<typeof listQuery>;
/** The list's Excel export: the same filters, without the page. */
export const exportQuery = z.object(listFilterFields).refine(rangeInOrder, RANGE_ORDER);
export type ListFilter = z.output<typeof exportQuery>;

export const currentQuery = z.object({
  officeId: z.preprocess(blankToUndefined, z.uuid('办公室编号格式不正确').optional()),
});
export type CurrentQuery = z.output<typeof currentQuery>;

export const statsQuery = z
  .object({
    from: optionalDate('起始日期'),
    to: optionalDate('截止日期'),
    officeId: z.preprocess(blankToUndefined, z.uuid('办公室编号格式不正确').optional()),
  })
  .refine(rangeInOrder, RANGE_ORDER);
export type StatsQuery = z.output<typeof statsQuery>;

export const detailQuery = z.object({ ...pageQueryFields(20, 100) });
export type DetailQuery = z.output<typeof detailQuery>;

export const statsSchema = z.object({
  /** Items tagged and submitted to the office (past the unit's sign-off). */
  submitted: z.number().int(),
  /** Of them, accepted by the office (拟采用, 编入刊物, 已发布). */
  accepted: z.number().int(),
  /** Printed in a published issue of the office. */
  published: z.number().int(),
  /** Adoption records by publications of other (upper) offices. */
  upperAdoptions: z.number().int(),
  /** Distinct submitting units. */
  units: z.number().int(),
});
export type TopicStats = z.infer<typeof statsSchema>;

export const topicRowSchema = z.object({
  id: z.uuid(),
  office: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The period as people say it: 2026年12月, 2027年第一季度, 2026年3月5日至4月10日. */
  periodLabel: z.string(),
  status: z.enum(TOPIC_STATUSES),
  statusLabel: z.string(),
  sortOrder: z.number().int(),
  /** The period covers today. */
  current: z.boolean(),
  /** The period ended before today (items can no longer be tagged to it). */
  ended: z.boolean(),
  createdByName: z.string(),
  createdAt: z.date(),
  publishedAt: z.date().nullable(),
  version: z.number().int(),
  /** For the office's own topics; null for a unit. */
  stats: statsSchema.nullable(),
  /** edit, publish, withdraw (the office); tag (a unit may tag items to it now). */
  actions: z.array(z.string()),
});
export type TopicRowView = z.infer<typeof topicRowSchema>;

export const topicPageSchema = z.object({ items: z.array(topicRowSchema), ...pageResponseFields });
export const currentTopicsSchema = z.object({ items: z.array(topicRowSchema) });

export const taggedItemSchema = z.object({
  id: z.uuid(),
  serial: z.number().int(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  submittedAt: z.date().nullable(),
  link: z.string(),
});

export const topicSchema = topicRowSchema.extend({
  withdrawnAt: z.date().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** The items tagged to it that the caller may read (the office: submitted ones; a unit: its own). */
  items: z.object({ items: z.array(taggedItemSchema), ...pageResponseFields }),
});
export type TopicView = z.infer<typeof topicSchema>;

export const statsResponseSchema = z.object({
  office: z.object({ id: z.uuid(), name: z.string() }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  topics: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      periodLabel: z.string(),
      status: z.enum(TOPIC_STATUSES),
      statusLabel: z.string(),
      stats: statsSchema,
    }),
  ),
  /** Over the topics listed; `units` counts each unit once. */
  total: statsSchema,
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;
