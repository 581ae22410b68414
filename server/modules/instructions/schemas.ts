import { z } from 'zod';
import {
  ASSIGNMENT_STATUSES,
  INSTRUCTION_LEVELS,
  INSTRUCTION_SOURCES,
  INSTRUCTION_STATUSES,
  LEADER_RANKS,
} from '../../db/schema/index.ts';
import { pageQueryFields, pageResponseFields } from '../../lib/pagination.ts';
import { blankToUndefined, text, version } from '../../lib/schema-fields.ts';
import { DATE_RULE, isIsoDate } from '../orgs/index.ts';

const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).refine(isIsoDate, `${what}：${DATE_RULE}`);

export const idParams = z.object({ id: z.uuid('编号格式不正确') });
export const fileParams = z.object({ id: z.uuid('编号格式不正确'), fileId: z.uuid('附件编号格式不正确') });

/** A leader's own instruction on something circulated to them. */
export const writeInstructionBody = z
  .object({
    itemId: z.uuid('信息编号格式不正确').optional(),
    issueId: z.uuid('刊物编号格式不正确').optional(),
    text: text('批示内容', 2000),
    instructedOn: isoDate('批示日期').optional(),
    leaderTitle: z.string().trim().max(40, '职务不能超过 40 个字').optional(),
    leaderRank: z.preprocess(
      blankToUndefined,
      z.enum(LEADER_RANKS, { error: '领导类别只能是主要领导或分管（其他）领导' }).optional(),
    ),
  })
  .refine((b) => Boolean(b.itemId) !== Boolean(b.issueId), '请指明批示的信息或刊物（二者选一）');
export type WriteInstructionInput = z.output<typeof writeInstructionBody>;

/** An editor records an instruction received on paper or from an upper office. */
export const recordInstructionBody = z
  .object({
    itemId: z.uuid('信息编号格式不正确').optional(),
    issueId: z.uuid('刊物编号格式不正确').optional(),
    officeId: z.uuid('办公室编号格式不正确').optional(),
    source: z.enum(['paper', 'upper'], { error: '来源只能是纸质批示或上级批示' }),
    leaderName: text('批示领导', 40),
    leaderTitle: z.string().trim().max(40, '职务不能超过 40 个字').optional(),
    leaderRank: z.preprocess(
      blankToUndefined,
      z.enum(LEADER_RANKS, { error: '领导类别只能是主要领导或分管（其他）领导' }).optional(),
    ),
    level: z.enum(INSTRUCTION_LEVELS, { error: '请选择批示层级' }),
    text: text('批示内容', 2000),
    instructedOn: isoDate('批示日期'),
  })
  .refine((b) => !(b.itemId && b.issueId), '一条批示只能针对一条信息或一期刊物');
export type RecordInstructionInput = z.output<typeof recordInstructionBody>;

export const assignBody = z.object({
  assignments: z
    .array(
      z.object({
        unitId: z.uuid('单位编号格式不正确'),
        deadline: isoDate('反馈期限'),
        requirement: z.string().trim().max(500, '办理要求不能超过 500 个字').optional(),
      }),
    )
    .min(1, '请选择至少一个承办单位')
    .max(100, '一次最多交办 100 个单位'),
  version,
});
export type AssignInput = z.output<typeof assignBody>;

export const closeBody = z.object({ note: text('办结说明', 500), version });
export type CloseInput = z.output<typeof closeBody>;

export const feedbackBody = z.object({ text: text('落实情况', 5000), version });
export type FeedbackInput = z.output<typeof feedbackBody>;

export const decisionBody = z.object({
  decision: z.enum(['accepted', 'more_requested'], { error: '请选择审核结果' }),
  note: z.string().trim().max(500, '审核意见不能超过 500 个字').optional(),
  version,
});
export type DecisionInput = z.output<typeof decisionBody>;

