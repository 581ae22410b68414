import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, items, settings } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { accountIn, createDraft, orgByCode, setState } from '../items/items.test-support.ts';

let t: TestApp;
let chief: Session;
let editor: Session;
let admin: Session;
let llChief: Session;
let llEditor: Session;
let xyChief: Session;

const URL = '/api/settings/workflow-limits';
const DEFAULTS = { urgentHours: 6, forReadingHours: 24, routineWorkingDays: 3 };
let fy: { id: string; name: string };
let ll: { id: string; name: string };
let xy: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [chief, editor, admin, llChief, llEditor] = await Promise.all(
    ['chief', 'editor', 'admin', 'll_chief', 'll_editor'].map((u) => login(t.app, u)),
  );
  xyChief = await accountIn(t, 'xy_chief', 'xy', ['chief_editor']);
  [fy, ll, xy] = await Promise.all(['fy', 'll', 'xy'].map((c) => orgByCode(t, c)));
});
afterAll(() => t.close());

const saved = (officeId: string) =>
  t.database.db
    .select()
    .from(settings)
    .where(eq(settings.key, `workflow_limits:${officeId}`));
const allSaved = () => t.database.db.select().from(settings).where(like(settings.key, 'workflow_limits%'));

/** An urgent item submitted to 汾阳 at a fixed time, whose deadline is 6 h later by default. */
async function urgentItemAtFenyang() {
  const reporter = await login(t.app, 'fy_czj_xxy');
  const item = await createDraft(reporter, { priority: 'urgent' });
  await setState(t, item.id, { status: 'submitted', submittedAt: new Date('2025-04-01T02:00:00Z') });
  return item.id;
}

describe('access rules', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous(t.app, 'GET', URL)).statusCode).toBe(401);
    expect((await anonymous(t.app, 'PUT', URL, { ...DEFAULTS, version: 0 })).statusCode).toBe(401);
  });

  it("lets an office's staff read its limits and only its chief editor or system administrator change them", async () => {
    for (const s of [chief, editor, admin]) {
      const res = await s.request('GET', URL);
      expect(res.statusCode, s.username).toBe(200);
      expect(res.json()).toMatchObject({ office: { id: fy.id, name: fy.name }, ...DEFAULTS, version: 0 });
      expect(res.json().editable, s.username).toBe(s !== editor);
    }
    for (const username of ['fy_czj_xxy', 'secadmin', 'auditor', 'leader']) {
      const s = await login(t.app, username);
      expect((await s.request('GET', URL)).statusCode, username).toBe(403);
    }
    for (const username of ['editor', 'fy_czj_xxy', 'secadmin', 'll_editor']) {
      const s = await login(t.app, username);
      const res = await s.request('PUT', URL, { ...DEFAULTS, urgentHours: 2, version: 0 });
      expect(res.statusCode, username).toBe(403);
    }
    expect(await allSaved()).toHaveLength(0);
  });

  it("refuses 吕梁's and 孝义's chief editors 汾阳's limits, to read or to change", async () => {
    for (const s of [llChief, xyChief, llEditor]) {
      expect((await s.request('GET', `${URL}?officeId=${fy.id}`)).statusCode, s.username).toBe(403);
      const res = await s.request('PUT', `${URL}?officeId=${fy.id}`, {
        ...DEFAULTS,
        urgentHours: 1,
        version: 0,
      });
      expect(res.statusCode, s.username).toBe(403);
      if (s !== llEditor) expect(res.json().message).toBe('只能查看和设置本办公室的办理时限');
    }
    expect(await saved(fy.id)).toHaveLength(0);
  });

  it('answers 400 to values out of range, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ urgentHours: 0 }, /紧急信息时限/],
      [{ urgentHours: 73 }, /紧急信息时限/],
      [{ forReadingHours: 0 }, /送阅件时限/],
      [{ routineWorkingDays: 31 }, /普通信息时限/],
      [{ routineWorkingDays: 1.5 }, /整数/],
      [{ version: undefined }, /版本号/],
    ];
    for (const [patch, message] of cases) {
      const res = await chief.request('PUT', URL, { ...DEFAULTS, version: 0, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect((await chief.request('GET', `${URL}?officeId=nope`)).statusCode).toBe(400);
    expect(await allSaved()).toHaveLength(0);
  });
});

