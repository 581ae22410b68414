import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type { CirculationEntry } from '../issues/types.ts';
import type { CirculateInput, CirculateResult, MyCirculations, Recipient } from './types.ts';

export const CIRCULATIONS_KEY = ['circulations'] as const;
/** The reading list shows everything on one page (the server's largest). */
export const CIRCULATION_PAGE_SIZE = 200;

/** The leader's 传阅件, unread first; `unread` asks for the unread ones only. */
export function useMyCirculations(unread = false, enabled = true) {
  return useQuery({
    queryKey: [...CIRCULATIONS_KEY, 'mine', unread],
    queryFn: () =>
      api<MyCirculations>(
        'GET',
        `/api/circulations/mine?${listQueryString({ unread }, { page: 1, pageSize: CIRCULATION_PAGE_SIZE })}`,
      ),
    enabled,
    staleTime: 0,
  });
}

/** Who has received an issue or an item and when they read it (office staff). */
export function useCirculationOf(subject: { issueId?: string; itemId?: string }, enabled = true) {
  const qs = subject.issueId ? `issueId=${subject.issueId}` : `itemId=${subject.itemId}`;
  return useQuery({
    queryKey: [...CIRCULATIONS_KEY, 'of', qs],
    queryFn: () => api<CirculationEntry[]>('GET', `/api/circulations?${qs}`),
    enabled: enabled && !!(subject.issueId || subject.itemId),
    staleTime: 0,
  });
}

/** The leaders of an office who may receive 传阅件. */
export function useCirculationRecipients(officeId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...CIRCULATIONS_KEY, 'recipients', officeId],
    queryFn: () => api<Recipient[]>('GET', `/api/circulations/recipients?officeId=${officeId}`),
    enabled: enabled && !!officeId,
    staleTime: 5 * 60_000,
  });
}

export function useCirculate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CirculateInput) => api<CirculateResult>('POST', '/api/circulations', input),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: CIRCULATIONS_KEY });
      void qc.invalidateQueries({ queryKey: ['issues', 'detail'] });
    },
  });
}

/** Marks one 传阅件 read (idempotent: the first read time is kept). */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ readAt: string }>('POST', `/api/circulations/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: CIRCULATIONS_KEY }),
  });
}
