import { z } from 'zod';
import { ISSUE_STATUSES, ITEM_PRIORITIES, ITEM_STATUSES, SECRECY_LEVELS } from '../../db/schema/index.ts';
import { pageQueryFields } from '../../lib/pagination.ts';

/** Request and response schemas of the publication issue endpoints (刊物编辑). */

export const ISSUE_ABILITIES = [
  'edit',
  'delete',
  'lock',
  'unlock',
  'sign',
  'publish',
  'generate',
  'circulate',
] as const;
export type IssueAbility = (typeof ISSUE_ABILITIES)[number];

/** Items in one issue: more than any real 简报 carries, few enough to render quickly. */
export const ISSUE_ITEMS_MAX = 100;
export const REASON_MAX = 500;

const when = z.string();
const issueStatus = z.enum(ISSUE_STATUSES);
const version = z.number({ error: '缺少版本号（version）' }).int().min(1, '版本号不正确');
const id = (label: string) => z.uuid(`${label} ID 格式不正确`);

export const idParams = z.object({ id: id('刊物期次') });
export const officeParams = z.object({ id: id('办公室') });

export const listIssuesQuery = z.object({
  publicationId: id('刊物').optional(),
  year: z.coerce.number({ error: '年份须为数字' }).int('年份须为整数').min(2000).max(2100).optional(),
  status: z.enum(ISSUE_STATUSES, { error: '状态须为 draft、locked、signed 或 published' }).optional(),
  q: z.string().trim().max(100, '搜索内容不能超过 100 字').optional(),
  ...pageQueryFields(),
});
export type ListIssuesQuery = z.output<typeof listIssuesQuery>;
/** The issue list's Excel export: the same filters, without the page. */
export const issueExportQuery = listIssuesQuery.omit({ page: true, pageSize: true });
export type IssueFilter = z.output<typeof issueExportQuery>;

export const yearsQuery = z.object({ publicationId: id('刊物').optional() });

const issueNumber = (label: string) =>
  z
    .number({ error: `${label}应为正整数` })
    .int(`${label}应为正整数`)
    .min(1, `${label}应为正整数`)
    .max(100000, `${label}过大`);

export const createIssueBody = z.object({
  publicationId: id('刊物'),
  title: z.string().trim().max(100, '本期标题不能超过 100 字').optional(),
  /**
   * 起始期号: the number of the first issue of a series kept in this system, when earlier issues
   * were made by hand (e.g. the office switches over at 第25期). Once a series has an issue here,
   * only the next number is accepted.
   */
  number: issueNumber('期号').optional(),
  /** 起始总期号, likewise for the running total. */
  totalNumber: issueNumber('总期号').optional(),
});
export type CreateIssueInput = z.output<typeof createIssueBody>;

const distributionLine = (label: string) => z.string().trim().max(1000, `${label}不能超过 1000 字`);

export const updateIssueBody = z.object({
  version,
  title: z.string().trim().max(100, '本期标题不能超过 100 字').nullable().optional(),
  editorNote: z.string().trim().max(2000, '编者按不能超过 2000 字').nullable().optional(),
  distribution: z
    .object({
      bao: distributionLine('报送范围（报）'),
      song: distributionLine('报送范围（送）'),
      fa: distributionLine('报送范围（发）'),
    })
    .optional(),
  printCount: z
    .number({ error: '印数须为数字' })
    .int('印数须为整数')
    .min(1, '印数不能少于 1 份')
    .max(10000, '印数不能超过 10000 份')
    .optional(),
  responsibleEditorId: id('责任编辑').optional(),
  signerId: id('签发领导').nullable().optional(),
});
export type UpdateIssueInput = z.output<typeof updateIssueBody>;

export const setItemsBody = z.object({
  version,
  items: z
    .array(z.object({ itemId: id('信息'), forPortal: z.boolean().default(false) }), {
      error: '请提供本期信息列表',
    })
    .max(ISSUE_ITEMS_MAX, `一期最多编入 ${ISSUE_ITEMS_MAX} 条信息`)
    .refine((list) => new Set(list.map((i) => i.itemId)).size === list.length, '同一条信息不能重复编入'),
});
export type SetItemsInput = z.output<typeof setItemsBody>;

export const ISSUE_TRANSITION_ACTIONS = ['lock', 'unlock', 'sign', 'publish'] as const;
export type IssueTransitionAction = (typeof ISSUE_TRANSITION_ACTIONS)[number];

