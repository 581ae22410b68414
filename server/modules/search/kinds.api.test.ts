import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circulations, instructions, searchIndex } from '../../db/schema/index.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { makeIssue, userId } from '../circulation/circulation.test-support.ts';
import { indexIssues } from '../issues/index.ts';
import { createIssue, getIssue, setItems } from '../issues/issues.test-support.ts';
import { makeItem, orgByCode, publicationByName } from '../items/test-factory.ts';
import { todayInChina } from '../orgs/index.ts';
import { indexWhatIsMissing, reindexAll } from './index.ts';

/**
 * 全局检索 beyond items (docs/domain.md §8): publication issues, leaders' instructions with their
 * feedback, commissions and meetings are found by any two characters of their text, each only by those its
 * own list shows it to, and the index follows every edit in the same transaction.
 */
let t: TestApp;
let editor: Session;
let chief: Session;
let leader: Session;
let llEditor: Session;
let reporter: Session;
let signer: Session;
let otherReporter: Session;

type Highlight = { text: string; hit: boolean }[];
type Hit = { id: string; title: Highlight; snippet: Highlight; meta: string[]; link: string };
type Result = { groups: { kind: string; label: string; count: number; hits: Hit[] }[] };

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [editor, chief, leader, llEditor, reporter, signer, otherReporter] = await Promise.all(
    ['editor', 'chief', 'leader', 'll_editor', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy'].map((u) =>
      login(t.app, u),
    ),
  );
});
afterAll(() => t.close());

async function search(s: Session, params: Record<string, string>): Promise<Result> {
  const res = await s.request('GET', `/api/search?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const hitsOf = async (s: Session, kind: string, q: string, extra: Record<string, string> = {}) =>
  (await search(s, { q, kind, ...extra })).groups[0]?.hits ?? [];
const found = async (s: Session, kind: string, q: string, extra: Record<string, string> = {}) =>
  (await hitsOf(s, kind, q, extra)).map((h) => h.id);
const marked = (h: Highlight | undefined) => (h ?? []).filter((p) => p.hit).map((p) => p.text);

describe('publication issues (刊物)', () => {
  let issue: { id: string; version: number };
  let itemId: string;

  beforeAll(async () => {
    itemId = (
      await makeItem(t, {
        unit: 'fy_czj',
        status: 'accepted',
        title: '市财政局保障春耕备耕资金',
        body: '市财政局提前下达春耕资金。',
      })
    ).id;
    const pub = (await publicationByName(t, '汾阳政务信息')).id;
    issue = await createIssue(editor, pub, '乡村振兴专刊');
    issue = await setItems(editor, issue, [itemId]);
    const res = await editor.request('PATCH', `/api/issues/${issue.id}`, {
      version: issue.version,
      editorNote: '本期聚焦农田水利建设。',
    });
    expect(res.statusCode, res.body).toBe(200);
    issue = res.json();
  });

  it('is found by its title, its publication, its editor’s note and its items’ titles', async () => {
    for (const q of ['振兴', '政务信息', '水利', '春耕'])
      expect(await found(editor, 'issue', q), q).toEqual([issue.id]);
    const [hit] = await hitsOf(editor, 'issue', '振兴');
    expect(marked(hit?.title)).toEqual(['振兴']);
    expect(hit?.link).toBe(`/issues/${issue.id}`);
    expect(hit?.meta).toEqual(expect.arrayContaining(['汾阳政务信息', '汾阳市人民政府办公室', '编辑中']));
    const [byItem] = await hitsOf(editor, 'issue', '春耕');
    expect(marked(byItem?.snippet)).toEqual(['春耕']);
    const grouped = await search(editor, { q: '春耕' });
    expect(grouped.groups.map((g) => [g.kind, g.label, g.count])).toEqual(
      expect.arrayContaining([
        ['item', '信息', 1],
        ['issue', '刊物', 1],
      ]),
    );
  });

  it('is found by the office’s staff only: not another office, a unit, or a leader it was not circulated to', async () => {
    expect(await found(chief, 'issue', '振兴')).toEqual([issue.id]);
    expect(await found(llEditor, 'issue', '振兴')).toEqual([]);
    expect(await found(reporter, 'issue', '振兴')).toEqual([]);
    expect(await found(signer, 'issue', '振兴')).toEqual([]);
    expect(await found(leader, 'issue', '振兴')).toEqual([]);
  });

  it('is found by a leader once circulated to them', async () => {
    const published = await makeIssue(t, { title: '文旅融合发展专刊' });
    await indexIssues(t.database.db, [published.id]);
    expect(await found(leader, 'issue', '文旅')).toEqual([]);
    const fy = await orgByCode(t, 'fy');
    await t.database.db.insert(circulations).values({
      issueId: published.id,
      officeId: fy.id,
      recipientId: await userId(t, 'leader'),
      recipientName: '领导',
      sentByName: '测试编辑',
    });
    expect(await found(leader, 'issue', '文旅')).toEqual([published.id]);
  });

  it('applies the office, publication and day filters, and no item-only filter', async () => {
    const fy = await orgByCode(t, 'fy');
    const czj = await orgByCode(t, 'fy_czj');
    const pub = (await publicationByName(t, '汾阳政务信息')).id;
    expect(await found(editor, 'issue', '振兴', { officeId: fy.id, publicationId: pub })).toEqual([issue.id]);
    expect(await found(editor, 'issue', '春耕', { unitId: czj.id })).toEqual([issue.id]);
    expect(await found(editor, 'issue', '振兴', { from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect(await found(editor, 'issue', '振兴', { status: 'accepted' })).toEqual([]);
  });

  it('follows an edit of its title, its items and its deletion', async () => {
    const before = await getIssue(editor, issue.id);
    const res = await editor.request('PATCH', `/api/issues/${issue.id}`, {
      version: before.version,
      title: '生态保护专刊',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found(editor, 'issue', '生态')).toEqual([issue.id]);
    expect(await found(editor, 'issue', '振兴')).toEqual([]);
    const emptied = await setItems(editor, res.json(), []);
    expect(await found(editor, 'issue', '春耕')).toEqual([]);
    const deleted = await editor.request('DELETE', `/api/issues/${issue.id}?version=${emptied.version}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await found(editor, 'issue', '生态')).toEqual([]);
  });
});