export const listQuery = z.object({
  ...pageQueryFields(20, 100),
  status: z.preprocess(blankToUndefined, z.enum(INSTRUCTION_STATUSES).optional()),
  level: z.preprocess(blankToUndefined, z.enum(INSTRUCTION_LEVELS).optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid('单位编号格式不正确').optional()),
  itemId: z.preprocess(blankToUndefined, z.uuid('信息编号格式不正确').optional()),
  overdue: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' || v === '' ? undefined : v),
    z.boolean().optional(),
  ),
  q: z.preprocess(blankToUndefined, z.string().trim().max(50, '关键词不能超过 50 个字').optional()),
});
export type ListQuery = z.output<typeof listQuery>;
/** The list's Excel export: the same filters, without the page. */
export const exportQuery = listQuery.omit({ page: true, pageSize: true });
export type ListFilter = z.output<typeof exportQuery>;

const fileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  uploadedByName: z.string(),
  createdAt: z.date(),
});

const feedbackSchema = z.object({
  id: z.uuid(),
  round: z.number().int(),
  text: z.string(),
  submittedByName: z.string(),
  submittedAt: z.date(),
  decision: z.enum(['accepted', 'more_requested']).nullable(),
  decisionNote: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
  files: z.array(fileSchema),
});

export const assignmentSchema = z.object({
  id: z.uuid(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  deadline: z.string(),
  requirement: z.string().nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean(),
  /** The first feedback came after the deadline (a fact for scoring). */
  late: z.boolean(),
  assignedByName: z.string(),
  assignedAt: z.date(),
  completedAt: z.date().nullable(),
  version: z.number().int(),
  feedback: z.array(feedbackSchema),
  actions: z.array(z.string()),
});

const subjectSchema = z
  .object({
    kind: z.enum(['item', 'issue']),
    id: z.uuid(),
    title: z.string(),
    /** Web path, when the caller may open it. */
    link: z.string().nullable(),
  })
  .nullable();

export const instructionSchema = z.object({
  id: z.uuid(),
  serial: z.number().int(),
  office: z.object({ id: z.uuid(), name: z.string() }),
  subject: subjectSchema,
  originUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  source: z.enum(INSTRUCTION_SOURCES),
  sourceLabel: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string().nullable(),
  leaderRank: z.enum(LEADER_RANKS).nullable(),
  leaderRankLabel: z.string().nullable(),
  level: z.enum(INSTRUCTION_LEVELS),
  levelLabel: z.string(),
  text: z.string(),
  instructedOn: z.string(),
  status: z.enum(INSTRUCTION_STATUSES),
  statusLabel: z.string(),
  recordedByName: z.string(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
  version: z.number().int(),
  assignments: z.array(assignmentSchema),
  files: z.array(fileSchema),
  /** What the caller may do with the instruction itself: assign, close, attach. */
  actions: z.array(z.string()),
});
export type InstructionView = z.infer<typeof instructionSchema>;

export const instructionRowSchema = z.object({
  id: z.uuid(),
  serial: z.number().int(),
  subject: subjectSchema,
  originUnitName: z.string().nullable(),
  leaderName: z.string(),
  leaderTitle: z.string().nullable(),
  level: z.enum(INSTRUCTION_LEVELS),
  levelLabel: z.string(),
  text: z.string(),
  instructedOn: z.string(),
  status: z.enum(INSTRUCTION_STATUSES),
  statusLabel: z.string(),
  units: z.number().int(),
  completed: z.number().int(),
  overdue: z.number().int(),
  /** Earliest open deadline (for a unit: its own). */
  nextDeadline: z.string().nullable(),
  /** For a unit: its own assignment's status. */
  myStatus: z.enum(ASSIGNMENT_STATUSES).nullable(),
});
export const instructionPageSchema = z.object({
  items: z.array(instructionRowSchema),
  ...pageResponseFields,
});

export const markerSchema = z.object({
  id: z.uuid(),
  leaderName: z.string(),
  leaderTitle: z.string().nullable(),
  level: z.enum(INSTRUCTION_LEVELS),
  levelLabel: z.string(),
  instructedOn: z.string(),
  text: z.string(),
});
export type InstructionMarker = z.infer<typeof markerSchema>;
