import type { Role } from '../db/schema/auth.ts';

/** Chinese names of the roles, shown in the UI and in exports. Pure: the web imports it too. */
export const ROLE_LABELS: Record<Role, string> = {
  reporter: '信息员',
  unit_signer: '审核签发人',
  editor: '编辑',
  chief_editor: '主编/签发领导',
  leader: '领导',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计员',
};

/** The separated administration roles (三员分立); a user holds at most one of them. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
/** Roles that do information work. */
export const BUSINESS_ROLES: readonly Role[] = [
  'reporter',
  'unit_signer',
  'editor',
  'chief_editor',
  'leader',
];
