import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryEntries, items } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import {
  accountIn,
  auditRows,
  createDraft,
  get,
  itemInput,
  itemRow,
  orgByCode,
  submitThroughUnit,
  versionRows,
} from './items.test-support.ts';
import type { ItemDetail } from './schemas.ts';

let t: TestApp;
let reporter: Session; // 发改局 信息员
let signer: Session; // 发改局 签发人
let otherReporter: Session; // 水务局 信息员
let editor: Session;
let editor2: Session;
let llEditor: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [reporter, signer, otherReporter, editor, editor2, llEditor, admin] = await Promise.all(
    ['fy_fgj_xxy', 'fy_fgj_qf', 'fy_swj_xxy', 'editor', 'editor2', 'll_editor', 'admin'].map((u) =>
      login(t.app, u),
    ),
  );
});
afterAll(() => t.close());

const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('access rules', () => {
  it('answers 401 without a session on every endpoint', async () => {
    const calls: [string, string, unknown?][] = [
      ['POST', '/api/items', itemInput()],
      ['GET', `/api/items/${SOME_ID}`],
      ['PATCH', `/api/items/${SOME_ID}`, { title: '新标题', version: 1 }],
      ['GET', '/api/items?box=mine'],
      ['GET', `/api/items/${SOME_ID}/versions/1`],
      ['GET', `/api/items/${SOME_ID}/diff?from=1&to=2`],
    ];
    for (const [method, url, body] of calls) {
      expect((await anonymous(t.app, method, url, body)).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('lets only reporters write items: editors, signers and administrators get 403 and nothing is stored', async () => {
    const before = (await t.database.db.select({ id: items.id }).from(items)).length;
    for (const s of [editor, signer, admin, await login(t.app, 'chief'), await login(t.app, 'secadmin')]) {
      const res = await s.request('POST', '/api/items', itemInput());
      expect(res.statusCode, s.username).toBe(403);
    }
    expect((await t.database.db.select({ id: items.id }).from(items)).length).toBe(before);
  });

  it('checks the role before the body: a bad body from an editor is 403, not 400', async () => {
    expect((await editor.request('POST', '/api/items', { title: '' })).statusCode).toBe(403);
  });

  it('answers 403 to administrators on reads and edits, and to leaders on lists and edits', async () => {
    const item = await createDraft(reporter);
    for (const username of ['admin', 'secadmin', 'auditor', 'leader']) {
      const s = username === 'admin' ? admin : await login(t.app, username);
      // A leader may open an item circulated to them (the scope answers 404 for any other).
      const read = username === 'leader' ? 404 : 403;
      expect((await s.request('GET', `/api/items/${item.id}`)).statusCode, username).toBe(read);
      expect((await s.request('GET', '/api/items?box=inbox')).statusCode, username).toBe(403);
      expect((await s.request('GET', `/api/items/${item.id}/versions/1`)).statusCode, username).toBe(read);
      expect((await s.request('GET', `/api/items/${item.id}/diff?from=1&to=1`)).statusCode, username).toBe(
        read,
      );
      const patch = await s.request('PATCH', `/api/items/${item.id}`, { title: '改', version: 1 });
      expect(patch.statusCode, username).toBe(403);
    }
    expect((await itemRow(t, item.id)).version).toBe(1);
  });

  it('refuses a reporter whose unit does not report to an office', async () => {
    const inOffice = await accountIn(t, 'office_reporter', 'fy', ['reporter']);
    const res = await inOffice.request('POST', '/api/items', itemInput());
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/单位的信息员/);
  });
});

describe('bad input on create', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['no title', { title: undefined }, /标题/],
    ['a blank title', { title: ' \u3000 ' }, /请填写标题/],
    ['a title of 101 characters', { title: '标'.repeat(101) }, /标题过长，不能超过 100 字（当前 101 字）/],
    ['no body', { body: undefined }, /正文/],
    ['a body of blank lines only', { body: '\n \u3000\n' }, /请填写正文/],
    ['a body over 20,000 characters', { body: '字'.repeat(20_001) }, /正文过长，不能超过 20000 字/],
    ['eleven keywords', { keywords: Array.from({ length: 11 }, (_, i) => `词${i}`) }, /关键词最多 10 个/],
    ['a keyword of 21 characters', { keywords: ['词'.repeat(21)] }, /每个关键词不超过 20 字/],
    ['an unknown priority', { priority: 'asap' }, /紧急程度/],
    ['an unknown secrecy level', { secrecy: 'top' }, /密级/],
    ['no phone', { authorPhone: '' }, /联系电话/],
    ['a phone with letters', { authorPhone: 'call me' }, /联系电话只能包含/],
    ['a malformed event time', { eventAt: '昨天下午' }, /事件时间/],
    ['a malformed follow-up id', { followUpOfId: 'abc' }, /续报/],
    ['an unknown category', { categoryCode: 'gossip' }, /信息类别不存在/],
  ];
  for (const [what, patch, message] of cases) {
    it(`answers 400 to ${what}`, async () => {
      const before = (await t.database.db.select({ id: items.id }).from(items)).length;
      const res = await reporter.request('POST', '/api/items', { ...itemInput(), ...patch });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toMatch(message);
      expect((await t.database.db.select({ id: items.id }).from(items)).length).toBe(before);
    });
  }

  it('answers 400 to a deactivated category', async () => {
    await t.database.db
      .update(dictionaryEntries)
      .set({ active: false })
      .where(eq(dictionaryEntries.code, 'forecast'));
    const res = await reporter.request('POST', '/api/items', itemInput({ categoryCode: 'forecast' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/已停用/);
    await t.database.db
      .update(dictionaryEntries)
      .set({ active: true })
      .where(eq(dictionaryEntries.code, 'forecast'));
  });

  it('answers 413 to a request over the body limit', async () => {
    const res = await reporter.request('POST', '/api/items', itemInput({ body: '字'.repeat(600_000) }));
    expect(res.statusCode).toBe(413);
  });
});

describe('creating an item', () => {
  it('stores a draft of the unit at its office with version 1 (新建), a timeline event and an audit event', async () => {
    const res = await reporter.request('POST', '/api/items', itemInput());
    expect(res.statusCode).toBe(201);
    const item: ItemDetail = res.json();
    const fgj = await orgByCode(t, 'fy_fgj');
    const fy = await orgByCode(t, 'fy');
    expect(item).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      categoryLabel: '动态',
      office: { id: fy.id, name: fy.name },
      submittingUnit: { id: fgj.id, name: fgj.name },
      originUnit: { id: fgj.id, name: fgj.name },
      author: { id: reporter.me.user.id, phone: '0358-7221234' },
      signer: null,
      submittedAt: null,
      deadlineAt: null,
      overdue: false,
      currentVersion: 1,
      version: 1,
      credits: [{ unitId: fgj.id, share: 1000 }],
      forwardedTo: null,
      followUpOf: null,
    });
    expect(item.actions).toEqual(expect.arrayContaining(['edit', 'submit_for_signoff']));
    expect(item.versions).toMatchObject([{ versionNo: 1, reason: '新建' }]);
    expect(item.timeline).toMatchObject([{ action: 'created', actionLabel: '新建', toStatus: 'draft' }]);
    const versions = await versionRows(t, item.id);
    expect(versions).toMatchObject([{ versionNo: 1, title: item.title, body: item.body, reason: '新建' }]);
    expect(await auditRows(t, 'item.created', item.id)).toHaveLength(1);
  });

  it('normalises the body: line endings, Word indentation, blank paragraphs', async () => {
    const item = await createDraft(reporter, {
      title: '\u3000 市发改局召开项目调度会 ',
      body: '\u3000\u3000第一段。\r\n\r\n\t  第二段。\u3000\r第三段。\n\n',
    });
    expect(item.title).toBe('市发改局召开项目调度会');
    expect(item.body).toBe('第一段。\n第二段。\n第三段。');
    expect((await itemRow(t, item.id)).body).toBe('第一段。\n第二段。\n第三段。');
  });

  it('keeps HTML and script in the title and body as literal text', async () => {
    const title = '<img src=x onerror=alert(1)>关于<b>加粗</b>的信息';
    const body = '<script>alert("xss")</script>\n<p onclick="x()">第二段</p> &amp; 其他';
    const item = await createDraft(reporter, { title, body });
    const res = await reporter.request('GET', `/api/items/${item.id}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().title).toBe(title);
    expect(res.json().body).toBe(body);
    const version = await reporter.request('GET', `/api/items/${item.id}/versions/1`);
    expect(version.json()).toMatchObject({ title, body });
  });

  it('dedupes keywords and keeps the event time', async () => {
    const item = await createDraft(reporter, {
      keywords: ['防汛', ' 防汛 ', '抢险'],
      priority: 'urgent',
      eventAt: '2025-07-01T08:30:00+08:00',
    });
    expect(item.keywords).toEqual(['防汛', '抢险']);
    expect(item.eventAt).toBe('2025-07-01T00:30:00.000Z');
  });

  it('links a follow-up (续报) to the first report, urgent like it unless told otherwise', async () => {
    const first = await createDraft(reporter, { title: '我市突降暴雨多处道路积水', priority: 'urgent' });
    const second = await createDraft(reporter, {
      title: '续报：积水道路已全部恢复通行',
      followUpOfId: first.id,
      priority: undefined,
    });
    expect(second.priority).toBe('urgent');
    expect(second.followUpOf).toEqual({ id: first.id, title: first.title });
    // A follow-up of the follow-up still hangs off the first report.
    const third = await createDraft(reporter, {
      title: '再续报：受灾群众已妥善安置',
      followUpOfId: second.id,
    });
    expect(third.followUpOf?.id).toBe(first.id);
    expect((await get(reporter, first.id)).followUps.map((f) => f.id)).toEqual([second.id, third.id]);
    const ordinary = await createDraft(reporter, { title: '普通信息' });
    expect((await createDraft(reporter, { followUpOfId: ordinary.id, priority: undefined })).priority).toBe(
      'normal',
    );
  });

  it('answers 404 to a follow-up of another unit’s item, without its title', async () => {
    const theirs = await createDraft(otherReporter, { title: '水务局的机密标题' });
    const res = await reporter.request('POST', '/api/items', itemInput({ followUpOfId: theirs.id }));
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('机密标题');
  });
});

describe('who may read an item', () => {
  it('hides an item from another unit’s reporter (404 on every path) and leaves it unchanged', async () => {
    const item = await createDraft(reporter, { title: '发改局内部信息' });
    const paths = [
      ['GET', `/api/items/${item.id}`],
      ['GET', `/api/items/${item.id}/versions/1`],
      ['GET', `/api/items/${item.id}/diff?from=1&to=1`],
    ] as const;
    for (const [method, url] of paths) {
      const res = await otherReporter.request(method, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('发改局内部信息');
    }
    const patch = await otherReporter.request('PATCH', `/api/items/${item.id}`, {
      title: '被篡改',
      version: 1,
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.body).not.toContain('发改局内部信息');
    const row = await itemRow(t, item.id);
    expect(row).toMatchObject({ title: '发改局内部信息', version: 1, currentVersion: 1 });
    expect(await versionRows(t, item.id)).toHaveLength(1);
    const list = (await otherReporter.request('GET', '/api/items?box=mine&pageSize=100')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
  });

  it('hides a unit’s draft from the office until it is submitted, then shows it in the inbox', async () => {
    const item = await createDraft(reporter, { title: '发改局即将报送的信息' });
    expect((await editor.request('GET', `/api/items/${item.id}`)).statusCode).toBe(404);
    const inbox = () =>
      editor
        .request('GET', `/api/items?box=inbox&q=${encodeURIComponent('即将报送')}`)
        .then((r) => r.json().items.map((i: { id: string }) => i.id));
    expect(await inbox()).not.toContain(item.id);
    await submitThroughUnit(reporter, signer, item.id);
    const seen = await get(editor, item.id);
    expect(seen.status).toBe('submitted');
    expect(seen.actions).toEqual(expect.arrayContaining(['edit', 'accept', 'return', 'reject']));
    expect(await inbox()).toContain(item.id);
    // Another office's editor never sees it (it was not forwarded there).
    expect((await llEditor.request('GET', `/api/items/${item.id}`)).statusCode).toBe(404);
  });
});

describe('editing', () => {
  it('appends a text version with the editor and the reason; the row version moves on', async () => {
    const item = await createDraft(reporter);
    const res = await reporter.request('PATCH', `/api/items/${item.id}`, {
      body: `${item.body}\n下一步，将加快项目前期工作。`,
      reason: '补充下一步打算',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, currentVersion: 2 });
    expect(res.json().versions).toMatchObject([
      { versionNo: 1, reason: '新建' },
      { versionNo: 2, reason: '补充下一步打算', editorName: '程俊杰' },
    ]);
    const rows = await versionRows(t, item.id);
    expect(rows[1]).toMatchObject({ versionNo: 2, title: item.title, editorId: reporter.me.user.id });
    expect(rows[1].body.endsWith('下一步，将加快项目前期工作。')).toBe(true);
    const [audit] = await auditRows(t, 'item.edited', item.id);
    expect(audit.diff).toMatchObject({
      body: [`第 1 版（${item.body.length} 字）`, `第 2 版（${rows[1].body.length} 字）`],
    });
    const last = res.json().timeline.at(-1);
    expect(last).toMatchObject({ action: 'edited', actionLabel: '修改', reason: '补充下一步打算' });
  });

  it('uses 修改 as the reason when none is given', async () => {
    const item = await createDraft(reporter);
    const res = await reporter.request('PATCH', `/api/items/${item.id}`, {
      title: '市发改局推进重点项目',
      version: 1,
    });
    expect(res.json().versions.at(-1)).toMatchObject({ versionNo: 2, reason: '修改' });
  });

  it('audits metadata-only changes without a text version', async () => {
    const item = await createDraft(reporter);
    const res = await reporter.request('PATCH', `/api/items/${item.id}`, {
      priority: 'urgent',
      categoryCode: 'experience',
      keywords: ['项目', '投资'],
      eventAt: '2025-06-01T09:00:00+08:00',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      currentVersion: 1,
      priority: 'urgent',
      categoryLabel: '经验',
    });
    expect(await versionRows(t, item.id)).toHaveLength(1);
    const [audit] = await auditRows(t, 'item.edited', item.id);
    expect(audit.diff).toMatchObject({
      priority: ['normal', 'urgent'],
      categoryCode: ['dynamic', 'experience'],
      keywords: [['重点项目'], ['项目', '投资']],
      eventAt: [null, '2025-06-01T01:00:00.000Z'],
    });
    // Clearing the event time is a change too.
    const cleared = await reporter.request('PATCH', `/api/items/${item.id}`, { eventAt: null, version: 2 });
    expect(cleared.json()).toMatchObject({ eventAt: null, version: 3 });
  });

  it('changes nothing when nothing differs', async () => {
    const item = await createDraft(reporter);
    const res = await reporter.request('PATCH', `/api/items/${item.id}`, {
      title: ` ${item.title}\u3000`,
      body: `\u3000\u3000${item.body.replace('\n', '\r\n\r\n')}`,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect(await auditRows(t, 'item.edited', item.id)).toHaveLength(0);
  });

  it('answers 400 to bad edits and keeps the item', async () => {
    const item = await createDraft(reporter);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: '改' }, /版本号/],
      [{ title: '', version: 1 }, /请填写标题/],
      [{ body: '字'.repeat(20_001), version: 1 }, /正文过长/],
      [{ categoryCode: 'gossip', version: 1 }, /信息类别不存在/],
      [{ keywords: Array.from({ length: 11 }, (_, i) => `k${i}`), version: 1 }, /关键词/],
      [{ reason: '因'.repeat(201), title: '改', version: 1 }, /修改说明/],
    ];
    for (const [body, message] of cases) {
      const res = await reporter.request('PATCH', `/api/items/${item.id}`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect(
      (await reporter.request('PATCH', '/api/items/not-a-uuid', { title: '改', version: 1 })).statusCode,
    ).toBe(400);
    expect(await itemRow(t, item.id)).toMatchObject({ title: item.title, version: 1 });
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const item = await createDraft(reporter);
    await reporter.request('PATCH', `/api/items/${item.id}`, { title: '第二版标题', version: 1 });
    const stale = await reporter.request('PATCH', `/api/items/${item.id}`, {
      title: '基于旧版的标题',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/已被他人修改，请刷新/);
    expect(stale.json().details).toEqual({ currentVersion: 2 });
    expect(await itemRow(t, item.id)).toMatchObject({ title: '第二版标题', version: 2, currentVersion: 2 });
    expect(await versionRows(t, item.id)).toHaveLength(2);
  });

  it('lets one of two simultaneous saves win; the other gets 409 and no text is lost', async () => {
    const item = await createDraft(reporter);
    await submitThroughUnit(reporter, signer, item.id);
    const { version } = await get(editor, item.id);
    const [a, b] = await Promise.all([
      editor.request('PATCH', `/api/items/${item.id}`, {
        body: '编辑甲修改后的正文。',
        reason: '甲',
        version,
      }),
      editor2.request('PATCH', `/api/items/${item.id}`, {
        body: '编辑乙修改后的正文。',
        reason: '乙',
        version,
      }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(loser.json().message).toMatch(/请刷新后重试/);
    const rows = await versionRows(t, item.id);
    expect(rows).toHaveLength(2);
    expect(rows[1].body).toBe(winner.json().body);
    expect((await itemRow(t, item.id)).version).toBe(version + 1);
  });

  it('follows the workflow: the unit cannot edit once submitted (409); the office’s editor can, and the unit sees the result', async () => {
    const item = await createDraft(reporter);
    const submitted = await submitThroughUnit(reporter, signer, item.id);
    const byUnit = await reporter.request('PATCH', `/api/items/${item.id}`, {
      title: '改',
      version: submitted.version,
    });
    expect(byUnit.statusCode).toBe(409);
    expect(byUnit.json().message).toMatch(/已报送/);
    const byOtherOffice = await llEditor.request('PATCH', `/api/items/${item.id}`, {
      title: '改',
      version: submitted.version,
    });
    expect(byOtherOffice.statusCode).toBe(404);
    const edited = await editor.request('PATCH', `/api/items/${item.id}`, {
      title: '市发改局“三个强化”推进重点项目建设',
      reason: '标题提炼',
      version: submitted.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const seenByUnit = await get(reporter, item.id);
    expect(seenByUnit.title).toBe('市发改局“三个强化”推进重点项目建设');
    expect(seenByUnit.versions.at(-1)).toMatchObject({ reason: '标题提炼', editorName: '张文秀' });
    expect(seenByUnit.actions).not.toContain('edit');
  });

  it('answers 409 to a signer editing a draft (signers edit only while it awaits sign-off)', async () => {
    const item = await createDraft(reporter);
    const res = await signer.request('PATCH', `/api/items/${item.id}`, { title: '签发人改标题', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/草稿/);
  });
});

describe('detail of a forwarded item', () => {
  it('shows the unit the upward chain (office, status, timeline) and nothing of other units', async () => {
    const item = await createDraft(reporter, { title: '发改局信息用于转报' });
    const submitted = await submitThroughUnit(reporter, signer, item.id);
    const fy = await orgByCode(t, 'fy');
    const pubs = (await editor.request('GET', '/api/publications?scope=own')).json();
    const accepted = await editor.request('POST', `/api/items/${item.id}/actions/accept`, {
      version: submitted.version,
      targetPublicationId: pubs[0].id,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const forwarded = await editor.request('POST', `/api/items/${item.id}/actions/forward`, {
      version: accepted.json().version,
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const copyId = forwarded.json().forwardedTo.id;
    const returned = await llEditor.request('POST', `/api/items/${copyId}/actions/return`, {
      version: (await get(llEditor, copyId)).version,
      reason: '请补充具体投资数据',
    });
    expect(returned.statusCode, returned.body).toBe(200);

    const seen = await get(reporter, item.id);
    expect(seen.forwardedTo).toMatchObject({
      id: copyId,
      officeName: '吕梁市人民政府办公室',
      status: 'returned',
    });
    const upper = seen.timeline.filter((e) => e.officeName === '吕梁市人民政府办公室');
    expect(upper.map((e) => e.action)).toContain('return');
    expect(upper.find((e) => e.action === 'return')?.reason).toBe('请补充具体投资数据');
    // The unit still cannot open the copy itself.
    expect((await reporter.request('GET', `/api/items/${copyId}`)).statusCode).toBe(404);
    // The upper office sees where the copy came from.
    expect((await get(llEditor, copyId)).forwardedFrom).toMatchObject({ id: item.id, officeName: fy.name });
  });
});
