import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { dictionaryEntries, orgs } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { netFieldsVisible, orgActions } from './policy.ts';
import type { OrgView } from './schemas.ts';

const parent = alias(orgs, 'parent');
const successor = alias(orgs, 'successor');
const category = alias(dictionaryEntries, 'category');
const group = alias(dictionaryEntries, 'assessment_group');

/**
 * A sensitive column, read only where the caller's registry scope allows; NULL elsewhere.
 * (Both drivers hand DATE values over as 'YYYY-MM-DD' strings.)
 */
const guarded = (visible: SQL, column: PgColumn) =>
  sql<string | null>`case when ${visible} then ${column} end`;

/**
 * Registry entries as the caller may see them: labels and names resolved, network-access
 * fields masked by the data scope inside the query, and the caller's actions attached.
 */
export async function selectOrgViews(db: Db, actor: Actor, where?: SQL): Promise<OrgView[]> {
  const visible = netFieldsVisible(actor);
  const rows = await db
    .select({
      id: orgs.id,
      code: orgs.code,
      name: orgs.name,
      shortName: orgs.shortName,
      kind: orgs.kind,
      level: orgs.level,
      sectionName: orgs.sectionName,
      categoryCode: orgs.categoryCode,
      categoryLabel: category.label,
      groupCode: orgs.groupCode,
      groupLabel: group.label,
      parentId: orgs.parentId,
      parentName: parent.name,
      sortOrder: orgs.sortOrder,
      contactPerson: orgs.contactPerson,
      contactPhone: orgs.contactPhone,
      contactEmail: orgs.contactEmail,
      address: orgs.address,
      netAccessDate: guarded(visible, orgs.netAccessDate),
      netAccessMethod: guarded(visible, orgs.netAccessMethod),
      netIpRange: guarded(visible, orgs.netIpRange),
      netFilingNo: guarded(visible, orgs.netFilingNo),
      active: orgs.active,
      validFrom: orgs.validFrom,
      validTo: orgs.validTo,
      deactivationReason: orgs.deactivationReason,
      successorId: orgs.successorId,
      successorName: successor.name,
      note: orgs.note,
      version: orgs.version,
    })
    .from(orgs)
    .leftJoin(parent, eq(parent.id, orgs.parentId))
    .leftJoin(successor, eq(successor.id, orgs.successorId))
    .leftJoin(category, and(eq(category.dictionary, 'unit_category'), eq(category.code, orgs.categoryCode)))
    .leftJoin(group, and(eq(group.dictionary, 'assessment_group'), eq(group.code, orgs.groupCode)))
    .where(where);
  return rows.map((r) => ({ ...r, actions: orgActions(actor, r) }));
}

/**
 * Orders a flat list depth-first (siblings by sort order, then code) so a client can render it
 * as a tree as-is. Entries whose parent is not in the list start their own branch.
 */
export function treeOrder<T extends { id: string; parentId: string | null; sortOrder: number; code: string }>(
  list: readonly T[],
): T[] {
  const ids = new Set(list.map((o) => o.id));
  const byParent = new Map<string | null, T[]>();
  for (const o of list) {
    const key = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    const siblings = byParent.get(key);
    if (siblings) siblings.push(o);
    else byParent.set(key, [o]);
  }
  const compare = (a: T, b: T) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (parentId: string | null) => {
    for (const o of (byParent.get(parentId) ?? []).sort(compare)) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push(o);
      visit(o.id);
    }
  };
  visit(null);
  // Defensive: a loop in stored data would otherwise hide its members.
  for (const o of list) if (!seen.has(o.id)) out.push(o);
  return out;
}
