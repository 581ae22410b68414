import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Publication, PublicationFields, PublicationSummary } from './types.ts';

const KEY = ['publications'] as const;

/** The caller's office's publications, stopped ones included (the list holds only the pick-list fields). */
export function useOwnPublications() {
  return useQuery({
    queryKey: [...KEY, 'list', 'own'],
    queryFn: () => api<PublicationSummary[]>('GET', '/api/publications?scope=own&includeInactive=true'),
  });
}

/**
 * The full definitions behind a list of ids: the list lacks numbering, print count, sample
 * label, status and actions, which only the detail carries.
 */
export function usePublicationDetails(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: [...KEY, 'detail', id],
      queryFn: () => api<Publication>('GET', `/api/publications/${id}`),
    })),
  });
}

function useRefreshAfter() {
  const qc = useQueryClient();
  return (saved?: Publication) => {
    if (saved) qc.setQueryData([...KEY, 'detail', saved.id], saved);
    void qc.invalidateQueries({ queryKey: KEY });
  };
}

export function useSavePublication() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (
      input:
        | { id?: undefined; officeId: string; fields: PublicationFields }
        | { id: string; version: number; fields: PublicationFields },
    ) =>
      input.id === undefined
        ? api<Publication>('POST', '/api/publications', { officeId: input.officeId, ...input.fields })
        : api<Publication>('PATCH', `/api/publications/${input.id}`, {
            ...input.fields,
            version: input.version,
          }),
    onSuccess: (saved) => refresh(saved),
    onError: () => refresh(),
  });
}

export function useSetPublicationActive() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ pub, active }: { pub: Publication; active: boolean }) =>
      api<Publication>('POST', `/api/publications/${pub.id}/${active ? 'activate' : 'deactivate'}`, {
        version: pub.version,
      }),
    onSuccess: (saved) => refresh(saved),
    onError: () => refresh(),
  });
}
