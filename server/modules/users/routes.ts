import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { activateUser } from './commands/activate-user.ts';
import { createUser } from './commands/create-user.ts';
import { deactivateUser } from './commands/deactivate-user.ts';
import { resetUserPassword } from './commands/reset-user-password.ts';
import { confirmRoleGrants, rejectRoleGrants } from './commands/review-role-grants.ts';
import { setUserRoles } from './commands/set-user-roles.ts';
import { unlockUser } from './commands/unlock-user.ts';
import { updateUser } from './commands/update-user.ts';
import { exportUsers } from './queries/export-users.ts';
import { getUser } from './queries/get-user.ts';
import { listPendingGrants } from './queries/list-pending-grants.ts';
import { listUsers } from './queries/list-users.ts';
import {
  confirmGrantsBody,
  createUserBody,
  pendingGrantListSchema,
  rejectGrantsBody,
  resetPasswordBody,
  setRolesBody,
  updateUserBody,
  userFilterQuery,
  userIdParams,
  userListQuery,
  userPageSchema,
  userSchema,
  versionBody,
} from './schemas.ts';

const tags = ['users'];
const READERS = ['sysadmin', 'secadmin'] as const;
const SYSADMIN = ['sysadmin'] as const;

/**
 * User administration (用户管理): the system administrator keeps accounts and proposes their business
 * roles, the security administrator grants roles and confirms or rejects the proposals (待确认授权).
 */
export function registerUserRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/users',
    {
      config: { roles: READERS },
      schema: { tags, summary: '用户列表', querystring: userListQuery, response: { 200: userPageSchema } },
    },
    async (req) => listUsers(ctx.db, actorOf(req), req.query),
  );

  app.get(
    '/api/users/export.xlsx',
    {
      config: { roles: READERS },
      schema: { tags, summary: '导出用户（Excel）', querystring: userFilterQuery },
    },
    async (req, reply) => {
      const { filename, body } = await exportUsers(ctx, req.query, auditOf(req));
      return sendXlsx(reply, filename, body);
    },
  );

  app.get(
    '/api/users/pending-grants',
    {
      config: { roles: ['secadmin'] },
      schema: {
        tags,
        summary: '待确认授权（系统管理员授予、待安全管理员确认的业务角色）',
        response: { 200: pendingGrantListSchema },
      },
    },
    async (req) => listPendingGrants(ctx.db, actorOf(req)),
  );

  app.get(
    '/api/users/:id',
    {
      config: { roles: READERS },
      schema: { tags, summary: '用户详情', params: userIdParams, response: { 200: userSchema } },
    },
    async (req) => getUser(ctx.db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { roles: SYSADMIN },
      schema: {
        tags,
        summary: '新建用户（首次登录须修改密码）',
        body: createUserBody,
        response: { 201: userSchema },
      },
    },
    async (req, reply) => {
      // The roles wait for the security administrator's confirmation (三员分立).
      const id = await createUser(ctx, req.body, auditOf(req), { grantedBy: actorOf(req) });
      return reply.status(201).send(await getUser(ctx.db, actorOf(req), id));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { roles: SYSADMIN },
      schema: {
        tags,
        summary: '修改用户',
        params: userIdParams,
        body: updateUserBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await updateUser(ctx, actorOf(req), req.params.id, req.body, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/users/:id/deactivate',
    {
      config: { roles: SYSADMIN },
      schema: {
        tags,
        summary: '停用用户（同时结束其全部会话）',
        params: userIdParams,
        body: versionBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await deactivateUser(ctx, actorOf(req), req.params.id, req.body.version, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/users/:id/activate',
    {
      config: { roles: SYSADMIN },
      schema: {
        tags,
        summary: '启用用户',
        params: userIdParams,
        body: versionBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await activateUser(ctx, actorOf(req), req.params.id, req.body.version, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { roles: SYSADMIN },
      schema: {
        tags,
        summary: '重置密码（解除锁定，结束其全部会话，下次登录须修改密码）',
        params: userIdParams,
        body: resetPasswordBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await resetUserPassword(ctx, actorOf(req), req.params.id, req.body.password, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { roles: READERS },
      schema: { tags, summary: '解除锁定', params: userIdParams, response: { 200: userSchema } },
    },
    async (req) => {
      await unlockUser(ctx, actorOf(req), req.params.id, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { roles: ['secadmin'] },
      schema: {
        tags,
        summary: '调整角色（三员分立）',
        params: userIdParams,
        body: setRolesBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await setUserRoles(ctx, actorOf(req), req.params.id, req.body, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/users/:id/role-grants/confirm',
    {
      config: { roles: ['secadmin'] },
      schema: {
        tags,
        summary: '确认授权（业务角色即时生效）',
        params: userIdParams,
        body: confirmGrantsBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await confirmRoleGrants(ctx, actorOf(req), req.params.id, req.body, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/users/:id/role-grants/reject',
    {
      config: { roles: ['secadmin'] },
      schema: {
        tags,
        summary: '驳回授权（须填写原因）',
        params: userIdParams,
        body: rejectGrantsBody,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      await rejectRoleGrants(ctx, actorOf(req), req.params.id, req.body, auditOf(req));
      return getUser(ctx.db, actorOf(req), req.params.id);
    },
  );
}
