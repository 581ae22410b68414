import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, circulations, users } from '../../db/schema/index.ts';
import { actorOf, anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { findIssueForActor } from '../issues/repository.ts';
import { findItemForActor } from '../items/repository.ts';
import { makeItem, orgByCode, timeline } from '../items/test-factory.ts';
import { makeIssue, makeLeader, tally } from './circulation.test-support.ts';
import { listCirculation } from './list-circulation.ts';
import { markReadOnOpen } from './mark-read.ts';

let t: TestApp;
let editor: Session;
let chief: Session;
let leader: Session;
let leader2: Session;
let inbox: Session;
let llEditor: Session;
let reporter: Session;
const ids: Record<string, string> = {};
const names: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await makeLeader(t, 'leader2', 'fy');
  await makeLeader(t, 'reader', 'fy');
  await makeLeader(t, 'inbox', 'fy');
  await makeLeader(t, 'll_leader', 'll');
  await makeLeader(t, 'retired', 'fy', false);
  for (const u of await t.database.db.select().from(users)) {
    ids[u.username] = u.id;
    names[u.username] = u.displayName;
  }
  [editor, chief, leader, leader2, inbox, llEditor, reporter] = await Promise.all(
    ['editor', 'chief', 'leader', 'leader2', 'inbox', 'll_editor', 'fy_czj_xxy'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

const NOT_LEADERS = '传阅对象必须是本办公室的领导';

/** Sends a request that must be refused and checks it changed nothing. */
async function refused(
  send: () => Promise<{ statusCode: number; body: string; json(): { message: string } }>,
  status: number,
  message?: string,
) {
  const before = await tally(t);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  if (message) expect(res.json().message).toBe(message);
  expect(await tally(t)).toEqual(before);
}

const circulate = (s: Session, body: Record<string, unknown>) => s.request('POST', '/api/circulations', body);

async function sentAudits(targetId: string, action = 'circulation.sent') {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, targetId), eq(auditEvents.action, action)));
}

