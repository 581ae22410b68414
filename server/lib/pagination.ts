import { z } from 'zod';

/**
 * One paging contract for every list endpoint: `?page=&pageSize=` validated with Chinese messages,
 * the offset computed once, and the page's metadata in the response.
 */

export type PageQuery = { page: number; pageSize: number };

/** The query fields, to spread into a list's query schema. */
export function pageQueryFields(defaultPageSize = 20, maxPageSize = 100) {
  return {
    page: z.coerce
      .number({ error: '页码须为数字' })
      .int('页码须为整数')
      .min(1, '页码从 1 开始')
      .max(100_000, '页码过大')
      .default(1),
    pageSize: z.coerce
      .number({ error: '每页条数须为数字' })
      .int('每页条数须为整数')
      .min(1, '每页至少 1 条')
      .max(maxPageSize, `每页最多 ${maxPageSize} 条`)
      .default(defaultPageSize),
  };
}

/** The response fields beside `items`. */
export const pageResponseFields = {
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
};

export const offsetOf = (q: PageQuery) => (q.page - 1) * q.pageSize;
