import type { Role } from '../../db/schema/index.ts';
import { type Actor, hasRole } from '../../lib/actor.ts';
import { type AppError, conflict, forbidden } from '../../lib/errors.ts';
import { holdsAdminRole } from './role-rules.ts';

export const USER_ACTIONS = [
  'update',
  'resetPassword',
  'unlock',
  'deactivate',
  'activate',
  'setRoles',
  'reviewGrants',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** What the rules need to know about the account being acted on. */
export type UserState = {
  id: string;
  active: boolean;
  lockedUntil: Date | null;
  roles: readonly Role[];
  /** Business roles granted by the system administrator and not yet confirmed. */
  pending?: readonly { role: Role; grantedBy: string | null; grantedByName: string }[];
};

export const isLocked = (u: { lockedUntil: Date | null }, now = new Date()) =>
  !!u.lockedUntil && u.lockedUntil > now;

const ADMIN_ACCOUNT_PASSWORD =
  '三员账号（系统管理员、安全管理员、审计员）的密码不能在此重置，请由运维人员使用命令行 xinbao user reset-password 重置';
const ADMIN_ACCOUNT_DEACTIVATE = '三员账号不能直接停用，请先由安全管理员收回其管理员角色';

/**
 * Why the actor may not take this action on this account, or null when they may. 403 for who
 * the actor is, 409 for the state the account is in. One function serves both the `actions`
 * sent to the UI and the check in each command, so the two never disagree.
 */
function denial(actor: Actor, target: UserState, action: UserAction, now: Date): AppError | null {
  const self = actor.userId === target.id;
  switch (action) {
    case 'update':
      return hasRole(actor, 'sysadmin') ? null : forbidden();
    case 'resetPassword':
      if (!hasRole(actor, 'sysadmin')) return forbidden();
      if (self) return forbidden('不能重置自己的密码，请使用“修改密码”');
      // A system administrator who could reset the auditor's password could read the audit log.
      if (holdsAdminRole(target.roles)) return forbidden(ADMIN_ACCOUNT_PASSWORD);
      return null;
    case 'unlock':
      if (!hasRole(actor, 'sysadmin', 'secadmin')) return forbidden();
      return isLocked(target, now) ? null : conflict('该账号未被锁定');
    case 'deactivate':
      if (!hasRole(actor, 'sysadmin')) return forbidden();
      if (self) return forbidden('不能停用自己的账号');
      if (holdsAdminRole(target.roles)) return forbidden(ADMIN_ACCOUNT_DEACTIVATE);
      return target.active ? null : conflict('该账号已停用');
    case 'activate':
      if (!hasRole(actor, 'sysadmin')) return forbidden();
      return target.active ? conflict('该账号已是启用状态') : null;
    case 'setRoles':
      if (!hasRole(actor, 'secadmin')) return forbidden();
      return self ? forbidden('不能修改自己的角色') : null;
    case 'reviewGrants':
      // 三员分立: a grant takes effect only when someone other than its grantor confirms it.
      if (!hasRole(actor, 'secadmin')) return forbidden();
      if (self) return forbidden('不能确认自己账号的授权');
      if (!target.pending?.length) return conflict('该账号没有待确认的授权');
      if (target.pending.some((g) => g.grantedBy === actor.userId))
        return forbidden('不能确认或驳回自己授予的角色');
      return null;
  }
}

/** The actions the UI may offer on this account. */
export function userActions(actor: Actor, target: UserState, now = new Date()): UserAction[] {
  return USER_ACTIONS.filter((a) => denial(actor, target, a, now) === null);
}

/** Throws the reason when the actor may not take the action; commands call it before writing. */
export function authorizeUserAction(
  actor: Actor,
  target: UserState,
  action: UserAction,
  now = new Date(),
): void {
  const reason = denial(actor, target, action, now);
  if (reason) throw reason;
}
