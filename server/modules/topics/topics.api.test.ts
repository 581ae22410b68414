import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  issueItems,
  itemEvents,
  items,
  itemVersions,
  notifications,
  publicationIssues,
  topics,
  upperAdoptions,
  users,
} from '../../db/schema/index.ts';
import { manualClock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { makeItem, orgByCode, publicationByName } from '../items/test-factory.ts';
import { assertTopicForItem } from './index.ts';

/**
 * 报送要点 on the real API: the office sets, edits, publishes and withdraws topics with every
 * refusal in Chinese and nothing changed; units see only published ones (on the home page only
 * those in force today); the check the item commands call; and the figures per topic against
 * counts worked out by hand from items tagged directly in the database.
 */

const clock = manualClock('2026-03-05T02:00:00Z'); // 10:00 on 5 March in Beijing
let t: TestApp;
let editor: Session;
let chief: Session;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let llEditor: Session;
let admin: Session;
let fyId = '';
let llId = '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  [editor, chief, reporter, signer, otherReporter, llEditor, admin] = await Promise.all(
    ['editor', 'chief', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'll_editor', 'admin'].map((u) =>
      login(t.app, u),
    ),
  );
  fyId = (await orgByCode(t, 'fy')).id;
  llId = (await orgByCode(t, 'll')).id;
});
afterAll(() => t.close());

const db = () => t.database.db;
async function topicCount() {
  const [row] = await db().select({ n: count() }).from(topics);
  return row?.n ?? 0;
}
async function topicRow(id: string) {
  const [row] = await db().select().from(topics).where(eq(topics.id, id));
  return row;
}
async function kindsFor(username: string) {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.username, username));
  return (
    await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, u?.id ?? ''))
  ).map((n) => n.kind);
}
async function audits(action: string, targetId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
}
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

const march = {
  title: '优化营商环境',
  description: '围绕“放管服”改革、惠企政策落地等方面报送经验做法和存在问题。',
  periodStart: '2026-03-01',
  periodEnd: '2026-03-31',
  sortOrder: 1,
};

