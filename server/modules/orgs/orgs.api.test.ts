import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryEntries, userUnits } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { auditRows, countOrgs, orgByCode, readXlsx } from './orgs.test-support.ts';

let t: TestApp;
let admin: Session;
let editor: Session;
let czjReporter: Session;
let czjSigner: Session;
let fyId: string;

beforeAll(async () => {
  t = await createTestApp();
  [admin, editor, czjReporter, czjSigner] = await Promise.all(
    ['admin', 'editor', 'fy_czj_xxy', 'fy_czj_qf'].map((u) => login(t.app, u)),
  );
  fyId = (await orgByCode(t, 'fy')).id;
});
afterAll(() => t.close());

const newUnit = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `汾阳市测试单位${code}`,
  shortName: `测试${code}`,
  kind: 'unit',
  parentId: fyId,
  categoryCode: 'city_dept',
  groupCode: 'dept_2',
  ...extra,
});

async function createUnit(code: string, extra: Record<string, unknown> = {}) {
  const res = await admin.request('POST', '/api/orgs', newUnit(code, extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('GET /api/orgs', () => {
  it('needs a session', async () => {
    const res = await anonymous(t.app, 'GET', '/api/orgs');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('请先登录');
  });

  it('lists the active registry in tree order for any logged-in user', async () => {
    const res = await czjReporter.request('GET', '/api/orgs');
    expect(res.statusCode).toBe(200);
    const items: { code: string; parentId: string | null; id: string; parentName: string | null }[] =
      res.json().items;
    expect(items.slice(0, 3).map((o) => o.code)).toEqual(['sx', 'll', 'fy']);
    // Every entry comes after its parent, so a client can build the tree in one pass.
    const seen = new Set<string>();
    for (const o of items) {
      if (o.parentId) expect(seen.has(o.parentId)).toBe(true);
      seen.add(o.id);
    }
    const czj = res.json().items.find((o: { code: string }) => o.code === 'fy_czj');
    expect(czj).toMatchObject({
      name: '汾阳市财政局',
      kind: 'unit',
      level: null,
      parentName: '汾阳市人民政府办公室',
      categoryLabel: '市直部门',
      groupLabel: '一类部门',
      active: true,
      actions: ['updateContacts'],
    });
    const swj = items.find((o) => o.code === 'fy_swj');
    expect(swj).toMatchObject({ actions: [] });
  });

  it('gives the system administrator every registry action', async () => {
    const res = await admin.request('GET', '/api/orgs');
    const czj = res.json().items.find((o: { code: string }) => o.code === 'fy_czj');
    expect(czj.actions).toEqual(['update', 'move', 'deactivate', 'updateContacts']);
  });

  it('filters by name, short name or code, with % taken literally', async () => {
    const res = await editor.request('GET', `/api/orgs?q=${encodeURIComponent('财政')}`);
    expect(res.json().items.map((o: { code: string }) => o.code)).toEqual(['fy_czj']);
    const none = await editor.request('GET', `/api/orgs?q=${encodeURIComponent('%')}`);
    expect(none.json().items).toEqual([]);
  });

  it('refuses a malformed filter', async () => {
    const res = await editor.request('GET', '/api/orgs?includeInactive=maybe');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('network-access fields (data scope)', () => {
  const netOf = async (s: Session, code: string) => {
    const res = await s.request('GET', '/api/orgs');
    const org = res.json().items.find((o: { code: string }) => o.code === code);
    return { netIpRange: org.netIpRange, netFilingNo: org.netFilingNo, netAccessDate: org.netAccessDate };
  };

  beforeAll(async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const res = await admin.request('PATCH', `/api/orgs/${czj.id}`, {
      netAccessDate: '2010-05-06',
      netAccessMethod: '光纤专线',
      netIpRange: '10.72.10.0/24',
      netFilingNo: '汾政网备〔2010〕1号',
      version: czj.version,
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('shows a member their own unit but not another unit', async () => {
    expect(await netOf(czjReporter, 'fy_czj')).toEqual({
      netIpRange: '10.72.10.0/24',
      netFilingNo: '汾政网备〔2010〕1号',
      netAccessDate: '2010-05-06',
    });
    const swj = await orgByCode(t, 'fy_swj');
    expect(swj.netIpRange).not.toBeNull();
    expect(await netOf(czjReporter, 'fy_swj')).toEqual({
      netIpRange: null,
      netFilingNo: null,
      netAccessDate: null,
    });
    const single = await czjReporter.request('GET', `/api/orgs/${swj.id}`);
    expect(single.json().netIpRange).toBeNull();
  });

  it('shows the editors of the parent office, and the system and security administrators', async () => {
    const swj = await orgByCode(t, 'fy_swj');
    for (const s of [editor, admin, await login(t.app, 'secadmin'), await login(t.app, 'chief')]) {
      expect((await netOf(s, 'fy_swj')).netIpRange).toBe(swj.netIpRange);
    }
  });

  it('hides them from another office, the auditor and a leader', async () => {
    for (const username of ['ll_editor', 'auditor', 'leader']) {
      expect((await netOf(await login(t.app, username), 'fy_swj')).netIpRange).toBeNull();
    }
  });
});

describe('GET /api/orgs/:id', () => {
  it('returns one entry, 404 in Chinese when missing, 400 for a malformed id, 401 without session', async () => {
    const swj = await orgByCode(t, 'fy_swj');
    const ok = await czjReporter.request('GET', `/api/orgs/${swj.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'fy_swj', name: '汾阳市水务局', version: swj.version });
    const missing = await czjReporter.request('GET', `/api/orgs/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('单位不存在');
    expect((await czjReporter.request('GET', '/api/orgs/not-a-uuid')).statusCode).toBe(400);
    expect((await anonymous(t.app, 'GET', `/api/orgs/${swj.id}`)).statusCode).toBe(401);
  });
});

describe('POST /api/orgs', () => {
  it('needs a session and the system administrator role; nothing is created otherwise', async () => {
    const before = await countOrgs(t);
    expect((await anonymous(t.app, 'POST', '/api/orgs', newUnit('t_anon'))).statusCode).toBe(401);
    for (const s of [editor, czjReporter, await login(t.app, 'auditor'), await login(t.app, 'secadmin')]) {
      const res = await s.request('POST', '/api/orgs', newUnit('t_forbidden'));
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('您没有执行此操作的权限');
    }
    expect(await countOrgs(t)).toBe(before);
  });

  it('refuses a request without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      payload: newUnit('t_csrf'),
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(403);
  });

  it('creates a unit, returns it with actions, and audits it with a diff', async () => {
    const res = await admin.request(
      'POST',
      '/api/orgs',
      newUnit('t_new', {
        contactEmail: 'a@b.cn',
        netIpRange: '10.1.0.0/16，10.2.0.0/16',
        netAccessDate: '2020-01-02',
        validFrom: '2024-01-01',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      code: 't_new',
      kind: 'unit',
      parentId: fyId,
      parentName: '汾阳市人民政府办公室',
      categoryLabel: '市直部门',
      groupLabel: '二类部门',
      netIpRange: '10.1.0.0/16, 10.2.0.0/16',
      validFrom: '2024-01-01',
      validTo: null,
      active: true,
      version: 1,
      actions: ['update', 'move', 'deactivate', 'updateContacts'],
    });
    // Placed after its siblings (the demo units use 10…460) unless a position is given.
    expect(org.sortOrder).toBeGreaterThan(460);
    const [event] = await auditRows(t, 'org.created', org.id);
    expect(event).toMatchObject({
      targetType: 'org',
      targetLabel: '汾阳市测试单位t_new',
      unitName: '汾阳市人民政府办公室',
    });
    expect(event.actorName).toContain('admin');
    expect(event.diff).toMatchObject({ code: [null, 't_new'], parentId: [null, fyId] });
  });

  it('creates an office under a higher-level office with today as its start', async () => {
    const ll = await orgByCode(t, 'll');
    const res = await admin.request('POST', '/api/orgs', {
      code: 't_office',
      name: '测试县人民政府办公室',
      shortName: '测试县政府办',
      kind: 'office',
      level: 'county',
      sectionName: '信息科',
      parentId: ll.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['a malformed code', { code: 'a b' }, '单位编码'],
    ['a too short code', { code: 'x' }, '单位编码'],
    ['a missing name', { name: '' }, '单位全称'],
    ['an unknown kind', { kind: 'team' }, 'kind'],
    ['a bad IP range', { netIpRange: '10.0.0.0' }, 'IP 段'],
    ['an impossible date', { netAccessDate: '2024-02-30' }, 'YYYY-MM-DD'],
    ['a bad e-mail', { contactEmail: 'nobody' }, '电子邮箱'],
    ['a malformed parent id', { parentId: 'x' }, '上级单位'],
  ])('refuses %s with 400', async (_label, patch, words) => {
    const res = await admin.request('POST', '/api/orgs', newUnit('t_bad', patch));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(words);
  });

  it.each([
    ['a unit without a parent', { parentId: null }, '报送单位须指定上级办公室'],
    ['a unit with a level', { level: 'county' }, '报送单位不设层级'],
    ['an office without a level', { kind: 'office' }, '办公室须选择层级'],
    ['an unknown category', { categoryCode: 'nope' }, '单位类别“nope”不存在'],
    ['an unknown assessment group', { groupCode: 'nope' }, '考核分组“nope”不存在'],
    ['a missing parent', { parentId: '00000000-0000-4000-8000-000000000000' }, '上级单位不存在'],
  ])('refuses %s with a Chinese reason', async (_label, patch, message) => {
    const res = await admin.request('POST', '/api/orgs', newUnit('t_bad', patch));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('refuses a unit as parent and an office of the same level as parent', async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const underUnit = await admin.request('POST', '/api/orgs', newUnit('t_bad', { parentId: czj.id }));
    expect(underUnit.statusCode).toBe(400);
    expect(underUnit.json().message).toContain('只有办公室可以作为上级');
    const sameLevel = await admin.request('POST', '/api/orgs', {
      ...newUnit('t_bad'),
      kind: 'office',
      level: 'county',
    });
    expect(sameLevel.statusCode).toBe(400);
    expect(sameLevel.json().message).toContain('层级须高于本办公室');
  });

  it('refuses an inactive dictionary entry for a new unit', async () => {
    await t.database.db
      .insert(dictionaryEntries)
      .values({ dictionary: 'unit_category', code: 'retired', label: '已撤销类别', active: false });
    const res = await admin.request('POST', '/api/orgs', newUnit('t_bad', { categoryCode: 'retired' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('已停用');
  });

  it('refuses a duplicate code, whatever its case, with 409', async () => {
    const res = await admin.request('POST', '/api/orgs', newUnit('FY_CZJ'));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('汾阳市财政局');
  });
});

describe('PATCH /api/orgs/:id', () => {
  it('edits fields, bumps the version and audits only what changed', async () => {
    const org = await createUnit('t_edit');
    const res = await admin.request('PATCH', `/api/orgs/${org.id}`, {
      name: '汾阳市改名局',
      sortOrder: 5,
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '汾阳市改名局', sortOrder: 5, version: 2, code: 't_edit' });
    const [event] = await auditRows(t, 'org.updated', org.id);
    expect(event.diff).toEqual({
      name: ['汾阳市测试单位t_edit', '汾阳市改名局'],
      sortOrder: [org.sortOrder, 5],
    });
  });

  it('does not touch the record or the log when nothing changes', async () => {
    const org = await createUnit('t_same');
    const res = await admin.request('PATCH', `/api/orgs/${org.id}`, { name: org.name, version: 1 });
    expect(res.json().version).toBe(1);
    expect(await auditRows(t, 'org.updated', org.id)).toHaveLength(0);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const org = await createUnit('t_stale');
    await admin.request('PATCH', `/api/orgs/${org.id}`, { note: '第一次', version: 1 });
    const res = await admin.request('PATCH', `/api/orgs/${org.id}`, { note: '第二次', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该记录已被他人修改，请刷新后重试');
    expect((await orgByCode(t, 't_stale')).note).toBe('第一次');
  });

  it('needs the role (403 before validation), a version and valid fields (400)', async () => {
    const org = await orgByCode(t, 'fy_czj');
    expect((await editor.request('PATCH', `/api/orgs/${org.id}`, { bogus: true })).statusCode).toBe(403);
    expect((await anonymous(t.app, 'PATCH', `/api/orgs/${org.id}`, { version: 1 })).statusCode).toBe(401);
    expect((await admin.request('PATCH', `/api/orgs/${org.id}`, { name: 'x' })).statusCode).toBe(400);
    expect(
      (await admin.request('PATCH', `/api/orgs/${org.id}`, { level: 'city', version: org.version }))
        .statusCode,
    ).toBe(400);
    expect((await admin.request('PATCH', `/api/orgs/${randomUUID()}`, { version: 1 })).statusCode).toBe(404);
  });

  it('refuses to turn an office with children into a unit or below its child offices', async () => {
    const fy = await orgByCode(t, 'fy');
    const toUnit = await admin.request('PATCH', `/api/orgs/${fy.id}`, {
      kind: 'unit',
      level: null,
      version: fy.version,
    });
    expect(toUnit.statusCode).toBe(400);
    expect(toUnit.json().message).toContain('不能设为报送单位');
    const ll = await orgByCode(t, 'll');
    const lower = await admin.request('PATCH', `/api/orgs/${ll.id}`, {
      level: 'county',
      version: ll.version,
    });
    expect(lower.statusCode).toBe(400);
    expect((await orgByCode(t, 'll')).level).toBe('city');
  });

  it('refuses to take another org’s code', async () => {
    const org = await createUnit('t_code');
    const res = await admin.request('PATCH', `/api/orgs/${org.id}`, { code: 'fy_swj', version: 1 });
    expect(res.statusCode).toBe(409);
  });
});

describe('POST /api/orgs/:id/move', () => {
  it('moves a unit to another office and audits both names', async () => {
    const org = await createUnit('t_move');
    const xy = await orgByCode(t, 'xy');
    const res = await admin.request('POST', `/api/orgs/${org.id}/move`, { parentId: xy.id, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ parentId: xy.id, parentName: '孝义市人民政府办公室', version: 2 });
    const [event] = await auditRows(t, 'org.moved', org.id);
    expect(event.diff).toEqual({
      parentId: [fyId, xy.id],
      parentName: ['汾阳市人民政府办公室', '孝义市人民政府办公室'],
    });
  });

  it('refuses cycles, units as parents and stale versions; nothing moves', async () => {
    const ll = await orgByCode(t, 'll');
    const cycle = await admin.request('POST', `/api/orgs/${ll.id}/move`, {
      parentId: fyId,
      version: ll.version,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toContain('下级');
    const self = await admin.request('POST', `/api/orgs/${ll.id}/move`, {
      parentId: ll.id,
      version: ll.version,
    });
    expect(self.statusCode).toBe(400);
    const swj = await orgByCode(t, 'fy_swj');
    const czj = await orgByCode(t, 'fy_czj');
    const underUnit = await admin.request('POST', `/api/orgs/${swj.id}/move`, {
      parentId: czj.id,
      version: swj.version,
    });
    expect(underUnit.statusCode).toBe(400);
    const stale = await admin.request('POST', `/api/orgs/${swj.id}/move`, {
      parentId: (await orgByCode(t, 'xy')).id,
      version: swj.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    expect((await orgByCode(t, 'fy_swj')).parentId).toBe(fyId);
    expect((await orgByCode(t, 'll')).parentId).not.toBe(fyId);
  });

  it('is for the system administrator only and validates its body', async () => {
    const swj = await orgByCode(t, 'fy_swj');
    expect(
      (await editor.request('POST', `/api/orgs/${swj.id}/move`, { parentId: fyId, version: 1 })).statusCode,
    ).toBe(403);
    expect((await anonymous(t.app, 'POST', `/api/orgs/${swj.id}/move`, {})).statusCode).toBe(401);
    expect(
      (await admin.request('POST', `/api/orgs/${swj.id}/move`, { parentId: 'fy', version: 1 })).statusCode,
    ).toBe(400);
  });
});

describe('deactivate and reactivate', () => {
  it('deactivates a unit with a successor and a reason; users keep pointing at it', async () => {
    const sbsq = await orgByCode(t, 'fy_sbsq');
    const fgj = await orgByCode(t, 'fy_fgj');
    const res = await admin.request('POST', `/api/orgs/${sbsq.id}/deactivate`, {
      validTo: '2025-12-31',
      reason: '机构改革，并入发改局',
      successorId: fgj.id,
      version: sbsq.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      active: false,
      validTo: '2025-12-31',
      successorId: fgj.id,
      successorName: '汾阳市发展和改革局',
      deactivationReason: '机构改革，并入发改局',
      actions: ['update', 'move', 'reactivate', 'updateContacts'],
    });
    const [event] = await auditRows(t, 'org.deactivated', sbsq.id);
    expect(event.diff).toMatchObject({
      active: [true, false],
      validTo: [null, '2025-12-31'],
      deactivationReason: [null, '机构改革，并入发改局'],
      successorName: [null, '汾阳市发展和改革局'],
    });
    const members = await t.database.db.select().from(userUnits).where(eq(userUnits.orgId, sbsq.id));
    expect(members.length).toBeGreaterThan(0);

    const active = await editor.request('GET', '/api/orgs');
    expect(active.json().items.some((o: { code: string }) => o.code === 'fy_sbsq')).toBe(false);
    const all = await editor.request('GET', '/api/orgs?includeInactive=true');
    expect(all.json().items.find((o: { code: string }) => o.code === 'fy_sbsq')).toMatchObject({
      active: false,
    });

    const again = await admin.request('POST', `/api/orgs/${sbsq.id}/deactivate`, {
      validTo: '2025-12-31',
      reason: '重复',
      version: sbsq.version + 1,
    });
    expect(again.statusCode).toBe(409);

    const back = await admin.request('POST', `/api/orgs/${sbsq.id}/reactivate`, {
      version: sbsq.version + 1,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({
      active: true,
      validTo: null,
      successorId: null,
      deactivationReason: null,
    });
    expect(await auditRows(t, 'org.reactivated', sbsq.id)).toHaveLength(1);
    const twice = await admin.request('POST', `/api/orgs/${sbsq.id}/reactivate`, {
      version: sbsq.version + 2,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses to deactivate an office that still has active units (409, Chinese reason)', async () => {
    const fy = await orgByCode(t, 'fy');
    const res = await admin.request('POST', `/api/orgs/${fy.id}/deactivate`, {
      validTo: '2025-12-31',
      reason: '测试',
      version: fy.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('还有启用中的下级单位');
    expect((await orgByCode(t, 'fy')).active).toBe(true);
  });

  it('deactivates an empty office and will not reactivate a unit under an inactive office', async () => {
    const ll = await orgByCode(t, 'll');
    const office = await admin.request('POST', '/api/orgs', {
      code: 't_closing',
      name: '将撤销县政府办',
      shortName: '将撤销县',
      kind: 'office',
      level: 'county',
      parentId: ll.id,
    });
    const unit = await createUnit('t_orphan', { parentId: office.json().id });
    await admin.request('POST', `/api/orgs/${unit.id}/deactivate`, {
      validTo: '2030-01-01',
      reason: '撤销',
      version: 1,
    });
    const closed = await admin.request('POST', `/api/orgs/${office.json().id}/deactivate`, {
      validTo: '2030-01-01',
      reason: '撤销',
      version: 1,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const res = await admin.request('POST', `/api/orgs/${unit.id}/reactivate`, { version: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已停用');
  });

  it('validates the deactivation body and the roles', async () => {
    const org = await createUnit('t_deact');
    const url = `/api/orgs/${org.id}/deactivate`;
    expect((await anonymous(t.app, 'POST', url, {})).statusCode).toBe(401);
    expect(
      (await editor.request('POST', url, { validTo: '2030-01-01', reason: 'x', version: 1 })).statusCode,
    ).toBe(403);
    const noReason = await admin.request('POST', url, { validTo: '2030-01-01', reason: ' ', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('停用原因');
    expect(
      (await admin.request('POST', url, { validTo: '2030-13-01', reason: 'x', version: 1 })).statusCode,
    ).toBe(400);
    const early = await admin.request('POST', url, { validTo: '2000-01-01', reason: 'x', version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('不能早于生效日期');
    const selfSuccessor = await admin.request('POST', url, {
      validTo: '2030-01-01',
      reason: 'x',
      successorId: org.id,
      version: 1,
    });
    expect(selfSuccessor.statusCode).toBe(400);
    const stale = await admin.request('POST', url, { validTo: '2030-01-01', reason: 'x', version: 9 });
    expect(stale.statusCode).toBe(409);
    expect((await orgByCode(t, 't_deact')).active).toBe(true);
    expect((await editor.request('POST', `/api/orgs/${org.id}/reactivate`, { version: 1 })).statusCode).toBe(
      403,
    );
    expect((await admin.request('POST', `/api/orgs/${org.id}/reactivate`, {})).statusCode).toBe(400);
  });
});

describe('PATCH /api/orgs/:id/contacts', () => {
  const contacts = {
    contactPerson: '周国栋',
    contactPhone: '0358-7220001',
    contactEmail: 'czj@fy.gov.cn',
    address: '汾阳市府前街 1 号',
  };

  it('lets a unit signer maintain their own unit', async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const res = await czjSigner.request('PATCH', `/api/orgs/${czj.id}/contacts`, {
      ...contacts,
      version: czj.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ...contacts, version: czj.version + 1 });
    const [event] = await auditRows(t, 'org.updated', czj.id);
    expect(event.actorName).toContain('fy_czj_qf');
    expect(event.diff).toMatchObject({ address: [null, '汾阳市府前街 1 号'] });
  });

  it('refuses another unit with 403 and changes nothing (cross-unit access)', async () => {
    const swj = await orgByCode(t, 'fy_swj');
    const res = await czjSigner.request('PATCH', `/api/orgs/${swj.id}/contacts`, {
      ...contacts,
      version: swj.version,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('只能维护本单位的联系方式');
    expect(await orgByCode(t, 'fy_swj')).toEqual(swj);
    const reporter = await czjReporter.request('PATCH', `/api/orgs/${swj.id}/contacts`, {
      ...contacts,
      version: swj.version,
    });
    expect(reporter.statusCode).toBe(403);
    expect(await orgByCode(t, 'fy_swj')).toEqual(swj);
  });

  it('is refused to editors and anonymous callers, validates, and checks the version', async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const url = `/api/orgs/${czj.id}/contacts`;
    expect((await anonymous(t.app, 'PATCH', url, contacts)).statusCode).toBe(401);
    expect((await editor.request('PATCH', url, { ...contacts, version: czj.version })).statusCode).toBe(403);
    const bad = await czjReporter.request('PATCH', url, {
      ...contacts,
      contactEmail: 'x@',
      version: czj.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('电子邮箱');
    expect((await czjReporter.request('PATCH', url, contacts)).statusCode).toBe(400);
    const stale = await czjReporter.request('PATCH', url, {
      ...contacts,
      contactPerson: '新人',
      version: czj.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await czjReporter.request('PATCH', `/api/orgs/${randomUUID()}/contacts`, { version: 1 })).statusCode,
    ).toBe(404);
  });

  it('lets the system administrator maintain any unit', async () => {
    const swj = await orgByCode(t, 'fy_swj');
    const res = await admin.request('PATCH', `/api/orgs/${swj.id}/contacts`, {
      contactPerson: '吴主任',
      version: swj.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().contactPerson).toBe('吴主任');
  });
});

describe('Excel export and template', () => {
  it('exports every org, active and inactive, with Chinese headers and an RFC 5987 file name', async () => {
    const res = await admin.request('GET', '/api/orgs/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="orgs\.xlsx"; filename\*=UTF-8''%E5%8D%95%E4%BD%8D%E5%90%8D%E5%BD%95-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const book = await readXlsx(res.rawPayload);
    const sheet = book.getWorksheet('单位名录')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '单位编码',
      '单位全称',
      '简称',
      '类型',
      '层级',
      '上级单位编码',
      '信息科室',
      '单位类别',
      '考核分组',
      '排序',
      '联系人',
      '联系电话',
      '电子邮箱',
      '地址',
      '接入日期',
      '接入方式',
      'IP段',
      '备案表编号',
      '状态',
      '生效日期',
      '失效日期',
      '备注',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.actualRowCount).toBe((await countOrgs(t)) + 1);
    let fyRow: unknown[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'fy') fyRow = (row.values as unknown[]).slice(1);
    });
    expect(fyRow.slice(0, 9)).toEqual([
      'fy',
      '汾阳市人民政府办公室',
      '汾阳市政府办',
      '办公室',
      '县级',
      'll',
      '信息科',
      '政府办公室',
      undefined,
    ]);
    const statuses = new Set<unknown>();
    sheet.eachRow((row, n) => n > 1 && statuses.add(row.getCell(19).value));
    expect(statuses).toEqual(new Set(['启用', '停用']));
    expect(await auditRows(t, 'org.exported')).toHaveLength(1);
  });

  it('offers a template with an example row and a 填写说明 sheet', async () => {
    const res = await admin.request('GET', '/api/orgs/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const book = await readXlsx(res.rawPayload);
    expect(book.worksheets.map((w) => w.name)).toEqual(['单位名录', '填写说明']);
    expect(book.getWorksheet('单位名录')!.actualRowCount).toBe(2);
    expect(book.getWorksheet('填写说明')!.getCell('A2').value).toBe('单位编码');
  });

  it('is for the system administrator only', async () => {
    for (const url of ['/api/orgs/export.xlsx', '/api/orgs/import-template.xlsx']) {
      expect((await anonymous(t.app, 'GET', url)).statusCode).toBe(401);
      expect((await editor.request('GET', url)).statusCode).toBe(403);
      expect((await (await login(t.app, 'auditor')).request('GET', url)).statusCode).toBe(403);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the registry endpoints with Chinese summaries', async () => {
    const res = await anonymous(t.app, 'GET', '/api/docs/json');
    const paths = res.json().paths;
    expect(paths['/api/orgs'].get.summary).toContain('单位列表');
    expect(paths['/api/orgs/{id}/move'].post.tags).toEqual(['orgs']);
  });
});
