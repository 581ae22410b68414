/**
 * The URL state of a list page, typed: each page names its filters once as a spec of parsers,
 * and the kit reads them from the query string (ignoring values the server would refuse), writes
 * changes back (a new filter returns to page 1) and builds the API's query string from the same
 * values — for the list and for its Excel export alike.
 */

/** Reads one query-string value; `null` when the URL does not carry it. */
export type Parser<T> = (raw: string | null) => T;
export type ParamSpec = Record<string, Parser<unknown>>;
export type ParamValues<S extends ParamSpec> = { [K in keyof S]: ReturnType<S[K]> };

/** Free text, trimmed; blank is no filter. */
export const text = (): Parser<string | undefined> => (raw) => raw?.trim() || undefined;

/** One of a closed set (a status, a sort key); anything else is no filter. */
export const oneOf =
  <V extends string>(values: readonly V[]): Parser<V | undefined> =>
  (raw) =>
    raw !== null && (values as readonly string[]).includes(raw) ? (raw as V) : undefined;

/** One of a closed set with a default (a tab that is always open). */
export const oneOfOr =
  <V extends string>(values: readonly V[], fallback: V): Parser<V> =>
  (raw) =>
    oneOf(values)(raw) ?? fallback;

/** A switch: `true` when the URL says so, otherwise off. */
export const flag = (): Parser<true | undefined> => (raw) => (raw === 'true' ? true : undefined);

/** A whole number within [min, max], else `fallback`. */
export const int =
  <F extends number | undefined = undefined>(min: number, max: number, fallback?: F): Parser<number | F> =>
  (raw) => {
    const n = Number(raw);
    return raw !== null && raw !== '' && Number.isInteger(n) && n >= min && n <= max ? n : (fallback as F);
  };

export function parseParams<S extends ParamSpec>(spec: S, params: URLSearchParams): ParamValues<S> {
  return Object.fromEntries(
    Object.entries(spec).map(([k, parse]) => [k, parse(params.get(k))]),
  ) as ParamValues<S>;
}

/** The page in the URL: 1 when absent or nonsense. */
export function pageOf(params: URLSearchParams): number {
  return Math.max(1, Math.floor(Number(params.get('page'))) || 1);
}

export type ParamChanges = Record<string, string | undefined>;

/**
 * The query string after `changes` (an empty value removes the key). Unless the page itself
 * changes or `keepPage` says so, the page goes back to 1; a value equal to its default is left
 * out, so the plain view keeps a plain URL.
 */
export function nextParams(
  params: URLSearchParams,
  changes: ParamChanges,
  opts: { keepPage?: boolean; defaults?: Record<string, string> } = {},
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v && v !== opts.defaults?.[k]) next.set(k, v);
    else next.delete(k);
  }
  if (!opts.keepPage && !('page' in changes)) next.delete('page');
  if (next.get('page') === '1') next.delete('page');
  return next;
}

type QueryValue = string | number | boolean | null | undefined;

/**
 * The API query string of a list's filters (empty, `false` and unset values dropped) and, for
 * the list itself, its page. The export sends the same filters without the page.
 */
export function listQueryString(
  filters: Record<string, QueryValue>,
  paging?: { page: number; pageSize: number },
): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, String(v));
  }
  if (paging) {
    qs.set('page', String(paging.page));
    qs.set('pageSize', String(paging.pageSize));
  }
  return qs.toString();
}

/** Whether any of `keys` narrows the list (to word the empty state). */
export function hasAny(values: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.some((k) => values[k] !== undefined && values[k] !== '');
}

/** Changes that clear `keys` (the 清除条件 button). */
export function cleared(keys: readonly string[]): ParamChanges {
  return Object.fromEntries(keys.map((k) => [k, undefined]));
}
