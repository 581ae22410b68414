import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instructionAssignments, instructions, portalQueue } from '../db/schema/index.ts';
import { makeIssue } from '../modules/circulation/circulation.test-support.ts';
import { makeItem, orgByCode } from '../modules/items/test-factory.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../test/helpers.ts';
import { formatDateTime } from './xlsx.ts';

/**
 * Every business list exports to Excel through the list's own query (issue 11, outcome 7): the
 * workbook holds the rows the list shows under the same filters, in the same order, without
 * paging; never another unit's or office's rows; the list's roles and its Chinese 400s apply.
 */

let t: TestApp;
let editor: Session;
let llEditor: Session;
let reporter: Session; // 财政局 信息员
let signer: Session; // 财政局 签发人
let jyjReporter: Session; // 教育局 信息员
let leader: Session;
let admin: Session;

/** Every title carries the marker, so other rows of the demo city never get in the way. */
const M = '导出测试';
const q = `q=${encodeURIComponent(M)}`;
/** Topics of next March can still be published, whatever today is. */
const NEXT_YEAR = new Date().getFullYear() + 1;

type Sheet = { filename: string; header: string[]; rows: unknown[][]; column(name: string): unknown[] };

/** Reads an export back: its file name, header row and data rows (cells from column A). */
async function workbook(res: LightMyRequestResponse): Promise<Sheet> {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const disposition = String(res.headers['content-disposition']);
  const filename = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const values = wb.worksheets[0].getSheetValues() as unknown[][];
  const header = (values[1] ?? []).slice(1) as string[];
  const rows = values.slice(2).flatMap((r) => (r ? [r.slice(1)] : []));
  return {
    filename,
    header,
    rows,
    column: (name) => {
      const i = header.indexOf(name);
      expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
      return rows.map((r) => r[i] ?? '');
    },
  };
}

async function list<T>(s: Session, url: string): Promise<{ items: T[]; total: number }> {
  const res = await s.request('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function refused(s: Session | null, url: string, status: number, message?: string) {
  const res = s ? await s.request('GET', url) : await anonymous(t.app, 'GET', url);
  expect(res.statusCode, res.body).toBe(status);
  if (message) expect(res.json().message).toContain(message);
}

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [editor, llEditor, reporter, signer, jyjReporter, leader, admin] = await Promise.all(
    ['editor', 'll_editor', 'fy_czj_xxy', 'fy_czj_qf', 'fy_jyj_xxy', 'leader', 'admin'].map((u) =>
      login(t.app, u),
    ),
  );
  const item = (title: string, opts: Parameters<typeof makeItem>[1]) =>
    makeItem(t, { title: `${M}${title}`, ...opts });
  await item('财政局紧急', { unit: 'fy_czj', status: 'submitted', priority: 'urgent' });
  await item('财政局普通', { unit: 'fy_czj', status: 'submitted' });
  await item('财政局已采用', { unit: 'fy_czj', status: 'accepted' });
  await item('财政局草稿', { unit: 'fy_czj', status: 'draft' });
  await item('财政局待签发一', { unit: 'fy_czj', status: 'pending_signoff' });
  await item('财政局待签发二', { unit: 'fy_czj', status: 'pending_signoff', priority: 'urgent' });
  await item('教育局报送', { unit: 'fy_jyj', status: 'submitted' });
  await item('教育局退回', { unit: 'fy_jyj', status: 'returned' });
  await item('教育局待签发', { unit: 'fy_jyj', status: 'pending_signoff' });
  // Held by the office above (吕梁): never in 汾阳's lists.
  await item('吕梁收稿', { unit: 'fy', office: 'll', status: 'submitted', priority: 'urgent' });
});
afterAll(() => t.close());

