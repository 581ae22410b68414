import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { ITEMS_KEY, itemKey, itemQueryString } from '../api.ts';
import type { ItemBox, ItemDetail, ItemListFilters, ItemPage, ItemStatus } from '../types.ts';

/**
 * Every row of a box that matches the filters, fetched page by page: the forwarded page's
 * summary counts adoptions over all of them, not just the page on screen.
 */
export function useAllItems(box: ItemBox, filters: ItemListFilters, enabled = true) {
  return useQuery({
    queryKey: [...ITEMS_KEY, 'all', box, filters],
    enabled,
    queryFn: async () => {
      const size = 100;
      const first = await api<ItemPage>('GET', `/api/items?${itemQueryString(box, filters, 1, size)}`);
      const rows = [...first.items];
      const pages = Math.ceil(first.total / size);
      for (let p = 2; p <= pages; p += 1) {
        const next = await api<ItemPage>('GET', `/api/items?${itemQueryString(box, filters, p, size)}`);
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
      queryKey: itemKey(id),
      queryFn: () => api<ItemDetail>('GET', `/api/items/${id}`),
      enabled,
    })),
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
  versions: Record<string, number>;
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
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AdoptionInput & { id: string }) =>
      api<ItemDetail>('POST', `/api/items/${id}/adoptions`, body),
    onSuccess: (item) => qc.setQueryData(itemKey(item.id), item),
    onSettled: () => qc.invalidateQueries({ queryKey: ITEMS_KEY }),
  });
}
