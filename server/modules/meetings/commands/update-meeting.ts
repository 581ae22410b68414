import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { meetingParticipants, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { conflict } from '../../../lib/errors.ts';
import { assertVersion } from '../../../lib/records.ts';
import { formatDateTime } from '../../../lib/xlsx.ts';
import { KIND_LABELS, LEVEL_LABELS } from '../labels.ts';
import { meetingLabel } from '../present.ts';
import type { UpdateMeetingInput } from '../schemas.ts';
import { assertStaff, findMeeting, type MeetingRow } from '../scope.ts';
import { bump, invitableUnits, noticeUnits } from './shared.ts';

/** The facts of a meeting as the audit log names them. */
const factsOf = (
  m: Pick<
    MeetingRow,
    'kind' | 'level' | 'title' | 'organiser' | 'startsAt' | 'endsAt' | 'location' | 'minutes'
  >,
) => ({
  类别: KIND_LABELS[m.kind],
  级别: LEVEL_LABELS[m.level],
  名称: m.title,
  主办单位: m.organiser,
  开始时间: formatDateTime(m.startsAt),
  结束时间: formatDateTime(m.endsAt),
  地点: m.location,
  会议纪要: m.minutes,
});

/**
 * 修改会议: its facts, minutes and invited units. A unit whose attendance is recorded stays (its
 * record would be lost); newly invited units get the notice; when a meeting still to come moves
 * in time or place, the units already invited are told.
 */
export function updateMeeting(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateMeetingInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findMeeting(tx, actor, id, true);
    assertStaff(actor, row);
    assertVersion(row, input.version);
    const current = await tx
      .select({
        unitId: meetingParticipants.unitId,
        attendance: meetingParticipants.attendance,
        name: orgs.name,
      })
      .from(meetingParticipants)
      .innerJoin(orgs, eq(orgs.id, meetingParticipants.unitId))
      .where(eq(meetingParticipants.meetingId, row.id));
    const currentIds = current.map((c) => c.unitId);
    await invitableUnits(tx, row.officeId, input.unitIds, currentIds);
    const removed = current.filter((c) => !input.unitIds.includes(c.unitId));
    const recorded = removed.find((c) => c.attendance !== 'expected');
    if (recorded) throw conflict(`${recorded.name}已登记出席情况，不能移出参会单位`);
    const added = input.unitIds.filter((u) => !currentIds.includes(u));

    const updated = await bump(
      tx,
      row,
      {
        kind: input.kind,
        level: input.level,
        title: input.title,
        organiser: input.organiser,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        location: input.location,
        minutes: input.minutes,
      },
      clock,
    );
    if (removed.length)
      await tx.delete(meetingParticipants).where(
        and(
          eq(meetingParticipants.meetingId, row.id),
          inArray(
            meetingParticipants.unitId,
            removed.map((r) => r.unitId),
          ),
        ),
      );
    if (added.length)
      await tx.insert(meetingParticipants).values(added.map((unitId) => ({ meetingId: row.id, unitId })));
    const addedNames = added.length
      ? (await tx.select({ name: orgs.name }).from(orgs).where(inArray(orgs.id, added))).map((o) => o.name)
      : [];
    await recordAudit(tx, audit, {
      action: 'meeting.updated',
      targetType: 'meeting',
      targetId: row.id,
      targetLabel: meetingLabel(updated),
      diff: {
        ...diffRecords(factsOf(row), factsOf(updated)),
        ...(addedNames.length ? { 新增参会单位: addedNames } : {}),
        ...(removed.length ? { 移出参会单位: removed.map((r) => r.name) } : {}),
      },
    });
    await noticeUnits(tx, updated, added, clock);
    const moved =
      row.startsAt.getTime() !== updated.startsAt.getTime() ||
      (row.location ?? '') !== (updated.location ?? '');
    if (moved) {
      const stay = currentIds.filter((u) => input.unitIds.includes(u));
      await noticeUnits(tx, updated, stay, clock, true);
    }
    return updated;
  });
}
