import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { meetings, orgs } from '../../../db/schema/index.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/xlsx.ts';
import { notify, usersWithRoles } from '../../notifications/index.ts';
import { KIND_LABELS } from '../labels.ts';
import { meetingLink } from '../present.ts';
import type { MeetingRow } from '../scope.ts';
import { indexMeetings } from '../search-index.ts';

/**
 * The units an office may invite: its active direct members in the registry (the units reporting
 * to it, and the lower offices under it). `keep` are units already invited, accepted even if
 * deactivated since. Anything else is refused.
 */
export async function invitableUnits(
  tx: Db,
  officeId: string,
  unitIds: readonly string[],
  keep: readonly string[] = [],
) {
  if (new Set(unitIds).size !== unitIds.length) throw badRequest('同一单位重复选择');
  const fresh = unitIds.filter((id) => !keep.includes(id));
  if (fresh.length === 0) return;
  const rows = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(inArray(orgs.id, fresh), eq(orgs.parentId, officeId), eq(orgs.active, true)));
  if (rows.length !== fresh.length) throw badRequest('参会单位必须是本办公室所辖的在用单位');
}

/** Everyone who hears for an invited unit: its 信息员 and 签发人 (a lower office's editors). */
export const unitHandlers = (tx: Db, unitIds: readonly string[]) =>
  usersWithRoles(tx, unitIds, ['reporter', 'unit_signer', 'editor', 'chief_editor']);

/** When and where, as the notice says it: `2026-03-10 09:00，市政府三楼会议室`. */
export const whenAndWhere = (row: Pick<MeetingRow, 'startsAt' | 'location'>) =>
  [formatDateTime(row.startsAt), row.location].filter(Boolean).join('，');

/** Tells the invited units of a meeting still to come (会议通知), on every channel. */
export async function noticeUnits(
  tx: Db,
  row: MeetingRow,
  unitIds: readonly string[],
  clock: Clock,
  changed = false,
) {
  if (unitIds.length === 0 || row.startsAt <= clock.now()) return;
  await notify(tx, {
    userIds: await unitHandlers(tx, unitIds),
    officeId: row.officeId,
    kind: 'meeting_notice',
    title: `${changed ? `${KIND_LABELS[row.kind]}时间地点变更` : row.kind === 'training' ? '培训通知' : '会议通知'}：${row.title}`,
    body: `${whenAndWhere(row)}（${row.organiser}）`,
    link: meetingLink(row.id),
    subject: { type: 'meeting', id: row.id },
    at: clock.now(),
  });
}

/** Every change of a meeting moves its version (optimistic locking for the next writer). */
export async function bump(
  tx: Db,
  row: MeetingRow,
  values: Partial<typeof meetings.$inferInsert>,
  clock: Clock,
): Promise<MeetingRow> {
  const [updated] = await tx
    .update(meetings)
    .set({ ...values, version: sql`${meetings.version} + 1`, updatedAt: clock.now() })
    .where(eq(meetings.id, row.id))
    .returning();
  if (!updated) throw new Error('update failed');
  await indexMeetings(tx, [updated.id]);
  return updated;
}
