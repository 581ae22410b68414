import { z } from 'zod';
import {
  ISSUE_STATUSES,
  ITEM_PRIORITIES,
  ITEM_STATUSES,
  PORTAL_QUEUE_STATUSES,
  SECRECY_LEVELS,
} from '../../db/schema/index.ts';
import { pageQueryFields } from '../../lib/pagination.ts';
import { normaliseBody, normaliseTitle, TITLE_MAX, titleTooLong } from './body.ts';
import { TRANSITIONS } from './workflow.ts';

export const BODY_MAX = 20_000;
export const KEYWORDS_MAX = 10;
export const KEYWORD_MAX = 20;

const ABILITIES = ['edit', ...TRANSITIONS.map((t) => t.action)] as const;
const status = z.enum(ITEM_STATUSES, { error: '状态不正确' });
const priority = z.enum(ITEM_PRIORITIES, {
  error: '紧急程度须为 normal（普通）、urgent（紧急）或 for_reading（送阅件）',
});
const secrecy = z.enum(SECRECY_LEVELS, {
  error: '密级须为 public（普通）、secret（秘密）或 confidential（机密）',
});

/** Titles are one line; the limit counts characters after trimming. */
const title = z
  .string({ error: '请填写标题' })
  .transform(normaliseTitle)
  .pipe(
    z
      .string()
      .min(1, '请填写标题')
      .max(TITLE_MAX, {
        error: (i) => titleTooLong(String(i.input).length),
      }),
  );

/** The body as paragraphs, normalised before the limit is checked (pasted indentation does not count). */
const body = z
  .string({ error: '请填写正文' })
  .transform(normaliseBody)
  .pipe(
    z
      .string()
      .min(1, '请填写正文')
      .max(BODY_MAX, {
        error: (i) => `正文过长，不能超过 ${BODY_MAX} 字（当前 ${String(i.input).length} 字）`,
      }),
  );

const categoryCode = z
  .string({ error: '请选择信息类别' })
  .trim()
  .min(1, '请选择信息类别')
  .max(32, '信息类别不正确');

const keywords = z
  .array(
    z
      .string()
      .transform((k) => k.replace(/[\s\u3000]+/g, ' ').trim())
      .pipe(z.string().min(1, '关键词不能为空').max(KEYWORD_MAX, `每个关键词不超过 ${KEYWORD_MAX} 字`)),
  )
  .max(KEYWORDS_MAX, `关键词最多 ${KEYWORDS_MAX} 个`)
  .transform((list) => [...new Set(list)]);

/** Office and mobile numbers as people write them: digits with 区号 dashes, spaces, 转 extensions. */
const authorPhone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .min(1, '请填写联系电话')
  .max(40, '联系电话不超过 40 个字符')
  .regex(/^[0-9+\-\s()（）转,，/]+$/, '联系电话只能包含数字、“-”、空格、括号和“转”');

const eventAt = z.iso.datetime({ offset: true, error: '事件时间格式不正确' });

export const createItemBody = z.object({
  title,
  body,
  categoryCode,
  /** Omitted: 普通, or 紧急 for a follow-up (续报) of an urgent report. */
  priority: priority.optional(),
  secrecy,
  keywords: keywords.optional(),
  authorPhone,
  eventAt: eventAt.nullish(),
  followUpOfId: z.uuid('续报的原信息 ID 格式不正确').nullish(),
  /** The 约稿 the item answers: issued, not closed, sent to the writer's unit. */
  commissionId: z.uuid('约稿编号格式不正确').nullish(),
  /** The office's 报送要点 the item belongs to: published, its period not over. */
  topicId: z.uuid('报送要点编号格式不正确').nullish(),
});
export type CreateItemInput = z.output<typeof createItemBody>;

export const updateItemBody = z.object({
  title: title.optional(),
  body: body.optional(),
  categoryCode: categoryCode.optional(),
  priority: priority.optional(),
  secrecy: secrecy.optional(),
  keywords: keywords.optional(),
  authorPhone: authorPhone.optional(),
  eventAt: eventAt.nullish(),
  /** Links the item to a 约稿 (null unlinks); only the item's own unit, before it is submitted. */
  commissionId: z.uuid('约稿编号格式不正确').nullish(),
  /** Tags the item to a 报送要点 (null removes the tag). */
  topicId: z.uuid('报送要点编号格式不正确').nullish(),
  version: z.number({ error: '缺少版本号' }).int().min(1),
  reason: z.string().trim().max(200, '修改说明不超过 200 字').optional(),
});
export type UpdateItemInput = z.output<typeof updateItemBody>;