/** A China date `days` after today, for deadlines. */
const inDays = (days: number) =>
  new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('leaders’ instructions and their feedback (批示)', () => {
  let id: string;

  beforeAll(async () => {
    const res = await editor.request('POST', '/api/instructions/records', {
      source: 'paper',
      leaderName: '王某某',
      leaderTitle: '汾阳市副市长',
      level: 'county',
      text: '要加强秸秆禁烧工作，确保空气质量持续改善。',
      instructedOn: todayInChina(),
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });

  it('is found by the leader and the text, by the office only until assigned', async () => {
    for (const q of ['秸秆', '王某某', '副市长'])
      expect(await found(editor, 'instruction', q), q).toEqual([id]);
    const [hit] = await hitsOf(editor, 'instruction', '禁烧');
    expect(marked(hit?.snippet)).toEqual(['禁烧']);
    expect(hit?.title.map((p) => p.text).join('')).toBe('王某某（汾阳市副市长）批示');
    expect(hit?.link).toBe(`/instructions/${id}`);
    expect(hit?.meta).toEqual(expect.arrayContaining(['县级', '汾阳市人民政府办公室']));
    expect(await found(chief, 'instruction', '秸秆')).toEqual([id]);
    for (const s of [llEditor, reporter, signer, leader])
      expect(await found(s, 'instruction', '秸秆')).toEqual([]);
  });

  it('a handling unit finds it once assigned, by the text and its own requirement and feedback only', async () => {
    const [czj, swj] = await Promise.all([orgByCode(t, 'fy_czj'), orgByCode(t, 'fy_swj')]);
    const view = (await editor.request('GET', `/api/instructions/${id}`)).json();
    const assigned = await editor.request('POST', `/api/instructions/${id}/assignments`, {
      assignments: [
        { unitId: czj.id, deadline: inDays(5), requirement: '报送禁烧巡查情况' },
        { unitId: swj.id, deadline: inDays(5) },
      ],
      version: view.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    for (const s of [reporter, signer, otherReporter])
      expect(await found(s, 'instruction', '秸秆')).toEqual([id]);
    expect(await found(reporter, 'instruction', '巡查')).toEqual([id]);
    expect(await found(otherReporter, 'instruction', '巡查')).toEqual([]);
    expect(await found(editor, 'instruction', '巡查')).toEqual([id]);

    const mine = (await reporter.request('GET', `/api/instructions/${id}`)).json().assignments[0];
    const fb = await reporter.request('POST', `/api/instruction-assignments/${mine.id}/feedback`, {
      text: '已组织网格员开展夜间巡逻，未发现露天焚烧。',
      version: mine.version,
    });
    expect(fb.statusCode, fb.body).toBe(201);
    expect(await found(reporter, 'instruction', '网格员')).toEqual([id]);
    expect(await found(otherReporter, 'instruction', '网格员')).toEqual([]);
    expect(await found(llEditor, 'instruction', '网格员')).toEqual([]);
    const [hit] = await hitsOf(editor, 'instruction', '网格员');
    expect(hit?.id).toBe(id);
    expect(hit?.snippet.map((p) => p.text).join('')).toMatch(/^落实反馈：已组织网格员/);
    expect(marked(hit?.snippet)).toEqual(['网格员']);
  });

  it('the leader who gave it finds it with all its handling; the day filter applies, item-only ones not', async () => {
    expect(await found(leader, 'instruction', '网格员')).toEqual([]);
    // As if written by the demo leader (writing one online needs an item circulated to them).
    const leaderId = await userId(t, 'leader');
    await t.database.db.update(instructions).set({ leaderId }).where(eq(instructions.id, id));
    expect(await found(leader, 'instruction', '网格员')).toEqual([id]);
    expect(await found(editor, 'instruction', '秸秆', { from: todayInChina(), to: todayInChina() })).toEqual([
      id,
    ]);
    expect(await found(editor, 'instruction', '秸秆', { from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect(await found(editor, 'instruction', '秸秆', { categoryCode: 'x' })).toEqual([]);
  });
});

describe('commissions (约稿)', () => {
  let commission: { id: string; version: number };

  beforeAll(async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const res = await editor.request('POST', '/api/commissions', {
      topic: '冬季供暖保障',
      requirements: '请报送供暖设施检修和煤炭储备情况。',
      deadline: `${inDays(10)}T18:00:00+08:00`,
      contactName: '王丽',
      contactPhone: '0358-7222222',
      unitIds: [czj.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    commission = res.json();
  });

  it('a draft is found by the topic and requirements in the office only', async () => {
    for (const q of ['供暖', '煤炭'])
      expect(await found(editor, 'commission', q), q).toEqual([commission.id]);
    const [hit] = await hitsOf(editor, 'commission', '供暖');
    expect(marked(hit?.title)).toEqual(['供暖']);
    expect(marked(hit?.snippet)).toEqual(['供暖']);
    expect(hit?.link).toBe(`/commissions/${commission.id}`);
    expect(hit?.meta).toEqual(expect.arrayContaining(['汾阳市人民政府办公室', '草稿']));
    expect(await found(chief, 'commission', '供暖')).toEqual([commission.id]);
    for (const s of [llEditor, reporter, signer, leader])
      expect(await found(s, 'commission', '供暖')).toEqual([]);
  });

  it('follows an edit, and once issued is found by the units it was sent to only', async () => {
    const edited = await editor.request('PATCH', `/api/commissions/${commission.id}`, {
      topic: '冬季安全生产',
      version: commission.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await found(editor, 'commission', '安全生产')).toEqual([commission.id]);
    expect(await found(editor, 'commission', '保障')).toEqual([]);
    const issued = await editor.request('POST', `/api/commissions/${commission.id}/issue`, {
      version: edited.json().version,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(await found(reporter, 'commission', '安全生产')).toEqual([commission.id]);
    expect(await found(signer, 'commission', '煤炭')).toEqual([commission.id]);
    for (const s of [otherReporter, llEditor, leader])
      expect(await found(s, 'commission', '安全生产')).toEqual([]);
    const [hit] = await hitsOf(reporter, 'commission', '安全生产');
    expect(hit?.meta[0]).toMatch(/约〔\d{4}〕\d+号$/);
    expect((await search(reporter, { q: '安全生产' })).groups.map((g) => [g.kind, g.label])).toEqual([
      ['item', '信息'],
      ['issue', '刊物'],
      ['instruction', '批示'],
      ['commission', '约稿'],
      ['meeting', '会议培训'],
    ]);
  });
});

describe('meetings and trainings (会议培训)', () => {
  let meeting: { id: string; version: number };
  const fields = {
    kind: 'training',
    level: 'county',
    title: '全市政务信息业务培训班',
    organiser: '汾阳市人民政府办公室',
    startsAt: '2026-03-12T09:00:00+08:00',
    location: '市政府三楼会议室',
  };

  beforeAll(async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const res = await editor.request('POST', '/api/meetings', { ...fields, unitIds: [czj.id] });
    expect(res.statusCode, res.body).toBe(201);
    meeting = res.json();
  });

  it('is found by its title and place by the office and the invited units only', async () => {
    expect(await found(editor, 'meeting', '业务培训')).toEqual([meeting.id]);
    expect(await found(editor, 'meeting', '三楼会议室')).toEqual([meeting.id]);
    const [hit] = await hitsOf(editor, 'meeting', '业务培训');
    expect(marked(hit?.title)).toEqual(['业务培训']);
    expect(hit?.link).toBe(`/meetings/${meeting.id}`);
    expect(hit?.meta).toEqual(expect.arrayContaining(['县级培训', '市政府三楼会议室']));
    expect(await found(reporter, 'meeting', '业务培训')).toEqual([meeting.id]);
    for (const s of [otherReporter, llEditor, leader])
      expect(await found(s, 'meeting', '业务培训')).toEqual([]);
    expect(await found(editor, 'meeting', '业务培训', { from: '2026-03-13' })).toEqual([]);
    expect(await found(editor, 'meeting', '业务培训', { status: 'accepted' })).toEqual([]);
  });

  it('follows the minutes written afterwards', async () => {
    expect(await found(editor, 'meeting', '标题提炼')).toEqual([]);
    const czj = await orgByCode(t, 'fy_czj');
    const res = await editor.request('PUT', `/api/meetings/${meeting.id}`, {
      ...fields,
      unitIds: [czj.id],
      minutes: '培训讲解了信息标题提炼和数据核实的方法。',
      version: meeting.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found(editor, 'meeting', '标题提炼')).toEqual([meeting.id]);
    expect(marked((await hitsOf(editor, 'meeting', '标题提炼'))[0]?.snippet)).toEqual(['标题提炼']);
  });
});

describe('rebuilding the index', () => {
  it('xinbao reindex rebuilds every kind; a kind without index rows is indexed at start', async () => {
    const db = t.database.db;
    const counts = await reindexAll(db);
    expect(counts.map((c) => c.kind)).toEqual(['item', 'issue', 'instruction', 'commission', 'meeting']);
    expect(counts.every((c) => c.count > 0)).toBe(true);
    expect(await found(editor, 'commission', '安全生产')).toHaveLength(1);
    expect(await indexWhatIsMissing(db)).toEqual([]);
    await db.delete(searchIndex).where(eq(searchIndex.kind, 'commission'));
    expect(await found(editor, 'commission', '安全生产')).toEqual([]);
    expect((await indexWhatIsMissing(db)).map((c) => c.kind)).toEqual(['commission']);
    expect(await found(editor, 'commission', '安全生产')).toHaveLength(1);
  });
});
