import type { Org } from './types.ts';

/** Registry order: the configured sort order first, then the code, so siblings never jump around. */
export function compareOrgs(a: Org, b: Org): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}

/** Children per parent id ('' for the roots, including orgs whose parent is not in the list). */
export function childrenIndex(orgs: Org[]): Map<string, Org[]> {
  const ids = new Set(orgs.map((o) => o.id));
  const index = new Map<string, Org[]>();
  for (const org of orgs) {
    const key = org.parentId && ids.has(org.parentId) ? org.parentId : '';
    const list = index.get(key);
    if (list) list.push(org);
    else index.set(key, [org]);
  }
  for (const list of index.values()) list.sort(compareOrgs);
  return index;
}

/** The ids of an org's whole subtree, itself included: a parent may not be moved under them. */
export function subtreeIds(orgs: Org[], id: string): Set<string> {
  const index = childrenIndex(orgs);
  const result = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    const current = stack.pop()!;
    for (const child of index.get(current) ?? []) {
      if (!result.has(child.id)) {
        result.add(child.id);
        stack.push(child.id);
      }
    }
  }
  return result;
}

export type OrgTreeNode<T> = T & { key: string; value: string; org: Org; children?: OrgTreeNode<T>[] };

/**
 * Builds a nested tree (for Tree and TreeSelect) from the flat list. `keep` decides which orgs
 * appear; a kept org under a dropped parent is lifted to its nearest kept ancestor's level.
 */
export function buildTree<T>(
  orgs: Org[],
  keep: (org: Org) => boolean,
  decorate: (org: Org) => T,
): OrgTreeNode<T>[] {
  const index = childrenIndex(orgs);
  const walk = (parentKey: string): OrgTreeNode<T>[] =>
    (index.get(parentKey) ?? []).flatMap((org) => {
      const children = walk(org.id);
      if (!keep(org)) return children;
      const node: OrgTreeNode<T> = { ...decorate(org), key: org.id, value: org.id, org };
      if (children.length) node.children = children;
      return [node];
    });
  return walk('');
}
