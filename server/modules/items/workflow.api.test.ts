import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import {
  act,
  expectRefused,
  itemAudits,
  itemRow,
  makeItem,
  publicationByName,
  timeline,
} from './test-factory.ts';

let t: TestApp;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let otherSigner: Session;
let editor: Session;
let chief: Session;
let llEditor: Session;
let admin: Session;
let fyPublication: string;
let llPublication: string;

beforeAll(async () => {
  t = await createTestApp();
  [reporter, signer, otherReporter, otherSigner, editor, chief, llEditor, admin] = await Promise.all(
    ['fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'fy_swj_qf', 'editor', 'chief', 'll_editor', 'admin'].map((u) =>
      login(t.app, u),
    ),
  );
  fyPublication = (await publicationByName(t, '汾阳政务信息')).id;
  llPublication = (await publicationByName(t, '吕梁政务信息●普刊')).id;
});
afterAll(() => t.close());

/** The last timeline event and audit entry of an item, to check what a transition recorded. */
async function lastRecords(id: string) {
  const events = await timeline(t, id);
  const audits = await itemAudits(t, id);
  return { event: events.at(-1), audit: audits.at(-1), events: events.length, audits: audits.length };
}

/** The last timeline event matches, and the audit log has the transition under its label. */
async function expectRecorded(id: string, label: string, event: Record<string, unknown>) {
  const { event: last, audit } = await lastRecords(id);
  expect(last).toMatchObject(event);
  expect(audit).toMatchObject({ action: 'item.transition', targetType: 'item', targetId: id });
  expect(audit?.diff).toMatchObject({ action: label });
}

