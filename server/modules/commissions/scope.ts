import { and, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { commissions, commissionTargets } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { staffOfficeIds } from '../circulation/index.ts';

/**
 * Who reads a commission: the 信息科 of the office that wrote it (all of it, drafts included); a
 * unit it was sent to (once issued: the notice, and only that unit's own answer). A lower office
 * can itself be a target of the office above: its editors answer for it. Leaders and
 * administrators see none.
 */
export type CommissionReader = { staffOfficeIds: string[]; unitIds: string[] };

export function readerOf(actor: Actor): CommissionReader {
  const unitRole = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  const staff = staffOfficeIds(actor);
  const unitIds = new Set([...(unitRole ? actor.units.map((u) => u.id) : []), ...staff]);
  return { staffOfficeIds: staff, unitIds: [...unitIds] };
}

/** Targets the reader answers for, as an SQL condition on `commission_targets`. */
export const ownTargets = (r: CommissionReader): SQL =>
  r.unitIds.length ? inArray(commissionTargets.unitId, r.unitIds) : sql`false`;

export function commissionScope(r: CommissionReader): SQL {
  const parts: SQL[] = [];
  if (r.staffOfficeIds.length) parts.push(inArray(commissions.officeId, r.staffOfficeIds));
  if (r.unitIds.length) {
    parts.push(
      and(
        isNotNull(commissions.issuedAt),
        sql`exists (select 1 from ${commissionTargets} where ${and(
          eq(commissionTargets.commissionId, commissions.id),
          ownTargets(r),
        )})`,
      ) as SQL,
    );
  }
  return or(...parts) ?? sql`false`;
}

export type CommissionRow = typeof commissions.$inferSelect;
export type TargetRow = typeof commissionTargets.$inferSelect;

export const NOT_FOUND = '约稿不存在或您无权查看';

/** The commission if the caller may read it (404 otherwise — nobody learns it exists). */
export async function findCommission(
  tx: Db,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<CommissionRow> {
  const q = tx
    .select()
    .from(commissions)
    .where(and(eq(commissions.id, id), commissionScope(readerOf(actor))));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

/** Whether the caller works in the 信息科 of the office that wrote the commission. */
export const isStaffOf = (actor: Actor, row: Pick<CommissionRow, 'officeId'>) =>
  readerOf(actor).staffOfficeIds.includes(row.officeId);
