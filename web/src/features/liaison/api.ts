import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** The shapes of server/modules/liaison/schemas.ts as JSON (dates are strings). */
export type Filing = {
  id: string;
  unitId: string;
  year: number;
  leaderName: string;
  leaderTitle: string;
  leaderPhone: string;
  reporterName: string;
  reporterTitle: string | null;
  reporterPhone: string;
  reporterMobile: string | null;
  reporterEmail: string | null;
  filedByName: string;
  filedAt: string;
  updatedAt: string;
  lastChangedByName: string;
  version: number;
};

export type FilingInput = Omit<
  Filing,
  'id' | 'unitId' | 'year' | 'filedByName' | 'filedAt' | 'updatedAt' | 'lastChangedByName' | 'version'
> & { version?: number };

type UnitRef = { id: string; name: string; shortName: string };
type OrgRef = { id: string; name: string };

export type RegistryRow = {
  unit: UnitRef;
  status: 'filed' | 'missing';
  statusLabel: string;
  filing: Filing | null;
  /** Why the filing looks out of date (its 信息员 is no longer the unit's), or null. */
  outdated: string | null;
};

export type Registry = {
  year: number;
  offices: {
    office: OrgRef;
    total: number;
    filed: number;
    missing: number;
    outdated: number;
    units: RegistryRow[];
    missingUnits: UnitRef[];
  }[];
  own: { unit: UnitRef; office: OrgRef; filing: Filing | null; actions: string[] }[];
};

export type Revision = {
  version: number;
  changedByName: string;
  changedAt: string;
  data: Record<string, string | null>;
  changes: { field: string; label: string; before: string | null; after: string | null }[];
};

export const LIAISON_KEY = ['liaison'] as const;

export function useRegistry(year: number, status?: 'filed' | 'missing') {
  const qs = new URLSearchParams({ year: String(year) });
  if (status) qs.set('status', status);
  return useQuery({
    queryKey: [...LIAISON_KEY, 'registry', year, status ?? null],
    queryFn: () => api<Registry>('GET', `/api/liaison?${qs}`),
    placeholderData: keepPreviousData,
  });
}

export function useRevisions(unitId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'revisions', unitId, year],
    queryFn: () =>
      api<{ unit: UnitRef; year: number; revisions: Revision[] }>(
        'GET',
        `/api/liaison/${unitId}/${year}/revisions`,
      ),
    enabled: !!unitId,
  });
}

export function useFileLiaison() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, input }: { unitId: string; year: number; input: FilingInput }) =>
      api<{ filing: Filing; changed: boolean }>('PUT', `/api/liaison/${unitId}/${year}`, input),
    onSettled: () => qc.invalidateQueries({ queryKey: LIAISON_KEY }),
  });
}

export const exportUrl = (year: number, officeId?: string) =>
  `/api/liaison/export.xlsx?year=${year}${officeId ? `&officeId=${officeId}` : ''}`;
