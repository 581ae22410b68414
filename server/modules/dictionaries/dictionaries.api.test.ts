import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dictionaryEntries } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let admin: Session;
let reporter: Session;

beforeAll(async () => {
  t = await createTestApp();
  [admin, reporter] = await Promise.all([login(t.app, 'admin'), login(t.app, 'fy_czj_xxy')]);
});
afterAll(() => t.close());

const entriesIn = (dictionary: 'unit_category' | 'assessment_group') =>
  t.database.db.select().from(dictionaryEntries).where(eq(dictionaryEntries.dictionary, dictionary));
const auditFor = (action: string, targetId: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));

describe('GET /api/dictionaries', () => {
  it('needs a session', async () => {
    expect((await anonymous(t.app, 'GET', '/api/dictionaries')).statusCode).toBe(401);
  });

  it('lists one dictionary in display order for any logged-in user, without edit actions', async () => {
    const res = await reporter.request('GET', '/api/dictionaries?dictionary=assessment_group');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { label: string }) => e.label)).toEqual([
      '一类部门',
      '二类部门',
      '三类部门',
      '乡镇街道',
    ]);
    expect(res.json().items[0]).toMatchObject({
      dictionary: 'assessment_group',
      code: 'dept_1',
      active: true,
      actions: [],
    });
  });

  it('lists every dictionary without a filter and gives the administrator actions', async () => {
    const res = await admin.request('GET', '/api/dictionaries');
    const items = res.json().items;
    expect(new Set(items.map((e: { dictionary: string }) => e.dictionary))).toEqual(
      new Set(['unit_category', 'assessment_group', 'item_category', 'sensitive_word']),
    );
    expect(items[0].actions).toEqual(['update', 'deactivate']);
  });

  it('refuses an unknown dictionary', async () => {
    const res = await reporter.request('GET', '/api/dictionaries?dictionary=colors');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('字典');
  });
});

describe('POST /api/dictionaries', () => {
  it('is for the system administrator only; nothing is added otherwise', async () => {
    const body = { dictionary: 'unit_category', code: 'nope', label: '不该出现', sortOrder: 1 };
    expect((await anonymous(t.app, 'POST', '/api/dictionaries', body)).statusCode).toBe(401);
    for (const username of ['fy_czj_xxy', 'editor', 'secadmin', 'auditor']) {
      const s = await login(t.app, username);
      expect((await s.request('POST', '/api/dictionaries', body)).statusCode).toBe(403);
    }
    expect((await entriesIn('unit_category')).some((e) => e.code === 'nope')).toBe(false);
  });

  it('adds an entry, placed last by default, and audits it', async () => {
    const res = await admin.request('POST', '/api/dictionaries', {
      dictionary: 'unit_category',
      code: 'dev_zone',
      label: '开发区',
    });
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({
      dictionary: 'unit_category',
      code: 'dev_zone',
      label: '开发区',
      active: true,
    });
    const max = Math.max(
      ...(await entriesIn('unit_category')).filter((e) => e.code !== 'dev_zone').map((e) => e.sortOrder),
    );
    expect(entry.sortOrder).toBe(max + 10);
    const [event] = await auditFor('dictionary.created', entry.id);
    expect(event.diff).toMatchObject({ code: [null, 'dev_zone'], label: [null, '开发区'] });
    expect(event.targetLabel).toBe('单位类别：开发区');
  });

  it('refuses a duplicate code or label in the same dictionary with 409, but allows it in another', async () => {
    const dupCode = await admin.request('POST', '/api/dictionaries', {
      dictionary: 'unit_category',
      code: 'TOWNSHIP',
      label: '另一个',
    });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().message).toContain('已有编码');
    const dupLabel = await admin.request('POST', '/api/dictionaries', {
      dictionary: 'unit_category',
      code: 'x2',
      label: '乡镇',
    });
    expect(dupLabel.statusCode).toBe(409);
    expect(dupLabel.json().message).toContain('已有名称“乡镇”');
    // 'township' is a code of both dictionaries in the defaults; codes are per dictionary.
    const other = await admin.request('POST', '/api/dictionaries', {
      dictionary: 'assessment_group',
      code: 'party',
      label: '党群部门',
    });
    expect(other.statusCode).toBe(201);
  });

  it.each([
    ['an unknown dictionary', { dictionary: 'colors', code: 'red', label: '红' }],
    ['a bad code', { dictionary: 'unit_category', code: 'a-b c', label: '坏编码' }],
    ['an empty label', { dictionary: 'unit_category', code: 'empty', label: '  ' }],
    ['a negative order', { dictionary: 'unit_category', code: 'neg', label: '负数', sortOrder: -1 }],
  ])('refuses %s with 400', async (_label, body) => {
    expect((await admin.request('POST', '/api/dictionaries', body)).statusCode).toBe(400);
  });
});

