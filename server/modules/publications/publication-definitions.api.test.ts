import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, publications, users } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { makeUser, orgByCode, publicationByName } from '../items/test-factory.ts';

let t: TestApp;
let editor: Session;
let chief: Session;
let llChief: Session;
let llEditor: Session;
let reporter: Session;
let admin: Session;
let leader: Session;
let fyId: string;
let llId: string;
let ids: Record<string, string>;
const year = new Date().getFullYear();

beforeAll(async () => {
  t = await createTestApp();
  [editor, chief, llChief, llEditor, reporter, admin, leader] = await Promise.all(
    ['editor', 'chief', 'll_chief', 'll_editor', 'fy_czj_xxy', 'admin', 'leader'].map((u) => login(t.app, u)),
  );
  fyId = (await orgByCode(t, 'fy')).id;
  llId = (await orgByCode(t, 'll')).id;
  const rows = await t.database.db.select({ id: users.id, username: users.username }).from(users);
  ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
});
afterAll(() => t.close());

const fenyang = () => publicationByName(t, '汾阳政务信息');

async function audits(targetId: string, action: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, targetId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}

async function publicationCount() {
  const [row] = await t.database.db.select({ n: count() }).from(publications);
  return row?.n ?? 0;
}

const validBody = (over: Record<string, unknown> = {}) => ({
  officeId: fyId,
  name: `汾阳政务信息（增刊）${randomUUID().slice(0, 6)}`,
  kind: '增刊',
  ...over,
});

