import { childrenIndex } from './tree.ts';
import type { Org, OrgKind } from './types.ts';

/** The table's filters, all kept in the page's query string. */
export type OrgFilters = {
  /** Show the children of this office only; null for the whole registry. */
  parentId: string | null;
  q: string;
  kind: OrgKind | null;
  category: string | null;
  group: string | null;
  status: 'active' | 'inactive' | null;
  showInactive: boolean;
};

/** The registry read top-down like the tree: each office followed by what sits under it. */
export function treeOrder(orgs: Org[]): Org[] {
  const index = childrenIndex(orgs);
  const result: Org[] = [];
  const walk = (key: string) => {
    for (const org of index.get(key) ?? []) {
      result.push(org);
      walk(org.id);
    }
  };
  walk('');
  return result;
}

/** The rows of the table for these filters, in tree order (`ordered` comes from treeOrder). */
export function filterOrgs(ordered: Org[], f: OrgFilters): Org[] {
  const q = f.q.trim().toLowerCase();
  return ordered.filter(
    (o) =>
      (f.parentId === null || o.parentId === f.parentId) &&
      (f.showInactive || o.active) &&
      (!q || [o.name, o.shortName, o.code].some((s) => s.toLowerCase().includes(q))) &&
      (!f.kind || o.kind === f.kind) &&
      (!f.category || o.categoryCode === f.category) &&
      (!f.group || o.groupCode === f.group) &&
      (!f.status || (f.status === 'active') === o.active),
  );
}

/** The offices on the way from the root down to an org: they must be open to show it. */
export function ancestorIds(orgs: Org[], id: string | null): string[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const result: string[] = [];
  let current = id ? byId.get(id) : undefined;
  const seen = new Set<string>();
  while (current?.parentId && !seen.has(current.parentId)) {
    seen.add(current.parentId);
    result.push(current.parentId);
    current = byId.get(current.parentId);
  }
  return result;
}
