import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { formatDateTime, listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import { ATTENDANCE_LABELS } from '../labels.ts';
import type { ListFilter } from '../schemas.ts';
import { readerOf } from '../scope.ts';
import { listMeetings } from './list-meetings.ts';

type Row = Awaited<ReturnType<typeof listMeetings>>['items'][number];
type Column = XlsxColumn<Row>;

/** 应到 before the meeting, 未登记 once it has begun without a mark (as on the screen). */
const attendanceLabel = (r: Row, now: Date) =>
  !r.myAttendance
    ? ''
    : r.myAttendance === 'expected' && r.startsAt <= now
      ? '未登记'
      : ATTENDANCE_LABELS[r.myAttendance];

const lead: Column[] = [
  { header: '开始时间', width: 18, value: (r) => formatDateTime(r.startsAt) },
  { header: '结束时间', width: 18, value: (r) => formatDateTime(r.endsAt) },
  { header: '名称', width: 40, value: (r) => r.title },
  { header: '主办单位', width: 20, value: (r) => r.organiser },
  { header: '地点', width: 20, value: (r) => r.location ?? '' },
  { header: '类别', width: 10, value: (r) => r.kindLabel },
  { header: '级别', width: 8, value: (r) => r.levelLabel },
];
const summary = (header: string, key: keyof NonNullable<Row['summary']>): Column => ({
  header,
  width: 8,
  value: (r) => r.summary?.[key] ?? '',
});

/**
 * The meeting list as an Excel workbook: `listMeetings` under the same filters (the year
 * included), every row; the office sees the checklist and the attendance, a unit its own mark.
 */
export async function exportMeetings(db: Db, actor: Actor, filter: ListFilter, now: Date) {
  const { items } = await listMeetings(db, actor, filter, 'all');
  const own: Column = { header: '本单位出席', width: 12, value: (r) => attendanceLabel(r, now) };
  const staffColumns: Column[] = [
    {
      header: '保障清单',
      width: 10,
      value: (r) => (r.checklistProgress ? `${r.checklistProgress.done}/${r.checklistProgress.total}` : ''),
    },
    summary('参会单位', 'invited'),
    summary('出席', 'present'),
    summary('缺席', 'absent'),
    summary('请假', 'excused'),
    summary('人次', 'personTimes'),
    // A meeting of the office above that invited this office: its own mark.
    own,
  ];
  const staff = readerOf(actor).staffOfficeIds.length > 0;
  return listWorkbook('会议与培训', [...lead, ...(staff ? staffColumns : [own])], items, now);
}
