import type { Db } from '../../../db/client.ts';
import { meetingParticipants, meetings } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/xlsx.ts';
import { staffOfficeIds } from '../../circulation/index.ts';
import { defaultChecklist } from '../checklist.ts';
import { KIND_LABELS, LEVEL_LABELS } from '../labels.ts';
import { meetingLabel } from '../present.ts';
import type { CreateMeetingInput } from '../schemas.ts';
import { indexMeetings } from '../search-index.ts';
import { invitableUnits, noticeUnits } from './shared.ts';

/**
 * 登记会议/培训: the office records a work meeting, training course or video conference with the
 * units it invites. The checklist starts with the kind's default items. Invited units hear of a
 * meeting still to come (会议通知); one recorded afterwards notifies nobody.
 */
export function createMeeting(
  db: Db,
  actor: Actor,
  input: CreateMeetingInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const offices = staffOfficeIds(actor);
    const officeId = input.officeId ?? offices[0];
    if (!officeId) throw notFound('您不属于任何办公室');
    if (!offices.includes(officeId)) throw forbidden('只能登记本办公室的会议和培训');
    await invitableUnits(tx, officeId, input.unitIds);
    const now = clock.now();
    const [row] = await tx
      .insert(meetings)
      .values({
        officeId,
        kind: input.kind,
        level: input.level,
        title: input.title,
        organiser: input.organiser,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        location: input.location,
        checklist: defaultChecklist(input.kind),
        minutes: input.minutes ?? '',
        createdByName: actor.displayName,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert failed');
    await indexMeetings(tx, [row.id]);
    if (input.unitIds.length)
      await tx
        .insert(meetingParticipants)
        .values(input.unitIds.map((unitId) => ({ meetingId: row.id, unitId })));
    await recordAudit(tx, audit, {
      action: 'meeting.created',
      targetType: 'meeting',
      targetId: row.id,
      targetLabel: meetingLabel(row),
      diff: {
        kind: KIND_LABELS[row.kind],
        level: LEVEL_LABELS[row.level],
        title: row.title,
        organiser: row.organiser,
        startsAt: formatDateTime(row.startsAt),
        location: row.location,
        units: input.unitIds.length,
      },
    });
    await noticeUnits(tx, row, input.unitIds, clock);
    return row;
  });
}
