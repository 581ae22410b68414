import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { meetingParticipants, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { assertVersion } from '../../../lib/records.ts';
import { storedNames } from '../attendance.ts';
import { ATTENDANCE_LABELS } from '../labels.ts';
import { meetingLabel } from '../present.ts';
import type { AttendanceInput } from '../schemas.ts';
import { assertStaff, findMeeting } from '../scope.ts';
import { bump } from './shared.ts';

/**
 * 登记出席情况: per invited unit 应到 / 出席 / 缺席 / 请假, and for a unit that came the names of its
 * people (参会人员, counted as 人次). 出席 and 缺席 only once the meeting has begun; 请假 any time.
 * Units not listed keep their mark. All or nothing: one bad row and nothing is saved.
 */
export function recordAttendance(
  db: Db,
  actor: Actor,
  id: string,
  input: AttendanceInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findMeeting(tx, actor, id, true);
    assertStaff(actor, row);
    assertVersion(row, input.version);
    const ids = input.attendance.map((a) => a.unitId);
    if (new Set(ids).size !== ids.length) throw badRequest('同一单位重复登记');
    const invited = new Map(
      (
        await tx
          .select({ unitId: meetingParticipants.unitId, name: orgs.name })
          .from(meetingParticipants)
          .innerJoin(orgs, eq(orgs.id, meetingParticipants.unitId))
          .where(eq(meetingParticipants.meetingId, row.id))
      ).map((p) => [p.unitId, p.name]),
    );
    const begun = row.startsAt <= clock.now();
    const diff: Record<string, string> = {};
    for (const a of input.attendance) {
      const name = invited.get(a.unitId);
      if (!name) throw badRequest('所选单位不在本次会议的参会单位中，请先在会议信息中添加');
      if (a.attendees.length && a.attendance !== 'present')
        throw badRequest(`${name}：只有出席的单位才能填写参会人员`);
      if (!begun && (a.attendance === 'present' || a.attendance === 'absent'))
        throw conflict(`会议尚未开始，不能登记${name}${ATTENDANCE_LABELS[a.attendance]}（可先登记请假）`);
      if (new Set(a.attendees).size !== a.attendees.length) throw badRequest(`${name}：参会人员重复`);
      diff[name] = a.attendees.length
        ? `${ATTENDANCE_LABELS[a.attendance]}（${a.attendees.join('、')}）`
        : ATTENDANCE_LABELS[a.attendance];
    }
    for (const a of input.attendance) {
      await tx
        .update(meetingParticipants)
        .set({ attendance: a.attendance, attendees: storedNames(a.attendees) })
        .where(and(eq(meetingParticipants.meetingId, row.id), eq(meetingParticipants.unitId, a.unitId)));
    }
    const updated = await bump(tx, row, {}, clock);
    await recordAudit(tx, audit, {
      action: 'meeting.attendance_recorded',
      targetType: 'meeting',
      targetId: row.id,
      targetLabel: meetingLabel(row),
      diff,
    });
    return updated;
  });
}
