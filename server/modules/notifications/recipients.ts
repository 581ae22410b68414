import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Role, userRoles, users, userUnits } from '../../db/schema/index.ts';

/**
 * Who hears about what: the active accounts holding one of `roles` in one of `unitIds` (a unit's
 * 信息员 and 签发人, an office's editors). Role grants still pending give no notifications, as they
 * give no access.
 */
export async function usersWithRoles(
  tx: Db,
  unitIds: readonly string[],
  roles: readonly Role[],
): Promise<string[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(users.active, true),
        inArray(userUnits.orgId, [...unitIds]),
        inArray(userRoles.role, [...roles]),
      ),
    );
  return rows.map((r) => r.id);
}

/** The office's 信息科: editors and chief editors. */
export const officeStaff = (tx: Db, officeId: string) =>
  usersWithRoles(tx, [officeId], ['editor', 'chief_editor']);

/** A unit's information staff: its 信息员 and 签发人. */
export const unitStaff = (tx: Db, unitIds: readonly string[]) =>
  usersWithRoles(tx, unitIds, ['reporter', 'unit_signer']);
