import { z } from 'zod';
import { blankToUndefined, optionalText, text, version } from '../../../lib/schema-fields.ts';
import { isIsoDate } from '../../orgs/index.ts';
import { parseAmount } from '../engine/decimal.ts';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const day = (what: string) =>
  z.string({ error: `请填写${what}` }).refine(isIsoDate, `${what}须为有效日期（如 2026-03-05）`);
const optionalDay = (what: string) => z.preprocess(blankToUndefined, day(what).optional());

/** The most one registration may add or take off. */
export const ADJUSTMENT_LIMIT = 1000;

export const adjustmentIdParams = z.object({ id: uuid('加减分登记') });

export const adjustmentListQuery = z
  .object({
    officeId: z.preprocess(blankToUndefined, uuid('办公室').optional()),
    unitId: z.preprocess(blankToUndefined, uuid('单位').optional()),
    from: optionalDay('开始日期'),
    to: optionalDay('结束日期'),
    /** Revoked registrations are listed too (greyed), unless `active` is asked for. */
    status: z.preprocess(blankToUndefined, z.enum(['active', 'revoked']).optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type AdjustmentListQuery = z.output<typeof adjustmentListQuery>;

export const registerAdjustmentBody = z.object({
  officeId: uuid('办公室').optional(),
  unitId: uuid('单位'),
  on: day('计分日期'),
  /** Signed decimal text: "2", "-0.5". */
  points: z.preprocess(
    (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
    z
      .string({ error: '请填写分值' })
      .trim()
      .refine((v) => parseAmount(v) !== null, '分值须为数字，最多四位小数（减分填负数，如 -2）')
      .refine((v) => parseAmount(v) !== 0, '分值不能为0')
      .refine(
        (v) => Math.abs(parseAmount(v) ?? 0) <= ADJUSTMENT_LIMIT * 10_000,
        `一次加减分不能超过${ADJUSTMENT_LIMIT}分`,
      ),
  ),
  reason: text('加减分事由', 200),
  basis: optionalText('依据', 100),
});
export type RegisterAdjustmentInput = z.output<typeof registerAdjustmentBody>;

export const revokeAdjustmentBody = z.object({ reason: text('撤销理由', 200), version });
export type RevokeAdjustmentInput = z.output<typeof revokeAdjustmentBody>;

export const adjustmentSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  on: z.string(),
  /** Decimal text, signed. */
  points: z.string(),
  reason: z.string(),
  basis: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revokeReason: z.string().nullable(),
  version: z.number(),
});
export type AdjustmentView = z.infer<typeof adjustmentSchema>;

export const adjustmentListSchema = z.object({
  officeId: z.string(),
  /** Whether the caller may register and revoke (the office's 信息科). */
  canManage: z.boolean(),
  rows: z.array(adjustmentSchema),
  /** Sum of the registrations still in force, decimal text. */
  total: z.string(),
});
