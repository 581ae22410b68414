import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, liaisonFilings, notifications, orgs, users } from '../../db/schema/index.ts';
import { manualClock } from '../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

/**
 * 信息联络员备案 end to end on the real API: a unit files and changes its filing (each change a
 * revision with a field-by-field diff), stale and foreign writes are refused, the office sees who
 * is missing and exports the 通讯录, and the January notices go out once on the scheduler's clock.
 */

const clock = manualClock('2026-03-05T02:00:00Z'); // 10:00 in Beijing
let t: TestApp;
let editor: Session;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let llEditor: Session;
let czjId = '';
let swjId = '';
let fyId = '';
let fyMembers = 0;

const filing = {
  leaderName: '王志明',
  leaderTitle: '副局长',
  leaderPhone: '0358-7221001',
  reporterName: '杨晓东',
  reporterTitle: '办公室主任',
  reporterPhone: '0358-7221002',
  reporterMobile: '13903581234',
  reporterEmail: 'yangxd@fy.gov.cn',
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  [editor, reporter, signer, otherReporter, llEditor] = await Promise.all(
    ['editor', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'll_editor'].map((u) => login(t.app, u)),
  );
  const org = async (code: string) =>
    (await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0]?.id ?? '';
  czjId = await org('fy_czj');
  swjId = await org('fy_swj');
  fyId = await org('fy');
  fyMembers = (
    await t.database.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.parentId, fyId), eq(orgs.active, true)))
  ).length;
});
afterAll(() => t.close());

const scheduler = () => t.app.xinbao.scheduler;
async function noticesFor(username: string) {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, u?.id ?? ''), eq(notifications.kind, 'liaison_reminder')));
}
const filingRows = (unitId: string) =>
  t.database.db.select().from(liaisonFilings).where(eq(liaisonFilings.unitId, unitId));

