import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { Attendance, MeetingKind, MeetingLevel } from './api.ts';

/** 培训和会议 (server/modules/meetings/labels.ts): kind, level and attendance as people say them. */
export const KIND_LABELS: Record<MeetingKind, string> = {
  work_meeting: '工作会议',
  training: '培训',
  video_conference: '视频会议',
};
const KIND_COLORS: Record<MeetingKind, string> = {
  work_meeting: 'blue',
  training: 'green',
  video_conference: 'cyan',
};

export const LEVEL_LABELS: Record<MeetingLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  county: '县级',
};
const LEVEL_COLORS: Record<MeetingLevel, string> = {
  national: 'red',
  province: 'volcano',
  city: 'magenta',
  county: 'purple',
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  expected: '应到',
  present: '出席',
  absent: '缺席',
  excused: '请假',
};
const ATTENDANCE_COLORS: Record<Attendance, string | undefined> = {
  expected: undefined,
  present: 'green',
  absent: 'red',
  excused: 'gold',
};

export const KIND_OPTIONS = (Object.keys(KIND_LABELS) as MeetingKind[]).map((k) => ({
  value: k,
  label: KIND_LABELS[k],
}));
export const LEVEL_OPTIONS = (Object.keys(LEVEL_LABELS) as MeetingLevel[]).map((l) => ({
  value: l,
  label: LEVEL_LABELS[l],
}));
export const ATTENDANCE_OPTIONS = (Object.keys(ATTENDANCE_LABELS) as Attendance[]).map((a) => ({
  value: a,
  label: ATTENDANCE_LABELS[a],
}));

export function KindTag({ kind, label }: { kind: MeetingKind; label?: string }) {
  return <Tag color={KIND_COLORS[kind]}>{label ?? KIND_LABELS[kind]}</Tag>;
}

export function LevelTag({ level, label }: { level: MeetingLevel; label?: string }) {
  return <Tag color={LEVEL_COLORS[level]}>{label ?? LEVEL_LABELS[level]}</Tag>;
}

/** A unit's mark; 应到 before the meeting, 未登记 once it has begun and nothing was recorded. */
export function AttendanceTag({ attendance, startsAt }: { attendance: Attendance; startsAt: string }) {
  const label =
    attendance === 'expected' && !dayjs(startsAt).isAfter(dayjs()) ? '未登记' : ATTENDANCE_LABELS[attendance];
  return <Tag color={ATTENDANCE_COLORS[attendance]}>{label}</Tag>;
}

/** The year in Beijing: meetings are counted per calendar year there, whatever the browser's zone. */
export const thisYear = () =>
  Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(new Date()));

/** `2026-03-10 09:00–11:30` on one day, `2026-03-10 09:00 至 2026-03-12 17:00` over several. */
export function timeRange(startsAt: string, endsAt: string | null): string {
  const [start, end] = timeParts(startsAt, endsAt);
  return !end ? start : end.length <= 5 ? `${start}–${end}` : `${start} 至 ${end}`;
}

/** The start in full and the end as short as it can be said: only the time when on the same day. */
export function timeParts(startsAt: string, endsAt: string | null): [string, string | null] {
  const s = dayjs(startsAt);
  if (!endsAt) return [s.format('YYYY-MM-DD HH:mm'), null];
  const e = dayjs(endsAt);
  return [s.format('YYYY-MM-DD HH:mm'), e.format(s.isSame(e, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm')];
}

/** Names typed in one field: separated by 、 commas, semicolons or spaces. */
export const parseNames = (text: string): string[] =>
  text
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
