import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../../db/schema/index.ts';
import {
  anonymous,
  createTestApp,
  DEMO_PASSWORD,
  login,
  type Session,
  type TestApp,
} from '../../test/helpers.ts';

let t: TestApp;
let admin: Session;
let secadmin: Session;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [admin, secadmin] = await Promise.all([login(t.app, 'admin'), login(t.app, 'secadmin')]);
});
afterAll(() => t.close());

const attempt = (username: string, password: string) =>
  anonymous(t.app, 'POST', '/api/auth/login', { username, password });

async function userRow(username: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.username, username));
  return row;
}

/** Five wrong passwords in a row, the default lockout threshold. */
async function lockOut(username: string) {
  for (let i = 1; i <= 4; i++) {
    const res = await attempt(username, `Wrong#${i}`);
    expect(res.statusCode).toBe(401);
    // No count of the attempts left: that would tell an unknown username from a known one.
    expect(res.json()).toEqual({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
    expect((await userRow(username)).failedAttempts).toBe(i);
  }
  const fifth = await attempt(username, 'Wrong#5');
  expect(fifth.statusCode).toBe(401);
  expect(fifth.json().message).toBe('密码连续错误 5 次，账号已锁定 15 分钟');
}

describe('lockout', () => {
  it('locks after 5 wrong passwords: the 6th attempt, with the RIGHT password, is refused', async () => {
    await lockOut('fy_jyj_xxy');
    const sixth = await attempt('fy_jyj_xxy', DEMO_PASSWORD);
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().message).toMatch(/^账号已锁定，请 1[45] 分钟后再试，或联系管理员解锁$/);
    expect(sixth.cookies.find((c) => c.name === 'xb_session')).toBeUndefined();
    const row = await userRow('fy_jyj_xxy');
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const [locked] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.account_locked'), eq(auditEvents.targetId, row.id)));
    expect(locked.diff).toEqual({ minutes: 15 });
  });

  it('counts only consecutive failures: a successful login resets the count', async () => {
    for (let i = 0; i < 4; i++) await attempt('fy_gaj_xxy', 'Wrong#0');
    await login(t.app, 'fy_gaj_xxy');
    expect((await userRow('fy_gaj_xxy')).failedAttempts).toBe(0);
    await attempt('fy_gaj_xxy', 'Wrong#0');
    expect((await userRow('fy_gaj_xxy')).failedAttempts).toBe(1);
  });

  it('is lifted by an administrator', async () => {
    await lockOut('fy_mzj_xxy');
    const id = (await userRow('fy_mzj_xxy')).id;
    const listed = (await admin.request('GET', '/api/users?status=locked')).json();
    expect(listed.items.map((u: { username: string }) => u.username)).toContain('fy_mzj_xxy');
    const res = await admin.request('POST', `/api/users/${id}/unlock`);
    expect(res.statusCode, res.body).toBe(200);
    await login(t.app, 'fy_mzj_xxy');
  });

  it('can be lifted by the security administrator too', async () => {
    await lockOut('fy_rsj_xxy');
    const id = (await userRow('fy_rsj_xxy')).id;
    expect((await secadmin.request('POST', `/api/users/${id}/unlock`)).statusCode).toBe(200);
    await login(t.app, 'fy_rsj_xxy');
  });

  it('runs out by itself when the lockout time has passed', async () => {
    await lockOut('fy_gtj_xxy');
    expect((await attempt('fy_gtj_xxy', DEMO_PASSWORD)).statusCode).toBe(401);
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.username, 'fy_gtj_xxy'));
    await login(t.app, 'fy_gtj_xxy');
    const row = await userRow('fy_gtj_xxy');
    expect(row.lockedUntil).toBeNull();
    expect(row.failedAttempts).toBe(0);
  });
});

describe('session timeouts', () => {
  async function sessionOf(s: Session) {
    const [row] = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, s.me.user.id))
      .orderBy(desc(sessions.createdAt))
      .limit(1);
    return row;
  }

  it('keeps a session that was used within the idle limit', async () => {
    const s = await login(t.app, 'fy_zjj_xxy');
    const row = await sessionOf(s);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 29 * 60_000) })
      .where(eq(sessions.id, row.id));
    expect((await s.request('GET', '/api/auth/me')).statusCode).toBe(200);
    // The request counted as activity.
    expect((await sessionOf(s)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('ends a session idle for longer than 30 minutes', async () => {
    const s = await login(t.app, 'fy_jtj_xxy');
    const row = await sessionOf(s);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, row.id));
    const res = await s.request('GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('登录已超时，请重新登录');
    expect(await t.database.db.select().from(sessions).where(eq(sessions.id, row.id))).toHaveLength(0);
    const write = await s.request('POST', '/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Xin#mima2026',
    });
    expect(write.statusCode).toBe(401);
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const s = await login(t.app, 'fy_nyj_xxy');
    const row = await sessionOf(s);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, row.id));
    const res = await s.request('GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('登录已超时，请重新登录');
  });

  it('gives a new session the absolute lifetime of the policy', async () => {
    const s = await login(t.app, 'fy_wsj_xxy');
    const row = await sessionOf(s);
    const hours = (row.expiresAt.getTime() - row.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(12, 3);
  });
});
