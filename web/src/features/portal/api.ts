import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { PortalEntry, PortalQueueStatus } from './types.ts';

export const PORTAL_KEY = ['portal-queue'] as const;

export function usePortalQueue(status: PortalQueueStatus | undefined) {
  return useQuery({
    queryKey: [...PORTAL_KEY, status ?? 'all'],
    queryFn: () =>
      api<{ items: PortalEntry[] }>('GET', `/api/portal-queue${status ? `?status=${status}` : ''}`).then(
        (r) => r.items,
      ),
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
