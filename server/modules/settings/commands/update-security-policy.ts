import { and, eq, sql } from 'drizzle-orm';
import type { SecurityPolicy } from '../../../config.ts';
import type { AppContext } from '../../../context.ts';
import { settings } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { getSecurityPolicy, SECURITY_POLICY_KEY } from '../../auth/security-policy.ts';

const STALE = '该记录已被他人修改，请刷新后重试';

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
  await ctx.db.transaction(async (tx) => {
    const { version: current, ...before } = await getSecurityPolicy(tx, ctx.config.security);
    if (current !== version) throw conflict(STALE);
    const diff = diffRecords(before, value);
    if (Object.keys(diff).length === 0) return;
    const saved =
      version === 0
        ? await tx
            .insert(settings)
            .values({ key: SECURITY_POLICY_KEY, value, version: 1, updatedBy: actor.userId })
            .onConflictDoNothing()
            .returning({ key: settings.key })
        : await tx
            .update(settings)
            .set({
              value,
              version: sql`${settings.version} + 1`,
              updatedAt: new Date(),
              updatedBy: actor.userId,
            })
            .where(and(eq(settings.key, SECURITY_POLICY_KEY), eq(settings.version, version)))
            .returning({ key: settings.key });
    if (saved.length === 0) throw conflict(STALE);
    await recordAudit(tx, audit, {
      action: 'settings.security_policy_changed',
      targetType: 'settings',
      targetId: SECURITY_POLICY_KEY,
      targetLabel: '安全策略',
      diff,
    });
  });
}
