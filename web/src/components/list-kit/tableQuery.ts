import type { SorterResult, TablePaginationConfig } from 'antd/es/table/interface';

export type SortOrder = 'asc' | 'desc';

/**
 * Turns a Table change (page, sort) into query-string values for a list page whose filters live
 * in the URL. A new sort goes back to page 1; page 1 is left out of the URL.
 */
export function tableChangeToQuery<S extends string, R>(
  pagination: TablePaginationConfig,
  sorter: SorterResult<R> | SorterResult<R>[],
  current: { sort?: S; order?: SortOrder },
): { sort?: S; order?: SortOrder; page?: string } {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  const sort = s?.order ? (s.columnKey as S) : undefined;
  const order: SortOrder | undefined =
    s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined;
  const sortChanged = sort !== current.sort || order !== current.order;
  const page =
    !sortChanged && pagination.current && pagination.current > 1 ? String(pagination.current) : undefined;
  return { sort, order, page };
}