describe('POST /api/circulations', () => {
  it('needs a session, an office editing role and a well-formed body', async () => {
    const item = await makeItem(t, { status: 'published' });
    const ok = { itemId: item.id, recipientIds: [ids.leader] };
    await refused(() => anonymous(t.app, 'POST', '/api/circulations', ok), 401);
    await refused(() => circulate(reporter, ok), 403);
    await refused(() => circulate(leader, ok), 403);
    await refused(() => circulate(editor, {}), 400);
    await refused(() => circulate(editor, { itemId: item.id }), 400);
    await refused(() => circulate(editor, { itemId: item.id, recipientIds: [] }), 400);
    await refused(() => circulate(editor, { recipientIds: [ids.leader] }), 400);
    await refused(() => circulate(editor, { ...ok, issueId: randomUUID() }), 400);
    await refused(() => circulate(editor, { itemId: 'x', recipientIds: [ids.leader] }), 400);
    await refused(() => circulate(editor, { ...ok, note: 'x'.repeat(501) }), 400);
  });

  it('circulates a published issue to leaders of the office, each of them once', async () => {
    const a = await makeItem(t, { status: 'published' });
    const issue = await makeIssue(t, { itemIds: [a.id] });
    const res = await circulate(editor, {
      issueId: issue.id,
      recipientIds: [ids.leader, ids.leader2, ids.leader],
      note: '  请阅示  ',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 2, skipped: 0, skippedNames: [] });

    const again = await circulate(chief, { issueId: issue.id, recipientIds: [ids.leader, ids.reader] });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual({ created: 1, skipped: 1, skippedNames: [names.leader] });

    const nothingNew = await circulate(editor, { issueId: issue.id, recipientIds: [ids.leader] });
    expect(nothingNew.json()).toMatchObject({ created: 0, skipped: 1 });
    expect(await sentAudits(issue.id)).toHaveLength(2);

    const list = await editor.request('GET', `/api/circulations?issueId=${issue.id}`);
    expect(list.statusCode, list.body).toBe(200);
    const entries = list.json();
    expect(entries.map((e: { recipientId: string }) => e.recipientId).sort()).toEqual(
      [ids.leader, ids.leader2, ids.reader].sort(),
    );
    const toLeader2 = entries.find((e: { recipientId: string }) => e.recipientId === ids.leader2);
    expect(toLeader2).toEqual({
      id: expect.any(String),
      recipientId: ids.leader2,
      recipientName: '测试leader2',
      sentByName: names.editor,
      sentAt: expect.any(String),
      readAt: null,
      note: '请阅示',
    });
    expect(await listCirculation(t.database.db, { issueId: issue.id })).toEqual(entries);
  });

  it('refuses anyone but active leaders of the circulating office, changing nothing', async () => {
    const issue = await makeIssue(t);
    const send = (recipientIds: string[]) => () => circulate(editor, { issueId: issue.id, recipientIds });
    await refused(send([ids.editor]), 400, NOT_LEADERS);
    await refused(send([ids.ll_leader]), 400, NOT_LEADERS);
    await refused(send([ids.retired]), 400, NOT_LEADERS);
    await refused(send([ids.leader, ids.editor]), 400, NOT_LEADERS);
    await refused(send([randomUUID()]), 400, NOT_LEADERS);
  });

  it('circulates only a published issue, and only of the caller’s office', async () => {
    const draft = await makeIssue(t, { status: 'draft' });
    const signed = await makeIssue(t, { status: 'signed' });
    const published = await makeIssue(t);
    const to = [ids.leader];
    await refused(
      () => circulate(editor, { issueId: draft.id, recipientIds: to }),
      409,
      '只有已发布的刊物才能传阅',
    );
    await refused(
      () => circulate(editor, { issueId: signed.id, recipientIds: to }),
      409,
      '只有已发布的刊物才能传阅',
    );
    await refused(() => circulate(llEditor, { issueId: published.id, recipientIds: to }), 404);
    await refused(() => circulate(editor, { issueId: randomUUID(), recipientIds: to }), 404);
    // Scope (404) comes before state (409), so another office learns nothing about a draft.
    await refused(() => circulate(llEditor, { issueId: draft.id, recipientIds: to }), 404);
  });

  it('circulates an item the office has taken, and notes it on the item’s timeline', async () => {
    const accepted = await makeItem(t, { status: 'accepted' });
    const res = await circulate(chief, { itemId: accepted.id, recipientIds: [ids.leader2], note: '请阅' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 1, skipped: 0 });
    const events = (await timeline(t, accepted.id)).filter((e) => e.action === 'circulate');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: '请阅', data: { recipients: ['测试leader2'], skipped: [] } });
    expect(await sentAudits(accepted.id)).toHaveLength(1);

    const submitted = await makeItem(t, { status: 'submitted' });
    await refused(
      () => circulate(editor, { itemId: submitted.id, recipientIds: [ids.leader] }),
      409,
      '只有已采用的信息才能传阅',
    );
    await refused(() => circulate(llEditor, { itemId: accepted.id, recipientIds: [ids.leader] }), 404);
    // 汾阳 reads the copy it forwarded to 吕梁, but that copy is 吕梁's to circulate.
    const upper = await makeItem(t, { unit: 'fy', office: 'll', origin: 'fy_czj', status: 'accepted' });
    await refused(
      () => circulate(editor, { itemId: upper.id, recipientIds: [ids.leader] }),
      403,
      '只能传阅本办公室的刊物和信息',
    );
  });
});

