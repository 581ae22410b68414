import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { itemAudits, itemRow, makeItem, publicationByName, snapshot, timeline } from './test-factory.ts';

let t: TestApp;
let editor: Session;
let reporter: Session;
let llEditor: Session;
let fyPublication: string;

beforeAll(async () => {
  t = await createTestApp();
  [editor, reporter, llEditor] = await Promise.all(
    ['editor', 'fy_czj_xxy', 'll_editor'].map((u) => login(t.app, u)),
  );
  fyPublication = (await publicationByName(t, '汾阳政务信息')).id;
});
afterAll(() => t.close());

const batch = (s: Session, body: unknown) => s.request('POST', '/api/items/batch', body);

/** Several items' snapshots, to show a refused batch left every one of them as it was. */
async function snapshots(ids: string[]) {
  return Promise.all(ids.map((id) => snapshot(t, id)));
}

async function submittedItems(n: number, unit = 'fy_czj') {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await makeItem(t, { unit, status: 'submitted' }));
  return out;
}

describe('POST /api/items/batch', () => {
  it('needs a session, office staff and a valid body', async () => {
    const [item] = await submittedItems(1);
    const body = { action: 'accept', ids: [item.id], targetPublicationId: fyPublication };
    expect((await anonymous(t.app, 'POST', '/api/items/batch', body)).statusCode).toBe(401);
    expect((await batch(reporter, body)).statusCode).toBe(403);
    for (const bad of [
      { ...body, action: 'forward' },
      { ...body, ids: [] },
      { ...body, ids: [item.id, item.id] },
      { ...body, ids: ['x'] },
      { ...body, ids: Array.from({ length: 101 }, () => randomUUID()) },
      { ...body, versions: { [item.id]: 'one' } },
    ]) {
      const res = await batch(editor, bad);
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect((await batch(editor, { ...body, ids: [item.id, item.id] })).json().message).toContain(
      '所选信息有重复',
    );
    expect((await itemRow(t, item.id)).status).toBe('submitted');
  });

  it('accepts several items at once, each with its own timeline and audit entry', async () => {
    const items = [...(await submittedItems(2)), ...(await submittedItems(1, 'fy_swj'))];
    const res = await batch(editor, {
      action: 'accept',
      ids: items.map((i) => i.id),
      targetPublicationId: fyPublication,
      versions: Object.fromEntries(items.map((i) => [i.id, i.version])),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual(
      items.map((i) => ({ id: i.id, serial: i.serial, status: 'accepted', version: i.version + 1 })),
    );
    for (const i of items) {
      const row = await itemRow(t, i.id);
      expect(row).toMatchObject({ status: 'accepted', targetPublicationId: fyPublication });
      expect((await timeline(t, i.id)).at(-1)).toMatchObject({ action: 'accept', toStatus: 'accepted' });
      expect(await itemAudits(t, i.id, 'item.transition')).toHaveLength(1);
    }
  });

  it('returns and rejects with one reason for all', async () => {
    const toReturn = await submittedItems(2);
    const missing = await batch(editor, { action: 'return', ids: toReturn.map((i) => i.id) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('请填写退回原因');
    const res = await batch(editor, {
      action: 'return',
      ids: toReturn.map((i) => i.id),
      reason: '格式不规范',
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const i of toReturn) {
      expect((await timeline(t, i.id)).at(-1)).toMatchObject({ toStatus: 'returned', reason: '格式不规范' });
    }
    const rejected = await batch(editor, {
      action: 'reject',
      ids: toReturn.map((i) => i.id),
      reason: '逾期未修改',
    });
    expect(rejected.json().results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
    ]);
  });

  it('changes nothing when one item is in the wrong state, and names it by number', async () => {
    const good = await submittedItems(2);
    const draftLike = await makeItem(t, { status: 'returned' });
    const ids = [good[0].id, draftLike.id, good[1].id];
    const before = await snapshots(ids);
    const res = await batch(editor, { action: 'accept', ids, targetPublicationId: fyPublication });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      `第 ${draftLike.serial} 号信息：信息当前状态为“退回修改”，不能执行“拟采用”`,
    );
    expect(await snapshots(ids)).toEqual(before);
  });

  it('changes nothing on a stale version of one item', async () => {
    const items = await submittedItems(3);
    const ids = items.map((i) => i.id);
    const before = await snapshots(ids);
    const res = await batch(editor, {
      action: 'return',
      ids,
      reason: '请补充',
      versions: { [items[2].id]: items[2].version + 5 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(`第 ${items[2].serial} 号信息：该信息已被他人修改，请刷新后重试`);
    expect(await snapshots(ids)).toEqual(before);
  });

  it('changes nothing when one item belongs to another office (404 without its title) or is not the caller’s to decide', async () => {
    const [mine] = await submittedItems(1);
    const elsewhere = await makeItem(t, { unit: 'fy', office: 'll', origin: 'fy_czj', status: 'submitted' });
    const ids = [mine.id, elsewhere.id];
    const before = await snapshots(ids);
    // 吕梁's editor cannot see 汾阳's inbox item at all.
    const hidden = await batch(llEditor, { action: 'reject', ids, reason: '不采用' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain(mine.title);
    // 汾阳's editor sees the copy it sent up, but deciding on it is 吕梁's.
    const foreign = await batch(editor, { action: 'reject', ids, reason: '不采用' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toBe(`第 ${elsewhere.serial} 号信息：您无权对此信息执行“退稿”`);
    expect(await snapshots(ids)).toEqual(before);
  });

  it('refuses a publication of another office for every item', async () => {
    const items = await submittedItems(2);
    const ll = await publicationByName(t, '吕梁政务信息●普刊');
    const ids = items.map((i) => i.id);
    const before = await snapshots(ids);
    const res = await batch(editor, { action: 'accept', ids, targetPublicationId: ll.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(`第 ${items[0].serial} 号信息：所选刊物不是本办公室的在用刊物`);
    expect(await snapshots(ids)).toEqual(before);
  });
});
