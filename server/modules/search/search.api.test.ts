import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, get, submitThroughUnit } from '../items/items.test-support.ts';
import { makeItem, orgByCode } from '../items/test-factory.ts';

/**
 * 全局检索 on the real API (docs/domain.md §8): Chinese text found by any two characters, spaced
 * words in any order, quoted phrases and exclusions; each role finds only what its lists show;
 * the index follows every write in the same transaction; bad queries are refused in Chinese.
 */
let t: TestApp;
let editor: Session;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let leader: Session;
let llEditor: Session;
let admin: Session;
const ids: Record<string, string> = {};

type Highlight = { text: string; hit: boolean }[];
type Result = {
  terms: string[];
  groups: {
    kind: string;
    label: string;
    count: number;
    capped: boolean;
    hits: { id: string; title: Highlight; snippet: Highlight; meta: string[]; link: string }[];
  }[];
};

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [editor, reporter, signer, otherReporter, leader, llEditor, admin] = await Promise.all(
    ['editor', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'leader', 'll_editor', 'admin'].map((u) =>
      login(t.app, u),
    ),
  );
  const make = async (key: string, unit: string, status: string, title: string, body: string) => {
    ids[key] = (await makeItem(t, { unit, status: status as never, title, body })).id;
  };
  await make(
    'czj',
    'fy_czj',
    'accepted',
    '市财政局推进农家书屋建设',
    '今年以来，市财政局投入资金支持农家书屋提档升级，惠及群众。',
  );
  await make(
    'swj',
    'fy_swj',
    'submitted',
    '市水务局农家书屋进村入户',
    '市水务局在农家开设书屋，并组织志愿者开展阅读活动。',
  );
  await make('draft', 'fy_czj', 'draft', '市财政局农家书屋草稿', '尚未提交的农家书屋草稿。');
  await make(
    'whj',
    'fy_whj',
    'accepted',
    '文化惠民工程扎实推进',
    '市文化局实施文化惠民工程，送戏下乡一百场。',
  );
  // Later, and with 文化惠民 in its body only.
  await new Promise((r) => setTimeout(r, 5));
  await make('xfj', 'fy_whj', 'accepted', '送戏下乡进社区', '市文化局把文化惠民演出送到社区。');
});
afterAll(() => t.close());

