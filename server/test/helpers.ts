import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { type Config, DEFAULT_DEMO_PASSWORD, loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { type Actor, loadMembership } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { throwawayDatabase } from './throwaway-database.ts';

export const DEMO_PASSWORD = DEFAULT_DEMO_PASSWORD;

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
};

/**
 * A real application on a real, fresh database: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (set by `npm run test:api:pg`).
 * The demo city is loaded unless `seed: false`; its demo year of items only with `items: true`
 * (it adds about a thousand items, so most tests go without).
 */
export async function createTestApp(
  opts: { seed?: boolean; items?: boolean; env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestApp> {
  const { databaseUrl, drop: dropDatabase } = await throwawayDatabase('xb_test');
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://', ...opts.env });
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? config.dataDir : 'memory://' });
  await database.migrate();
  if (opts.seed !== false)
    await seedDemo(database.db, DEMO_PASSWORD, { items: opts.items ?? false, filesDir: config.filesDir });
  const app = await buildApp({
    config: { ...config, databaseUrl },
    database,
    logger: false,
    clock: opts.clock,
    // TEST_LOG=1 prints server errors while debugging a test.
    ...(process.env.TEST_LOG === '1'
      ? { logger: true, config: { ...config, databaseUrl, logLevel: 'error' as const } }
      : {}),
  });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
    },
  };
}

/** A logged-in client: sends the session cookie and the CSRF header on every request. */
export type Session = {
  username: string;
  cookie: string;
  csrfToken: string;
  me: { user: { id: string; roles: string[]; primaryUnit: { id: string } | null } };
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
};

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'xb_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `xb_session=${setCookie.value}`;
  const body = res.json();
  return {
    username,
    cookie,
    csrfToken: body.csrfToken,
    me: body,
    request(method, url, payload, headers = {}) {
      return app.inject({
        method: method as 'GET',
        url,
        payload: payload as never,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...headers },
      });
    },
  };
}

/** A plain request with no session. */
export function anonymous(app: FastifyInstance, method: string, url: string, body?: unknown) {
  return app.inject({ method: method as 'GET', url, payload: body as never });
}

/** The caller as the server builds it, for calling scope functions and commands directly. */
export async function actorOf(t: TestApp, username: string): Promise<Actor> {
  const [user] = await t.database.db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no user ${username}`);
  const { roles, units } = await loadMembership(t.database.db, user.id);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    units,
    primaryUnit: units.find((u) => u.isPrimary) ?? null,
    mustChangePassword: false,
    sessionId: 'test',
    csrfToken: 'test',
  };
}

/** The application context the routes hand to commands, for calling a command directly. */
export function contextOf(t: TestApp): AppContext {
  return t.app.xinbao;
}

/**
 * Confirms, as the security administrator, every role grant waiting on an account: business roles
 * the system administrator gives through the API take effect only then (三员分立). Tests that create
 * an account through POST /api/users and then work with it call this first.
 */
export async function confirmGrants(app: FastifyInstance, userId: string, secadmin?: Session): Promise<void> {
  const s = secadmin ?? (await login(app, 'secadmin'));
  const user = (await s.request('GET', `/api/users/${userId}`)).json() as {
    version: number;
    pendingGrants: { role: string }[];
  };
  const res = await s.request('POST', `/api/users/${userId}/role-grants/confirm`, {
    roles: user.pendingGrants.map((g) => g.role),
    version: user.version,
  });
  if (res.statusCode !== 200) throw new Error(`confirm grants failed: ${res.statusCode} ${res.body}`);
}
