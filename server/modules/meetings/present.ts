import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { meetingParticipants, orgs, recordAttachments } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { namesOf, personTimesOf } from './attendance.ts';
import { checklistOf, presentChecklist, progressOf } from './checklist.ts';
import { ATTENDANCE_LABELS, KIND_LABELS, LEVEL_LABELS } from './labels.ts';
import type { MeetingView } from './schemas.ts';
import { isStaffOf, type MeetingRow, readerOf } from './scope.ts';

export const meetingLink = (id: string) => `/meetings/${id}`;
export const meetingLabel = (row: Pick<MeetingRow, 'title' | 'level' | 'kind'>) =>
  `${LEVEL_LABELS[row.level]}${KIND_LABELS[row.kind]}《${row.title}》`;

type Counts = NonNullable<MeetingView['summary']>;

export function countsOf(rows: { attendance: string; attendees: string | null }[]): Counts {
  const n = (mark: string) => rows.filter((r) => r.attendance === mark).length;
  return {
    invited: rows.length,
    present: n('present'),
    absent: n('absent'),
    excused: n('excused'),
    expected: n('expected'),
    personTimes: rows.reduce((sum, r) => sum + personTimesOf(r.attendance, r.attendees), 0),
  };
}

/**
 * The meeting as the caller sees it: the office's editors see every invited unit, the checklist
 * and the counts, and may change them; an invited unit sees the meeting, its minutes and files,
 * and its own attendance.
 */
export async function presentMeeting(tx: Db, actor: Actor, row: MeetingRow): Promise<MeetingView> {
  const staff = isStaffOf(actor, row);
  const reader = readerOf(actor);
  const [office] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.officeId));
  const all = await tx
    .select({ p: meetingParticipants, unitName: orgs.name })
    .from(meetingParticipants)
    .innerJoin(orgs, eq(orgs.id, meetingParticipants.unitId))
    .where(eq(meetingParticipants.meetingId, row.id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.name));
  const visible = staff ? all : all.filter((x) => reader.unitIds.includes(x.p.unitId));
  const files = await tx
    .select()
    .from(recordAttachments)
    .where(and(eq(recordAttachments.recordType, 'meeting'), eq(recordAttachments.recordId, row.id)))
    .orderBy(asc(recordAttachments.createdAt));
  const checklist = checklistOf(row.checklist);
  return {
    id: row.id,
    office: { id: row.officeId, name: office?.name ?? '' },
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    level: row.level,
    levelLabel: LEVEL_LABELS[row.level],
    title: row.title,
    organiser: row.organiser,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    location: row.location,
    minutes: row.minutes,
    checklist: staff ? presentChecklist(checklist) : null,
    checklistProgress: staff ? progressOf(checklist) : null,
    participants: visible.map(({ p, unitName }) => ({
      unit: { id: p.unitId, name: unitName },
      attendance: p.attendance,
      attendanceLabel: ATTENDANCE_LABELS[p.attendance],
      attendees: namesOf(p.attendees),
    })),
    summary: staff ? countsOf(all.map((x) => x.p)) : null,
    files: files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mimeType: f.mimeType,
      sizeBytes: f.sizeBytes,
      uploadedByName: f.uploadedByName,
      createdAt: f.createdAt,
    })),
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    actions: staff ? ['update', 'checklist', 'attendance', 'attach'] : [],
  };
}
