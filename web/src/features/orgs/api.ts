import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ImportResult, Org, OrgInput } from './types.ts';

/** Every query that reads the registry starts with this key, so one invalidation refreshes them all. */
export const ORGS_KEY = ['orgs'] as const;

/**
 * The whole registry, inactive units included: the tree, the parent pickers and the successor
 * names all need the full set, and a county's registry is small enough to filter in the browser.
 */
export function useOrgs(enabled = true) {
  return useQuery({
    queryKey: [...ORGS_KEY, 'all'],
    queryFn: () => api<{ items: Org[] }>('GET', '/api/orgs?includeInactive=true').then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}

/** Wraps a registry write so that, whatever it was, the lists refresh afterwards. */
function useOrgMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: ORGS_KEY }),
  });
}

export function useCreateOrg() {
  return useOrgMutation((input: OrgInput) => api<Org>('POST', '/api/orgs', input));
}

export function useUpdateOrg() {
  return useOrgMutation(({ id, ...body }: OrgInput & { id: string; version: number }) =>
    api<Org>('PATCH', `/api/orgs/${id}`, body),
  );
}

export function useMoveOrg() {
  return useOrgMutation(({ id, ...body }: { id: string; parentId: string; version: number }) =>
    api<Org>('POST', `/api/orgs/${id}/move`, body),
  );
}

export function useDeactivateOrg() {
  return useOrgMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      validTo: string;
      reason: string;
      successorId?: string;
      version: number;
    }) => api<Org>('POST', `/api/orgs/${id}/deactivate`, body),
  );
}

export function useReactivateOrg() {
  return useOrgMutation(({ id, version }: { id: string; version: number }) =>
    api<Org>('POST', `/api/orgs/${id}/reactivate`, { version }),
  );
}

export function useImportOrgs() {
  return useOrgMutation((file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<ImportResult>('POST', '/api/orgs/import', form);
  });
}
