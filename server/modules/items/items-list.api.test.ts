import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { beijingIsoDay, DEFAULT_WORKFLOW_LIMITS, deadlineOf } from './deadline.ts';
import { createDraft, orgByCode, setState, submitThroughUnit } from './items.test-support.ts';
import { deadlineSql } from './queries/deadline-sql.ts';
import type { ItemSummary } from './schemas.ts';

let t: TestApp;
let jyj: Session; // 教育局 信息员 (一类部门)
let jyjSigner: Session;
let sjj: Session; // 审计局 信息员 (二类部门)
let zgh: Session; // 总工会 信息员 (三类部门)
let editor: Session;

/** Every title carries the marker, so the demo year's items never get in the way. */
const M = '列表测试';
const HOUR = 3_600_000;
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * HOUR);
const beijing = (s: string) => new Date(`${s}+08:00`);

const ids: Record<string, string> = {};
const serials: Record<string, number> = {};

type Page = {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
};
async function list(s: Session, query: string): Promise<Page> {
  const res = await s.request('GET', `/api/items?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const inbox = (extra = '') => list(editor, `box=inbox&q=${encodeURIComponent(M)}${extra}`);
const names = (page: Page) => page.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? i.id);

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [jyj, jyjSigner, sjj, zgh, editor] = await Promise.all(
    ['fy_jyj_xxy', 'fy_jyj_qf', 'fy_sjj_xxy', 'fy_zgh_xxy', 'editor'].map((u) => login(t.app, u)),
  );
  const make = async (
    key: string,
    s: Session,
    state: Parameters<typeof setState>[2] | null,
    extra: Record<string, unknown> = {},
  ) => {
    const item = await createDraft(s, { title: `${M}${key}`, ...extra });
    ids[key] = item.id;
    serials[key] = item.serial;
    if (state) await setState(t, item.id, state);
  };
  await make('a1', jyj, null);
  await make('a2', jyj, { status: 'submitted', submittedAt: ago(1) });
  await make('a3', jyj, { status: 'submitted', submittedAt: ago(10), priority: 'urgent' });
  await make('a4', jyj, { status: 'accepted', submittedAt: beijing('2025-03-01T23:30:00') });
  await make('a5', jyj, { status: 'returned', submittedAt: ago(72), priority: 'for_reading' });
  await make('a6', jyj, { status: 'pending_signoff' });
  await make('b1', sjj, { status: 'submitted', submittedAt: ago(240) }, { categoryCode: 'experience' });
  await make(
    'b2',
    sjj,
    { status: 'submitted', submittedAt: ago(2), priority: 'for_reading' },
    { body: '市审计局开展专项审计调查，重点核查检索正文词组甲乙丙的使用情况。', keywords: ['检索关键词丁'] },
  );
  await make(
    'c1',
    zgh,
    { status: 'rejected', submittedAt: beijing('2025-03-02T00:10:00') },
    { categoryCode: 'problem' },
  );
  await make('c2', zgh, null);
});
afterAll(() => t.close());

describe('access rules', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous(t.app, 'GET', '/api/items?box=mine')).statusCode).toBe(401);
  });

  it('opens each queue only to its roles (403 naming the queue)', async () => {
    const refusals: [Session, string, RegExp][] = [
      [editor, 'mine', /我的信息/],
      [editor, 'signoff', /待签发/],
      [jyj, 'inbox', /收稿箱/],
      [jyj, 'forwarded', /转报与采用/],
      [jyj, 'signoff', /待签发/],
      [jyjSigner, 'inbox', /收稿箱/],
    ];
    for (const [s, box, message] of refusals) {
      const res = await s.request('GET', `/api/items?box=${box}`);
      expect(res.statusCode, `${s.username} ${box}`).toBe(403);
      expect(res.json().message).toMatch(message);
    }
    for (const username of ['admin', 'auditor', 'leader']) {
      const s = await login(t.app, username);
      expect((await s.request('GET', '/api/items?box=inbox')).statusCode, username).toBe(403);
    }
  });

  it('answers 400 to malformed queries', async () => {
    const bad = [
      '',
      'box=all',
      'box=inbox&pageSize=101',
      'box=inbox&pageSize=0',
      'box=inbox&page=0',
      'box=inbox&status=lost',
      'box=inbox&priority=asap',
      'box=inbox&from=2025-13-01',
      'box=inbox&to=yesterday',
      'box=inbox&unitId=abc',
      'box=inbox&sort=title',
      'box=inbox&order=up',
      `box=inbox&q=${'长'.repeat(101)}`,
    ];
    for (const query of bad) {
      expect((await editor.request('GET', `/api/items?${encodeURI(query)}`)).statusCode, query).toBe(400);
    }
  });
});

describe('queues', () => {
  it('我的信息: every item of the caller’s unit in any state, with counts per status', async () => {
    const page = await list(jyj, `box=mine&q=${encodeURIComponent(M)}`);
    expect(names(page).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(page.counts).toEqual({ draft: 1, submitted: 2, accepted: 1, returned: 1, pending_signoff: 1 });
    expect(page.total).toBe(6);
    const draft = page.items.find((i) => i.id === ids.a1);
    expect(draft?.actions).toEqual(expect.arrayContaining(['edit', 'submit_for_signoff']));
    // Another unit's reporter sees none of them.
    expect((await list(sjj, `box=mine&q=${encodeURIComponent(M)}`)).items.map((i) => i.id).sort()).toEqual(
      [ids.b1, ids.b2].sort(),
    );
  });

  it('待签发: what awaits the signer of their own unit', async () => {
    const page = await list(jyjSigner, 'box=signoff');
    expect(page.items.map((i) => i.id)).toEqual([ids.a6]);
    expect(page.items[0].actions).toEqual(expect.arrayContaining(['sign', 'signer_return']));
  });

  it('收稿箱: what was submitted to the office, never drafts, with counts per status', async () => {
    const page = await inbox();
    expect(names(page).sort()).toEqual(['a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'c1']);
    expect(page.counts).toEqual({ submitted: 4, accepted: 1, returned: 1, rejected: 1 });
    expect(page.total).toBe(7);
    const jyjOrg = await orgByCode(t, 'fy_jyj');
    expect(page.items.find((i) => i.id === ids.a2)).toMatchObject({
      status: 'submitted',
      statusLabel: '已报送',
      categoryLabel: '动态',
      submittingUnit: { id: jyjOrg.id, name: jyjOrg.name, groupCode: 'dept_1' },
      originUnit: { id: jyjOrg.id },
      forwardedTo: null,
      adoptionCount: 0,
      adoptions: [],
    });
    expect(page.items.every((i) => Array.isArray(i.adoptions) && i.adoptions.length === 0)).toBe(true);
  });

  it('puts urgent and 送阅件 awaiting a decision first, then overdue ones, then the newest', async () => {
    expect(names(await inbox())).toEqual(['a3', 'b2', 'b1', 'a2', 'a5', 'c1', 'a4']);
  });

  it('marks overdue items: still submitted after the deadline', async () => {
    const page = await inbox();
    const overdue = page.items.filter((i) => i.overdue).map((i) => i.id);
    expect(overdue.sort()).toEqual([ids.a3, ids.b1].sort());
    const a3 = page.items.find((i) => i.id === ids.a3);
    expect(a3?.deadlineAt).toBe(new Date(now - 10 * HOUR + 6 * HOUR).toISOString());
  });
});

describe('filters', () => {
  it('by status, with the counts of all statuses under the other filters', async () => {
    const page = await inbox('&status=submitted');
    expect(names(page).sort()).toEqual(['a2', 'a3', 'b1', 'b2']);
    expect(page.total).toBe(4);
    expect(page.counts).toEqual({ submitted: 4, accepted: 1, returned: 1, rejected: 1 });
  });

  it('by unit, assessment group, category and priority', async () => {
    const sjjOrg = await orgByCode(t, 'fy_sjj');
    expect(names(await inbox(`&unitId=${sjjOrg.id}`)).sort()).toEqual(['b1', 'b2']);
    expect(names(await inbox('&groupCode=dept_3'))).toEqual(['c1']);
    expect(names(await inbox('&groupCode=dept_2')).sort()).toEqual(['b1', 'b2']);
    expect(names(await inbox('&categoryCode=experience'))).toEqual(['b1']);
    const urgent = await inbox('&priority=urgent');
    expect(names(urgent)).toEqual(['a3']);
    expect(urgent.counts).toEqual({ submitted: 1 });
  });

  it('by Beijing calendar days', async () => {
    expect(names(await inbox('&from=2025-03-01&to=2025-03-01'))).toEqual(['a4']);
    expect(names(await inbox('&from=2025-03-02&to=2025-03-02'))).toEqual(['c1']);
    expect(names(await inbox('&to=2025-03-02')).sort()).toEqual(['a4', 'c1']);
  });

  it('by title words, % and _ being no wildcards, or by serial number', async () => {
    expect(names(await list(editor, `box=inbox&q=${encodeURIComponent(`${M}b2`)}`))).toEqual(['b2']);
    // Punctuation is not searched: "列表测试%" is "列表测试"; "%" or "_" alone matches nothing.
    const all = await list(editor, `box=inbox&q=${encodeURIComponent(M)}`);
    expect(all.total).toBeGreaterThan(1);
    expect((await list(editor, `box=inbox&q=${encodeURIComponent(`${M}%`)}`)).total).toBe(all.total);
    for (const q of ['%', '_', '%_%']) {
      const page = await list(editor, `box=inbox&q=${encodeURIComponent(q)}`);
      expect(page.total, q).toBe(0);
    }
    const bySerial = await list(editor, `box=inbox&q=${serials.b1}`);
    expect(bySerial.items.map((i) => i.id)).toContain(ids.b1);
  });

  it('by words of the body or by a keyword, in any order when spaced, exactly when quoted', async () => {
    expect(names(await list(editor, `box=inbox&q=${encodeURIComponent('检索正文词组甲乙丙')}`))).toEqual([
      'b2',
    ]);
    expect(names(await list(editor, `box=inbox&q=${encodeURIComponent('检索关键词丁')}`))).toEqual(['b2']);
    // Words apart in the text, given in another order: both must occur.
    expect(names(await list(editor, `box=inbox&q=${encodeURIComponent('甲乙丙 专项审计')}`))).toEqual(['b2']);
    // Quoted, they must occur together as typed.
    expect((await list(editor, `box=inbox&q=${encodeURIComponent('"甲乙丙 专项审计"')}`)).total).toBe(0);
    expect(names(await list(editor, `box=inbox&q=${encodeURIComponent('"专项审计调查"')}`))).toEqual(['b2']);
    // A word excluded with a minus.
    expect((await list(editor, `box=inbox&q=${encodeURIComponent('甲乙丙 -审计')}`)).total).toBe(0);
  });
});

describe('paging and sorting', () => {
  it('pages through the queue without overlap', async () => {
    const all = names(await inbox());
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const p = await inbox(`&page=${page}&pageSize=3`);
      expect(p).toMatchObject({ page, pageSize: 3, total: 7 });
      pages.push(...names(p));
    }
    expect(pages).toEqual(all);
    expect((await inbox('&page=4&pageSize=3')).items).toEqual([]);
  });

  it('sorts by submission time either way', async () => {
    expect(names(await inbox('&sort=submittedAt&order=asc'))).toEqual([
      'a4',
      'c1',
      'b1',
      'a5',
      'a3',
      'b2',
      'a2',
    ]);
    expect(names(await inbox('&sort=submittedAt&order=desc'))).toEqual([
      'a2',
      'b2',
      'a3',
      'a5',
      'b1',
      'c1',
      'a4',
    ]);
  });

  it('sorts by deadline, soonest first', async () => {
    const page = await inbox('&sort=deadline');
    const deadlines = page.items.map((i) => i.deadlineAt as string);
    expect(deadlines).toEqual([...deadlines].sort());
    // 周日 00:10 + 3 working days (Wed 00:10) comes before 周六 23:30 + 3 (Wed 23:30).
    expect(names(page).slice(0, 2)).toEqual(['c1', 'a4']);
  });
});

describe('deadlines in SQL', () => {
  it('match the TypeScript arithmetic for every weekday, hour and limit', async () => {
    const id = ids.c2;
    const cases: { submittedAt: Date; priority: 'normal' | 'urgent' | 'for_reading'; days: number }[] = [];
    // 2025-03-03 is a Monday; two weeks of starts around Beijing midnight and in the day.
    for (let day = 0; day < 14; day++) {
      for (const hm of ['00:00', '00:30', '07:59', '08:00', '15:45', '23:59']) {
        const d = String(3 + day).padStart(2, '0');
        cases.push({
          submittedAt: beijing(`2025-03-${d}T${hm}:00`),
          priority: 'normal',
          days: (day % 12) + 1,
        });
      }
    }
    cases.push({ submittedAt: beijing('2025-03-08T10:00:00'), priority: 'urgent', days: 3 });
    cases.push({ submittedAt: beijing('2025-03-08T10:00:00'), priority: 'for_reading', days: 3 });
    expect(new Set(cases.map((c) => beijingIsoDay(c.submittedAt))).size).toBe(7);
    for (const c of cases) {
      const limits = { ...DEFAULT_WORKFLOW_LIMITS, routineWorkingDays: c.days };
      await setState(t, id, {
        status: 'submitted',
        submittedAt: c.submittedAt,
        priority: c.priority,
        eventAt: null,
      });
      const [row] = await t.database.db
        .select({ deadline: deadlineSql(limits) })
        .from(items)
        .where(eq(items.id, id));
      const expected = deadlineOf({ ...c, status: 'submitted', eventAt: null }, limits);
      expect(new Date(row.deadline as unknown as string).toISOString(), JSON.stringify(c)).toBe(
        expected?.toISOString(),
      );
    }
    await setState(t, id, { status: 'draft', submittedAt: null, priority: 'normal' });
  });
});

describe('转报与采用', () => {
  it('lists what the office forwarded, with the upper status and the adoptions recorded', async () => {
    const item = await createDraft(jyj, { title: '转报箱测试：市教育局推进集团化办学' });
    const submitted = await submitThroughUnit(jyj, jyjSigner, item.id);
    const [own] = (await editor.request('GET', '/api/publications?scope=own')).json();
    const accepted = await editor.request('POST', `/api/items/${item.id}/actions/accept`, {
      version: submitted.version,
      targetPublicationId: own.id,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const forwarded = await editor.request('POST', `/api/items/${item.id}/actions/forward`, {
      version: accepted.json().version,
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const upper = (await editor.request('GET', '/api/publications?scope=upper')).json();
    const adoption = await editor.request('POST', `/api/items/${item.id}/adoptions`, {
      publicationId: upper[0].id,
      adoptionKind: '全文采用',
      adoptedOn: '2025-05-06',
      issueLabel: '2025年第12期',
    });
    expect(adoption.statusCode, adoption.body).toBe(201);

    const page = await list(editor, `box=forwarded&q=${encodeURIComponent('转报箱测试')}`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: item.id,
      forwardedTo: { status: 'submitted', officeName: '吕梁市人民政府办公室' },
      adoptionCount: 1,
    });
    expect(page.items[0].adoptions).toEqual([
      {
        id: adoption.json().adoptions[0].id,
        publicationId: upper[0].id,
        publicationName: upper[0].name,
        adoptionKind: '全文采用',
        adoptedOn: '2025-05-06',
        issueLabel: '2025年第12期',
      },
    ]);
    // The upper office finds the copy in its own inbox, submitted by the 汾阳 office.
    const ll = await login(t.app, 'll_editor');
    const upperInbox = await list(ll, `box=inbox&q=${encodeURIComponent('转报箱测试')}`);
    expect(upperInbox.items).toHaveLength(1);
    expect(upperInbox.items[0].submittingUnit.name).toBe('汾阳市人民政府办公室');
    expect(upperInbox.items[0].originUnit.name).toBe('汾阳市教育局');
  });
});

describe('转报与采用统计 GET /api/items/forwarded-summary', () => {
  const TAG = '统计测试';
  type Summary = {
    forwarded: number;
    adopted: number;
    adoptions: number;
    byPublication: {
      publicationId: string;
      publicationName: string;
      officeName: string;
      count: number;
    }[];
    rankingOfficeId: string | null;
  };
  type Publication = { id: string; name: string; officeName: string };
  let upper: Publication[];
  const summary = async (s: Session, query = ''): Promise<Summary> => {
    const res = await s.request('GET', `/api/items/forwarded-summary?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const tagged = (extra = '') => summary(editor, `q=${encodeURIComponent(TAG)}${extra}`);

  /** An accepted item of 教育局 forwarded to 吕梁, adopted by the given upper publications. */
  async function forwardedItem(title: string, adoptedBy: Publication[]) {
    const item = await createDraft(jyj, { title });
    const submitted = await submitThroughUnit(jyj, jyjSigner, item.id);
    const [own] = (await editor.request('GET', '/api/publications?scope=own')).json();
    const accepted = await editor.request('POST', `/api/items/${item.id}/actions/accept`, {
      version: submitted.version,
      targetPublicationId: own.id,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const forwarded = await editor.request('POST', `/api/items/${item.id}/actions/forward`, {
      version: accepted.json().version,
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    for (const p of adoptedBy) {
      const res = await editor.request('POST', `/api/items/${item.id}/adoptions`, {
        publicationId: p.id,
        adoptionKind: '摘要采用',
        adoptedOn: '2025-06-01',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    return item;
  }

  beforeAll(async () => {
    upper = (await editor.request('GET', '/api/publications?scope=upper')).json();
    expect(upper.length).toBeGreaterThanOrEqual(2);
    await forwardedItem(`${TAG}：两刊采用`, [upper[0], upper[1]]);
    await forwardedItem(`${TAG}：一刊采用`, [upper[1]]);
    await forwardedItem(`${TAG}：未采用`, []);
  });

  it('answers 401 without a session, 403 to anyone but editors, 400 to malformed filters', async () => {
    expect((await anonymous(t.app, 'GET', '/api/items/forwarded-summary')).statusCode).toBe(401);
    for (const s of [jyj, jyjSigner, await login(t.app, 'admin'), await login(t.app, 'leader')]) {
      const res = await s.request('GET', '/api/items/forwarded-summary');
      expect(res.statusCode, s.username).toBe(403);
    }
    for (const query of ['from=2025-13-01', 'priority=asap', 'status=lost', 'unitId=abc']) {
      const res = await editor.request('GET', `/api/items/forwarded-summary?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    const chief = await login(t.app, 'chief');
    expect((await chief.request('GET', '/api/items/forwarded-summary')).statusCode).toBe(200);
  });

  it('counts forwarded and adopted items and the adoptions of every upper publication', async () => {
    const s = await tagged();
    expect(s).toMatchObject({ forwarded: 3, adopted: 2, adoptions: 3 });
    // Points are the assessment's (考核办法), read on the 考评排名 of the office that ranks 汾阳.
    expect(s).not.toHaveProperty('points');
    expect(s.rankingOfficeId).toBe((await orgByCode(t, 'll')).id);
    // Every active upper publication is listed, nearest office first, adopted or not.
    expect(s.byPublication.map((p) => p.publicationId)).toEqual(upper.map((p) => p.id));
    const [first, second, ...rest] = s.byPublication;
    expect(first).toEqual({
      publicationId: upper[0].id,
      publicationName: upper[0].name,
      officeName: upper[0].officeName,
      count: 1,
    });
    expect(second).toMatchObject({ count: 2 });
    expect(rest.every((p) => p.count === 0)).toBe(true);
  });

  it('follows the list filters', async () => {
    const single = await summary(editor, `q=${encodeURIComponent(`${TAG}：一刊采用`)}`);
    expect(single).toMatchObject({ forwarded: 1, adopted: 1, adoptions: 1 });
    expect(single.byPublication.find((p) => p.publicationId === upper[1].id)?.count).toBe(1);
    const otherUnit = await tagged(`&unitId=${(await orgByCode(t, 'fy_sjj')).id}`);
    expect(otherUnit).toMatchObject({ forwarded: 0, adoptions: 0 });
    expect(await tagged('&status=rejected')).toMatchObject({ forwarded: 0 });
    expect(await tagged('&status=accepted')).toMatchObject({ forwarded: 3, adoptions: 3 });
  });

  it('agrees with the forwarded list over all items, and stays within the caller’s office', async () => {
    const all = await summary(editor);
    const page = await list(editor, 'box=forwarded&pageSize=100');
    expect(page.total).toBeLessThanOrEqual(100);
    expect(all.forwarded).toBe(page.total);
    expect(all.adopted).toBe(page.items.filter((i) => i.adoptions.length > 0).length);
    expect(all.adoptions).toBe(page.items.reduce((n, i) => n + i.adoptions.length, 0));
    // 吕梁's editor sees none of what 汾阳 forwarded.
    const ll = await login(t.app, 'll_editor');
    expect(await summary(ll, `q=${encodeURIComponent(TAG)}`)).toMatchObject({
      forwarded: 0,
      adoptions: 0,
      rankingOfficeId: (await orgByCode(t, 'sx')).id,
    });
  });
});
