import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, meetings, notifications, orgs, users } from '../../db/schema/index.ts';
import { manualClock } from '../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

/**
 * 会议与培训 end to end on the real API: the office records meetings with invited units (who hear
 * of one still to come), ticks the checklist, records attendance; units see only what they were
 * invited to and only their own mark; the year's figures are checked against hand-counted ones.
 */

const clock = manualClock('2026-03-05T02:00:00Z'); // 10:00 in Beijing
let t: TestApp;
let editor: Session;
let czj: Session;
let swj: Session;
let dcd: Session;
let llEditor: Session;
let czjId = '';
let swjId = '';
let jsjId = '';
let xyId = '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  [editor, czj, swj, dcd, llEditor] = await Promise.all(
    ['editor', 'fy_czj_xxy', 'fy_swj_xxy', 'fy_dcd_xxy', 'll_editor'].map((u) => login(t.app, u)),
  );
  const org = async (code: string) =>
    (await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0]?.id ?? '';
  czjId = await org('fy_czj');
  swjId = await org('fy_swj');
  jsjId = await org('fy_jsj');
  xyId = await org('xy');
});
afterAll(() => t.close());

async function notices(username: string) {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, u?.id ?? ''), eq(notifications.kind, 'meeting_notice')))
    .orderBy(notifications.id);
}
const meetingCount = async () => (await t.database.db.select({ n: count() }).from(meetings))[0]?.n ?? 0;

