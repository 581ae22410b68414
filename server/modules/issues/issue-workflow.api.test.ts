import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  issueFiles,
  items,
  portalQueue,
  publications,
  upperAdoptions,
  users,
} from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { ISSUE_LOCKED_EDIT } from '../items/commands/update-item.ts';
import { itemRow, makeItem, orgByCode, publicationByName, timeline } from '../items/test-factory.ts';
import { todayInChina } from '../orgs/fields.ts';
import { NOT_LAST } from './commands/delete-issue.ts';
import { EMPTY_ISSUE, UNLOCK_REASON } from './commands/transition-issue.ts';
import {
  createIssue,
  expectIssueRefused,
  getIssue,
  issueRow,
  move,
  putItems,
  setItems,
  transition,
} from './issues.test-support.ts';

let t: TestApp;
let editor: Session;
let editor2: Session;
let chief: Session;
let leader: Session;
let llEditor: Session;
let llChief: Session;
let reporter: Session;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  [editor, editor2, chief, leader, llEditor, llChief, reporter] = await Promise.all(
    ['editor', 'editor2', 'chief', 'leader', 'll_editor', 'll_chief', 'fy_czj_xxy'].map((u) =>
      login(t.app, u),
    ),
  );
  const rows = await t.database.db.select({ id: users.id, username: users.username }).from(users);
  ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
});
afterAll(() => t.close());

/** A fresh publication of 汾阳 (signed by the chief editor by default) so a test owns its numbers. */
async function newPublication(over: Partial<typeof publications.$inferInsert> = {}) {
  const fy = await orgByCode(t, 'fy');
  const [row] = await t.database.db
    .insert(publications)
    .values({
      officeId: fy.id,
      name: `测试刊物${randomUUID().slice(0, 8)}`,
      kind: '普刊',
      defaultSignerId: ids.chief,
      ...over,
    })
    .returning();
  return row;
}

/** A draft with accepted items of 汾阳 in it. */
async function draftWith(n: number, pubOver: Partial<typeof publications.$inferInsert> = {}) {
  const pub = await newPublication(pubOver);
  const list = await Promise.all(Array.from({ length: n }, () => makeItem(t, { status: 'accepted' })));
  let issue = await createIssue(editor, pub.id);
  if (n)
    issue = await setItems(
      editor,
      issue,
      list.map((i) => i.id),
    );
  return { pub, issue, items: list };
}

async function audits(targetId: string, action: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, targetId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}

