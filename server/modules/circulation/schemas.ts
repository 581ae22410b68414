import { z } from 'zod';
import { pageQueryFields } from '../../lib/pagination.ts';

const uuid = (label: string) => z.uuid(`${label} ID 格式不正确`);

export const idParams = z.object({ id: uuid('传阅记录') });

export const RECIPIENTS_MAX = 50;
export const NOTE_MAX = 500;

export const sendCirculationBody = z
  .object({
    issueId: uuid('刊物期次').optional(),
    itemId: uuid('信息').optional(),
    recipientIds: z
      .array(uuid('传阅对象'), { error: '请选择传阅对象' })
      .min(1, '请选择传阅对象')
      .max(RECIPIENTS_MAX, `一次最多传阅 ${RECIPIENTS_MAX} 人`)
      .transform((ids) => [...new Set(ids)]),
    note: z
      .string({ error: '传阅说明须为文字' })
      .trim()
      .max(NOTE_MAX, `传阅说明不能超过 ${NOTE_MAX} 字`)
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((b) => (b.issueId ? 1 : 0) + (b.itemId ? 1 : 0) === 1, {
    message: '请指定一期刊物或一条信息（二者选一）',
    path: ['issueId'],
  });
export type SendCirculationInput = z.output<typeof sendCirculationBody>;

export const sendCirculationResult = z.object({
  created: z.number().int(),
  skipped: z.number().int(),
  /** Who already had it (传阅 once per person). */
  skippedNames: z.array(z.string()),
});
export type SendCirculationResult = z.infer<typeof sendCirculationResult>;

export const circulationEntrySchema = z.object({
  id: z.uuid(),
  recipientId: z.uuid(),
  recipientName: z.string(),
  sentByName: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CirculationEntry = z.infer<typeof circulationEntrySchema>;

export const subjectQuery = z
  .object({ issueId: uuid('刊物期次').optional(), itemId: uuid('信息').optional() })
  .refine((q) => (q.issueId ? 1 : 0) + (q.itemId ? 1 : 0) === 1, {
    message: '请指定一期刊物或一条信息（二者选一）',
    path: ['issueId'],
  });

export const PAGE_SIZE_MAX = 200;

export const mineQuery = z.object({
  unread: z
    .enum(['true', 'false'], { error: 'unread 须为 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
  ...pageQueryFields(50, PAGE_SIZE_MAX),
});
export type MineQuery = z.output<typeof mineQuery>;
/** The 传阅件 export: the same filter, without the page. */
export const mineExportQuery = mineQuery.omit({ page: true, pageSize: true });
export type MineFilter = z.output<typeof mineExportQuery>;

export const CIRCULATION_ACTIONS = ['read'] as const;

export const myCirculationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['issue', 'item']),
  issueId: z.uuid().nullable(),
  itemId: z.uuid().nullable(),
  /** 《刊物》期号：要目 for an issue, the item title for an item. */
  title: z.string(),
  label: z.string().nullable(),
  publicationName: z.string().nullable(),
  /** Up to three item titles of a circulated issue (empty for an item). */
  firstItemTitles: z.array(z.string()),
  officeName: z.string(),
  sentByName: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  note: z.string().nullable(),
  actions: z.array(z.enum(CIRCULATION_ACTIONS)),
});
export type MyCirculation = z.infer<typeof myCirculationSchema>;

export const myCirculationsSchema = z.object({
  items: z.array(myCirculationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ unread: z.number().int(), all: z.number().int() }),
});
export type MyCirculations = z.infer<typeof myCirculationsSchema>;

export const readResult = z.object({ readAt: z.string() });

export const recipientsQuery = z.object({ officeId: uuid('办公室').optional() });

export const recipientSchema = z.object({ id: z.uuid(), displayName: z.string() });