describe('GET /api/circulations (传阅情况)', () => {
  it('is for the office staff of the subject’s office', async () => {
    const issue = await makeIssue(t);
    const upper = await makeItem(t, { unit: 'fy', office: 'll', origin: 'fy_czj', status: 'accepted' });
    expect((await anonymous(t.app, 'GET', `/api/circulations?issueId=${issue.id}`)).statusCode).toBe(401);
    expect((await leader.request('GET', `/api/circulations?issueId=${issue.id}`)).statusCode).toBe(403);
    expect((await reporter.request('GET', `/api/circulations?issueId=${issue.id}`)).statusCode).toBe(403);
    expect((await editor.request('GET', '/api/circulations')).statusCode).toBe(400);
    expect((await editor.request('GET', '/api/circulations?issueId=x')).statusCode).toBe(400);
    expect(
      (await editor.request('GET', `/api/circulations?issueId=${issue.id}&itemId=${upper.id}`)).statusCode,
    ).toBe(400);
    expect((await llEditor.request('GET', `/api/circulations?issueId=${issue.id}`)).statusCode).toBe(404);
    expect((await editor.request('GET', `/api/circulations?itemId=${upper.id}`)).statusCode).toBe(403);
    const mine = await editor.request('GET', `/api/circulations?issueId=${issue.id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toEqual([]);
  });
});

describe('GET /api/circulations/recipients', () => {
  it('lists the active leaders of the caller’s office', async () => {
    expect((await anonymous(t.app, 'GET', '/api/circulations/recipients')).statusCode).toBe(401);
    expect((await leader.request('GET', '/api/circulations/recipients')).statusCode).toBe(403);
    expect((await reporter.request('GET', '/api/circulations/recipients')).statusCode).toBe(403);
    expect((await editor.request('GET', '/api/circulations/recipients?officeId=fy')).statusCode).toBe(400);
    const ll = await orgByCode(t, 'll');
    const fy = await orgByCode(t, 'fy');
    expect((await editor.request('GET', `/api/circulations/recipients?officeId=${ll.id}`)).statusCode).toBe(
      403,
    );

    const res = await editor.request('GET', '/api/circulations/recipients');
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json() as { id: string; displayName: string }[];
    expect(got.map((r) => r.id).sort()).toEqual([ids.leader, ids.leader2, ids.reader, ids.inbox].sort());
    expect(got.find((r) => r.id === ids.reader)).toEqual({ id: ids.reader, displayName: '测试reader' });
    expect((await chief.request('GET', `/api/circulations/recipients?officeId=${fy.id}`)).json()).toEqual(
      got,
    );
    const llList = await llEditor.request('GET', '/api/circulations/recipients');
    expect(llList.json()).toEqual([{ id: ids.ll_leader, displayName: '测试ll_leader' }]);
  });
});

describe('leaders read what was circulated to them', () => {
  it('reads an item circulated directly or inside an issue, and nothing else', async () => {
    const direct = await makeItem(t, { status: 'accepted' });
    const printed = await makeItem(t, { status: 'published' });
    const other = await makeItem(t, { status: 'published' });
    const issue = await makeIssue(t, { itemIds: [printed.id] });
    const asLeader = await actorOf(t, 'leader');
    const asLeader2 = await actorOf(t, 'leader2');
    const db = t.database.db;
    const notFound = { statusCode: 404 };

    await expect(findItemForActor(db, asLeader, direct.id)).rejects.toMatchObject(notFound);
    await expect(findItemForActor(db, asLeader, printed.id)).rejects.toMatchObject(notFound);
    await expect(findIssueForActor(db, asLeader, issue.id)).rejects.toMatchObject(notFound);

    expect((await circulate(editor, { itemId: direct.id, recipientIds: [ids.leader] })).statusCode).toBe(201);
    expect((await circulate(editor, { issueId: issue.id, recipientIds: [ids.leader] })).statusCode).toBe(201);

    expect((await findItemForActor(db, asLeader, direct.id)).id).toBe(direct.id);
    expect((await findItemForActor(db, asLeader, printed.id)).id).toBe(printed.id);
    expect((await findIssueForActor(db, asLeader, issue.id)).id).toBe(issue.id);
    await expect(findItemForActor(db, asLeader, other.id)).rejects.toMatchObject(notFound);
    await expect(findItemForActor(db, asLeader2, direct.id)).rejects.toMatchObject(notFound);
    await expect(findItemForActor(db, asLeader2, printed.id)).rejects.toMatchObject(notFound);
  });
  it('opens a circulated item through the items API, which records the first read time only', async () => {
    const item = await makeItem(t, { status: 'accepted' });
    expect((await leader.request('GET', `/api/items/${item.id}`)).statusCode).toBe(404);
    expect((await circulate(editor, { itemId: item.id, recipientIds: [ids.leader] })).statusCode).toBe(201);
    const opened = await leader.request('GET', `/api/items/${item.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ id: item.id, actions: [] });
    expect(opened.json().timeline.map((e: { actionLabel: string }) => e.actionLabel)).toContain('传阅');
    const entries = async () =>
      (await editor.request('GET', `/api/circulations?itemId=${item.id}`)).json() as {
        readAt: string | null;
      }[];
    const [first] = await entries();
    expect(first?.readAt).toBeTruthy();
    await leader.request('GET', `/api/items/${item.id}`);
    expect((await entries())[0]?.readAt).toBe(first?.readAt);
    expect((await leader2.request('GET', `/api/items/${item.id}`)).statusCode).toBe(404);
    // Reading is not editing: the leader's PATCH is refused by role.
    const patch = await leader.request('PATCH', `/api/items/${item.id}`, { version: 1, title: '改' });
    expect(patch.statusCode).toBe(403);
  });
  it('opens a circulated issue through the issues API; another leader gets 404', async () => {
    const item = await makeItem(t, { status: 'published' });
    const issue = await makeIssue(t, { itemIds: [item.id] });
    expect((await leader.request('GET', `/api/issues/${issue.id}`)).statusCode).toBe(404);
    expect((await circulate(editor, { issueId: issue.id, recipientIds: [ids.leader] })).statusCode).toBe(201);
    const seen = await leader.request('GET', `/api/issues/${issue.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ id: issue.id, status: 'published' });
    expect((await leader2.request('GET', `/api/issues/${issue.id}`)).statusCode).toBe(404);
  });
});

describe('GET /api/circulations/mine (传阅件)', () => {
  it('lists the leader’s 传阅件, unread first and then newest, with the unread count', async () => {
    const solo = await makeItem(t, { status: 'published', title: '单独传阅的信息' });
    const inIssue = [];
    for (const title of ['第一条', '第二条', '第三条', '第四条']) {
      inIssue.push(await makeItem(t, { status: 'published', title }));
    }
    const issue = await makeIssue(t, { itemIds: inIssue.map((i) => i.id) });
    const later = await makeItem(t, { status: 'accepted', title: '最后传阅的信息' });
    for (const body of [{ itemId: solo.id, note: '请阅' }, { issueId: issue.id }, { itemId: later.id }]) {
      const res = await circulate(editor, { ...body, recipientIds: [ids.inbox] });
      expect(res.statusCode, res.body).toBe(201);
    }

    expect((await anonymous(t.app, 'GET', '/api/circulations/mine')).statusCode).toBe(401);
    expect((await editor.request('GET', '/api/circulations/mine')).statusCode).toBe(403);
    expect((await inbox.request('GET', '/api/circulations/mine?unread=yes')).statusCode).toBe(400);
    expect((await inbox.request('GET', '/api/circulations/mine?pageSize=0')).statusCode).toBe(400);

    const res = await inbox.request('GET', '/api/circulations/mine');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ unread: 3, all: 3 });
    expect(body.total).toBe(3);
    expect(body.items.map((c: { title: string }) => c.title)).toEqual([
      '最后传阅的信息',
      `《汾阳政务信息》${issue.label}：第一条；第二条；第三条`,
      '单独传阅的信息',
    ]);
    expect(body.items[1]).toEqual({
      id: expect.any(String),
      kind: 'issue',
      issueId: issue.id,
      itemId: null,
      title: `《汾阳政务信息》${issue.label}：第一条；第二条；第三条`,
      label: issue.label,
      publicationName: '汾阳政务信息',
      firstItemTitles: ['第一条', '第二条', '第三条'],
      officeName: '汾阳市人民政府办公室',
      sentByName: names.editor,
      sentAt: expect.any(String),
      readAt: null,
      note: null,
      actions: ['read'],
    });
    expect(body.items[2]).toMatchObject({
      kind: 'item',
      itemId: solo.id,
      issueId: null,
      note: '请阅',
      label: null,
    });

    const newest = body.items[0];
    const read = await inbox.request('POST', `/api/circulations/${newest.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    const after = (await inbox.request('GET', '/api/circulations/mine')).json();
    expect(after.items.map((c: { id: string }) => c.id)).toEqual([
      body.items[1].id,
      body.items[2].id,
      newest.id,
    ]);
    expect(after.items[2]).toMatchObject({ readAt: read.json().readAt, actions: [] });
    expect(after.counts).toEqual({ unread: 2, all: 3 });

    const unread = (await inbox.request('GET', '/api/circulations/mine?unread=true')).json();
    expect(unread.items.map((c: { id: string }) => c.id)).toEqual([body.items[1].id, body.items[2].id]);
    expect(unread.total).toBe(2);
    const paged = (await inbox.request('GET', '/api/circulations/mine?pageSize=1&page=2')).json();
    expect(paged.items.map((c: { id: string }) => c.id)).toEqual([body.items[2].id]);

    // Another leader's list does not show them.
    const others = (await leader2.request('GET', '/api/circulations/mine')).json();
    expect(others.items.map((c: { id: string }) => c.id)).not.toContain(newest.id);
  });
});

describe('POST /api/circulations/:id/read', () => {
  it('keeps the first read time, for the recipient only', async () => {
    const item = await makeItem(t, { status: 'published' });
    await circulate(editor, { itemId: item.id, recipientIds: [ids.leader, ids.leader2] });
    const [mine] = await t.database.db
      .select()
      .from(circulations)
      .where(and(eq(circulations.itemId, item.id), eq(circulations.recipientId, ids.leader)));

    await refused(() => anonymous(t.app, 'POST', `/api/circulations/${mine.id}/read`), 401);
    await refused(() => editor.request('POST', `/api/circulations/${mine.id}/read`), 403);
    await refused(() => leader.request('POST', '/api/circulations/abc/read'), 400);
    await refused(
      () => leader2.request('POST', `/api/circulations/${mine.id}/read`),
      404,
      '传阅件不存在或您无权查看',
    );
    await refused(() => leader.request('POST', `/api/circulations/${randomUUID()}/read`), 404);

    const first = await leader.request('POST', `/api/circulations/${mine.id}/read`);
    expect(first.statusCode, first.body).toBe(200);
    const readAt = first.json().readAt;
    expect(new Date(readAt).getTime()).toBeGreaterThan(mine.sentAt.getTime() - 1);
    const audits = await sentAudits(item.id, 'circulation.read');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ targetType: 'item', actorName: expect.stringContaining('leader') });

    const second = await leader.request('POST', `/api/circulations/${mine.id}/read`);
    expect(second.json()).toEqual({ readAt });
    expect(await sentAudits(item.id, 'circulation.read')).toHaveLength(1);

    const entries = await listCirculation(t.database.db, { itemId: item.id });
    expect(entries.find((e) => e.recipientId === ids.leader)?.readAt).toBe(readAt);
    expect(entries.find((e) => e.recipientId === ids.leader2)?.readAt).toBeNull();
  });
});

