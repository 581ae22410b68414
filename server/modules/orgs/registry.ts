import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dictionaryEntries, orgs } from '../../db/schema/index.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { STALE_RECORD, updateVersioned } from '../../lib/records.ts';
import type { OrgNode } from './rules.ts';

/** Data access shared by the registry's commands. */

export type OrgRow = typeof orgs.$inferSelect;
export type DictionaryName = 'unit_category' | 'assessment_group';

export const ORG_NOT_FOUND = '单位不存在';
export const STALE_VERSION = STALE_RECORD;
const DICTIONARY_NAMES: Record<DictionaryName, string> = {
  unit_category: '单位类别',
  assessment_group: '考核分组',
};

export async function findOrg(db: Db, id: string): Promise<OrgRow> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id)).limit(1);
  if (!row) throw notFound(ORG_NOT_FOUND);
  return row;
}

/** The whole tree as plain nodes. Small even for a province (≈16,000 rows of seven columns). */
export async function loadTree(db: Db): Promise<Map<string, OrgNode>> {
  const rows = await db
    .select({
      id: orgs.id,
      code: orgs.code,
      name: orgs.name,
      kind: orgs.kind,
      level: orgs.level,
      parentId: orgs.parentId,
      active: orgs.active,
    })
    .from(orgs);
  return new Map(rows.map((r) => [r.id, r]));
}

export const childrenOf = (tree: Map<string, OrgNode>, id: string): OrgNode[] => {
  const out: OrgNode[] = [];
  for (const n of tree.values()) if (n.parentId === id) out.push(n);
  return out;
};

export type DictionaryEntry = typeof dictionaryEntries.$inferSelect;

export async function loadDictionaries(db: Db): Promise<DictionaryEntry[]> {
  return db
    .select()
    .from(dictionaryEntries)
    .orderBy(dictionaryEntries.dictionary, dictionaryEntries.sortOrder, dictionaryEntries.code);
}

/** Places a new org after its siblings unless the administrator chose a position. */
export async function nextSortOrder(db: Db, parentId: string | null): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${orgs.sortOrder})` })
    .from(orgs)
    .where(parentId ? eq(orgs.parentId, parentId) : isNull(orgs.parentId));
  return Number(row?.max ?? 0) + 10;
}

/** Codes are compared without case so 'FY_CZJ' and 'fy_czj' cannot both exist. */
export async function assertCodeAvailable(db: Db, code: string, exceptId?: string): Promise<void> {
  const [row] = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(sql`lower(${orgs.code}) = ${code.toLowerCase()}`)
    .limit(1);
  if (row && row.id !== exceptId) throw conflict(`单位编码 ${code} 已被“${row.name}”使用`);
}

/**
 * A dictionary code chosen for an org must exist and be active; an inactive entry the org
 * already has may stay (it just cannot be chosen anew).
 */
export async function assertDictionaryCode(
  db: Db,
  dictionary: DictionaryName,
  code: string | null,
  current: string | null = null,
): Promise<void> {
  if (!code || code === current) return;
  const [entry] = await db
    .select({ active: dictionaryEntries.active, label: dictionaryEntries.label })
    .from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.dictionary, dictionary), eq(dictionaryEntries.code, code)))
    .limit(1);
  if (!entry) throw badRequest(`${DICTIONARY_NAMES[dictionary]}“${code}”不存在`);
  if (!entry.active) throw badRequest(`${DICTIONARY_NAMES[dictionary]}“${entry.label}”已停用，不能选择`);
}

/** Serialises changes to the tree's shape so two concurrent moves cannot close a loop. */
export async function lockTree(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('xinbao.orgs.tree'))`);
}

export { assertVersion, isUniqueViolation, uniqueOrConflict } from '../../lib/records.ts';

/** Optimistic lock: the update applies only to the version the client saw. */
export function updateOrgVersioned(
  tx: Db,
  id: string,
  version: number,
  changes: Partial<typeof orgs.$inferInsert>,
): Promise<OrgRow> {
  return updateVersioned(tx, orgs, id, version, changes);
}

/** The fields an audit diff compares (timestamps and the version are noise). */
export function auditRecord(row: OrgRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = row;
  return rest;
}
