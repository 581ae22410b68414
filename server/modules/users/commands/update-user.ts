import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { userUnits } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { authorizeUserAction } from '../policy.ts';
import { loadUserState } from '../queries/get-user.ts';
import { loadMemberships } from '../queries/present-users.ts';
import { updateUserRow } from './bump-version.ts';
import { checkUnits, unitNames } from './units.ts';

export type UpdateUserInput = {
  displayName?: string;
  phone?: string | null;
  email?: string | null;
  unitIds?: string[];
  primaryUnitId?: string;
  version: number;
};

/** Edits an account's name, contacts and units (not its roles, password or state). */
export async function updateUser(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  audit: AuditContext,
): Promise<void> {
  const { user, state } = await loadUserState(ctx.db, id);
  authorizeUserAction(actor, state, 'update');
  const current = (await loadMemberships(ctx.db, [id])).units.get(id) ?? [];
  const currentIds = current.map((u) => u.id);
  const currentPrimary = current.find((u) => u.isPrimary)?.id ?? currentIds[0];
  const unitIds = input.unitIds ?? currentIds;
  const primaryUnitId =
    input.primaryUnitId ?? (currentPrimary && unitIds.includes(currentPrimary) ? currentPrimary : unitIds[0]);
  const names = await checkUnits(ctx.db, unitIds, primaryUnitId, currentIds);
  const unitsChanged =
    primaryUnitId !== currentPrimary ||
    unitIds.length !== currentIds.length ||
    unitIds.some((u) => !currentIds.includes(u));

  const next = {
    displayName: input.displayName ?? user.displayName,
    phone: input.phone === undefined ? user.phone : input.phone || null,
    email: input.email === undefined ? user.email : input.email || null,
  };
  const before = {
    ...user,
    units: current.map((u) => u.name),
  };
  const after = { ...next, units: unitNames(names, unitIds, primaryUnitId) };
  const diff = diffRecords(before, after);

  await ctx.db.transaction(async (tx) => {
    await updateUserRow(tx, id, next, input.version);
    if (unitsChanged) {
      await tx.delete(userUnits).where(eq(userUnits.userId, id));
      await tx
        .insert(userUnits)
        .values(unitIds.map((orgId) => ({ userId: id, orgId, isPrimary: orgId === primaryUnitId })));
    }
    if (Object.keys(diff).length > 0) {
      await recordAudit(tx, audit, {
        action: 'user.updated',
        targetType: 'user',
        targetId: id,
        targetLabel: user.username,
        diff,
      });
    }
  });
}
