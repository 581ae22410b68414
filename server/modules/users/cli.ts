import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { orgs, ROLES, type Role } from '../../db/schema/index.ts';
import { findUserByUsername } from '../../lib/actor.ts';
import { type AuditContext, SYSTEM_CONTEXT } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { createUser } from './commands/create-user.ts';
import { resetUserPassword } from './commands/reset-user-password.ts';

/** Who the audit log names for accounts added at the server's console. */
const CONSOLE_CONTEXT: AuditContext = { ...SYSTEM_CONTEXT, actorName: '控制台操作员（xinbao user add）' };

/**
 * `xinbao user add`: for operators at the console; the account must change its password first.
 * Same rules as the API (password policy in force, 三员分立), except that admin roles may be given.
 */
export async function addUserFromCli(
  db: Db,
  config: Config,
  opts: { username: string; name: string; unit: string; role: string; password: string; phone?: string },
): Promise<void> {
  const roles = opts.role.split(',').map((r) => r.trim()) as Role[];
  const bad = roles.filter((r) => !ROLES.includes(r));
  if (bad.length) throw new Error(`未知角色：${bad.join('、')}`);
  const [unit] = await db.select().from(orgs).where(eq(orgs.code, opts.unit));
  if (!unit) throw new Error(`单位编码 ${opts.unit} 不存在`);
  const input = {
    username: opts.username,
    displayName: opts.name,
    phone: opts.phone,
    unitIds: [unit.id],
    primaryUnitId: unit.id,
    roles,
    password: opts.password,
  };
  try {
    // An operator at the console: the roles are in force at once, audited as the console's.
    await createUser({ db, config }, input, CONSOLE_CONTEXT, { allowAdminRoles: true });
  } catch (e) {
    if (e instanceof AppError && e.statusCode === 409) throw new Error(`用户名 ${opts.username} 已存在`);
    throw e;
  }
  console.log(`已创建账号 ${opts.username}（${opts.name}，${unit.name}），首次登录须修改密码`);
}

/** `xinbao user reset-password`: also clears a lockout; the user must change it at next login. */
export async function resetPasswordFromCli(
  db: Db,
  config: Config,
  opts: { username: string; password: string },
): Promise<void> {
  const user = await findUserByUsername(db, opts.username);
  if (!user) throw new Error(`用户 ${opts.username} 不存在`);
  await resetUserPassword({ db, config }, null, user.id, opts.password, SYSTEM_CONTEXT);
  console.log(`已重置 ${opts.username} 的密码并解除锁定，下次登录须修改密码`);
}
