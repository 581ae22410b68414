import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  commissions,
  commissionTargets,
  notifications,
  orgs,
  users,
} from '../../db/schema/index.ts';
import { manualClock } from '../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, get, itemInput, submitThroughUnit } from '../items/items.test-support.ts';

/**
 * 约稿 end to end on the real API: the office drafts, edits and issues numbered 约稿通知单 to its
 * units, prints the notice, sees who read it when; units answer with an item they sign off or
 * decline with a reason; the scheduler's clock reminds and marks overdue once; lists count it all
 * in one query; every refusal is Chinese and changes nothing.
 */

const clock = manualClock('2026-03-05T02:00:00Z'); // 10:00 in Beijing
let t: TestApp;
let editor: Session;
let reporter: Session;
let signer: Session;
let swjReporter: Session;
let swjSigner: Session;
let jsjReporter: Session;
let czjId = '';
let swjId = '';
let jsjId = '';
let fyId = '';

const base = {
  topic: '一季度经济运行',
  requirements: '重点反映一季度主要经济指标完成情况。\n分析存在的困难和问题，提出下一步措施建议。',
  deadline: '2026-03-12',
  contactName: '王丽',
  contactPhone: '0358-7221234',
};

beforeAll(async () => {
  t = await createTestApp({ clock, env: { PDF_CONVERTER: 'none' } });
  [editor, reporter, signer, swjReporter, swjSigner, jsjReporter] = await Promise.all(
    ['editor', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'fy_swj_qf', 'fy_jsj_xxy'].map((u) =>
      login(t.app, u),
    ),
  );
  const org = async (code: string) =>
    (await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0]?.id ?? '';
  [czjId, swjId, jsjId, fyId] = await Promise.all(['fy_czj', 'fy_swj', 'fy_jsj', 'fy'].map(org));
});
afterAll(() => t.close());

const scheduler = () => t.app.xinbao.scheduler;
async function kindsFor(username: string) {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return (
    await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, u?.id ?? ''))
  ).map((n) => n.kind);
}
const countOf = (kinds: string[], kind: string) => kinds.filter((k) => k === kind).length;
const commissionCount = async () =>
  (await t.database.db.select({ id: commissions.id }).from(commissions)).length;
type Target = { unit: { id: string }; [k: string]: unknown };
const targetOf = (view: { targets: Target[] }, unitId: string) =>
  view.targets.find((x) => x.unit.id === unitId) as Record<string, unknown> & Target;

