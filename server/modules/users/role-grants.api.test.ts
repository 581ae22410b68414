import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orgs, userRoles, users } from '../../db/schema/index.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { addUserFromCli } from './cli.ts';

/**
 * 三员分立: business roles the system administrator gives an account take effect only once the
 * security administrator confirms them, so he cannot read content by creating an editor account
 * for himself or a colleague. Plus the account fields' validation (phone, at least one role).
 */
let t: TestApp;
let admin: Session;
let secadmin: Session;

const INITIAL = 'Chushi#2026a';
const CHANGED = 'Xinmima#2026b';
let fyId: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [admin, secadmin] = await Promise.all(['admin', 'secadmin'].map((u) => login(t.app, u)));
  const [fy] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'fy'));
  fyId = fy.id;
});
afterAll(() => t.close());

async function audits(action: string, targetId: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(desc(auditEvents.id));
}

/** The system administrator creates an editor of 汾阳市政府办 — e.g. a second account for himself. */
async function editorBySysadmin(overrides: Record<string, unknown> = {}) {
  seq += 1;
  const res = await admin.request('POST', '/api/users', {
    username: `admin_alt_${seq}`,
    displayName: `王建国${seq}`,
    phone: '0358-7221234',
    unitIds: [fyId],
    primaryUnitId: fyId,
    roles: ['editor'],
    password: INITIAL,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; username: string; version: number; roles: string[] };
}

async function sessionOf(username: string): Promise<Session> {
  const s = await login(t.app, username, INITIAL);
  const res = await s.request('POST', '/api/auth/password', {
    currentPassword: INITIAL,
    newPassword: CHANGED,
  });
  expect(res.statusCode, res.body).toBe(200);
  return s;
}

const menuOf = async (s: Session) =>
  ((await s.request('GET', '/api/auth/me')).json().menu as { label: string }[]).map((m) => m.label);

describe('a business role granted by the system administrator', () => {
  it('gives no access until the security administrator confirms it', async () => {
    const created = await editorBySysadmin();
    expect(created.roles).toEqual([]);
    const [granted] = await audits('user.roles_granted', created.id);
    expect(granted).toMatchObject({ actorId: admin.me.user.id, diff: { pendingRoles: [[], ['editor']] } });
    expect(await t.database.db.select().from(userRoles).where(eq(userRoles.userId, created.id))).toEqual([]);

    const alt = await sessionOf(created.username);
    expect((await alt.request('GET', '/api/auth/me')).json().user.roles).toEqual([]);
    expect(await menuOf(alt)).not.toContain('收稿箱');
    expect((await alt.request('GET', '/api/items?box=inbox')).statusCode).toBe(403);
    expect((await alt.request('GET', '/api/settings/workflow-limits')).statusCode).toBe(403);

    // The system administrator cannot confirm it, nor list what waits.
    expect((await admin.request('GET', '/api/users/pending-grants')).statusCode).toBe(403);
    const byAdmin = await admin.request('POST', `/api/users/${created.id}/role-grants/confirm`, {
      roles: ['editor'],
      version: created.version,
    });
    expect(byAdmin.statusCode).toBe(403);

    const list = (await secadmin.request('GET', '/api/users/pending-grants')).json();
    const row = list.items.find((r: { userId: string }) => r.userId === created.id);
    expect(row).toMatchObject({
      username: created.username,
      unitName: '汾阳市人民政府办公室',
      roles: [],
      pendingGrants: [{ role: 'editor', grantedByName: '王建国（admin）' }],
      reviewable: true,
    });
    const listed = (await secadmin.request('GET', `/api/users/${created.id}`)).json();
    expect(listed.actions).toContain('reviewGrants');

    const res = await secadmin.request('POST', `/api/users/${created.id}/role-grants/confirm`, {
      roles: ['editor'],
      version: row.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['editor'], pendingGrants: [] });
    const [confirmed] = await audits('user.role_grants_confirmed', created.id);
    expect(confirmed).toMatchObject({
      actorId: secadmin.me.user.id,
      diff: { roles: [[], ['editor']], confirmed: ['editor'], grantedBy: ['王建国（admin）'] },
    });
    // In force at the account's next request.
    expect((await alt.request('GET', '/api/items?box=inbox')).statusCode).toBe(200);
    expect(await menuOf(alt)).toContain('收稿箱');
    const gone = (await secadmin.request('GET', '/api/users/pending-grants')).json().items;
    expect(gone.map((r: { userId: string }) => r.userId)).not.toContain(created.id);

    // A second confirmation finds nothing waiting; a stale version is refused.
    const again = await secadmin.request('POST', `/api/users/${created.id}/role-grants/confirm`, {
      roles: ['editor'],
      version: row.version + 1,
    });
    expect(again.statusCode).toBe(409);
  });

  it('is rejected with a reason and never takes effect', async () => {
    const created = await editorBySysadmin();
    const url = `/api/users/${created.id}/role-grants/reject`;
    const noReason = await secadmin.request('POST', url, { roles: ['editor'], version: created.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/原因/);
    const notPending = await secadmin.request('POST', url, {
      roles: ['leader'],
      reason: '无',
      version: created.version,
    });
    expect(notPending.statusCode).toBe(409);
    const res = await secadmin.request('POST', url, {
      roles: ['editor'],
      reason: '系统管理员不得持有编辑账号',
      version: created.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: [], pendingGrants: [] });
    const [rejected] = await audits('user.role_grants_rejected', created.id);
    expect(rejected).toMatchObject({
      actorId: secadmin.me.user.id,
      diff: { rejected: ['editor'], reason: '系统管理员不得持有编辑账号' },
    });
    const alt = await sessionOf(created.username);
    expect((await alt.request('GET', '/api/items?box=inbox')).statusCode).toBe(403);
  });

  it('cannot be confirmed by its grantor or on the confirmer’s own account', async () => {
    const self = await secadmin.request('POST', `/api/users/${secadmin.me.user.id}/role-grants/confirm`, {
      roles: ['editor'],
      version: 1,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe('不能确认自己账号的授权');
  });

  it('is taken away at once when the security administrator removes it; an account keeps one role', async () => {
    const created = await editorBySysadmin({ roles: ['editor', 'leader'] });
    const row = (await secadmin.request('GET', `/api/users/${created.id}`)).json();
    await secadmin.request('POST', `/api/users/${created.id}/role-grants/confirm`, {
      roles: ['editor', 'leader'],
      version: row.version,
    });
    const alt = await sessionOf(created.username);
    expect((await alt.request('GET', '/api/items?box=inbox')).statusCode).toBe(200);
    const current = (await secadmin.request('GET', `/api/users/${created.id}`)).json();
    const none = await secadmin.request('PUT', `/api/users/${created.id}/roles`, {
      roles: [],
      version: current.version,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('请至少选择一个角色');
    const res = await secadmin.request('PUT', `/api/users/${created.id}/roles`, {
      roles: ['leader'],
      version: current.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await alt.request('GET', '/api/items?box=inbox')).statusCode).toBe(403);
  });

  it('waits for confirmation again when the system administrator resets the password', async () => {
    // The demo editor of 汾阳 holds confirmed roles; a reset hands the system administrator a
    // password that opens the account, so its business roles must not open content by it alone.
    const [ed] = await t.database.db.select().from(users).where(eq(users.username, 'editor2'));
    const TEMP = 'Linshi#2026c';
    const reset = await admin.request('POST', `/api/users/${ed.id}/reset-password`, { password: TEMP });
    expect(reset.statusCode, reset.body).toBe(200);
    const [event] = await audits('user.password_reset', ed.id);
    expect(event.diff).toMatchObject({ rolesAwaitingConfirmation: ['editor'] });

    const s = await login(t.app, 'editor2', TEMP);
    expect(
      (await s.request('POST', '/api/auth/password', { currentPassword: TEMP, newPassword: CHANGED }))
        .statusCode,
    ).toBe(200);
    expect((await s.request('GET', '/api/items?box=inbox')).statusCode).toBe(403);

    const row = (await secadmin.request('GET', '/api/users/pending-grants'))
      .json()
      .items.find((r: { userId: string }) => r.userId === ed.id);
    expect(row).toMatchObject({
      roles: [],
      pendingGrants: [{ role: 'editor', grantedByName: '王建国（admin）' }],
    });
    const ok = await secadmin.request('POST', `/api/users/${ed.id}/role-grants/confirm`, {
      roles: ['editor'],
      version: row.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await s.request('GET', '/api/items?box=inbox')).statusCode).toBe(200);
  });

  it('is in force at once when an operator adds the account at the console, audited as the console', async () => {
    await addUserFromCli(t.database.db, t.config, {
      username: 'cli_editor',
      name: '控制台编辑',
      unit: 'fy',
      role: 'editor',
      password: INITIAL,
    });
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'cli_editor'));
    const roles = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, u.id));
    expect(roles.map((r) => r.role)).toEqual(['editor']);
    const [created] = await audits('user.created', u.id);
    expect(created).toMatchObject({ actorId: null, actorName: '控制台操作员（xinbao user add）' });
    expect(created.diff).toMatchObject({ roles: ['editor'] });
  });
});

describe('account fields', () => {
  it('accept a mainland mobile or a landline with area code (and extension), refuse anything else', async () => {
    for (const phone of ['13912345678', '0358-7221234', '03587221234', '0358-7221234-8012', '010-12345678']) {
      await editorBySysadmin({ phone });
    }
    for (const phone of ['12345', '1391234567', '23912345678', '7221234', '0358-72212', 'abc']) {
      const res = await admin.request('POST', '/api/users', {
        username: `bad_phone_${phone.length}_${phone.charCodeAt(0)}`,
        displayName: '坏号码',
        phone,
        unitIds: [fyId],
        primaryUnitId: fyId,
        roles: ['reporter'],
        password: INITIAL,
      });
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().message, phone).toMatch(/手机号码|固定电话/);
    }
    const created = await editorBySysadmin();
    const patch = await admin.request('PATCH', `/api/users/${created.id}`, {
      phone: '12345',
      version: created.version,
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().message).toMatch(/手机号码/);
    const cleared = await admin.request('PATCH', `/api/users/${created.id}`, {
      phone: '',
      version: created.version,
    });
    expect(cleared.json()).toMatchObject({ phone: null });
  });

  it('need at least one role', async () => {
    const res = await admin.request('POST', '/api/users', {
      username: 'no_role',
      displayName: '无角色',
      unitIds: [fyId],
      primaryUnitId: fyId,
      roles: [],
      password: INITIAL,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/至少选择一个角色/);
  });
});
