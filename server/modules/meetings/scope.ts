import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { meetingParticipants, meetings } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { staffOfficeIds } from '../circulation/index.ts';

/**
 * Who reads a meeting: the 信息科 of the office that recorded it (all of it), and the units it
 * invited (the meeting, its minutes and files, and only their own attendance). A lower office
 * invited by the office above is read by its editors. Administrators see none.
 */
export type MeetingReader = { staffOfficeIds: string[]; unitIds: string[] };

export function readerOf(actor: Actor): MeetingReader {
  const unitRole = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  const staff = staffOfficeIds(actor);
  const unitIds = new Set([...(unitRole ? actor.units.map((u) => u.id) : []), ...staff]);
  return { staffOfficeIds: staff, unitIds: [...unitIds] };
}

export function meetingScope(r: MeetingReader): SQL {
  const parts: SQL[] = [];
  if (r.staffOfficeIds.length) parts.push(inArray(meetings.officeId, r.staffOfficeIds));
  if (r.unitIds.length)
    parts.push(
      inArray(
        meetings.id,
        sql`(select ${meetingParticipants.meetingId} from ${meetingParticipants} where ${inArray(
          meetingParticipants.unitId,
          r.unitIds,
        )})`,
      ),
    );
  return or(...parts) ?? sql`false`;
}

export type MeetingRow = typeof meetings.$inferSelect;

export const NO_MEETING = '会议不存在或您无权查看';

/** The meeting if the caller may read it (404 otherwise — nobody learns it exists). */
export async function findMeeting(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<MeetingRow> {
  const q = tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), meetingScope(readerOf(actor))));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(NO_MEETING);
  return row;
}

export const isStaffOf = (actor: Actor, row: Pick<MeetingRow, 'officeId'>) =>
  readerOf(actor).staffOfficeIds.includes(row.officeId);

/** Only the recording office's 信息科 changes a meeting; an invited unit reads it. */
export function assertStaff(actor: Actor, row: MeetingRow): void {
  if (!isStaffOf(actor, row)) throw forbidden('只有登记该会议的办公室信息科才能修改');
}