async function create(s: Session, body: Record<string, unknown>) {
  const res = await s.request('POST', '/api/topics', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}
async function publish(s: Session, topic: { id: string; version: number }) {
  const res = await s.request('POST', `/api/topics/${topic.id}/publish`, { version: topic.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number; status: string };
}

describe('报送要点', () => {
  let marchId = '';
  let quarterId = '';
  let withdrawnId = '';
  let llTopicId = '';

  it('the office creates a draft for a period; the period is named as the office says it', async () => {
    const res = await editor.request('POST', '/api/topics', march);
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    marchId = view.id;
    expect(view).toMatchObject({
      office: { id: fyId, name: '汾阳市人民政府办公室' },
      title: '优化营商环境',
      periodLabel: '2026年3月',
      status: 'draft',
      statusLabel: '草稿',
      current: true,
      ended: false,
      version: 1,
      createdByName: '张文秀',
      stats: { submitted: 0, accepted: 0, published: 0, upperAdoptions: 0, units: 0 },
      actions: ['edit', 'publish', 'withdraw'],
      items: { items: [], total: 0 },
    });
    expect(new Date(view.createdAt).toISOString()).toBe('2026-03-05T02:00:00.000Z');
    expect(await audits('topic.created', marchId)).toHaveLength(1);

    const quarter = await create(chief, {
      title: '乡村振兴',
      periodStart: '2026-04-01',
      periodEnd: '2026-06-30',
    });
    quarterId = quarter.id;
    expect(quarter).toMatchObject({ periodLabel: '2026年第二季度', current: false, description: '' });
  });

  it('refuses bad input with Chinese messages and creates nothing', async () => {
    const before = await topicCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...march, title: '  ' }, '请填写要点标题'],
      [{ ...march, periodEnd: '2026-02-28' }, '截止日期不能早于起始日期'],
      [{ ...march, title: '长'.repeat(101) }, '要点标题不能超过 100 个字'],
      [{ ...march, description: '长'.repeat(2001) }, '报送要求不能超过 2000 个字'],
      [{ ...march, periodStart: '2026-02-30' }, '起始日期'],
      [{ ...march, sortOrder: -1 }, '排序号不能小于 0'],
    ];
    for (const [body, message] of cases) {
      const res = await editor.request('POST', '/api/topics', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toContain(message);
    }
    const unit = await reporter.request('POST', '/api/topics', march);
    expect(unit.statusCode).toBe(403);
    const foreign = await llEditor.request('POST', '/api/topics', { ...march, officeId: fyId });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toContain('本办公室');
    expect((await admin.request('POST', '/api/topics', march)).statusCode).toBe(403);
    expect(await topicCount()).toBe(before);
  });

  it('units see no drafts; another office sees nothing of it', async () => {
    expect((await reporter.request('GET', '/api/topics')).json().total).toBe(0);
    const unitRead = await reporter.request('GET', `/api/topics/${marchId}`);
    expect(unitRead.statusCode).toBe(404);
    expect(unitRead.json().message).toContain('报送要点不存在');
    expect((await llEditor.request('GET', `/api/topics/${marchId}`)).statusCode).toBe(404);
    expect((await admin.request('GET', '/api/topics')).statusCode).toBe(403);
  });

  it('edits a draft at the version read; stale, bad and foreign edits change nothing', async () => {
    const body = { ...march, description: `${march.description}请于每周五前报送。`, version: 1 };
    const ok = await editor.request('PUT', `/api/topics/${marchId}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, description: body.description });
    const [edited] = await audits('topic.updated', marchId);
    expect(edited?.diff).toMatchObject({ description: [march.description, body.description] });

    const stale = await editor2Put(marchId, { ...body, title: '旧标题', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    const bad = await editor.request('PUT', `/api/topics/${marchId}`, {
      ...body,
      periodStart: '2026-04-01',
      version: 2,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('截止日期不能早于起始日期');
    const noVersion = await editor.request('PUT', `/api/topics/${marchId}`, march);
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().message).toContain('缺少版本号');
    expect(
      (await llEditor.request('PUT', `/api/topics/${marchId}`, { ...body, version: 2 })).statusCode,
    ).toBe(404);
    expect(
      (await reporter.request('PUT', `/api/topics/${marchId}`, { ...body, version: 2 })).statusCode,
    ).toBe(403);
    const row = await topicRow(marchId);
    expect(row).toMatchObject({ version: 2, title: '优化营商环境', periodStart: '2026-03-01' });

    // Saving the same text again writes nothing.
    const same = await editor.request('PUT', `/api/topics/${marchId}`, { ...body, version: 2 });
    expect(same.json().version).toBe(2);
    expect(await audits('topic.updated', marchId)).toHaveLength(1);
  });

  it('publishes once and tells the member units’ 信息员 once; a stale or ended one is refused', async () => {
    const stale = await editor.request('POST', `/api/topics/${marchId}/publish`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(
      (await reporter.request('POST', `/api/topics/${marchId}/publish`, { version: 2 })).statusCode,
    ).toBe(403);
    expect((await topicRow(marchId))?.status).toBe('draft');

    const view = await publish(editor, { id: marchId, version: 2 });
    expect(view).toMatchObject({ status: 'published', statusLabel: '已发布', version: 3 });
    expect(new Date((view as unknown as { publishedAt: string }).publishedAt).toISOString()).toBe(
      '2026-03-05T02:00:00.000Z',
    );
    expect((await kindsFor('fy_czj_xxy')).filter((k) => k === 'topic_published')).toHaveLength(1);
    expect((await kindsFor('fy_swj_xxy')).filter((k) => k === 'topic_published')).toHaveLength(1);
    expect(await kindsFor('editor')).not.toContain('topic_published');
    expect(await kindsFor('ll_editor')).not.toContain('topic_published');
    const again = await editor.request('POST', `/api/topics/${marchId}/publish`, { version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已发布');
    expect((await kindsFor('fy_czj_xxy')).filter((k) => k === 'topic_published')).toHaveLength(1);
    expect(await audits('topic.published', marchId)).toHaveLength(1);

    const february = await create(editor, { ...march, periodStart: '2026-02-01', periodEnd: '2026-02-28' });
    const ended = await editor.request('POST', `/api/topics/${february.id}/publish`, { version: 1 });
    expect(ended.statusCode).toBe(400);
    expect(ended.json().message).toContain('2026-02-28 结束');
    expect((await topicRow(february.id))?.status).toBe('draft');

    await publish(chief, { id: quarterId, version: 1 });
  });

  it('units see the published topics, on the home page only those in force today', async () => {
    const list = (await reporter.request('GET', '/api/topics')).json();
    expect(ids(list).sort()).toEqual([marchId, quarterId].sort());
    expect(list.items.every((i: { stats: unknown }) => i.stats === null)).toBe(true);
    const current = (await signer.request('GET', '/api/topics/current')).json();
    expect(ids(current)).toEqual([marchId]);
    expect(current.items[0]).toMatchObject({ actions: ['tag'], current: true, periodLabel: '2026年3月' });
    const detail = await otherReporter.request('GET', `/api/topics/${marchId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ stats: null, actions: ['tag'] });
    expect(ids((await reporter.request('GET', '/api/topics?period=upcoming')).json())).toEqual([quarterId]);

    // The city office's topic reaches the county office's editors (a member of it), not its units.
    const city = await create(llEditor, { ...march, title: '全市项目建设' });
    llTopicId = city.id;
    await publish(llEditor, city);
    expect(await kindsFor('editor')).toContain('topic_published');
    const editorCurrent = (await editor.request('GET', '/api/topics/current')).json();
    expect(ids(editorCurrent).sort()).toEqual([marchId, llTopicId].sort());
    const cityRow = editorCurrent.items.find((i: { id: string }) => i.id === llTopicId);
    expect(cityRow).toMatchObject({ office: { id: llId }, stats: null, actions: ['tag'] });
    const ownRow = editorCurrent.items.find((i: { id: string }) => i.id === marchId);
    expect(ownRow.actions).toEqual(['edit', 'withdraw']);
    expect(ownRow.stats).not.toBeNull();
    expect(ids((await editor.request('GET', `/api/topics/current?officeId=${fyId}`)).json())).toEqual([
      marchId,
    ]);
    expect(ids((await reporter.request('GET', '/api/topics/current')).json())).toEqual([marchId]);
    expect((await reporter.request('GET', `/api/topics/${llTopicId}`)).statusCode).toBe(404);
    // The county editor reads it but may not edit the city's topic.
    const cityEdit = await editor.request('PUT', `/api/topics/${llTopicId}`, { ...march, version: 2 });
    expect(cityEdit.statusCode).toBe(403);
  });

  it('lists the office’s own topics with filters and pages', async () => {
    const all = (await editor.request(`GET`, `/api/topics?officeId=${fyId}`)).json();
    expect(all.total).toBe(3);
    const drafts = (await editor.request('GET', `/api/topics?status=draft`)).json();
    expect(drafts.items.map((i: { title: string }) => i.title)).toEqual(['优化营商环境']);
    expect(drafts.items[0].periodLabel).toBe('2026年2月');
    const found = (await editor.request('GET', `/api/topics?q=${encodeURIComponent('乡村')}`)).json();
    expect(ids(found)).toEqual([quarterId]);
    const overlapping = (
      await editor.request('GET', `/api/topics?officeId=${fyId}&from=2026-03-15&to=2026-04-15`)
    ).json();
    expect(ids(overlapping).sort()).toEqual([marchId, quarterId].sort());
    const page = (await editor.request('GET', `/api/topics?officeId=${fyId}&pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    const bad = await editor.request('GET', '/api/topics?period=someday');
    expect(bad.statusCode).toBe(400);
  });

  it('edits a published topic; withdraws with a reason; a withdrawn topic is read-only and gone for units', async () => {
    const c = await create(editor, { ...march, title: '安全生产', sortOrder: 2 });
    withdrawnId = c.id;
    const published = await publish(editor, c);
    const edited = await editor.request('PUT', `/api/topics/${withdrawnId}`, {
      ...march,
      title: '安全生产和应急管理',
      sortOrder: 2,
      version: published.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'published', title: '安全生产和应急管理' });
    const version = edited.json().version;

    const noReason = await editor.request('POST', `/api/topics/${withdrawnId}/withdraw`, { version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('撤回原因');
    const stale = await editor.request('POST', `/api/topics/${withdrawnId}/withdraw`, {
      reason: '与三月要点重复',
      version: version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await topicRow(withdrawnId))?.status).toBe('published');
    clock.set('2026-03-05T03:00:00Z');
    const ok = await chief.request('POST', `/api/topics/${withdrawnId}/withdraw`, {
      reason: '与三月要点重复',
      version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      withdrawReason: '与三月要点重复',
      withdrawnByName: '陈志强',
      actions: [],
    });
    expect(new Date(ok.json().withdrawnAt).toISOString()).toBe('2026-03-05T03:00:00.000Z');
    clock.set('2026-03-05T02:00:00Z');

    const [audit] = await audits('topic.withdrawn', withdrawnId);
    expect(audit?.diff).toMatchObject({ reason: '与三月要点重复', status: ['published', 'withdrawn'] });
    const after = ok.json().version;
    const edit = await editor.request('PUT', `/api/topics/${withdrawnId}`, { ...march, version: after });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('已撤回');
    expect(
      (
        await editor.request('POST', `/api/topics/${withdrawnId}/withdraw`, {
          reason: '再撤',
          version: after,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await editor.request('POST', `/api/topics/${withdrawnId}/publish`, { version: after })).statusCode,
    ).toBe(409);
    expect((await topicRow(withdrawnId))?.version).toBe(after);
    expect((await reporter.request('GET', `/api/topics/${withdrawnId}`)).statusCode).toBe(404);
    expect(ids((await reporter.request('GET', '/api/topics')).json())).not.toContain(withdrawnId);
    expect(ids((await editor.request('GET', '/api/topics?status=withdrawn')).json())).toEqual([withdrawnId]);
  });

  it('assertTopicForItem admits only a published topic of the item’s office whose period has not ended', async () => {
    const tx = db();
    await expect(assertTopicForItem(tx, marchId, fyId, '2026-03-05')).resolves.toMatchObject({
      id: marchId,
      title: '优化营商环境',
      periodLabel: '2026年3月',
    });
    // Written ahead: a published topic of a period still to come.
    await expect(assertTopicForItem(tx, quarterId, fyId, '2026-03-05')).resolves.toMatchObject({
      id: quarterId,
    });
    const refused = async (topicId: string, officeId: string, today: string) => {
      try {
        await assertTopicForItem(tx, topicId, officeId, today);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return { status: (e as AppError).statusCode, message: (e as AppError).message };
      }
      throw new Error('not refused');
    };
    const draft = (await editor.request('GET', '/api/topics?status=draft')).json().items[0].id;
    expect(await refused(marchId, llId, '2026-03-05')).toMatchObject({ status: 404 });
    expect(await refused(llTopicId, fyId, '2026-03-05')).toMatchObject({ status: 404 });
    expect(await refused(draft, fyId, '2026-03-05')).toMatchObject({ status: 404 });
    expect(await refused('00000000-0000-4000-8000-000000000000', fyId, '2026-03-05')).toMatchObject({
      status: 404,
      message: expect.stringContaining('报送要点不存在'),
    });
    expect(await refused(withdrawnId, fyId, '2026-03-05')).toMatchObject({
      status: 400,
      message: expect.stringContaining('已撤回'),
    });
    expect(await refused(marchId, fyId, '2026-04-01')).toMatchObject({
      status: 400,
      message: expect.stringContaining('已于 2026-03-31 截止'),
    });
  });

  it('a unit tags its item to a topic on the item form; a foreign or withdrawn topic is refused and nothing saved', async () => {
    const body = {
      title: '市财政局优化惠企资金拨付流程',
      body: '市财政局推行惠企资金“免申即享”，今年已向86家企业直接拨付资金2300万元。',
      categoryCode: 'dynamic',
      secrecy: 'public',
      authorPhone: '13935800001',
    };
    const before = (await db().select({ n: count() }).from(items))[0]?.n ?? 0;
    for (const [topicId, status] of [
      [llTopicId, 404],
      [withdrawnId, 400],
    ] as const) {
      const res = await reporter.request('POST', '/api/items', { ...body, topicId });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(/报送要点/);
    }
    expect((await db().select({ n: count() }).from(items))[0]?.n).toBe(before);
    const created = await reporter.request('POST', '/api/items', { ...body, topicId: marchId });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json();
    expect(item.topic).toMatchObject({ id: marchId, title: '优化营商环境', periodLabel: '2026年3月' });
    const untagged = await reporter.request('PATCH', `/api/items/${item.id}`, {
      topicId: null,
      version: item.version,
    });
    expect(untagged.statusCode, untagged.body).toBe(200);
    expect(untagged.json().topic).toBeNull();
    const retagged = await reporter.request('PATCH', `/api/items/${item.id}`, {
      topicId: withdrawnId,
      version: untagged.json().version,
    });
    expect(retagged.statusCode).toBe(400);
    const [row] = await db().select({ topicId: items.topicId }).from(items).where(eq(items.id, item.id));
    expect(row?.topicId).toBeNull();
    // Not counted anywhere: the draft is removed again so the figures below stay the hand-computed ones.
    await db().delete(itemVersions).where(eq(itemVersions.itemId, item.id));
    await db().delete(itemEvents).where(eq(itemEvents.itemId, item.id));
    await db().delete(items).where(eq(items.id, item.id));
  });

  it('counts per topic in one grouped query, against figures worked out by hand', async () => {
    const fyPublication = await publicationByName(t, '汾阳政务信息');
    const llPublication = await publicationByName(t, '吕梁政务信息●普刊');
    const sxPublication = await publicationByName(t, '晋政信息●普刊');
    const issue = async (number: number, status: 'draft' | 'published') => {
      const [row] = await db()
        .insert(publicationIssues)
        .values({
          publicationId: fyPublication.id,
          officeId: fyId,
          seriesKey: '2026',
          year: 2026,
          number,
          totalNumber: 9000 + number,
          label: `2026年第${number}期`,
          status,
          distribution: { bao: '', song: '', fa: '' },
          printCount: 50,
          createdByName: '测试',
        })
        .returning();
      if (!row) throw new Error('no issue');
      return row.id;
    };
    const publishedIssue = await issue(901, 'published');
    const draftIssue = await issue(902, 'draft');
    const tag = async (topicId: string, opts: Parameters<typeof makeItem>[1]) => {
      const item = await makeItem(t, opts);
      await db().update(items).set({ topicId }).where(eq(items.id, item.id));
      return item.id;
    };
    const adopt = async (itemId: string, publicationId: string) =>
      db().insert(upperAdoptions).values({
        itemId,
        publicationId,
        adoptionKind: '全文采用',
        adoptedOn: '2026-03-04',
        recordedByName: '测试',
      });

    // 优化营商环境 (March):
    await tag(marchId, { unit: 'fy_czj', status: 'draft' }); // not submitted
    await tag(marchId, { unit: 'fy_czj', status: 'pending_signoff' }); // not submitted
    await tag(marchId, { unit: 'fy_czj', status: 'submitted' }); // submitted
    await tag(marchId, { unit: 'fy_swj', status: 'accepted' }); // + accepted
    const i5 = await tag(marchId, { unit: 'fy_czj', status: 'in_issue' }); // + accepted, draft issue
    await db().insert(issueItems).values({ issueId: draftIssue, itemId: i5, position: 1 });
    const i6 = await tag(marchId, { unit: 'fy_jsj', status: 'published' }); // + published, 1 upper
    await db().insert(issueItems).values({ issueId: publishedIssue, itemId: i6, position: 1 });
    await adopt(i6, fyPublication.id); // the office's own publication: not an upper adoption
    await adopt(i6, llPublication.id);
    const i7 = await tag(marchId, { unit: 'fy_swj', status: 'returned', title: '水务局退回前的标题' }); // submitted
    // Returned at version 1; the unit's unsigned revision since is its own until signed again.
    await db()
      .insert(itemEvents)
      .values({ itemId: i7, actorName: '张文秀', action: 'return', data: { versionNo: 1 } });
    await db().insert(itemVersions).values({
      itemId: i7,
      versionNo: 2,
      title: '水务局修改中的标题',
      body: '修改中。',
      editorName: '吴海燕',
      reason: '修改',
    });
    await db().update(items).set({ title: '水务局修改中的标题', currentVersion: 2 }).where(eq(items.id, i7));
    const i8 = await tag(marchId, { unit: 'fy_czj', status: 'published' }); // + published, 2 upper
    await db().insert(issueItems).values({ issueId: publishedIssue, itemId: i8, position: 2 });
    await adopt(i8, llPublication.id);
    await adopt(i8, sxPublication.id);
    // The city office's copy of a forwarded item is the city's, whatever its tag says.
    await tag(marchId, { unit: 'fy', office: 'll', origin: 'fy_czj', status: 'accepted' });
    // 乡村振兴 (Q2), written ahead:
    await tag(quarterId, { unit: 'fy_whj', status: 'submitted' });
    // Untagged items count nowhere.
    await makeItem(t, { unit: 'fy_czj', status: 'accepted' });

    const marchStats = { submitted: 6, accepted: 4, published: 2, upperAdoptions: 3, units: 3 };
    const quarterStats = { submitted: 1, accepted: 0, published: 0, upperAdoptions: 0, units: 1 };
    const res = await editor.request('GET', '/api/topics/stats?from=2026-03-01&to=2026-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.office).toEqual({ id: fyId, name: '汾阳市人民政府办公室' });
    expect(stats.topics.map((x: { id: string }) => x.id)).toEqual([marchId, withdrawnId, quarterId]);
    expect(stats.topics[0].stats).toEqual(marchStats);
    expect(stats.topics[1].stats).toEqual({
      submitted: 0,
      accepted: 0,
      published: 0,
      upperAdoptions: 0,
      units: 0,
    });
    expect(stats.topics[2].stats).toEqual(quarterStats);
    // 财政局, 水务局, 计生局 and 文化局: a unit counts once in the total.
    expect(stats.total).toEqual({ submitted: 7, accepted: 4, published: 2, upperAdoptions: 3, units: 4 });
    const april = (await editor.request('GET', '/api/topics/stats?from=2026-04-01')).json();
    expect(april.topics.map((x: { id: string }) => x.id)).toEqual([quarterId]);
    expect(april.total).toEqual(quarterStats);

    const list = (await editor.request('GET', `/api/topics?officeId=${fyId}&status=published`)).json();
    expect(list.items.find((i: { id: string }) => i.id === marchId).stats).toEqual(marchStats);
    const detail = (await editor.request('GET', `/api/topics/${marchId}?pageSize=4`)).json();
    expect(detail.stats).toEqual(marchStats);
    expect(detail.items).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(detail.items.items).toHaveLength(4);
    const titles = async (session: Session) =>
      (await session.request('GET', `/api/topics/${marchId}?pageSize=100`))
        .json()
        .items.items.map((i: { title: string }) => i.title);
    expect(await titles(editor)).toContain('水务局退回前的标题');
    expect(await titles(editor)).not.toContain('水务局修改中的标题');
    expect(await titles(otherReporter)).toEqual(['水务局修改中的标题', expect.any(String)]);
    // A unit sees its own tagged items only (its drafts too), and no figures.
    const unit = (await reporter.request('GET', `/api/topics/${marchId}`)).json();
    expect(unit.stats).toBeNull();
    expect(unit.items.total).toBe(5);
    expect(unit.items.items.every((i: { unit: { name: string } }) => i.unit.name === '汾阳市财政局')).toBe(
      true,
    );

    expect((await reporter.request('GET', '/api/topics/stats')).statusCode).toBe(403);
    const foreign = await llEditor.request('GET', `/api/topics/stats?officeId=${fyId}`);
    expect(foreign.statusCode).toBe(403);
    expect((await editor.request('GET', '/api/topics/stats?from=2026-13-01')).statusCode).toBe(400);
    const reversed = await editor.request('GET', '/api/topics/stats?from=2026-04-01&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toContain('截止日期不能早于起始日期');
  });
});

function editor2Put(id: string, body: Record<string, unknown>) {
  return login(t.app, 'editor2').then((s) => s.request('PUT', `/api/topics/${id}`, body));
}
