import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, publicationIssues, publications } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { makeItem, orgByCode, publicationByName } from '../items/test-factory.ts';
import { todayInChina } from '../orgs/fields.ts';
import { createIssue, expectIssueRefused, getIssue, issueRow, setItems } from './issues.test-support.ts';
import type { IssueDetail } from './schemas.ts';

let t: TestApp;
let editor: Session;
let editor2: Session;
let chief: Session;
let leader: Session;
let llEditor: Session;
let reporter: Session;
let admin: Session;
let fyPub: string;
let llPub: string;
const year = Number(todayInChina().slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  [editor, editor2, chief, leader, llEditor, reporter, admin] = await Promise.all(
    ['editor', 'editor2', 'chief', 'leader', 'll_editor', 'fy_czj_xxy', 'admin'].map((u) => login(t.app, u)),
  );
  fyPub = (await publicationByName(t, '汾阳政务信息')).id;
  llPub = (await publicationByName(t, '吕梁政务信息●普刊')).id;
});
afterAll(() => t.close());

/** A fresh publication of 汾阳 so a test owns its whole numbering. */
async function newPublication(over: Partial<typeof publications.$inferInsert> = {}) {
  const fy = await orgByCode(t, 'fy');
  const [row] = await t.database.db
    .insert(publications)
    .values({ officeId: fy.id, name: `测试刊物${randomUUID().slice(0, 8)}`, kind: '增刊', ...over })
    .returning();
  return row;
}

