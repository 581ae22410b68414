import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../../db/schema/index.ts';
import { anonymous, createTestApp, DEMO_PASSWORD, login, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
});
afterAll(() => t.close());

async function latestAudit(action: string, targetLabel: string) {
  const [row] = await t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetLabel, targetLabel)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

describe('health', () => {
  it('reports status, database kind and version without a session', async () => {
    const res = await anonymous(t.app, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('login', () => {
  it('logs the editor in and returns who they are', async () => {
    const s = await login(t.app, 'editor');
    expect(s.me.user.roles).toEqual(['editor']);
    const me = await s.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.primaryUnit.name).toBe('汾阳市人民政府办公室');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and audits the login with the account’s unit', async () => {
    const res = await anonymous(t.app, 'POST', '/api/auth/login', {
      username: 'fy_czj_qf',
      password: DEMO_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'xb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const audit = await latestAudit('auth.login', 'fy_czj_qf');
    expect(audit).toMatchObject({
      actorName: '周国栋（fy_czj_qf）',
      unitName: '汾阳市财政局',
      ip: '127.0.0.1',
    });
  });

  it('refuses a wrong password with a Chinese message and audits the failure', async () => {
    const res = await anonymous(t.app, 'POST', '/api/auth/login', {
      username: 'editor2',
      password: 'wrong-password',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('用户名或密码错误');
    expect(res.cookies.find((c) => c.name === 'xb_session')).toBeUndefined();
    const audit = await latestAudit('auth.login_failed', 'editor2');
    expect(audit.diff).toEqual({ reason: '密码错误', attempts: 1 });
    expect(JSON.stringify(audit)).not.toContain('wrong-password');
  });

  it('answers an unknown user name exactly like a wrong password, and audits it', async () => {
    const res = await anonymous(t.app, 'POST', '/api/auth/login', {
      username: 'nobody_here',
      password: 'whatever',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('用户名或密码错误');
    expect((await latestAudit('auth.login_failed', 'nobody_here')).diff).toEqual({ reason: '用户不存在' });
  });

  it('answers 400 to a request without credentials', async () => {
    const res = await anonymous(t.app, 'POST', '/api/auth/login', { username: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/请输入用户名|请求参数不正确/);
  });
});

describe('logout', () => {
  it('ends the session: the old cookie no longer works, and the logout is audited', async () => {
    const s = await login(t.app, 'chief');
    const res = await s.request('POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'xb_session')?.value).toBe('');
    const after = await s.request('GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.logout'), eq(auditEvents.actorId, s.me.user.id)))
      .orderBy(desc(auditEvents.id));
    expect(audit).toMatchObject({ actorName: '陈志强（chief）', unitName: '汾阳市人民政府办公室' });
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, s.me.user.id))).toHaveLength(
      0,
    );
  });

  it('answers 401 without a session', async () => {
    expect((await anonymous(t.app, 'POST', '/api/auth/logout')).statusCode).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('answers 401 without a session and 400 to a missing field', async () => {
    expect((await anonymous(t.app, 'POST', '/api/auth/password', {})).statusCode).toBe(401);
    const s = await login(t.app, 'fy_whj_xxy');
    expect(
      (await s.request('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD })).statusCode,
    ).toBe(400);
  });

  it('refuses a wrong current password', async () => {
    const s = await login(t.app, 'fy_whj_xxy');
    const res = await s.request('POST', '/api/auth/password', {
      currentPassword: 'Wrong#2026',
      newPassword: 'Another#2026',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('当前密码不正确');
  });
});

describe('CSRF defence', () => {
  const change = { currentPassword: DEMO_PASSWORD, newPassword: 'Changed#2026x' };

  async function passwordUnchanged(username: string) {
    const [row] = await t.database.db.select().from(users).where(eq(users.username, username));
    expect(row.version).toBe(1);
    await login(t.app, username);
  }

  it('refuses a state-changing request without the x-csrf-token header, changing nothing', async () => {
    const s = await login(t.app, 'fy_xfj_xxy');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: change,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('CSRF');
    await passwordUnchanged('fy_xfj_xxy');
  });

  it('refuses a wrong token, changing nothing', async () => {
    const s = await login(t.app, 'fy_xfj_xxy');
    const res = await s.request('POST', '/api/auth/password', change, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    await passwordUnchanged('fy_xfj_xxy');
  });

  it('refuses a request from a foreign Origin even with the right token, changing nothing', async () => {
    const s = await login(t.app, 'fy_xfj_xxy');
    const admin = await login(t.app, 'admin');
    const victim = await t.database.db.select().from(users).where(eq(users.username, 'fy_xfj_qf'));
    const res = await admin.request(
      'PATCH',
      `/api/users/${victim[0].id}`,
      { displayName: '被篡改', version: 1 },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('跨站请求已被拒绝');
    expect(
      (await t.database.db.select().from(users).where(eq(users.username, 'fy_xfj_qf')))[0].displayName,
    ).not.toBe('被篡改');
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const own = await s.request('POST', '/api/auth/password', change, { origin });
      expect(own.statusCode, origin).toBe(403);
    }
    await passwordUnchanged('fy_xfj_xxy');
  });

  it('accepts the same request from the app’s own origin', async () => {
    const s = await login(t.app, 'fy_xfj_xxy');
    const res = await s.request('POST', '/api/auth/password', change, {
      origin: 'http://localhost:3000',
      host: 'localhost:3000',
    });
    expect(res.statusCode, res.body).toBe(200);
    await login(t.app, 'fy_xfj_xxy', change.newPassword);
  });
});

describe('login rate limit', () => {
  it('answers 429 in Chinese once an address exceeds the limit per minute', async () => {
    const limited = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const attempt = () =>
        anonymous(limited.app, 'POST', '/api/auth/login', { username: 'editor', password: 'wrong' });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const res = await attempt();
      expect(res.statusCode).toBe(429);
      expect(res.json().message).toBe('登录尝试过于频繁，请稍后再试');
      const right = await anonymous(limited.app, 'POST', '/api/auth/login', {
        username: 'editor',
        password: DEMO_PASSWORD,
      });
      expect(right.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
