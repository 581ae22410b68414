import type { Attendance, MeetingKind, MeetingLevel } from '../../db/schema/index.ts';

/** 培训和会议 (docs/domain.md §1): the names people use for a meeting's kind, level and attendance. */
export const KIND_LABELS: Record<MeetingKind, string> = {
  work_meeting: '工作会议',
  training: '培训',
  video_conference: '视频会议',
};

export const LEVEL_LABELS: Record<MeetingLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  county: '县级',
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  expected: '应到',
  present: '出席',
  absent: '缺席',
  excused: '请假',
};

/** What the people who came are called in the figures: 参训 for training, 参会 otherwise. */
export const TAKING_PART: Record<MeetingKind, string> = {
  work_meeting: '参会',
  training: '参训',
  video_conference: '参会',
};

export const CHECKLIST_PHASES = ['before', 'during', 'after'] as const;
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

export const PHASE_LABELS: Record<ChecklistPhase, string> = {
  before: '会前调试',
  during: '会中保障',
  after: '会后维护',
};

/** The support checklist a new meeting starts with, by kind; the office may change it. */
export const DEFAULT_CHECKLISTS: Record<MeetingKind, Record<ChecklistPhase, string[]>> = {
  video_conference: {
    before: ['检查视频线路', '调试音视频设备', '确认参会单位'],
    during: ['专人值守', '记录会议'],
    after: ['设备归位', '整理纪要'],
  },
  work_meeting: {
    before: ['印发会议通知', '确认参会单位', '准备会议材料', '布置会场'],
    during: ['组织签到', '记录会议'],
    after: ['整理纪要', '材料归档'],
  },
  training: {
    before: ['印发培训通知', '确认参训人员', '准备培训课件', '布置培训场地'],
    during: ['组织签到', '记录培训情况'],
    after: ['整理培训资料', '材料归档'],
  },
};
