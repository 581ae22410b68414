import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { pendingRoleGrants, type Role, userRoles, users, userUnits } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { isUniqueViolation } from '../../../lib/records.ts';
import { getSecurityPolicy, hashPassword, passwordPolicyViolation } from '../../auth/index.ts';
import { PHONE_MESSAGE, PHONE_PATTERN } from '../phone.ts';
import { holdsAdminRole, roleSetViolation } from '../role-rules.ts';
import { checkUnits, unitNames } from './units.ts';

export type CreateUserInput = {
  username: string;
  displayName: string;
  phone?: string | null;
  email?: string | null;
  unitIds: string[];
  primaryUnitId: string;
  roles: Role[];
  password: string;
};

const DUPLICATE = '用户名已存在';

/**
 * Creates an account that must change its initial password at first login. Through the API
 * only business roles may be given (admin roles are the security administrator's to grant), and
 * they are pending (`grantedBy`): under 三员分立 the system administrator alone cannot open content
 * to an account — his own second account or a colleague's — until the security administrator
 * confirms the grant. The console (`xinbao user add`, an operator at the server) gives roles in
 * force at once and may create admin accounts too, still under 三员分立.
 */
export async function createUser(
  ctx: Pick<AppContext, 'db' | 'config'>,
  input: CreateUserInput,
  audit: AuditContext,
  opts: { allowAdminRoles?: boolean; grantedBy?: Pick<Actor, 'userId' | 'displayName' | 'username'> } = {},
): Promise<string> {
  const roles = [...new Set(input.roles)].sort();
  if (roles.length === 0) throw badRequest('请至少选择一个角色');
  if (input.phone && !PHONE_PATTERN.test(input.phone)) throw badRequest(PHONE_MESSAGE);
  if (!opts.allowAdminRoles && holdsAdminRole(roles)) {
    throw badRequest('新建账号只能分配业务角色；管理员角色由安全管理员在“调整角色”中授予');
  }
  const roleProblem = roleSetViolation(roles);
  if (roleProblem) throw badRequest(roleProblem);
  const names = await checkUnits(ctx.db, input.unitIds, input.primaryUnitId);
  const policy = await getSecurityPolicy(ctx.db, ctx.config.security);
  const violation = passwordPolicyViolation(input.password, policy, input.username);
  if (violation) throw badRequest(`初始密码不符合密码策略：${violation}`);
  const [taken] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${input.username})`)
    .limit(1);
  if (taken) throw conflict(DUPLICATE);
  const passwordHash = await hashPassword(input.password);
  const phone = input.phone || null;
  const email = input.email || null;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName,
          phone,
          email,
          passwordHash,
          mustChangePassword: true,
        })
        .returning({ id: users.id });
      await tx
        .insert(userUnits)
        .values(
          input.unitIds.map((orgId) => ({ userId: u.id, orgId, isPrimary: orgId === input.primaryUnitId })),
        );
      const grantor = opts.grantedBy;
      if (grantor) {
        const grantedByName = `${grantor.displayName}（${grantor.username}）`;
        await tx
          .insert(pendingRoleGrants)
          .values(roles.map((role) => ({ userId: u.id, role, grantedBy: grantor.userId, grantedByName })));
      } else {
        await tx.insert(userRoles).values(roles.map((role) => ({ userId: u.id, role })));
      }
      await recordAudit(tx, audit, {
        action: 'user.created',
        targetType: 'user',
        targetId: u.id,
        targetLabel: input.username,
        diff: {
          username: input.username,
          displayName: input.displayName,
          phone,
          email,
          units: unitNames(names, input.unitIds, input.primaryUnitId),
          ...(grantor ? { pendingRoles: roles } : { roles }),
        },
      });
      if (grantor) {
        await recordAudit(tx, audit, {
          action: 'user.roles_granted',
          targetType: 'user',
          targetId: u.id,
          targetLabel: input.username,
          diff: { pendingRoles: [[], roles] },
        });
      }
      return u.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(DUPLICATE);
    throw e;
  }
}
