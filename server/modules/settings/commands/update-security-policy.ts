import type { SecurityPolicy } from '../../../config.ts';
import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { getSecurityPolicy, SECURITY_POLICY_KEY } from '../../auth/index.ts';
import { saveSetting } from '../save-setting.ts';

/**
 * Saves the security administrator's policy over the environment defaults. It applies from the
 * next login, password change and request; existing passwords stay valid until changed.
 * Version 0 means "never saved": the first save inserts the row.
 */
export async function updateSecurityPolicy(
  ctx: AppContext,
  actor: Actor,
  input: SecurityPolicy & { version: number },
  audit: AuditContext,
): Promise<void> {
  const { version, ...next } = input;
  const value: SecurityPolicy = {
    passwordMinLength: next.passwordMinLength,
    passwordMinClasses: next.passwordMinClasses,
    lockoutThreshold: next.lockoutThreshold,
    lockoutMinutes: next.lockoutMinutes,
    sessionIdleMinutes: next.sessionIdleMinutes,
    sessionAbsoluteHours: next.sessionAbsoluteHours,
  };
  await ctx.db.transaction(async (tx) =>
    saveSetting(
      tx,
      actor,
      audit,
      { key: SECURITY_POLICY_KEY, label: '安全策略', action: 'settings.security_policy_changed' },
      await getSecurityPolicy(tx, ctx.config.security),
      value,
      version,
    ),
  );
}