async function create(body: Record<string, unknown>) {
  const res = await editor.request('POST', '/api/commissions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('约稿', () => {
  let first: { id: string; version: number };
  let second: { id: string; version: number };

  it('the office drafts a 约稿通知单 to named units; a draft has no number and reaches no unit', async () => {
    const view = await create({ ...base, unitIds: [czjId, swjId] });
    first = view;
    expect(view).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      numberLabel: null,
      title: '关于报送一季度经济运行有关信息的约稿通知',
      deadlineLabel: '2026-03-12 24:00',
      counts: { total: 2, read: 0, answered: 0, open: 2 },
    });
    expect(view.actions).toEqual(expect.arrayContaining(['edit', 'issue', 'cancel', 'attach']));
    expect(view.actions).not.toContain('close');
    expect(view.targets.map((x: Target) => x.unit.id).sort()).toEqual([czjId, swjId].sort());
    expect((await reporter.request('GET', `/api/commissions/${view.id}`)).statusCode).toBe(404);
    expect((await reporter.request('GET', '/api/commissions')).json().total).toBe(0);
    expect(await kindsFor('fy_czj_xxy')).not.toContain('commission_issued');
  });

  it('a group selects its member units', async () => {
    const view = await create({
      ...base,
      topic: '重点项目建设信息',
      deadline: '2026-03-10T17:00:00+08:00',
      groupCodes: ['dept_1'],
    });
    second = view;
    expect(view.title).toBe('关于报送重点项目建设信息的约稿通知');
    const ids = view.targets.map((x: Target) => x.unit.id);
    expect(ids).toEqual(expect.arrayContaining([czjId, swjId]));
    expect(ids).not.toContain(jsjId);
  });

  it('refuses the wrong role, foreign units, a past deadline and bad input, and stores nothing', async () => {
    const before = await commissionCount();
    const byReporter = await reporter.request('POST', '/api/commissions', { ...base, unitIds: [czjId] });
    expect(byReporter.statusCode).toBe(403);
    const foreign = await editor.request('POST', '/api/commissions', { ...base, unitIds: [fyId] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain('所辖');
    const past = await editor.request('POST', '/api/commissions', {
      ...base,
      deadline: '2026-03-05T09:00:00+08:00',
      unitIds: [czjId],
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('已过');
    const emptyGroup = await editor.request('POST', '/api/commissions', { ...base, groupCodes: ['nope'] });
    expect(emptyGroup.statusCode).toBe(400);
    const bad = await editor.request('POST', '/api/commissions', {
      topic: '',
      requirements: 'x',
      deadline: '2026-02-30',
      contactName: '王丽',
      contactPhone: 'abc',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const admin = await login(t.app, 'admin');
    expect((await admin.request('GET', '/api/commissions')).statusCode).toBe(403);
    const leader = await login(t.app, 'leader');
    expect((await leader.request('GET', '/api/commissions')).statusCode).toBe(403);
    expect(await commissionCount()).toBe(before);
  });

  it('edits a draft under its version; a stale version is 409 and another office sees nothing', async () => {
    const res = await editor.request('PATCH', `/api/commissions/${first.id}`, {
      requirements: `${base.requirements}\n字数控制在1500字以内。`,
      unitIds: [czjId, swjId, jsjId],
      version: first.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(first.version + 1);
    expect(res.json().counts.total).toBe(3);
    const stale = await editor.request('PATCH', `/api/commissions/${first.id}`, {
      topic: '改名',
      version: first.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    const llEditor = await login(t.app, 'll_editor');
    expect(
      (await llEditor.request('PATCH', `/api/commissions/${first.id}`, { topic: 'x', version: 2 }))
        .statusCode,
    ).toBe(404);
    expect((await llEditor.request('GET', `/api/commissions/${first.id}`)).statusCode).toBe(404);
    const view = (await editor.request('GET', `/api/commissions/${first.id}`)).json();
    expect(view.topic).toBe(base.topic);
    first = view;
  });

  it('issue refuses a draft without units or past its deadline', async () => {
    const none = await create({ ...base, topic: '无单位' });
    const res = await editor.request('POST', `/api/commissions/${none.id}/issue`, { version: none.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('约稿单位');
    const soon = await create({
      ...base,
      topic: '即将截止',
      deadline: '2026-03-05T11:00:00+08:00',
      unitIds: [czjId],
    });
    clock.set('2026-03-05T03:30:00Z'); // 11:30 in Beijing
    const late = await editor.request('POST', `/api/commissions/${soon.id}/issue`, { version: soon.version });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toContain('已过');
    clock.set('2026-03-05T02:00:00Z');
    expect(
      (await t.database.db.select().from(commissions).where(eq(commissions.id, soon.id)))[0]?.status,
    ).toBe('draft');
    const cancelled = await editor.request('POST', `/api/commissions/${soon.id}/cancel`, {
      version: soon.version,
    });
    expect(cancelled.statusCode).toBe(400);
    const ok = await editor.request('POST', `/api/commissions/${soon.id}/cancel`, {
      reason: '时间来不及',
      version: soon.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'cancelled', cancelReason: '时间来不及', actions: [] });
    // A cancelled draft never reached the unit.
    expect((await reporter.request('GET', `/api/commissions/${soon.id}`)).statusCode).toBe(404);
  });

  it('issuing numbers the notices in their year and tells the units; an issued one is no longer edited', async () => {
    const wrongRole = await reporter.request('POST', `/api/commissions/${first.id}/issue`, {
      version: first.version,
    });
    expect(wrongRole.statusCode).toBe(403);
    const a = await editor.request('POST', `/api/commissions/${first.id}/issue`, { version: first.version });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({
      status: 'issued',
      numberLabel: '汾政办约〔2026〕1号',
      year: 2026,
      number: 1,
      issuedByName: expect.any(String),
    });
    expect(a.json().actions).toEqual(expect.arrayContaining(['cancel', 'close']));
    const b = await editor.request('POST', `/api/commissions/${second.id}/issue`, {
      version: second.version,
    });
    expect(b.json().numberLabel).toBe('汾政办约〔2026〕2号');
    first = a.json();
    second = b.json();
    const again = await editor.request('POST', `/api/commissions/${first.id}/issue`, {
      version: first.version,
    });
    expect(again.statusCode).toBe(409);
    const edit = await editor.request('PATCH', `/api/commissions/${first.id}`, {
      topic: '改',
      version: first.version,
    });
    expect(edit.statusCode).toBe(409);
    expect(countOf(await kindsFor('fy_czj_xxy'), 'commission_issued')).toBe(2);
    expect(countOf(await kindsFor('fy_czj_qf'), 'commission_issued')).toBe(2);
    expect(countOf(await kindsFor('fy_jsj_xxy'), 'commission_issued')).toBe(1);
  });

  it('prints the notice as a 公文 DOCX and a preview; PDF needs a converter', async () => {
    const res = await reporter.request('GET', `/api/commissions/${first.id}/notice.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('约稿通知'));
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')?.async('string');
    expect(xml).toBeTruthy();
    const text = (xml ?? '').replace(/<[^>]+>/g, '');
    expect(text).toContain('一季度经济运行');
    expect(text).toContain('汾政办约〔2026〕1号');
    expect(text).toContain('汾阳市财政局');
    expect(text).toContain('2026年3月12日24时前');
    expect(text).toContain('0358-7221234');
    const html = await editor.request('GET', `/api/commissions/${first.id}/notice.html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('约稿通知');
    const pdf = await editor.request('GET', `/api/commissions/${first.id}/notice.pdf`);
    expect(pdf.statusCode).toBe(503);
    expect(pdf.json().message).toContain('PDF');
    // A unit the commission was not sent to cannot print it.
    const other = await login(t.app, 'fy_whj_xxy');
    expect((await other.request('GET', `/api/commissions/${first.id}/notice.docx`)).statusCode).toBe(404);
  });

  it('records the read receipt of a unit once, on its first opening; the office sees who read it when', async () => {
    const opened = (await reporter.request('GET', `/api/commissions/${first.id}`)).json();
    expect(opened.targets).toHaveLength(1);
    const mine = targetOf(opened, czjId);
    expect(mine.readAt).toBe('2026-03-05T02:00:00.000Z');
    expect(mine.readByName).toEqual(expect.any(String));
    expect(opened.actions).toEqual(['answer', 'decline']);
    clock.advance(60_000);
    await reporter.request('GET', `/api/commissions/${first.id}`);
    await signer.request('GET', `/api/commissions/${first.id}`);
    const office = (await editor.request('GET', `/api/commissions/${first.id}`)).json();
    expect(office.counts).toMatchObject({ total: 3, read: 1, open: 3 });
    expect(targetOf(office, czjId)).toMatchObject({
      readAt: '2026-03-05T02:00:00.000Z',
      readByName: mine.readByName,
    });
    expect(targetOf(office, swjId).readAt).toBeNull();
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'commission.read'), eq(auditEvents.targetId, first.id)));
    expect(reads).toHaveLength(1);
    const row = (await editor.request('GET', '/api/commissions'))
      .json()
      .items.find((r: { id: string }) => r.id === first.id);
    expect(row.counts).toMatchObject({ total: 3, read: 1 });
  });

  it('a unit links an item to the commission; the first sign-off answers it and tells the office', async () => {
    const foreign = await jsjReporter.request('POST', '/api/items', {
      ...itemInput({ title: '关于约稿的信息' }),
      commissionId: second.id, // not sent to 计生局
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain('未发给本单位');
    const item = await createDraft(reporter, { title: '市财政局一季度收支情况', commissionId: first.id });
    expect(item.commission).toMatchObject({ id: first.id, numberLabel: '汾政办约〔2026〕1号' });
    let view = (await editor.request('GET', `/api/commissions/${first.id}`)).json();
    // The office does not see the unit's draft, and the target is not answered yet.
    expect(targetOf(view, czjId)).toMatchObject({ answer: 'open', items: [] });
    expect(
      targetOf((await reporter.request('GET', `/api/commissions/${first.id}`)).json(), czjId).items,
    ).toEqual([expect.objectContaining({ id: item.id, status: 'draft' })]);
    await submitThroughUnit(reporter, signer, item.id);
    view = (await editor.request('GET', `/api/commissions/${first.id}`)).json();
    expect(targetOf(view, czjId)).toMatchObject({
      answer: 'answered',
      answerLabel: '已报送',
      late: false,
      items: [expect.objectContaining({ id: item.id, status: 'submitted' })],
    });
    expect(targetOf(view, czjId).answeredAt).toBeTruthy();
    expect(view.counts).toMatchObject({ answered: 1, open: 2 });
    expect(countOf(await kindsFor('editor'), 'commission_answered')).toBe(1);
    // An item linked later by editing it: the link is checked, and unlinking is allowed.
    const other = await createDraft(reporter, { title: '市财政局加强国有资产管理' });
    const linked = await reporter.request('PATCH', `/api/items/${other.id}`, {
      commissionId: second.id,
      version: other.version,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().commission.id).toBe(second.id);
    const unlinked = await reporter.request('PATCH', `/api/items/${other.id}`, {
      commissionId: null,
      version: linked.json().version,
    });
    expect(unlinked.json().commission).toBeNull();
    const bogus = await reporter.request('PATCH', `/api/items/${other.id}`, {
      commissionId: '00000000-0000-4000-8000-000000000000',
      version: unlinked.json().version,
    });
    expect(bogus.statusCode).toBe(400);
    expect((await get(reporter, other.id)).commission).toBeNull();
  });

  it('a unit declines with a reason, once; an answered unit, the office and another unit may not', async () => {
    const noReason = await swjReporter.request('POST', `/api/commissions/${first.id}/decline`, {});
    expect(noReason.statusCode).toBe(400);
    const res = await swjReporter.request('POST', `/api/commissions/${first.id}/decline`, {
      reason: '本单位一季度无相关工作',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(targetOf(res.json(), swjId)).toMatchObject({
      answer: 'declined',
      declineReason: '本单位一季度无相关工作',
    });
    expect(res.json().actions).toEqual(['answer']);
    const twice = await swjReporter.request('POST', `/api/commissions/${first.id}/decline`, {
      reason: '再次',
    });
    expect(twice.statusCode).toBe(409);
    const answered = await reporter.request('POST', `/api/commissions/${first.id}/decline`, {
      reason: '不报',
    });
    expect(answered.statusCode).toBe(409);
    const byOffice = await editor.request('POST', `/api/commissions/${first.id}/decline`, { reason: '代拒' });
    expect(byOffice.statusCode).toBe(403);
    const stranger = await login(t.app, 'fy_whj_xxy');
    const foreign = await stranger.request('POST', `/api/commissions/${first.id}/decline`, { reason: 'x' });
    expect(foreign.statusCode).toBe(404);
    expect(countOf(await kindsFor('editor'), 'commission_answered')).toBe(2);
  });

  it('reminds open units at 09:00 the day before, marks overdue once after the deadline, also when run twice', async () => {
    // second: due 2026-03-10 17:00; 财政局 has not answered it, nor 水务局.
    clock.set('2026-03-09T00:30:00Z'); // 08:30 on the 9th
    await scheduler().runDue();
    expect(countOf(await kindsFor('fy_czj_xxy'), 'commission_reminder')).toBe(0);
    clock.set('2026-03-09T01:30:00Z'); // 09:30 on the 9th
    await scheduler().runDue();
    await scheduler().runDue();
    clock.advance(3_600_000);
    await scheduler().runDue();
    expect(countOf(await kindsFor('fy_czj_xxy'), 'commission_reminder')).toBe(1);
    expect(countOf(await kindsFor('fy_swj_xxy'), 'commission_reminder')).toBe(1);
    // The first commission is due on the 12th: no reminder yet.
    const [firstTargets] = await t.database.db
      .select({ remindedAt: commissionTargets.remindedAt })
      .from(commissionTargets)
      .where(and(eq(commissionTargets.commissionId, first.id), eq(commissionTargets.unitId, jsjId)));
    expect(firstTargets?.remindedAt).toBeNull();
    clock.set('2026-03-10T09:30:00Z'); // 17:30 on the 10th: past the deadline
    await scheduler().runDue();
    await scheduler().runDue();
    clock.advance(3_600_000);
    await scheduler().runDue();
    expect(countOf(await kindsFor('fy_czj_xxy'), 'commission_overdue')).toBe(1);
    expect(countOf(await kindsFor('fy_swj_xxy'), 'commission_overdue')).toBe(1);
    expect(countOf(await kindsFor('editor'), 'commission_overdue')).toBe(1);
    expect(countOf(await kindsFor('fy_czj_xxy'), 'commission_reminder')).toBe(1);
    const overdue = (await editor.request('GET', '/api/commissions?overdue=true')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect(overdue.items[0].overdue).toBe(true);
  });

  it('an answer after the deadline is late; closing leaves the silent units missed', async () => {
    const item = await createDraft(swjReporter, {
      title: '市水务局重点水利项目进展顺利',
      commissionId: second.id,
    });
    await submitThroughUnit(swjReporter, swjSigner, item.id);
    let view = (await editor.request('GET', `/api/commissions/${second.id}`)).json();
    expect(targetOf(view, swjId)).toMatchObject({ answer: 'answered', late: true, missed: false });
    expect(targetOf(view, czjId)).toMatchObject({ answer: 'open', overdue: true, missed: true });
    expect(view.counts.late).toBe(1);
    const closed = await editor.request('POST', `/api/commissions/${second.id}/close`, {
      version: view.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    view = closed.json();
    expect(view).toMatchObject({ status: 'closed', statusLabel: '已结束', overdue: false });
    expect(targetOf(view, czjId)).toMatchObject({ missed: true, overdue: false });
    const missed = view.counts.missed;
    expect(missed).toBe(view.targets.filter((x: { answer: string }) => x.answer === 'open').length);
    // Nothing more may answer or be linked to it.
    const linkClosed = await reporter.request('POST', '/api/items', {
      ...itemInput({ title: '关于约稿的信息' }),
      commissionId: second.id,
    });
    expect(linkClosed.statusCode).toBe(400);
    const decline = await reporter.request('POST', `/api/commissions/${second.id}/decline`, {
      reason: '晚了',
    });
    expect(decline.statusCode).toBe(409);
    const closeAgain = await editor.request('POST', `/api/commissions/${second.id}/close`, {
      version: view.version,
    });
    expect(closeAgain.statusCode).toBe(409);
  });

  it('lists: the office counts every unit in one row; a unit sees only its commissions with its own answer', async () => {
    const office = (await editor.request('GET', '/api/commissions?status=issued')).json();
    expect(office.items.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expect(office.items[0]).toMatchObject({
      numberLabel: '汾政办约〔2026〕1号',
      counts: { total: 3, read: 2, answered: 1, declined: 1, open: 1, late: 0, missed: 0 },
      overdue: false,
      mine: null,
    });
    const all = (await editor.request('GET', '/api/commissions?pageSize=2&page=1')).json();
    expect(all.total).toBe(4);
    expect(all.items).toHaveLength(2);
    const closedRow = (await editor.request('GET', '/api/commissions?q=重点项目')).json().items[0];
    expect(closedRow).toMatchObject({ id: second.id, status: 'closed' });
    expect(closedRow.counts.missed).toBeGreaterThan(0);
    expect(closedRow.counts.late).toBe(1);
    const byUnit = (await editor.request('GET', `/api/commissions?unitId=${jsjId}`)).json();
    expect(byUnit.items.map((r: { id: string }) => r.id)).toEqual([first.id]);

    const unit = (await reporter.request('GET', '/api/commissions')).json();
    expect(unit.total).toBe(2);
    const mineFirst = unit.items.find((r: { id: string }) => r.id === first.id);
    expect(mineFirst.counts).toMatchObject({ total: 1, answered: 1 });
    expect(mineFirst.mine).toMatchObject({ unitId: czjId, answer: 'answered', late: false });
    const mineSecond = unit.items.find((r: { id: string }) => r.id === second.id);
    expect(mineSecond.mine).toMatchObject({ answer: 'open' });
    expect(mineSecond.counts).toMatchObject({ total: 1, missed: 1 });
    const jsj = (await jsjReporter.request('GET', '/api/commissions')).json();
    expect(jsj.items.map((r: { id: string }) => r.id)).toEqual([first.id]);
    const open = (await reporter.request('GET', '/api/commissions/open')).json();
    expect(open.map((o: { id: string }) => o.id)).toEqual([first.id]);
    const badQuery = await editor.request('GET', '/api/commissions?status=galaxy');
    expect(badQuery.statusCode).toBe(400);
  });

  it('cancelling an issued commission tells its units why', async () => {
    const view = (await editor.request('GET', `/api/commissions/${first.id}`)).json();
    const before = countOf(await kindsFor('fy_jsj_xxy'), 'commission_issued');
    const res = await editor.request('POST', `/api/commissions/${first.id}/cancel`, {
      reason: '市政府已另行部署',
      version: view.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '市政府已另行部署' });
    expect(countOf(await kindsFor('fy_jsj_xxy'), 'commission_issued')).toBe(before + 1);
    const unitView = (await jsjReporter.request('GET', `/api/commissions/${first.id}`)).json();
    expect(unitView).toMatchObject({ status: 'cancelled', cancelReason: '市政府已另行部署', actions: [] });
  });
});
