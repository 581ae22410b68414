import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest, conflict, forbidden } from '../../../lib/errors.ts';
import { publishLive } from '../../../lib/live.ts';
import { STALE_RECORD } from '../../../lib/records.ts';
import { officeStaff, usersWithRoles } from '../../notifications/index.ts';
import { todayInChina } from '../../orgs/index.ts';
import { type InstructionRow, isStaffOf } from '../scope.ts';

export const instructionLink = (id: string) => `/instructions/${id}`;
export const instructionLabel = (row: Pick<InstructionRow, 'serial' | 'leaderName'>) =>
  `第 ${row.serial} 号批示（${row.leaderName}）`;

export function assertStaff(actor: Actor, row: InstructionRow, what: string) {
  if (!isStaffOf(actor, row)) throw forbidden(`只有${what}所属办公室的信息科才能办理`);
}

export function assertVersion(current: number, given: number) {
  if (current !== given) throw conflict(STALE_RECORD);
}

/** A date of instruction: not in the future, not absurdly old. */
export function assertInstructedOn(date: string, now: Date) {
  if (date > todayInChina(now)) throw badRequest('批示日期不能晚于今天');
  if (date < '2000-01-01') throw badRequest('批示日期不能早于 2000 年');
}

/**
 * The units an office may hand work to: its active direct members in the registry (the units
 * reporting to it, and the lower offices under it). Anything else is refused by name.
 */
export async function officeMembers(tx: Db, officeId: string, unitIds: readonly string[]) {
  const rows = await tx
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(inArray(orgs.id, [...unitIds]), eq(orgs.parentId, officeId), eq(orgs.active, true)));
  if (rows.length !== new Set(unitIds).size) throw badRequest('承办单位必须是本办公室所辖的在用单位');
  return rows;
}

/** Everyone who answers for a handling unit: its 信息员 and 签发人 (an office's editors). */
export const unitHandlers = (tx: Db, unitIds: readonly string[]) =>
  usersWithRoles(tx, unitIds, ['reporter', 'unit_signer', 'editor', 'chief_editor']);

/** Open lists of instructions refresh: the office's staff and the units concerned. */
export async function refreshLists(tx: Db, officeId: string, unitIds: readonly string[] = []) {
  const users = [...(await officeStaff(tx, officeId)), ...(await unitHandlers(tx, unitIds))];
  await publishLive(tx, users, 'instructions');
}
