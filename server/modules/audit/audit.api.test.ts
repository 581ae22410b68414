import { desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orgs } from '../../db/schema/index.ts';
import { AUDIT_ACTIONS } from '../../lib/audit.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let auditor: Session;
let fyId: string;

type Item = {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  targetLabel: string | null;
  ip: string | null;
};

/** An event at a chosen instant (recordAudit stamps now()), so the filters have known data. */
async function seedEvent(at: string, fields: Partial<typeof auditEvents.$inferInsert>) {
  await t.database.db.insert(auditEvents).values({
    action: 'org.updated',
    at: new Date(at),
    userAgent: null,
    diff: { name: ['旧名', '新名'] },
    ...fields,
  });
}

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  auditor = await login(t.app, 'auditor');
  [{ id: fyId }] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'fy'));
  await seedEvent('2024-03-05T06:30:00Z', {
    actorName: '百分百（pct）',
    targetLabel: '完成率100%的单位',
    targetType: 'org',
    unitId: fyId,
    unitName: '汾阳市人民政府办公室',
    ip: '10.72.9.1',
  });
  await seedEvent('2024-03-06T16:30:00Z', {
    actorName: '下划线（under_score）',
    targetLabel: '单位_甲',
    targetType: 'org',
    ip: '192.168.1.20',
  });
  await seedEvent('2024-03-07T01:00:00Z', {
    actorName: '普通人（plain）',
    targetLabel: '普通单位',
    targetType: 'dictionary',
    ip: '10.72.10.3',
  });
});
afterAll(() => t.close());

