import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchHit, SearchResult } from '../../../../server/modules/search/schemas.ts';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';

export type { SearchHit, SearchResult };
export type SearchGroup = SearchResult['groups'][number];
export type Highlight = SearchHit['title'];

/** The administrators read no business content: no search for them (the API answers 403). */
const ADMIN_ROLES: readonly string[] = ['sysadmin', 'secadmin', 'auditor'];
export const maySearch = (roles: readonly string[]) => roles.some((r) => !ADMIN_ROLES.includes(r));

/** One kind's page of 查看全部. */
export const SEARCH_PAGE_SIZE = 20;

/** What the search page sends: the text, the order, and the filters the API takes. */
export type SearchParams = {
  q: string;
  kind?: string;
  order?: 'relevance' | 'date';
  status?: string;
  categoryCode?: string;
  unitId?: string;
  from?: string;
  to?: string;
};

/**
 * GET /api/search: without `kind` the first hits of every kind, grouped; with `kind` that kind
 * paged. Nothing is asked for an empty text; the previous answer stays while the next loads.
 */
export function useSearch(params: SearchParams, page: number) {
  const { q, kind, ...rest } = params;
  const paging = kind ? { page, pageSize: SEARCH_PAGE_SIZE } : undefined;
  const qs = listQueryString({ q, kind, ...rest }, paging);
  return useQuery({
    queryKey: ['search', qs],
    queryFn: () => api<SearchResult>('GET', `/api/search?${qs}`),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

/** A count as shown: 1000+ when the server stopped counting. */
export function countText(group: Pick<SearchGroup, 'count' | 'capped'>): string {
  return group.capped ? `${group.count}+` : String(group.count);
}
