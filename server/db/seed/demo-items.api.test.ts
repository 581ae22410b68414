import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../../lib/text/check.ts';
import { addWords } from '../../lib/text/segment.ts';
import { itemSimilarity, itemVectors } from '../../lib/text/similarity.ts';
import { DUPLICATE_THRESHOLD, DUPLICATE_WINDOW_DAYS } from '../../modules/items/quality.ts';
import { TRANSITIONS } from '../../modules/items/workflow.ts';
import { createTestApp, login, type TestApp } from '../../test/helpers.ts';
import { DEMO_UNITS } from './demo.ts';
import { beijing, currentItemsSince, type DemoRefs, demoYear, planDemoItems } from './demo-items.ts';

let t: TestApp;
const now = new Date();
const year = demoYear(now);
const yearStart = beijing(year, 1, 1).toISOString();
const yearEnd = beijing(year + 1, 1, 1).toISOString();
/** Today's items (the desks' work) start here; before it lies the current year to date. */
const since = currentItemsSince(now).toISOString();
const ids = new Map<string, string>();
const id = (code: string) => ids.get(code) as string;

// The seed's own figures (acceptance fixtures), written out rather than imported from the seed code.
const SEED_UNIT_ITEMS = {
  fy_czj: 137,
  fy_jsj: 22,
  fy_swj: 55,
  fy_dcd: 7,
  fy_whj: 45,
  fy_xmj: 61,
  fy_xfj: 1,
  fy_sbsq: 1,
  fy_lyj: 2,
  fy_thq: 5,
};
const SEED_FORWARDED = 238;
const SEED_ADOPTIONS = { '吕梁政务信息●普刊': 23, '晋政信息●普刊': 9, '晋政信息●互联网': 8 };

