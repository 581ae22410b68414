/**
 * The list kit: every business list page is built from it — filters and page in the URL
 * (`useListParams` over typed parsers), the paged table (`ListTable`) and 导出Excel of the same
 * filters (`ExportButton`), so a list is not hand-built per page.
 */
export { ExportButton } from './ExportButton.tsx';
export { type ListQueryState, ListTable, type ListTableProps } from './ListTable.tsx';
export {
  cleared,
  flag,
  hasAny,
  int,
  listQueryString,
  nextParams,
  oneOf,
  oneOfOr,
  type ParamSpec,
  type ParamValues,
  pageOf,
  parseParams,
  text,
} from './listParams.ts';
export { columnSortOrder, type SortOrder, sortOf, tableChangeToQuery } from './tableQuery.ts';
export { useListParams } from './useListParams.ts';
