import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circulations } from '../../db/schema/index.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { makeIssue, userId } from '../circulation/circulation.test-support.ts';
import { indexIssues } from '../issues/index.ts';
import { createIssue, getIssue, setItems } from '../issues/issues.test-support.ts';
import { makeItem, orgByCode, publicationByName } from '../items/test-factory.ts';

/**
 * 全局检索 beyond items (docs/domain.md §8): publication issues, leaders' instructions with their
 * feedback, and commissions are found by any two characters of their text, each only by those its
 * own list shows it to, and the index follows every edit in the same transaction.
 */
let t: TestApp;
let editor: Session;
let chief: Session;
let leader: Session;
let llEditor: Session;
let reporter: Session;
let signer: Session;

type Highlight = { text: string; hit: boolean }[];
type Hit = { id: string; title: Highlight; snippet: Highlight; meta: string[]; link: string };
type Result = { groups: { kind: string; label: string; count: number; hits: Hit[] }[] };

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [editor, chief, leader, llEditor, reporter, signer] = await Promise.all(
    ['editor', 'chief', 'leader', 'll_editor', 'fy_czj_xxy', 'fy_czj_qf'].map((u) => login(t.app, u)),
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
