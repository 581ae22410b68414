import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orgs, sessions, users } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let admin: Session;
let secadmin: Session;
let editor: Session;
let auditor: Session;

const NEW_PASSWORD = 'Chushi#2026a';

beforeAll(async () => {
  // Many logins in one file: lift the per-IP login limit, which auth.api.test.ts tests on its own.
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [admin, secadmin, editor, auditor] = await Promise.all(
    ['admin', 'secadmin', 'editor', 'auditor'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

async function orgId(code: string): Promise<string> {
  const [row] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code));
  return row.id;
}

async function userRow(username: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.username, username));
  return row;
}

async function latestAudit(action: string, targetId: string) {
  const [row] = await t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

let seq = 0;
/** A new reporter of 财政局 created through the API; returns the response body. */
async function createReporter(overrides: Record<string, unknown> = {}) {
  seq += 1;
  const unit = await orgId('fy_czj');
  const res = await admin.request('POST', '/api/users', {
    username: `test_user_${seq}`,
    displayName: `测试用户${seq}`,
    phone: '13800000000',
    unitIds: [unit],
    primaryUnitId: unit,
    roles: ['reporter'],
    password: NEW_PASSWORD,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Logs a freshly created user in and completes the forced password change. */
async function activeSession(username: string): Promise<Session> {
  const first = await login(t.app, username, NEW_PASSWORD);
  const res = await first.request('POST', '/api/auth/password', {
    currentPassword: NEW_PASSWORD,
    newPassword: 'Xinmima#2026b',
  });
  expect(res.statusCode, res.body).toBe(200);
  return first;
}

describe('access rules (401 → 403 → 400)', () => {
  const someId = randomUUID();
  const endpoints: [string, string, unknown?][] = [
    ['GET', '/api/users'],
    ['GET', `/api/users/${someId}`],
    ['GET', '/api/users/export.xlsx'],
    ['POST', '/api/users', {}],
    ['PATCH', `/api/users/${someId}`, {}],
    ['POST', `/api/users/${someId}/deactivate`, {}],
    ['POST', `/api/users/${someId}/activate`, {}],
    ['POST', `/api/users/${someId}/reset-password`, {}],
    ['POST', `/api/users/${someId}/unlock`, {}],
    ['PUT', `/api/users/${someId}/roles`, {}],
  ];

  it('answers 401 without a session', async () => {
    for (const [method, url, body] of endpoints) {
      const res = await anonymous(t.app, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().message).toBe('请先登录');
    }
  });

  it('answers 403 to business roles and to the auditor, before validating the body', async () => {
    for (const s of [editor, auditor]) {
      for (const [method, url, body] of endpoints) {
        const res = await s.request(method, url, body);
        expect(res.statusCode, `${s.username} ${method} ${url}`).toBe(403);
      }
    }
  });

  it('keeps account upkeep with the system administrator and roles with the security administrator', async () => {
    for (const [method, url, body] of endpoints.filter(
      ([m, u]) => m !== 'GET' && !u.endsWith('/unlock') && !u.endsWith('/roles'),
    )) {
      const res = await secadmin.request(method, url, body);
      expect(res.statusCode, `secadmin ${method} ${url}`).toBe(403);
    }
    const res = await admin.request('PUT', `/api/users/${someId}/roles`, { roles: ['editor'], version: 1 });
    expect(res.statusCode).toBe(403);
  });

  it('answers 400 with a Chinese message to malformed input', async () => {
    const cases: [Session, string, string, unknown?][] = [
      [admin, 'GET', '/api/users?status=frozen'],
      [admin, 'GET', '/api/users?pageSize=1000'],
      [admin, 'GET', '/api/users?orgId=not-a-uuid'],
      [admin, 'GET', '/api/users?sort=password'],
      [admin, 'GET', '/api/users/export.xlsx?role=king'],
      [admin, 'GET', '/api/users/not-a-uuid'],
      [admin, 'POST', '/api/users', {}],
      [admin, 'PATCH', `/api/users/${someId}`, { displayName: '无版本号' }],
      [admin, 'POST', `/api/users/${someId}/deactivate`, {}],
      [admin, 'POST', `/api/users/${someId}/activate`, { version: 'one' }],
      [admin, 'POST', `/api/users/${someId}/reset-password`, {}],
      [secadmin, 'POST', '/api/users/not-a-uuid/unlock'],
      [secadmin, 'PUT', `/api/users/${someId}/roles`, { roles: ['king'], version: 1 }],
    ];
    for (const [s, method, url, body] of cases) {
      const res = await s.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('answers 404 for an account that does not exist', async () => {
    expect((await admin.request('GET', `/api/users/${someId}`)).statusCode).toBe(404);
    expect(
      (await admin.request('PATCH', `/api/users/${someId}`, { displayName: '无', version: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await secadmin.request('PUT', `/api/users/${someId}/roles`, { roles: [], version: 1 })).statusCode,
    ).toBe(404);
  });
});

describe('GET /api/users', () => {
  it('pages through accounts with the total', async () => {
    const first = (await admin.request('GET', '/api/users?page=1&pageSize=5')).json();
    const second = (await admin.request('GET', '/api/users?page=2&pageSize=5')).json();
    expect(first.items).toHaveLength(5);
    expect(first.total).toBeGreaterThan(90);
    expect(second.total).toBe(first.total);
    expect(second.page).toBe(2);
    const ids = new Set([...first.items, ...second.items].map((u: { id: string }) => u.id));
    expect(ids.size).toBe(10);
  });

  it('filters by unit, role and search text, with LIKE wildcards taken literally', async () => {
    const czj = await orgId('fy_czj');
    const byUnit = (await admin.request('GET', `/api/users?orgId=${czj}&pageSize=100`)).json();
    expect(byUnit.items.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['fy_czj_xxy', 'fy_czj_qf']),
    );
    expect(byUnit.items.every((u: { units: { id: string }[] }) => u.units.some((x) => x.id === czj))).toBe(
      true,
    );

    const auditors = (await admin.request('GET', '/api/users?role=auditor')).json();
    expect(auditors.items.map((u: { username: string }) => u.username)).toEqual(['auditor']);

    const byName = (await admin.request('GET', `/api/users?q=${encodeURIComponent('王建国')}`)).json();
    expect(byName.items.map((u: { username: string }) => u.username)).toEqual(['admin']);

    const wildcard = (await admin.request('GET', '/api/users?q=%25')).json();
    expect(wildcard.total).toBe(0);
    const underscore = (await admin.request('GET', `/api/users?q=${encodeURIComponent('czj_x')}`)).json();
    expect(underscore.items.map((u: { username: string }) => u.username)).toEqual(['fy_czj_xxy']);
  });

  it('sorts by display name and by last login, never-logged-in accounts last', async () => {
    const byName = (await admin.request('GET', '/api/users?sort=displayName&order=desc&pageSize=100')).json();
    const names = byName.items.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

    const byLogin = (
      await admin.request('GET', '/api/users?sort=lastLoginAt&order=desc&pageSize=100')
    ).json();
    const logins = byLogin.items.map((u: { lastLoginAt: string | null }) => u.lastLoginAt);
    const seen = logins.filter((l: string | null) => l !== null);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(logins.slice(0, seen.length)).toEqual(seen);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('filters by status: inactive and locked', async () => {
    const victim = await createReporter();
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(users.id, victim.id));
    const locked = (await admin.request('GET', '/api/users?status=locked')).json();
    expect(locked.items.map((u: { id: string }) => u.id)).toContain(victim.id);
    expect(locked.items.every((u: { locked: boolean }) => u.locked)).toBe(true);
    const active = (await admin.request('GET', '/api/users?status=active&pageSize=100')).json();
    expect(active.items.map((u: { id: string }) => u.id)).not.toContain(victim.id);
    const inactive = (await admin.request('GET', '/api/users?status=inactive')).json();
    expect(inactive.items.every((u: { active: boolean }) => !u.active)).toBe(true);
  });

  it('returns each record with what the caller may do to it', async () => {
    const get = async (s: Session, username: string) => {
      const res = await s.request('GET', `/api/users?q=${username}`);
      return res.json().items.find((u: { username: string }) => u.username === username);
    };
    expect((await get(admin, 'editor2')).actions).toEqual(['update', 'resetPassword', 'deactivate']);
    expect((await get(admin, 'admin')).actions).toEqual(['update']);
    // Admin accounts: no password reset or deactivation by the system administrator.
    expect((await get(admin, 'auditor')).actions).toEqual(['update']);
    expect((await get(secadmin, 'editor2')).actions).toEqual(['setRoles']);
    expect((await get(secadmin, 'secadmin')).actions).toEqual([]);
    const editor2 = await get(admin, 'editor2');
    expect(editor2).toMatchObject({
      username: 'editor2',
      displayName: '刘晓燕',
      active: true,
      locked: false,
      lockedUntil: null,
      mustChangePassword: false,
      roles: ['editor'],
      units: [{ name: '汾阳市人民政府办公室', shortName: '汾阳市政府办', isPrimary: true }],
      version: 1,
    });
    expect(editor2).not.toHaveProperty('passwordHash');
  });
});

describe('GET /api/users/:id', () => {
  it('returns one account to both administrators', async () => {
    const id = (await userRow('fy_swj_xxy')).id;
    for (const s of [admin, secadmin]) {
      const res = await s.request('GET', `/api/users/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, username: 'fy_swj_xxy', roles: ['reporter'] });
    }
  });
});

describe('GET /api/users/export.xlsx', () => {
  it('exports the filtered list with Chinese headers and audits the export', async () => {
    const czj = await orgId('fy_czj');
    const res = await secadmin.request('GET', `/api/users/export.xlsx?orgId=${czj}&role=reporter`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('用户列表');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '用户名',
      '姓名',
      '所属单位',
      '角色',
      '手机',
      '状态',
      '最后登录',
    ]);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const xxy = rows.find((r) => r[1] === 'fy_czj_xxy');
    expect(xxy).toBeDefined();
    expect(xxy?.[3]).toBe('汾阳市财政局');
    expect(xxy?.[4]).toBe('信息员');
    expect(xxy?.[6]).toBe('正常');
    expect(rows.some((r) => r[1] === 'fy_czj_qf')).toBe(false);
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'user.exported'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(audit.actorId).toBe(secadmin.me.user.id);
    expect(audit.diff).toMatchObject({ filter: { orgId: czj, role: 'reporter' } });
  });
});

describe('POST /api/users', () => {
  it('creates an account that must change its password, with units, roles and an audit row', async () => {
    const czj = await orgId('fy_czj');
    const swj = await orgId('fy_swj');
    const res = await admin.request('POST', '/api/users', {
      username: 'new.reporter-1',
      displayName: '新信息员',
      phone: '13912345678',
      email: 'xxy@example.cn',
      unitIds: [czj, swj],
      primaryUnitId: swj,
      roles: ['reporter', 'unit_signer'],
      password: NEW_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      username: 'new.reporter-1',
      displayName: '新信息员',
      phone: '13912345678',
      email: 'xxy@example.cn',
      active: true,
      mustChangePassword: true,
      locked: false,
      // Given by the system administrator: waiting for the security administrator (三员分立).
      roles: [],
      pendingGrants: [
        { role: 'reporter', grantedByName: '王建国（admin）' },
        { role: 'unit_signer', grantedByName: '王建国（admin）' },
      ],
      version: 1,
    });
    expect(body.units).toEqual([
      { id: swj, name: '汾阳市水务局', shortName: '水务局', isPrimary: true },
      { id: czj, name: '汾阳市财政局', shortName: '财政局', isPrimary: false },
    ]);
    const audit = await latestAudit('user.created', body.id);
    expect(audit.actorId).toBe(admin.me.user.id);
    expect(audit.diff).toMatchObject({
      username: 'new.reporter-1',
      pendingRoles: ['reporter', 'unit_signer'],
    });
    expect(JSON.stringify(audit.diff)).not.toMatch(/argon2|password|Chushi/i);
  });

  it('refuses a taken user name, whatever its case, with 409', async () => {
    for (const username of ['editor', 'EDITOR']) {
      const unit = await orgId('fy');
      const res = await admin.request('POST', '/api/users', {
        username,
        displayName: '重名',
        unitIds: [unit],
        primaryUnitId: unit,
        roles: ['editor'],
        password: NEW_PASSWORD,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('用户名已存在');
    }
  });

  it('refuses bad input with a reason, creating nothing', async () => {
    const czj = await orgId('fy_czj');
    const fy = await orgId('fy');
    const [closed] = await t.database.db
      .insert(orgs)
      .values({
        code: 'closed_unit',
        name: '已撤销单位',
        shortName: '撤销',
        kind: 'unit',
        parentId: fy,
        active: false,
      })
      .returning({ id: orgs.id });
    const base = {
      username: 'bad_input',
      displayName: '坏输入',
      unitIds: [czj],
      primaryUnitId: czj,
      roles: ['reporter'],
      password: NEW_PASSWORD,
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ username: 'ab' }, /用户名长度/],
      [{ username: '含中文' }, /用户名只能包含/],
      [{ unitIds: [] }, /至少选择一个所属单位/],
      [{ primaryUnitId: fy }, /主单位必须是所属单位之一/],
      [{ unitIds: [closed.id], primaryUnitId: closed.id }, /所属单位不存在或已停用/],
      [{ unitIds: [randomUUID()], primaryUnitId: undefined }, /请求参数不正确/],
      [{ roles: [] }, /至少选择一个角色/],
      [{ roles: ['auditor'] }, /只能分配业务角色/],
      [{ roles: ['reporter', 'sysadmin'] }, /只能分配业务角色/],
      [{ password: 'short1A' }, /密码长度至少 8 位/],
      [{ password: 'alllowercase' }, /至少 3 类/],
      [{ password: 'Bad_input#2026' }, /不能包含用户名/],
      [{ email: 'not-an-email' }, /邮箱格式不正确/],
    ];
    for (const [patch, message] of cases) {
      const res = await admin.request('POST', '/api/users', { ...base, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect(await userRow('bad_input')).toBeUndefined();
  });
});

describe('PATCH /api/users/:id', () => {
  it('edits name, contacts and units under optimistic locking, auditing the diff', async () => {
    const created = await createReporter();
    const swj = await orgId('fy_swj');
    const czj = await orgId('fy_czj');
    const res = await admin.request('PATCH', `/api/users/${created.id}`, {
      displayName: '改过的名字',
      phone: '',
      unitIds: [czj, swj],
      primaryUnitId: swj,
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '改过的名字', phone: null, version: 2 });
    expect(
      res.json().units.map((u: { shortName: string; isPrimary: boolean }) => [u.shortName, u.isPrimary]),
    ).toEqual([
      ['水务局', true],
      ['财政局', false],
    ]);
    const audit = await latestAudit('user.updated', created.id);
    expect(audit.diff).toEqual({
      displayName: [created.displayName, '改过的名字'],
      phone: ['13800000000', null],
      units: [['汾阳市财政局'], ['汾阳市水务局', '汾阳市财政局']],
    });

    const stale = await admin.request('PATCH', `/api/users/${created.id}`, {
      displayName: '过期的修改',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该记录已被他人修改，请刷新后重试');
    expect((await userRow(created.username)).displayName).toBe('改过的名字');
  });

  it('rejects a primary unit outside the unit list', async () => {
    const created = await createReporter();
    const res = await admin.request('PATCH', `/api/users/${created.id}`, {
      primaryUnitId: await orgId('fy_swj'),
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('主单位必须是所属单位之一');
  });
});

describe('deactivate and activate', () => {
  it('stops an account: its sessions end, it cannot log in, and it can be started again', async () => {
    const created = await createReporter();
    const session = await activeSession(created.username);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(200);
    const version = (await userRow(created.username)).version;

    const res = await admin.request('POST', `/api/users/${created.id}/deactivate`, { version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, actions: ['update', 'resetPassword', 'activate'] });
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, created.id))).toHaveLength(
      0,
    );
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const refused = await anonymous(t.app, 'POST', '/api/auth/login', {
      username: created.username,
      password: 'Xinmima#2026b',
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toContain('已停用');
    expect((await latestAudit('user.deactivated', created.id)).diff).toMatchObject({
      active: [true, false],
      sessionsEnded: 1,
    });

    const again = await admin.request('POST', `/api/users/${created.id}/deactivate`, {
      version: version + 1,
    });
    expect(again.statusCode).toBe(409);
    const stale = await admin.request('POST', `/api/users/${created.id}/activate`, { version });
    expect(stale.statusCode).toBe(409);

    const back = await admin.request('POST', `/api/users/${created.id}/activate`, { version: version + 1 });
    expect(back.statusCode).toBe(200);
    expect(back.json().active).toBe(true);
    await login(t.app, created.username, 'Xinmima#2026b');
    expect(await latestAudit('user.activated', created.id)).toBeDefined();
  });

  it('refuses to deactivate one’s own account or an admin account', async () => {
    const self = await admin.request('POST', `/api/users/${admin.me.user.id}/deactivate`, { version: 1 });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe('不能停用自己的账号');
    const auditorId = (await userRow('auditor')).id;
    const other = await admin.request('POST', `/api/users/${auditorId}/deactivate`, { version: 1 });
    expect(other.statusCode).toBe(403);
    expect((await userRow('auditor')).active).toBe(true);
  });
});

describe('POST /api/users/:id/reset-password', () => {
  it('sets a temporary password, lifts a lockout and ends every session', async () => {
    const created = await createReporter();
    const session = await activeSession(created.username);
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000), failedAttempts: 2 })
      .where(eq(users.id, created.id));

    const res = await admin.request('POST', `/api/users/${created.id}/reset-password`, {
      password: 'Linshi#2026c',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: true, locked: false, lockedUntil: null });
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const row = await userRow(created.username);
    expect(row.failedAttempts).toBe(0);
    const fresh = await login(t.app, created.username, 'Linshi#2026c');
    expect((await fresh.request('GET', '/api/users')).json().message).toContain('请先修改密码');
    const audit = await latestAudit('user.password_reset', created.id);
    expect(audit.diff).toMatchObject({ lockoutCleared: true, sessionsEnded: 1 });
    expect(JSON.stringify(audit.diff)).not.toMatch(/argon2|Linshi/);
  });

  it('checks the policy, and is not for one’s own or an admin account', async () => {
    const created = await createReporter();
    const weak = await admin.request('POST', `/api/users/${created.id}/reset-password`, { password: 'weak' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码长度至少');
    const self = await admin.request('POST', `/api/users/${admin.me.user.id}/reset-password`, {
      password: 'Linshi#2026c',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('修改密码');
    const auditorId = (await userRow('auditor')).id;
    const adminAccount = await admin.request('POST', `/api/users/${auditorId}/reset-password`, {
      password: 'Linshi#2026c',
    });
    expect(adminAccount.statusCode).toBe(403);
    expect(adminAccount.json().message).toContain('三员账号');
    await login(t.app, 'auditor');
  });
});

describe('POST /api/users/:id/unlock', () => {
  it('lets either administrator lift a lockout, and says so when there is none', async () => {
    const created = await createReporter();
    const notLocked = await secadmin.request('POST', `/api/users/${created.id}/unlock`);
    expect(notLocked.statusCode).toBe(409);
    expect(notLocked.json().message).toBe('该账号未被锁定');
    for (const s of [admin, secadmin]) {
      await t.database.db
        .update(users)
        .set({ lockedUntil: new Date(Date.now() + 600_000) })
        .where(eq(users.id, created.id));
      const listed = (await s.request('GET', `/api/users/${created.id}`)).json();
      expect(listed.actions).toContain('unlock');
      const res = await s.request('POST', `/api/users/${created.id}/unlock`, {});
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ locked: false, lockedUntil: null });
      expect((await latestAudit('user.unlocked', created.id)).actorId).toBe(s.me.user.id);
    }
  });
});

describe('PUT /api/users/:id/roles (三员分立)', () => {
  it('lets the security administrator replace roles, auditing before and after; the change applies at once', async () => {
    const created = await createReporter();
    const session = await activeSession(created.username);
    expect((await session.request('GET', '/api/users')).statusCode).toBe(403);

    const res = await secadmin.request('PUT', `/api/users/${created.id}/roles`, {
      roles: ['sysadmin'],
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['sysadmin'], version: 2 });
    const audit = await latestAudit('user.roles_changed', created.id);
    expect(audit.actorId).toBe(secadmin.me.user.id);
    // The security administrator's own grant is in force at once and settles the pending one.
    expect(audit.diff).toEqual({ roles: [[], ['sysadmin']], pendingRoles: [['reporter'], []] });
    expect((await session.request('GET', '/api/users')).statusCode).toBe(200);

    const stale = await secadmin.request('PUT', `/api/users/${created.id}/roles`, {
      roles: ['reporter'],
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await secadmin.request('GET', `/api/users/${created.id}`)).json().roles).toEqual(['sysadmin']);
  });

  it('refuses to combine admin roles with each other or with business roles', async () => {
    const created = await createReporter();
    for (const roles of [
      ['sysadmin', 'auditor'],
      ['secadmin', 'editor'],
      ['auditor', 'reporter'],
    ]) {
      const res = await secadmin.request('PUT', `/api/users/${created.id}/roles`, { roles, version: 1 });
      expect(res.statusCode, roles.join()).toBe(400);
      expect(res.json().message).toContain('三员分立');
    }
    const after = (await secadmin.request('GET', `/api/users/${created.id}`)).json();
    expect(after.roles).toEqual([]);
    expect(after.pendingGrants.map((g: { role: string }) => g.role)).toEqual(['reporter']);
  });

  it('refuses a security administrator granting itself a role', async () => {
    const res = await secadmin.request('PUT', `/api/users/${secadmin.me.user.id}/roles`, {
      roles: ['auditor'],
      version: 1,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('不能修改自己的角色');
    expect((await secadmin.request('GET', '/api/auth/me')).json().user.roles).toEqual(['secadmin']);
  });

  it('keeps at least one active holder of each admin role', async () => {
    const auditorId = (await userRow('auditor')).id;
    const version = (await userRow('auditor')).version;
    const res = await secadmin.request('PUT', `/api/users/${auditorId}/roles`, { roles: [], version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('至少须保留一名在用的审计员');
    expect((await userRow('auditor')).version).toBe(version);
  });
});