describe('PUT /api/issues/:id/items', () => {
  it('refuses 401, 403 (role), 400 (body), 404 (other office) and 409 (stale) with nothing changed', async () => {
    const { issue } = await draftWith(0);
    const item = await makeItem(t, { status: 'accepted' });
    const url = `/api/issues/${issue.id}/items`;
    const body = { version: issue.version, items: [{ itemId: item.id, forPortal: false }] };
    expect((await anonymous(t.app, 'PUT', url, body)).statusCode).toBe(401);
    await expectIssueRefused(t, () => reporter.request('PUT', url, body), 403);
    await expectIssueRefused(t, () => leader.request('PUT', url, body), 403);
    await expectIssueRefused(t, () => editor.request('PUT', url, { items: body.items }), 400);
    await expectIssueRefused(
      t,
      () => editor.request('PUT', url, { version: issue.version, items: [...body.items, ...body.items] }),
      400,
      /同一条信息不能重复编入/,
    );
    await expectIssueRefused(t, () => llEditor.request('PUT', url, body), 404);
    await expectIssueRefused(t, () => editor.request('PUT', url, { ...body, version: 7 }), 409);
  });

  it('refuses items that are not accepted at this office, secret items in a public outlet, secret items for the portal', async () => {
    const { issue } = await draftWith(0);
    const submitted = await makeItem(t, { status: 'submitted', title: '尚未采用的信息' });
    await expectIssueRefused(
      t,
      () => putItems(editor, issue, [submitted.id]),
      409,
      '信息《尚未采用的信息》不是拟采用状态，不能编入刊物',
    );
    const other = await makeItem(t, { unit: 'fy', office: 'll', status: 'accepted' });
    await expectIssueRefused(t, () => putItems(editor, issue, [other.id]), 400);
    await expectIssueRefused(t, () => putItems(editor, issue, [randomUUID()]), 400);
    const secret = await makeItem(t, { status: 'accepted', secrecy: 'secret', title: '涉密信息' });
    await expectIssueRefused(
      t,
      () => putItems(editor, issue, [{ itemId: secret.id, forPortal: true }]),
      400,
      '秘密/机密信息不能推送政府网站',
    );
    const web = await draftWith(0, { kind: '互联网' });
    await expectIssueRefused(t, () => putItems(editor, web.issue, [secret.id]), 400, /不能编入公开刊物/);
    // An item already in another issue is no longer accepted.
    const first = await draftWith(1);
    await expectIssueRefused(t, () => putItems(editor, issue, [first.items[0].id]), 409, /不是拟采用状态/);
  });

  it('adds, reorders and removes items, moving each through its own timeline, one audit event per change', async () => {
    const { pub, issue, items: list } = await draftWith(2);
    const [a, b] = list;
    expect(issue.items.map((i) => i.itemId)).toEqual([a.id, b.id]);
    expect(issue.items[0]).toMatchObject({
      position: 1,
      status: 'in_issue',
      unitName: '财政局',
      forPortal: false,
    });
    expect((await itemRow(t, a.id)).status).toBe('in_issue');
    const added = (await timeline(t, a.id)).at(-1);
    expect(added).toMatchObject({ action: 'add_to_issue', fromStatus: 'accepted', toStatus: 'in_issue' });
    expect(added?.data).toEqual({ issueId: issue.id, label: issue.label, publicationName: pub.name });
    const c = await makeItem(t, { status: 'accepted' });
    const next = await setItems(editor2, issue, [c.id, { itemId: b.id, forPortal: true }]);
    expect(next.items.map((i) => [i.itemId, i.position, i.forPortal])).toEqual([
      [c.id, 1, false],
      [b.id, 2, true],
    ]);
    expect(next.version).toBe(issue.version + 1);
    expect((await itemRow(t, a.id)).status).toBe('accepted');
    expect((await timeline(t, a.id)).at(-1)).toMatchObject({
      action: 'remove_from_issue',
      toStatus: 'accepted',
    });
    const changes = await audits(issue.id, 'issue.items_changed');
    expect(changes).toHaveLength(2);
    expect(changes[1].diff).toMatchObject({ added: [c.title], removed: [a.title], forPortal: [b.title] });
    // The item detail names its issue.
    const detail = (await editor.request('GET', `/api/items/${b.id}`)).json();
    expect(detail.issue).toEqual({
      id: issue.id,
      label: issue.label,
      publicationName: pub.name,
      status: 'draft',
    });
    expect((await editor.request('GET', `/api/items/${a.id}`)).json().issue).toBeNull();
  });

  it('is not reachable through the item actions endpoint', async () => {
    const item = await makeItem(t, { status: 'accepted' });
    const before = await itemRow(t, item.id);
    for (const action of ['add_to_issue', 'remove_from_issue', 'publish']) {
      const res = await editor.request('POST', `/api/items/${item.id}/actions/${action}`, { version: 1 });
      expect(res.statusCode).toBe(400);
    }
    expect(await itemRow(t, item.id)).toEqual(before);
    const detail = (await editor.request('GET', `/api/items/${item.id}`)).json();
    expect(detail.actions).not.toContain('add_to_issue');
  });
});

