import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type { PortalEntry, PortalPage, PortalQueueStatus } from './types.ts';

export const PORTAL_KEY = ['portal-queue'] as const;

export const PORTAL_PAGE_SIZE = 20;

/** One page of the queue under a status filter, with the per-status counts. */
export function usePortalQueue(status: PortalQueueStatus | undefined, page: number) {
  const qs = listQueryString({ status }, { page, pageSize: PORTAL_PAGE_SIZE });
  return useQuery({
    queryKey: [...PORTAL_KEY, status ?? 'all', page],
    queryFn: () => api<PortalPage>('GET', `/api/portal-queue?${qs}`),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Queues a published public item for the government website. */
export function useQueueForPortal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => api<PortalEntry>('POST', '/api/portal-queue', { itemId }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: PORTAL_KEY });
      void qc.invalidateQueries({ queryKey: ['items'] });
    },
  });
}

export function useWithdrawPortal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason, version }: { id: number; reason: string; version: number }) =>
      api<PortalEntry>('POST', `/api/portal-queue/${id}/withdraw`, { reason, version }),
    onSettled: () => qc.invalidateQueries({ queryKey: PORTAL_KEY }),
  });
}
