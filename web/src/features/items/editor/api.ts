import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { ItemDetail, ItemListFilters, ItemPage, ItemStatus, Publication } from '../types.ts';

/** Every query about items starts with this key, so one invalidation refreshes lists and pages alike. */
export const ITEMS_KEY = ['items'] as const;
export const EDITOR_PAGE_SIZE = 20;

export type EditorBox = 'inbox' | 'forwarded';

/** The list filters as the API takes them; shared by the page and the keys so both agree. */
export function itemListQuery(
  box: EditorBox,
  filters: ItemListFilters,
  page: number,
  pageSize = EDITOR_PAGE_SIZE,
): string {
  const params = new URLSearchParams({ box });
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  return params.toString();
}

/** One page of a box; the previous page stays on screen while the next one loads. */
export function useItemList(box: EditorBox, filters: ItemListFilters, page: number) {
  return useQuery({
    queryKey: [...ITEMS_KEY, 'list', box, filters, page],
    queryFn: () => api<ItemPage>('GET', `/api/items?${itemListQuery(box, filters, page)}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every row of a box that matches the filters, fetched page by page: the forwarded page's
 * summary counts adoptions over all of them, not just the page on screen.
 */
export function useAllItems(box: EditorBox, filters: ItemListFilters, enabled = true) {
  return useQuery({
    queryKey: [...ITEMS_KEY, 'all', box, filters],
    enabled,
    queryFn: async () => {
      const size = 100;
      const first = await api<ItemPage>('GET', `/api/items?${itemListQuery(box, filters, 1, size)}`);
      const rows = [...first.items];
      const pages = Math.ceil(first.total / size);
      for (let p = 2; p <= pages; p += 1) {
        const next = await api<ItemPage>('GET', `/api/items?${itemListQuery(box, filters, p, size)}`);
        rows.push(...next.items);
      }
      return rows;
    },
  });
}

/** Full details (bodies) of several items, e.g. the sources of a joint report. */
export function useItemDetails(ids: readonly string[], enabled: boolean) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: [...ITEMS_KEY, 'detail', id],
      queryFn: () => api<ItemDetail>('GET', `/api/items/${id}`),
      enabled,
    })),
  });
}

/** own: the caller's office's publications (拟采用 targets); upper: its ancestors' (adoption targets). */
export function usePublications(scope: 'own' | 'upper', enabled = true) {
  return useQuery({
    queryKey: ['publications', scope],
    queryFn: () => api<Publication[]>('GET', `/api/publications?scope=${scope}`),
    enabled,
    staleTime: 300_000,
  });
}

type DictionaryRow = { code: string; label: string; sortOrder: number; active: boolean };

/** The item categories (动态、经验…), active ones in display order. */
export function useItemCategories() {
  return useQuery({
    queryKey: ['dictionaries', 'item_category'],
    queryFn: () =>
      api<{ items: DictionaryRow[] }>('GET', '/api/dictionaries?dictionary=item_category').then((r) =>
        [...r.items].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
      ),
    staleTime: 300_000,
  });
}

function useItemMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ITEMS_KEY }) });
}

export type BatchInput = {
  action: 'accept' | 'return' | 'reject';
  ids: string[];
  reason?: string;
  targetPublicationId?: string;
  versions: Record<string, number>;
};

/** All or nothing: the server either applies the action to every item or changes none. */
export function useBatchAction() {
  return useItemMutation((input: BatchInput) =>
    api<{ results: { id: string; status: ItemStatus }[] }>('POST', '/api/items/batch', input),
  );
}

export type MergeInput = {
  ids: string[];
  title: string;
  body: string;
  categoryCode: string;
  priority?: 'normal' | 'urgent' | 'for_reading';
  reason?: string;
};

export function useMergeItems() {
  return useItemMutation((input: MergeInput) => api<ItemDetail>('POST', '/api/items/merge', input));
}

export type AdoptionInput = {
  publicationId: string;
  adoptionKind: string;
  adoptedOn: string;
  issueLabel?: string;
  note?: string;
};

export function useRecordAdoption() {
  return useItemMutation(({ id, ...body }: AdoptionInput & { id: string }) =>
    api<ItemDetail>('POST', `/api/items/${id}/adoptions`, body),
  );
}
