import { z } from 'zod';
import { COMMISSION_ANSWERS, COMMISSION_STATUSES, ITEM_STATUSES } from '../../db/schema/index.ts';
import { endOfChinaDate } from '../../lib/clock.ts';
import { pageQueryFields, pageResponseFields } from '../../lib/pagination.ts';
import { blankToUndefined, text, version } from '../../lib/schema-fields.ts';
import { isIsoDate } from '../orgs/index.ts';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The deadline: a date (YYYY-MM-DD, due by the end of that day in Beijing) or a moment with its
 * offset (2026-03-10T17:00:00+08:00).
 */
const deadline = z
  .string({ error: '请填写报送截止时间' })
  .trim()
  .refine(
    (v) =>
      isIsoDate(v) ? true : DATETIME.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
    '报送截止时间格式应为 YYYY-MM-DD 或 2026-03-10T17:00:00+08:00',
  )
  .transform((v) => (isIsoDate(v) ? endOfChinaDate(v) : new Date(v)));

const contactPhone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .min(1, '请填写联系电话')
  .max(40, '联系电话不超过 40 个字符')
  .regex(/^[0-9+\-\s()（）转,，/]+$/, '联系电话只能包含数字、“-”、空格、括号和“转”');

const unitIds = z
  .array(z.uuid('单位编号格式不正确'), { error: '约稿单位须为单位编号列表' })
  .max(300, '一次最多选择 300 个单位');
/** Assessment groups (考评分组, `orgs.group_code`): every active member unit of the group. */
const groupCodes = z
  .array(z.string().trim().min(1, '分组编码不能为空').max(32, '分组编码不正确'), {
    error: '分组须为分组编码列表',
  })
  .max(20, '一次最多选择 20 个分组');

export const idParams = z.object({ id: z.uuid('编号格式不正确') });
export const fileParams = z.object({ id: z.uuid('编号格式不正确'), fileId: z.uuid('附件编号格式不正确') });

export const createCommissionBody = z.object({
  /** The office, when the editor works in more than one. */
  officeId: z.uuid('办公室编号格式不正确').optional(),
  topic: text('约稿主题', 100),
  requirements: text('约稿要求', 5000),
  deadline,
  contactName: text('联系人', 40),
  contactPhone,
  unitIds: unitIds.optional(),
  groupCodes: groupCodes.optional(),
});
export type CreateCommissionInput = z.output<typeof createCommissionBody>;

export const updateCommissionBody = z.object({
  topic: text('约稿主题', 100).optional(),
  requirements: text('约稿要求', 5000).optional(),
  deadline: deadline.optional(),
  contactName: text('联系人', 40).optional(),
  contactPhone: contactPhone.optional(),
  /** Either given: the targets become exactly these units and groups. */
  unitIds: unitIds.optional(),
  groupCodes: groupCodes.optional(),
  version,
});
export type UpdateCommissionInput = z.output<typeof updateCommissionBody>;

export const versionBody = z.object({ version });
export const cancelBody = z.object({ reason: text('撤销原因', 500), version });
export type CancelInput = z.output<typeof cancelBody>;
export const declineBody = z.object({
  reason: text('婉拒原因', 500),
  /** The target unit, when the caller answers for more than one. */
  unitId: z.uuid('单位编号格式不正确').optional(),
});
export type DeclineInput = z.output<typeof declineBody>;

export const listQuery = z.object({
  ...pageQueryFields(20, 100),
  status: z.preprocess(blankToUndefined, z.enum(COMMISSION_STATUSES, { error: '状态不正确' }).optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid('单位编号格式不正确').optional()),
  overdue: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' || v === '' ? undefined : v),
    z.boolean({ error: 'overdue 只能是 true 或 false' }).optional(),
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

const countsSchema = z.object({
  total: z.number().int(),
  read: z.number().int(),
  answered: z.number().int(),
  declined: z.number().int(),
  open: z.number().int(),
  /** Answered (报送 or 婉拒) after the deadline. */
  late: z.number().int(),
  /** No answer by the deadline, or none when the commission was closed. */
  missed: z.number().int(),
});

export const targetSchema = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }),
  readAt: z.date().nullable(),
  readByName: z.string().nullable(),
  answer: z.enum(COMMISSION_ANSWERS),
  answerLabel: z.string(),
  answeredAt: z.date().nullable(),
  late: z.boolean(),
  overdue: z.boolean(),
  missed: z.boolean(),
  declineReason: z.string().nullable(),
  /** The unit's items linked to the commission that the caller may read. */
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      status: z.enum(ITEM_STATUSES),
      statusLabel: z.string(),
      submittedAt: z.date().nullable(),
    }),
  ),
  /** What the caller may do for this unit: answer (write an item for it), decline. */
  actions: z.array(z.string()),
});

export const commissionSchema = z.object({
  id: z.uuid(),
  office: z.object({ id: z.uuid(), name: z.string() }),
  year: z.number().int().nullable(),
  number: z.number().int().nullable(),
  /** 汾政办约〔2026〕3号, once issued. */
  numberLabel: z.string().nullable(),
  /** 关于报送××信息的约稿通知 */
  title: z.string(),
  topic: z.string(),
  requirements: z.string(),
  deadline: z.date(),
  /** 2026-03-10 17:00 (Beijing). */
  deadlineLabel: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: z.enum(COMMISSION_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean(),
  createdByName: z.string(),
  createdAt: z.date(),
  issuedAt: z.date().nullable(),
  issuedByName: z.string().nullable(),
  closedAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  /** Over the targets the caller sees (a unit: its own). */
  counts: countsSchema,
  targets: z.array(targetSchema),
  files: z.array(fileSchema),
  /** edit, issue, cancel, close, attach (office); answer, decline (a target unit). */
  actions: z.array(z.string()),
});
export type CommissionView = z.infer<typeof commissionSchema>;

export const commissionRowSchema = z.object({
  id: z.uuid(),
  office: z.object({ id: z.uuid(), name: z.string() }),
  numberLabel: z.string().nullable(),
  topic: z.string(),
  deadline: z.date(),
  deadlineLabel: z.string(),
  status: z.enum(COMMISSION_STATUSES),
  statusLabel: z.string(),
  issuedAt: z.date().nullable(),
  createdByName: z.string(),
  counts: countsSchema,
  /** Still issued after the deadline with units not answered. */
  overdue: z.boolean(),
  /** For a target unit: its own read receipt and answer. */
  mine: z
    .object({
      unitId: z.uuid(),
      readAt: z.date().nullable(),
      answer: z.enum(COMMISSION_ANSWERS),
      answerLabel: z.string(),
      answeredAt: z.date().nullable(),
      late: z.boolean(),
      declineReason: z.string().nullable(),
    })
    .nullable(),
});
export const commissionPageSchema = z.object({
  items: z.array(commissionRowSchema),
  ...pageResponseFields,
});

/** The open commissions a unit may link an item to (the item form's choice). */
export const openForUnitSchema = z.array(
  z.object({
    id: z.uuid(),
    numberLabel: z.string().nullable(),
    topic: z.string(),
    deadline: z.date(),
    deadlineLabel: z.string(),
    unitId: z.uuid(),
    answer: z.enum(COMMISSION_ANSWERS),
  }),
);
