import { z } from 'zod';
import { ATTENDANCE, MEETING_KINDS, MEETING_LEVELS } from '../../db/schema/index.ts';
import { pageQueryFields, pageResponseFields } from '../../lib/pagination.ts';
import { blankToUndefined, optionalText, text, version, yearField } from '../../lib/schema-fields.ts';
import { CHECKLIST_PHASES } from './labels.ts';

const dateTime = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `${what}格式不正确，应为 2026-03-10T09:00:00+08:00` })
    .transform((v) => new Date(v));

export const idParams = z.object({ id: z.uuid('会议编号格式不正确') });
export const fileParams = z.object({
  id: z.uuid('会议编号格式不正确'),
  fileId: z.uuid('附件编号格式不正确'),
});

const unitIds = z
  .array(z.uuid('参会单位编号格式不正确'), { error: '请选择参会单位' })
  .max(500, '参会单位最多 500 个');

const meetingFields = {
  kind: z.enum(MEETING_KINDS, { error: '请选择类别：工作会议、培训或视频会议' }),
  level: z.enum(MEETING_LEVELS, { error: '请选择级别：国家级、省级、市级或县级' }),
  title: text('会议名称', 200),
  organiser: text('主办单位', 100),
  startsAt: dateTime('开始时间'),
  endsAt: dateTime('结束时间').nullish(),
  location: optionalText('地点', 200),
  unitIds,
};

const endsAfterStart = (b: { startsAt: Date; endsAt?: Date | null }) => !b.endsAt || b.endsAt >= b.startsAt;
const END_RULE = { message: '结束时间不能早于开始时间', path: ['endsAt'] };

export const createBody = z
  .object({
    /** The office holding the record; default the caller's office. */
    officeId: z.uuid('办公室编号格式不正确').optional(),
    ...meetingFields,
    minutes: z.string().trim().max(20_000, '会议纪要不能超过 20000 个字').optional(),
  })
  .refine(endsAfterStart, END_RULE);
export type CreateMeetingInput = z.output<typeof createBody>;

export const updateBody = z
  .object({
    ...meetingFields,
    minutes: z.string({ error: '会议纪要格式不正确' }).trim().max(20_000, '会议纪要不能超过 20000 个字'),
    version,
  })
  .refine(endsAfterStart, END_RULE);
export type UpdateMeetingInput = z.output<typeof updateBody>;

const checklistItems = z
  .array(
    z.object({
      label: text('清单事项', 100),
      done: z.boolean({ error: '请注明事项是否完成' }),
    }),
    { error: '清单格式不正确' },
  )
  .max(30, '每个阶段最多 30 项');

export const checklistBody = z.object({
  checklist: z
    .object(
      { before: checklistItems, during: checklistItems, after: checklistItems },
      { error: '清单格式不正确' },
    )
    .refine(
      (c) => CHECKLIST_PHASES.every((p) => new Set(c[p].map((i) => i.label)).size === c[p].length),
      '同一阶段的事项不能重复',
    ),
  version,
});
export type ChecklistBody = z.output<typeof checklistBody>;

/** Names one by one; the separators the store joins them with are not allowed inside a name. */
const attendeeName = z
  .string({ error: '参会人员姓名格式不正确' })
  .trim()
  .min(1, '参会人员姓名不能为空')
  .max(40, '参会人员姓名不能超过 40 个字')
  .refine((v) => !/[、,，;；\n]/.test(v), '每个参会人员单独填写，姓名中不能含有顿号、逗号或分号');

export const attendanceBody = z.object({
  attendance: z
    .array(
      z.object({
        unitId: z.uuid('单位编号格式不正确'),
        attendance: z.enum(ATTENDANCE, { error: '出席情况只能是应到、出席、缺席或请假' }),
        attendees: z.array(attendeeName).max(100, '每个单位最多登记 100 名参会人员').default([]),
      }),
    )
    .min(1, '请至少登记一个单位的出席情况')
    .max(500, '一次最多登记 500 个单位'),
  version,
});
export type AttendanceInput = z.output<typeof attendanceBody>;

