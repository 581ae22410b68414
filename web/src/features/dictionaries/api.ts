import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { DictionaryEntry, DictionaryName } from './types.ts';

const DICTIONARIES_KEY = ['dictionaries'] as const;

/** All entries of one dictionary, inactive ones included, in display order. */
export function useDictionary(dictionary: DictionaryName) {
  return useQuery({
    queryKey: [...DICTIONARIES_KEY, dictionary],
    queryFn: () =>
      api<{ items: DictionaryEntry[] }>('GET', `/api/dictionaries?dictionary=${dictionary}`).then((r) =>
        [...r.items].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
      ),
    staleTime: 60_000,
  });
}

/**
 * Options for a Select: active entries, plus the current value when it has been deactivated
 * since, so editing an old record does not silently drop its category.
 */
export function dictionaryOptions(entries: DictionaryEntry[] | undefined, current?: string | null) {
  return (entries ?? [])
    .filter((e) => e.active || e.code === current)
    .map((e) => ({ value: e.code, label: e.active ? e.label : `${e.label}（已停用）` }));
}

export function useSaveDictionaryEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      input:
        | { id?: undefined; dictionary: DictionaryName; code: string; label: string; sortOrder: number }
        | { id: string; label?: string; sortOrder?: number; active?: boolean },
    ) => {
      if (input.id === undefined) return api<DictionaryEntry>('POST', '/api/dictionaries', input);
      const { id, ...body } = input;
      return api<DictionaryEntry>('PATCH', `/api/dictionaries/${id}`, body);
    },
    onSettled: () => {
      qc.invalidateQueries({ queryKey: DICTIONARIES_KEY });
      // Orgs carry the labels of their category and group.
      qc.invalidateQueries({ queryKey: ['orgs'] });
    },
  });
}
