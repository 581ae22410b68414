import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentNotices, auditEvents } from '../../../db/schema/index.ts';
import type { Session } from '../../../test/helpers.ts';
import {
  day,
  docxText,
  type NoticeWorld,
  noticeWorld,
  ok,
  type Res,
  TITLES,
  Y,
} from './notices.test-support.ts';

/**
 * 通报 on the real API: drafted from the ledger for a month (the figures those of the ranking
 * over the same days, the texts written from them), edited on its version, refreshed after a late
 * adoption (the office's own 存在的问题 kept), issued as a 公文 DOCX archived by its SHA-256 and
 * from then on read-only; units see it only once issued. Every refusal is Chinese and changes
 * nothing. The printed check of the DOCX is notice-document.api.test.ts (it needs LibreOffice).
 */

let w: NoticeWorld;
let editor: Session;
let reporter: Session;

beforeAll(async () => {
  w = await noticeWorld();
  ({ editor, reporter } = w);
});
afterAll(() => w.t.close());

const db = () => w.db;

type Row = { unitId: string; unitName: string; noSubmissions: boolean; noAdoptions: boolean; rank: number };
type Group = { code: string; name: string; rows: Row[] };
type Snapshot = {
  office: { id: string; name: string };
  range: { from: string; to: string };
  periodTitle: string;
  groups: Group[];
  totals: { submitted: number; adoptedOwn: string; adoptedUpper: string; points: string };
  units: number;
  reporting: number;
  zeroSubmissions: string[];
  zeroAdoptions: string[];
  ranksOffices: boolean;
  adopted: { unitId: string; unitName: string; titles: { itemId: string; title: string; marks: string }[] }[];
  legend: { mark: string; meaning: string }[];
};
type Notice = {
  id: string;
  version: number;
  status: string;
  title: string;
  addressee: string;
  opening: string;
  praise: string;
  laggards: string;
  problems: string;
  requirements: string;
  snapshot: Snapshot;
  fileSha256: string | null;
  canEdit: boolean;
  ownUnitIds: string[];
};

/** February of the current year. */
const FEB = () => ({ from: day('02-01'), to: `${Y}-02-${new Date(Date.UTC(Y, 2, 0)).getUTCDate()}` });
async function ranking(s: Session, from: string, to: string) {
  return ok(
    await s.request('GET', `/api/assessment/ranking?${new URLSearchParams({ from, to })}`),
  ) as Promise<{
    groups: Group[];
    totals: Snapshot['totals'];
  }>;
}

/** Everything a refused request must leave as it was. */
async function state() {
  const [audits] = await db().select({ n: count() }).from(auditEvents);
  return {
    notices: await db().select().from(assessmentNotices).orderBy(asc(assessmentNotices.id)),
    audits: audits?.n ?? 0,
  };
}
async function refused(send: () => Promise<Res>, status: number, message?: string | RegExp) {
  const before = await state();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
  expect(await state()).toEqual(before);
  return body;
}
async function audits(action: string, targetId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(asc(auditEvents.id));
}
const texts = (n: Notice) => ({
  title: n.title,
  addressee: n.addressee,
  opening: n.opening,
  praise: n.praise,
  laggards: n.laggards,
  problems: n.problems,
  requirements: n.requirements,
});
const draft = (body: Record<string, unknown>) => editor.request('POST', '/api/assessment/notices', body);

const PROBLEMS = '个别单位报送信息仍以工作动态为主，反映问题、提出建议的信息偏少。';
let notice: Notice;

