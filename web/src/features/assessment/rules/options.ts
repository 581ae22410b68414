import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../../api/client.ts';
import { useDictionary } from '../../dictionaries/api.ts';
import { useItemCategories } from '../../items/api.ts';
import { useOrgs } from '../../orgs/api.ts';

/** GET /api/publications with includeInactive (刊物设置 shape). */
export type RulePublication = {
  id: string;
  officeId: string;
  officeName: string;
  name: string;
  kind: string;
  active: boolean;
};

/**
 * The publications a 考核办法 may name: the office's own and those of the offices above it
 * (the server checks the same set). Stopped ones are listed too, so a rule that names one
 * still shows its name; they cannot be picked anew.
 */
export function useRulePublications() {
  const own = useQuery({
    queryKey: ['publications', 'own', 'withInactive'],
    queryFn: () => api<RulePublication[]>('GET', '/api/publications?scope=own&includeInactive=true'),
    staleTime: 60_000,
  });
  const upper = useQuery({
    queryKey: ['publications', 'upper', 'withInactive'],
    queryFn: () => api<RulePublication[]>('GET', '/api/publications?scope=upper&includeInactive=true'),
    staleTime: 60_000,
  });
  return {
    own: own.data,
    all: own.data && upper.data ? [...own.data, ...upper.data] : undefined,
    isPending: own.isPending || upper.isPending,
    error: own.error ?? upper.error,
  };
}

export type Option = { value: string; label: string; inactive?: boolean };
export type GroupedOptions = { label: string; options: Option[] }[];

/** Publication options grouped by the issuing office (吕梁…, 山西…). */
export function publicationOptions(pubs: RulePublication[] | undefined): GroupedOptions {
  const groups = new Map<string, { label: string; options: Option[] }>();
  for (const p of pubs ?? []) {
    const g = groups.get(p.officeId) ?? { label: p.officeName, options: [] };
    g.options.push({ value: p.id, label: p.active ? p.name : `${p.name}（已停用）`, inactive: !p.active });
    groups.set(p.officeId, g);
  }
  return [...groups.values()];
}

/** The offices whose publications may adopt (the office and those above it): 采用机关. */
export function adopterOfficeOptions(pubs: RulePublication[] | undefined): Option[] {
  const offices = new Map<string, string>();
  for (const p of pubs ?? []) offices.set(p.officeId, p.officeName);
  return [...offices].map(([value, label]) => ({ value, label }));
}

const entryOptions = (entries: { code: string; label: string; active: boolean }[] | undefined): Option[] =>
  (entries ?? []).map((e) => ({
    value: e.code,
    label: e.active ? e.label : `${e.label}（已停用）`,
    inactive: !e.active,
  }));

/** The dictionaries a rule set names: 考核分组, 单位类别, 信息类别. */
export function useRuleDictionaries() {
  const groups = useDictionary('assessment_group');
  const categories = useDictionary('unit_category');
  const items = useItemCategories();
  return useMemo(
    () => ({
      assessmentGroups: groups.data,
      unitGroupOptions: entryOptions(groups.data),
      unitCategoryOptions: entryOptions(categories.data),
      itemCategoryOptions: entryOptions(items.data),
      isPending: groups.isPending || categories.isPending || items.isPending,
    }),
    [groups.data, categories.data, items.data, groups.isPending, categories.isPending, items.isPending],
  );
}

/** Whether the office has lower offices among its members (a 下级政府办公室 group makes sense). */
export function useHasLowerOffices(officeId: string | undefined) {
  const orgs = useOrgs(Boolean(officeId));
  return {
    value: Boolean(orgs.data?.some((o) => o.parentId === officeId && o.kind === 'office' && o.active)),
    isPending: orgs.isPending,
  };
}
