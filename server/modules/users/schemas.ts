import { z } from 'zod';
import { ROLES } from '../../db/schema/index.ts';
import { PHONE_MESSAGE, PHONE_PATTERN } from './phone.ts';
import { USER_ACTIONS } from './policy.ts';

/** Query strings from forms send empty fields as `x=`; treat them as absent. */
const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Empty clears the phone; anything else must be a mobile or a landline (phone.ts). */
const phone = z
  .string()
  .trim()
  .max(32, PHONE_MESSAGE)
  .refine((v) => v === '' || PHONE_PATTERN.test(v), PHONE_MESSAGE)
  .nullish();
const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, '邮箱格式不正确')
  .nullish();
const displayName = z.string().trim().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字');
const version = z.number({ error: '缺少版本号' }).int().min(0);

export const userIdParams = z.object({ id: z.uuid('用户 ID 格式不正确') });

export const userFilterQuery = z.object({
  q: blank(z.string().trim().max(100)),
  orgId: blank(z.uuid('单位 ID 格式不正确')),
  role: blank(z.enum(ROLES)),
  status: blank(z.enum(['active', 'inactive', 'locked'])),
  sort: blank(z.enum(['username', 'displayName', 'lastLoginAt'])),
  order: blank(z.enum(['asc', 'desc'])),
});
export type UserFilter = z.infer<typeof userFilterQuery>;

export const userListQuery = userFilterQuery.extend({
  page: blank(z.coerce.number().int().min(1).max(100_000)),
  pageSize: blank(z.coerce.number().int().min(1).max(100)),
});

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3, '用户名长度为 3–32 位')
    .max(32, '用户名长度为 3–32 位')
    .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符'),
  displayName,
  phone,
  email,
  unitIds: z.array(z.uuid('单位 ID 格式不正确')).min(1, '请至少选择一个所属单位').max(20),
  primaryUnitId: z.uuid('请选择主单位'),
  roles: z.array(z.enum(ROLES)).min(1, '请至少选择一个角色').max(ROLES.length),
  password: z.string().min(1, '请输入初始密码').max(128),
});

export const updateUserBody = z.object({
  displayName: displayName.optional(),
  phone,
  email,
  unitIds: z.array(z.uuid('单位 ID 格式不正确')).min(1, '请至少选择一个所属单位').max(20).optional(),
  primaryUnitId: z.uuid('请选择主单位').optional(),
  version,
});

export const versionBody = z.object({ version });
export const resetPasswordBody = z.object({ password: z.string().min(1, '请输入新的临时密码').max(128) });
/** Empty only to retire an administrator's account (set-user-roles.ts checks that). */
export const setRolesBody = z.object({ roles: z.array(z.enum(ROLES)).max(ROLES.length), version });

const grantRoles = z.array(z.enum(ROLES)).min(1, '请选择要处理的授权').max(ROLES.length);
export const confirmGrantsBody = z.object({ roles: grantRoles, version });
export const rejectGrantsBody = z.object({
  roles: grantRoles,
  reason: z
    .string({ error: '请填写驳回原因' })
    .trim()
    .min(1, '请填写驳回原因')
    .max(500, '驳回原因不能超过 500 个字'),
  version,
});

/** A business role the system administrator gave, waiting for the security administrator. */
export const pendingGrantSchema = z.object({
  role: z.enum(ROLES),
  grantedByName: z.string(),
  grantedAt: z.string(),
});

/** One account with grants waiting, as the 待确认授权 screen lists it. */
export const pendingGrantRowSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  pendingGrants: z.array(pendingGrantSchema),
  /** Whether the caller may confirm or reject them (not their own account, not their own grant). */
  reviewable: z.boolean(),
  version: z.number().int(),
});
export const pendingGrantListSchema = z.object({ items: z.array(pendingGrantRowSchema) });

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** Roles in force. */
  roles: z.array(z.enum(ROLES)),
  /** Roles granted but not yet confirmed by the security administrator: they give no access. */
  pendingGrants: z.array(pendingGrantSchema),
  units: z.array(z.object({ id: z.uuid(), name: z.string(), shortName: z.string(), isPrimary: z.boolean() })),
  version: z.number().int(),
  actions: z.array(z.enum(USER_ACTIONS)),
});
export type UserView = z.infer<typeof userSchema>;

export const userPageSchema = z.object({
  items: z.array(userSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
