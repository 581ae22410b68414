import { z } from 'zod';
import { ITEM_STATUSES, SEARCH_KINDS } from '../../db/schema/index.ts';
import { pageQueryFields } from '../../lib/pagination.ts';
import { blankToUndefined } from '../../lib/schema-fields.ts';
import { isIsoDate } from '../orgs/index.ts';

const uuid = (what: string) => z.preprocess(blankToUndefined, z.uuid(`${what}编号格式不正确`).optional());
const day = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z.string().refine(isIsoDate, `${what}须为有效日期（如 2026-03-05）`).optional(),
  );

export const searchQuerySchema = z
  .object({
    q: z
      .string({ error: '请输入要检索的内容' })
      .trim()
      .min(1, '请输入要检索的内容')
      .max(100, '检索内容不能超过 100 个字'),
    /** One kind, paged; without it the first results of every kind. */
    kind: z.preprocess(blankToUndefined, z.enum(SEARCH_KINDS, { error: '检索范围无效' }).optional()),
    order: z.preprocess(
      blankToUndefined,
      z.enum(['relevance', 'date'], { error: '排序方式须为相关度或时间' }).default('relevance'),
    ),
    officeId: uuid('办公室'),
    unitId: uuid('单位'),
    groupCode: z.preprocess(blankToUndefined, z.string().max(40).optional()),
    categoryCode: z.preprocess(blankToUndefined, z.string().max(40).optional()),
    status: z.preprocess(blankToUndefined, z.enum(ITEM_STATUSES, { error: '信息状态无效' }).optional()),
    publicationId: uuid('刊物'),
    /** Items adopted (into an issue of the office, or by an office above) or not. */
    adopted: z.preprocess(
      (v) => (v === 'true' ? true : v === 'false' ? false : blankToUndefined(v)),
      z.boolean({ error: '是否采用须为 true 或 false' }).optional(),
    ),
    from: day('开始日期'),
    to: day('结束日期'),
    ...pageQueryFields(20, 50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type SearchQuery = z.output<typeof searchQuerySchema>;

const highlight = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export const searchHitSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  title: highlight,
  snippet: highlight,
  link: z.string(),
  /** The record's day for the list (submitted, issued, written …), ISO. */
  at: z.string().nullable(),
  /** Short facts shown under the title: unit, office, status … */
  meta: z.array(z.string()),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  q: z.string(),
  /** The terms searched for, as understood (for the "找到…" line). */
  terms: z.array(z.string()),
  groups: z.array(
    z.object({
      kind: z.enum(SEARCH_KINDS),
      label: z.string(),
      /** Matches the caller may read; at most SEARCH_COUNT_CAP, `capped` when there are more. */
      count: z.number().int(),
      capped: z.boolean(),
      hits: z.array(searchHitSchema),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
