import { z } from 'zod';
import { blankToUndefined, optionalText, text, yearField } from '../../lib/schema-fields.ts';

import { PHONE_MESSAGE, PHONE_PATTERN } from '../users/index.ts';
import type { FILING_FIELDS } from './fields.ts';

/** A mobile or a landline with its area code: the rule of the users' contact phone. */
const phone = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(32, `${what}：${PHONE_MESSAGE}`)
    .refine((v) => PHONE_PATTERN.test(v), `${what}：${PHONE_MESSAGE}`);
/** The 信息员's own mobile: the one the SMS reminders go to. */
const mobile = z
  .string({ error: '请填写信息员手机' })
  .trim()
  .min(1, '请填写信息员手机')
  .refine((v) => /^1[3-9]\d{9}$/.test(v) && PHONE_PATTERN.test(v), '信息员手机应为 11 位手机号码');
const email = z
  .string({ error: '邮箱格式不正确' })
  .trim()
  .max(254, '邮箱不能超过 254 个字符')
  .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, '信息员邮箱格式不正确')
  .nullish()
  .transform((v) => v || null);

export const filingParams = z.object({ unitId: z.uuid('单位编号格式不正确'), year: yearField });

export const filingBody = z.object({
  leaderName: text('分管领导姓名', 40),
  leaderTitle: text('分管领导职务', 60),
  leaderPhone: phone('分管领导电话'),
  reporterName: text('信息员姓名', 40),
  reporterTitle: optionalText('信息员职务', 60),
  reporterPhone: phone('信息员办公电话'),
  reporterMobile: mobile,
  reporterEmail: email,
  /** The version the form was read at; absent (or 0) for a first filing. */
  version: z.number({ error: '版本号须为数字' }).int().min(0).optional(),
});
export type FilingInput = z.output<typeof filingBody>;

export const listQuery = z.object({
  year: z.preprocess(blankToUndefined, yearField.optional()),
  /** Office view: only filed or only missing units. */
  status: z.preprocess(
    blankToUndefined,
    z.enum(['filed', 'missing'], { error: '状态只能是已备案或未备案' }).optional(),
  ),
});
export type ListQuery = z.output<typeof listQuery>;

export const exportQuery = z.object({
  year: z.preprocess(blankToUndefined, yearField.optional()),
  officeId: z.preprocess(blankToUndefined, z.uuid('办公室编号格式不正确').optional()),
});
export type ExportQuery = z.output<typeof exportQuery>;

const orgRef = z.object({ id: z.uuid(), name: z.string() });
const unitRef = z.object({ id: z.uuid(), name: z.string(), shortName: z.string() });
const nullableText = z.string().nullable();

export const filingSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  year: z.number().int(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  leaderPhone: z.string(),
  reporterName: z.string(),
  reporterTitle: nullableText,
  reporterPhone: z.string(),
  reporterMobile: nullableText,
  reporterEmail: nullableText,
  filedByName: z.string(),
  filedAt: z.date(),
  updatedAt: z.date(),
  /** Who saved the current version (the first filer for version 1). */
  lastChangedByName: z.string(),
  version: z.number().int(),
});
export type FilingView = z.infer<typeof filingSchema>;

export const FILING_STATUS_LABELS = { filed: '已备案', missing: '未备案' } as const;

const officeRowSchema = z.object({
  unit: unitRef,
  status: z.enum(['filed', 'missing']),
  statusLabel: z.string(),
  filing: filingSchema.nullable(),
  /** Why the filing looks out of date (its 信息员 is no longer the unit's), or null. */
  outdated: z.string().nullable(),
});

export const registrySchema = z.object({
  year: z.number().int(),
  /** For office editors: each of their offices with all its active member units. */
  offices: z.array(
    z.object({
      office: orgRef,
      total: z.number().int(),
      filed: z.number().int(),
      missing: z.number().int(),
      /** Filed, but naming a 信息员 who is no longer the unit's. */
      outdated: z.number().int(),
      units: z.array(officeRowSchema),
      missingUnits: z.array(unitRef),
    }),
  ),
  /** The caller's own units (a lower office files to the office above): their filing or none. */
  own: z.array(
    z.object({
      unit: unitRef,
      office: orgRef,
      filing: filingSchema.nullable(),
      /** `file` (nothing yet) or `update`; empty for a year that may no longer be changed. */
      actions: z.array(z.string()),
    }),
  ),
});

const filingDataSchema = z.object({
  leaderName: nullableText,
  leaderTitle: nullableText,
  leaderPhone: nullableText,
  reporterName: nullableText,
  reporterTitle: nullableText,
  reporterPhone: nullableText,
  reporterMobile: nullableText,
  reporterEmail: nullableText,
}) satisfies z.ZodType<Record<(typeof FILING_FIELDS)[number], string | null>>;

export const filingResultSchema = z.object({ filing: filingSchema, changed: z.boolean() });

export const revisionsSchema = z.object({
  unit: unitRef,
  year: z.number().int(),
  revisions: z.array(
    z.object({
      version: z.number().int(),
      changedByName: z.string(),
      changedAt: z.date(),
      data: filingDataSchema,
      changes: z.array(
        z.object({ field: z.string(), label: z.string(), before: nullableText, after: nullableText }),
      ),
    }),
  ),
});
