import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgs } from '../../db/schema/index.ts';
import {
  anonymous,
  confirmGrants,
  createTestApp,
  login,
  type Session,
  type TestApp,
} from '../../test/helpers.ts';

let t: TestApp;
let admin: Session;
let fresh: Session;
let freshId: string;

const INITIAL = 'Chushi#2026a';
const PENDING = '首次登录或密码已被重置，请先修改密码';
/** The only routes an account that must change its password may use. */
const ALLOWED = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  admin = await login(t.app, 'admin');
  const [unit] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'fy_lyj'));
  const res = await admin.request('POST', '/api/users', {
    username: 'lyj_new',
    displayName: '林业新人',
    unitIds: [unit.id],
    primaryUnitId: unit.id,
    roles: ['reporter'],
    password: INITIAL,
  });
  expect(res.statusCode, res.body).toBe(201);
  freshId = res.json().id;
  await confirmGrants(t.app, freshId);
  fresh = await login(t.app, 'lyj_new', INITIAL);
});
afterAll(() => t.close());

/** Every route in the OpenAPI document, with path parameters filled in. */
async function allRoutes(): Promise<[string, string][]> {
  const doc = (await anonymous(t.app, 'GET', '/api/docs/json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes: [string, string][] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      routes.push([method.toUpperCase(), path.replace(/\{[^}]+\}/g, randomUUID())]);
    }
  }
  return routes;
}

describe('an account created by an administrator', () => {
  it('logs in with the initial password and is told to change it', async () => {
    expect(fresh.me.user).toMatchObject({ mustChangePassword: true, roles: ['reporter'] });
    const me = await fresh.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);
  });

  it('gets 403 "请先修改密码" from every endpoint except me, password and logout', async () => {
    const routes = await allRoutes();
    expect(routes.length).toBeGreaterThan(15);
    let checked = 0;
    for (const [method, url] of routes) {
      const key = `${method} ${url}`;
      if (ALLOWED.has(key)) continue;
      const body = method === 'GET' ? undefined : {};
      // Public routes (login, health, docs) need no session; every other route must refuse.
      if ((await anonymous(t.app, method, url, body)).statusCode !== 401) continue;
      const res = await fresh.request(method, url, body);
      expect(res.statusCode, key).toBe(403);
      expect(res.json().message, key).toBe(PENDING);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('refuses new passwords that break the policy, keeping the pending state', async () => {
    const cases: [string, string][] = [
      ['Ab#1', '密码长度至少 8 位'],
      ['abcdefgh1', '至少 3 类'],
      ['ABCDEFGH!', '至少 3 类'],
      ['Lyj_new#2026', '密码不能包含用户名'],
      [INITIAL, '新密码不能与当前密码相同'],
    ];
    for (const [newPassword, message] of cases) {
      const res = await fresh.request('POST', '/api/auth/password', {
        currentPassword: INITIAL,
        newPassword,
      });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().message, newPassword).toContain(message);
    }
    expect((await fresh.request('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('works normally after changing it, and other sessions of the account end', async () => {
    const other = await login(t.app, 'lyj_new', INITIAL);
    const res = await fresh.request('POST', '/api/auth/password', {
      currentPassword: INITIAL,
      newPassword: 'Linye#2026ok',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await fresh.request('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);
    // Now only the role decides: a reporter may not manage users.
    const users = await fresh.request('GET', '/api/users');
    expect(users.statusCode).toBe(403);
    expect(users.json().message).toBe('您没有执行此操作的权限');
    expect((await other.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect(
      (await anonymous(t.app, 'POST', '/api/auth/login', { username: 'lyj_new', password: INITIAL }))
        .statusCode,
    ).toBe(401);
    await login(t.app, 'lyj_new', 'Linye#2026ok');
    const record = (await admin.request('GET', `/api/users/${freshId}`)).json();
    expect(record.mustChangePassword).toBe(false);
  });
});
