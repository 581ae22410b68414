import { z } from 'zod';
import { badRequest } from './errors.ts';

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

/** The most rows one list export holds; more is refused with the count rather than silently cut. */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * Which rows of a filtered list a query fetches: one page for the screen, or `'all'` for the
 * list's Excel export — the same query, the same filters and order, without paging.
 */
export type Paging = PageQuery | 'all';

/**
 * LIMIT and OFFSET of a list query once its total is known. An export takes every row, and a
 * total above EXPORT_MAX_ROWS is a 400 that says how many matched (`noun` names what is counted),
 * so nobody mistakes a cut file for the whole list.
 */
export function rowWindow(paging: Paging, total: number, noun: string): { limit: number; offset: number } {
  if (paging !== 'all') return { limit: paging.pageSize, offset: offsetOf(paging) };
  if (total > EXPORT_MAX_ROWS) {
    throw badRequest(
      `符合条件的${noun}有 ${total} 条，超过一次导出的上限 ${EXPORT_MAX_ROWS} 条，请缩小查询范围后再导出`,
    );
  }
  return { limit: EXPORT_MAX_ROWS, offset: 0 };
}

/** The page fields of a list response: the page asked for, or the whole list as its one page. */
export function pageFields(paging: Paging): PageQuery {
  return paging === 'all'
    ? { page: 1, pageSize: EXPORT_MAX_ROWS }
    : { page: paging.page, pageSize: paging.pageSize };
}