describe('POST /api/issues (numbering)', () => {
  it('refuses anonymous callers, reporters and leaders, and a malformed body, in that order', async () => {
    expect((await anonymous(t.app, 'POST', '/api/issues', { publicationId: fyPub })).statusCode).toBe(401);
    expect((await reporter.request('POST', '/api/issues', { publicationId: 'x' })).statusCode).toBe(403);
    expect((await leader.request('POST', '/api/issues', { publicationId: fyPub })).statusCode).toBe(403);
    const bad = await editor.request('POST', '/api/issues', { publicationId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/刊物 ID/);
  });

  it('refuses another office’s publication and a stopped one, writing nothing', async () => {
    await expectIssueRefused(t, () => llEditor.request('POST', '/api/issues', { publicationId: fyPub }), 400);
    const stopped = await newPublication({ active: false });
    await expectIssueRefused(
      t,
      () => editor.request('POST', '/api/issues', { publicationId: stopped.id }),
      409,
      /已停用/,
    );
  });

  it('numbers a new publication from 1 with the label, copies the definition and audits', async () => {
    const fyDef = await publicationByName(t, '汾阳政务信息');
    const pub = await newPublication({
      distribution: { bao: '报甲', song: '送乙', fa: '发丙' },
      printCount: 33,
      showTotal: true,
      defaultEditorId: fyDef.defaultEditorId,
      defaultSignerId: fyDef.defaultSignerId,
    });
    const issue = await createIssue(editor2, pub.id, '  春耕专刊 ');
    expect(issue).toMatchObject({
      publicationId: pub.id,
      publicationName: pub.name,
      year,
      number: 1,
      totalNumber: 1,
      label: `${year}年第1期（总第1期）`,
      title: '春耕专刊',
      status: 'draft',
      statusLabel: '编辑中',
      distribution: { bao: '报甲', song: '送乙', fa: '发丙' },
      printCount: 33,
      responsibleEditorName: '张文秀',
      signerName: '陈志强',
      createdByName: '刘晓燕',
      itemCount: 0,
      items: [],
      secrecy: 'public',
      publicationKind: '增刊',
      version: 1,
    });
    expect(issue.actions).toEqual(['edit', 'delete', 'generate']);
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, issue.id), eq(auditEvents.action, 'issue.created')));
    expect(audit.targetLabel).toBe(`《${pub.name}》${year}年第1期（总第1期）`);
    // No default editor: the creator is the responsible editor.
    const bare = await newPublication();
    expect((await createIssue(editor2, bare.id)).responsibleEditorName).toBe('刘晓燕');
  });

  it('gives 8 concurrent creations by two editors the numbers 1..8 without gaps or duplicates', async () => {
    const pub = await newPublication();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? editor : editor2).request('POST', '/api/issues', { publicationId: pub.id }),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const numbers = results.map((r) => r.json().number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const rows = await t.database.db
      .select()
      .from(publicationIssues)
      .where(eq(publicationIssues.publicationId, pub.id))
      .orderBy(asc(publicationIssues.number));
    expect(rows.map((r) => r.totalNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((r) => r.label)).toEqual(rows.map((r) => `${year}年第${r.number}期`));
  });

  it('keeps each publication’s series apart, restarts yearly numbers and runs the total on', async () => {
    const pub = await newPublication({ labelFormat: 'bracket' });
    const other = await newPublication();
    // Last year's issues of this publication: numbers 1..5 of series year-1, totals 1..5.
    await t.database.db.insert(publicationIssues).values(
      [1, 2, 3, 4, 5].map((n) => ({
        publicationId: pub.id,
        officeId: pub.officeId,
        seriesKey: String(year - 1),
        year: year - 1,
        number: n,
        totalNumber: n,
        label: `〔${year - 1}〕${n}期`,
        status: 'published' as const,
        distribution: pub.distribution,
        printCount: pub.printCount,
        createdByName: '测试',
      })),
    );
    await createIssue(editor, other.id);
    const first = await createIssue(editor, pub.id);
    expect(first).toMatchObject({ number: 1, totalNumber: 6, label: `〔${year}〕1期` });
    expect((await createIssue(editor, other.id)).number).toBe(2);
    expect((await createIssue(editor, pub.id)).number).toBe(2);
  });

  it('takes a starting number for the first issue of a series, then refuses a skipped or reused number', async () => {
    const pub = await newPublication({ showTotal: true });
    const first = await editor.request('POST', '/api/issues', {
      publicationId: pub.id,
      number: 25,
      totalNumber: 125,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      number: 25,
      totalNumber: 125,
      label: `${year}年第25期（总第125期）`,
    });
    const before = await t.database.db
      .select()
      .from(publicationIssues)
      .where(eq(publicationIssues.publicationId, pub.id));
    const auditsBefore = (await t.database.db.select().from(auditEvents)).length;
    for (const [body, message] of [
      [{ number: 25 }, `期号冲突：《${pub.name}》${year}年下一期期号应为 26，不能跳号或重号`],
      [{ number: 28 }, `期号冲突：《${pub.name}》${year}年下一期期号应为 26，不能跳号或重号`],
      [{ totalNumber: 125 }, `总期号冲突：《${pub.name}》下一期总期号应为 126，不能跳号或重号`],
    ] as const) {
      const res = await editor2.request('POST', '/api/issues', { publicationId: pub.id, ...body });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().message).toBe(message);
    }
    const bad = await editor.request('POST', '/api/issues', { publicationId: pub.id, number: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/期号应为正整数/);
    expect(
      await t.database.db.select().from(publicationIssues).where(eq(publicationIssues.publicationId, pub.id)),
    ).toEqual(before);
    expect((await t.database.db.select().from(auditEvents)).length).toBe(auditsBefore);
    // The number that is due is accepted when given, and is the default.
    expect((await createIssue(editor, pub.id)).number).toBe(26);
    const due = await editor.request('POST', '/api/issues', {
      publicationId: pub.id,
      number: 27,
      totalNumber: 127,
    });
    expect(due.statusCode, due.body).toBe(201);
  });

  it('runs continuous numbers across years', async () => {
    const pub = await newPublication({ numbering: 'continuous', labelFormat: 'plain' });
    await t.database.db.insert(publicationIssues).values({
      publicationId: pub.id,
      officeId: pub.officeId,
      seriesKey: 'all',
      year: year - 1,
      number: 41,
      totalNumber: 41,
      label: '第41期',
      status: 'published',
      distribution: pub.distribution,
      printCount: pub.printCount,
      createdByName: '测试',
    });
    const issue = await createIssue(chief, pub.id);
    expect(issue).toMatchObject({ number: 42, totalNumber: 42, label: '第42期', year });
    expect((await issueRow(t, issue.id)).seriesKey).toBe('all');
  });
});