async function search(s: Session, params: Record<string, string>): Promise<Result> {
  const res = await s.request('GET', `/api/search?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const found = async (s: Session, q: string, extra: Record<string, string> = {}) =>
  (await search(s, { q, kind: 'item', ...extra })).groups[0]?.hits.map((h) => h.id) ?? [];

describe('Chinese text', () => {
  it('finds any two characters, spaced words in any order, quoted phrases, minus an excluded word', async () => {
    expect((await found(editor, '农家书屋')).sort()).toEqual([ids.czj, ids.swj].sort());
    // 市水务局's text has 农家 and 书屋 apart: found by the spaced words, not by the phrase.
    expect((await found(editor, '书屋 农家')).sort()).toEqual([ids.czj, ids.swj].sort());
    expect(await found(editor, '"农家书屋" 提档')).toEqual([ids.czj]);
    expect(await found(editor, '农家 -财政')).toEqual([ids.swj]);
    expect((await found(editor, '惠民')).sort()).toEqual([ids.whj, ids.xfj].sort());
    expect(await found(editor, '送戏下乡一百场')).toEqual([ids.whj]);
    expect(await found(editor, '没有这个词')).toEqual([]);
  });

  it('marks the matches in the title and the snippet, and says what it is', async () => {
    const r = await search(editor, { q: '农家书屋', kind: 'item' });
    expect(r.terms).toEqual(['农家书屋']);
    const hit = r.groups[0]?.hits.find((h) => h.id === ids.czj);
    expect(hit?.title.filter((p) => p.hit).map((p) => p.text)).toEqual(['农家书屋']);
    expect(hit?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['农家书屋']);
    expect(hit?.link).toBe(`/items/${ids.czj}`);
    expect(hit?.meta).toEqual(expect.arrayContaining(['汾阳市财政局', '汾阳市人民政府办公室']));
  });

  it('ranks a title match above a body match, or orders newest first', async () => {
    expect(await found(editor, '文化惠民')).toEqual([ids.whj, ids.xfj]);
    expect(await found(editor, '文化惠民', { order: 'date' })).toEqual([ids.xfj, ids.whj]);
    const grouped = await search(editor, { q: '书屋' });
    // Every kind has its group; only items say 书屋 here (the other kinds: kinds.api.test.ts).
    expect(grouped.groups[0]?.kind).toBe('item');
    expect(grouped.groups.filter((g) => g.count).map((g) => [g.kind, g.label, g.count])).toEqual([
      ['item', '信息', 2],
    ]);
  });
});

describe('who finds what (the lists’ own scope)', () => {
  it('a unit finds its own items, drafts included; the office never a unit’s draft', async () => {
    expect((await found(reporter, '农家书屋')).sort()).toEqual([ids.czj, ids.draft].sort());
    expect(await found(otherReporter, '农家书屋')).toEqual([ids.swj]);
    expect(await found(editor, '草稿')).toEqual([]);
  });

  it('another office, a leader without circulated items and the administrators find nothing of 汾阳', async () => {
    expect(await found(llEditor, '农家书屋')).toEqual([]);
    expect(await found(leader, '农家书屋')).toEqual([]);
    const refused = await admin.request('GET', `/api/search?q=${encodeURIComponent('农家书屋')}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('系统管理员、安全管理员和审计员不查看业务内容');
  });

  it('filters by unit, status and day', async () => {
    const swj = (await orgByCode(t, 'fy_swj')).id;
    expect(await found(editor, '农家书屋', { unitId: swj })).toEqual([ids.swj]);
    expect(await found(editor, '农家书屋', { status: 'accepted' })).toEqual([ids.czj]);
    expect(await found(editor, '农家书屋', { from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect(await found(editor, '农家书屋', { adopted: 'false' })).toHaveLength(2);
  });
});

describe('the index follows every write', () => {
  it('a new item is found at once; an edit by its new words and its old ones', async () => {
    const draft = await createDraft(reporter, {
      title: '市财政局开展减税降费政策宣讲',
      body: '市财政局深入企业宣讲减税降费政策。',
    });
    expect(await found(reporter, '减税降费')).toEqual([draft.id]);
    const before = await get(reporter, draft.id);
    const edited = await reporter.request('PATCH', `/api/items/${draft.id}`, {
      title: '市财政局助企纾困见实效',
      body: '市财政局落实助企纾困政策，惠及企业三百余家。',
      version: before.version,
      reason: '改写',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await found(reporter, '助企纾困')).toEqual([draft.id]);
    // The earlier version is still searched.
    expect(await found(reporter, '减税降费')).toEqual([draft.id]);
    // Once signed off, the office finds it too.
    await submitThroughUnit(reporter, signer, draft.id);
    expect(await found(editor, '助企纾困')).toEqual([draft.id]);
  });
});

describe('bad queries', () => {
  it('are refused in Chinese', async () => {
    for (const [qs, message] of [
      ['q=', /请输入要检索的内容/],
      [`q=${'字'.repeat(101)}`, /不能超过 100 个字/],
      ['q=a&kind=everything', /检索范围无效/],
      ['q=a&order=random', /排序方式/],
      ['q=a&from=2026-02-30', /开始日期须为有效日期/],
      ['q=a&from=2026-03-02&to=2026-03-01', /开始日期不能晚于结束日期/],
      ['q=a&unitId=nope', /单位编号格式不正确/],
    ] as const) {
      const res = await editor.request('GET', `/api/search?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().message, qs).toMatch(message);
    }
  });

  it('text with nothing to search (punctuation) finds nothing rather than everything', async () => {
    expect((await search(editor, { q: '%%，。' })).groups[0]?.hits).toEqual([]);
  });

  it('asks for a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/search?q=a' });
    expect(res.statusCode).toBe(401);
  });
});