describe('POST /api/items/:id/actions/:action — access and input', () => {
  it('needs a session', async () => {
    const item = await makeItem(t);
    const res = await anonymous(t.app, 'POST', `/api/items/${item.id}/actions/submit_for_signoff`, {
      version: 1,
    });
    expect(res.statusCode).toBe(401);
  });

  it('refuses the administrators before looking at the body', async () => {
    const item = await makeItem(t);
    await expectRefused(t, item.id, () => act(admin, item, 'submit_for_signoff', { version: 'x' }), 403);
  });

  it('validates the action, the id and the version', async () => {
    const item = await makeItem(t);
    await expectRefused(t, item.id, () => act(reporter, item, 'publish'), 400, /不支持的操作/);
    await expectRefused(t, item.id, () => act(reporter, item, 'merge'), 400);
    await expectRefused(
      t,
      item.id,
      () => reporter.request('POST', `/api/items/${item.id}/actions/submit_for_signoff`, {}),
      400,
      /缺少版本号/,
    );
    const bad = await reporter.request('POST', '/api/items/not-a-uuid/actions/withdraw', { version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('信息 ID 格式不正确');
  });

  it('answers 404 for an item that does not exist', async () => {
    const res = await act(editor, { id: randomUUID(), version: 1 }, 'accept', {
      targetPublicationId: fyPublication,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('submit_for_signoff (提交签发)', () => {
  it('moves a draft to the signer and records it', async () => {
    const item = await makeItem(t);
    const res = await act(reporter, item, 'submit_for_signoff');
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({
      id: item.id,
      status: 'pending_signoff',
      statusLabel: '待签发',
      version: 2,
    });
    expect(detail.actions).toContain('withdraw');
    expect(detail.actions).not.toContain('submit_for_signoff');
    const { event, audit } = await lastRecords(item.id);
    expect(event).toMatchObject({
      action: 'submit_for_signoff',
      fromStatus: 'draft',
      toStatus: 'pending_signoff',
      actorName: '杨晓东',
      actorUnitName: '汾阳市财政局',
    });
    expect(audit).toMatchObject({
      action: 'item.transition',
      targetType: 'item',
      actorName: '杨晓东（fy_czj_xxy）',
    });
    expect(audit?.diff).toMatchObject({ action: '提交签发', status: ['草稿', '待签发'] });
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'submit_for_signoff', actionLabel: '提交签发' });
  });

  it('resubmits a returned item with its history', async () => {
    const item = await makeItem(t, { status: 'returned' });
    const res = await act(reporter, item, 'submit_for_signoff', { reason: '已按要求补充数据' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('pending_signoff');
    await expectRecorded(item.id, '提交签发', {
      fromStatus: 'returned',
      toStatus: 'pending_signoff',
      reason: '已按要求补充数据',
    });
  });

  it('is blocked by fatal quality findings, with the findings', async () => {
    const item = await makeItem(t, { body: '　' });
    const res = await expectRefused(t, item.id, () => act(reporter, item, 'submit_for_signoff'), 400);
    expect(res.json().message).toMatch(/^未通过质量检查/);
    const findings: { severity: string }[] = res.json().details.findings;
    expect(findings.some((f) => f.severity === 'fatal')).toBe(true);
  });

  it('is blocked without the author’s phone', async () => {
    const item = await makeItem(t, { authorPhone: null });
    const res = await expectRefused(t, item.id, () => act(reporter, item, 'submit_for_signoff'), 400);
    expect(res.json().message).toContain('联系电话');
    const findings: { rule: string }[] = res.json().details.findings;
    expect(findings.map((f) => f.rule)).toContain('missing_author_phone');
  });

  it('is the reporter’s, of the item’s own unit', async () => {
    const item = await makeItem(t);
    await expectRefused(
      t,
      item.id,
      () => act(signer, item, 'submit_for_signoff'),
      403,
      '您无权对此信息执行“提交签发”',
    );
    // Another unit does not even learn that the draft exists.
    const res = await expectRefused(
      t,
      item.id,
      () => act(otherReporter, item, 'submit_for_signoff'),
      404,
      '信息不存在或您无权查看',
    );
    expect(res.body).not.toContain(item.title);
    // The office does not see drafts.
    await expectRefused(t, item.id, () => act(editor, item, 'submit_for_signoff'), 404);
  });

  it('refuses a wrong state with 409 and a stale version with 409', async () => {
    const pending = await makeItem(t, { status: 'pending_signoff' });
    await expectRefused(
      t,
      pending.id,
      () => act(reporter, pending, 'submit_for_signoff'),
      409,
      '信息当前状态为“待签发”，不能执行“提交签发”',
    );
    const draft = await makeItem(t);
    await act(reporter, draft, 'submit_for_signoff');
    await act(reporter, { id: draft.id, version: 2 }, 'withdraw');
    await expectRefused(
      t,
      draft.id,
      () => act(reporter, { id: draft.id, version: 2 }, 'submit_for_signoff'),
      409,
      '该信息已被他人修改，请刷新后重试',
    );
  });
});

describe('withdraw (撤回)', () => {
  it('takes a pending item back to draft', async () => {
    const item = await makeItem(t, { status: 'pending_signoff' });
    const res = await act(reporter, item, 'withdraw');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('draft');
    expect(res.json().actions).toEqual(expect.arrayContaining(['edit', 'submit_for_signoff']));
    await expectRecorded(item.id, '撤回', {
      action: 'withdraw',
      fromStatus: 'pending_signoff',
      toStatus: 'draft',
    });
  });

  it('is refused to the signer (403) and once signed (409)', async () => {
    const pending = await makeItem(t, { status: 'pending_signoff' });
    await expectRefused(
      t,
      pending.id,
      () => act(signer, pending, 'withdraw'),
      403,
      '您无权对此信息执行“撤回”',
    );
    const submitted = await makeItem(t, { status: 'submitted' });
    await expectRefused(t, submitted.id, () => act(reporter, submitted, 'withdraw'), 409);
  });
});

describe('sign (签发报送)', () => {
  it('records the sign-off and puts the item in the office inbox', async () => {
    const item = await makeItem(t, { status: 'pending_signoff' });
    const before = Date.now();
    const res = await act(signer, item, 'sign');
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.status).toBe('submitted');
    expect(detail.signer.name).toBe('周国栋');
    const row = await itemRow(t, item.id);
    expect(row.signerName).toBe('周国栋');
    expect(row.signerId).toBe(signer.me.user.id);
    expect(row.signedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.submittedAt?.getTime()).toBe(row.signedAt?.getTime());
    const { event, audit } = await lastRecords(item.id);
    expect(event).toMatchObject({ action: 'sign', fromStatus: 'pending_signoff', toStatus: 'submitted' });
    expect(audit?.diff).toMatchObject({ action: '签发报送', signerName: '周国栋' });
    // Now the office can act on it.
    const accepted = await act(editor, { id: item.id, version: detail.version }, 'accept', {
      targetPublicationId: fyPublication,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('is the signer’s of the same unit only', async () => {
    const item = await makeItem(t, { status: 'pending_signoff' });
    await expectRefused(t, item.id, () => act(reporter, item, 'sign'), 403, '您无权对此信息执行“签发报送”');
    await expectRefused(t, item.id, () => act(otherSigner, item, 'sign'), 404);
    const draft = await makeItem(t);
    await expectRefused(
      t,
      draft.id,
      () => act(signer, draft, 'sign'),
      409,
      '信息当前状态为“草稿”，不能执行“签发报送”',
    );
  });

  it('runs the quality checks again', async () => {
    const item = await makeItem(t, { status: 'pending_signoff', body: '' });
    const res = await expectRefused(t, item.id, () => act(signer, item, 'sign'), 400);
    expect(res.json().details.findings.length).toBeGreaterThan(0);
  });
});

describe('signer_return (退回修改)', () => {
  it('needs a reason and sends the item back to the writer', async () => {
    const item = await makeItem(t, { status: 'pending_signoff' });
    await expectRefused(t, item.id, () => act(signer, item, 'signer_return'), 400, '请填写退回原因');
    await expectRefused(
      t,
      item.id,
      () => act(signer, item, 'signer_return', { reason: '   ' }),
      400,
      '请填写退回原因',
    );
    const res = await act(signer, item, 'signer_return', { reason: '数据口径需与统计局核对' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('draft');
    await expectRecorded(item.id, '退回修改', {
      action: 'signer_return',
      fromStatus: 'pending_signoff',
      toStatus: 'draft',
      reason: '数据口径需与统计局核对',
    });
    expect(res.json().timeline.at(-1)).toMatchObject({
      reason: '数据口径需与统计局核对',
      actionLabel: '退回修改',
    });
  });

  it('checks role before state, and version before the reason', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    await expectRefused(t, item.id, () => act(reporter, item, 'signer_return'), 403);
    await expectRefused(t, item.id, () => act(signer, item, 'signer_return'), 409);
    const pending = await makeItem(t, { status: 'pending_signoff' });
    await expectRefused(
      t,
      pending.id,
      () => act(signer, { id: pending.id, version: 7 }, 'signer_return'),
      409,
      '该信息已被他人修改，请刷新后重试',
    );
  });
});

describe('return (退回)', () => {
  it('returns a submitted item to the unit with the reason', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    await expectRefused(t, item.id, () => act(editor, item, 'return'), 400, '请填写退回原因');
    const res = await act(editor, item, 'return', { reason: '请补充具体成效数据' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('returned');
    const { event, audit } = await lastRecords(item.id);
    expect(event).toMatchObject({ action: 'return', toStatus: 'returned', reason: '请补充具体成效数据' });
    expect(audit?.diff).toMatchObject({ action: '退回', reason: '请补充具体成效数据' });
    // The unit's reporter may now edit it and submit it again.
    const mine = await reporter.request('GET', `/api/items/${item.id}`);
    expect(mine.json().actions).toEqual(expect.arrayContaining(['edit', 'submit_for_signoff']));
  });

  it('returns an accepted item and drops its publication', async () => {
    const item = await makeItem(t, { status: 'accepted' });
    expect(item.targetPublicationId).not.toBeNull();
    const res = await act(chief, item, 'return', { reason: '需核实事件时间' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await itemRow(t, item.id)).targetPublicationId).toBeNull();
  });

  it('is office staff’s of the receiving office only', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    await expectRefused(t, item.id, () => act(reporter, item, 'return', { reason: '自行退回' }), 403);
    await expectRefused(t, item.id, () => act(signer, item, 'return', { reason: '自行退回' }), 403);
    await expectRefused(t, item.id, () => act(llEditor, item, 'return', { reason: '越级退回' }), 404);
    const draft = await makeItem(t, { status: 'rejected' });
    await expectRefused(t, draft.id, () => act(editor, draft, 'return', { reason: '再退回' }), 409);
  });
});

describe('reject (退稿)', () => {
  it('declines for good, with a reason', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    await expectRefused(t, item.id, () => act(editor, item, 'reject'), 400, '请填写退稿原因');
    const res = await act(editor, item, 'reject', { reason: '内容与本期要点无关' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', statusLabel: '退稿' });
    expect((await itemRow(t, item.id)).decidedAt).not.toBeNull();
    // Final: nothing moves it any more.
    const version = res.json().version;
    for (const [who, action] of [
      [editor, 'accept'],
      [editor, 'return'],
      [reporter, 'submit_for_signoff'],
      [editor, 'forward'],
    ] as const) {
      await expectRefused(
        t,
        item.id,
        () =>
          act(who, { id: item.id, version }, action, { reason: '再试', targetPublicationId: fyPublication }),
        409,
      );
    }
    expect(res.json().actions).toEqual([]);
  });

  it('also rejects a returned item that the unit has not fixed', async () => {
    const item = await makeItem(t, { status: 'returned' });
    const res = await act(editor, item, 'reject', { reason: '逾期未修改' });
    expect(res.statusCode, res.body).toBe(200);
    await expectRecorded(item.id, '退稿', {
      fromStatus: 'returned',
      toStatus: 'rejected',
    });
  });
});

describe('accept (拟采用)', () => {
  it('needs a publication of the receiving office', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    await expectRefused(t, item.id, () => act(editor, item, 'accept'), 400, '请选择拟采用的刊物');
    await expectRefused(
      t,
      item.id,
      () => act(editor, item, 'accept', { targetPublicationId: llPublication }),
      400,
      '所选刊物不是本办公室的在用刊物',
    );
    await expectRefused(
      t,
      item.id,
      () => act(editor, item, 'accept', { targetPublicationId: randomUUID() }),
      400,
    );
    await expectRefused(
      t,
      item.id,
      () => act(editor, item, 'accept', { targetPublicationId: 'nope' }),
      400,
      /刊物 ID 格式不正确/,
    );
  });

  it('takes the item for the publication', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    const res = await act(editor, item, 'accept', { targetPublicationId: fyPublication });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'accepted',
      targetPublication: { id: fyPublication, name: '汾阳政务信息' },
    });
    expect(res.json().actions).toEqual(expect.arrayContaining(['forward', 'return', 'reject']));
    const { event, audit } = await lastRecords(item.id);
    expect(event).toMatchObject({ action: 'accept', fromStatus: 'submitted', toStatus: 'accepted' });
    expect(event?.data).toMatchObject({ publicationName: '汾阳政务信息' });
    expect(audit?.diff).toMatchObject({ targetPublication: '汾阳政务信息' });
  });

  it('is refused to units and to a second editor with a stale version', async () => {
    const item = await makeItem(t, { status: 'submitted' });
    const body = { targetPublicationId: fyPublication };
    await expectRefused(
      t,
      item.id,
      () => act(signer, item, 'accept', body),
      403,
      '您无权对此信息执行“拟采用”',
    );
    const first = await act(editor, item, 'accept', body);
    expect(first.statusCode).toBe(200);
    // The second editor still holds version 1.
    await expectRefused(t, item.id, () => act(chief, item, 'accept', body), 409);
    await expectRefused(
      t,
      item.id,
      () => act(chief, { id: item.id, version: first.json().version }, 'accept', body),
      409,
      '信息当前状态为“拟采用”，不能执行“拟采用”',
    );
  });
});

describe('two editors at once', () => {
  it('lets exactly one of two simultaneous decisions through', async () => {
    for (let round = 0; round < 3; round++) {
      const item = await makeItem(t, { status: 'submitted' });
      const [a, b] = await Promise.all([
        act(editor, item, 'accept', { targetPublicationId: fyPublication }),
        act(chief, item, 'return', { reason: '同时退回' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? 'accepted' : 'returned';
      expect((await itemRow(t, item.id)).status).toBe(winner);
      expect(await timeline(t, item.id)).toHaveLength(1);
      expect(await itemAudits(t, item.id)).toHaveLength(1);
    }
  });
});

describe('resubmit (重新报送)', () => {
  it('sends a returned upward copy back to the upper office', async () => {
    const lower = await makeItem(t, { status: 'accepted' });
    const copy = await makeItem(t, {
      unit: 'fy',
      office: 'll',
      origin: 'fy_czj',
      status: 'returned',
      forwardedFromId: lower.id,
      rootId: lower.id,
    });
    await expectRefused(t, copy.id, () => act(reporter, copy, 'resubmit'), 404);
    await expectRefused(
      t,
      copy.id,
      () => act(llEditor, copy, 'resubmit'),
      403,
      '您无权对此信息执行“重新报送”',
    );
    const res = await act(editor, copy, 'resubmit', { reason: '已按吕梁市要求修改' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    await expectRecorded(copy.id, '重新报送', {
      action: 'resubmit',
      fromStatus: 'returned',
      toStatus: 'submitted',
      actorUnitName: '汾阳市人民政府办公室',
    });
    await expectRefused(t, copy.id, () => act(editor, res.json(), 'resubmit'), 409);
  });

  it('is not for original items', async () => {
    const item = await makeItem(t, { status: 'returned' });
    await expectRefused(t, item.id, () => act(reporter, item, 'resubmit'), 403);
  });
});
