import type { Config } from '../../config.ts';
import { recordAudit, SYSTEM_CONTEXT } from '../../lib/audit.ts';
import { hashPassword, passwordPolicyViolation } from '../../modules/auth/index.ts';
import type { Db } from '../client.ts';
import { type OfficeLevel, orgs, type Role, userRoles, users, userUnits } from '../schema/index.ts';
import { isDatabaseEmpty } from './demo.ts';
import { seedDictionaries } from './dictionaries.ts';

const LEVELS: OfficeLevel[] = ['county', 'city', 'province'];

/**
 * An empty production installation: the dictionaries, the installation's own office and the
 * three separated administrators, each of whom must change the password at first login.
 */
export async function initInstallation(
  db: Db,
  config: Config,
  opts: { office: string; shortName?: string; level: string; password: string },
): Promise<{ usernames: string[] }> {
  if (!(await isDatabaseEmpty(db))) throw new Error('数据库中已有单位数据，不能重复初始化');
  if (!LEVELS.includes(opts.level as OfficeLevel)) throw new Error('--level 只能是 county、city 或 province');
  const violation = passwordPolicyViolation(opts.password, config.security);
  if (violation) throw new Error(`初始密码不符合密码策略：${violation}`);
  const passwordHash = await hashPassword(opts.password);
  const admins: { username: string; name: string; role: Role }[] = [
    { username: 'sysadmin', name: '系统管理员', role: 'sysadmin' },
    { username: 'secadmin', name: '安全管理员', role: 'secadmin' },
    { username: 'auditor', name: '审计员', role: 'auditor' },
  ];
  await db.transaction(async (tx) => {
    await seedDictionaries(tx);
    const [office] = await tx
      .insert(orgs)
      .values({
        code: 'root',
        name: opts.office,
        shortName: opts.shortName ?? opts.office,
        kind: 'office',
        level: opts.level as OfficeLevel,
        sectionName: '信息科',
        categoryCode: 'office',
      })
      .returning({ id: orgs.id });
    for (const a of admins) {
      const [u] = await tx
        .insert(users)
        .values({ username: a.username, displayName: a.name, passwordHash, mustChangePassword: true })
        .returning({ id: users.id });
      await tx.insert(userUnits).values({ userId: u.id, orgId: office.id, isPrimary: true });
      await tx.insert(userRoles).values({ userId: u.id, role: a.role });
    }
    await recordAudit(tx, SYSTEM_CONTEXT, {
      action: 'system.initialized',
      targetType: 'org',
      targetId: office.id,
      targetLabel: opts.office,
    });
  });
  return { usernames: admins.map((a) => a.username) };
}
