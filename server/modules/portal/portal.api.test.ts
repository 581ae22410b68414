import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, portalQueue } from '../../db/schema/index.ts';
import { auditContextOf } from '../../lib/actor.ts';
import { actorOf, anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { makeIssue, tally } from '../circulation/circulation.test-support.ts';
import { makeItem, orgByCode, timeline } from '../items/test-factory.ts';
import { queueForPortal } from './queue.ts';

let t: TestApp;
let editor: Session;
let chief: Session;
let leader: Session;
let llEditor: Session;
let reporter: Session;

beforeAll(async () => {
  t = await createTestApp();
  [editor, chief, leader, llEditor, reporter] = await Promise.all(
    ['editor', 'chief', 'leader', 'll_editor', 'fy_czj_xxy'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

const SECRET = '秘密/机密信息不能推送政府网站';

type Res = { statusCode: number; body: string; json(): { message: string } };

/** Sends a request that must be refused and checks it changed nothing. */
async function refused(send: () => Promise<Res>, status: number, message?: string) {
  const before = await tally(t);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  if (message) expect(res.json().message).toBe(message);
  expect(await tally(t)).toEqual(before);
}

const queue = (s: Session, itemId: unknown) => s.request('POST', '/api/portal-queue', { itemId });
const withdraw = (s: Session, id: number | string, body: Record<string, unknown>) =>
  s.request('POST', `/api/portal-queue/${id}/withdraw`, body);

async function queued(s: Session = editor) {
  const item = await makeItem(t, { status: 'published' });
  const res = await queue(s, item.id);
  expect(res.statusCode, res.body).toBe(201);
  return { item, entry: res.json() };
}

describe('POST /api/portal-queue', () => {
  it('needs a session, an office editing role and an item id', async () => {
    const item = await makeItem(t, { status: 'published' });
    await refused(() => anonymous(t.app, 'POST', '/api/portal-queue', { itemId: item.id }), 401);
    await refused(() => queue(reporter, item.id), 403);
    await refused(() => queue(leader, item.id), 403);
    await refused(() => editor.request('POST', '/api/portal-queue', {}), 400);
    await refused(() => queue(editor, 'x'), 400);
  });

  it('queues a published 普通 item of the office, once', async () => {
    const item = await makeItem(t, { status: 'published' });
    const portalOf = async () => (await editor.request('GET', `/api/items/${item.id}`)).json().portal;
    expect(await portalOf()).toBeNull();
    const res = await queue(editor, item.id);
    expect(res.statusCode, res.body).toBe(201);
    const czj = await orgByCode(t, 'fy_czj');
    expect(res.json()).toEqual({
      id: expect.any(Number),
      itemId: item.id,
      serial: item.serial,
      title: item.title,
      unitName: czj.shortName,
      issueId: null,
      issueLabel: null,
      publicationName: null,
      status: 'queued',
      statusLabel: '待网站发布',
      queuedByName: expect.any(String),
      queuedAt: expect.any(String),
      withdrawnReason: null,
      withdrawnAt: null,
      postedAt: null,
      version: 1,
      actions: ['withdraw'],
    });
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, item.id), eq(auditEvents.action, 'portal.queued')));
    expect(audits).toHaveLength(1);
    expect((await timeline(t, item.id)).map((e) => e.action)).toEqual(['portal_queued']);
    expect(await portalOf()).toEqual({ status: 'queued', statusLabel: '待网站发布' });
    await refused(() => queue(chief, item.id), 409, '该信息已在网站推送队列中');
  });

  it('names the issue the item was published in', async () => {
    const item = await makeItem(t, { status: 'published' });
    const issue = await makeIssue(t, { itemIds: [item.id] });
    const res = await queue(chief, item.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      issueId: issue.id,
      issueLabel: issue.label,
      publicationName: '汾阳政务信息',
    });
  });

  it('refuses what is not published, secret, another office’s or unknown, changing nothing', async () => {
    for (const status of ['accepted', 'in_issue', 'submitted'] as const) {
      const item = await makeItem(t, { status });
      await refused(() => queue(editor, item.id), 409, '只有已发布的信息才能推送网站');
    }
    for (const secrecy of ['secret', 'confidential'] as const) {
      const item = await makeItem(t, { status: 'published', secrecy });
      await refused(() => queue(editor, item.id), 400, SECRET);
    }
    const fyItem = await makeItem(t, { status: 'published' });
    await refused(() => queue(llEditor, fyItem.id), 404);
    await refused(() => queue(editor, randomUUID()), 404);
    // 汾阳 reads the copy it forwarded to 吕梁, but only 吕梁 may put it on a website.
    const upper = await makeItem(t, { unit: 'fy', office: 'll', origin: 'fy_czj', status: 'published' });
    await refused(() => queue(editor, upper.id), 403, '只能推送本办公室的信息');
    const own = await queue(llEditor, upper.id);
    expect(own.statusCode, own.body).toBe(201);
  });
});

describe('POST /api/portal-queue/:id/withdraw', () => {
  it('needs a session, an office editing role and a version', async () => {
    const { entry } = await queued();
    const ok = { reason: '内容需更新', version: entry.version };
    await refused(() => anonymous(t.app, 'POST', `/api/portal-queue/${entry.id}/withdraw`, ok), 401);
    await refused(() => withdraw(reporter, entry.id, ok), 403);
    await refused(() => withdraw(leader, entry.id, ok), 403);
    await refused(() => withdraw(editor, 'abc', ok), 400);
    await refused(() => withdraw(editor, entry.id, { reason: '内容需更新' }), 400);
    await refused(() => withdraw(editor, entry.id, { ...ok, version: 'x' }), 400);
    await refused(() => withdraw(editor, entry.id, { ...ok, reason: 'x'.repeat(501) }), 400);
  });

  it('withdraws a queued entry with a reason, versioned', async () => {
    const { item, entry } = await queued();
    await refused(() => withdraw(llEditor, entry.id, { reason: '撤回', version: 1 }), 404);
    await refused(() => withdraw(editor, 999_999, { reason: '撤回', version: 1 }), 404);
    await refused(
      () => withdraw(editor, entry.id, { reason: '撤回', version: 2 }),
      409,
      '该记录已被他人修改，请刷新后重试',
    );
    await refused(() => withdraw(editor, entry.id, { version: 1 }), 400, '请填写撤回原因');
    await refused(() => withdraw(editor, entry.id, { reason: '   ', version: 1 }), 400, '请填写撤回原因');

    const res = await withdraw(chief, entry.id, { reason: ' 数据待核实 ', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: entry.id,
      status: 'withdrawn',
      statusLabel: '已撤回',
      withdrawnReason: '数据待核实',
      withdrawnAt: expect.any(String),
      version: 2,
      actions: [],
    });
    const events = await timeline(t, item.id);
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ['portal_queued', null],
      ['portal_withdrawn', '数据待核实'],
    ]);
    await refused(
      () => withdraw(editor, entry.id, { reason: '再撤', version: 2 }),
      409,
      '该信息的网站推送已撤回',
    );

    // Queued again by hand: the same row, back to queued, with the withdrawal cleared.
    const again = await queue(editor, item.id);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ id: entry.id, status: 'queued', withdrawnReason: null, version: 3 });
  });

  it('cannot withdraw what the portal has posted', async () => {
    const { item, entry } = await queued();
    await t.database.db
      .update(portalQueue)
      .set({ status: 'posted', postedAt: new Date() })
      .where(eq(portalQueue.id, entry.id));
    await refused(
      () => withdraw(editor, entry.id, { reason: '撤回', version: 1 }),
      409,
      '该信息已在政府网站发布，不能撤回',
    );
    await refused(() => queue(editor, item.id), 409, '该信息已在政府网站发布');
  });
});

