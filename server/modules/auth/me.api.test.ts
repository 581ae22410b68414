import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, login, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/auth/me', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t.app, 'GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('请先登录');
  });

  it('names the section of the caller’s office and states the password rule in force', async () => {
    const s = await login(t.app, 'editor');
    const me = (await s.request('GET', '/api/auth/me')).json();
    expect(me.user.primaryUnit).toMatchObject({
      name: '汾阳市人民政府办公室',
      sectionName: '信息科',
      isPrimary: true,
    });
    expect(me.passwordPolicy).toEqual({ minLength: 8, minClasses: 3 });
  });

  it('shows the login before the current one, not the current one', async () => {
    const first = await login(t.app, 'fy_swj_xxy');
    expect((await first.request('GET', '/api/auth/me')).json().user.previousLogin).toBeNull();
    const second = await login(t.app, 'fy_swj_xxy');
    const me = (await second.request('GET', '/api/auth/me')).json();
    expect(me.user.previousLogin).not.toBeNull();
    expect(new Date(me.user.previousLogin.at).getTime()).toBeLessThanOrEqual(
      new Date(me.user.lastLoginAt).getTime(),
    );
    const again = (await first.request('GET', '/api/auth/me')).json();
    expect(again.user.previousLogin.at).toBe(me.user.previousLogin.at);
  });
});