describe('GET /api/items/export.xlsx', () => {
  it('收稿箱: the rows of the list under the same filters and order, with Chinese headers, labels and Beijing times', async () => {
    for (const filter of ['status=submitted', 'priority=urgent', '']) {
      const query = `box=inbox&${q}${filter ? `&${filter}` : ''}`;
      const page = await list<{ serial: number; submittedAt: string | null; statusLabel: string }>(
        editor,
        `/api/items?${query}&pageSize=100`,
      );
      const sheet = await workbook(await editor.request('GET', `/api/items/export.xlsx?${query}`));
      expect(sheet.filename).toMatch(/^收稿箱-\d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(sheet.header).toEqual([
        '编号',
        '标题',
        '报送单位',
        '原报单位',
        '类别',
        '紧急程度',
        '密级',
        '状态',
        '报送时间',
        '处理时限',
        '超时',
      ]);
      expect(page.total).toBeGreaterThan(0);
      expect(sheet.column('编号')).toEqual(page.items.map((i) => i.serial));
      expect(sheet.column('状态')).toEqual(page.items.map((i) => i.statusLabel));
      expect(sheet.column('报送时间')).toEqual(page.items.map((i) => formatDateTime(i.submittedAt)));
      expect(sheet.column('报送时间').every((v) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(String(v)))).toBe(
        true,
      );
      expect(sheet.column('标题')).not.toContain(`${M}吕梁收稿`);
      expect(sheet.column('标题')).not.toContain(`${M}财政局草稿`);
    }
    const urgent = await workbook(
      await editor.request('GET', `/api/items/export.xlsx?box=inbox&${q}&priority=urgent`),
    );
    expect(urgent.column('标题')).toEqual([`${M}财政局紧急`]);
    expect(urgent.column('紧急程度')).toEqual(['紧急']);
    expect(urgent.column('报送单位')).toEqual(['汾阳市财政局']);
  });

  it('another office exports its own inbox only', async () => {
    const sheet = await workbook(await llEditor.request('GET', `/api/items/export.xlsx?box=inbox&${q}`));
    expect(sheet.column('标题')).toEqual([`${M}吕梁收稿`]);
  });

  it('我的信息 and 待签发: the unit’s own rows, never another unit’s', async () => {
    for (const filter of ['', '&status=draft', '&priority=urgent']) {
      const query = `box=mine&${q}${filter}`;
      const page = await list<{ serial: number }>(reporter, `/api/items?${query}&pageSize=100`);
      const sheet = await workbook(await reporter.request('GET', `/api/items/export.xlsx?${query}`));
      expect(sheet.filename).toMatch(/^我的信息-/);
      expect(sheet.column('编号')).toEqual(page.items.map((i) => i.serial));
      expect(sheet.column('标题').every((title) => String(title).startsWith(`${M}财政局`))).toBe(true);
    }
    const mine = await workbook(await reporter.request('GET', `/api/items/export.xlsx?box=mine&${q}`));
    expect(mine.rows).toHaveLength(6);
    expect(mine.header).toEqual([
      '编号',
      '标题',
      '状态',
      '类别',
      '紧急程度',
      '作者',
      '报送时间',
      '上级处理',
      '上级采用',
    ]);
    expect(new Set(mine.column('状态'))).toEqual(new Set(['已报送', '拟采用', '草稿', '待签发']));

    const page = await list<{ serial: number }>(signer, `/api/items?box=signoff&pageSize=100`);
    const signoff = await workbook(await signer.request('GET', '/api/items/export.xlsx?box=signoff'));
    expect(signoff.filename).toMatch(/^待签发-/);
    expect(signoff.column('编号')).toEqual(page.items.map((i) => i.serial));
    expect(signoff.column('标题')).toEqual(
      expect.arrayContaining([`${M}财政局待签发一`, `${M}财政局待签发二`]),
    );
    expect(signoff.column('标题')).not.toContain(`${M}教育局待签发`);

    const other = await workbook(await jyjReporter.request('GET', `/api/items/export.xlsx?box=mine&${q}`));
    expect(other.column('标题').sort()).toEqual(
      [`${M}教育局待签发`, `${M}教育局报送`, `${M}教育局退回`].sort(),
    );
  });

  it('转报与采用 exports for the office staff', async () => {
    const sheet = await workbook(await editor.request('GET', `/api/items/export.xlsx?box=forwarded&${q}`));
    expect(sheet.filename).toMatch(/^转报与采用-/);
    expect(sheet.header).toContain('上级采用');
    expect(sheet.rows).toEqual([]);
  });

  it('refuses the wrong role with 403, no session with 401, a bad filter with a Chinese 400', async () => {
    await refused(null, '/api/items/export.xlsx?box=inbox', 401);
    await refused(reporter, '/api/items/export.xlsx?box=inbox', 403, '收稿箱');
    await refused(editor, '/api/items/export.xlsx?box=signoff', 403, '待签发');
    await refused(leader, '/api/items/export.xlsx?box=mine', 403);
    await refused(editor, '/api/items/export.xlsx?box=inbox&from=2025-13-45', 400, '日期须为 YYYY-MM-DD');
    await refused(editor, '/api/items/export.xlsx?box=nope', 400, '列表须为');
    await refused(editor, '/api/items/export.xlsx?box=inbox&unitId=x', 400, '单位 ID 格式不正确');
  });
});

describe('GET /api/issues/export.xlsx', () => {
  beforeAll(async () => {
    await makeIssue(t, { status: 'published', title: `${M}第一期要目` });
    await makeIssue(t, { status: 'draft', title: `${M}草稿期` });
    await makeIssue(t, { status: 'published', title: `${M}吕梁期`, publication: '吕梁政务信息●普刊' });
  });

  it('the issues of the list under the same filters, only the office’s own', async () => {
    for (const filter of ['', '&status=published', '&year=2020&status=draft']) {
      const query = `${q}${filter}`;
      const page = await list<{ label: string; statusLabel: string }>(
        editor,
        `/api/issues?${query}&pageSize=100`,
      );
      const sheet = await workbook(await editor.request('GET', `/api/issues/export.xlsx?${query}`));
      expect(sheet.filename).toMatch(/^刊物期次-/);
      expect(page.total).toBeGreaterThan(0);
      expect(sheet.column('期号')).toEqual(page.items.map((i) => i.label));
      expect(sheet.column('状态')).toEqual(page.items.map((i) => i.statusLabel));
      expect(sheet.column('本期要目')).not.toContain(`${M}吕梁期`);
    }
    const published = await workbook(
      await editor.request('GET', `/api/issues/export.xlsx?${q}&status=published`),
    );
    expect(published.column('本期要目')).toEqual([`${M}第一期要目`]);
    expect(published.column('状态')).toEqual(['已发布']);
    expect(published.column('刊物')).toEqual(['汾阳政务信息']);
    const ll = await workbook(await llEditor.request('GET', `/api/issues/export.xlsx?${q}`));
    expect(ll.column('本期要目')).toEqual([`${M}吕梁期`]);
  });

  it('refuses a unit with 403 and a bad filter with a Chinese 400', async () => {
    await refused(reporter, '/api/issues/export.xlsx', 403);
    await refused(editor, '/api/issues/export.xlsx?status=bogus', 400, '状态须为');
    await refused(editor, '/api/issues/export.xlsx?publicationId=x', 400, '刊物 ID 格式不正确');
  });
});

describe('GET /api/instructions/export.xlsx', () => {
  beforeAll(async () => {
    const fy = await orgByCode(t, 'fy');
    const ll = await orgByCode(t, 'll');
    const czj = await orgByCode(t, 'fy_czj');
    const swj = await orgByCode(t, 'fy_swj');
    const record = async (
      officeId: string,
      text: string,
      unitId: string | null,
      status: 'assigned' | 'recorded' = 'assigned',
    ) => {
      const [row] = await t.database.db
        .insert(instructions)
        .values({
          officeId,
          source: 'paper',
          leaderName: '王市长',
          leaderTitle: '市长',
          level: 'county',
          text: `${M}${text}`,
          instructedOn: '2026-01-05',
          status,
          recordedByName: '测试编辑',
        })
        .returning();
      if (unitId)
        await t.database.db
          .insert(instructionAssignments)
          .values({ instructionId: row.id, unitId, deadline: '2026-01-20', assignedByName: '测试编辑' });
    };
    await record(fy.id, '请财政局落实', czj.id);
    await record(fy.id, '请水务局落实', swj.id);
    await record(fy.id, '待交办的批示', null, 'recorded');
    await record(ll.id, '吕梁的批示', null, 'recorded');
  });

  it('the office’s instructions under the same filters; a unit only those assigned to it', async () => {
    for (const filter of ['', '&status=assigned', '&status=recorded']) {
      const query = `${q}${filter}`;
      const page = await list<{ serial: number; statusLabel: string }>(
        editor,
        `/api/instructions?${query}&pageSize=100`,
      );
      const sheet = await workbook(await editor.request('GET', `/api/instructions/export.xlsx?${query}`));
      expect(sheet.filename).toMatch(/^领导批示-/);
      expect(page.total).toBeGreaterThan(0);
      expect(sheet.column('编号')).toEqual(page.items.map((i) => i.serial));
      expect(sheet.column('状态')).toEqual(page.items.map((i) => i.statusLabel));
      expect(sheet.column('批示内容')).not.toContain(`${M}吕梁的批示`);
    }
    const recorded = await workbook(
      await editor.request('GET', `/api/instructions/export.xlsx?${q}&status=recorded`),
    );
    expect(recorded.column('批示内容')).toEqual([`${M}待交办的批示`]);
    expect(recorded.column('状态')).toEqual(['待交办']);
    expect(recorded.column('批示领导')).toEqual(['王市长（市长）']);

    const unit = await workbook(await reporter.request('GET', `/api/instructions/export.xlsx?${q}`));
    expect(unit.filename).toMatch(/^批示落实-/);
    expect(unit.column('批示内容')).toEqual([`${M}请财政局落实`]);
    expect(unit.column('本单位落实')).toEqual(['待反馈']);
    expect(unit.column('逾期')).toEqual(['已逾期']);
  });

  it('refuses the system administrator with 403 and a bad filter with a Chinese 400', async () => {
    await refused(admin, '/api/instructions/export.xlsx', 403);
    await refused(editor, '/api/instructions/export.xlsx?unitId=x', 400, '单位编号格式不正确');
  });
});

describe('GET /api/portal-queue/export.xlsx', () => {
  beforeAll(async () => {
    const fy = await orgByCode(t, 'fy');
    const ll = await orgByCode(t, 'll');
    const published = await makeItem(t, { unit: 'fy_czj', status: 'published', title: `${M}上网站` });
    const withdrawn = await makeItem(t, { unit: 'fy_jyj', status: 'published', title: `${M}已撤回` });
    const upper = await makeItem(t, {
      unit: 'fy',
      office: 'll',
      status: 'published',
      title: `${M}吕梁上网站`,
    });
    await t.database.db.insert(portalQueue).values([
      { itemId: published.id, officeId: fy.id, queuedByName: '测试编辑' },
      {
        itemId: withdrawn.id,
        officeId: fy.id,
        queuedByName: '测试编辑',
        status: 'withdrawn',
        withdrawnReason: '数据待核实',
        withdrawnAt: new Date(),
      },
      { itemId: upper.id, officeId: ll.id, queuedByName: '吕梁编辑' },
    ]);
  });

  it('the queue under the same status filter, only the office’s own', async () => {
    for (const filter of ['', '?status=queued', '?status=withdrawn']) {
      const page = await list<{ serial: number }>(editor, `/api/portal-queue${filter}`);
      const sheet = await workbook(await editor.request('GET', `/api/portal-queue/export.xlsx${filter}`));
      expect(sheet.filename).toMatch(/^网站推送-/);
      expect(sheet.column('编号')).toEqual(page.items.map((i) => i.serial));
      expect(sheet.column('标题')).not.toContain(`${M}吕梁上网站`);
    }
    const withdrawn = await workbook(
      await editor.request('GET', '/api/portal-queue/export.xlsx?status=withdrawn'),
    );
    expect(withdrawn.column('标题')).toEqual([`${M}已撤回`]);
    expect(withdrawn.column('状态')).toEqual(['已撤回']);
    expect(withdrawn.column('撤回原因')).toEqual(['数据待核实']);
    expect(withdrawn.column('刊物期号')).toEqual(['单独推送']);
  });

  it('refuses a leader with 403 and a bad status with a Chinese 400', async () => {
    await refused(leader, '/api/portal-queue/export.xlsx', 403);
    await refused(editor, '/api/portal-queue/export.xlsx?status=bad', 400, 'status 须为');
  });
});

describe('GET /api/topics/export.xlsx', () => {
  beforeAll(async () => {
    const create = async (s: Session, title: string, publish: boolean) => {
      const res = await s.request('POST', '/api/topics', {
        title: `${M}${title}`,
        description: '报送经验做法和存在问题。',
        periodStart: `${NEXT_YEAR}-03-01`,
        periodEnd: `${NEXT_YEAR}-03-31`,
        sortOrder: 1,
      });
      expect(res.statusCode, res.body).toBe(201);
      if (!publish) return;
      const { id, version } = res.json();
      const done = await s.request('POST', `/api/topics/${id}/publish`, { version });
      expect(done.statusCode, done.body).toBe(200);
    };
    await create(editor, '已发布要点', true);
    await create(editor, '草稿要点', false);
    await create(llEditor, '吕梁要点', true);
    await create(llEditor, '吕梁草稿要点', false);
  });

  it('the office’s topics with their figures; a unit the published ones of its office', async () => {
    for (const filter of ['', '&status=draft', `&from=${NEXT_YEAR}-03-10&to=${NEXT_YEAR}-03-20`]) {
      const query = `${q}${filter}`;
      const page = await list<{ title: string }>(editor, `/api/topics?${query}&pageSize=100`);
      const sheet = await workbook(await editor.request('GET', `/api/topics/export.xlsx?${query}`));
      expect(sheet.filename).toMatch(/^报送要点-/);
      expect(page.total).toBeGreaterThan(0);
      expect(sheet.column('要点')).toEqual(page.items.map((i) => i.title));
      // 汾阳's office reports to 吕梁 and reads its published topics, never its drafts.
      expect(sheet.column('要点')).not.toContain(`${M}吕梁草稿要点`);
      expect(sheet.header).toContain('上级采用');
    }
    const ll = await workbook(await llEditor.request('GET', `/api/topics/export.xlsx?${q}`));
    expect(ll.column('要点').sort()).toEqual([`${M}吕梁草稿要点`, `${M}吕梁要点`].sort());
    const unit = await workbook(await reporter.request('GET', `/api/topics/export.xlsx?${q}`));
    expect(unit.column('要点')).toEqual([`${M}已发布要点`]);
    expect(unit.column('状态')).toEqual(['已发布']);
    expect(unit.header).not.toContain('上级采用');
  });

  it('refuses a leader with 403 and a reversed range with a Chinese 400', async () => {
    await refused(leader, '/api/topics/export.xlsx', 403);
    const res = await editor.request('GET', '/api/topics/export.xlsx?from=2026-04-01&to=2026-03-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('the other list exports', () => {
  it('约稿, 会议与培训 and 传阅件 answer with their workbooks for their readers and refuse others', async () => {
    const commissions = await workbook(
      await editor.request('GET', '/api/commissions/export.xlsx?status=issued'),
    );
    expect(commissions.filename).toMatch(/^约稿-/);
    expect(commissions.header).toContain('已读');
    const notices = await workbook(await reporter.request('GET', '/api/commissions/export.xlsx'));
    expect(notices.filename).toMatch(/^约稿通知-/);
    expect(notices.header).toContain('本单位答复');
    const meetings = await workbook(await editor.request('GET', '/api/meetings/export.xlsx?year=2026'));
    expect(meetings.filename).toMatch(/^会议与培训-/);
    expect(meetings.header).toContain('人次');
    const reading = await workbook(
      await leader.request('GET', '/api/circulations/mine/export.xlsx?unread=true'),
    );
    expect(reading.filename).toMatch(/^传阅件-/);
    expect(reading.header).toContain('阅读时间');

    await refused(leader, '/api/commissions/export.xlsx', 403);
    await refused(editor, '/api/circulations/mine/export.xlsx', 403);
    await refused(admin, '/api/meetings/export.xlsx', 403);
    await refused(editor, '/api/meetings/export.xlsx?kind=party', 400, '类别不正确');
    await refused(editor, '/api/commissions/export.xlsx?overdue=maybe', 400, 'overdue 只能是 true 或 false');
    await refused(
      leader,
      '/api/circulations/mine/export.xlsx?unread=maybe',
      400,
      'unread 须为 true 或 false',
    );
  });
});