describe('联络员备案', () => {
  it('a unit sees its own filing to make; bad input is refused in Chinese and nothing is filed', async () => {
    const view = await otherReporter.request('GET', '/api/liaison?year=2026');
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      year: 2026,
      offices: [],
      own: [{ unit: { id: swjId }, office: { id: fyId }, filing: null, actions: ['file'] }],
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...filing, leaderPhone: '12345' }, '分管领导电话'],
      [{ ...filing, leaderName: '  ' }, '请填写分管领导姓名'],
      [{ ...filing, reporterMobile: '0358-7221002' }, '信息员手机应为 11 位手机号码'],
      [{ ...filing, reporterEmail: 'not-an-address' }, '信息员邮箱格式不正确'],
      [{ ...filing, reporterPhone: undefined }, '请填写信息员办公电话'],
    ];
    for (const [body, message] of cases) {
      const res = await otherReporter.request('PUT', `/api/liaison/${swjId}/2026`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toContain(message);
    }
    const past = await otherReporter.request('PUT', `/api/liaison/${swjId}/2024`, filing);
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('只能填报 2026 或 2027 年度');
    expect(await filingRows(swjId)).toHaveLength(0);
  });

  it('files (revision 1), changes with the version (revision 2), refuses a stale version with 409', async () => {
    const first = await reporter.request('PUT', `/api/liaison/${czjId}/2026`, filing);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      changed: true,
      filing: { unitId: czjId, year: 2026, version: 1, filedByName: '杨晓东', lastChangedByName: '杨晓东' },
    });
    expect(first.json().filing.filedAt).toBe('2026-03-05T02:00:00.000Z');

    // A second first filing (no version) is a conflict, not an overwrite.
    const again = await reporter.request('PUT', `/api/liaison/${czjId}/2026`, filing);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已经备案');

    clock.set('2026-04-01T01:30:00Z');
    const changed = await reporter.request('PUT', `/api/liaison/${czjId}/2026`, {
      ...filing,
      reporterName: '李晓华',
      reporterMobile: '13903589999',
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().filing).toMatchObject({ version: 2, reporterName: '李晓华' });

    const stale = await signer.request('PUT', `/api/liaison/${czjId}/2026`, {
      ...filing,
      leaderName: '赵某',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该记录已被他人修改，请刷新后重试');
    expect((await filingRows(czjId))[0]).toMatchObject({ version: 2, leaderName: '王志明' });

    // Saving what is on file makes no new version.
    const same = await signer.request('PUT', `/api/liaison/${czjId}/2026`, {
      ...filing,
      reporterName: '李晓华',
      reporterMobile: '13903589999',
      version: 2,
    });
    expect(same.json()).toMatchObject({ changed: false, filing: { version: 2 } });

    // The unit's signer may change it too.
    clock.set('2026-04-02T01:30:00Z');
    const bySigner = await signer.request('PUT', `/api/liaison/${czjId}/2026`, {
      ...filing,
      reporterName: '李晓华',
      reporterMobile: '13903589999',
      leaderPhone: '13903580001',
      reporterEmail: '',
      version: 2,
    });
    expect(bySigner.statusCode, bySigner.body).toBe(200);
    expect(bySigner.json().filing).toMatchObject({
      version: 3,
      reporterEmail: null,
      lastChangedByName: '周国栋',
      filedByName: '杨晓东',
    });

    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetType, 'liaison_filing'))
      .orderBy(auditEvents.id);
    expect(audit.map((a) => a.action)).toEqual(['liaison.filed', 'liaison.updated', 'liaison.updated']);
    expect(audit[1]?.diff).toEqual({
      信息员: ['杨晓东', '李晓华'],
      信息员手机: ['13903581234', '13903589999'],
    });
  });

  it('shows who changed what when, field by field, newest first', async () => {
    const res = await editor.request('GET', `/api/liaison/${czjId}/2026/revisions`);
    expect(res.statusCode, res.body).toBe(200);
    const { revisions, unit } = res.json();
    expect(unit).toMatchObject({ id: czjId, name: '汾阳市财政局' });
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([3, 2, 1]);
    expect(revisions[2].changes).toHaveLength(8);
    expect(revisions[2].changes[0]).toEqual({
      field: 'leaderName',
      label: '分管领导',
      before: null,
      after: '王志明',
    });
    expect(revisions[1]).toMatchObject({
      changedByName: '杨晓东',
      changedAt: '2026-04-01T01:30:00.000Z',
      changes: [
        { label: '信息员', before: '杨晓东', after: '李晓华' },
        { label: '信息员手机', before: '13903581234', after: '13903589999' },
      ],
    });
    expect(revisions[0]).toMatchObject({
      changedByName: '周国栋',
      changes: [
        { label: '分管领导电话', before: '0358-7221001', after: '13903580001' },
        { label: '信息员邮箱', before: 'yangxd@fy.gov.cn', after: null },
      ],
    });
    expect(revisions[0].data).toMatchObject({ reporterName: '李晓华', reporterEmail: null });
  });

  it('a unit cannot file for or read another unit; the office reads but does not file; admins see nothing', async () => {
    const foreign = await otherReporter.request('PUT', `/api/liaison/${czjId}/2026`, {
      ...filing,
      version: 3,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toBe('单位不存在或您无权查看其联络员备案');
    expect((await otherReporter.request('GET', `/api/liaison/${czjId}/2026/revisions`)).statusCode).toBe(404);
    expect((await llEditor.request('GET', `/api/liaison/${czjId}/2026/revisions`)).statusCode).toBe(404);
    const byOffice = await editor.request('PUT', `/api/liaison/${czjId}/2026`, { ...filing, version: 3 });
    expect(byOffice.statusCode).toBe(403);
    expect(byOffice.json().message).toContain('各单位自行填报');
    const admin = await login(t.app, 'admin');
    expect((await admin.request('GET', '/api/liaison?year=2026')).statusCode).toBe(403);
    expect((await filingRows(czjId))[0]?.version).toBe(3);
  });

  it('the office sees every member unit, filed or missing, with the last change', async () => {
    const res = await editor.request('GET', '/api/liaison?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.offices).toHaveLength(1);
    const fy = body.offices[0];
    expect(fy).toMatchObject({ office: { id: fyId }, total: fyMembers, filed: 1, missing: fyMembers - 1 });
    expect(fy.units).toHaveLength(fyMembers);
    const czj = fy.units.find((u: { unit: { id: string } }) => u.unit.id === czjId);
    expect(czj).toMatchObject({
      status: 'filed',
      statusLabel: '已备案',
      filing: { version: 3, lastChangedByName: '周国栋', updatedAt: '2026-04-02T01:30:00.000Z' },
    });
    // The filing names 李晓华, but the unit's 信息员 account is 杨晓东's: the office sees it as out of date.
    expect(czj.outdated).toContain('李晓华');
    expect(czj.outdated).toContain('杨晓东');
    expect(fy.outdated).toBe(1);
    const missingIds = fy.missingUnits.map((u: { id: string }) => u.id);
    expect(missingIds).toHaveLength(fyMembers - 1);
    expect(missingIds).toContain(swjId);
    expect(missingIds).not.toContain(czjId);
    const onlyMissing = (await editor.request('GET', '/api/liaison?year=2026&status=missing')).json();
    expect(onlyMissing.offices[0].units).toHaveLength(fyMembers - 1);
    // The county office itself files to the city office; the city's editors see it missing.
    expect(body.own).toMatchObject([{ unit: { id: fyId }, filing: null, actions: ['file'] }]);
    const city = (await llEditor.request('GET', '/api/liaison?year=2026')).json();
    expect(city.offices[0].missingUnits.map((u: { id: string }) => u.id)).toContain(fyId);
    expect(city.offices[0].units.map((u: { unit: { id: string } }) => u.unit.id)).not.toContain(czjId);
  });

  it('exports the year as an Excel 通讯录 with every member unit, and audits the export', async () => {
    const res = await editor.request('GET', '/api/liaison/export.xlsx?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '汾阳市人民政府办公室2026年度信息联络员通讯录.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '单位',
      '分管领导',
      '职务',
      '电话',
      '信息员',
      '职务',
      '办公电话',
      '手机',
      '邮箱',
      '更新时间',
    ]);
    const rows = (sheet?.getSheetValues().slice(2) ?? []) as unknown[][];
    expect(rows).toHaveLength(fyMembers);
    const czj = rows.find((r) => r[1] === '汾阳市财政局');
    expect(czj?.slice(1)).toEqual([
      '汾阳市财政局',
      '王志明',
      '副局长',
      '13903580001',
      '李晓华',
      '办公室主任',
      '0358-7221002',
      '13903589999',
      undefined,
      '2026-04-02 09:30',
    ]);
    const swj = rows.find((r) => r[1] === '汾阳市水务局');
    expect(swj?.[10]).toBe('未备案');
    const [exported] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'liaison.exported'));
    expect(exported?.diff).toMatchObject({ year: 2026, rows: fyMembers, filed: 1 });
    expect(
      (await llEditor.request('GET', `/api/liaison/export.xlsx?year=2026&officeId=${fyId}`)).statusCode,
    ).toBe(404);
    expect((await reporter.request('GET', '/api/liaison/export.xlsx?year=2026')).statusCode).toBe(403);
  });

  it('on 1 January asks every unit to file, on 15 January reminds those missing and tells the office, once each', async () => {
    clock.set('2027-01-01T01:00:30Z'); // 09:00 in Beijing
    await scheduler().runDue();
    await scheduler().runDue();
    clock.advance(3_600_000);
    await scheduler().runDue();
    expect((await noticesFor('fy_czj_xxy')).map((n) => n.title)).toEqual(['请填报2027年度信息联络员备案']);
    expect(await noticesFor('fy_swj_xxy')).toHaveLength(1);
    // The county office files to the city office: its editors are asked for it.
    expect((await noticesFor('editor')).map((n) => n.title)).toEqual(['请填报2027年度信息联络员备案']);

    const filed = await reporter.request('PUT', `/api/liaison/${czjId}/2027`, filing);
    expect(filed.statusCode, filed.body).toBe(200);
    // A year already past can no longer be changed.
    const old = await reporter.request('PUT', `/api/liaison/${czjId}/2026`, { ...filing, version: 3 });
    expect(old.statusCode).toBe(400);

    clock.set('2027-01-15T01:05:00Z');
    await scheduler().runDue();
    await scheduler().runDue();
    clock.advance(86_400_000);
    await scheduler().runDue();
    expect(await noticesFor('fy_czj_xxy')).toHaveLength(1);
    expect((await noticesFor('fy_swj_xxy')).map((n) => n.title)).toEqual([
      '请填报2027年度信息联络员备案',
      '本单位尚未填报2027年度信息联络员备案，请尽快报送',
    ]);
    const office = (await noticesFor('editor')).filter((n) => n.title.includes('个单位未备案'));
    expect(office.map((n) => n.title)).toEqual([
      `2027年度信息联络员备案：尚有 ${fyMembers - 1} 个单位未备案`,
    ]);
    expect(office[0]?.body).toContain('水务局');
    expect(office[0]?.body).not.toContain('财政局');
  });
});
