import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs } from '../../../db/schema/index.ts';
import { badRequest } from '../../../lib/errors.ts';

/**
 * Checks a user's unit list: no duplicates, the primary among them, every newly added unit
 * active (a unit the user already belongs to may have closed since and stays allowed).
 * Returns the units' names for the audit diff.
 */
export async function checkUnits(
  db: Db,
  unitIds: string[],
  primaryUnitId: string,
  alreadyMember: readonly string[] = [],
): Promise<Map<string, string>> {
  if (new Set(unitIds).size !== unitIds.length) throw badRequest('所属单位有重复');
  if (!unitIds.includes(primaryUnitId)) throw badRequest('主单位必须是所属单位之一');
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, active: orgs.active })
    .from(orgs)
    .where(inArray(orgs.id, unitIds));
  const usable = rows.filter((r) => r.active || alreadyMember.includes(r.id));
  if (usable.length !== unitIds.length) throw badRequest('所属单位不存在或已停用');
  return new Map(unitIds.map((id) => [id, rows.find((r) => r.id === id)!.name]));
}

/** The primary unit first, then the others, as names: how the audit log shows membership. */
export function unitNames(names: Map<string, string>, unitIds: string[], primaryUnitId: string): string[] {
  return [primaryUnitId, ...unitIds.filter((id) => id !== primaryUnitId)].map((id) => names.get(id) ?? id);
}
