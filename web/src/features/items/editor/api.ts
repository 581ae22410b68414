import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { ITEMS_KEY, itemKey } from '../api.ts';
import type { ForwardedSummary, ItemDetail, ItemListFilters, ItemStatus } from '../types.ts';

/**
 * The 转报与采用 statistics over every forwarded item matching the filters, counted by the
 * server in one request.
 */
export function useForwardedSummary(filters: ItemListFilters, enabled = true) {
  return useQuery({
    queryKey: [...ITEMS_KEY, 'forwarded-summary', filters],
    enabled,
    queryFn: () => {
      // Totals do not depend on the order of the list.
      const { sort: _sort, order: _order, ...rest } = filters;
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(rest)) if (v) params.set(k, String(v));
      const query = params.size ? `?${params}` : '';
      return api<ForwardedSummary>('GET', `/api/items/forwarded-summary${query}`);
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
