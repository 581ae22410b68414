import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orgs, users } from '../../db/schema/index.ts';
import { manualClock } from '../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, get, submitThroughUnit } from '../items/items.test-support.ts';
import { publicationByName } from '../items/test-factory.ts';

/**
 * 领导批示 end to end on the real API: a leader writes one on a circulated item, the office assigns
 * it, the unit reports, the office asks for more and then accepts; deadlines remind and mark
 * overdue on the scheduler's clock; every refusal is Chinese and changes nothing.
 */

const clock = manualClock('2026-03-05T02:00:00Z'); // 10:00 in Beijing
let t: TestApp;
let editor: Session;
let leader: Session;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let itemId = '';
let czjId = '';
let swjId = '';
let llUnitId = '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  [editor, leader, reporter, signer, otherReporter] = await Promise.all(
    ['editor', 'leader', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy'].map((u) => login(t.app, u)),
  );
  const org = async (code: string) =>
    (await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0]?.id ?? '';
  czjId = await org('fy_czj');
  swjId = await org('fy_swj');
  llUnitId = await org('fy');
  // An item of 财政局, taken by the office and circulated to the leader.
  const draft = await createDraft(reporter, { title: '市财政局加快预算执行进度' });
  const signed = await submitThroughUnit(reporter, signer, draft.id);
  const publicationId = (await publicationByName(t, '汾阳政务信息')).id;
  const accepted = await editor.request('POST', `/api/items/${draft.id}/actions/accept`, {
    version: signed.version,
    targetPublicationId: publicationId,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const leaderId = leader.me.user.id;
  const sent = await editor.request('POST', '/api/circulations', {
    itemId: draft.id,
    recipientIds: [leaderId],
  });
  expect(sent.statusCode, sent.body).toBe(201);
  itemId = draft.id;
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

describe('领导批示', () => {
  let instructionId = '';

  it('a leader writes an instruction on a circulated item; the office and the unit hear of it; the item carries the marker', async () => {
    const res = await leader.request('POST', '/api/instructions', {
      itemId,
      text: '请财政局进一步加快支出进度，确保资金早日发挥效益。',
      leaderTitle: '市长',
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    instructionId = view.id;
    expect(view).toMatchObject({
      source: 'online',
      level: 'county',
      levelLabel: '县级',
      status: 'recorded',
      statusLabel: '待交办',
      instructedOn: '2026-03-05',
      originUnit: { id: czjId },
      subject: { kind: 'item', id: itemId },
    });
    expect(await kindsFor('editor')).toContain('instruction_written');
    expect(await kindsFor('fy_czj_xxy')).toContain('instruction_written');
    const detail = await get(reporter, itemId);
    expect(detail.instructions).toMatchObject([{ id: instructionId, levelLabel: '县级' }]);
    const list = (await editor.request('GET', '/api/items?box=inbox&pageSize=100')).json();
    const accepted = (
      await editor.request('GET', '/api/items?box=inbox&status=accepted&pageSize=100')
    ).json();
    const row = [...list.items, ...accepted.items].find((i: { id: string }) => i.id === itemId);
    expect(row?.instructionCount).toBe(1);
  });

  it('a leader cannot instruct on what was not circulated to them, nor with a date in the future', async () => {
    const other = await createDraft(otherReporter);
    const res = await leader.request('POST', '/api/instructions', { itemId: other.id, text: '阅' });
    expect(res.statusCode).toBe(404);
    const future = await leader.request('POST', '/api/instructions', {
      itemId,
      text: '阅',
      instructedOn: '2026-03-06',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('不能晚于今天');
    expect((await reporter.request('POST', '/api/instructions', { itemId, text: '阅' })).statusCode).toBe(
      403,
    );
  });

  it('the office assigns it; past deadlines, foreign units and a second assignment to a unit are refused', async () => {
    const got = await editor.request('GET', `/api/instructions/${instructionId}`);
    expect(got.statusCode, got.body).toBe(200);
    const view = got.json();
    const past = await editor.request('POST', `/api/instructions/${instructionId}/assignments`, {
      assignments: [{ unitId: czjId, deadline: '2026-03-04' }],
      version: view.version,
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('早于今天');
    const foreign = await editor.request('POST', `/api/instructions/${instructionId}/assignments`, {
      assignments: [{ unitId: llUnitId, deadline: '2026-03-10' }],
      version: view.version,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain('所辖');
    const ok = await editor.request('POST', `/api/instructions/${instructionId}/assignments`, {
      assignments: [
        { unitId: czjId, deadline: '2026-03-06', requirement: '报送支出进度和下一步措施' },
        { unitId: swjId, deadline: '2026-03-10' },
      ],
      version: view.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'assigned' });
    expect(ok.json().assignments).toHaveLength(2);
    const again = await editor.request('POST', `/api/instructions/${instructionId}/assignments`, {
      assignments: [{ unitId: czjId, deadline: '2026-03-10' }],
      version: ok.json().version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已交办给');
    const stale = await editor.request('POST', `/api/instructions/${instructionId}/assignments`, {
      assignments: [{ unitId: czjId, deadline: '2026-03-10' }],
      version: view.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(await kindsFor('fy_czj_xxy')).toContain('instruction_assigned');
  });

  it('a unit sees only its own assignment; another unit may not file feedback on it', async () => {
    const mine = (await reporter.request('GET', `/api/instructions/${instructionId}`)).json();
    expect(mine.assignments.map((a: { unit: { id: string } }) => a.unit.id)).toEqual([czjId]);
    expect(mine.assignments[0].actions).toContain('submit_feedback');
    const theirs = (await otherReporter.request('GET', `/api/instructions/${instructionId}`)).json();
    expect(theirs.assignments.map((a: { unit: { id: string } }) => a.unit.id)).toEqual([swjId]);
    const czjAssignment = mine.assignments[0];
    const foreign = await otherReporter.request(
      'POST',
      `/api/instruction-assignments/${czjAssignment.id}/feedback`,
      {
        text: '冒名反馈',
        version: czjAssignment.version,
      },
    );
    expect(foreign.statusCode).toBe(404);
    const list = (await reporter.request('GET', '/api/instructions')).json();
    expect(list.items[0]).toMatchObject({ id: instructionId, myStatus: 'awaiting_feedback', units: 1 });
  });

  it('reminds the day before, marks overdue once after the deadline, also when the job runs twice', async () => {
    clock.set('2026-03-05T02:30:00Z');
    await scheduler().runDue();
    expect((await kindsFor('fy_czj_xxy')).filter((k) => k === 'instruction_reminder')).toHaveLength(1);
    clock.set('2026-03-06T17:00:00Z'); // 01:00 on 7 March in Beijing: the 6th has ended
    await scheduler().runDue();
    await scheduler().runDue();
    clock.advance(3_600_000);
    await scheduler().runDue();
    expect((await kindsFor('fy_czj_xxy')).filter((k) => k === 'instruction_overdue')).toHaveLength(1);
    expect((await kindsFor('editor')).filter((k) => k === 'instruction_overdue')).toHaveLength(1);
    expect((await kindsFor('fy_czj_xxy')).filter((k) => k === 'instruction_reminder')).toHaveLength(1);
    const overdue = (await editor.request('GET', '/api/instructions?overdue=true')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(instructionId);
    expect(overdue.items[0].overdue).toBe(1);
  });

  it('feedback in rounds: the office asks for more with a reason, then accepts; the instruction closes when all are done', async () => {
    const a = (await reporter.request('GET', `/api/instructions/${instructionId}`)).json().assignments[0];
    const fb = await reporter.request('POST', `/api/instruction-assignments/${a.id}/feedback`, {
      text: '截至3月6日，已支出预算资金2.3亿元，支出进度18%。',
      version: a.version,
    });
    expect(fb.statusCode, fb.body).toBe(201);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upload = await uploadTo(
      reporter,
      `/api/instruction-feedback/${fb.json().id}/files`,
      pdf,
      '支出进度表.pdf',
    );
    expect(upload.statusCode, upload.body).toBe(201);
    // Another unit may not add files to it, nor download them.
    const foreignUpload = await uploadTo(
      otherReporter,
      `/api/instruction-feedback/${fb.json().id}/files`,
      pdf,
      'x.pdf',
    );
    expect(foreignUpload.statusCode).toBe(404);
    const download = await reporter.request(
      'GET',
      `/api/instructions/${instructionId}/files/${upload.json().id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(
      (await otherReporter.request('GET', `/api/instructions/${instructionId}/files/${upload.json().id}`))
        .statusCode,
    ).toBe(404);

    const office = (await editor.request('GET', `/api/instructions/${instructionId}`)).json();
    const mineOnOffice = office.assignments.find((x: { unit: { id: string } }) => x.unit.id === czjId);
    expect(mineOnOffice).toMatchObject({ status: 'feedback_submitted', late: true, overdue: false });
    const noReason = await editor.request('POST', `/api/instruction-assignments/${a.id}/decision`, {
      decision: 'more_requested',
      version: mineOnOffice.version,
    });
    expect(noReason.statusCode).toBe(400);
    const more = await editor.request('POST', `/api/instruction-assignments/${a.id}/decision`, {
      decision: 'more_requested',
      note: '请补充下一步措施',
      version: mineOnOffice.version,
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(await kindsFor('fy_czj_xxy')).toContain('feedback_decided');
    const unitView = (await reporter.request('GET', `/api/instructions/${instructionId}`)).json()
      .assignments[0];
    expect(unitView.status).toBe('more_requested');
    const fb2 = await reporter.request('POST', `/api/instruction-assignments/${a.id}/feedback`, {
      text: '下一步将建立周调度机制。',
      version: unitView.version,
    });
    expect(fb2.json().round).toBe(2);
    const v2 = (await editor.request('GET', `/api/instructions/${instructionId}`)).json();
    const czj2 = v2.assignments.find((x: { unit: { id: string } }) => x.unit.id === czjId);
    await editor.request('POST', `/api/instruction-assignments/${a.id}/decision`, {
      decision: 'accepted',
      version: czj2.version,
    });
    expect((await editor.request('GET', `/api/instructions/${instructionId}`)).json().status).toBe(
      'assigned',
    );
    // The reporter cannot decide; the second unit finishes, and the instruction closes.
    const swj = (await otherReporter.request('GET', `/api/instructions/${instructionId}`)).json()
      .assignments[0];
    expect(
      (
        await otherReporter.request('POST', `/api/instruction-assignments/${swj.id}/decision`, {
          decision: 'accepted',
          version: swj.version,
        })
      ).statusCode,
    ).toBe(403);
    const swjFb = await otherReporter.request('POST', `/api/instruction-assignments/${swj.id}/feedback`, {
      text: '已落实。',
      version: swj.version,
    });
    expect(swjFb.statusCode).toBe(201);
    const v3 = (await editor.request('GET', `/api/instructions/${instructionId}`)).json();
    const swj3 = v3.assignments.find((x: { unit: { id: string } }) => x.unit.id === swjId);
    await editor.request('POST', `/api/instruction-assignments/${swj.id}/decision`, {
      decision: 'accepted',
      version: swj3.version,
    });
    const closed = (await editor.request('GET', `/api/instructions/${instructionId}`)).json();
    expect(closed.status).toBe('closed');
    const after = await reporter.request('POST', `/api/instruction-assignments/${a.id}/feedback`, {
      text: '再报',
      version: 99,
    });
    expect(after.statusCode).toBe(409);
  });

  it('an editor records an upper-level paper instruction; administrators and other offices see nothing', async () => {
    const res = await editor.request('POST', '/api/instructions/records', {
      itemId,
      source: 'upper',
      leaderName: '张某某',
      leaderTitle: '吕梁市副市长',
      level: 'city',
      text: '经验做法值得推广。',
      instructedOn: '2026-03-04',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ levelLabel: '市级', source: 'upper' });
    const admin = await login(t.app, 'admin');
    expect((await admin.request('GET', '/api/instructions')).statusCode).toBe(403);
    const llEditor = await login(t.app, 'll_editor');
    expect((await llEditor.request('GET', `/api/instructions/${res.json().id}`)).statusCode).toBe(404);
    const bad = await editor.request('POST', '/api/instructions/records', {
      source: 'fax',
      leaderName: '',
      level: 'galaxy',
      text: '',
      instructedOn: '2026-02-30',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a general instruction with nothing to assign is closed with a note', async () => {
    const res = await editor.request('POST', '/api/instructions/records', {
      source: 'paper',
      leaderName: '李某',
      level: 'county',
      text: '阅。',
      instructedOn: '2026-03-05',
    });
    const closed = await editor.request('POST', `/api/instructions/${res.json().id}/close`, {
      note: '阅知，无需交办',
      version: res.json().version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
  });
});

function uploadTo(s: Session, url: string, content: Buffer, fileName: string) {
  const boundary = '----xinbaoInstructionTest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
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
