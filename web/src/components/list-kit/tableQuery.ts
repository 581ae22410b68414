import type { SorterResult, TablePaginationConfig } from 'antd/es/table/interface';

export type SortOrder = 'asc' | 'desc';

/** The sort a Table's sorter asks for: the column key and direction, or none. */
export function sortOf<S extends string, R>(
  sorter: SorterResult<R> | SorterResult<R>[],
): {
  sort?: S;
  order?: SortOrder;
} {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order) return {};
  return { sort: s.columnKey as S, order: s.order === 'descend' ? 'desc' : 'asc' };
}

/**
 * Turns a Table change (page, sort) into query-string values for a list page whose filters live
 * in the URL. A new sort goes back to page 1; page 1 is left out of the URL.
 */
export function tableChangeToQuery<S extends string, R>(
  pagination: TablePaginationConfig,
  sorter: SorterResult<R> | SorterResult<R>[],
  current: { sort?: S; order?: SortOrder },
): { sort?: S; order?: SortOrder; page?: string } {
  const { sort, order } = sortOf<S, R>(sorter);
  const sortChanged = sort !== current.sort || order !== current.order;
  const page =
    !sortChanged && pagination.current && pagination.current > 1 ? String(pagination.current) : undefined;
  return { sort, order, page };
}

/** The antd sortOrder of a column from the URL's sort, given the server's default direction. */
export function columnSortOrder(
  key: string,
  current: { sort?: string; order?: SortOrder },
  defaultOrder: SortOrder = 'desc',
): 'ascend' | 'descend' | null {
  if (current.sort !== key) return null;
  return (current.order ?? defaultOrder) === 'asc' ? 'ascend' : 'descend';
}