describe('item edits inside an issue', () => {
  it('stay versioned while the issue is a draft and are refused once it is locked', async () => {
    const { issue, items: list } = await draftWith(1);
    const id = list[0].id;
    let item = (await editor.request('GET', `/api/items/${id}`)).json();
    expect(item.actions).toContain('edit');
    // The inbox offers the same 修改 as the item's page.
    const listed = async () =>
      (
        (await editor.request('GET', '/api/items?box=inbox&status=in_issue&pageSize=100')).json() as {
          items: { id: string; actions: string[] }[];
        }
      ).items.find((i) => i.id === id);
    expect((await listed())?.actions).toContain('edit');
    const res = await editor.request('PATCH', `/api/items/${id}`, {
      version: item.version,
      title: '修改后的标题：财政局扎实推进预算绩效管理工作',
      reason: '编辑加工',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ currentVersion: 2, version: item.version + 1 });
    const stale = await editor.request('PATCH', `/api/items/${id}`, {
      version: item.version,
      title: '又一个标题',
    });
    expect(stale.statusCode).toBe(409);
    const detail = await getIssue(editor, issue.id);
    expect(detail.items[0]).toMatchObject({
      title: '修改后的标题：财政局扎实推进预算绩效管理工作',
      currentVersion: 2,
    });
    await move(editor, detail, 'lock');
    item = (await editor.request('GET', `/api/items/${id}`)).json();
    expect(item.actions).not.toContain('edit');
    expect((await listed())?.actions).not.toContain('edit');
    expect(item.issue.status).toBe('locked');
    const before = await itemRow(t, id);
    const refused = await editor.request('PATCH', `/api/items/${id}`, {
      version: item.version,
      title: '定版后修改',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(ISSUE_LOCKED_EDIT);
    expect(await itemRow(t, id)).toEqual(before);
    // The writer still may not edit an item the office has taken; that is not about the issue.
    const own = await reporter.request('PATCH', `/api/items/${id}`, { version: item.version, title: 'x' });
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toMatch(/当前状态为“已编入刊物”/);
  });
});

describe('POST /api/issues/:id/transitions', () => {
  it('refuses 401, 403 (role), 400 (body), 404 (other office) in that order', async () => {
    const { issue } = await draftWith(1);
    const url = `/api/issues/${issue.id}/transitions`;
    expect((await anonymous(t.app, 'POST', url, { action: 'lock', version: 1 })).statusCode).toBe(401);
    await expectIssueRefused(t, () => reporter.request('POST', url, { action: 'lock', version: 1 }), 403);
    await expectIssueRefused(t, () => editor.request('POST', url, { action: 'approve', version: 1 }), 400);
    await expectIssueRefused(t, () => editor.request('POST', url, { action: 'lock' }), 400);
    await expectIssueRefused(t, () => llEditor.request('POST', url, { action: 'lock', version: 1 }), 404);
    await expectIssueRefused(t, () => llChief.request('POST', url, { action: 'unlock', version: 1 }), 404);
  });

  it('refuses to lock an empty issue, and a stale version', async () => {
    const { issue } = await draftWith(0);
    await expectIssueRefused(t, () => transition(editor, issue, 'lock'), 409, EMPTY_ISSUE);
    const full = await draftWith(1);
    await expectIssueRefused(
      t,
      () => transition(editor, { ...full.issue, version: 1 }, 'lock'),
      409,
      /已被他人修改/,
    );
  });

  it('re-checks secrecy at lock: a secret item in a public outlet, a secret item marked for the website', async () => {
    const web = await draftWith(1, { kind: '互联网' });
    const item = (await editor.request('GET', `/api/items/${web.items[0].id}`)).json();
    const edited = await editor.request('PATCH', `/api/items/${item.id}`, {
      version: item.version,
      secrecy: 'secret',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const issue = await getIssue(editor, web.issue.id);
    await expectIssueRefused(t, () => transition(editor, issue, 'lock'), 409, /不能在公开刊物/);

    const pub = await newPublication();
    const portalItem = await makeItem(t, { status: 'accepted' });
    let draft = await createIssue(editor, pub.id);
    draft = await setItems(editor, draft, [{ itemId: portalItem.id, forPortal: true }]);
    await t.database.db.update(items).set({ secrecy: 'confidential' }).where(eq(items.id, portalItem.id));
    await expectIssueRefused(t, () => transition(editor, draft, 'lock'), 409, /不能推送政府网站/);
  });

  it('locks, signs (the designated signer only, once), unlocks with a reason, and audits each step', async () => {
    let { issue } = await draftWith(2);
    await expectIssueRefused(t, () => transition(chief, issue, 'sign'), 409, /编辑中/);
    issue = await move(editor, issue, 'lock');
    expect(issue).toMatchObject({ status: 'locked', statusLabel: '已定版' });
    expect(issue.lockedAt).not.toBeNull();
    expect(issue.actions).toEqual(['generate']);
    expect((await getIssue(chief, issue.id)).actions).toEqual(['unlock', 'sign', 'generate']);
    await expectIssueRefused(t, () => transition(editor, issue, 'edit'), 400);
    await expectIssueRefused(t, () => putItems(editor, issue, []), 409, /已定版/);
    await expectIssueRefused(t, () => transition(editor, issue, 'sign'), 403);
    await expectIssueRefused(t, () => transition(editor, issue, 'publish'), 409);
    await expectIssueRefused(t, () => transition(editor, issue, 'unlock', { reason: '改稿' }), 403);
    await expectIssueRefused(t, () => transition(chief, issue, 'unlock'), 400, UNLOCK_REASON);

    issue = await move(chief, issue, 'sign');
    expect(issue).toMatchObject({
      status: 'signed',
      issueDate: todayInChina(),
      signedByName: '陈志强',
    });
    await expectIssueRefused(t, () => transition(chief, issue, 'sign'), 409, '本期刊物已签发，不能重复签发');

    issue = await move(chief, issue, 'unlock', { reason: '领导要求补充一条信息' });
    expect(issue).toMatchObject({
      status: 'draft',
      issueDate: null,
      signedByName: null,
      signedAt: null,
      lockedAt: null,
    });
    const row = await issueRow(t, issue.id);
    expect(row.signedById).toBeNull();
    const [unlocked] = await audits(issue.id, 'issue.unlocked');
    expect(unlocked.diff).toMatchObject({ reason: '领导要求补充一条信息', status: ['已签发', '编辑中'] });
    expect(await audits(issue.id, 'issue.locked')).toHaveLength(1);
    expect(await audits(issue.id, 'issue.signed')).toHaveLength(1);
  });

  it('lets only the designated 签发领导 sign', async () => {
    let { issue } = await draftWith(1);
    issue = (
      await editor.request('PATCH', `/api/issues/${issue.id}`, {
        version: issue.version,
        signerId: ids.leader,
      })
    ).json();
    issue = await move(editor, issue, 'lock');
    await expectIssueRefused(
      t,
      () => transition(chief, issue, 'sign'),
      403,
      '本期刊物须由指定的签发领导签发',
    );
    expect((await getIssue(leader, issue.id)).actions).toEqual(['sign']);
    issue = await move(leader, issue, 'sign');
    expect(issue.signedByName).toBe('郭振华');
    await expectIssueRefused(t, () => transition(leader, issue, 'publish'), 403);
  });
});

describe('publishing', () => {
  it('publishes the items, records adoptions, queues the website items, archives the DOCX, in one audited step', async () => {
    const { pub, issue: draft, items: list } = await draftWith(0);
    const a = await makeItem(t, { status: 'accepted' });
    const b = await makeItem(t, { status: 'accepted' });
    let issue = await setItems(editor, draft, [{ itemId: a.id, forPortal: true }, b.id]);
    issue = await move(editor, issue, 'lock');
    issue = await move(chief, issue, 'sign');
    expect(list).toEqual([]);
    const published = await move(editor2, issue, 'publish');
    expect(published).toMatchObject({ status: 'published', statusLabel: '已发布' });
    expect(published.publishedAt).not.toBeNull();
    expect(published.actions).toEqual(['generate', 'circulate']);
    expect(published.items.map((i) => [i.status, i.portalStatus])).toEqual([
      ['published', 'queued'],
      ['published', null],
    ]);
    for (const item of [a, b]) {
      expect((await itemRow(t, item.id)).status).toBe('published');
      const event = (await timeline(t, item.id)).find((e) => e.action === 'publish');
      expect(event).toMatchObject({ fromStatus: 'in_issue', toStatus: 'published' });
      expect(event?.data).toMatchObject({ label: issue.label, issueId: issue.id });
      const adoptions = await t.database.db
        .select()
        .from(upperAdoptions)
        .where(eq(upperAdoptions.itemId, item.id));
      expect(adoptions).toEqual([
        expect.objectContaining({
          publicationId: pub.id,
          adoptionKind: '全文采用',
          adoptedOn: issue.issueDate,
          issueLabel: issue.label,
          issueId: issue.id,
          recordedBy: ids.editor2,
          recordedByName: '刘晓燕',
        }),
      ]);
    }
    const [queued] = await t.database.db.select().from(portalQueue).where(eq(portalQueue.itemId, a.id));
    expect(queued).toMatchObject({ status: 'queued', issueId: issue.id, queuedById: ids.editor2 });
    const files = await t.database.db.select().from(issueFiles).where(eq(issueFiles.issueId, issue.id));
    expect(files).toEqual([expect.objectContaining({ kind: 'docx', final: true, issueStatus: 'published' })]);
    expect(published.files).toHaveLength(1);
    const [audit] = await audits(issue.id, 'issue.published');
    expect(audit.diff).toMatchObject({ published: 2, adoptions: 2, portalQueued: 1 });
    // Circulated to a leader, who reads it by opening it; the office sees when.
    const sent = await editor.request('POST', '/api/circulations', {
      issueId: issue.id,
      recipientIds: [ids.leader],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const read = await getIssue(leader, issue.id);
    expect(read).toMatchObject({ status: 'published', actions: [], circulation: [] });
    const [entry] = (await getIssue(editor, issue.id)).circulation;
    expect(entry).toMatchObject({ recipientName: '郭振华', sentByName: '张文秀' });
    expect(entry.readAt).not.toBeNull();
    // Nothing more to do to a published issue.
    await expectIssueRefused(t, () => transition(editor, published, 'publish'), 409);
    await expectIssueRefused(t, () => transition(chief, published, 'unlock', { reason: 'x' }), 409);
  });

  it('records the adoption on the lower office’s item a forwarded copy came from, keeping one registered by hand', async () => {
    const llPub = await publicationByName(t, '吕梁政务信息●普刊');
    const fyItem = await makeItem(t, { status: 'accepted' });
    const copy = await makeItem(t, {
      unit: 'fy',
      office: 'll',
      origin: 'fy_czj',
      status: 'accepted',
      targetPublication: llPub.name,
      forwardedFromId: fyItem.id,
      rootId: fyItem.id,
    });
    await t.database.db.update(items).set({ forwardedToId: copy.id }).where(eq(items.id, fyItem.id));
    const second = await makeItem(t, { unit: 'fy', office: 'll', status: 'accepted' });
    const fySecond = await makeItem(t, { status: 'accepted' });
    await t.database.db.update(items).set({ forwardedFromId: fySecond.id }).where(eq(items.id, second.id));
    await t.database.db.insert(upperAdoptions).values({
      itemId: fySecond.id,
      publicationId: llPub.id,
      adoptionKind: '摘要采用',
      adoptedOn: '2026-01-05',
      recordedByName: '张文秀',
    });

    let issue = await createIssue(llEditor, llPub.id);
    issue = await setItems(llEditor, issue, [copy.id, second.id]);
    issue = await move(llEditor, issue, 'lock');
    issue = await move(llChief, issue, 'sign');
    issue = await move(llEditor, issue, 'publish');
    const on = (itemId: string) =>
      t.database.db.select().from(upperAdoptions).where(eq(upperAdoptions.itemId, itemId));
    expect(await on(copy.id)).toEqual([
      expect.objectContaining({ issueId: issue.id, adoptionKind: '全文采用' }),
    ]);
    expect(await on(fyItem.id)).toEqual([
      expect.objectContaining({ publicationId: llPub.id, issueId: issue.id, issueLabel: issue.label }),
    ]);
    expect(await on(fySecond.id)).toEqual([
      expect.objectContaining({ adoptionKind: '摘要采用', issueId: null }),
    ]);
    // 汾阳 sees the adoption of what it forwarded.
    const seen = (await editor.request('GET', `/api/items/${fyItem.id}`)).json();
    expect(seen.adoptions.map((x: { publicationName: string }) => x.publicationName)).toContain(llPub.name);
  });

  it('does not count an office’s own publication as an upper adoption in the forwarded summary', async () => {
    const before = (await editor.request('GET', '/api/items/forwarded-summary')).json();
    const llPub = await publicationByName(t, '吕梁政务信息●普刊');
    const fyPub = await newPublication();
    const item = await makeItem(t, { status: 'accepted' });
    const copy = await makeItem(t, {
      unit: 'fy',
      office: 'll',
      status: 'accepted',
      forwardedFromId: item.id,
    });
    await t.database.db.update(items).set({ forwardedToId: copy.id }).where(eq(items.id, item.id));
    let issue = await createIssue(editor, fyPub.id);
    issue = await setItems(editor, issue, [item.id]);
    issue = await move(editor, issue, 'lock');
    issue = await move(chief, issue, 'sign');
    await move(editor, issue, 'publish');
    const own = await t.database.db.select().from(upperAdoptions).where(eq(upperAdoptions.itemId, item.id));
    expect(own).toHaveLength(1);
    const after = (await editor.request('GET', '/api/items/forwarded-summary')).json();
    expect(after.forwarded).toBe(before.forwarded + 1);
    expect(after.adopted).toBe(before.adopted);
    expect(after.adoptions).toBe(before.adoptions);
    expect(after.byPublication.some((p: { publicationId: string }) => p.publicationId === fyPub.id)).toBe(
      false,
    );
    // The office's lists do not call its own adoption an upper one; the unit's lists do, and the
    // item page shows it to both.
    type Row = { id: string; adoptionCount: number; adoptions: { publicationId: string }[] };
    const rowOf = async (s: Session, box: string) =>
      ((await s.request('GET', `/api/items?box=${box}&pageSize=100`)).json().items as Row[]).find(
        (r) => r.id === item.id,
      );
    expect(await rowOf(editor, 'forwarded')).toMatchObject({ adoptionCount: 0, adoptions: [] });
    const unitRow = await rowOf(reporter, 'mine');
    expect(unitRow?.adoptionCount).toBe(1);
    expect(unitRow?.adoptions.map((a) => a.publicationId)).toEqual([fyPub.id]);
    const page = (await editor.request('GET', `/api/items/${item.id}`)).json();
    expect(page.adoptions.map((a: { publicationName: string }) => a.publicationName)).toContain(fyPub.name);
    void llPub;
  });
});

describe('DELETE /api/issues/:id', () => {
  it('refuses 401, 403, 400, 404, and any draft but the last of its series', async () => {
    const { pub, issue: first, items: list } = await draftWith(1);
    const second = await createIssue(editor, pub.id);
    expect((await anonymous(t.app, 'DELETE', `/api/issues/${first.id}?version=1`)).statusCode).toBe(401);
    await expectIssueRefused(t, () => leader.request('DELETE', `/api/issues/${first.id}?version=1`), 403);
    await expectIssueRefused(t, () => editor.request('DELETE', `/api/issues/${first.id}`), 400);
    await expectIssueRefused(t, () => llEditor.request('DELETE', `/api/issues/${first.id}?version=2`), 404);
    await expectIssueRefused(
      t,
      () => editor.request('DELETE', `/api/issues/${first.id}?version=${first.version}`),
      409,
      NOT_LAST,
    );
    await expectIssueRefused(t, () => editor.request('DELETE', `/api/issues/${second.id}?version=9`), 409);
    const res = await editor.request('DELETE', `/api/issues/${second.id}?version=${second.version}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await issueRow(t, second.id)).toBeUndefined();
    expect(await audits(second.id, 'issue.deleted')).toHaveLength(1);
    // Now the first is the last: deleting it sends its item back to the adoption queue.
    const gone = await editor.request('DELETE', `/api/issues/${first.id}?version=${first.version}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await itemRow(t, list[0].id)).status).toBe('accepted');
    expect((await timeline(t, list[0].id)).at(-1)).toMatchObject({ action: 'remove_from_issue' });
    // The number is free again.
    expect((await createIssue(editor, pub.id)).number).toBe(1);
  });

  it('refuses a locked issue', async () => {
    let { issue } = await draftWith(1);
    issue = await move(editor, issue, 'lock');
    await expectIssueRefused(
      t,
      () => editor.request('DELETE', `/api/issues/${issue.id}?version=${issue.version}`),
      409,
    );
  });
});