describe('GET /api/portal-queue', () => {
  it('lists the office’s hand-offs by status, newest first', async () => {
    const fresh = await createTestApp();
    try {
      const [ed, ll] = await Promise.all(['editor', 'll_editor'].map((u) => login(fresh.app, u)));
      expect((await anonymous(fresh.app, 'GET', '/api/portal-queue')).statusCode).toBe(401);
      const asLeader = await login(fresh.app, 'leader');
      expect((await asLeader.request('GET', '/api/portal-queue')).statusCode).toBe(403);
      expect((await ed.request('GET', '/api/portal-queue?status=bad')).statusCode).toBe(400);
      expect((await ed.request('GET', '/api/portal-queue?pageSize=500')).statusCode).toBe(400);

      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const item = await makeItem(fresh, { status: 'published' });
        const res = await ed.request('POST', '/api/portal-queue', { itemId: item.id });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      const w = await ed.request('POST', `/api/portal-queue/${ids[0]}/withdraw`, {
        reason: '撤回',
        version: 1,
      });
      expect(w.statusCode, w.body).toBe(200);

      const all = await ed.request('GET', '/api/portal-queue');
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json()).toMatchObject({
        total: 3,
        page: 1,
        pageSize: 50,
        counts: { queued: 2, withdrawn: 1, posted: 0 },
      });
      expect(all.json().items.map((e: { id: number }) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
      const q = (await ed.request('GET', '/api/portal-queue?status=queued')).json();
      expect(q.items.map((e: { id: number }) => e.id)).toEqual([ids[2], ids[1]]);
      expect(q.total).toBe(2);
      const wd = (await ed.request('GET', '/api/portal-queue?status=withdrawn')).json();
      expect(wd.items.map((e: { id: number; withdrawnReason: string }) => [e.id, e.withdrawnReason])).toEqual(
        [[ids[0], '撤回']],
      );
      const page2 = (await ed.request('GET', '/api/portal-queue?pageSize=2&page=2')).json();
      expect(page2.items.map((e: { id: number }) => e.id)).toEqual([ids[0]]);
      const other = (await ll.request('GET', '/api/portal-queue')).json();
      expect(other).toMatchObject({ items: [], total: 0, counts: { queued: 0, withdrawn: 0, posted: 0 } });
    } finally {
      await fresh.close();
    }
  });
});

describe('queueForPortal (used by publishing an issue)', () => {
  it('applies the secrecy rule and leaves an entry already there alone', async () => {
    const fy = await orgByCode(t, 'fy');
    const actor = await actorOf(t, 'editor');
    const audit = auditContextOf(actor, null, null);
    const secret = await makeItem(t, { status: 'published', secrecy: 'secret' });
    const plain = await makeItem(t, { status: 'published' });
    const issue = await makeIssue(t, { itemIds: [secret.id, plain.id] });
    const db = t.database.db;

    const before = await tally(t);
    await expect(
      db.transaction((tx) =>
        queueForPortal(tx, actor, audit, { itemId: secret.id, issueId: issue.id, officeId: fy.id }),
      ),
    ).rejects.toMatchObject({ statusCode: 400, message: SECRET });
    expect(await tally(t)).toEqual(before);

    const entry = { itemId: plain.id, issueId: issue.id, officeId: fy.id };
    expect(await db.transaction((tx) => queueForPortal(tx, actor, audit, entry))).toBe('queued');
    expect(await db.transaction((tx) => queueForPortal(tx, actor, audit, entry))).toBe('already');
    const rows = await db.select().from(portalQueue).where(eq(portalQueue.itemId, plain.id));
    expect(rows).toMatchObject([{ status: 'queued', issueId: issue.id, officeId: fy.id, version: 1 }]);
    const list = (await editor.request('GET', '/api/portal-queue?status=queued')).json();
    expect(list.items.find((e: { itemId: string }) => e.itemId === plain.id)).toMatchObject({
      issueLabel: issue.label,
      publicationName: '汾阳政务信息',
    });
  });
});
