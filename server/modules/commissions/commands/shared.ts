import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { commissions, commissionTargets, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { Clock } from '../../../lib/clock.ts';
import { AppError, badRequest, conflict, forbidden } from '../../../lib/errors.ts';
import { publishLive } from '../../../lib/live.ts';
import { officeStaff, usersWithRoles } from '../../notifications/index.ts';
import {
  type CommissionAction,
  type CommissionFacts,
  type CommissionTransition,
  commissionMachine,
} from '../machine.ts';
import { type CommissionRow, readerOf } from '../scope.ts';
import { indexCommissions } from '../search-index.ts';

export const STALE_COMMISSION = '该约稿通知已被他人修改，请刷新后重试（您本次的修改尚未保存）';

export const commissionLink = (id: string) => `/commissions/${id}`;

/** 关于报送××信息的约稿通知 (the topic's own 信息 is not doubled). */
export const noticeTitle = (topic: string) =>
  `关于报送${topic}${/信息$/.test(topic) ? '' : '有关信息'}的约稿通知`;

/** How the audit log names a commission: its number once issued, else its topic. */
export const commissionLabel = (row: Pick<CommissionRow, 'topic' | 'year' | 'number'>) =>
  row.number ? `约稿〔${row.year}〕${row.number}号 ${row.topic}` : `约稿（草稿）${row.topic}`;

/** Role and relation 403, then status 409 — the machine's one order. */
export function checkCommission(
  actor: Actor,
  row: CommissionFacts,
  action: CommissionAction,
): CommissionTransition {
  const reader = readerOf(actor);
  const result = commissionMachine.check(action, row, {
    roles: actor.roles,
    staffOfficeIds: reader.staffOfficeIds,
  });
  if (!result.ok) {
    throw result.refusal.status === 403
      ? forbidden(result.refusal.message)
      : conflict(result.refusal.message);
  }
  return result.transition;
}

export function assertVersion(row: { version: number }, given: number) {
  if (row.version !== given) throw conflict(STALE_COMMISSION, { currentVersion: row.version });
}

export function assertFuture(deadline: Date, now: Date) {
  if (deadline.getTime() <= now.getTime()) throw badRequest('报送截止时间已过，请重新填写截止时间');
}

/**
 * Every change of a commission moves its version (optimistic locking for the next writer) and
 * rewrites its search index row.
 */
export async function bump(
  tx: Db,
  row: CommissionRow,
  values: Partial<typeof commissions.$inferInsert>,
  clock: Clock,
): Promise<CommissionRow> {
  const [after] = await tx
    .update(commissions)
    .set({ ...values, version: sql`${commissions.version} + 1`, updatedAt: clock.now() })
    .where(and(eq(commissions.id, row.id), eq(commissions.version, row.version)))
    .returning();
  if (!after) throw conflict(STALE_COMMISSION);
  // Every edit passes here: the search index follows the topic and requirements.
  await indexCommissions(tx, [after.id]);
  return after;
}

/**
 * The units a commission goes to: the units named and the members of the groups named, all of
 * them active direct members of the office (the units reporting to it and the offices under it).
 * A unit named that is not one is refused; an empty group is refused by its code.
 */
export async function resolveTargets(
  tx: Db,
  officeId: string,
  input: { unitIds?: readonly string[]; groupCodes?: readonly string[] },
): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(input.unitIds ?? [])];
  const groups = [...new Set(input.groupCodes ?? [])];
  if (ids.length === 0 && groups.length === 0) return [];
  const members = and(eq(orgs.parentId, officeId), eq(orgs.active, true));
  const rows = await tx
    .select({ id: orgs.id, name: orgs.name, groupCode: orgs.groupCode })
    .from(orgs)
    .where(
      and(
        members,
        or(
          ids.length ? inArray(orgs.id, ids) : sql`false`,
          groups.length ? inArray(orgs.groupCode, groups) : sql`false`,
        ),
      ),
    )
    .orderBy(orgs.sortOrder, orgs.name);
  const found = new Set(rows.map((r) => r.id));
  if (ids.some((id) => !found.has(id))) throw badRequest('约稿单位必须是本办公室所辖的在用单位');
  const empty = groups.find((g) => !rows.some((r) => r.groupCode === g));
  if (empty) throw badRequest(`分组“${empty}”下没有本办公室所辖的在用单位`);
  return rows.map(({ id, name }) => ({ id, name }));
}

/** Replaces the targets of a draft (nothing has been read or answered yet). */
export async function replaceTargets(tx: Db, commissionId: string, units: readonly { id: string }[]) {
  await tx.delete(commissionTargets).where(eq(commissionTargets.commissionId, commissionId));
  if (units.length) {
    await tx.insert(commissionTargets).values(units.map((u) => ({ commissionId, unitId: u.id })));
  }
}

export async function targetUnitIds(tx: Db, commissionId: string): Promise<string[]> {
  return (
    await tx
      .select({ unitId: commissionTargets.unitId })
      .from(commissionTargets)
      .where(eq(commissionTargets.commissionId, commissionId))
  ).map((r) => r.unitId);
}

/** Everyone who answers for a target unit: its 信息员 and 签发人 (an office's editors). */
export const unitHandlers = (tx: Db, unitIds: readonly string[]) =>
  usersWithRoles(tx, unitIds, ['reporter', 'unit_signer', 'editor', 'chief_editor']);

/** Open lists of commissions refresh: the office's 信息科 and, once issued, the target units. */
export async function refreshLists(tx: Db, officeId: string, unitIds: readonly string[] = []) {
  const users = [...(await officeStaff(tx, officeId)), ...(await unitHandlers(tx, unitIds))];
  await publishLive(tx, users, 'commissions');
}

export const reasonRequired = (what: string) => new AppError(400, 'REASON_REQUIRED', `请填写${what}`);