describe("each office's limits", () => {
  it("are its own: 孝义's and 吕梁's chiefs change theirs, 汾阳's deadlines do not move", async () => {
    const id = await urgentItemAtFenyang();
    const deadline = async () => (await editor.request('GET', `/api/items/${id}`)).json().deadlineAt;
    expect(await deadline()).toBe('2025-04-01T08:00:00.000Z');

    const xyRes = await xyChief.request('PUT', URL, { ...DEFAULTS, urgentHours: 1, version: 0 });
    expect(xyRes.statusCode, xyRes.body).toBe(200);
    expect(xyRes.json()).toMatchObject({ office: { id: xy.id }, urgentHours: 1, version: 1 });
    const llRes = await llChief.request('PUT', URL, { ...DEFAULTS, urgentHours: 3, version: 0 });
    expect(llRes.json()).toMatchObject({ office: { id: ll.id }, urgentHours: 3, version: 1 });

    expect(await deadline()).toBe('2025-04-01T08:00:00.000Z');
    const inbox = (await editor.request('GET', '/api/items?box=inbox&pageSize=100')).json();
    expect(inbox.items.find((i: { id: string }) => i.id === id).deadlineAt).toBe('2025-04-01T08:00:00.000Z');
    expect((await editor.request('GET', URL)).json()).toMatchObject({ ...DEFAULTS, version: 0 });
    expect((await llEditor.request('GET', URL)).json()).toMatchObject({
      office: { id: ll.id },
      urgentHours: 3,
    });
    expect(await saved(fy.id)).toHaveLength(0);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'settings.workflow_limits_changed'),
          eq(auditEvents.targetId, `workflow_limits:${xy.id}`),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: xyChief.me.user.id, targetLabel: `办理时限（${xy.name}）` });
    expect(audit[0].diff).toEqual({ urgentHours: [6, 1] });
  });

  it("run an item's deadline under its receiving office's limits, in the detail, the list and its order", async () => {
    const id = await urgentItemAtFenyang();
    // The same item received by 吕梁 (as a forwarded copy would be) counts under 吕梁's 3 hours.
    await t.database.db.update(items).set({ officeId: ll.id }).where(eq(items.id, id));
    expect((await llEditor.request('GET', `/api/items/${id}`)).json().deadlineAt).toBe(
      '2025-04-01T05:00:00.000Z',
    );
    const res = await llEditor.request('GET', '/api/items?box=inbox&sort=deadline&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().items.find((i: { id: string }) => i.id === id);
    expect(row).toMatchObject({ deadlineAt: '2025-04-01T05:00:00.000Z', overdue: true });
  });

  it("汾阳's chief changes 汾阳's, audited; a stale version is refused; the system administrator of 汾阳 may too", async () => {
    const id = await urgentItemAtFenyang();
    const deadline = async () => (await editor.request('GET', `/api/items/${id}`)).json().deadlineAt;
    const res = await chief.request('PUT', URL, { ...DEFAULTS, urgentHours: 2, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ office: { id: fy.id }, ...DEFAULTS, urgentHours: 2, version: 1 });
    expect(await deadline()).toBe('2025-04-01T04:00:00.000Z');
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'settings.workflow_limits_changed'),
          eq(auditEvents.targetId, `workflow_limits:${fy.id}`),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0].diff).toEqual({ urgentHours: [6, 2] });

    const stale = await admin.request('PUT', URL, { ...DEFAULTS, urgentHours: 12, version: 0 });
    expect(stale.statusCode).toBe(409);
    const next = await admin.request('PUT', `${URL}?officeId=${fy.id}`, {
      ...DEFAULTS,
      urgentHours: 12,
      version: 1,
    });
    expect(next.json()).toMatchObject({ urgentHours: 12, version: 2 });
    expect((await saved(fy.id))[0].value).toEqual({ ...DEFAULTS, urgentHours: 12 });
    // 孝义's stay as its chief left them.
    expect((await xyChief.request('GET', URL)).json()).toMatchObject({ urgentHours: 1 });
  });
});