export const idParams = z.object({ id: z.uuid('信息 ID 格式不正确') });
export const versionParams = z.object({
  id: z.uuid('信息 ID 格式不正确'),
  no: z.coerce.number({ error: '版本号须为正整数' }).int('版本号须为正整数').min(1, '版本号须为正整数'),
});
const versionNo = z.coerce
  .number({ error: '版本号须为正整数' })
  .int('版本号须为正整数')
  .min(1, '版本号须为正整数');
export const diffQuery = z.object({ from: versionNo, to: versionNo });

export const ITEM_BOXES = ['mine', 'signoff', 'inbox', 'forwarded'] as const;
export type ItemBox = (typeof ITEM_BOXES)[number];
export const ITEM_SORTS = ['submittedAt', 'createdAt', 'updatedAt', 'deadline'] as const;

const day = z.iso.date({ error: '日期须为 YYYY-MM-DD' });
export const listQuery = z.object({
  box: z.enum(ITEM_BOXES, { error: '列表须为 mine、signoff、inbox 或 forwarded' }),
  status: status.optional(),
  unitId: z.uuid('单位 ID 格式不正确').optional(),
  groupCode: z.string().trim().min(1).max(32).optional(),
  categoryCode: z.string().trim().min(1).max(32).optional(),
  priority: priority.optional(),
  from: day.optional(),
  to: day.optional(),
  q: z.string().trim().max(100, '搜索词不超过 100 字').optional(),
  sort: z.enum(ITEM_SORTS, { error: '排序字段不正确' }).optional(),
  order: z.enum(['asc', 'desc'], { error: '排序方向须为 asc 或 desc' }).optional(),
  ...pageQueryFields(),
});
export type ItemListQuery = z.output<typeof listQuery>;
/** A queue's Excel export: the list's query without the page (same box, filters and order). */
export const listExportQuery = listQuery.omit({ page: true, pageSize: true });
export type ItemListFilter = z.output<typeof listExportQuery>;

const ref = z.object({ id: z.uuid(), name: z.string() });
const when = z.string();

export const timelineEventSchema = z.object({
  at: when,
  actorName: z.string(),
  actorUnitName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: status.nullable(),
  toStatus: status.nullable(),
  reason: z.string().nullable(),
  /** Set on events of the forwarded copies (the upward chain): the office that holds the copy. */
  officeName: z.string().nullable(),
});

export const adoptionSchema = z.object({
  id: z.uuid(),
  publicationName: z.string(),
  adoptionKind: z.string(),
  adoptedOn: z.string(),
  issueLabel: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: when,
});

export const versionInfoSchema = z.object({
  versionNo: z.number().int(),
  editorName: z.string(),
  reason: z.string(),
  createdAt: when,
});

/** A leader's instruction on the item (批示标记), at this office or one above. */
const instructionMarkerSchema = z.object({
  id: z.uuid(),
  leaderName: z.string(),
  leaderTitle: z.string().nullable(),
  level: z.string(),
  levelLabel: z.string(),
  instructedOn: z.string(),
  text: z.string(),
});

