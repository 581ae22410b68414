import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type {
  CategoryEntry,
  Finding,
  ItemAction,
  ItemAttachment,
  ItemBox,
  ItemDetail,
  ItemDiff,
  ItemInput,
  ItemListFilters,
  ItemPage,
  Publication,
} from './types.ts';

export const ITEMS_KEY = ['items'] as const;
export const ITEM_PAGE_SIZE = 20;

export const itemKey = (id: string) => [...ITEMS_KEY, 'detail', id] as const;

/** The list's filters as a query string (empty values dropped). */
export function itemQueryString(
  box: ItemBox,
  filters: ItemListFilters,
  page: number,
  pageSize = ITEM_PAGE_SIZE,
) {
  return listQueryString({ box, ...filters }, { page, pageSize });
}

/** One page of a queue (mine, signoff…) with its per-status counts; the previous page stays while the next loads. */
export function useItems(box: ItemBox, filters: ItemListFilters, page: number, pageSize = ITEM_PAGE_SIZE) {
  return useQuery({
    queryKey: [...ITEMS_KEY, 'list', box, filters, page, pageSize],
    queryFn: () => api<ItemPage>('GET', `/api/items?${itemQueryString(box, filters, page, pageSize)}`),
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string | undefined) {
  return useQuery({
    queryKey: itemKey(id ?? ''),
    queryFn: () => api<ItemDetail>('GET', `/api/items/${id}`),
    enabled: !!id,
    staleTime: 0,
  });
}

/** 信息类别 from the configurable dictionary, in display order. */
export function useItemCategories() {
  return useQuery({
    queryKey: ['dictionaries', 'item_category'],
    queryFn: () =>
      api<{ items: CategoryEntry[] }>('GET', '/api/dictionaries?dictionary=item_category').then((r) =>
        [...r.items].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
      ),
    staleTime: 60_000,
  });
}

/** Publications of the caller's office (拟采用 targets) or of the offices above it (采用 registry). */
export function usePublications(scope: 'own' | 'upper', enabled = true) {
  return useQuery({
    queryKey: ['publications', scope],
    queryFn: () => api<Publication[]>('GET', `/api/publications?scope=${scope}`),
    enabled,
    staleTime: 60_000,
  });
}

/** A character-level diff of two saved versions. */
export function useItemDiff(id: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: [...ITEMS_KEY, 'diff', id, from, to],
    queryFn: () => api<ItemDiff>('GET', `/api/items/${id}/diff?from=${from}&to=${to}`),
    enabled: from !== undefined && to !== undefined && from !== to,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Keeps every cached view of the item in step after a write (its detail and all lists). */
function useItemWrite<V>(fn: (vars: V) => Promise<ItemDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (item) => qc.setQueryData(itemKey(item.id), item),
    onSettled: () => qc.invalidateQueries({ queryKey: ITEMS_KEY }),
  });
}

export function useCreateItem() {
  return useItemWrite((input: ItemInput) => api<ItemDetail>('POST', '/api/items', input));
}

export function useUpdateItem() {
  return useItemWrite(
    ({ id, ...body }: Partial<ItemInput> & { id: string; version: number; reason?: string }) =>
      api<ItemDetail>('PATCH', `/api/items/${id}`, body),
  );
}

export type ActionInput = {
  id: string;
  action: ItemAction;
  version: number;
  reason?: string;
  targetPublicationId?: string;
};

/** One workflow step (POST /api/items/:id/actions/:action) with the item's version. */
export function useItemAction() {
  return useItemWrite(({ id, action, ...body }: ActionInput) =>
    api<ItemDetail>('POST', `/api/items/${id}/actions/${action}`, body),
  );
}

export function useUploadAttachment(itemId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<ItemAttachment>('POST', `/api/items/${itemId}/attachments`, form);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: itemKey(itemId ?? '') }),
  });
}

export function useDeleteAttachment(itemId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api<unknown>('DELETE', `/api/attachments/${attachmentId}`),
    onSettled: () => qc.invalidateQueries({ queryKey: itemKey(itemId ?? '') }),
  });
}

export type CheckInput = {
  title: string;
  body: string;
  authorPhone?: string;
  itemId?: string;
  /** A follow-up (续报) is expected to resemble its first report; the duplicate check skips it. */
  followUpOfId?: string;
};

/** Runs the quality rules on text not yet saved. */
export function checkItem(input: CheckInput): Promise<{ findings: Finding[] }> {
  return api<{ findings: Finding[] }>('POST', '/api/items/check', input);
}

/** An office's name and its parent's, for confirmations that name where an item goes. */
export function useOfficeNames(orgId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['orgs', 'detail', orgId],
    queryFn: () => api<{ name: string; parentName: string | null }>('GET', `/api/orgs/${orgId}`),
    enabled: enabled && !!orgId,
    staleTime: 5 * 60_000,
  });
}
