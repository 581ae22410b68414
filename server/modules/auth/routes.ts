import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { tooMany } from '../../lib/errors.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { changePassword } from './commands/change-password.ts';
import { logIn } from './commands/log-in.ts';
import { logOut } from './commands/log-out.ts';
import { presentMe } from './queries/get-me.ts';
import { RateLimiter } from './rate-limit.ts';
import { SESSION_COOKIE } from './sessions.ts';

const credentials = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export function registerAuthRoutes(app: TypedApp, ctx: AppContext) {
  const limiter = new RateLimiter(ctx.config.loginRateLimitPerMinute);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
  };

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: '登录', body: credentials },
    },
    async (req, reply) => {
      if (!limiter.hit(req.ip)) throw tooMany('登录尝试过于频繁，请稍后再试');
      const meta = { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
      const result = await logIn(ctx, req.body, meta);
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
      return { ...(await presentMe(ctx, result.userId)), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { skipCsrf: true, allowPendingPasswordChange: true },
      schema: { tags: ['auth'], summary: '退出登录' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await logOut(ctx, actor.sessionId, auditOf(req));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { allowPendingPasswordChange: true }, schema: { tags: ['auth'], summary: '当前用户' } },
    async (req) => {
      const actor = actorOf(req);
      return { ...(await presentMe(ctx, actor.userId)), csrfToken: actor.csrfToken };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: z.object({
          currentPassword: z.string().min(1).max(128),
          newPassword: z.string().min(1).max(128),
        }),
      },
    },
    async (req) => {
      await changePassword(ctx, actorOf(req), req.body, auditOf(req));
      return { ok: true };
    },
  );
}