describe('access rules (三员分立: only the auditor reads the log)', () => {
  const endpoints = ['/api/audit', '/api/audit/actions', '/api/audit/export.xlsx'];

  it('answers 401 without a session', async () => {
    for (const url of endpoints) expect((await anonymous(t.app, 'GET', url)).statusCode, url).toBe(401);
  });

  it('answers 403 to the system and security administrators and to business roles', async () => {
    for (const username of ['admin', 'secadmin', 'editor', 'chief']) {
      const s = await login(t.app, username);
      for (const url of endpoints) {
        const res = await s.request('GET', url);
        expect(res.statusCode, `${username} ${url}`).toBe(403);
      }
    }
  });

  it('answers 400 to bad filters', async () => {
    for (const query of [
      'action=audit.deleted',
      'from=yesterday',
      'to=2024-13-45',
      'from=2024-03-07&to=2024-03-05',
      'unitId=fy',
      'page=0',
      'pageSize=500',
    ]) {
      const res = await auditor.request('GET', `/api/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
      expect(
        (await auditor.request('GET', `/api/audit/export.xlsx?${query.replace(/page.*/, 'action=x')}`))
          .statusCode,
      ).toBe(400);
    }
  });

  it('has no route that changes or deletes audit rows', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const url of ['/api/audit', '/api/audit/1']) {
        const res = await auditor.request(method, url, {});
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
    }
  });
});

describe('the database keeps the log append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    const db = t.database.db;
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    await expect(db.update(auditEvents).set({ actorName: '篡改' })).rejects.toThrow();
    await expect(db.delete(auditEvents)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after.n).toBe(before.n);
    const tampered = await db.select().from(auditEvents).where(eq(auditEvents.actorName, '篡改'));
    expect(tampered).toHaveLength(0);
  });
});

describe('GET /api/audit', () => {
  it('lists newest first with labels, paging and the total', async () => {
    const res = await auditor.request('GET', '/api/audit?pageSize=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.page).toBe(1);
    expect(body.pageSize).toBe(5);
    expect(body.total).toBeGreaterThanOrEqual(8);
    const ats = body.items.map((i: Item) => i.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const ownLogins = await auditor.request('GET', '/api/audit?action=auth.login&q=auditor');
    const login = ownLogins.json().items.at(-1);
    expect(login).toMatchObject({
      actionLabel: '登录',
      actorId: auditor.me.user.id,
      actorName: '赵审言（auditor）',
      unitName: '汾阳市人民政府办公室',
      targetType: 'user',
      targetLabel: 'auditor',
      ip: '127.0.0.1',
    });
    expect(Object.keys(login).sort()).toEqual(
      [
        'id',
        'at',
        'actorId',
        'actorName',
        'unitId',
        'unitName',
        'action',
        'actionLabel',
        'targetType',
        'targetId',
        'targetLabel',
        'diff',
        'ip',
        'userAgent',
      ].sort(),
    );
    const page2 = (await auditor.request('GET', '/api/audit?pageSize=5&page=2')).json();
    expect(page2.items.map((i: Item) => i.id)).not.toContain(body.items[0].id);
  });

  it('filters by day (China Standard Time), instant, action, target type, unit and IP prefix', async () => {
    const labels = async (query: string) =>
      (await auditor.request('GET', `/api/audit?pageSize=200&${query}`))
        .json()
        .items.map((i: Item) => i.targetLabel);
    // 2024-03-06T16:30Z is 2024-03-07 00:30 in Beijing.
    expect(await labels('from=2024-03-07&to=2024-03-07')).toEqual(['普通单位', '单位_甲']);
    expect(await labels('from=2024-03-05&to=2024-03-06')).toEqual(['完成率100%的单位']);
    expect(await labels('from=2024-03-06T00:00:00Z&to=2024-03-07T00:00:00Z')).toEqual(['单位_甲']);
    expect(await labels('targetType=dictionary')).toEqual(['普通单位']);
    expect(await labels(`unitId=${fyId}&action=org.updated`)).toEqual(['完成率100%的单位']);
    expect(await labels('ip=10.72.')).toEqual(['普通单位', '完成率100%的单位']);
    expect(await labels('ip=10.72.1')).toEqual(['普通单位']);
  });

  it('searches actor and target names, taking % and _ literally', async () => {
    const labels = async (q: string) =>
      (await auditor.request('GET', `/api/audit?pageSize=200&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((i: Item) => i.targetLabel);
    expect(await labels('100%')).toEqual(['完成率100%的单位']);
    expect(await labels('%')).toEqual(['完成率100%的单位']);
    expect(await labels('_甲')).toEqual(['单位_甲']);
    expect(await labels('under_score')).toEqual(['单位_甲']);
    expect(await labels('PLAIN')).toEqual(['普通单位']);
  });

  it('shows failed logins and logins with the account’s unit', async () => {
    await anonymous(t.app, 'POST', '/api/auth/login', { username: 'fy_swj_xxy', password: 'wrong' });
    const failed = (await auditor.request('GET', '/api/audit?action=auth.login_failed')).json().items[0];
    expect(failed).toMatchObject({
      actionLabel: '登录失败',
      targetLabel: 'fy_swj_xxy',
      unitName: '汾阳市水务局',
    });
    expect(failed.diff).toMatchObject({ reason: '密码错误' });
  });
});

describe('GET /api/audit/actions', () => {
  it('lists every action code with its Chinese label', async () => {
    const res = await auditor.request('GET', '/api/audit/actions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(Object.entries(AUDIT_ACTIONS).map(([code, label]) => ({ code, label })));
    expect(res.json()).toContainEqual({ code: 'audit.exported', label: '导出操作日志' });
  });
});

describe('GET /api/audit/export.xlsx', () => {
  it('exports the filtered log with Chinese headers, and the export is itself audited', async () => {
    const res = await auditor.request('GET', '/api/audit/export.xlsx?from=2024-03-01&to=2024-03-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('操作日志');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '时间',
      '操作人',
      '单位',
      '操作',
      '对象类型',
      '对象',
      '变更内容',
      'IP',
      '客户端',
    ]);
    expect(sheet.rowCount).toBe(4);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '2024-03-07 09:00',
      '普通人（plain）',
      undefined,
      '修改单位',
      '字典',
      '普通单位',
      '名称：旧名 → 新名',
      '10.72.10.3',
    ]);
    expect(sheet.getRow(4).getCell(1).value).toBe('2024-03-05 14:30');

    const [row] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'audit.exported'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row.actorId).toBe(auditor.me.user.id);
    expect(row.diff).toEqual({ filter: { from: '2024-03-01', to: '2024-03-31' }, rows: 3 });
  });

  it('refuses more than 50,000 rows instead of cutting the log short', async () => {
    await t.database.db.execute(
      sql`insert into audit_events (action, target_type, target_label) select 'auth.login', 'bulk', 'bulk' from generate_series(1, 50001)`,
    );
    const res = await auditor.request('GET', '/api/audit/export.xlsx?targetType=bulk');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('超过一次导出的上限 50000 条');
    const counted = (await auditor.request('GET', '/api/audit?targetType=bulk&pageSize=1')).json();
    expect(counted.total).toBe(50001);
  });
});
