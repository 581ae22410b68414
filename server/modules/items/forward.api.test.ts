import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, itemVersions } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import {
  act,
  expectRefused,
  itemAudits,
  itemRow,
  makeItem,
  makeUser,
  orgByCode,
  publicationByName,
  sampleText,
  timeline,
} from './test-factory.ts';

let t: TestApp;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let editor: Session;
let chief: Session;
let llEditor: Session;
let llChief: Session;
let sxEditor: Session;
const pub = new Map<string, string>();
const pubId = (name: string) => pub.get(name) ?? name;

beforeAll(async () => {
  t = await createTestApp();
  await makeUser(t, 'sx_editor', 'sx', ['editor']);
  [reporter, signer, otherReporter, editor, chief, llEditor, llChief, sxEditor] = await Promise.all(
    ['fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'editor', 'chief', 'll_editor', 'll_chief', 'sx_editor'].map(
      (u) => login(t.app, u),
    ),
  );
  for (const name of ['汾阳政务信息', '吕梁政务信息●普刊', '晋政信息●普刊', '晋政信息●互联网']) {
    pub.set(name, (await publicationByName(t, name)).id);
  }
});
afterAll(() => t.close());

async function ok(res: Awaited<ReturnType<Session['request']>>, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

describe('the whole chain: a unit’s item all the way up', () => {
  it('drafts, signs, is returned, revised, resubmitted, accepted, forwarded, accepted above and adopted', async () => {
    const text = sampleText('财政局');
    let item = await ok(
      await reporter.request('POST', '/api/items', {
        title: text.title,
        body: text.body,
        categoryCode: 'experience',
        priority: 'normal',
        secrecy: 'public',
        authorPhone: '0358-7221234',
      }),
      201,
    );
    expect(item.status).toBe('draft');
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
    item = await ok(await act(signer, item, 'sign'));
    expect(item.status).toBe('submitted');

    item = await ok(await act(editor, item, 'return', { reason: '请补充资金拨付进度' }));
    expect(item.status).toBe('returned');
    const revisedBody = `${text.body}\n截至目前，已拨付专项资金一千二百万元，拨付进度达到百分之八十五。`;
    item = await ok(
      await reporter.request('PATCH', `/api/items/${item.id}`, {
        body: revisedBody,
        version: item.version,
        reason: '补充资金拨付进度',
      }),
    );
    item = await ok(await act(reporter, item, 'submit_for_signoff'));
    item = await ok(await act(signer, item, 'sign'));
    item = await ok(await act(editor, item, 'accept', { targetPublicationId: pubId('汾阳政务信息') }));
    expect(item.status).toBe('accepted');

    item = await ok(await act(editor, item, 'forward'));
    expect(item.forwardedTo).toMatchObject({ officeName: '吕梁市人民政府办公室', status: 'submitted' });
    expect(item.actions).not.toContain('forward');
    expect(item.actions).toContain('record_adoption');
    const copyId: string = item.forwardedTo.id;

    // The city office finds it in its inbox, with the revised text, and accepts it.
    const inbox = await ok(await llEditor.request('GET', '/api/items?box=inbox&pageSize=100'));
    const listed = inbox.items.find((i: { id: string }) => i.id === copyId);
    expect(listed).toMatchObject({
      status: 'submitted',
      submittingUnit: { name: '汾阳市人民政府办公室' },
      originUnit: { name: '汾阳市财政局' },
    });
    let copy = await ok(await llEditor.request('GET', `/api/items/${copyId}`));
    expect(copy.body).toBe(revisedBody);
    expect(copy.actions).toEqual(expect.arrayContaining(['accept', 'return', 'reject']));
    copy = await ok(await act(llEditor, copy, 'accept', { targetPublicationId: pubId('吕梁政务信息●普刊') }));
    expect(copy.status).toBe('accepted');

    // 汾阳's editor registers the province's adoption on the item it forwarded.
    item = await ok(
      await editor.request('POST', `/api/items/${item.id}/adoptions`, {
        publicationId: pubId('晋政信息●普刊'),
        adoptionKind: '全文采用',
        adoptedOn: '2025-06-18',
        issueLabel: '2025年第12期',
      }),
      201,
    );
    expect(item.adoptions).toEqual([
      expect.objectContaining({
        publicationName: '晋政信息●普刊',
        adoptionKind: '全文采用',
        adoptedOn: '2025-06-18',
        issueLabel: '2025年第12期',
        recordedByName: '张文秀',
      }),
    ]);

    // The unit sees the whole way up on its own item.
    const mine = await ok(await reporter.request('GET', `/api/items/${item.id}`));
    expect(mine.forwardedTo).toMatchObject({ officeName: '吕梁市人民政府办公室', status: 'accepted' });
    expect(mine.adoptions.map((a: { publicationName: string }) => a.publicationName)).toEqual([
      '晋政信息●普刊',
    ]);
    const steps = mine.timeline.map((e: { action: string; officeName: string | null }) => [
      e.action,
      e.officeName,
    ]);
    expect(steps).toEqual([
      ['created', null],
      ['submit_for_signoff', null],
      ['sign', null],
      ['return', null],
      ['edited', null],
      ['submit_for_signoff', null],
      ['sign', null],
      ['accept', null],
      ['forward', null],
      ['forwarded_in', '吕梁市人民政府办公室'],
      ['accept', '吕梁市人民政府办公室'],
      ['record_adoption', null],
    ]);
    const returned = mine.timeline.find((e: { action: string }) => e.action === 'return');
    expect(returned).toMatchObject({ reason: '请补充资金拨付进度', actorName: '张文秀' });
    expect(mine.versions.length).toBe(2);

    // Another unit's reporter cannot open it.
    const other = await otherReporter.request('GET', `/api/items/${item.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(text.title);
  });
});

describe('forward (转报)', () => {
  it('creates the upper office’s copy from the lower item’s current text', async () => {
    const lower = await makeItem(t, { status: 'accepted', priority: 'urgent', keywords: ['防汛'] });
    const res = await act(editor, lower, 'forward', { reason: '事关全市防汛大局' });
    const detail = await ok(res);
    expect(detail).toMatchObject({ id: lower.id, status: 'accepted', version: lower.version + 1 });
    const row = await itemRow(t, lower.id);
    expect(row.forwardedToId).toBe(detail.forwardedTo.id);
    const copy = await itemRow(t, row.forwardedToId!);
    const fy = await orgByCode(t, 'fy');
    expect(copy).toMatchObject({
      officeId: (await orgByCode(t, 'll')).id,
      submittingUnitId: fy.id,
      originUnitId: lower.originUnitId,
      rootId: lower.id,
      forwardedFromId: lower.id,
      forwardedToId: null,
      status: 'submitted',
      title: lower.title,
      body: lower.body,
      priority: 'urgent',
      keywords: ['防汛'],
      // The origin unit's sign-off travels up; the forwarding editor is not its 签发人.
      signerId: lower.signerId,
      signerName: lower.signerName,
      signedAt: lower.signedAt,
      currentVersion: 1,
      version: 1,
    });
    expect(copy.submittedAt).not.toBeNull();
    const versions = await t.database.db.select().from(itemVersions).where(eq(itemVersions.itemId, copy.id));
    expect(versions).toEqual([
      expect.objectContaining({
        versionNo: 1,
        title: lower.title,
        body: lower.body,
        reason: '转报',
        editorName: '张文秀',
      }),
    ]);
    expect((await timeline(t, lower.id)).at(-1)).toMatchObject({
      action: 'forward',
      fromStatus: 'accepted',
      toStatus: null,
      reason: '事关全市防汛大局',
    });
    expect(await timeline(t, copy.id)).toEqual([
      expect.objectContaining({
        action: 'forwarded_in',
        fromStatus: null,
        toStatus: 'submitted',
        actorName: '张文秀',
      }),
    ]);
    const [audit] = await itemAudits(t, lower.id, 'item.forwarded');
    expect(audit.diff).toMatchObject({ toOffice: '吕梁市人民政府办公室', toItemId: copy.id });
  });

  it('forwards once only (1事1报), and a forwarded item is no longer returned or rejected below', async () => {
    const lower = await makeItem(t, { status: 'accepted' });
    const first = await ok(await act(editor, lower, 'forward'));
    await expectRefused(
      t,
      lower.id,
      () => act(chief, first, 'forward'),
      409,
      '该信息已转报，同一信息只能转报一次',
    );
    await expectRefused(t, lower.id, () => act(chief, first, 'return', { reason: '撤回修改' }), 409);
    await expectRefused(t, lower.id, () => act(chief, first, 'reject', { reason: '撤稿' }), 409);
    expect(first.actions).not.toContain('return');
  });

  it('makes one copy when two editors forward at the same moment', async () => {
    const lower = await makeItem(t, { status: 'accepted' });
    const results = await Promise.all([act(editor, lower, 'forward'), act(chief, lower, 'forward')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const copies = await t.database.db.select().from(items).where(eq(items.forwardedFromId, lower.id));
    expect(copies).toHaveLength(1);
    expect((await itemRow(t, lower.id)).forwardedToId).toBe(copies[0].id);
  });

  it('is refused before acceptance, to units, to other offices, and on a stale version', async () => {
    const submitted = await makeItem(t, { status: 'submitted' });
    await expectRefused(
      t,
      submitted.id,
      () => act(editor, submitted, 'forward'),
      409,
      '信息当前状态为“已报送”，不能执行“转报”',
    );
    const accepted = await makeItem(t, { status: 'accepted' });
    await expectRefused(
      t,
      accepted.id,
      () => act(reporter, accepted, 'forward'),
      403,
      '您无权对此信息执行“转报”',
    );
    await expectRefused(t, accepted.id, () => act(llEditor, accepted, 'forward'), 404);
    await expectRefused(t, accepted.id, () => act(editor, { id: accepted.id, version: 9 }, 'forward'), 409);
  });

  it('goes on up the chain, keeping the root and the origin unit', async () => {
    const lower = await makeItem(t, { status: 'accepted' });
    const fyDetail = await ok(await act(editor, lower, 'forward'));
    let llCopy = await ok(await llEditor.request('GET', `/api/items/${fyDetail.forwardedTo.id}`));
    // 汾阳's editor sees the copy it sent but may not decide on it.
    const seenBelow = await ok(await editor.request('GET', `/api/items/${llCopy.id}`));
    expect(seenBelow.actions).toEqual([]);
    await expectRefused(
      t,
      llCopy.id,
      () => act(editor, llCopy, 'accept', { targetPublicationId: pubId('吕梁政务信息●普刊') }),
      403,
    );
    llCopy = await ok(
      await act(llChief, llCopy, 'accept', { targetPublicationId: pubId('吕梁政务信息●普刊') }),
    );
    llCopy = await ok(await act(llChief, llCopy, 'forward'));
    const sxCopy = await itemRow(t, llCopy.forwardedTo.id);
    expect(sxCopy).toMatchObject({
      officeId: (await orgByCode(t, 'sx')).id,
      submittingUnitId: (await orgByCode(t, 'll')).id,
      originUnitId: lower.originUnitId,
      rootId: lower.id,
      forwardedFromId: llCopy.id,
    });
    // The province has no office above it.
    let sxDetail = await ok(await sxEditor.request('GET', `/api/items/${sxCopy.id}`));
    sxDetail = await ok(
      await act(sxEditor, sxDetail, 'accept', { targetPublicationId: pubId('晋政信息●普刊') }),
    );
    await expectRefused(t, sxCopy.id, () => act(sxEditor, sxDetail, 'forward'), 409, '上级办公室不存在');
    // The origin unit sees the whole chain on its item.
    const mine = await ok(await reporter.request('GET', `/api/items/${lower.id}`));
    const offices = mine.timeline.map((e: { officeName: string | null }) => e.officeName);
    expect(offices).toEqual(expect.arrayContaining(['吕梁市人民政府办公室', '山西省人民政府办公厅']));
  });

  it('keeps a follow-up linked upward when the first report went up too', async () => {
    const first = await makeItem(t, { status: 'accepted', priority: 'urgent' });
    const firstDetail = await ok(await act(editor, first, 'forward'));
    const followUp = await makeItem(t, { status: 'accepted', priority: 'urgent' });
    await t.database.db.update(items).set({ followUpOfId: first.id }).where(eq(items.id, followUp.id));
    const detail = await ok(await act(editor, followUp, 'forward'));
    const copy = await itemRow(t, detail.forwardedTo.id);
    expect(copy.followUpOfId).toBe(firstDetail.forwardedTo.id);
  });
});

describe('POST /api/items/:id/adoptions (登记上级采用)', () => {
  async function forwarded() {
    const lower = await makeItem(t, { status: 'accepted' });
    return ok(await act(editor, lower, 'forward'));
  }
  const adoption = (publication: string, extra: Record<string, unknown> = {}) => ({
    publicationId: pubId(publication),
    adoptionKind: '摘要采用',
    adoptedOn: '2025-03-05',
    ...extra,
  });

  it('needs a session and office staff', async () => {
    const item = await forwarded();
    const body = adoption('吕梁政务信息●普刊');
    expect((await anonymous(t.app, 'POST', `/api/items/${item.id}/adoptions`, body)).statusCode).toBe(401);
    await expectRefused(
      t,
      item.id,
      () => reporter.request('POST', `/api/items/${item.id}/adoptions`, body),
      403,
    );
    await expectRefused(
      t,
      item.id,
      () => llEditor.request('POST', `/api/items/${item.id}/adoptions`, body),
      404,
    );
  });

  it('validates the kind, the date and the publication', async () => {
    const item = await forwarded();
    const post = (body: unknown) => () => editor.request('POST', `/api/items/${item.id}/adoptions`, body);
    await expectRefused(
      t,
      item.id,
      post(adoption('吕梁政务信息●普刊', { adoptionKind: '部分采用' })),
      400,
      /采用类型/,
    );
    await expectRefused(t, item.id, post(adoption('吕梁政务信息●普刊', { adoptedOn: '2025-02-30' })), 400);
    await expectRefused(
      t,
      item.id,
      post(adoption('吕梁政务信息●普刊', { adoptedOn: '2999-01-01' })),
      400,
      '采用日期不能晚于今天',
    );
    await expectRefused(t, item.id, post(adoption('汾阳政务信息')), 400, '所选刊物不是上级办公室的刊物');
    await expectRefused(
      t,
      item.id,
      post({ ...adoption('汾阳政务信息'), publicationId: randomUUID() }),
      400,
      '所选刊物不是上级办公室的刊物',
    );
  });

  it('records an adoption once per publication', async () => {
    const item = await forwarded();
    const detail = await ok(
      await chief.request(
        'POST',
        `/api/items/${item.id}/adoptions`,
        adoption('晋政信息●互联网', { note: '网站转载' }),
      ),
      201,
    );
    expect(detail.adoptions).toHaveLength(1);
    const events = await timeline(t, item.id);
    expect(events.at(-1)).toMatchObject({ action: 'record_adoption', toStatus: null });
    expect(events.at(-1)?.data).toMatchObject({
      publicationName: '晋政信息●互联网',
      adoptionKind: '摘要采用',
    });
    const [audit] = await itemAudits(t, item.id, 'item.adoption_recorded');
    expect(audit.diff).toMatchObject({ publicationName: '晋政信息●互联网', note: '网站转载' });
    await expectRefused(
      t,
      item.id,
      () => editor.request('POST', `/api/items/${item.id}/adoptions`, adoption('晋政信息●互联网')),
      409,
      '已登记过该刊物的采用',
    );
    const second = await editor.request(
      'POST',
      `/api/items/${item.id}/adoptions`,
      adoption('吕梁政务信息●普刊'),
    );
    expect((await ok(second, 201)).adoptions).toHaveLength(2);
  });

  it('is only for items the office has forwarded', async () => {
    const accepted = await makeItem(t, { status: 'accepted' });
    await expectRefused(
      t,
      accepted.id,
      () => editor.request('POST', `/api/items/${accepted.id}/adoptions`, adoption('晋政信息●普刊')),
      409,
      '该信息尚未转报上级，不能登记上级采用',
    );
    const submitted = await makeItem(t, { status: 'submitted' });
    await expectRefused(
      t,
      submitted.id,
      () => editor.request('POST', `/api/items/${submitted.id}/adoptions`, adoption('晋政信息●普刊')),
      409,
    );
  });

  it('DELETE removes a wrong entry with a reason, on the timeline and in the audit log', async () => {
    const item = await forwarded();
    const detail = await ok(
      await editor.request('POST', `/api/items/${item.id}/adoptions`, adoption('晋政信息●普刊')),
      201,
    );
    const adoptionId: string = detail.adoptions[0].id;
    const url = `/api/items/${item.id}/adoptions/${adoptionId}`;
    expect((await anonymous(t.app, 'DELETE', url, { reason: '误登记' })).statusCode).toBe(401);
    await expectRefused(t, item.id, () => reporter.request('DELETE', url, { reason: '误登记' }), 403);
    await expectRefused(t, item.id, () => llEditor.request('DELETE', url, { reason: '误登记' }), 404);
    await expectRefused(t, item.id, () => editor.request('DELETE', url, {}), 400, '请填写删除原因');
    await expectRefused(t, item.id, () => editor.request('DELETE', url), 400, '请填写删除原因');
    await expectRefused(
      t,
      item.id,
      () => editor.request('DELETE', `/api/items/${item.id}/adoptions/${randomUUID()}`, { reason: '误登记' }),
      404,
      '该采用登记不存在',
    );
    const after = await ok(await chief.request('DELETE', url, { reason: '刊期登记错误' }));
    expect(after.adoptions).toEqual([]);
    expect((await timeline(t, item.id)).at(-1)).toMatchObject({
      action: 'adoption_deleted',
      reason: '刊期登记错误',
    });
    const [audit] = await itemAudits(t, item.id, 'item.adoption_deleted');
    expect(audit.diff).toMatchObject({ publicationName: '晋政信息●普刊', reason: '刊期登记错误' });
  });
});
