import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, get, itemInput } from './items.test-support.ts';
import type { ItemDetail } from './schemas.ts';
import { act, publicationByName } from './test-factory.ts';

/*
 * What the item page says about the latest submission: its sign-off, submission time and time
 * limit (void while the item is back with the unit), the version the unit sent (the base of the
 * editor's changes), and on an upper office's copy the origin unit's signer, not the forwarder.
 */

let t: TestApp;
let reporter: Session; // 汾阳市教育局 信息员
let signer: Session; // 汾阳市教育局 审核签发人
let editor: Session; // 汾阳 office
let llEditor: Session; // 吕梁 office

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [reporter, signer, editor, llEditor] = await Promise.all(
    ['fy_jyj_xxy', 'fy_jyj_qf', 'editor', 'll_editor'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

/** The display name the login answered with. */
const nameOf = (s: Session) => (s.me.user as unknown as { displayName: string }).displayName;

async function ok(res: Awaited<ReturnType<Session['request']>>): Promise<ItemDetail> {
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function patch(s: Session, item: ItemDetail, changes: Record<string, unknown>, reason: string) {
  const res = await s.request('PATCH', `/api/items/${item.id}`, {
    ...changes,
    reason,
    version: item.version,
  });
  return ok(res);
}

const BODY_V1 =
  '今年以来，市教育局实施校园安全提升工程，完成全市学校视频监控全覆盖。\n全年排查整改安全隐患46处，开展应急疏散演练120场次。';
const BODY_V2 = `${BODY_V1}\n下一步将建立校园安全风险常态化排查机制。`;
const BODY_V3 = `${BODY_V2}\n同时配齐专职保安和护校队伍。`;

describe('a returned item back with its unit', () => {
  let item: ItemDetail;
  let firstRound: { signedAt: string; submittedAt: string };

  beforeAll(async () => {
    item = await createDraft(reporter, { title: '市教育局推进校园安全提升工程', body: BODY_V1 });
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
    item = await ok(await act(signer, item, 'sign'));
    expect(item.signer?.signedAt).toBeTruthy();
    firstRound = { signedAt: item.signer!.signedAt!, submittedAt: item.submittedAt! };
    item = await ok(await act(editor, item, 'return', { reason: '请补充下一步打算' }));
  });

  it('keeps the round it was returned from while it is 退回修改', async () => {
    const seen = await get(reporter, item.id);
    expect(seen.status).toBe('returned');
    expect(seen.signer?.name).toBe(item.signer?.name);
  });

  it('shows no 签发人, 报送时间 or 办理时限 of the earlier round while it waits for sign-off again', async () => {
    item = await patch(reporter, item, { body: BODY_V2 }, '补充下一步打算');
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
    expect(item.status).toBe('pending_signoff');
    for (const s of [reporter, signer]) {
      const seen = await get(s, item.id);
      expect(seen).toMatchObject({ signer: null, submittedAt: null, deadlineAt: null, overdue: false });
    }
    // 我的信息 lists it without the earlier round's 报送时间 and 办理时限 too.
    const mine = (await reporter.request('GET', '/api/items?box=mine&pageSize=100')).json();
    const row = mine.items.find((r: { id: string }) => r.id === item.id);
    expect(row).toMatchObject({ submittedAt: null, deadlineAt: null, overdue: false });
  });

  it('shows none of them back in draft either', async () => {
    item = await ok(await act(signer, item, 'signer_return', { reason: '再核实一下数据' }));
    expect(item.status).toBe('draft');
    expect(item).toMatchObject({ signer: null, submittedAt: null, deadlineAt: null });
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
  });

  it('shows the new sign-off, submission time and time limit once signed again', async () => {
    await new Promise((r) => setTimeout(r, 5));
    item = await ok(await act(signer, item, 'sign'));
    const seen = await get(editor, item.id);
    expect(seen.status).toBe('submitted');
    expect(seen.signer?.name).toBe(nameOf(signer));
    expect(Date.parse(seen.signer!.signedAt!)).toBeGreaterThan(Date.parse(firstRound.signedAt));
    expect(Date.parse(seen.submittedAt!)).toBeGreaterThan(Date.parse(firstRound.submittedAt));
    expect(seen.deadlineAt).not.toBeNull();
  });
});

describe('the version the unit sent (与单位报送稿对比)', () => {
  it('is the version signed off in the latest submission, not the first draft', async () => {
    let item = await createDraft(reporter, { title: '市教育局开展校园食品安全检查', body: BODY_V1 });
    expect(item.submittedVersion).toBeNull();
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
    item = await ok(await act(signer, item, 'sign'));
    expect(item.submittedVersion).toBe(1);
    item = await ok(await act(editor, item, 'return', { reason: '请补充下一步打算' }));
    item = await patch(reporter, item, { body: BODY_V2 }, '补充下一步打算'); // v2
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
    item = await ok(await act(signer, item, 'sign')); // the unit sends v2
    item = await patch(editor, item, { body: BODY_V3 }, '编辑补充'); // v3, the editor's
    item = await patch(editor, item, { title: '市教育局筑牢校园食品安全防线' }, '编辑提炼标题'); // v4

    for (const s of [editor, reporter]) {
      const seen = await get(s, item.id);
      expect(seen.currentVersion).toBe(4);
      expect(seen.submittedVersion).toBe(2);
    }
    // Compared with what the unit sent, only the editor's changes show.
    const res = await editor.request('GET', `/api/items/${item.id}/diff?from=2&to=4`);
    expect(res.statusCode, res.body).toBe(200);
    const diff = res.json() as { body: { type: string; text: string }[] };
    const inserted = diff.body.filter((s) => s.type === 'insert').map((s) => s.text);
    expect(inserted.join('')).toBe('\n同时配齐专职保安和护校队伍。');
    expect(diff.body.filter((s) => s.type === 'delete')).toEqual([]);
  });

  it('is version 1 of an upper office’s copy: the text the lower office forwarded', async () => {
    const copy = await forwardedCopy('市教育局推进智慧校园建设');
    const seen = await get(llEditor, copy.id);
    expect(seen.submittedVersion).toBe(1);
  });
});

/** An item of 教育局, signed by its signer, accepted and forwarded by 汾阳's editor to 吕梁. */
async function forwardedCopy(title: string): Promise<ItemDetail> {
  let item = await createDraft(reporter, { title, body: BODY_V1 });
  item = await ok(await act(reporter, item, 'submit_for_signoff'));
  item = await ok(await act(signer, item, 'sign'));
  const fyPub = await publicationByName(t, '汾阳政务信息');
  item = await ok(await act(editor, item, 'accept', { targetPublicationId: fyPub.id }));
  item = await ok(await act(editor, item, 'forward'));
  return get(llEditor, item.forwardedTo!.id);
}

describe('an over-long title', () => {
  const TITLE_120 = `市教育局${'全面推进校园安全提升工程'.repeat(11)}`.slice(0, 120);

  it('is refused with the count when created or saved, never cut to 100', async () => {
    expect(TITLE_120).toHaveLength(120);
    const message = '标题过长，不能超过 100 字（当前 120 字），请精简后再保存';
    const created = await reporter.request('POST', '/api/items', itemInput({ title: TITLE_120 }));
    expect(created.statusCode).toBe(400);
    expect(created.json().message).toContain(message);
    const item = await createDraft(reporter, { title: '市教育局推进校园安全提升工程' });
    const saved = await reporter.request('PATCH', `/api/items/${item.id}`, {
      title: TITLE_120,
      version: item.version,
    });
    expect(saved.statusCode).toBe(400);
    expect(saved.json().message).toContain(message);
    expect((await get(reporter, item.id)).title).toBe('市教育局推进校园安全提升工程');
  });

  it('of 41 to 100 characters is saved whole, with a hint that a title should be short', async () => {
    const title = TITLE_120.slice(0, 52);
    const item = await createDraft(reporter, { title });
    expect(item.title).toBe(title);
    const res = await reporter.request('POST', '/api/items/check', { title, body: BODY_V1 });
    const hint = res.json().findings.find((f: { rule: string }) => f.rule === 'long_title');
    expect(hint).toMatchObject({
      severity: 'warning',
      message: '标题较长（52 字），政务信息标题宜简洁，一般不超过 40 字',
    });
  });
});

describe('the upper office’s copy of a forwarded item', () => {
  it('names the origin unit’s signer as 签发人 and the lower office’s editor as 转报人', async () => {
    const copy = await forwardedCopy('市教育局推进“互联网+教育”示范区建设');
    const original = await get(reporter, copy.forwardedFrom!.id);
    expect(original.signer?.name).toBe(nameOf(signer));
    expect(copy.signer).toEqual(original.signer);
    expect(copy.signer?.name).not.toBe(nameOf(editor));
    expect(copy.forwardedBy).toMatchObject({
      name: nameOf(editor),
      unitName: '汾阳市人民政府办公室',
    });
    expect(original.forwardedBy).toBeNull();
  });
});
