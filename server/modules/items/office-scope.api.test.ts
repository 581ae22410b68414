import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, get, submitThroughUnit } from './items.test-support.ts';
import type { ItemDetail } from './schemas.ts';

/**
 * The office sees an item only in a status after its unit's sign-off (OFFICE_SEES_STATUS), never
 * because it was submitted once: submit → sign → return → the reporter edits, asks for sign-off
 * again and withdraws → the office no longer sees the unit's draft, nor its unsigned text.
 */
let t: TestApp;
let reporter: Session;
let signer: Session;
let editor: Session;

const SIGNED_BODY =
  '今年以来，市财政局围绕全年目标任务，建立重点项目资金保障机制。\n截至目前，已拨付资金4.6亿元。';
const UNSIGNED_TITLE = '市财政局尚未签发的修改稿标题';
const UNSIGNED_BODY = '这是信息员退回后重新修改、尚未经本单位签发的内容。\n截至目前，已拨付资金5.2亿元。';

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [reporter, signer, editor] = await Promise.all(
    ['fy_czj_xxy', 'fy_czj_qf', 'editor'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

async function act(s: Session, id: string, action: string, extra: Record<string, unknown> = {}) {
  const { version } = await get(reporter, id);
  const res = await s.request('POST', `/api/items/${id}/actions/${action}`, { version, ...extra });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as ItemDetail;
}

async function inbox(query = '') {
  const res = await editor.request('GET', `/api/items?box=inbox&pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { id: string; title: string }[];
    total: number;
    counts: Record<string, number>;
  };
}

/** A signed-off item that the office has returned, and the reporter has revised (unsigned). */
async function returnedAndRevised(): Promise<ItemDetail> {
  const draft = await createDraft(reporter, { title: '市财政局强化重点项目资金保障', body: SIGNED_BODY });
  await submitThroughUnit(reporter, signer, draft.id);
  await act(editor, draft.id, 'return', { reason: '请补充资金拨付进度' });
  const before = await get(reporter, draft.id);
  const edited = await reporter.request('PATCH', `/api/items/${draft.id}`, {
    title: UNSIGNED_TITLE,
    body: UNSIGNED_BODY,
    version: before.version,
    reason: '按退回意见修改',
  });
  expect(edited.statusCode, edited.body).toBe(200);
  expect(edited.json()).toMatchObject({ status: 'returned', currentVersion: 2 });
  return edited.json();
}

describe('the office scope follows the current status', () => {
  it('hides a returned item once the reporter resubmits it for sign-off and withdraws it to a draft', async () => {
    const item = await returnedAndRevised();
    await act(reporter, item.id, 'submit_for_signoff');
    // Awaiting the unit's sign-off: the unit's own.
    expect((await editor.request('GET', `/api/items/${item.id}`)).statusCode).toBe(404);
    expect((await inbox('&status=pending_signoff')).items.map((i) => i.id)).not.toContain(item.id);

    const withdrawn = await act(reporter, item.id, 'withdraw');
    expect(withdrawn.status).toBe('draft');
    expect((await get(reporter, item.id)).body).toBe(UNSIGNED_BODY);

    const detail = await editor.request('GET', `/api/items/${item.id}`);
    expect(detail.statusCode).toBe(404);
    expect(detail.body).not.toContain('尚未');
    for (const url of [`/api/items/${item.id}/versions/1`, `/api/items/${item.id}/versions/2`]) {
      expect((await editor.request('GET', url)).statusCode, url).toBe(404);
    }
    expect((await editor.request('GET', `/api/items/${item.id}/diff?from=1&to=2`)).statusCode).toBe(404);

    // Not in the inbox under any filter, and no draft or pending item in its counts.
    const drafts = await inbox('&status=draft');
    expect(drafts.items).toEqual([]);
    expect(drafts.total).toBe(0);
    const all = await inbox();
    expect(all.items.map((i) => i.id)).not.toContain(item.id);
    expect(all.counts.draft).toBeUndefined();
    expect(all.counts.pending_signoff).toBeUndefined();
    expect((await inbox(`&q=${encodeURIComponent('尚未经本单位签发')}`)).total).toBe(0);
    // No other list of the editor's has it either.
    const forwarded = await editor.request('GET', '/api/items?box=forwarded&pageSize=100');
    expect(forwarded.json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);

    // Signed off again, the office sees the new text.
    await act(reporter, item.id, 'submit_for_signoff');
    await act(signer, item.id, 'sign');
    const back = await get(editor, item.id);
    expect(back).toMatchObject({
      status: 'submitted',
      title: UNSIGNED_TITLE,
      body: UNSIGNED_BODY,
      currentVersion: 2,
    });
    expect((await inbox()).items.map((i) => i.id)).toContain(item.id);
  });

  it('shows the office the text it returned while the reporter revises it, with no later versions', async () => {
    const item = await returnedAndRevised();
    const seen = await get(editor, item.id);
    expect(seen).toMatchObject({ status: 'returned', body: SIGNED_BODY, currentVersion: 1 });
    expect(seen.title).not.toBe(UNSIGNED_TITLE);
    expect(seen.versions.map((v) => v.versionNo)).toEqual([1]);
    expect(JSON.stringify(seen)).not.toContain('尚未经本单位签发');
    expect((await editor.request('GET', `/api/items/${item.id}/versions/2`)).statusCode).toBe(404);
    expect((await editor.request('GET', `/api/items/${item.id}/versions/1`)).json().body).toBe(SIGNED_BODY);
    expect((await editor.request('GET', `/api/items/${item.id}/diff?from=1&to=2`)).statusCode).toBe(400);
    const listed = (await inbox('&status=returned')).items.find((i) => i.id === item.id);
    expect(listed?.title).toBe(seen.title);

    // The unit itself sees its revision.
    expect(await get(reporter, item.id)).toMatchObject({ title: UNSIGNED_TITLE, currentVersion: 2 });
    expect((await reporter.request('GET', `/api/items/${item.id}/versions/2`)).statusCode).toBe(200);
  });

  it('finds a returned item under revision by the text it returned, never by the unsigned revision', async () => {
    const item = await returnedAndRevised();
    const search = async (s: Session, box: string, q: string) =>
      (
        (await s.request('GET', `/api/items?box=${box}&pageSize=100&q=${encodeURIComponent(q)}`)).json()
          .items as { id: string }[]
      ).map((i) => i.id);
    expect(await search(editor, 'inbox', '尚未经本单位签发')).not.toContain(item.id);
    expect(await search(editor, 'inbox', '尚未签发的修改稿')).not.toContain(item.id);
    expect(await search(editor, 'inbox', '重点项目资金保障机制')).toContain(item.id);
    // The unit finds its revision, and its earlier text too (every version is searched).
    expect(await search(reporter, 'mine', '尚未经本单位签发')).toContain(item.id);
    expect(await search(reporter, 'mine', '重点项目资金保障机制')).toContain(item.id);
  });
});