export const itemDetailSchema = z.object({
  instructions: z.array(instructionMarkerSchema),
  id: z.uuid(),
  serial: z.number().int(),
  title: z.string(),
  body: z.string(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  priority,
  secrecy,
  keywords: z.array(z.string()),
  status,
  statusLabel: z.string(),
  office: ref,
  submittingUnit: ref,
  originUnit: ref,
  author: z.object({ id: z.uuid().nullable(), name: z.string(), phone: z.string().nullable() }),
  /** The origin unit's sign-off; null while the item waits for it (again). */
  signer: z.object({ name: z.string(), signedAt: when.nullable() }).nullable(),
  /** On an upper office's copy: the lower office's editor who forwarded it (转报人). */
  forwardedBy: z.object({ name: z.string(), unitName: z.string().nullable(), at: when }).nullable(),
  eventAt: when.nullable(),
  submittedAt: when.nullable(),
  deadlineAt: when.nullable(),
  overdue: z.boolean(),
  targetPublication: ref.nullable(),
  forwardedFrom: z.object({ id: z.uuid(), officeName: z.string(), status }).nullable(),
  forwardedTo: z.object({ id: z.uuid(), officeName: z.string(), status }).nullable(),
  followUpOf: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  /** The 约稿 the item answers. */
  commission: z.object({ id: z.uuid(), topic: z.string(), numberLabel: z.string().nullable() }).nullable(),
  /** The 报送要点 the item is tagged to. */
  topic: z.object({ id: z.uuid(), title: z.string(), periodLabel: z.string() }).nullable(),
  followUps: z.array(z.object({ id: z.uuid(), title: z.string(), status })),
  mergedInto: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  /** `share` in thousandths (1000 = the whole credit). */
  credits: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), share: z.number().int() })),
  adoptions: z.array(adoptionSchema),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      url: z.string(),
    }),
  ),
  versions: z.array(versionInfoSchema),
  currentVersion: z.number().int(),
  /** The version the office received in the latest hand-over (单位报送稿); null before any. */
  submittedVersion: z.number().int().nullable(),
  timeline: z.array(timelineEventSchema),
  /** The issue (期) the item is in, once an editor put it into one. */
  issue: z
    .object({
      id: z.uuid(),
      label: z.string(),
      publicationName: z.string(),
      status: z.enum(ISSUE_STATUSES),
    })
    .nullable(),
  /** Its entry in the portal queue (网站推送), if it was ever queued. */
  portal: z.object({ status: z.enum(PORTAL_QUEUE_STATUSES), statusLabel: z.string() }).nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(ABILITIES)),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

/** An upper adoption as a list row shows it. */
export const summaryAdoptionSchema = z.object({
  id: z.uuid(),
  publicationId: z.uuid(),
  publicationName: z.string(),
  adoptionKind: z.string(),
  adoptedOn: z.string(),
  issueLabel: z.string().nullable(),
});

export const itemSummarySchema = z.object({
  id: z.uuid(),
  serial: z.number().int(),
  title: z.string(),
  status,
  statusLabel: z.string(),
  priority,
  secrecy,
  categoryLabel: z.string(),
  submittingUnit: z.object({ id: z.uuid(), name: z.string(), groupCode: z.string().nullable() }),
  originUnit: ref,
  authorName: z.string(),
  submittedAt: when.nullable(),
  updatedAt: when,
  deadlineAt: when.nullable(),
  overdue: z.boolean(),
  forwardedTo: z.object({ status, officeName: z.string() }).nullable(),
  adoptionCount: z.number().int(),
  /** How many 批示 the item drew (here or above); the list shows a 批 marker. */
  instructionCount: z.number().int(),
  /** The upper adoptions recorded on this item, oldest first. */
  adoptions: z.array(summaryAdoptionSchema),
  version: z.number().int(),
  actions: z.array(z.enum(ABILITIES)),
});
export type ItemSummary = z.infer<typeof itemSummarySchema>;

export const itemPageSchema = z.object({
  items: z.array(itemSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});

export const versionSchema = z.object({
  versionNo: z.number().int(),
  title: z.string(),
  body: z.string(),
  editorName: z.string(),
  reason: z.string(),
  createdAt: when,
});

const segment = z.object({ type: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  title: z.array(segment),
  body: z.array(segment),
});

/** The 转报与采用 statistics take the list's filters, without paging or order. */
export const forwardedSummaryQuery = listQuery.omit({
  box: true,
  sort: true,
  order: true,
  page: true,
  pageSize: true,
});
export type ForwardedSummaryQuery = z.output<typeof forwardedSummaryQuery>;

export const forwardedSummarySchema = z.object({
  /** Forwarded items matching the filters. */
  forwarded: z.number().int(),
  /** Of those, the items with at least one upper adoption. */
  adopted: z.number().int(),
  /** Adoptions recorded on them (an item may be adopted by several publications). */
  adoptions: z.number().int(),
  /** The upper publications (nearest office first), then any other publication that adopted one. */
  byPublication: z.array(
    z.object({
      publicationId: z.uuid(),
      publicationName: z.string(),
      officeName: z.string(),
      count: z.number().int(),
    }),
  ),
  /**
   * The office that ranks the caller's office (its parent), whose 考评排名 scores these adoptions
   * under its 考核办法; null for an office with none above it.
   */
  rankingOfficeId: z.uuid().nullable(),
});
export type ForwardedSummary = z.infer<typeof forwardedSummarySchema>;
