import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, submitThroughUnit } from './items.test-support.ts';
import type { ItemDetail } from './schemas.ts';

let t: TestApp;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let editor: Session;
let item: ItemDetail;

const V1 = {
  title: '市财政局加快预算执行进度',
  body: '今年以来，市财政局加快预算执行。\n全市一般公共预算支出完成百分之六十。',
};
const V2_BODY =
  '今年以来，市财政局多措并举加快预算执行。\n全市一般公共预算支出完成60%。\n下一步将继续盯紧重点支出。';
const V3_TITLE = '市财政局“三个加快”推进预算执行';

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [reporter, signer, otherReporter, editor] = await Promise.all(
    ['fy_jyj_xxy', 'fy_jyj_qf', 'fy_swj_xxy', 'editor'].map((u) => login(t.app, u)),
  );
  item = await createDraft(reporter, V1);
  const v2 = await reporter.request('PATCH', `/api/items/${item.id}`, {
    body: V2_BODY,
    reason: '补充数据',
    version: 1,
  });
  expect(v2.statusCode, v2.body).toBe(200);
  const submitted = await submitThroughUnit(reporter, signer, item.id);
  const v3 = await editor.request('PATCH', `/api/items/${item.id}`, {
    title: V3_TITLE,
    reason: '编辑提炼标题',
    version: submitted.version,
  });
  expect(v3.statusCode, v3.body).toBe(200);
});
afterAll(() => t.close());

describe('versions', () => {
  it('lists every saved text with who and why', async () => {
    const detail = (await reporter.request('GET', `/api/items/${item.id}`)).json();
    expect(detail.currentVersion).toBe(3);
    expect(detail.versions).toMatchObject([
      { versionNo: 1, reason: '新建' },
      { versionNo: 2, reason: '补充数据' },
      { versionNo: 3, reason: '编辑提炼标题', editorName: '张文秀' },
    ]);
  });

  it('returns the text of one version to anyone who may read the item', async () => {
    for (const s of [reporter, editor]) {
      const res = await s.request('GET', `/api/items/${item.id}/versions/1`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ versionNo: 1, ...V1, reason: '新建' });
    }
    const v3 = (await reporter.request('GET', `/api/items/${item.id}/versions/3`)).json();
    expect(v3).toMatchObject({ title: V3_TITLE, body: V2_BODY, editorName: '张文秀' });
  });

  it('answers 404 to a version that does not exist and 400 to a malformed number', async () => {
    const missing = await reporter.request('GET', `/api/items/${item.id}/versions/9`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toMatch(/第 9 版不存在/);
    for (const no of ['0', '-1', 'abc', '1.5']) {
      expect((await reporter.request('GET', `/api/items/${item.id}/versions/${no}`)).statusCode, no).toBe(
        400,
      );
    }
    expect((await reporter.request('GET', '/api/items/nope/versions/1')).statusCode).toBe(400);
  });

  it('answers 401, 403 and 404 as the item’s other endpoints do', async () => {
    expect((await anonymous(t.app, 'GET', `/api/items/${item.id}/versions/1`)).statusCode).toBe(401);
    const admin = await login(t.app, 'admin');
    expect((await admin.request('GET', `/api/items/${item.id}/versions/1`)).statusCode).toBe(403);
    const res = await otherReporter.request('GET', `/api/items/${item.id}/versions/1`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('预算');
  });
});

describe('diff', () => {
  it('compares two versions character by character', async () => {
    const res = await reporter.request('GET', `/api/items/${item.id}/diff?from=1&to=2`);
    expect(res.statusCode).toBe(200);
    const diff = res.json();
    expect(diff).toMatchObject({ from: 1, to: 2, title: [{ type: 'equal', text: V1.title }] });
    const join = (type: string) =>
      diff.body
        .filter((s: { type: string }) => s.type !== type)
        .map((s: { text: string }) => s.text)
        .join('');
    expect(join('insert')).toBe(V1.body);
    expect(join('delete')).toBe(V2_BODY);
    expect(diff.body).toContainEqual({ type: 'insert', text: '多措并举' });
    expect(diff.body).toContainEqual({ type: 'delete', text: '百分之六十' });
  });

  it('compares backwards and across editors', async () => {
    const diff = (await editor.request('GET', `/api/items/${item.id}/diff?from=3&to=1`)).json();
    expect(diff.from).toBe(3);
    expect(diff.title.some((s: { type: string }) => s.type === 'delete')).toBe(true);
  });

  it('answers 400 when a version does not exist or the numbers are malformed', async () => {
    const res = await reporter.request('GET', `/api/items/${item.id}/diff?from=1&to=7`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/第 7 版不存在/);
    for (const qs of ['from=1', 'to=2', 'from=a&to=2', 'from=0&to=2', '']) {
      expect((await reporter.request('GET', `/api/items/${item.id}/diff?${qs}`)).statusCode, qs).toBe(400);
    }
  });

  it('answers 401, 403 and 404 without a hint of the text', async () => {
    const url = `/api/items/${item.id}/diff?from=1&to=2`;
    expect((await anonymous(t.app, 'GET', url)).statusCode).toBe(401);
    const auditor = await login(t.app, 'auditor');
    expect((await auditor.request('GET', url)).statusCode).toBe(403);
    const res = await otherReporter.request('GET', url);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('预算');
  });
});
