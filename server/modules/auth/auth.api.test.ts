import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, login, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('reports status, database kind and version without a session', async () => {
    const res = await anonymous(t.app, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('login', () => {
  it('logs the editor in and returns who they are', async () => {
    const s = await login(t.app, 'editor');
    expect(s.me.user.roles).toEqual(['editor']);
    const me = await s.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.primaryUnit.name).toBe('汾阳市人民政府办公室');
  });

  it('refuses a wrong password with a Chinese message', async () => {
    const res = await anonymous(t.app, 'POST', '/api/auth/login', { username: 'editor2', password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('用户名或密码错误');
  });
});
