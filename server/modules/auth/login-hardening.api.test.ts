import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '../../db/schema/index.ts';
import { anonymous, createTestApp, DEMO_PASSWORD, login, type TestApp } from '../../test/helpers.ts';

/**
 * Login under attack: the lockout counts every concurrent wrong password (issue 8 item 3), and the
 * answers do not tell which usernames exist or where a foreign page posts from (item 15).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
});
afterAll(() => t.close());

const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

async function userRow(username: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.username, username));
  return row;
}

describe('lockout under concurrent attempts', () => {
  it('8 simultaneous wrong passwords lock the account (threshold 5); the right one is then refused', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt('fy_czj_xxy', `Wrong#${i}`)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(401));
    const codes = answers.map((r) => r.json().code);
    // Exactly one attempt was the fifth and locked it; the rest were wrong or found it locked.
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(1);
    const row = await userRow('fy_czj_xxy');
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const locks = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.account_locked'), eq(auditEvents.targetId, row.id)));
    expect(locks).toHaveLength(1);
    const failures = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.login_failed'), eq(auditEvents.targetId, row.id)));
    expect(failures).toHaveLength(8);

    const right = await attempt('fy_czj_xxy', DEMO_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(right.cookies.find((c) => c.name === 'xb_session')).toBeUndefined();
  });

  it('counts each of 4 simultaneous wrong passwords, so the 5th locks', async () => {
    await Promise.all(Array.from({ length: 4 }, (_, i) => attempt('fy_swj_xxy', `Wrong#${i}`)));
    expect((await userRow('fy_swj_xxy')).failedAttempts).toBe(4);
    const fifth = await attempt('fy_swj_xxy', 'Wrong#5');
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect((await attempt('fy_swj_xxy', DEMO_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
  });
});

describe('login answers reveal nothing about usernames', () => {
  it('answers an unknown user and a wrong password with the same status, code and message', async () => {
    const unknown = await attempt('no_such_user_at_all', 'Wrong#1');
    const wrong = await attempt('fy_jyj_xxy', 'Wrong#1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(unknown.json()).toEqual({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
  });

  it('answers a disabled account’s wrong password like any other', async () => {
    await t.database.db.update(users).set({ active: false }).where(eq(users.username, 'fy_mzj_xxy'));
    const wrong = await attempt('fy_mzj_xxy', 'Wrong#1');
    expect(wrong.json()).toEqual({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
  });

  it('spends about as long on an unknown user as on a wrong password (dummy hash)', async () => {
    const time = async (username: string) => {
      const start = performance.now();
      await attempt(username, 'Wrong#timing');
      return performance.now() - start;
    };
    await time('warm_up_unknown');
    const unknown = (await Promise.all([1, 2, 3].map(() => time('no_such_user_timing')))).sort()[1];
    const known = (await Promise.all([1, 2, 3].map(() => time('fy_jtj_xxy')))).sort()[1];
    // An argon2 check costs tens of milliseconds; skipping it for unknown names would show.
    expect(unknown).toBeGreaterThan(known * 0.4);
  });
});

describe('login and the Origin header', () => {
  it('refuses a foreign Origin with 403 and opens no session', async () => {
    const res = await attempt('fy_nyj_xxy', DEMO_PASSWORD, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('跨站请求已被拒绝');
    expect(res.cookies.find((c) => c.name === 'xb_session')).toBeUndefined();
  });

  it('refuses the right host under another scheme', async () => {
    const res = await attempt('fy_nyj_xxy', DEMO_PASSWORD, { origin: 'https://localhost:80' });
    expect(res.statusCode).toBe(403);
  });

  it('accepts its own Origin, and no Origin at all', async () => {
    const own = await attempt('fy_nyj_xxy', DEMO_PASSWORD, { origin: 'http://localhost:80' });
    expect(own.statusCode, own.body).toBe(200);
    expect(
      (await anonymous(t.app, 'POST', '/api/auth/login', { username: 'fy_nyj_xxy', password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses an authenticated write from the right host under another scheme', async () => {
    const s = await login(t.app, 'fy_wsj_xxy');
    const body = { currentPassword: DEMO_PASSWORD, newPassword: 'Xin#mima2026ab' };
    for (const origin of ['https://localhost:3000', 'http://localhost:3001', 'http://localhost']) {
      const res = await s.request('POST', '/api/auth/password', body, { origin, host: 'localhost:3000' });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().message).toBe('跨站请求已被拒绝');
    }
    await login(t.app, 'fy_wsj_xxy');
  });

  it('behind HTTPS (COOKIE_SECURE) wants the https origin, even from a plain-HTTP proxy hop', async () => {
    const secure = await createTestApp({ env: { COOKIE_SECURE: 'true' } });
    try {
      const post = (origin: string) =>
        secure.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'fy_nyj_xxy', password: DEMO_PASSWORD },
          headers: { origin, host: 'xinbao.example.gov.cn' },
        });
      expect((await post('http://xinbao.example.gov.cn')).statusCode).toBe(403);
      expect((await post('https://xinbao.example.gov.cn')).statusCode).toBe(200);
    } finally {
      await secure.close();
    }
  });
});
