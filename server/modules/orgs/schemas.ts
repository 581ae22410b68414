import { z } from 'zod';
import {
  CODE_PATTERN,
  CODE_RULE,
  DATE_RULE,
  IP_RANGE_RULE,
  isEmail,
  isIsoDate,
  normalizeIpRanges,
  TEXT_LIMITS,
} from './fields.ts';

export const ORG_ACTIONS = ['update', 'move', 'deactivate', 'reactivate', 'updateContacts'] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

const kind = z.enum(['office', 'unit']);
const level = z.enum(['county', 'city', 'province', 'national']);

/** Optional free text: trimmed; '' and null clear the field; undefined leaves it alone. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

const isoDate = z.string().trim().refine(isIsoDate, DATE_RULE);
const optionalDate = isoDate
  .or(z.literal(''))
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));

const ipRanges = z
  .string()
  .trim()
  .max(TEXT_LIMITS.netIpRange)
  .nullable()
  .optional()
  .refine((v) => !v || normalizeIpRanges(v) !== null, IP_RANGE_RULE)
  .transform((v) => (v ? normalizeIpRanges(v) : v === '' ? null : v));

const email = z
  .string()
  .trim()
  .nullable()
  .optional()
  .refine((v) => !v || isEmail(v), '电子邮箱格式不正确')
  .transform((v) => (v === '' ? null : v));

const code = z.string().trim().regex(CODE_PATTERN, CODE_RULE);
const dictionaryCode = z
  .string()
  .trim()
  .max(32)
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));
const version = z.number({ error: '缺少版本号（version）' }).int().min(1);

export const idParams = z.object({ id: z.uuid('单位 ID 格式不正确') });

export const listQuery = z.object({
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  q: z.string().trim().max(50).optional(),
});

const contactFields = {
  contactPerson: text(TEXT_LIMITS.contactPerson),
  contactPhone: text(TEXT_LIMITS.contactPhone),
  contactEmail: email,
  address: text(TEXT_LIMITS.address),
};

const editableFields = {
  code,
  name: z.string().trim().min(1, '请填写单位全称').max(TEXT_LIMITS.name),
  shortName: z.string().trim().min(1, '请填写简称').max(TEXT_LIMITS.shortName),
  kind,
  level: level.nullable().optional(),
  sectionName: text(TEXT_LIMITS.sectionName),
  categoryCode: dictionaryCode,
  groupCode: dictionaryCode,
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  ...contactFields,
  netAccessDate: optionalDate,
  netAccessMethod: text(TEXT_LIMITS.netAccessMethod),
  netIpRange: ipRanges,
  netFilingNo: text(TEXT_LIMITS.netFilingNo),
  validFrom: isoDate.optional(),
  note: text(TEXT_LIMITS.note),
};

export const createOrgBody = z.object({
  ...editableFields,
  parentId: z.uuid('上级单位 ID 格式不正确').nullable().optional(),
});
export type CreateOrgInput = z.output<typeof createOrgBody>;

/** Everything but the parent (moves have their own endpoint and audit event) and the state. */
export const updateOrgBody = z.object(editableFields).partial().extend({ version });
export type UpdateOrgInput = z.output<typeof updateOrgBody>;

export const moveOrgBody = z.object({ parentId: z.uuid('上级单位 ID 格式不正确'), version });
export type MoveOrgInput = z.output<typeof moveOrgBody>;

export const deactivateOrgBody = z.object({
  validTo: isoDate,
  reason: z.string().trim().min(1, '请填写停用原因').max(500),
  successorId: z.uuid('接续单位 ID 格式不正确').nullable().optional(),
  version,
});
export type DeactivateOrgInput = z.output<typeof deactivateOrgBody>;

export const versionBody = z.object({ version });

export const updateContactsBody = z.object({ ...contactFields, version });
export type UpdateContactsInput = z.output<typeof updateContactsBody>;

export const orgSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind,
  level: level.nullable(),
  sectionName: z.string().nullable(),
  categoryCode: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  groupCode: z.string().nullable(),
  groupLabel: z.string().nullable(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  sortOrder: z.number().int(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  netAccessDate: z.string().nullable(),
  netAccessMethod: z.string().nullable(),
  netIpRange: z.string().nullable(),
  netFilingNo: z.string().nullable(),
  active: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  deactivationReason: z.string().nullable(),
  successorId: z.uuid().nullable(),
  successorName: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(ORG_ACTIONS)),
});
export type OrgView = z.infer<typeof orgSchema>;

export const orgListSchema = z.object({ items: z.array(orgSchema) });

export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