async function rows<T>(query: SQL): Promise<T[]> {
  const result = (await t.database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Items 汾阳 received from its units in the demo year (originals, not forwarded copies). */
const fyYearItems = () =>
  sql`i.office_id = ${id('fy')} and i.forwarded_from_id is null
      and i.submitted_at >= ${yearStart}::timestamptz and i.submitted_at < ${yearEnd}::timestamptz`;

// The whole demo (a year of items, issues, circulation, coordination) is the heaviest seed there is.
beforeAll(async () => {
  t = await createTestApp({ items: true });
  for (const o of await rows<{ id: string; code: string }>(sql`select id, code from orgs`))
    ids.set(o.code, o.id);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('demo year', () => {
  it('is the last complete calendar year, counted in Beijing time', () => {
    expect(demoYear(new Date('2026-11-25T10:00:00+08:00'))).toBe(2025);
    expect(demoYear(new Date('2026-01-01T00:30:00+08:00'))).toBe(2025);
    expect(demoYear(new Date('2025-12-31T23:30:00+08:00'))).toBe(2024);
    expect(demoYear(new Date('2025-12-31T16:30:00Z'))).toBe(2025);
  });

  it('is the same on every seed: the plan is deterministic for a given day', () => {
    const refs: DemoRefs = {
      org: (code) => ({ id: `org-${code}`, name: code }),
      user: (username) => ({ id: `user-${username}`, name: username, phone: '13900000000' }),
      publication: (name) => `publication-${name}`,
    };
    const day = new Date('2026-11-25T10:00:00+08:00');
    const first = planDemoItems(refs, day);
    expect(planDemoItems(refs, day)).toEqual(first);
    // Another day of the same year changes only today's items, not the demo year.
    const ofYear = (plan: typeof first) =>
      plan.items.filter((i) => i.createdAt < beijing(2026, 1, 1)).map((i) => [i.title, i.createdAt]);
    expect(ofYear(planDemoItems(refs, new Date('2026-06-01T10:00:00+08:00')))).toEqual(ofYear(first));
  });

  it('plans any day of the year without dating anything after it', () => {
    const refs: DemoRefs = {
      org: (code) => ({ id: `org-${code}`, name: code }),
      user: (username) => ({ id: `user-${username}`, name: username, phone: '13900000000' }),
      publication: (name) => `publication-${name}`,
    };
    for (const day of [
      '2026-01-01T09:00:00+08:00',
      '2026-01-20T10:00:00+08:00',
      '2026-02-16T15:00:00+08:00',
      '2026-07-01T10:00:00+08:00',
      '2026-12-31T20:00:00+08:00',
    ]) {
      const at = new Date(day);
      const plan = planDemoItems(refs, at);
      const late = [
        ...plan.events.filter((e) => (e.at as Date) > at),
        ...plan.adoptions.filter((a) => (a.recordedAt as Date) > at),
      ];
      expect(late, day).toEqual([]);
    }
  });

  it("has the seed's ten units submitting 336 items to 汾阳 and no other unit submitting anything", async () => {
    const perUnit = await rows<{ code: string; group_code: string; n: number }>(sql`
      select u.code, u.group_code, count(i.id)::int as n
      from orgs u left join items i on i.origin_unit_id = u.id and ${fyYearItems()}
      where u.parent_id = ${id('fy')} and u.kind = 'unit'
      group by u.code, u.group_code`);
    expect(perUnit).toHaveLength(DEMO_UNITS.length);
    const reporting = perUnit.filter((u) => u.n > 0);
    expect(Object.fromEntries(reporting.map((u) => [u.code, u.n]))).toEqual(SEED_UNIT_ITEMS);
    expect(reporting.reduce((s, u) => s + u.n, 0)).toBe(336);
    expect(perUnit.filter((u) => u.n === 0)).toHaveLength(DEMO_UNITS.length - 10);
    // 短腿、缺腿: nine departments and one township (街道) reported.
    expect(reporting.filter((u) => u.group_code === 'township')).toHaveLength(1);
    expect(reporting.filter((u) => u.group_code !== 'township')).toHaveLength(9);
  });

  it('forwards 238 of them to 吕梁 as copies that keep the origin unit; the rest are accepted, returned or rejected', async () => {
    const pairs = await rows<{
      status: string;
      origin: string;
      copy_office: string;
      copy_submitter: string;
      copy_origin: string;
      copy_root: string;
      copy_from: string;
      lower_id: string;
    }>(sql`
      select i.id as lower_id, i.status, i.origin_unit_id as origin, c.office_id as copy_office,
             c.submitting_unit_id as copy_submitter, c.origin_unit_id as copy_origin,
             c.root_id as copy_root, c.forwarded_from_id as copy_from
      from items i join items c on c.id = i.forwarded_to_id
      where ${fyYearItems()}`);
    expect(pairs).toHaveLength(SEED_FORWARDED);
    for (const p of pairs) {
      expect(['accepted', 'in_issue', 'published']).toContain(p.status);
      expect(p).toMatchObject({
        copy_office: id('ll'),
        copy_submitter: id('fy'),
        copy_origin: p.origin,
        copy_root: p.lower_id,
        copy_from: p.lower_id,
      });
    }
    const [copies] = await rows<{ n: number }>(sql`
      select count(*)::int as n from items where office_id = ${id('ll')} and submitting_unit_id = ${id('fy')}
        and forwarded_from_id is not null and created_at < ${yearEnd}::timestamptz`);
    expect(copies?.n).toBe(SEED_FORWARDED);

    const rest = await rows<{ status: string; n: number }>(sql`
      select i.status, count(*)::int as n from items i
      where ${fyYearItems()} and i.forwarded_to_id is null group by i.status`);
    const byStatus = Object.fromEntries(rest.map((r) => [r.status, r.n]));
    // (accepted ones are printed within the year unless the adoption queue reaches back into it)
    expect(
      Object.keys(byStatus)
        .filter((s) => s !== 'accepted')
        .sort(),
    ).toEqual(['published', 'rejected', 'returned']);
    expect(rest.reduce((s, r) => s + r.n, 0)).toBe(336 - SEED_FORWARDED);
  });

  it("records 23, 9 and 8 upper adoptions of 汾阳's forwarded items, all by the third quarter", async () => {
    const perPublication = await rows<{
      name: string;
      n: number;
      first: string;
      last: string;
      recorders: string[];
      bad_items: number;
    }>(sql`
      select p.name, count(*)::int as n,
             to_char(min(a.adopted_on), 'YYYY-MM-DD') as first, to_char(max(a.adopted_on), 'YYYY-MM-DD') as last,
             array_agg(distinct a.recorded_by_name) as recorders,
             count(*) filter (where i.forwarded_to_id is null or i.status not in ('accepted', 'published'))::int as bad_items
      from upper_adoptions a join items i on i.id = a.item_id join publications p on p.id = a.publication_id
      where i.office_id = ${id('fy')} and p.office_id <> i.office_id and a.adopted_on < ${yearEnd}::date
      group by p.name`);
    expect(Object.fromEntries(perPublication.map((p) => [p.name, p.n]))).toEqual(SEED_ADOPTIONS);
    for (const p of perPublication) {
      expect(p.first >= `${year}-01-01`).toBe(true);
      expect(p.last <= `${year}-09-30`).toBe(true);
      expect(p.bad_items).toBe(0);
      for (const name of p.recorders) expect(['张文秀', '刘晓燕']).toContain(name);
    }
  });

  it("ranks 汾阳 third among 吕梁's counties with 75 points under 吕梁's rule set, read from the score ledger", async () => {
    // The adoptions were recorded on 汾阳's copies (离线登记) and on 吕梁's own; the facts follow
    // the forwarding chain, so 吕梁's office sees them for 汾阳.
    const llEditor = await login(t.app, 'll_editor');
    const res = await llEditor.request('GET', `/api/assessment/ranking?from=${year}-01-01&to=${year}-12-31`);
    expect(res.statusCode).toBe(200);
    const ranking = res.json() as {
      ruleSet: { name: string; versionNo: number };
      groups: {
        rows: {
          rank: number;
          unitName: string;
          submitted: number;
          adoptedOwn: string;
          adoptedUpper: string;
          points: string;
        }[];
      }[];
    };
    expect(ranking.ruleSet.name).toBe(`${year}年度吕梁市政务信息工作考核办法`);
    const counties = ranking.groups.flatMap((g) => g.rows);
    expect(counties.map((r) => r.unitName)).toEqual([
      '孝义市政府办',
      '离石区政府办',
      '汾阳市政府办',
      '交城县政府办',
      '文水县政府办',
    ]);
    expect(counties[2]).toMatchObject({
      rank: 3,
      submitted: SEED_FORWARDED,
      adoptedOwn: '23',
      adoptedUpper: '17',
      points: '75',
    });
    const [offline] = await rows<{ n: number; other: number }>(sql`
      select count(*)::int as n,
             count(*) filter (where a.recorded_by_name <> '孙丽华' or a.note is null)::int as other
      from upper_adoptions a join items i on i.id = a.item_id where i.office_id = ${id('ll')}`);
    expect(offline?.n).toBeGreaterThan(0);
    expect(offline?.other).toBe(0);
  });

  it("gives 汾阳's ranking the seed's per-unit submissions: only 9 departments and 1 township reported", async () => {
    const editor = await login(t.app, 'editor');
    const res = await editor.request('GET', `/api/assessment/ranking?from=${year}-01-01&to=${year}-12-31`);
    expect(res.statusCode).toBe(200);
    const ranking = res.json() as {
      totals: { submitted: number; adoptedUpper: string };
      groups: { code: string; rows: { unitId: string; submitted: number; noSubmissions: boolean }[] }[];
    };
    expect(ranking.totals).toMatchObject({ submitted: 336, adoptedUpper: '40' });
    const byUnit = Object.fromEntries(
      ranking.groups.flatMap((g) =>
        g.rows.filter((r) => !r.noSubmissions).map((r) => [r.unitId, r.submitted]),
      ),
    );
    expect(byUnit).toEqual(
      Object.fromEntries(Object.entries(SEED_UNIT_ITEMS).map(([code, n]) => [id(code), n])),
    );
    const reporting = (code: string) =>
      ranking.groups.find((g) => g.code === code)?.rows.filter((r) => !r.noSubmissions).length ?? 0;
    expect(reporting('township')).toBe(1);
    expect(reporting('dept_1') + reporting('dept_2') + reporting('dept_3')).toBe(9);
  });

  it("writes the demo year's 工作情况 as the seed does: 336 items per unit, 238 up, 23/9/8 adoptions worth 23/36/16, third in 吕梁", async () => {
    const editor = await login(t.app, 'editor');
    const res = await editor.request(
      'GET',
      `/api/assessment/work-summary?from=${year}-01-01&to=${year}-12-31`,
    );
    expect(res.statusCode).toBe(200);
    const text = (res.json() as { sections: { paragraphs: string[] }[] }).sections
      .flatMap((s) => s.paragraphs)
      .join('\n');
    expect(text).toContain(
      `${year}年，我市各单位共报送信息336条，其中财政局报送137条，计生局报送22条，水务局报送55条，国家统计局汾阳调查队报送7条，文化局报送45条，畜牧兽医局报送61条，信访局报送1条，双百双千办报送1条，林业局报送2条，太和桥办事处报送5条。`,
    );
    expect(text).toContain(`${year}年，我市共向吕梁市人民政府办公室报送政务信息238条（篇）。`);
    expect(text).toContain(
      '获《吕梁政务信息●普刊》采用23条（篇），共23分；获《晋政信息●普刊》采用9条（篇），共36分；获《晋政信息●互联网》采用8条（篇），共16分。我市政务信息积分在全吕梁市排名第三。',
    );
    expect(text).toContain(`据统计，${year}年我市只有9家市直单位报送信息，而仅有1个乡镇（街道）报送信息`);
    const docx = await editor.request(
      'GET',
      `/api/assessment/work-summary.docx?from=${year}-01-01&to=${year}-12-31`,
    );
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it("shows the demo year's 统计分析 from the same ledger: per month, per unit, coverage, 吕梁's adoptions and rank", async () => {
    const editor = await login(t.app, 'editor');
    const res = await editor.request('GET', `/api/assessment/statistics?from=${year}-01-01&to=${year}-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json() as {
      totals: { submitted: number; reported: number; members: number; adoptedUpper: number };
      months: { month: string; submitted: number; adoptedUpper: number }[];
      units: { unitId: string; submitted: number }[];
      silent: { unitId: string }[];
      groups: { code: string; members: number; reported: number }[];
      upward: {
        officeName: string;
        rank: number;
        peers: number;
        points: string;
        outlets: { name: string; adoptions: number; points: string }[];
      } | null;
      unit: unknown;
    };
    expect(stats.totals).toMatchObject({ submitted: 336, reported: 10, adoptedUpper: 40 });
    expect(stats.months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
    );
    expect(stats.months.reduce((n, m) => n + m.submitted, 0)).toBe(336);
    expect(stats.months.reduce((n, m) => n + m.adoptedUpper, 0)).toBe(40);
    const reported = Object.fromEntries(
      stats.units.filter((u) => u.submitted > 0).map((u) => [u.unitId, u.submitted]),
    );
    expect(reported).toEqual(Object.fromEntries(Object.entries(SEED_UNIT_ITEMS).map(([c, n]) => [id(c), n])));
    expect(stats.silent).toHaveLength(stats.totals.members - 10);
    expect(stats.silent.map((u) => u.unitId)).not.toContain(id('fy_czj'));
    expect(stats.groups.find((g) => g.code === 'township')?.reported).toBe(1);
    expect(stats.upward).toMatchObject({
      officeName: '吕梁市人民政府办公室',
      rank: 3,
      peers: 5,
      points: '75',
    });
    expect(stats.upward?.outlets).toEqual([
      { name: '《吕梁政务信息●普刊》', adoptions: 23, points: '23' },
      { name: '《晋政信息●普刊》', adoptions: 9, points: '36' },
      { name: '《晋政信息●互联网》', adoptions: 8, points: '16' },
    ]);
    expect(stats.unit).toBeNull();

    // A unit's 信息员 sees its own trend and rank, and no other unit's.
    const reporter = await login(t.app, 'fy_czj_xxy');
    const own = await reporter.request(
      'GET',
      `/api/assessment/statistics?from=${year}-01-01&to=${year}-12-31`,
    );
    expect(own.statusCode).toBe(200);
    const mine = own.json() as {
      unit: { unitId: string; rank: number; months: { submitted: number; rank: number | null }[] };
      upward: unknown;
    };
    expect(mine.unit.unitId).toBe(id('fy_czj'));
    expect(mine.unit.months.reduce((n, m) => n + m.submitted, 0)).toBe(SEED_UNIT_ITEMS.fy_czj);
    expect(mine.unit.months.every((m) => m.rank !== null && m.rank >= 1)).toBe(true);
    expect(mine.upward).toBeNull();
    const other = await reporter.request(
      'GET',
      `/api/assessment/statistics?from=${year}-01-01&to=${year}-12-31&unitId=${id('fy_swj')}`,
    );
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('只能查看本单位的统计');

    const xlsx = await editor.request(
      'GET',
      `/api/assessment/statistics.xlsx?from=${year}-01-01&to=${year}-12-31`,
    );
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const czj = sheet?.getRows(2, (sheet?.rowCount ?? 1) - 1)?.find((r) => r.getCell(3).value === '财政局');
    expect(czj?.getCell(4).value).toBe(SEED_UNIT_ITEMS.fy_czj);
  });

  it("gives every item a timeline that follows the transition table and ends in the item's status", async () => {
    const events = await rows<{
      item_id: string;
      action: string;
      from_status: string | null;
      to_status: string | null;
      at: string;
    }>(
      sql`select item_id, action, from_status, to_status, at::text from item_events order by item_id, at, id`,
    );
    const status = new Map(
      (await rows<{ id: string; status: string }>(sql`select id, status from items`)).map((r) => [
        r.id,
        r.status,
      ]),
    );
    const byItem = new Map<string, typeof events>();
    for (const e of events) byItem.set(e.item_id, [...(byItem.get(e.item_id) ?? []), e]);
    expect(byItem.size).toBe(status.size);
    for (const [itemId, timeline] of byItem) {
      const [first, ...rest] = timeline;
      expect(['created', 'forwarded_in']).toContain(first?.action);
      let current = first?.to_status ?? null;
      for (const e of rest) {
        expect(e.from_status, `${itemId} ${e.action}`).toBe(current);
        const rule = TRANSITIONS.find((r) => r.action === e.action);
        if (rule) {
          expect(rule.from, `${itemId} ${e.action} from ${e.from_status}`).toContain(e.from_status);
          expect(e.to_status).toBe(rule.to);
        } else {
          expect(['edited', 'circulate']).toContain(e.action);
          expect(e.to_status).toBeNull();
        }
        current = e.to_status ?? current;
      }
      expect(current, itemId).toBe(status.get(itemId));
    }
  });

  it('prints the year in 《汾阳政务信息》: issues 1…N without gaps, 4–6 items each, signed and published, each item adopted', async () => {
    const issues = await rows<{
      number: number;
      total_number: number;
      label: string;
      status: string;
      issue_date: string;
      signed_by_name: string;
      n: number;
      wrong_items: number;
      adopted: number;
      late: number;
    }>(sql`
      select pi.number, pi.total_number, pi.label, pi.status, pi.issue_date::text, pi.signed_by_name,
             count(ii.item_id)::int as n,
             count(*) filter (where i.status <> 'published' or i.office_id <> pi.office_id)::int as wrong_items,
             count(a.id)::int as adopted,
             count(*) filter (where i.decided_at::date > pi.issue_date)::int as late
      from publication_issues pi
      join publications p on p.id = pi.publication_id
      join issue_items ii on ii.issue_id = pi.id
      join items i on i.id = ii.item_id
      left join upper_adoptions a on a.item_id = i.id and a.issue_id = pi.id and a.publication_id = p.id
      where p.name = '汾阳政务信息' and pi.year = ${year}
      group by pi.id order by pi.number`);
    expect(issues.length).toBeGreaterThan(30);
    issues.forEach((issue, i) => {
      expect(issue.number).toBe(i + 1);
      expect(issue.total_number).toBe(i + 1);
      expect(issue.label).toBe(`${year}年第${i + 1}期`);
      expect(issue).toMatchObject({ status: 'published', signed_by_name: '陈志强', wrong_items: 0, late: 0 });
      expect(issue.n).toBeGreaterThanOrEqual(4);
      expect(issue.n).toBeLessThanOrEqual(6);
      expect(issue.adopted).toBe(issue.n);
      expect(issue.issue_date.startsWith(String(year))).toBe(true);
    });
    // Each has its final DOCX in the archive, passing the format checker.
    const [archive] = await rows<{ issues: number; files: number; clean: number }>(sql`
      select count(distinct pi.id)::int as issues, count(f.id)::int as files,
             count(f.id) filter (where jsonb_array_length(f.check_problems) = 0)::int as clean
      from publication_issues pi left join issue_files f on f.issue_id = pi.id and f.final and f.kind = 'docx'
      where pi.year = ${year}`);
    expect(archive).toEqual({ issues: issues.length, files: issues.length, clean: issues.length });
    const dates = issues.map((x) => x.issue_date);
    expect([...dates].sort()).toEqual(dates);
    // The newest accepted items wait in the adoption queue for the next issue; the demo year's
    // own are all printed unless this year has taken fewer than that so far (early January).
    const queue = await rows<{ demo_year: boolean; n: number }>(sql`
      select (i.decided_at < ${yearEnd}::timestamptz) as demo_year, count(*)::int as n from items i
      where i.office_id = ${id('fy')} and i.status = 'accepted'
        and not exists (select 1 from issue_items ii where ii.item_id = i.id)
      group by 1`);
    expect(queue.reduce((sum, q) => sum + q.n, 0)).toBe(12);
  });

  it('keeps versions, signers and dates consistent with the timeline', async () => {
    const [mismatch] = await rows<Record<string, number>>(sql`
      select
        count(*) filter (where i.current_version <> v.version_no or i.title <> v.title or i.body <> v.body)::int as text,
        count(*) filter (where i.submitted_at is not null and i.signer_name is null)::int as unsigned,
        count(*) filter (where i.forwarded_from_id is null and i.submitted_at is distinct from s.at)::int as submitted,
        count(*) filter (where i.forwarded_from_id is null and s.actor_name is distinct from i.signer_name)::int as signer,
        count(*) filter (where i.status = 'accepted' and i.target_publication_id is null)::int as target,
        count(*) filter (where i.updated_at < i.created_at)::int as updated
      from items i
      join lateral (select * from item_versions v where v.item_id = i.id order by version_no desc limit 1) v on true
      left join lateral (
        select e.at, e.actor_name from item_events e where e.item_id = i.id and e.action = 'sign'
        order by e.at desc limit 1) s on true`);
    expect(mismatch).toEqual({ text: 0, unsigned: 0, submitted: 0, signer: 0, target: 0, updated: 0 });
    const [reporters] = await rows<{ n: number }>(sql`
      select count(*)::int as n from items i join item_events e on e.item_id = i.id and e.action = 'created'
      join users u on u.id = i.author_id
      where ${fyYearItems()} and (e.actor_id <> u.id or u.username not like '%\\_xxy')`);
    expect(reporters?.n).toBe(0);
  });

  it('is mostly 动态, with some 经验、问题、建议、综合、调研, a few urgent items and 送阅件', async () => {
    const mix = await rows<{ category_code: string; priority: string; n: number; timed: number }>(sql`
      select i.category_code, i.priority, count(*)::int as n,
             count(*) filter (where i.event_at is not null and i.event_at < i.submitted_at)::int as timed
      from items i where ${fyYearItems()} group by i.category_code, i.priority`);
    const sum = (f: (r: (typeof mix)[number]) => boolean) => mix.filter(f).reduce((s, r) => s + r.n, 0);
    expect(sum((r) => r.category_code === 'dynamic')).toBeGreaterThan(336 * 0.6);
    for (const category of ['experience', 'problem', 'suggestion', 'comprehensive', 'research'])
      expect(
        sum((r) => r.category_code === category),
        category,
      ).toBeGreaterThan(0);
    const urgent = mix.filter((r) => r.priority === 'urgent');
    expect(sum((r) => r.priority === 'urgent')).toBeGreaterThanOrEqual(2);
    expect(urgent.every((r) => r.timed === r.n)).toBe(true);
    expect(sum((r) => r.priority === 'for_reading')).toBeGreaterThanOrEqual(2);
  });

  it('writes clean texts: no placeholders, 2–5 paragraphs of 60–200 characters, nothing the quality check objects to', async () => {
    const texts = await rows<{ title: string; body: string }>(sql`
      select title, body from items union all select title, body from item_versions`);
    expect(texts.length).toBeGreaterThan(1000);
    for (const { title, body } of texts) {
      for (const s of [title, body]) {
        for (const placeholder of ['**', 'XX', '201*', '××', '{', '}']) expect(s).not.toContain(placeholder);
      }
      const paragraphs = body.split('\n');
      expect(paragraphs.length).toBeGreaterThanOrEqual(2);
      expect(paragraphs.length).toBeLessThanOrEqual(5);
      for (const p of paragraphs) {
        expect(p.length, p).toBeGreaterThanOrEqual(60);
        expect(p.length, p).toBeLessThanOrEqual(200);
      }
      expect(checkText({ title, body, authorPhone: '0358-7221234', signerName: '周国栋' })).toEqual([]);
    }
  });

  it("varies its texts: few near-duplicates among 汾阳's items within 90 days, none in today's inbox", async () => {
    // As the quality check segments them: with the registry's names kept whole.
    addWords(
      (await rows<{ name: string }>(sql`select name from orgs union select short_name from orgs`)).map(
        (r) => r.name,
      ),
    );
    const year = await rows<{ title: string; body: string; at: string }>(sql`
      select i.title, i.body, i.submitted_at::text as at from items i where ${fyYearItems()}`);
    const texts = year.map((r) => ({ at: new Date(r.at).getTime(), vectors: itemVectors(r.title, r.body) }));
    let pairs = 0;
    let similar = 0;
    for (let a = 0; a < texts.length; a++)
      for (let b = a + 1; b < texts.length; b++) {
        const [x, y] = [texts[a], texts[b]];
        if (!x || !y || Math.abs(x.at - y.at) > DUPLICATE_WINDOW_DAYS * 86_400_000) continue;
        pairs++;
        if (itemSimilarity(x.vectors, y.vectors) >= DUPLICATE_THRESHOLD) similar++;
      }
    console.info(
      `demo year near-duplicates: ${similar} of ${pairs} pairs (${((similar / pairs) * 100).toFixed(2)} %)`,
    );
    expect(pairs).toBeGreaterThan(10_000);
    expect(similar / pairs).toBeLessThan(0.03);

    const inbox = await rows<{ title: string; body: string }>(sql`
      select i.title, i.body from items i
      where i.office_id = ${id('fy')} and i.created_at >= ${since}::timestamptz and i.submitted_at is not null`);
    expect(inbox).toHaveLength(9);
    const vectors = inbox.map((r) => itemVectors(r.title, r.body));
    for (const [a, x] of vectors.entries())
      for (const y of vectors.slice(a + 1)) expect(itemSimilarity(x, y)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it("puts today's work on the desks: drafts, sign-offs, 汾阳's inbox with an urgent item and a 送阅件, one return", async () => {
    const current = await rows<{
      code: string;
      status: string;
      priority: string;
      event_at: string | null;
      last_reason: string | null;
    }>(sql`
      select u.code, i.status, i.priority, i.event_at::text,
        (select e.reason from item_events e where e.item_id = i.id order by e.at desc, e.id desc limit 1) as last_reason
      from items i join orgs u on u.id = i.submitting_unit_id
      where i.created_at >= ${since}::timestamptz and i.office_id = ${id('fy')}`);
    const czj = (status: string) => current.filter((c) => c.code === 'fy_czj' && c.status === status);
    expect(czj('draft').length).toBeGreaterThanOrEqual(2);
    expect(czj('draft').length).toBeLessThanOrEqual(3);
    expect(czj('pending_signoff')).toHaveLength(2);
    const inbox = current.filter((c) => c.status === 'submitted');
    expect(inbox.length).toBeGreaterThanOrEqual(8);
    expect(new Set(inbox.map((c) => c.code)).size).toBeGreaterThanOrEqual(5);
    const urgent = inbox.filter((c) => c.priority === 'urgent');
    expect(urgent).toHaveLength(1);
    const eventAt = new Date(urgent[0]?.event_at ?? 0).getTime();
    expect(now.getTime() - eventAt).toBeGreaterThan(0);
    expect(now.getTime() - eventAt).toBeLessThanOrEqual(3 * 3_600_000 + 60_000);
    expect(inbox.filter((c) => c.priority === 'for_reading')).toHaveLength(1);
    const returned = current.filter((c) => c.status === 'returned');
    expect(returned).toHaveLength(1);
    expect(returned[0]?.last_reason).toBeTruthy();

    // And the queues show them: urgent first in the editor's inbox, two to sign for 财政局.
    const editor = await login(t.app, 'editor');
    const inboxRes = await editor.request('GET', '/api/items?box=inbox&status=submitted&pageSize=50');
    expect(inboxRes.statusCode).toBe(200);
    expect(inboxRes.json().total).toBe(inbox.length);
    expect(inboxRes.json().items[0].priority).toBe('urgent');
    const signer = await login(t.app, 'fy_czj_qf');
    const signoff = await signer.request('GET', '/api/items?box=signoff');
    expect(signoff.statusCode).toBe(200);
    expect(signoff.json().total).toBe(2);
  });

  it("shows the year in 汾阳's queues: 336 in the inbox, per unit as the seed counts, 238 forwarded", async () => {
    const editor = await login(t.app, 'editor');
    const inYear = (box: string, extra = '') =>
      editor.request('GET', `/api/items?box=${box}&from=${year}-01-01&to=${year}-12-31&pageSize=1${extra}`);
    const inbox = await inYear('inbox');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().total).toBe(336);
    for (const [code, n] of Object.entries(SEED_UNIT_ITEMS))
      expect((await inYear('inbox', `&unitId=${id(code)}`)).json().total, code).toBe(n);
    expect((await inYear('inbox', `&unitId=${id('fy_gaj')}`)).json().total).toBe(0);
    expect((await inYear('forwarded')).json().total).toBe(SEED_FORWARDED);
  });

  it("shows a forwarded item's whole way up to its unit, adoptions included", async () => {
    const [adopted] = await rows<{ id: string }>(sql`
      select i.id from items i join upper_adoptions a on a.item_id = i.id
      join publications p on p.id = a.publication_id join orgs u on u.id = i.origin_unit_id
      where i.office_id = ${id('fy')} and p.office_id <> i.office_id and u.code = 'fy_czj' limit 1`);
    const reporter = await login(t.app, 'fy_czj_xxy');
    const res = await reporter.request('GET', `/api/items/${adopted?.id}`);
    expect(res.statusCode).toBe(200);
    const item = res.json();
    expect(item.forwardedTo.officeName).toBe('吕梁市人民政府办公室');
    expect(item.adoptions.length).toBeGreaterThan(0);
    const actions = item.timeline.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['created', 'submit_for_signoff', 'sign']);
    expect(actions).toContain('forward');
    expect(actions).toContain('forwarded_in');
    expect(actions).toContain('record_adoption');
    // Another unit's reporter cannot open it.
    const other = await login(t.app, 'fy_swj_xxy');
    expect((await other.request('GET', `/api/items/${adopted?.id}`)).statusCode).toBe(404);
  });
});

describe('this year up to today', () => {
  const thisYear = year + 1;
  const inThisYear = () =>
    sql`i.office_id = ${id('fy')} and i.forwarded_from_id is null and i.created_at >= ${yearEnd}::timestamptz`;

  it('has items of 汾阳 in every state of the workflow, beside the demo year', async () => {
    const states = await rows<{ status: string; n: number }>(sql`
      select i.status, count(*)::int as n from items i where ${inThisYear()} group by 1`);
    const by = Object.fromEntries(states.map((s) => [s.status, s.n]));
    // On the first days of January the year has only today's items; from mid-January on, a year's work.
    if (now.getTime() - beijing(thisYear, 1, 1).getTime() < 40 * 86_400_000) return;
    for (const status of [
      'draft',
      'pending_signoff',
      'submitted',
      'returned',
      'rejected',
      'accepted',
      'published',
    ])
      expect(by[status] ?? 0, status).toBeGreaterThan(0);
    const [upward] = await rows<{ forwarded: number; adopted: number }>(sql`
      select count(*) filter (where i.forwarded_to_id is not null)::int as forwarded,
             count(distinct a.item_id)::int as adopted
      from items i left join upper_adoptions a on a.item_id = i.id
        and a.publication_id in (select id from publications where office_id <> ${id('fy')})
      where ${inThisYear()}`);
    expect(upward?.forwarded).toBeGreaterThan(0);
    expect(upward?.adopted).toBeGreaterThan(0);
  });

  it("prints this year's issues 1…M in sequence, 总第N期 running on from the demo year", async () => {
    const issues = await rows<{
      year: number;
      number: number;
      total_number: number;
      label: string;
      status: string;
    }>(sql`
      select pi.year, pi.number, pi.total_number, pi.label, pi.status from publication_issues pi
      join publications p on p.id = pi.publication_id where p.name = '汾阳政务信息'
      order by pi.year, pi.number`);
    const demo = issues.filter((i) => i.year === year);
    const current = issues.filter((i) => i.year === thisYear);
    expect(demo.length + current.length).toBe(issues.length);
    current.forEach((issue, i) => {
      expect(issue.number).toBe(i + 1);
      expect(issue.total_number).toBe(demo.length + i + 1);
      expect(issue.label).toBe(`${thisYear}年第${i + 1}期`);
    });
    // All published but the newest, which is 定版 and waits for the chief editor's 签发.
    expect(current.slice(0, -1).every((i) => i.status === 'published')).toBe(true);
    if (current.length > 1) expect(current.at(-1)?.status).toBe('locked');
    const chief = await login(t.app, 'chief');
    const todo = await chief.request('GET', '/api/issues?status=locked');
    expect(todo.statusCode).toBe(200);
    if (current.length > 1) expect(todo.json().total).toBe(1);
  });

  it('dates nothing after today', async () => {
    const [future] = await rows<Record<string, number>>(sql`
      select
        (select count(*) from item_events where at > ${now.toISOString()}::timestamptz)::int as events,
        (select count(*) from items where created_at > ${now.toISOString()}::timestamptz
           or updated_at > ${now.toISOString()}::timestamptz)::int as items,
        (select count(*) from upper_adoptions where recorded_at > ${now.toISOString()}::timestamptz)::int as adoptions,
        (select count(*) from publication_issues where published_at > ${now.toISOString()}::timestamptz)::int as issues,
        (select count(*) from circulations where sent_at > ${now.toISOString()}::timestamptz
           or read_at > ${now.toISOString()}::timestamptz)::int as circulations`);
    expect(future).toEqual({ events: 0, items: 0, adoptions: 0, issues: 0, circulations: 0 });
  });

  it('gives the leader a 传阅件 list: the newest issues and items, the newest unread', async () => {
    const leader = await login(t.app, 'leader');
    const res = await leader.request('GET', '/api/circulations/mine');
    expect(res.statusCode).toBe(200);
    const list = res.json().items as { readAt: string | null }[];
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.filter((c) => c.readAt === null).length).toBeGreaterThanOrEqual(2);
    expect(list.filter((c) => c.readAt !== null).length).toBeGreaterThanOrEqual(2);
  });

  it("numbers the next issue a user makes after this year's last one", async () => {
    const [pub] = await rows<{ id: string }>(sql`select id from publications where name = '汾阳政务信息'`);
    const [last] = await rows<{ n: number }>(sql`
      select count(*)::int as n from publication_issues where year = ${thisYear} and publication_id = ${pub?.id}`);
    const editor = await login(t.app, 'editor');
    const res = await editor.request('POST', '/api/issues', { publicationId: pub?.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().label).toBe(`${thisYear}年第${(last?.n ?? 0) + 1}期`);
  });
});

describe('coordination up to today', () => {
  const thisYear = year + 1;
  it('gives 汾阳 instructions in every state: closed, waiting for a report, overdue with a report to review, not yet assigned', async () => {
    const editor = await login(t.app, 'editor');
    const res = await editor.request('GET', '/api/instructions?pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json().items as {
      status: string;
      overdue: number;
      source?: string;
      levelLabel: string;
    }[];
    expect(list.map((i) => i.status).sort()).toEqual(['assigned', 'assigned', 'closed', 'recorded'].sort());
    expect(list.some((i) => i.overdue > 0)).toBe(true);
    expect(list.map((i) => i.levelLabel)).toContain('市级');
    const leader = await login(t.app, 'leader');
    const mine = (await leader.request('GET', '/api/instructions')).json().items as unknown[];
    expect(mine.length).toBe(2);
  });

  it('files this year’s liaison of all but five units, one changed once, nothing dated after today', async () => {
    const editor = await login(t.app, 'editor');
    const res = await editor.request('GET', `/api/liaison?year=${thisYear}`);
    expect(res.statusCode, res.body).toBe(200);
    const fy = (res.json().offices as { office: { name: string }; missing: number; filed: number }[]).find(
      (o) => o.office.name === '汾阳市人民政府办公室',
    );
    expect(fy?.missing).toBe(5);
    expect(fy?.filed).toBeGreaterThan(30);
    const [r] = await rows<{ changed: number; future: number }>(sql`
      select (select count(*) from liaison_filings where version = 2)::int as changed,
             (select count(*) from liaison_filing_revisions where changed_at > ${now.toISOString()}::timestamptz)::int as future`);
    expect(r).toEqual({ changed: 1, future: 0 });
  });

  it('has this quarter’s 报送要点 with tagged items, and 约稿 open, answered, declined, late and missed', async () => {
    const editor = await login(t.app, 'editor');
    const list = (await editor.request('GET', '/api/topics?pageSize=50')).json().items as {
      status: string;
      current: boolean;
      stats: { submitted: number } | null;
    }[];
    expect(list.map((x) => x.status).sort()).toEqual(['draft', 'published', 'published', 'published']);
    expect(list.filter((x) => x.current).length).toBe(2);
    const reporter = await login(t.app, 'fy_czj_xxy');
    const current = (await reporter.request('GET', '/api/topics/current')).json().items as unknown[];
    expect(current.length).toBe(2);
    const commissions = (await editor.request('GET', '/api/commissions?pageSize=50')).json().items as {
      status: string;
      counts: {
        total: number;
        read: number;
        answered: number;
        declined: number;
        late: number;
        missed: number;
      };
    }[];
    const closed = commissions.find((c) => c.status === 'closed');
    const issued = commissions.find((c) => c.status === 'issued');
    expect(closed?.counts).toMatchObject({ total: 4, answered: 2, declined: 1, late: 1, missed: 1 });
    expect(issued?.counts).toMatchObject({ total: 4, read: 2, declined: 1 });
  });

  it('records the year’s meetings with attendance, and one to come with nobody marked yet', async () => {
    const editor = await login(t.app, 'editor');
    const res = await editor.request('GET', `/api/meetings/stats?year=${thisYear}`);
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json() as {
      totals: { meetings: number; personTimes: number };
      byLevelKind: { label: string }[];
    };
    expect(stats.totals.meetings).toBeGreaterThanOrEqual(3);
    expect(stats.totals.personTimes).toBeGreaterThan(20);
    expect(stats.byLevelKind.map((b) => b.label).join('；')).toContain('省级培训 1 次');
    const [future] = await rows<{ n: number; marked: number }>(sql`
      select count(distinct m.id)::int as n, count(p.unit_id) filter (where p.attendance <> 'expected')::int as marked
      from meetings m left join meeting_participants p on p.meeting_id = m.id
      where m.starts_at > ${now.toISOString()}::timestamptz`);
    expect(future).toEqual({ n: 1, marked: 0 });
  });
});
