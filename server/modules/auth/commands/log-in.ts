import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { users } from '../../../db/schema/index.ts';
import { findUserByUsername, loadMembership } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { AppError } from '../../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../password.ts';
import { getSecurityPolicy } from '../security-policy.ts';
import { createSession } from '../sessions.ts';

const WRONG = '用户名或密码错误';

let dummy: Promise<string> | null = null;
const dummyHash = () => {
  dummy ??= hashPassword('xinbao-timing-equaliser');
  return dummy;
};

/**
 * Checks credentials, applies the lockout rule and opens a session. Failures are audited too,
 * in their own transaction, so the attempt counter and the audit row always agree.
 */
export async function logIn(
  ctx: AppContext,
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; userId: string; mustChangePassword: boolean }> {
  const policy = await getSecurityPolicy(ctx.db, ctx.config.security);
  const audit: AuditContext = {
    actorId: null,
    actorName: input.username,
    unitId: null,
    unitName: null,
    ...meta,
  };
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user) {
    // Spend the same time as a real check, so response times do not reveal which usernames exist.
    await verifyPassword(await dummyHash(), input.password);
    await ctx.db.transaction((tx) =>
      recordAudit(tx, audit, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetLabel: input.username,
        diff: { reason: '用户不存在' },
      }),
    );
    throw new AppError(401, 'LOGIN_FAILED', WRONG);
  }
  // The account's primary unit, so the auditor can filter logins and failures by unit too.
  const { units } = await loadMembership(ctx.db, user.id);
  const unit = units.find((u) => u.isPrimary) ?? units[0];
  const who: AuditContext = {
    ...audit,
    actorId: user.id,
    actorName: `${user.displayName}（${user.username}）`,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
  };
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    await ctx.db.transaction((tx) =>
      recordAudit(tx, who, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.username,
        diff: { reason: '账号已锁定' },
      }),
    );
    throw new AppError(401, 'ACCOUNT_LOCKED', `账号已锁定，请 ${minutes} 分钟后再试，或联系管理员解锁`);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const attempts = user.failedAttempts + 1;
    const lock = attempts >= policy.lockoutThreshold;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set(
          lock
            ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000) }
            : { failedAttempts: attempts },
        )
        .where(eq(users.id, user.id));
      await recordAudit(tx, who, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.username,
        diff: { reason: '密码错误', attempts },
      });
      if (lock) {
        await recordAudit(tx, who, {
          action: 'auth.account_locked',
          targetType: 'user',
          targetId: user.id,
          targetLabel: user.username,
          diff: { minutes: policy.lockoutMinutes },
        });
      }
    });
    if (lock)
      throw new AppError(
        401,
        'ACCOUNT_LOCKED',
        `密码连续错误 ${policy.lockoutThreshold} 次，账号已锁定 ${policy.lockoutMinutes} 分钟`,
      );
    const left = policy.lockoutThreshold - attempts;
    throw new AppError(401, 'LOGIN_FAILED', `${WRONG}，再错 ${left} 次账号将被锁定`);
  }
  if (!user.active) {
    await ctx.db.transaction((tx) =>
      recordAudit(tx, who, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.username,
        diff: { reason: '账号已停用' },
      }),
    );
    throw new AppError(401, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
  }
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, policy, meta);
    await recordAudit(tx, who, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      targetLabel: user.username,
    });
    return {
      token: session.token,
      csrfToken: session.csrfToken,
      userId: user.id,
      mustChangePassword: user.mustChangePassword,
    };
  });
}