describe('GET /api/issues, /years and /:id', () => {
  let a: IssueDetail;
  let b: IssueDetail;
  let ll: IssueDetail;
  let pubId: string;

  beforeAll(async () => {
    const pub = await newPublication();
    pubId = pub.id;
    a = await createIssue(editor, pub.id, '防汛专题');
    b = await createIssue(editor, pub.id);
    const item = await makeItem(t, { status: 'accepted', title: '水务局扎实推进河道清淤疏浚工作' });
    b = await setItems(editor, b, [item.id]);
    ll = await createIssue(llEditor, llPub);
  });

  it('needs a session and a reading role; validates the query', async () => {
    expect((await anonymous(t.app, 'GET', '/api/issues')).statusCode).toBe(401);
    expect((await reporter.request('GET', '/api/issues')).statusCode).toBe(403);
    expect((await admin.request('GET', '/api/issues')).statusCode).toBe(403);
    expect((await editor.request('GET', '/api/issues?status=done')).statusCode).toBe(400);
    expect((await editor.request('GET', '/api/issues?pageSize=500')).statusCode).toBe(400);
    expect((await anonymous(t.app, 'GET', `/api/issues/${a.id}`)).statusCode).toBe(401);
    expect((await reporter.request('GET', `/api/issues/${a.id}`)).statusCode).toBe(403);
    expect((await editor.request('GET', '/api/issues/abc')).statusCode).toBe(400);
  });

  it('lists the office’s issues newest first with item counts and titles, filtered and searched', async () => {
    const res = await editor.request('GET', `/api/issues?publicationId=${pubId}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(2);
    expect(page.items.map((i: IssueDetail) => i.id)).toEqual([b.id, a.id]);
    expect(page.items[0]).toMatchObject({
      itemCount: 1,
      firstItemTitles: ['水务局扎实推进河道清淤疏浚工作'],
      actions: ['edit', 'delete', 'lock', 'generate'],
    });
    // Only the newest of a series may be deleted; an empty issue cannot be locked.
    expect(page.items[1].actions).toEqual(['edit', 'generate']);
    const search = async (q: string) =>
      (await editor.request('GET', `/api/issues?publicationId=${pubId}&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((i: IssueDetail) => i.id);
    expect(await search('防汛')).toEqual([a.id]);
    expect(await search('河道清淤')).toEqual([b.id]);
    expect(await search(`第${a.number}期`)).toEqual([a.id]);
    expect(await search('100%')).toEqual([]);
    const drafts = (await editor.request('GET', `/api/issues?status=locked&publicationId=${pubId}`)).json();
    expect(drafts.total).toBe(0);
    const paged = (
      await editor.request('GET', `/api/issues?publicationId=${pubId}&pageSize=1&page=2`)
    ).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((i: IssueDetail) => i.id)).toEqual([a.id]);
  });

  it('shows an office only its own issues; another office’s issue is 404', async () => {
    const mine = (await editor.request('GET', '/api/issues?pageSize=100')).json();
    expect(mine.items.some((i: IssueDetail) => i.id === ll.id)).toBe(false);
    expect((await editor.request('GET', `/api/issues/${ll.id}`)).statusCode).toBe(404);
    expect((await llEditor.request('GET', `/api/issues/${a.id}`)).statusCode).toBe(404);
    expect((await editor.request('GET', `/api/issues/${randomUUID()}`)).statusCode).toBe(404);
    const llList = (await llEditor.request('GET', '/api/issues')).json();
    expect(llList.items.map((i: IssueDetail) => i.id)).toEqual([ll.id]);
  });

  it('lets the designated signer (a leader) read the issue, and no other leader’s', async () => {
    expect((await leader.request('GET', `/api/issues/${a.id}`)).statusCode).toBe(404);
    const leaderId = (
      await t.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'leader') })
    )?.id;
    const patched = await editor.request('PATCH', `/api/issues/${a.id}`, {
      version: a.version,
      signerId: leaderId,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    a = patched.json();
    const seen = await getIssue(leader, a.id);
    expect(seen.signerName).toBe('郭振华');
    expect(seen.actions).toEqual([]);
  });

  it('lists the years that have issues, newest first', async () => {
    const res = await editor.request('GET', `/api/issues/years?publicationId=${pubId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([year]);
    expect((await editor.request('GET', '/api/issues/years?publicationId=x')).statusCode).toBe(400);
    expect((await reporter.request('GET', '/api/issues/years')).statusCode).toBe(403);
  });
});

describe('PATCH /api/issues/:id', () => {
  let issue: IssueDetail;
  let ids: Record<string, string>;

  beforeAll(async () => {
    issue = await createIssue(editor, (await newPublication()).id);
    const rows = await t.database.db.query.users.findMany();
    ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  });

  it('refuses 401, 403 (role), 400 (body), 404 (other office), 409 (stale) with nothing changed', async () => {
    const url = `/api/issues/${issue.id}`;
    expect((await anonymous(t.app, 'PATCH', url, { version: 1 })).statusCode).toBe(401);
    expect((await leader.request('PATCH', url, { version: 1, title: 'x' })).statusCode).toBe(403);
    await expectIssueRefused(t, () => editor.request('PATCH', url, { title: 'x' }), 400);
    await expectIssueRefused(t, () => editor.request('PATCH', url, { version: 1, printCount: 0 }), 400);
    await expectIssueRefused(t, () => llEditor.request('PATCH', url, { version: 1, title: 'x' }), 404);
    await expectIssueRefused(t, () => editor.request('PATCH', url, { version: 9, title: 'x' }), 409);
    await expectIssueRefused(
      t,
      () => editor.request('PATCH', url, { version: 1, responsibleEditorId: ids.leader }),
      400,
      '责任编辑须为本办公室在用的编辑或主编/签发领导',
    );
    await expectIssueRefused(
      t,
      () => editor.request('PATCH', url, { version: 1, signerId: ids.ll_chief }),
      400,
      '签发领导须为本办公室在用的主编/签发领导或领导',
    );
  });

  it('saves the metadata, versioned and audited', async () => {
    const res = await editor2.request('PATCH', `/api/issues/${issue.id}`, {
      version: issue.version,
      title: '本期要目',
      editorNote: '编者按：请各单位认真学习借鉴。',
      distribution: { bao: '吕梁市政府办', song: '市领导', fa: '各单位' },
      printCount: 120,
      responsibleEditorId: ids.editor2,
      signerId: ids.leader,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      title: '本期要目',
      editorNote: '编者按：请各单位认真学习借鉴。',
      printCount: 120,
      responsibleEditorId: ids.editor2,
      responsibleEditorName: '刘晓燕',
      signerId: ids.leader,
      signerName: '郭振华',
      version: issue.version + 1,
    });
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, issue.id), eq(auditEvents.action, 'issue.updated')));
    expect(audit.diff).toMatchObject({ printCount: [50, 120], signerName: [null, '郭振华'] });
  });
});

describe('GET /api/issues/:id/candidates', () => {
  it('lists the office’s accepted items in no issue, those aimed at this publication first', async () => {
    const pub = await newPublication();
    const issue = await createIssue(editor, pub.id);
    const other = await makeItem(t, { status: 'accepted', title: '其他刊物的候选信息' });
    const aimed = await makeItem(t, {
      status: 'accepted',
      title: '本刊的候选信息',
      targetPublication: pub.name,
    });
    const submitted = await makeItem(t, { status: 'submitted', title: '未采用的信息' });
    const res = await editor.request('GET', `/api/issues/${issue.id}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((i: { itemId: string }) => i.itemId);
    expect(ids[0]).toBe(aimed.id);
    expect(ids).toContain(other.id);
    expect(ids).not.toContain(submitted.id);
    expect(res.json().items[0]).toMatchObject({
      title: '本刊的候选信息',
      unitName: '财政局',
      targetPublicationName: pub.name,
      secrecy: 'public',
      priority: 'normal',
    });
    const q = await editor.request(
      'GET',
      `/api/issues/${issue.id}/candidates?q=${encodeURIComponent('其他刊物')}`,
    );
    expect(q.json().items.map((i: { itemId: string }) => i.itemId)).toEqual([other.id]);
    // Once in an issue, an item is no longer a candidate.
    await setItems(editor, issue, [other.id]);
    const after = (await editor.request('GET', `/api/issues/${issue.id}/candidates`)).json();
    expect(after.items.map((i: { itemId: string }) => i.itemId)).not.toContain(other.id);
    expect((await leader.request('GET', `/api/issues/${issue.id}/candidates`)).statusCode).toBe(403);
    expect((await llEditor.request('GET', `/api/issues/${issue.id}/candidates`)).statusCode).toBe(404);
  });
});

describe('GET /api/offices/:id/staff', () => {
  it('lists the office’s active people with the roles, for its staff and the system administrator', async () => {
    const fy = await orgByCode(t, 'fy');
    const res = await editor.request('GET', `/api/offices/${fy.id}/staff?roles=chief_editor,leader`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().map((p: { displayName: string }) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(['陈志强', '郭振华']));
    expect(names).not.toContain('张文秀');
    expect(
      (await admin.request('GET', `/api/offices/${fy.id}/staff?roles=editor`)).json().length,
    ).toBeGreaterThanOrEqual(2);
    expect((await llEditor.request('GET', `/api/offices/${fy.id}/staff`)).statusCode).toBe(403);
    expect((await reporter.request('GET', `/api/offices/${fy.id}/staff`)).statusCode).toBe(403);
    expect((await anonymous(t.app, 'GET', `/api/offices/${fy.id}/staff`)).statusCode).toBe(401);
    expect((await editor.request('GET', `/api/offices/${fy.id}/staff?roles=reporter`)).statusCode).toBe(400);
    expect((await editor.request('GET', `/api/offices/${randomUUID()}/staff`)).statusCode).toBe(404);
  });
});
