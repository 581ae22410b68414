import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { SecurityPolicy } from '../../../config.ts';
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
  const locked = () => {
    const until = user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
    const minutes = until ? Math.ceil((until.getTime() - now.getTime()) / 60_000) : policy.lockoutMinutes;
    return new AppError(401, 'ACCOUNT_LOCKED', `账号已锁定，请 ${minutes} 分钟后再试，或联系管理员解锁`);
  };
  const auditLocked = () =>
    ctx.db.transaction((tx) =>
      recordAudit(tx, who, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.username,
        diff: { reason: '账号已锁定' },
      }),
    );
  if (user.lockedUntil && user.lockedUntil > now) {
    await auditLocked();
    throw locked();
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const outcome = await countFailure(ctx, user.id, policy, now, who, user.username);
    if (outcome === 'already_locked') throw locked();
    if (outcome === 'locked')
      throw new AppError(
        401,
        'ACCOUNT_LOCKED',
        `密码连续错误 ${policy.lockoutThreshold} 次，账号已锁定 ${policy.lockoutMinutes} 分钟`,
      );
    // The same answer as for an unknown username: nothing tells whether the account exists.
    throw new AppError(401, 'LOGIN_FAILED', WRONG);
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
  const opened = await ctx.db.transaction(async (tx) => {
    // Only while still unlocked: wrong passwords racing this one may have locked it meanwhile.
    const [unlocked] = await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
      .where(and(eq(users.id, user.id), notLockedAt(now)))
      .returning({ id: users.id });
    if (!unlocked) return null;
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
  if (opened) return opened;
  await auditLocked();
  throw locked();
}

/** The account is not locked at `now` (never locked, or the lock has run out). */
const notLockedAt = (now: Date) => or(isNull(users.lockedUntil), lte(users.lockedUntil, now));

/**
 * Counts one wrong password in a single statement, so concurrent attempts each count: the row lock
 * of the UPDATE serialises them and each sees the count the previous one left. The attempt that
 * reaches the threshold locks the account in the same statement; attempts that arrive after that
 * match no row and find the account locked.
 */
async function countFailure(
  ctx: AppContext,
  userId: string,
  policy: SecurityPolicy,
  now: Date,
  who: AuditContext,
  username: string,
): Promise<'counted' | 'locked' | 'already_locked'> {
  const lockUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
  const reaches = sql`${users.failedAttempts} + 1 >= ${policy.lockoutThreshold}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        failedAttempts: sql`case when ${reaches} then 0 else ${users.failedAttempts} + 1 end`,
        lockedUntil: sql`case when ${reaches} then ${lockUntil.toISOString()}::timestamptz else null end`,
      })
      .where(and(eq(users.id, userId), notLockedAt(now)))
      .returning({ failedAttempts: users.failedAttempts, lockedUntil: users.lockedUntil });
    const target = { targetType: 'user', targetId: userId, targetLabel: username } as const;
    if (!row) {
      await recordAudit(tx, who, { action: 'auth.login_failed', ...target, diff: { reason: '账号已锁定' } });
      return 'already_locked';
    }
    const locked = row.lockedUntil !== null;
    const attempts = locked ? policy.lockoutThreshold : row.failedAttempts;
    await recordAudit(tx, who, {
      action: 'auth.login_failed',
      ...target,
      diff: { reason: '密码错误', attempts },
    });
    if (!locked) return 'counted';
    await recordAudit(tx, who, {
      action: 'auth.account_locked',
      ...target,
      diff: { minutes: policy.lockoutMinutes },
    });
    return 'locked';
  });
}