describe('markReadOnOpen', () => {
  it('marks the opener’s circulation read once and leaves everyone else’s alone', async () => {
    const item = await makeItem(t, { status: 'published' });
    const issue = await makeIssue(t, { itemIds: [item.id] });
    await circulate(editor, { issueId: issue.id, recipientIds: [ids.leader, ids.leader2] });
    const db = t.database.db;
    const readTimes = async () =>
      Object.fromEntries(
        (await listCirculation(db, { issueId: issue.id })).map((e) => [e.recipientId, e.readAt]),
      );

    const before = await tally(t);
    await markReadOnOpen(db, await actorOf(t, 'editor'), { issueId: issue.id });
    await markReadOnOpen(db, await actorOf(t, 'reader'), { issueId: issue.id });
    // Opening an item of the issue is not opening the issue.
    await markReadOnOpen(db, await actorOf(t, 'leader'), { itemId: item.id });
    expect(await tally(t)).toEqual(before);

    await markReadOnOpen(db, await actorOf(t, 'leader'), { issueId: issue.id });
    const once = await readTimes();
    expect(once[ids.leader]).toEqual(expect.any(String));
    expect(once[ids.leader2]).toBeNull();
    await markReadOnOpen(db, await actorOf(t, 'leader'), { issueId: issue.id });
    expect(await readTimes()).toEqual(once);
    const audits = await sentAudits(issue.id, 'circulation.read');
    expect(audits).toHaveLength(1);
    expect(audits[0].targetLabel).toBe(`《汾阳政务信息》${issue.label}`);
  });
});

// The refusal of `retired` above (and its absence from the recipients) means something only if it is stopped.
it('has a stopped leader account in the fixture', async () => {
  const [row] = await t.database.db.select().from(users).where(eq(users.id, ids.retired));
  expect(row.active).toBe(false);
});
