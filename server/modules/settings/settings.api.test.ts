import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orgs, settings } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let secadmin: Session;
let admin: Session;

const URL = '/api/settings/security-policy';
const DEFAULTS = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [secadmin, admin] = await Promise.all([login(t.app, 'secadmin'), login(t.app, 'admin')]);
});
afterAll(() => t.close());

async function policyAudits() {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'settings.security_policy_changed'))
    .orderBy(desc(auditEvents.id));
}

describe('access rules', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous(t.app, 'GET', URL)).statusCode).toBe(401);
    expect((await anonymous(t.app, 'PUT', URL, { ...DEFAULTS, version: 0 })).statusCode).toBe(401);
  });

  it('answers 403 to everyone but the security administrator, the system administrator included (三员分立)', async () => {
    for (const username of ['admin', 'auditor', 'editor']) {
      const s = username === 'admin' ? admin : await login(t.app, username);
      expect((await s.request('GET', URL)).statusCode, username).toBe(403);
      const put = await s.request('PUT', URL, { ...DEFAULTS, passwordMinLength: 6, version: 0 });
      expect(put.statusCode, username).toBe(403);
    }
    expect(await t.database.db.select().from(settings)).toHaveLength(0);
  });

  it('answers 400 to values out of range, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ passwordMinLength: 7 }, /密码最小长度须在 8–64 之间/],
      [{ passwordMinLength: 65 }, /密码最小长度/],
      [{ passwordMinClasses: 0 }, /密码字符类别数/],
      [{ passwordMinClasses: 5 }, /密码字符类别数/],
      [{ lockoutThreshold: 2 }, /锁定阈值/],
      [{ lockoutThreshold: 21 }, /锁定阈值/],
      [{ lockoutMinutes: 0 }, /锁定时长/],
      [{ lockoutMinutes: 1441 }, /锁定时长/],
      [{ sessionIdleMinutes: 4 }, /空闲超时/],
      [{ sessionIdleMinutes: 481 }, /空闲超时/],
      [{ sessionAbsoluteHours: 0 }, /会话最长时长/],
      [{ sessionAbsoluteHours: 73 }, /会话最长时长/],
      [{ sessionIdleMinutes: 120, sessionAbsoluteHours: 2 }, /空闲超时须短于会话最长时长/],
      [{ passwordMinLength: 10.5 }, /整数/],
      [{ version: undefined }, /版本号/],
    ];
    for (const [patch, message] of cases) {
      const res = await secadmin.request('PUT', URL, { ...DEFAULTS, version: 0, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect(await t.database.db.select().from(settings)).toHaveLength(0);
  });
});

describe('the security policy', () => {
  it('starts from the environment defaults at version 0', async () => {
    const res = await secadmin.request('GET', URL);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULTS, version: 0 });
  });

  it('saves a change, audits the diff, refuses a stale version, and skips a save that changes nothing', async () => {
    const res = await secadmin.request('PUT', URL, {
      ...DEFAULTS,
      passwordMinLength: 12,
      lockoutMinutes: 30,
      version: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULTS, passwordMinLength: 12, lockoutMinutes: 30, version: 1 });
    const [row] = await t.database.db.select().from(settings).where(eq(settings.key, 'security_policy'));
    expect(row.value).toMatchObject({ passwordMinLength: 12, lockoutMinutes: 30 });
    expect(row.updatedBy).toBe(secadmin.me.user.id);
    const [audit] = await policyAudits();
    expect(audit.actorId).toBe(secadmin.me.user.id);
    expect(audit.diff).toEqual({ passwordMinLength: [8, 12], lockoutMinutes: [15, 30] });

    const stale = await secadmin.request('PUT', URL, { ...DEFAULTS, passwordMinLength: 16, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该记录已被他人修改，请刷新后重试');
    expect((await secadmin.request('GET', URL)).json().passwordMinLength).toBe(12);

    const same = await secadmin.request('PUT', URL, {
      ...DEFAULTS,
      passwordMinLength: 12,
      lockoutMinutes: 30,
      version: 1,
    });
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(1);
    expect(await policyAudits()).toHaveLength(1);
  });

  it('applies a longer minimum length to the next password change and to new accounts', async () => {
    expect((await secadmin.request('GET', URL)).json().passwordMinLength).toBe(12);
    const editor = await login(t.app, 'editor');
    const short = await editor.request('POST', '/api/auth/password', {
      currentPassword: 'Xinbao@2026',
      newPassword: 'Abcdef#2026',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('密码长度至少 12 位');
    const ok = await editor.request('POST', '/api/auth/password', {
      currentPassword: 'Xinbao@2026',
      newPassword: 'Abcdefg#2026',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await login(t.app, 'editor', 'Abcdefg#2026');

    const [fy] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'fy'));
    const create = await admin.request('POST', '/api/users', {
      username: 'policy_check',
      displayName: '策略检查',
      unitIds: [fy.id],
      primaryUnitId: fy.id,
      roles: ['editor'],
      password: 'Abcdef#2026',
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().message).toContain('密码长度至少 12 位');
  });

  it('applies a lower lockout threshold to the next failed logins', async () => {
    const { version, ...current } = (await secadmin.request('GET', URL)).json();
    const res = await secadmin.request('PUT', URL, { ...current, lockoutThreshold: 3, version });
    expect(res.statusCode).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await anonymous(t.app, 'POST', '/api/auth/login', { username: 'leader', password: 'wrong' });
      expect(r.json()).toEqual({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
    }
    const third = await anonymous(t.app, 'POST', '/api/auth/login', {
      username: 'leader',
      password: 'wrong',
    });
    expect(third.json().message).toBe('密码连续错误 3 次，账号已锁定 30 分钟');
  });
});