export const transitionBody = z.object({
  action: z.enum(ISSUE_TRANSITION_ACTIONS, { error: '操作须为 lock、unlock、sign 或 publish' }),
  version,
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, `原因不能超过 ${REASON_MAX} 字`)
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type IssueTransitionInput = z.output<typeof transitionBody>;

export const deleteQuery = z.object({
  version: z.coerce.number({ error: '缺少版本号（version）' }).int().min(1, '版本号不正确'),
});

export const candidatesQuery = z.object({
  q: z.string().trim().max(100, '搜索内容不能超过 100 字').optional(),
});

export const staffQuery = z.object({
  roles: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((r) => r.trim()) : ['editor', 'chief_editor', 'leader']))
    .pipe(
      z
        .array(
          z.enum(['editor', 'chief_editor', 'leader'], { error: '角色须为 editor、chief_editor 或 leader' }),
        )
        .min(1),
    ),
});

export const issueSummarySchema = z.object({
  id: z.uuid(),
  publicationId: z.uuid(),
  publicationName: z.string(),
  officeId: z.uuid(),
  officeName: z.string(),
  year: z.number().int(),
  number: z.number().int(),
  totalNumber: z.number().int(),
  label: z.string(),
  title: z.string().nullable(),
  status: issueStatus,
  statusLabel: z.string(),
  issueDate: z.string().nullable(),
  itemCount: z.number().int(),
  firstItemTitles: z.array(z.string()),
  signerName: z.string().nullable(),
  responsibleEditorName: z.string().nullable(),
  createdByName: z.string(),
  createdAt: when,
  updatedAt: when,
  publishedAt: when.nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(ISSUE_ABILITIES)),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

export const issueItemSchema = z.object({
  itemId: z.uuid(),
  position: z.number().int(),
  serial: z.number().int(),
  title: z.string(),
  body: z.string(),
  unitName: z.string(),
  secrecy: z.enum(SECRECY_LEVELS),
  status: z.enum(ITEM_STATUSES),
  itemVersion: z.number().int(),
  currentVersion: z.number().int(),
  forPortal: z.boolean(),
  portalStatus: z.enum(['queued', 'withdrawn', 'posted']).nullable(),
});

export const issueFileSchema = z.object({
  id: z.string(),
  kind: z.enum(['docx', 'pdf']),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  issueStatus: issueStatus,
  final: z.boolean(),
  checkProblems: z.array(z.string()).nullable(),
  converter: z.string().nullable(),
  generatedByName: z.string(),
  generatedAt: when,
  downloadUrl: z.string(),
});

export const circulationEntrySchema = z.object({
  id: z.string(),
  recipientId: z.uuid(),
  recipientName: z.string(),
  sentByName: z.string(),
  sentAt: when,
  readAt: when.nullable(),
  note: z.string().nullable(),
});

export const issueDetailSchema = issueSummarySchema.extend({
  editorNote: z.string().nullable(),
  distribution: z.object({ bao: z.string(), song: z.string(), fa: z.string() }),
  printCount: z.number().int(),
  responsibleEditorId: z.uuid().nullable(),
  signerId: z.uuid().nullable(),
  signedByName: z.string().nullable(),
  signedAt: when.nullable(),
  lockedAt: when.nullable(),
  secrecy: z.enum(SECRECY_LEVELS),
  publicationKind: z.string(),
  items: z.array(issueItemSchema),
  files: z.array(issueFileSchema),
  circulation: z.array(circulationEntrySchema),
});
export type IssueDetail = z.infer<typeof issueDetailSchema>;

export const issuePageSchema = z.object({
  items: z.array(issueSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type IssuePage = z.infer<typeof issuePageSchema>;

export const candidatesSchema = z.object({
  items: z.array(
    z.object({
      itemId: z.uuid(),
      serial: z.number().int(),
      title: z.string(),
      unitName: z.string(),
      categoryLabel: z.string(),
      secrecy: z.enum(SECRECY_LEVELS),
      priority: z.enum(ITEM_PRIORITIES),
      acceptedAt: when.nullable(),
      targetPublicationId: z.uuid().nullable(),
      targetPublicationName: z.string().nullable(),
    }),
  ),
});
export type Candidates = z.infer<typeof candidatesSchema>;

export const staffSchema = z.array(
  z.object({ id: z.uuid(), displayName: z.string(), roles: z.array(z.string()) }),
);
export type StaffList = z.infer<typeof staffSchema>;
