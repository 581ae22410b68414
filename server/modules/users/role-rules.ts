import type { Role } from '../../db/schema/auth.ts';
import { ADMIN_ROLES } from '../../lib/roles.ts';

/**
 * The separated administration rule (三员分立) on one account's roles: at most one admin role,
 * never beside a business role. Pure, so the web can check a form before sending it.
 * Returns a Chinese reason, or null when the set is allowed.
 */
export function roleSetViolation(roles: readonly Role[]): string | null {
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1) return '一个账号只能担任一种管理员角色（三员分立）';
  if (admin.length === 1 && roles.length > 1) return '管理员角色不能与业务角色兼任（三员分立）';
  return null;
}

export const holdsAdminRole = (roles: readonly Role[]) => roles.some((r) => ADMIN_ROLES.includes(r));
