import { z } from 'zod';
import { ITEM_PRIORITIES, ITEM_STATUSES } from '../../db/schema/index.ts';
import { DATE_RULE, isIsoDate } from '../orgs/index.ts';
import { createItemBody } from './schemas.ts';

/** Request schemas of the workflow endpoints (transitions, batch, adoptions, joint reports). */

/** The transitions reachable through POST /api/items/:id/actions/:action. */
export const TRANSITION_ACTIONS = [
  'submit_for_signoff',
  'withdraw',
  'sign',
  'signer_return',
  'resubmit',
  'return',
  'reject',
  'accept',
  'forward',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const BATCH_ACTIONS = ['accept', 'return', 'reject'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

/** 全文采用 / 摘要采用 / 综合采用 / 约稿采用. */
export const ADOPTION_KINDS = ['全文采用', '摘要采用', '综合采用', '约稿采用'] as const;

export const REASON_MAX = 500;
export const BATCH_MAX = 100;
export const MERGE_MAX = 30;

const version = z.number({ error: '缺少版本号（version）' }).int().min(1, '版本号不正确');
/** Free text that may be left out; blank counts as left out. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .optional()
    .transform((v) => (v ? v : undefined));
const itemId = z.uuid('信息 ID 格式不正确');

export const itemIdParams = z.object({ id: itemId });

export const actionParams = z.object({
  id: itemId,
  action: z.enum(TRANSITION_ACTIONS, { error: '不支持的操作' }),
});

export const actionBody = z.object({
  version,
  reason: optionalText(REASON_MAX),
  targetPublicationId: z.uuid('刊物 ID 格式不正确').optional(),
});
export type ActionInput = z.infer<typeof actionBody>;

const distinctIds = (min: number, max: number, tooFew: string) =>
  z
    .array(itemId)
    .min(min, tooFew)
    .max(max, `一次最多选择 ${max} 条信息`)
    .refine((ids) => new Set(ids).size === ids.length, '所选信息有重复');

export const batchBody = z.object({
  action: z.enum(BATCH_ACTIONS, { error: '批量操作只支持拟采用、退回和退稿' }),
  ids: distinctIds(1, BATCH_MAX, '请至少选择一条信息'),
  reason: optionalText(REASON_MAX),
  targetPublicationId: z.uuid('刊物 ID 格式不正确').optional(),
  /** The version the client saw for each item; an item left out is not version-checked. */
  versions: z.record(z.string(), version).optional(),
});
export type BatchInput = z.infer<typeof batchBody>;

export const batchResult = z.object({
  results: z.array(
    z.object({ id: z.string(), serial: z.number(), status: z.enum(ITEM_STATUSES), version: z.number() }),
  ),
});

export const adoptionBody = z.object({
  publicationId: z.uuid('请选择采用刊物'),
  adoptionKind: z.enum(ADOPTION_KINDS, { error: '采用类型应为全文采用、摘要采用、综合采用或约稿采用' }),
  adoptedOn: z.string().trim().refine(isIsoDate, DATE_RULE),
  issueLabel: optionalText(50),
  note: optionalText(500),
});
export type AdoptionInput = z.infer<typeof adoptionBody>;

export const adoptionParams = z.object({ id: itemId, adoptionId: z.uuid('采用登记 ID 格式不正确') });

/** Optional as a whole, so a DELETE sent without a body gets the missing-reason message. */
export const deleteAdoptionBody = z.object({ reason: optionalText(REASON_MAX) }).nullish();

export const mergeBody = z.object({
  ids: distinctIds(2, MERGE_MAX, '合报至少需要选择两条信息'),
  // The merged text obeys the same rules as any item's.
  title: createItemBody.shape.title,
  body: createItemBody.shape.body,
  categoryCode: createItemBody.shape.categoryCode,
  priority: z.enum(ITEM_PRIORITIES, { error: '紧急程度不正确' }).optional(),
  reason: optionalText(REASON_MAX),
  /** The version the client saw for each source item; an item left out is not version-checked. */
  versions: z.record(z.string(), version).optional(),
});
export type MergeInput = z.infer<typeof mergeBody>;
