import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { ROLES, type Role, orgs, userRoles, userUnits, users } from '../../db/schema/index.ts';
import { findUserByUsername } from '../../lib/actor.ts';
import { recordAudit, SYSTEM_CONTEXT } from '../../lib/audit.ts';
import { hashPassword, passwordPolicyViolation } from '../auth/password.ts';

/** `xinbao user add`: for operators at the console; the account must change its password first. */
export async function addUserFromCli(
  db: Db,
  config: Config,
  opts: { username: string; name: string; unit: string; role: string; password: string; phone?: string },
): Promise<void> {
  const roles = opts.role.split(',').map((r) => r.trim()) as Role[];
  const bad = roles.filter((r) => !ROLES.includes(r));
  if (bad.length) throw new Error(`未知角色：${bad.join('、')}`);
  const violation = passwordPolicyViolation(opts.password, config.security, opts.username);
  if (violation) throw new Error(`密码不符合密码策略：${violation}`);
  if (await findUserByUsername(db, opts.username)) throw new Error(`用户名 ${opts.username} 已存在`);
  const [unit] = await db.select().from(orgs).where(eq(orgs.code, opts.unit));
  if (!unit) throw new Error(`单位编码 ${opts.unit} 不存在`);
  const passwordHash = await hashPassword(opts.password);
  await db.transaction(async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({ username: opts.username, displayName: opts.name, phone: opts.phone, passwordHash, mustChangePassword: true })
      .returning({ id: users.id });
    await tx.insert(userUnits).values({ userId: u.id, orgId: unit.id, isPrimary: true });
    await tx.insert(userRoles).values(roles.map((role) => ({ userId: u.id, role })));
    await recordAudit(tx, SYSTEM_CONTEXT, {
      action: 'user.created',
      targetType: 'user',
      targetId: u.id,
      targetLabel: opts.username,
      diff: { displayName: opts.name, unit: unit.name, roles },
    });
  });
  console.log(`已创建账号 ${opts.username}（${opts.name}，${unit.name}），首次登录须修改密码`);
}

/** `xinbao user reset-password`: also clears a lockout; the user must change it at next login. */
export async function resetPasswordFromCli(db: Db, config: Config, opts: { username: string; password: string }): Promise<void> {
  const user = await findUserByUsername(db, opts.username);
  if (!user) throw new Error(`用户 ${opts.username} 不存在`);
  const violation = passwordPolicyViolation(opts.password, config.security, opts.username);
  if (violation) throw new Error(`密码不符合密码策略：${violation}`);
  const passwordHash = await hashPassword(opts.password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(tx, SYSTEM_CONTEXT, { action: 'user.password_reset', targetType: 'user', targetId: user.id, targetLabel: user.username });
  });
  console.log(`已重置 ${opts.username} 的密码并解除锁定，下次登录须修改密码`);
}
