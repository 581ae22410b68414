import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import type { Database } from './db/client.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { enforceAccess, errorHandler, rejectForbiddenChars } from './lib/http.ts';
import { startLiveHub } from './lib/live.ts';
import { LOG_REDACT_PATHS, serializeError } from './lib/log.ts';
import { createScheduler, registerHousekeeping } from './lib/scheduler/scheduler.ts';
import { registerAssessmentRoutes } from './modules/assessment/index.ts';
import { registerAttachmentRoutes } from './modules/attachments/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import {
  getSecurityPolicy,
  registerAuthRoutes,
  resolveSession,
  SESSION_COOKIE,
} from './modules/auth/index.ts';
import { registerCirculationRoutes } from './modules/circulation/index.ts';
import { registerCommissionJobs, registerCommissionRoutes } from './modules/commissions/index.ts';
import { registerDictionaryRoutes } from './modules/dictionaries/index.ts';
import { registerInstructionJobs, registerInstructionRoutes } from './modules/instructions/index.ts';
import { registerIssueDocumentRoutes, registerIssueRoutes } from './modules/issues/index.ts';
import {
  registerItemQualityRoutes,
  registerItemRoutes,
  registerItemWorkflowRoutes,
} from './modules/items/index.ts';
import { registerLiaisonJobs, registerLiaisonRoutes } from './modules/liaison/index.ts';
import { registerMeetingRoutes } from './modules/meetings/index.ts';
import { registerNotificationJobs, registerNotificationRoutes } from './modules/notifications/index.ts';
import { registerOrgRoutes } from './modules/orgs/index.ts';
import { registerPortalRoutes } from './modules/portal/index.ts';
import { registerPublicationRoutes } from './modules/publications/index.ts';
import { registerSearchRoutes } from './modules/search/index.ts';
import { registerSettingsRoutes } from './modules/settings/index.ts';
import { registerTopicRoutes } from './modules/topics/index.ts';
import { registerUserRoutes } from './modules/users/index.ts';

export const VERSION: string = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8'),
).version;

const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export type BuildOptions = {
  config: Config;
  database: Database;
  logger?: boolean;
  /** Where the log goes instead of stdout (tests read it back). */
  logStream?: { write(line: string): void };
  /** Default: the system clock. Tests pass a manual one. */
  clock?: Clock;
  /** Run the scheduler's loop in this process (serve does; tests call `scheduler.runDue()`). */
  startScheduler?: boolean;
};

/** Builds the whole HTTP application on an open database. Tests call `app.inject()` on it. */
export async function buildApp({
  config,
  database,
  logger = true,
  logStream,
  clock = systemClock,
  startScheduler = false,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Errors go through serializeError and secrets are redacted: see server/lib/log.ts.
    logger: logger
      ? {
          level: config.logLevel,
          redact: { paths: LOG_REDACT_PATHS, censor: '[已隐藏]' },
          serializers: { err: serializeError },
          ...(logStream ? { stream: logStream } : {}),
        }
      : false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (no file extension) get the web app; missing API paths and files get 404.
    const pathname = req.url.split('?')[0];
    const isClientRoute = req.method === 'GET' && !pathname.startsWith('/api/') && !path.extname(pathname);
    if (!isClientRoute || !fs.existsSync(path.join(webDist, 'index.html'))) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在' });
    }
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });

  const scheduler = createScheduler({ db: database.db, clock, log: app.log });
  const live = await startLiveHub(database, (err) => app.log.warn({ err }, '实时通知消息无法解析'));
  const ctx: AppContext = { config, database, db: database.db, log: app.log, clock, scheduler, live };
  app.decorate('xinbao', ctx);
  registerHousekeeping(scheduler);
  registerNotificationJobs(ctx);
  registerInstructionJobs(ctx);
  registerCommissionJobs(ctx);
  registerLiaisonJobs(ctx);
  if (startScheduler && config.schedulerIntervalMs > 0) {
    app.addHook('onReady', async () => scheduler.start(config.schedulerIntervalMs));
  }
  // Streams end before the server closes; queued jobs stay in the table for the next start.
  app.addHook('preClose', async () => {
    await scheduler.stop();
    await live.stop();
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimit, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '信报 Xinbao API', description: '政务信息工作平台接口', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const policy = await getSecurityPolicy(ctx.db, config.security);
    const found = await resolveSession(ctx.db, token, policy);
    if (found && 'actor' in found) req.actor = found.actor;
    else if (found) req.sessionExpired = true;
  });
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    enforceAccess(req, { https: config.cookieSecure });
    rejectForbiddenChars(req);
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgresql']),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      await ctx.db.execute('select 1');
      return { status: 'ok' as const, database: database.kind, version: VERSION };
    },
  );
  registerAuthRoutes(api, ctx);
  registerOrgRoutes(api, ctx);
  registerDictionaryRoutes(api, ctx);
  registerUserRoutes(api, ctx);
  registerSettingsRoutes(api, ctx);
  registerAuditRoutes(api, ctx);
  registerItemRoutes(api, ctx);
  registerItemQualityRoutes(api, ctx);
  registerItemWorkflowRoutes(api, ctx);
  registerPublicationRoutes(api, ctx);
  registerIssueRoutes(api, ctx);
  registerIssueDocumentRoutes(api, ctx);
  registerAttachmentRoutes(api, ctx);
  registerCirculationRoutes(api, ctx);
  registerPortalRoutes(api, ctx);
  registerNotificationRoutes(api, ctx);
  registerInstructionRoutes(api, ctx);
  registerCommissionRoutes(api, ctx);
  registerLiaisonRoutes(api, ctx);
  registerMeetingRoutes(api, ctx);
  registerTopicRoutes(api, ctx);
  registerAssessmentRoutes(api, ctx);
  registerSearchRoutes(api, ctx);

  if (fs.existsSync(webDist)) {
    // Files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: ['index.html'],
      setHeaders: (res, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}
