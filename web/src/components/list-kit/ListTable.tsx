import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { type SortOrder, sortOf } from './tableQuery.ts';

/** What a list query hook gives the table: the page of rows, its total and the loading state. */
export type ListQueryState<T> = {
  data?: { items: T[]; total: number };
  isFetching: boolean;
  isPending: boolean;
};

export type ListTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'> & {
  query: ListQueryState<T>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** A sortable column clicked: the sort key and direction (none when cleared). */
  onSort?: (sort: { sort?: string; order?: SortOrder }) => void;
  /** Shown once loaded when there are no rows: what to do next. */
  empty: ReactNode;
  /** What the total counts, in 共 n 条; `null` shows no total. */
  unit?: string | null;
  hideOnSinglePage?: boolean;
};

/**
 * The paged table of a list page: the server's page of rows, 共 n 条, page and sort changes
 * handed back to the URL state, and an empty state only once the first answer is in.
 */
export function ListTable<T extends object>({
  query,
  page,
  pageSize,
  onPage,
  onSort,
  empty,
  unit = '条',
  hideOnSinglePage,
  locale,
  ...table
}: ListTableProps<T>) {
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      {...table}
      dataSource={query.data?.items}
      loading={query.isFetching}
      locale={{ ...locale, emptyText: query.isPending ? ' ' : empty }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort') onSort?.(sortOf(sorter));
        else if (extra.action === 'paginate') onPage(pagination.current ?? 1);
      }}
      pagination={{
        current: page,
        pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: false,
        showTotal: unit === null ? undefined : (n) => `共 ${n} ${unit}`,
        hideOnSinglePage,
      }}
    />
  );
}
