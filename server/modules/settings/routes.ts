import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { getSecurityPolicy } from '../auth/security-policy.ts';
import { updateSecurityPolicy } from './commands/update-security-policy.ts';
import { securityPolicySchema, updateSecurityPolicyBody } from './schemas.ts';

const tags = ['settings'];

/** Run-time settings. The security policy is the security administrator's alone (三员分立). */
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
}
