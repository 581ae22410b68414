import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { getSecurityPolicy } from '../auth/index.ts';
import { updateSecurityPolicy } from './commands/update-security-policy.ts';
import { updateWorkflowLimits } from './commands/update-workflow-limits.ts';
import { securityPolicySchema, updateSecurityPolicyBody } from './schemas.ts';
import {
  readWorkflowLimits,
  updateWorkflowLimitsBody,
  WORKFLOW_LIMITS_EDITORS,
  WORKFLOW_LIMITS_READERS,
  workflowLimitsQuery,
  workflowLimitsSchema,
} from './workflow-limits.ts';

const tags = ['settings'];

/**
 * Run-time settings. The security policy is the security administrator's alone (三员分立); each
 * office's workflow time limits belong to its chief editor (and its system administrator).
 */
export function registerSettingsRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/settings/security-policy',
    {
      config: { roles: ['secadmin'] },
      schema: { tags, summary: '安全策略（密码、锁定、会话）', response: { 200: securityPolicySchema } },
    },
    async () => getSecurityPolicy(ctx.db, ctx.config.security),
  );

  app.put(
    '/api/settings/security-policy',
    {
      config: { roles: ['secadmin'] },
      schema: {
        tags,
        summary: '修改安全策略',
        body: updateSecurityPolicyBody,
        response: { 200: securityPolicySchema },
      },
    },
    async (req) => {
      await updateSecurityPolicy(ctx, actorOf(req), req.body, auditOf(req));
      return getSecurityPolicy(ctx.db, ctx.config.security);
    },
  );

  app.get(
    '/api/settings/workflow-limits',
    {
      config: { roles: WORKFLOW_LIMITS_READERS },
      schema: {
        tags,
        summary: '本办公室的办理时限（紧急信息、送阅件、普通信息）；officeId 可选，须为本人所在办公室',
        querystring: workflowLimitsQuery,
        response: { 200: workflowLimitsSchema },
      },
    },
    async (req) => readWorkflowLimits(ctx.db, actorOf(req), req.query.officeId),
  );

  app.put(
    '/api/settings/workflow-limits',
    {
      config: { roles: WORKFLOW_LIMITS_EDITORS },
      schema: {
        tags,
        summary: '修改本办公室的办理时限（主编/签发领导或本办公室的系统管理员）',
        querystring: workflowLimitsQuery,
        body: updateWorkflowLimitsBody,
        response: { 200: workflowLimitsSchema },
      },
    },
    async (req) => {
      const officeId = await updateWorkflowLimits(
        ctx,
        actorOf(req),
        req.query.officeId,
        req.body,
        auditOf(req),
      );
      return readWorkflowLimits(ctx.db, actorOf(req), officeId);
    },
  );
}