describe('GET /api/publications/:id', () => {
  it('needs a session, office staff and a well-formed id', async () => {
    const pub = await fenyang();
    expect((await anonymous(t.app, 'GET', `/api/publications/${pub.id}`)).statusCode).toBe(401);
    expect((await reporter.request('GET', `/api/publications/${pub.id}`)).statusCode).toBe(403);
    expect((await editor.request('GET', '/api/publications/fy')).statusCode).toBe(400);
    const missing = await editor.request('GET', `/api/publications/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('刊物不存在或您无权查看');
  });

  it('shows the demo definition of 汾阳政务信息 to its office', async () => {
    const pub = await fenyang();
    const res = await editor.request('GET', `/api/publications/${pub.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: pub.id,
      officeId: fyId,
      officeName: '汾阳市人民政府办公室',
      name: '汾阳政务信息',
      kind: '普刊',
      numbering: 'yearly',
      labelFormat: 'year_issue',
      showTotal: false,
      sampleLabel: `${year}年第1期`,
      distribution: {
        bao: '吕梁市人民政府办公室',
        song: '市委、市人大、市政协领导，市政府各位领导',
        fa: '各乡镇人民政府、街道办事处，市直各单位',
      },
      printCount: 80,
      defaultEditor: { id: ids.editor },
      defaultSigner: { id: ids.chief },
      active: true,
      version: 1,
      actions: [],
    });
    // What an adoption scores is the 考核办法's to say, not the publication's.
    expect(res.json()).not.toHaveProperty('pointsPerItem');
    expect((await chief.request('GET', `/api/publications/${pub.id}`)).json().actions).toEqual([
      'edit',
      'deactivate',
    ]);
    expect((await leader.request('GET', `/api/publications/${pub.id}`)).statusCode).toBe(200);
    expect((await admin.request('GET', `/api/publications/${pub.id}`)).json().actions).toEqual([
      'edit',
      'deactivate',
    ]);
  });

  it('lets a lower office read the publications above it, but not the other way round', async () => {
    const upper = await publicationByName(t, '吕梁政务信息●普刊');
    const res = await editor.request('GET', `/api/publications/${upper.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '吕梁政务信息●普刊',
      numbering: 'yearly',
      printCount: 50,
      actions: [],
    });
    expect((await llEditor.request('GET', `/api/publications/${(await fenyang()).id}`)).statusCode).toBe(404);
  });
});

describe('POST /api/publications', () => {
  it('refuses the anonymous, non-chiefs and bad input, creating nothing', async () => {
    const before = await publicationCount();
    expect((await anonymous(t.app, 'POST', '/api/publications', validBody())).statusCode).toBe(401);
    expect((await editor.request('POST', '/api/publications', validBody())).statusCode).toBe(403);
    expect((await reporter.request('POST', '/api/publications', validBody())).statusCode).toBe(403);
    for (const bad of [
      { name: '' },
      { kind: '周报' },
      { numbering: 'monthly' },
      { labelFormat: 'dash' },
      { printCount: 0 },
      { printCount: 10001 },
      { printCount: 1.5 },
      { officeId: 'fy' },
      { distribution: { bao: 1 } },
    ]) {
      const res = await chief.request('POST', '/api/publications', validBody(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await publicationCount()).toBe(before);
  });

  it('lets a chief editor define publications of their own office only', async () => {
    const res = await chief.request('POST', '/api/publications', validBody({ officeId: llId }));
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('只能由本办公室的主编/签发领导或系统管理员设置刊物');
    const unit = await orgByCode(t, 'fy_czj');
    expect(
      (await admin.request('POST', '/api/publications', validBody({ officeId: unit.id }))).statusCode,
    ).toBe(400);
  });

  it('refuses a second publication of the same name in one office (409)', async () => {
    const before = await publicationCount();
    const res = await chief.request('POST', '/api/publications', validBody({ name: '汾阳政务信息' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('本办公室已有同名刊物');
    expect(await publicationCount()).toBe(before);
  });

  it('requires the default editor to be an active editor, the signer a chief editor or leader, of the office', async () => {
    const before = await publicationCount();
    const idle = await makeUser(t, 'fy_idle_editor', 'fy', ['editor']);
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, idle.id));
    for (const [field, userId, message] of [
      ['defaultEditorId', ids.chief, '默认责任编辑须为本办公室在用的编辑'],
      ['defaultEditorId', ids.ll_editor, '默认责任编辑须为本办公室在用的编辑'],
      ['defaultEditorId', idle.id, '默认责任编辑须为本办公室在用的编辑'],
      ['defaultEditorId', randomUUID(), '默认责任编辑须为本办公室在用的编辑'],
      ['defaultSignerId', ids.editor, '默认签发人须为本办公室在用的主编/签发领导或领导'],
      ['defaultSignerId', ids.ll_chief, '默认签发人须为本办公室在用的主编/签发领导或领导'],
    ] as const) {
      const res = await chief.request('POST', '/api/publications', validBody({ [field]: userId }));
      expect(res.statusCode, `${field} ${userId}`).toBe(400);
      expect(res.json().message).toBe(message);
    }
    expect(await publicationCount()).toBe(before);
    // A leader of the office may be the default 签发领导, as on an issue.
    const ok = await chief.request(
      'POST',
      '/api/publications',
      validBody({ name: '汾阳要情', defaultSignerId: ids.leader }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().defaultSigner?.id).toBe(ids.leader);
    // Leave the office's list as the next tests expect it.
    await t.database.db.delete(publications).where(eq(publications.id, ok.json().id));
  });

  it('creates a supplement with its own numbering, audited with a diff', async () => {
    const name = '汾阳政务信息（增刊）';
    const res = await chief.request('POST', '/api/publications', {
      officeId: fyId,
      name,
      kind: '增刊',
      numbering: 'continuous',
      labelFormat: 'bracket',
      showTotal: true,
      distribution: { bao: '吕梁市人民政府办公室', song: '', fa: '市直各单位' },
      printCount: 30,
      defaultEditorId: ids.editor2,
      defaultSignerId: ids.chief,
      description: '重大活动期间编发',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      officeId: fyId,
      name,
      kind: '增刊',
      numbering: 'continuous',
      labelFormat: 'bracket',
      showTotal: true,
      sampleLabel: `〔${year}〕1期（总第1期）`,
      printCount: 30,
      defaultEditor: { id: ids.editor2 },
      defaultSigner: { id: ids.chief },
      description: '重大活动期间编发',
      active: true,
      version: 1,
      sortOrder: (await fenyang()).sortOrder + 1,
      actions: ['edit', 'deactivate'],
    });
    const [audit] = await audits(body.id, 'publication.created');
    expect(audit).toMatchObject({ actorId: ids.chief, targetLabel: name });
    expect(audit?.diff).toMatchObject({
      name: [null, name],
      printCount: [null, 30],
      labelFormat: [null, 'bracket'],
    });
    expect(
      (await chief.request('POST', '/api/publications', { officeId: fyId, name, kind: '增刊' })).statusCode,
    ).toBe(409);
  });

  it('fills the defaults and lets a system administrator define any office’s publication', async () => {
    const res = await admin.request('POST', '/api/publications', {
      officeId: llId,
      name: '吕梁要情',
      kind: '要情',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      officeId: llId,
      numbering: 'yearly',
      labelFormat: 'year_issue',
      showTotal: false,
      sampleLabel: `${year}年第1期`,
      distribution: { bao: '', song: '', fa: '' },
      printCount: 50,
      defaultEditor: null,
      defaultSigner: null,
      description: null,
    });
    const plain = await llChief.request('PATCH', `/api/publications/${res.json().id}`, {
      labelFormat: 'plain',
      showTotal: true,
      version: 1,
    });
    expect(plain.json().sampleLabel).toBe('第1期（总第1期）');
  });
});

describe('PATCH /api/publications/:id', () => {
  it('refuses the anonymous, non-chiefs, bad input and unknown ids', async () => {
    const pub = await fenyang();
    expect((await anonymous(t.app, 'PATCH', `/api/publications/${pub.id}`, { version: 1 })).statusCode).toBe(
      401,
    );
    expect((await editor.request('PATCH', `/api/publications/${pub.id}`, { version: 1 })).statusCode).toBe(
      403,
    );
    expect((await chief.request('PATCH', `/api/publications/${pub.id}`, { printCount: 5 })).statusCode).toBe(
      400,
    );
    expect(
      (await chief.request('PATCH', `/api/publications/${pub.id}`, { printCount: 0, version: pub.version }))
        .statusCode,
    ).toBe(400);
    expect(
      (await chief.request('PATCH', `/api/publications/${randomUUID()}`, { version: 1 })).statusCode,
    ).toBe(404);
  });

  it('does not let another office’s chief editor change 汾阳’s publication', async () => {
    const pub = await fenyang();
    const res = await llChief.request('PATCH', `/api/publications/${pub.id}`, {
      printCount: 5,
      version: pub.version,
    });
    expect(res.statusCode).toBe(403);
    expect(await fenyang()).toEqual(pub);
  });

  it('edits with the version, audits the diff and refuses stale versions and taken names', async () => {
    const pub = await fenyang();
    const res = await chief.request('PATCH', `/api/publications/${pub.id}`, {
      printCount: 100,
      showTotal: true,
      description: '每周一期',
      version: pub.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      printCount: 100,
      showTotal: true,
      description: '每周一期',
      version: pub.version + 1,
      distribution: pub.distribution,
      defaultEditor: { id: ids.editor },
    });
    const [audit] = await audits(pub.id, 'publication.updated');
    expect(audit?.diff).toEqual({
      printCount: [80, 100],
      showTotal: [false, true],
      description: [null, '每周一期'],
    });

    const stale = await chief.request('PATCH', `/api/publications/${pub.id}`, {
      printCount: 7,
      version: pub.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该记录已被他人修改，请刷新后重试');

    const after = await fenyang();
    const taken = await chief.request('PATCH', `/api/publications/${pub.id}`, {
      name: '汾阳政务信息（增刊）',
      version: after.version,
    });
    expect(taken.statusCode).toBe(409);
    const badSigner = await chief.request('PATCH', `/api/publications/${pub.id}`, {
      defaultSignerId: ids.editor,
      version: after.version,
    });
    expect(badSigner.statusCode).toBe(400);
    expect(await fenyang()).toEqual(after);
    expect(await audits(pub.id, 'publication.updated')).toHaveLength(1);
  });
});

describe('POST /api/publications/:id/deactivate and /activate', () => {
  it('refuses the anonymous, non-chiefs, other offices, bad input and stale versions', async () => {
    const pub = await fenyang();
    const url = `/api/publications/${pub.id}/deactivate`;
    expect((await anonymous(t.app, 'POST', url, { version: pub.version })).statusCode).toBe(401);
    expect((await editor.request('POST', url, { version: pub.version })).statusCode).toBe(403);
    expect((await llChief.request('POST', url, { version: pub.version })).statusCode).toBe(403);
    expect((await chief.request('POST', url, {})).statusCode).toBe(400);
    expect((await chief.request('POST', url, { version: pub.version + 5 })).statusCode).toBe(409);
    expect(
      (await chief.request('POST', `/api/publications/${pub.id}/activate`, { version: pub.version }))
        .statusCode,
    ).toBe(409);
    expect(await fenyang()).toEqual(pub);
  });

  it('stops and resumes a publication, audited; a stopped one is no accept target', async () => {
    const pub = await fenyang();
    const off = await chief.request('POST', `/api/publications/${pub.id}/deactivate`, {
      version: pub.version,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({
      active: false,
      version: pub.version + 1,
      actions: ['edit', 'activate'],
    });
    expect((await audits(pub.id, 'publication.deactivated'))[0]?.diff).toEqual({ active: [true, false] });
    const own = (await editor.request('GET', '/api/publications')).json() as { name: string }[];
    expect(own.map((p) => p.name)).not.toContain('汾阳政务信息');
    expect(
      (await chief.request('POST', `/api/publications/${pub.id}/deactivate`, { version: pub.version + 1 }))
        .statusCode,
    ).toBe(409);

    const on = await admin.request('POST', `/api/publications/${pub.id}/activate`, {
      version: pub.version + 1,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({
      active: true,
      version: pub.version + 2,
      actions: ['edit', 'deactivate'],
    });
    expect((await audits(pub.id, 'publication.activated'))[0]?.diff).toEqual({ active: [false, true] });
    const again = (await editor.request('GET', '/api/publications')).json() as { name: string }[];
    expect(again.map((p) => p.name)).toContain('汾阳政务信息');
  });
});