type Created = { id: string; version: number };
async function create(body: Record<string, unknown>): Promise<Created> {
  const res = await editor.request('POST', '/api/meetings', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function mark(id: string, attendance: { unitId: string; attendance: string; attendees?: string[] }[]) {
  const version = (await editor.request('GET', `/api/meetings/${id}`)).json().version;
  const res = await editor.request('PUT', `/api/meetings/${id}/attendance`, { attendance, version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('会议与培训', () => {
  let video: Created;
  let future: Created;
  let training1: Created;
  let training2: Created;

  it('records a video conference with the default checklist; the invited units hear of it', async () => {
    const res = await editor.request('POST', '/api/meetings', {
      kind: 'video_conference',
      level: 'national',
      title: '全国政务信息工作视频会议',
      organiser: '国务院办公厅',
      startsAt: '2026-03-10T09:00:00+08:00',
      endsAt: '2026-03-10T11:00:00+08:00',
      location: '市政府视频会议室',
      unitIds: [czjId, swjId, jsjId],
    });
    expect(res.statusCode, res.body).toBe(201);
    video = res.json();
    expect(res.json()).toMatchObject({
      kindLabel: '视频会议',
      levelLabel: '国家级',
      startsAt: '2026-03-10T01:00:00.000Z',
      checklistProgress: { done: 0, total: 7 },
      summary: { invited: 3, present: 0, absent: 0, excused: 0, expected: 3, personTimes: 0 },
      actions: ['update', 'checklist', 'attendance', 'attach'],
    });
    expect(res.json().checklist).toMatchObject([
      {
        phase: 'before',
        label: '会前调试',
        items: [{ label: '检查视频线路' }, { label: '调试音视频设备' }, { label: '确认参会单位' }],
      },
      { phase: 'during', label: '会中保障', items: [{ label: '专人值守' }, { label: '记录会议' }] },
      { phase: 'after', label: '会后维护', items: [{ label: '设备归位' }, { label: '整理纪要' }] },
    ]);
    expect(res.json().participants.map((p: { attendanceLabel: string }) => p.attendanceLabel)).toEqual([
      '应到',
      '应到',
      '应到',
    ]);
    expect((await notices('fy_czj_xxy')).map((n) => n.title)).toEqual(['会议通知：全国政务信息工作视频会议']);
    expect((await notices('fy_czj_qf')).at(0)?.body).toBe(
      '2026-03-10 09:00，市政府视频会议室（国务院办公厅）',
    );
    expect(await notices('fy_swj_xxy')).toHaveLength(1);
    expect(await notices('fy_dcd_xxy')).toHaveLength(0);
  });

  it('records past and future meetings; one recorded afterwards notifies nobody', async () => {
    training1 = await create({
      kind: 'training',
      level: 'province',
      title: '全省政务信息业务培训班',
      organiser: '山西省人民政府办公厅',
      startsAt: '2026-02-20T09:00:00+08:00',
      unitIds: [czjId, swjId],
    });
    // 1 January 01:00 in Beijing is still 2025 in UTC: it belongs to 2026.
    training2 = await create({
      kind: 'training',
      level: 'province',
      title: '全省信息员网络培训',
      organiser: '山西省人民政府办公厅',
      startsAt: '2025-12-31T17:00:00Z',
      unitIds: [czjId],
    });
    const lastYear = await create({
      kind: 'work_meeting',
      level: 'county',
      title: '2025年度信息工作总结会',
      organiser: '汾阳市人民政府办公室',
      startsAt: '2025-12-31T23:00:00+08:00',
      unitIds: [czjId],
    });
    future = await create({
      kind: 'work_meeting',
      level: 'city',
      title: '全市政务信息工作会议',
      organiser: '吕梁市人民政府办公室',
      startsAt: '2026-06-01T09:00:00+08:00',
      location: '吕梁市政府第一会议室',
      unitIds: [czjId, swjId],
    });
    expect((await notices('fy_czj_xxy')).map((n) => n.title)).toEqual([
      '会议通知：全国政务信息工作视频会议',
      '会议通知：全市政务信息工作会议',
    ]);
    await mark(training1.id, [
      { unitId: czjId, attendance: 'present', attendees: ['杨晓东'] },
      { unitId: swjId, attendance: 'present' },
    ]);
    await mark(training2.id, [
      { unitId: czjId, attendance: 'present', attendees: ['李晓华', '杨晓东', '王志明'] },
    ]);
    await mark(lastYear.id, [{ unitId: czjId, attendance: 'present', attendees: ['杨晓东'] }]);
  });

  it('refuses bad input in Chinese and creates nothing; units may not record meetings', async () => {
    const before = await meetingCount();
    const base = {
      kind: 'training',
      level: 'county',
      title: '培训',
      organiser: '汾阳市人民政府办公室',
      startsAt: '2026-04-01T09:00:00+08:00',
      unitIds: [czjId],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, endsAt: '2026-04-01T08:00:00+08:00' }, '结束时间不能早于开始时间'],
      [{ ...base, unitIds: [xyId] }, '所辖'],
      [{ ...base, unitIds: [czjId, czjId] }, '重复'],
      [{ ...base, kind: 'party' }, '工作会议、培训或视频会议'],
      [{ ...base, level: 'galaxy' }, '国家级、省级、市级或县级'],
      [{ ...base, title: ' ' }, '请填写会议名称'],
      [{ ...base, startsAt: '下周一' }, '开始时间格式不正确'],
    ];
    for (const [body, message] of cases) {
      const res = await editor.request('POST', '/api/meetings', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toContain(message);
    }
    expect((await czj.request('POST', '/api/meetings', base)).statusCode).toBe(403);
    expect(await meetingCount()).toBe(before);
  });

  it('units see only the meetings they were invited to, and only their own attendance', async () => {
    const mine = await czj.request('GET', `/api/meetings/${video.id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ checklist: null, summary: null, actions: [] });
    expect(mine.json().participants.map((p: { unit: { id: string } }) => p.unit.id)).toEqual([czjId]);
    const other = await dcd.request('GET', `/api/meetings/${video.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('会议不存在或您无权查看');
    expect((await llEditor.request('GET', `/api/meetings/${video.id}`)).statusCode).toBe(404);
    const foreignPut = await llEditor.request('PUT', `/api/meetings/${video.id}/checklist`, {
      checklist: { before: [], during: [], after: [] },
      version: 1,
    });
    expect(foreignPut.statusCode).toBe(404);
    expect(
      (
        await czj.request('PUT', `/api/meetings/${video.id}/attendance`, {
          attendance: [{ unitId: czjId, attendance: 'present' }],
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const czjList = (await czj.request('GET', '/api/meetings?pageSize=100')).json();
    expect(czjList.total).toBe(5);
    expect(czjList.items[0]).toMatchObject({ id: future.id, myAttendance: 'expected', summary: null });
    const swjList = (await swj.request('GET', '/api/meetings?pageSize=100')).json();
    expect(swjList.items.map((m: { id: string }) => m.id)).toEqual([future.id, video.id, training1.id]);
    expect((await dcd.request('GET', '/api/meetings')).json().total).toBe(0);
    expect((await (await login(t.app, 'admin')).request('GET', '/api/meetings')).statusCode).toBe(403);
  });

  it('ticks the checklist (who and when kept), refuses a stale version', async () => {
    const view = (await editor.request('GET', `/api/meetings/${video.id}`)).json();
    clock.set('2026-03-09T08:00:00Z');
    const res = await editor.request('PUT', `/api/meetings/${video.id}/checklist`, {
      checklist: {
        before: [
          { label: '检查视频线路', done: true },
          { label: '调试音视频设备', done: true },
          { label: '确认参会单位', done: false },
        ],
        during: [
          { label: '专人值守', done: false },
          { label: '记录会议', done: false },
        ],
        after: [
          { label: '设备归位', done: false },
          { label: '整理纪要', done: false },
          { label: '会议材料归档', done: false },
        ],
      },
      version: view.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().checklistProgress).toEqual({ done: 2, total: 8 });
    expect(res.json().checklist[0].items[0]).toEqual({
      label: '检查视频线路',
      done: true,
      doneByName: '张文秀',
      doneAt: '2026-03-09T08:00:00.000Z',
    });
    const stale = await editor.request('PUT', `/api/meetings/${video.id}/checklist`, {
      checklist: { before: [], during: [], after: [] },
      version: view.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    // A second editor ticks one more; the first ticks keep their author and time.
    clock.set('2026-03-09T09:00:00Z');
    const editor2 = await login(t.app, 'editor2');
    const next = res.json().checklist;
    const body = Object.fromEntries(
      next.map((p: { phase: string; items: { label: string; done: boolean }[] }) => [
        p.phase,
        p.items.map((i) => ({ label: i.label, done: i.done || i.label === '确认参会单位' })),
      ]),
    );
    const second = await editor2.request('PUT', `/api/meetings/${video.id}/checklist`, {
      checklist: body,
      version: res.json().version,
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().checklist[0].items.map((i: { doneByName: string }) => i.doneByName)).toEqual([
      '张文秀',
      '张文秀',
      '刘晓燕',
    ]);
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'meeting.checklist_changed'))
      .orderBy(auditEvents.id)
      .limit(1);
    expect(audit?.diff).toMatchObject({
      会前调试·检查视频线路: '已完成',
      会后维护·会议材料归档: '新增',
      完成情况: '2/8',
    });
  });

  it('records attendance: 请假 before the meeting, 出席 and 缺席 once it has begun, nothing on a bad row', async () => {
    const version = (await editor.request('GET', `/api/meetings/${video.id}`)).json().version;
    const early = await editor.request('PUT', `/api/meetings/${video.id}/attendance`, {
      attendance: [{ unitId: czjId, attendance: 'present', attendees: ['杨晓东'] }],
      version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('会议尚未开始');
    const excused = await editor.request('PUT', `/api/meetings/${video.id}/attendance`, {
      attendance: [{ unitId: jsjId, attendance: 'excused' }],
      version,
    });
    expect(excused.statusCode, excused.body).toBe(200);

    clock.set('2026-03-10T03:00:00Z'); // 11:00 in Beijing, the meeting has begun
    const v2 = excused.json().version;
    const bad = [
      [{ unitId: xyId, attendance: 'present' }, '不在本次会议的参会单位中'],
      [{ unitId: swjId, attendance: 'absent', attendees: ['吴海燕'] }, '只有出席的单位才能填写参会人员'],
      [{ unitId: czjId, attendance: 'present', attendees: ['杨晓东、周国栋'] }, '姓名中不能含有顿号'],
      [{ unitId: czjId, attendance: 'here' }, '出席情况只能是'],
    ] as const;
    for (const [row, message] of bad) {
      const res = await editor.request('PUT', `/api/meetings/${video.id}/attendance`, {
        attendance: [{ unitId: czjId, attendance: 'present', attendees: ['杨晓东'] }, row],
        version: v2,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toContain(message);
    }
    const unchanged = (await editor.request('GET', `/api/meetings/${video.id}`)).json();
    expect(unchanged.summary).toMatchObject({ present: 0, excused: 1 });
    expect(unchanged.version).toBe(v2);

    const ok = await editor.request('PUT', `/api/meetings/${video.id}/attendance`, {
      attendance: [
        { unitId: czjId, attendance: 'present', attendees: ['杨晓东', '周国栋'] },
        { unitId: swjId, attendance: 'absent' },
      ],
      version: v2,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().summary).toEqual({
      invited: 3,
      present: 1,
      absent: 1,
      excused: 1,
      expected: 0,
      personTimes: 2,
    });
    const own = (await czj.request('GET', `/api/meetings/${video.id}`)).json();
    expect(own.participants).toEqual([
      {
        unit: { id: czjId, name: '汾阳市财政局' },
        attendance: 'present',
        attendanceLabel: '出席',
        attendees: ['杨晓东', '周国栋'],
      },
    ]);
  });

  it('updates a meeting: new units are invited, a move in time or place is told, recorded units stay', async () => {
    const view = (await editor.request('GET', `/api/meetings/${future.id}`)).json();
    const body = {
      kind: 'work_meeting',
      level: 'city',
      title: '全市政务信息工作会议',
      organiser: '吕梁市人民政府办公室',
      startsAt: '2026-06-01T09:00:00+08:00',
      location: '吕梁市政府第二会议室',
      unitIds: [czjId, swjId, jsjId],
      minutes: '',
      version: view.version,
    };
    const res = await editor.request('PUT', `/api/meetings/${future.id}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ location: '吕梁市政府第二会议室', summary: { invited: 3 } });
    expect((await notices('fy_jsj_xxy')).map((n) => n.title)).toEqual([
      '会议通知：全国政务信息工作视频会议',
      '会议通知：全市政务信息工作会议',
    ]);
    expect((await notices('fy_czj_xxy')).at(-1)?.title).toBe('工作会议时间地点变更：全市政务信息工作会议');
    const stale = await editor.request('PUT', `/api/meetings/${future.id}`, body);
    expect(stale.statusCode).toBe(409);

    const v = (await editor.request('GET', `/api/meetings/${video.id}`)).json();
    const drop = await editor.request('PUT', `/api/meetings/${video.id}`, {
      kind: v.kind,
      level: v.level,
      title: v.title,
      organiser: v.organiser,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      location: v.location,
      minutes: '会议传达了全国政务信息工作要点。',
      unitIds: [swjId, jsjId],
      version: v.version,
    });
    expect(drop.statusCode).toBe(409);
    expect(drop.json().message).toBe('汾阳市财政局已登记出席情况，不能移出参会单位');
  });

  it('keeps files on a meeting for the office and the invited units', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await uploadTo(editor, `/api/meetings/${video.id}/files`, pdf, '会议签到表.pdf');
    expect(up.statusCode, up.body).toBe(201);
    expect((await uploadTo(czj, `/api/meetings/${video.id}/files`, pdf, 'x.pdf')).statusCode).toBe(403);
    const url = `/api/meetings/${video.id}/files/${up.json().id}`;
    const got = await czj.request('GET', url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await dcd.request('GET', url)).statusCode).toBe(404);
    expect((await czj.request('GET', `/api/meetings/${video.id}`)).json().files).toMatchObject([
      { fileName: '会议签到表.pdf' },
    ]);
  });

  it('lists the office year, paged, with counts from one aggregate', async () => {
    const res = await editor.request('GET', '/api/meetings?year=2026&pageSize=2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(res.json().items.map((m: { id: string }) => m.id)).toEqual([future.id, video.id]);
    expect(res.json().items[1]).toMatchObject({
      checklistProgress: { done: 3, total: 8 },
      summary: { invited: 3, present: 1, absent: 1, excused: 1, expected: 0, personTimes: 2 },
      myAttendance: null,
    });
    const page2 = (await editor.request('GET', '/api/meetings?year=2026&pageSize=2&page=2')).json();
    expect(page2.items.map((m: { id: string }) => m.id)).toEqual([training1.id, training2.id]);
    expect(page2.items[0].summary.personTimes).toBe(2);
    const trainings = (await editor.request('GET', '/api/meetings?kind=training')).json();
    expect(trainings.total).toBe(2);
    expect((await editor.request('GET', `/api/meetings?unitId=${jsjId}`)).json().total).toBe(2);
    expect((await editor.request('GET', '/api/meetings?year=2025')).json().total).toBe(1);
    expect((await editor.request('GET', '/api/meetings?q=网络培训')).json().items[0].id).toBe(training2.id);
  });

  it('counts the year by level and kind, and each unit’s attendance rate over meetings begun', async () => {
    const res = await editor.request('GET', '/api/meetings/stats?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    // By hand: video 2 人次 (杨晓东, 周国栋); trainings 1 + 1 (水务局 came, no names) + 3 = 5; the
    // June meeting has not happened yet.
    expect(stats.byLevelKind.map((r: { label: string }) => r.label)).toEqual([
      '国家级视频会议 1 次，参会 2 人次',
      '省级培训 2 次，参训 5 人次',
      '市级工作会议 1 次，参会 0 人次',
    ]);
    expect(stats.totals).toEqual({ meetings: 4, personTimes: 7 });
    const unit = (id: string) => stats.units.find((u: { unit: { id: string } }) => u.unit.id === id);
    // 财政局: 3 begun meetings, present at all 3. 水务局: invited to 2, absent at the video
    // conference. 计生局: excused from its only one.
    expect(unit(czjId)).toMatchObject({ invited: 3, present: 3, personTimes: 6, rate: 1, rateLabel: '100%' });
    expect(unit(swjId)).toMatchObject({ invited: 2, present: 1, absent: 1, rate: 0.5, rateLabel: '50%' });
    expect(unit(jsjId)).toMatchObject({ invited: 1, excused: 1, present: 0, rate: 0, rateLabel: '0%' });
    const lastYear = (await editor.request('GET', '/api/meetings/stats?year=2025')).json();
    expect(lastYear.byLevelKind.map((r: { label: string }) => r.label)).toEqual([
      '县级工作会议 1 次，参会 1 人次',
    ]);
    expect((await czj.request('GET', '/api/meetings/stats?year=2026')).statusCode).toBe(403);
    const llId = (await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'll')))[0]?.id;
    expect((await editor.request('GET', `/api/meetings/stats?officeId=${llId}`)).statusCode).toBe(404);
    expect((await llEditor.request('GET', '/api/meetings/stats?year=2026')).json().totals).toEqual({
      meetings: 0,
      personTimes: 0,
    });
  });
});

function uploadTo(s: Session, url: string, content: Buffer, fileName: string) {
  const boundary = '----xinbaoMeetingTest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}
