import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { orgByCode } from '../items/test-factory.ts';

let t: TestApp;
let editor: Session;
let chief: Session;
let llEditor: Session;
let reporter: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  [editor, chief, llEditor, reporter, admin] = await Promise.all(
    ['editor', 'chief', 'll_editor', 'fy_czj_xxy', 'admin'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

const names = (res: { json(): { name: string }[] }) => res.json().map((p) => p.name);

describe('GET /api/publications', () => {
  it('needs a session and office staff or the system administrator', async () => {
    expect((await anonymous(t.app, 'GET', '/api/publications')).statusCode).toBe(401);
    expect((await reporter.request('GET', '/api/publications')).statusCode).toBe(403);
    const ll = await orgByCode(t, 'll');
    const asAdmin = await admin.request('GET', `/api/publications?officeId=${ll.id}`);
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(names(asAdmin)).toEqual(['吕梁政务信息●普刊']);
    expect((await editor.request('GET', `/api/publications?officeId=${ll.id}`)).statusCode).toBe(403);
  });

  it('lists stopped publications only when asked (刊物设置)', async () => {
    const [pub] = (await chief.request('GET', '/api/publications')).json();
    const detail = (await chief.request('GET', `/api/publications/${pub.id}`)).json();
    const stop = await chief.request('POST', `/api/publications/${pub.id}/deactivate`, {
      version: detail.version,
    });
    expect(stop.statusCode, stop.body).toBe(200);
    expect(names(await chief.request('GET', '/api/publications'))).toEqual([]);
    const all = (await chief.request('GET', '/api/publications?includeInactive=true')).json();
    expect(all.map((p: { name: string; active: boolean }) => [p.name, p.active])).toEqual([
      ['汾阳政务信息', false],
    ]);
    expect((await chief.request('GET', '/api/publications?includeInactive=yes')).statusCode).toBe(400);
    const again = await chief.request('POST', `/api/publications/${pub.id}/activate`, {
      version: stop.json().version,
    });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('validates the query', async () => {
    expect((await editor.request('GET', '/api/publications?scope=all')).statusCode).toBe(400);
    expect((await editor.request('GET', '/api/publications?officeId=fy')).statusCode).toBe(400);
  });

  it('lists the own office’s publications by default (accept targets)', async () => {
    const res = await editor.request('GET', '/api/publications');
    expect(res.statusCode, res.body).toBe(200);
    const fy = await orgByCode(t, 'fy');
    expect(res.json()).toEqual([
      {
        id: expect.any(String),
        officeId: fy.id,
        officeName: '汾阳市人民政府办公室',
        name: '汾阳政务信息',
        kind: '普刊',
        active: true,
      },
    ]);
    expect(names(await chief.request('GET', '/api/publications?scope=own'))).toEqual(['汾阳政务信息']);
    expect(names(await llEditor.request('GET', '/api/publications'))).toEqual(['吕梁政务信息●普刊']);
  });

  it('lists the offices above, nearest first (adoption targets)', async () => {
    const res = await editor.request('GET', '/api/publications?scope=upper');
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['吕梁政务信息●普刊', '晋政信息●普刊', '晋政信息●互联网']);
    expect(names(await llEditor.request('GET', '/api/publications?scope=upper'))).toEqual([
      '晋政信息●普刊',
      '晋政信息●互联网',
    ]);
  });

  it('answers only for the caller’s own office', async () => {
    const fy = await orgByCode(t, 'fy');
    const ll = await orgByCode(t, 'll');
    expect(
      names(await editor.request('GET', `/api/publications?officeId=${fy.id}&scope=upper`)),
    ).toHaveLength(3);
    const other = await editor.request('GET', `/api/publications?officeId=${ll.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('只能查看本办公室及其上级办公室的刊物');
    expect((await editor.request('GET', `/api/publications?officeId=${randomUUID()}`)).statusCode).toBe(403);
  });
});
