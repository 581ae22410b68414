import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemCredits, itemVersions } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { splitCredits } from './commands/merge-items.ts';
import {
  act,
  itemAudits,
  itemRow,
  makeItem,
  orgByCode,
  publicationByName,
  snapshot,
  timeline,
} from './test-factory.ts';

let t: TestApp;
let editor: Session;
let chief: Session;
let reporter: Session;
let llEditor: Session;

beforeAll(async () => {
  t = await createTestApp();
  [editor, chief, reporter, llEditor] = await Promise.all(
    ['editor', 'chief', 'fy_czj_xxy', 'll_editor'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

const TEXT = {
  title: '我市多部门联动做好汛期安全防范工作',
  body: '入汛以来，财政局、水务局、文化局等部门密切配合，统筹资金、排查隐患、加强值守。\n下一步，各部门将持续压实责任，确保安全度汛。',
  categoryCode: 'comprehensive',
};
const merge = (s: Session, body: unknown) => s.request('POST', '/api/items/merge', body);

async function snapshots(ids: string[]) {
  return Promise.all(ids.map((id) => snapshot(t, id)));
}

describe('POST /api/items/merge (合报)', () => {
  it('needs a session, office staff and a valid body', async () => {
    const a = await makeItem(t, { status: 'submitted' });
    const b = await makeItem(t, { unit: 'fy_swj', status: 'submitted' });
    const body = { ids: [a.id, b.id], ...TEXT };
    expect((await anonymous(t.app, 'POST', '/api/items/merge', body)).statusCode).toBe(401);
    expect((await merge(reporter, body)).statusCode).toBe(403);
    for (const [bad, message] of [
      [{ ...body, ids: [a.id] }, '合报至少需要选择两条信息'],
      [{ ...body, ids: [a.id, a.id] }, '所选信息有重复'],
      [{ ...body, title: '' }, '请填写标题'],
      [{ ...body, body: '   ' }, '请填写正文'],
      [{ ...body, priority: 'high' }, '紧急程度'],
    ] as const) {
      const res = await merge(editor, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
    }
    const unknownCategory = await merge(editor, { ...body, categoryCode: 'gossip' });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().message).toBe('信息类别不存在或已停用');
    expect((await itemRow(t, a.id)).status).toBe('submitted');
  });

  it('makes one submitted item whose credit the origin units share evenly', async () => {
    const a = await makeItem(t, { unit: 'fy_czj', status: 'submitted', keywords: ['防汛'] });
    const b = await makeItem(t, {
      unit: 'fy_swj',
      status: 'submitted',
      priority: 'urgent',
      keywords: ['防汛', '水库'],
    });
    const c = await makeItem(t, { unit: 'fy_whj', status: 'submitted', secrecy: 'secret' });
    const d = await makeItem(t, { unit: 'fy_czj', status: 'submitted' });
    const res = await merge(editor, { ids: [a.id, b.id, c.id, d.id], ...TEXT, reason: '同一事件合并报送' });
    expect(res.statusCode, res.body).toBe(201);
    const merged = res.json();
    const czj = await orgByCode(t, 'fy_czj');
    const swj = await orgByCode(t, 'fy_swj');
    const whj = await orgByCode(t, 'fy_whj');
    expect(merged).toMatchObject({
      title: TEXT.title,
      status: 'submitted',
      categoryCode: 'comprehensive',
      priority: 'urgent',
      secrecy: 'secret',
      keywords: ['防汛', '水库'],
      submittingUnit: { id: czj.id },
      originUnit: { id: czj.id },
      office: { name: '汾阳市人民政府办公室' },
      version: 1,
    });
    expect(merged.actions).toEqual(expect.arrayContaining(['accept', 'return', 'reject']));
    // Three distinct units: 334 + 333 + 333, the remainder to the first.
    const credits = await t.database.db.select().from(itemCredits).where(eq(itemCredits.itemId, merged.id));
    expect(Object.fromEntries(credits.map((c) => [c.unitId, c.shareMille]))).toEqual({
      [czj.id]: 334,
      [swj.id]: 333,
      [whj.id]: 333,
    });
    const versions = await t.database.db
      .select()
      .from(itemVersions)
      .where(eq(itemVersions.itemId, merged.id));
    expect(versions).toEqual([
      expect.objectContaining({
        versionNo: 1,
        title: TEXT.title,
        reason: '同一事件合并报送',
        editorName: '张文秀',
      }),
    ]);
    for (const source of [a, b, c, d]) {
      const row = await itemRow(t, source.id);
      expect(row).toMatchObject({ status: 'merged', mergedIntoId: merged.id, version: source.version + 1 });
      expect((await timeline(t, source.id)).at(-1)).toMatchObject({
        action: 'merge',
        fromStatus: 'submitted',
        toStatus: 'merged',
      });
    }
    expect(await timeline(t, merged.id)).toEqual([
      expect.objectContaining({ action: 'merged_from', toStatus: 'submitted', reason: '同一事件合并报送' }),
    ]);
    const [audit] = await itemAudits(t, merged.id, 'item.merged');
    expect((audit.diff as { sources: string[] }).sources).toHaveLength(4);
    // A merged source is final; the unit sees where it went.
    const source = await reporter.request('GET', `/api/items/${a.id}`);
    expect(source.json()).toMatchObject({ status: 'merged', mergedInto: { id: merged.id }, actions: [] });
  });

  it('keeps the shared credit when the merged item is forwarded', async () => {
    const a = await makeItem(t, { unit: 'fy_xmj', status: 'submitted' });
    const b = await makeItem(t, { unit: 'fy_lyj', status: 'submitted' });
    const merged = (await merge(chief, { ids: [a.id, b.id], ...TEXT })).json();
    const fyPublication = (await publicationByName(t, '汾阳政务信息')).id;
    const accepted = (await act(editor, merged, 'accept', { targetPublicationId: fyPublication })).json();
    const forwarded = (await act(editor, accepted, 'forward')).json();
    const copyCredits = await t.database.db
      .select()
      .from(itemCredits)
      .where(eq(itemCredits.itemId, forwarded.forwardedTo.id));
    expect(copyCredits.map((c) => c.shareMille).sort()).toEqual([500, 500]);
  });

  it('changes nothing when a source is not submitted, naming it', async () => {
    const a = await makeItem(t, { status: 'submitted' });
    const b = await makeItem(t, { unit: 'fy_swj', status: 'accepted' });
    const ids = [a.id, b.id];
    const before = await snapshots(ids);
    const res = await merge(editor, { ids, ...TEXT });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(`第 ${b.serial} 号信息：信息当前状态为“拟采用”，不能执行“合报”`);
    expect(await snapshots(ids)).toEqual(before);
  });

  it('changes nothing on a stale version, another office’s item, or one the caller cannot see', async () => {
    const a = await makeItem(t, { status: 'submitted' });
    const b = await makeItem(t, { unit: 'fy_swj', status: 'submitted' });
    const upper = await makeItem(t, { unit: 'fy', office: 'll', origin: 'fy_whj', status: 'submitted' });
    const ids = [a.id, b.id, upper.id];
    const before = await snapshots(ids);
    const stale = await merge(editor, { ids: [a.id, b.id], ...TEXT, versions: { [b.id]: 3 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe(`第 ${b.serial} 号信息：该信息已被他人修改，请刷新后重试`);
    // 汾阳 sees its copy at 吕梁 but may not merge it.
    const foreign = await merge(editor, { ids: [a.id, upper.id], ...TEXT });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toBe(`第 ${upper.serial} 号信息：您无权对此信息执行“合报”`);
    // 吕梁 cannot see 汾阳's inbox.
    const hidden = await merge(llEditor, { ids: [upper.id, a.id], ...TEXT });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain(a.title);
    expect(await snapshots(ids)).toEqual(before);
  });
});

describe('splitCredits', () => {
  it('splits evenly in thousandths, the remainder to the first unit', () => {
    expect(splitCredits(['a', 'b'])).toEqual([
      { unitId: 'a', shareMille: 500 },
      { unitId: 'b', shareMille: 500 },
    ]);
    expect(splitCredits(['a', 'b', 'a', 'c']).map((c) => c.shareMille)).toEqual([334, 333, 333]);
    for (let n = 1; n <= 13; n++) {
      const shares = splitCredits(Array.from({ length: n }, (_, i) => `u${i}`));
      expect(shares.reduce((s, c) => s + c.shareMille, 0)).toBe(1000);
      expect(
        Math.max(...shares.map((c) => c.shareMille)) - Math.min(...shares.map((c) => c.shareMille)),
      ).toBeLessThan(n);
    }
  });
});