export const listQuery = z.object({
  ...pageQueryFields(20, 100),
  year: z.preprocess(blankToUndefined, yearField.optional()),
  kind: z.preprocess(blankToUndefined, z.enum(MEETING_KINDS, { error: '类别不正确' }).optional()),
  level: z.preprocess(blankToUndefined, z.enum(MEETING_LEVELS, { error: '级别不正确' }).optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid('单位编号格式不正确').optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(50, '关键词不能超过 50 个字').optional()),
});
export type ListQuery = z.output<typeof listQuery>;
/** The list's Excel export: the same filters, without the page. */
export const exportQuery = listQuery.omit({ page: true, pageSize: true });
export type ListFilter = z.output<typeof exportQuery>;

export const statsQuery = z.object({
  year: z.preprocess(blankToUndefined, yearField.optional()),
  officeId: z.preprocess(blankToUndefined, z.uuid('办公室编号格式不正确').optional()),
});
export type StatsQuery = z.output<typeof statsQuery>;

const orgRef = z.object({ id: z.uuid(), name: z.string() });
const fileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  uploadedByName: z.string(),
  createdAt: z.date(),
});

const countsSchema = z.object({
  invited: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
  /** Not yet recorded (应到). */
  expected: z.number().int(),
  /** 人次: the people who came (a unit marked 出席 without names counts as one). */
  personTimes: z.number().int(),
});

const checklistSchema = z.array(
  z.object({
    phase: z.enum(CHECKLIST_PHASES),
    label: z.string(),
    items: z.array(
      z.object({
        label: z.string(),
        done: z.boolean(),
        doneByName: z.string().nullable(),
        doneAt: z.date().nullable(),
      }),
    ),
  }),
);

const participantSchema = z.object({
  unit: orgRef,
  attendance: z.enum(ATTENDANCE),
  attendanceLabel: z.string(),
  attendees: z.array(z.string()),
});

export const meetingSchema = z.object({
  id: z.uuid(),
  office: orgRef,
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  level: z.enum(MEETING_LEVELS),
  levelLabel: z.string(),
  title: z.string(),
  organiser: z.string(),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  location: z.string().nullable(),
  minutes: z.string(),
  /** The office's support checklist; null for an invited unit. */
  checklist: checklistSchema.nullable(),
  checklistProgress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Every invited unit for the office; an invited unit sees its own row only. */
  participants: z.array(participantSchema),
  /** Attendance counts; null for an invited unit. */
  summary: countsSchema.nullable(),
  files: z.array(fileSchema),
  createdByName: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
  /** update, checklist, attendance, attach — for the office's editors. */
  actions: z.array(z.string()),
});
export type MeetingView = z.infer<typeof meetingSchema>;

export const meetingRowSchema = z.object({
  id: z.uuid(),
  office: orgRef,
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  level: z.enum(MEETING_LEVELS),
  levelLabel: z.string(),
  title: z.string(),
  organiser: z.string(),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  location: z.string().nullable(),
  checklistProgress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  summary: countsSchema.nullable(),
  /** For an invited unit: its own attendance. */
  myAttendance: z.enum(ATTENDANCE).nullable(),
  version: z.number().int(),
});
export const meetingPageSchema = z.object({ items: z.array(meetingRowSchema), ...pageResponseFields });

export const statsSchema = z.object({
  year: z.number().int(),
  office: orgRef,
  totals: z.object({ meetings: z.number().int(), personTimes: z.number().int() }),
  /** Per level and kind that occurred: e.g. 省级培训 2 次，参训 5 人次. */
  byLevelKind: z.array(
    z.object({
      level: z.enum(MEETING_LEVELS),
      levelLabel: z.string(),
      kind: z.enum(MEETING_KINDS),
      kindLabel: z.string(),
      meetings: z.number().int(),
      personTimes: z.number().int(),
      label: z.string(),
    }),
  ),
  /**
   * Per invited unit, over the year's meetings that have begun: 应到 (invited), 出席, 缺席, 请假,
   * not recorded, and the attendance rate 出席 ÷ 应到 (null with nothing to count).
   */
  units: z.array(
    z.object({
      unit: orgRef,
      invited: z.number().int(),
      present: z.number().int(),
      absent: z.number().int(),
      excused: z.number().int(),
      unrecorded: z.number().int(),
      personTimes: z.number().int(),
      rate: z.number().nullable(),
      rateLabel: z.string(),
    }),
  ),
});