describe('PATCH /api/dictionaries/:id', () => {
  const entryId = async (code: string) => (await entriesIn('unit_category')).find((e) => e.code === code)!.id;

  it('renames, reorders and deactivates an entry with an audited diff', async () => {
    const id = await entryId('liaison_office');
    const res = await admin.request('PATCH', `/api/dictionaries/${id}`, {
      label: '驻外办事机构',
      sortOrder: 5,
      active: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      label: '驻外办事机构',
      sortOrder: 5,
      active: false,
      actions: ['update', 'activate'],
    });
    const [event] = await auditFor('dictionary.changed', id);
    expect(event.diff).toEqual({
      label: ['驻外机构', '驻外办事机构'],
      sortOrder: [80, 5],
      active: [true, false],
    });
  });

  it('keeps a deactivated category on the units that have it but refuses it for new units', async () => {
    const id = await entryId('vertical');
    await admin.request('PATCH', `/api/dictionaries/${id}`, { active: false });
    const orgs = await admin.request('GET', '/api/orgs');
    const dcd = orgs.json().items.find((o: { code: string }) => o.code === 'fy_dcd');
    expect(dcd).toMatchObject({ categoryCode: 'vertical', categoryLabel: '垂直管理单位' });
    const edit = await admin.request('PATCH', `/api/orgs/${dcd.id}`, {
      note: '仍可编辑',
      version: dcd.version,
    });
    expect(edit.statusCode).toBe(200);
    const create = await admin.request('POST', '/api/orgs', {
      code: 'fy_new_vertical',
      name: '汾阳市新垂管局',
      shortName: '新垂管局',
      kind: 'unit',
      parentId: dcd.parentId,
      categoryCode: 'vertical',
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().message).toContain('已停用');
  });

  it('changes nothing and records nothing when the values are the same', async () => {
    const id = await entryId('township');
    const res = await admin.request('PATCH', `/api/dictionaries/${id}`, { label: '乡镇' });
    expect(res.statusCode).toBe(200);
    expect(await auditFor('dictionary.changed', id)).toHaveLength(0);
  });

  it('refuses a label taken by another entry (409), a missing entry (404), bad bodies (400) and other roles (403)', async () => {
    const id = await entryId('township');
    const clash = await admin.request('PATCH', `/api/dictionaries/${id}`, { label: '街道' });
    expect(clash.statusCode).toBe(409);
    expect((await entriesIn('unit_category')).find((e) => e.id === id)?.label).toBe('乡镇');
    expect(
      (await admin.request('PATCH', `/api/dictionaries/${randomUUID()}`, { label: '无' })).statusCode,
    ).toBe(404);
    expect((await admin.request('PATCH', '/api/dictionaries/abc', { label: '无' })).statusCode).toBe(400);
    expect((await admin.request('PATCH', `/api/dictionaries/${id}`, { active: 'no' })).statusCode).toBe(400);
    expect((await reporter.request('PATCH', `/api/dictionaries/${id}`, { label: '改' })).statusCode).toBe(
      403,
    );
    expect((await anonymous(t.app, 'PATCH', `/api/dictionaries/${id}`, { label: '改' })).statusCode).toBe(
      401,
    );
  });
});
