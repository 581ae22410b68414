import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentAdjustments, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { notify, unitStaff, usersWithRoles } from '../../notifications/index.ts';
import { readerOf } from '../access.ts';
import { formatAmount } from '../engine/decimal.ts';

export type AdjustmentRow = typeof assessmentAdjustments.$inferSelect;

/** Only the office's 信息科 registers and revokes its 加减分. */
export function assertCanManage(actor: Actor, officeId: string): void {
  if (!readerOf(actor).staff.includes(officeId)) throw forbidden('只有本办公室信息科才能登记或撤销加减分');
}

/** The registration, locked for the caller's change; 404 when it does not exist. */
export async function findAdjustment(tx: Db, id: string): Promise<AdjustmentRow> {
  const [row] = await tx
    .select()
    .from(assessmentAdjustments)
    .where(eq(assessmentAdjustments.id, id))
    .for('update');
  if (!row) throw notFound('加减分登记不存在');
  return row;
}

/** "加2分" / "减0.5分". */
export const signedPoints = (points: number) =>
  `${points < 0 ? '减' : '加'}${formatAmount(Math.abs(points))}分`;

/** The unit hears of it: a unit's 信息员 and 签发人, or a lower office's 信息科. */
export async function notifyUnit(
  tx: Db,
  row: AdjustmentRow,
  what: { title: string; body: string },
  at: Date,
): Promise<void> {
  const [unit] = await tx.select({ kind: orgs.kind }).from(orgs).where(eq(orgs.id, row.unitId));
  const userIds =
    unit?.kind === 'office'
      ? await usersWithRoles(tx, [row.unitId], ['editor', 'chief_editor'])
      : await unitStaff(tx, [row.unitId]);
  await notify(tx, {
    userIds,
    officeId: row.officeId,
    kind: 'assessment_adjusted',
    title: what.title,
    body: what.body,
    link: `/assessment/adjustments?officeId=${row.officeId}`,
    subject: { type: 'assessment_adjustment', id: row.id },
    at,
  });
}