describe('drafting a monthly 通报', () => {
  it('takes the ranking of the month and writes the texts from it', async () => {
    const created = (await ok(await draft({ period: 'month', at: `${Y}-02` }), 201)) as Notice;
    notice = created;
    const range = FEB();
    const r = await ranking(editor, range.from, range.to);
    expect(created).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      title: `${Y}年2月份政务信息报送采用情况通报`,
      period: 'month',
      periodStart: range.from,
      periodEnd: range.to,
      periodTitle: `${Y}年2月份`,
      officeId: w.fyId,
      officeName: '汾阳市人民政府办公室',
      addressee: '各乡镇人民政府、街道办事处，市直各有关单位',
      createdByName: '张文秀',
      createdAt: w.clock.now().toISOString(),
      issuedAt: null,
      fileSha256: null,
      version: 1,
      canEdit: true,
      ownUnitIds: [],
    });
    const s = created.snapshot;
    expect(s.totals).toEqual(r.totals);
    expect(s.groups).toEqual(r.groups);
    expect(s.totals).toMatchObject({ submitted: 3, adoptedOwn: '0', adoptedUpper: '1' });
    expect(s.range).toEqual(range);
    expect(s.ranksOffices).toBe(false);

    const rows = r.groups.flatMap((g) => g.rows);
    const zero = rows.filter((x) => x.noSubmissions).map((x) => x.unitName);
    const zeroAdopted = rows.filter((x) => !x.noSubmissions && x.noAdoptions).map((x) => x.unitName);
    expect(zero.length).toBe(rows.length - 2);
    // The ranking names units by their short names.
    expect(zeroAdopted).toEqual(['水务局']);
    expect(s.zeroSubmissions).toEqual(zero);
    expect(s.zeroAdoptions).toEqual(zeroAdopted);
    expect(s).toMatchObject({ units: rows.length, reporting: 2 });

    expect(created.opening).toBe(
      `${Y}年2月份，共收到各单位报送信息3条，被采用1条，其中本级采用0条次、被上级采用1条次。` +
        `参加考评的${rows.length}个单位中，2个单位报送了信息。现将有关情况通报如下。`,
    );
    expect(created.laggards).toBe(
      `零报送单位（${zero.length}个）：${zero.join('、')}。\n零采用单位（1个）：水务局。`,
    );
    const czjGroup = r.groups.find((g) => g.rows.some((x) => x.unitId === w.czjId));
    expect(created.praise).toContain(`${czjGroup?.name}中，财政局报送采用情况较好，得分居首位，予以表扬。`);
    // Only 财政局's adopted item is listed, with the mark of 《晋政信息●普刊》.
    expect(s.adopted).toEqual([
      {
        unitId: w.czjId,
        unitName: '财政局',
        titles: [{ itemId: expect.any(String), title: TITLES.adopted, marks: '〔甲〕' }],
      },
    ]);
    expect(s.legend).toEqual([{ mark: '〔甲〕', meaning: '被《晋政信息●普刊》采用' }]);

    const [audit] = await audits('assessment.notice_created', created.id);
    expect(audit).toMatchObject({ targetType: 'assessment_notice', targetLabel: created.title });
    // The leader reads the draft, without the editor's button; the list shows it.
    expect(await ok(await w.leader.request('GET', `/api/assessment/notices/${created.id}`))).toMatchObject({
      id: created.id,
      canEdit: false,
    });
    const list = await ok(await editor.request('GET', '/api/assessment/notices'));
    expect(list.map((n: { id: string }) => n.id)).toEqual([created.id]);
  });

  it('drafts a quarter and a year too, titled by period', async () => {
    const q = (await ok(await draft({ period: 'quarter', at: `${Y}-Q1` }), 201)) as Notice;
    expect(q).toMatchObject({
      title: `${Y}年第一季度政务信息报送采用情况通报`,
      periodStart: day('01-01'),
      periodEnd: day('03-31'),
    });
    const year = (await ok(await draft({ period: 'year', at: `${Y}` }), 201)) as Notice;
    expect(year).toMatchObject({
      title: `${Y}年度政务信息报送采用情况通报`,
      periodStart: day('01-01'),
      periodEnd: day('12-31'),
    });
    // Nothing was submitted or adopted at 汾阳 outside February.
    const counts = (n: Notice) => {
      const { points: _p, ...rest } = n.snapshot.totals;
      return rest;
    };
    expect(counts(q)).toEqual(counts(notice));
    expect(counts(year)).toEqual(counts(notice));
    // One draft per period: a second one, even two requests at once, is refused.
    await refused(
      () => draft({ period: 'quarter', at: `${Y}-Q1` }),
      409,
      '本期已有通报草稿，请在草稿中修改，或删除草稿后重新起草',
    );
    const dropped = await editor.request(
      'DELETE',
      `/api/assessment/notices/${year.id}?version=${year.version}`,
    );
    expect(dropped.statusCode, dropped.body).toBe(204);
    const twice = await Promise.all([
      draft({ period: 'year', at: `${Y}` }),
      draft({ period: 'year', at: `${Y}` }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const again = twice.find((r) => r.statusCode === 201)?.json() as Notice;
    for (const n of [q, again]) {
      const res = await editor.request('DELETE', `/api/assessment/notices/${n.id}?version=${n.version}`);
      expect(res.statusCode, res.body).toBe(204);
    }
  });

  it('吕梁 drafts its own, ranking the counties: addressed to their offices', async () => {
    // 财政局's adoption of 10 February counts at 吕梁 for 汾阳 (on 吕梁's copy of the item).
    const ll = (await ok(
      await w.llEditor.request('POST', '/api/assessment/notices', { period: 'quarter', at: `${Y}-Q1` }),
      201,
    )) as Notice;
    expect(ll).toMatchObject({
      officeName: '吕梁市人民政府办公室',
      addressee: '各县（市、区）人民政府办公室',
    });
    expect(ll.snapshot.ranksOffices).toBe(true);
    expect(ll.snapshot.totals).toMatchObject({ adoptedOwn: '0', adoptedUpper: '1' });
    expect(ll.snapshot.adopted.map((u) => u.unitName)).toEqual(['汾阳市政府办']);
    // 汾阳 does not see 吕梁's draft (it is one of its members: issued notices only).
    expect((await editor.request('GET', `/api/assessment/notices/${ll.id}`)).statusCode).toBe(404);
    const res = await w.llEditor.request('DELETE', `/api/assessment/notices/${ll.id}?version=${ll.version}`);
    expect(res.statusCode, res.body).toBe(204);
  });

  it('refuses a month with nothing reported, a month not begun and malformed periods, in Chinese', async () => {
    await refused(
      () => draft({ period: 'month', at: `${Y}-01` }),
      400,
      '该期间各单位没有报送或采用信息，无法生成通报',
    );
    await refused(() => draft({ period: 'month', at: `${Y}-04` }), 400, '通报期间尚未开始');
    await refused(() => draft({ period: 'year', at: `${Y + 1}` }), 400, '通报期间尚未开始');
    const format = /通报期间格式不正确（月度如 2026-11，季度如 2026-Q3，年度如 2026）/;
    for (const at of [`${Y}-2`, `${Y}-13`, `${Y}-00`, `${Y}02`, `${Y}-02-01`, `${Y}-Q1`, '', 'abc']) {
      await refused(() => draft({ period: 'month', at }), 400, format);
    }
    await refused(() => draft({ period: 'quarter', at: `${Y}-Q5` }), 400, format);
    await refused(() => draft({ period: 'quarter', at: `${Y}-02` }), 400, format);
    await refused(() => draft({ period: 'year', at: `${Y}-02` }), 400, format);
    await refused(() => draft({ period: 'week', at: `${Y}-02` }), 400, /通报周期须为月度、季度或年度/);
    await refused(() => draft({ period: 'month' }), 400, /请选择通报期间/);
    await refused(
      () => draft({ period: 'month', at: `${Y}-02`, officeId: 'fy' }),
      400,
      /办公室编号格式不正确/,
    );
  });

  it('only the office’s 信息科 drafts: a unit and the leader 403, 吕梁’s editor 403 for 汾阳', async () => {
    for (const s of [reporter, w.leader]) {
      await refused(
        () => s.request('POST', '/api/assessment/notices', { period: 'month', at: `${Y}-02` }),
        403,
      );
    }
    await refused(
      () =>
        w.llEditor.request('POST', '/api/assessment/notices', {
          officeId: w.fyId,
          period: 'month',
          at: `${Y}-02`,
        }),
      403,
    );
    // Nor does 吕梁 read 汾阳's draft or list.
    await refused(() => w.llEditor.request('GET', `/api/assessment/notices/${notice.id}`), 404);
    await refused(() => w.llEditor.request('GET', `/api/assessment/notices?officeId=${w.fyId}`), 404);
  });
});

describe('editing a draft', () => {
  it('saves the texts on the current version and audits the change', async () => {
    const body = { ...texts(notice), problems: PROBLEMS, version: notice.version };
    const saved = (await ok(
      await w.chief.request('PUT', `/api/assessment/notices/${notice.id}`, body),
    )) as Notice;
    expect(saved).toMatchObject({ problems: PROBLEMS, version: notice.version + 1, status: 'draft' });
    expect(saved.snapshot).toEqual(notice.snapshot);
    const [audit] = await audits('assessment.notice_updated', notice.id);
    expect(audit).toMatchObject({ targetLabel: notice.title });
    expect(JSON.stringify(audit?.diff)).toContain(PROBLEMS);
    notice = saved;
  });

  it('refuses a stale version (409), an empty title and an overlong one (400), and a unit (403)', async () => {
    const body = { ...texts(notice), version: notice.version };
    await refused(
      () =>
        editor.request('PUT', `/api/assessment/notices/${notice.id}`, {
          ...body,
          problems: '覆盖',
          version: notice.version - 1,
        }),
      409,
      '该通报已被他人修改，请刷新后重试（您本次的修改尚未保存）',
    );
    await refused(
      () => editor.request('PUT', `/api/assessment/notices/${notice.id}`, { ...body, title: '  ' }),
      400,
      /请填写通报标题/,
    );
    await refused(
      () =>
        editor.request('PUT', `/api/assessment/notices/${notice.id}`, { ...body, title: '通'.repeat(101) }),
      400,
      /通报标题不能超过 100 个字/,
    );
    await refused(
      () => editor.request('PUT', `/api/assessment/notices/${notice.id}`, { ...texts(notice) }),
      400,
      /缺少版本号/,
    );
    await refused(() => reporter.request('PUT', `/api/assessment/notices/${notice.id}`, body), 403);
    await refused(
      () => editor.request('PUT', '/api/assessment/notices/00000000-0000-4000-8000-000000000000', body),
      404,
    );
  });
});

describe('refreshing the figures', () => {
  it('a late adoption in the month changes the snapshot and 总体情况; 存在的问题 stays as edited', async () => {
    await w.adopt(w.later.id, day('02-20'));
    await refused(
      () =>
        editor.request('POST', `/api/assessment/notices/${notice.id}/refresh`, {
          version: notice.version - 1,
        }),
      409,
    );
    const fresh = (await ok(
      await editor.request('POST', `/api/assessment/notices/${notice.id}/refresh`, {
        version: notice.version,
      }),
    )) as Notice;
    const range = FEB();
    const r = await ranking(editor, range.from, range.to);
    expect(fresh.snapshot.totals).toEqual(r.totals);
    expect(fresh.snapshot.totals).toMatchObject({ submitted: 3, adoptedUpper: '2' });
    expect(fresh.snapshot.totals).not.toEqual(notice.snapshot.totals);
    expect(fresh.opening).not.toBe(notice.opening);
    expect(fresh.opening).toContain('共收到各单位报送信息3条，被采用2条，其中本级采用0条次、被上级采用2条次');
    expect(fresh.problems).toBe(PROBLEMS);
    expect(fresh.requirements).toBe(notice.requirements);
    expect(fresh.snapshot.adopted[0]?.titles.map((x) => x.title)).toEqual([TITLES.adopted, TITLES.later]);
    expect(fresh.version).toBe(notice.version + 1);
    expect(await audits('assessment.notice_refreshed', notice.id)).toHaveLength(1);
    notice = fresh;
  });
});

describe('what a unit sees', () => {
  it('a draft: 404, not in its list, not on its home page', async () => {
    await refused(
      () => reporter.request('GET', `/api/assessment/notices/${notice.id}`),
      404,
      '通报不存在或您无权查看',
    );
    await refused(() => reporter.request('GET', `/api/assessment/notices/${notice.id}/document.docx`), 404);
    expect(await ok(await reporter.request('GET', '/api/assessment/notices'))).toEqual([]);
    expect(await ok(await reporter.request('GET', '/api/assessment/notices/latest'))).toEqual([]);
  });
});

describe('the draft’s document', () => {
  it('is a 样稿 with the title, the groups, the units and the adopted titles', async () => {
    const res = await editor.request('GET', `/api/assessment/notices/${notice.id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `${notice.title}（样稿）.docx`,
    );
    const { body, all } = await docxText(res.rawPayload);
    // The mark is letter-spaced (样　稿) on every page.
    expect(all).toMatch(/样\s*稿/);
    expect(body).toContain(notice.title);
    expect(body).toContain(PROBLEMS);
    expect(body).toContain(TITLES.later);
    const html = await editor.request('GET', `/api/assessment/notices/${notice.id}/document.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(notice.title);
    const pdf = await editor.request('GET', `/api/assessment/notices/${notice.id}/document.pdf`);
    expect(pdf.statusCode).toBe(503);
  });
});

describe('issuing', () => {
  let issued: Notice;
  let docx: Buffer;

  it('refuses a unit and a stale version, then issues: archived by SHA-256, read-only', async () => {
    await refused(
      () =>
        reporter.request('POST', `/api/assessment/notices/${notice.id}/issue`, { version: notice.version }),
      403,
    );
    await refused(
      () =>
        editor.request('POST', `/api/assessment/notices/${notice.id}/issue`, { version: notice.version - 1 }),
      409,
    );
    issued = (await ok(
      await editor.request('POST', `/api/assessment/notices/${notice.id}/issue`, { version: notice.version }),
    )) as Notice;
    expect(issued).toMatchObject({
      status: 'issued',
      statusLabel: '已印发',
      issuedAt: w.clock.now().toISOString(),
      issuedByName: '张文秀',
      version: notice.version + 1,
      canEdit: false,
      problems: PROBLEMS,
    });
    expect(issued.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.snapshot).toEqual(notice.snapshot);
    const [audit] = await audits('assessment.notice_issued', notice.id);
    expect(audit?.diff).toMatchObject({ sha256: issued.fileSha256 });
  });

  it("tells the member units' staff and the office's leaders, not the office's own editors", async () => {
    const latest = async (s: Session) =>
      (
        (await s.request('GET', '/api/notifications')).json() as {
          items: { kind: string; kindLabel: string; title: string; link: string | null }[];
        }
      ).items.find((n) => n.kind === 'assessment_notice_issued');
    for (const s of [reporter, w.leader]) {
      expect(await latest(s)).toMatchObject({
        kindLabel: '考评通报印发',
        title: `考评通报已印发：${issued.title}`,
        link: `/assessment/notices/${issued.id}`,
      });
    }
    expect(await latest(editor)).toBeUndefined();
  });

  it('downloads the archived bytes, the same every time', async () => {
    const first = await editor.request('GET', `/api/assessment/notices/${issued.id}/document.docx`);
    expect(first.statusCode, first.body).toBe(200);
    docx = first.rawPayload;
    expect(createHash('sha256').update(docx).digest('hex')).toBe(issued.fileSha256);
    expect(decodeURIComponent(String(first.headers['content-disposition']))).toContain(
      `${issued.title}.docx`,
    );
    w.clock.advance(86_400_000);
    const second = await editor.request('GET', `/api/assessment/notices/${issued.id}/document.docx`);
    expect(second.rawPayload.equals(docx)).toBe(true);
  });

  it('the document holds the title, the groups, every unit and the adopted titles, and no 样稿', async () => {
    const { body, all } = await docxText(docx);
    expect(all).not.toMatch(/样\s*稿/);
    expect(body).toContain(issued.title);
    expect(body).toContain('汾阳市人民政府办公室');
    expect(body).toContain(PROBLEMS);
    for (const g of issued.snapshot.groups) {
      expect(body).toContain(g.name);
      for (const r of g.rows) expect(body).toContain(r.unitName);
    }
    // 附件1's header row, one line per cell.
    expect(body).toContain('名次单位报送本级上级采用率得分累计');
    expect(body).toContain('财政局（2条）');
    expect(body).toMatch(new RegExp(`1．\\s*${TITLES.adopted}〔甲〕`));
    expect(body).toMatch(new RegExp(`2．\\s*${TITLES.later}〔甲〕`));
    expect(body).not.toContain(TITLES.swj);
    expect(body).toContain('被《晋政信息●普刊》采用');
  });

  it('nothing changes an issued notice (409)', async () => {
    const v = issued.version;
    await refused(
      () => editor.request('PUT', `/api/assessment/notices/${issued.id}`, { ...texts(issued), version: v }),
      409,
      '已印发的通报不能修改',
    );
    await refused(
      () => editor.request('POST', `/api/assessment/notices/${issued.id}/refresh`, { version: v }),
      409,
      '已印发的通报不能更新数据',
    );
    await refused(
      () => editor.request('POST', `/api/assessment/notices/${issued.id}/issue`, { version: v }),
      409,
      '已印发的通报不能再次印发',
    );
    await refused(
      () => editor.request('DELETE', `/api/assessment/notices/${issued.id}?version=${v}`),
      409,
      '已印发的通报不能删除',
    );
  });

  it('a unit now reads it, in its list and on its home page, its own row marked', async () => {
    const seen = (await ok(await reporter.request('GET', `/api/assessment/notices/${issued.id}`))) as Notice;
    expect(seen).toMatchObject({ id: issued.id, status: 'issued', canEdit: false, ownUnitIds: [w.czjId] });
    const list = await ok(await reporter.request('GET', '/api/assessment/notices'));
    expect(list.map((n: { id: string }) => n.id)).toEqual([issued.id]);
    const latest = (await ok(await reporter.request('GET', '/api/assessment/notices/latest'))) as Notice[];
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ id: issued.id, fileSha256: issued.fileSha256 });
    expect(latest[0]?.ownUnitIds).toContain(w.czjId);
    const dl = await reporter.request('GET', `/api/assessment/notices/${issued.id}/document.docx`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(docx)).toBe(true);
    // 吕梁 still does not.
    expect((await w.llEditor.request('GET', `/api/assessment/notices/${issued.id}`)).statusCode).toBe(404);
  });
});

describe('deleting a draft', () => {
  it('on its current version only; then it is gone', async () => {
    const d = (await ok(await draft({ period: 'quarter', at: `${Y}-Q1` }), 201)) as Notice;
    await refused(
      () => editor.request('DELETE', `/api/assessment/notices/${d.id}?version=${d.version + 1}`),
      409,
      '该通报已被他人修改，请刷新后重试（您本次的修改尚未保存）',
    );
    await refused(() => editor.request('DELETE', `/api/assessment/notices/${d.id}`), 400, /缺少版本号/);
    await refused(
      () => reporter.request('DELETE', `/api/assessment/notices/${d.id}?version=${d.version}`),
      403,
    );
    const res = await editor.request('DELETE', `/api/assessment/notices/${d.id}?version=${d.version}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await db().select().from(assessmentNotices).where(eq(assessmentNotices.id, d.id))).toEqual([]);
    expect(await audits('assessment.notice_deleted', d.id)).toHaveLength(1);
    expect((await editor.request('GET', `/api/assessment/notices/${d.id}`)).statusCode).toBe(404);
  });
});
