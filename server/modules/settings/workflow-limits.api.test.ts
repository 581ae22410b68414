import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, settings } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, setState } from '../items/items.test-support.ts';

let t: TestApp;
let chief: Session;
let editor: Session;
let admin: Session;

const URL = '/api/settings/workflow-limits';
const DEFAULTS = { urgentHours: 6, forReadingHours: 24, routineWorkingDays: 3 };

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [chief, editor, admin] = await Promise.all(['chief', 'editor', 'admin'].map((u) => login(t.app, u)));
});
afterAll(() => t.close());

const saved = () => t.database.db.select().from(settings).where(eq(settings.key, 'workflow_limits'));

describe('access rules', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous(t.app, 'GET', URL)).statusCode).toBe(401);
    expect((await anonymous(t.app, 'PUT', URL, { ...DEFAULTS, version: 0 })).statusCode).toBe(401);
  });

  it('lets office staff read and only the chief editor or the system administrator change', async () => {
    for (const s of [chief, editor, admin])
      expect((await s.request('GET', URL)).statusCode, s.username).toBe(200);
    for (const username of ['fy_czj_xxy', 'secadmin', 'auditor']) {
      const s = await login(t.app, username);
      expect((await s.request('GET', URL)).statusCode, username).toBe(403);
    }
    for (const username of ['editor', 'fy_czj_xxy', 'secadmin']) {
      const s = username === 'editor' ? editor : await login(t.app, username);
      const res = await s.request('PUT', URL, { ...DEFAULTS, urgentHours: 2, version: 0 });
      expect(res.statusCode, username).toBe(403);
    }
    expect(await saved()).toHaveLength(0);
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
    expect(await saved()).toHaveLength(0);
  });
});

describe('the limits', () => {
  it('start at 6 h / 24 h / 3 working days, version 0', async () => {
    expect((await editor.request('GET', URL)).json()).toEqual({ ...DEFAULTS, version: 0 });
  });

  it('are saved with an audit event, apply to deadlines at once, and refuse a stale version', async () => {
    const reporter = await login(t.app, 'fy_czj_xxy');
    const item = await createDraft(reporter, { priority: 'urgent' });
    const submittedAt = new Date('2025-04-01T02:00:00Z');
    await setState(t, item.id, { status: 'submitted', submittedAt });
    const deadline = async () => (await editor.request('GET', `/api/items/${item.id}`)).json().deadlineAt;
    expect(await deadline()).toBe('2025-04-01T08:00:00.000Z');

    const res = await chief.request('PUT', URL, { ...DEFAULTS, urgentHours: 2, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULTS, urgentHours: 2, version: 1 });
    expect(await deadline()).toBe('2025-04-01T04:00:00.000Z');
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'settings.workflow_limits_changed')));
    expect(audits).toHaveLength(1);
    expect(audits[0].diff).toEqual({ urgentHours: [6, 2] });

    const stale = await admin.request('PUT', URL, { ...DEFAULTS, urgentHours: 12, version: 0 });
    expect(stale.statusCode).toBe(409);
    const next = await admin.request('PUT', URL, { ...DEFAULTS, urgentHours: 12, version: 1 });
    expect(next.json()).toMatchObject({ urgentHours: 12, version: 2 });
    expect((await saved())[0].value).toEqual({ ...DEFAULTS, urgentHours: 12 });
  });
});
