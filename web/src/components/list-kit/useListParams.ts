import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  nextParams,
  type ParamChanges,
  type ParamSpec,
  type ParamValues,
  pageOf,
  parseParams,
} from './listParams.ts';

/**
 * A list page's filters and page, kept in the URL so a filtered view can be bookmarked, sent on
 * or linked from a to-do. `spec` is a module-level constant of parsers (see listParams.ts);
 * `defaults` are values left out of the URL (the current year, the tab that opens first).
 */
export function useListParams<S extends ParamSpec>(spec: S, defaults?: Record<string, string>) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseParams(spec, params), [spec, params]);
  const page = pageOf(params);
  const update = (changes: ParamChanges, keepPage = false) =>
    setParams(nextParams(params, changes, { keepPage, defaults }), { replace: true });
  const setPage = (p: number) => update({ page: p > 1 ? String(p) : undefined });
  return { params, filters: filters as ParamValues<S>, page, update, setPage };
}
