/**
 * Assessment at province scale (issue 11, outcome 10), measured in one run: a year's full
 * recomputation of a ledger against a bare SQL aggregate over the same rows (goal ≤ 5×), and the
 * ranking API against the bare ranking query over the ledger (goal ≤ 3×). Prints ratios only;
 * timings are never asserted anywhere.
 *
 * Run:  node scripts/with-postgres.mjs npx tsx bench/assessment.bench.ts --items 200000
 *       npx tsx bench/assessment.bench.ts --items 50000            (embedded PGlite, in memory)
 * Flags: --items N   rows in `items`, forwarded copies included (default 1,000,000)
 *        --units N   reporting units under the counties (default 16,000)
 *        --years N   years of items, ending with the assessed year (default 5)
 *        --year  Y   the assessed year (default: last complete year)
 *        --runs  N   measured runs per recomputation figure after one warm-up (default 3)
 *        --ranking-runs N   measured runs per ranking figure after six warm-ups (default 25)
 * With TEST_DATABASE_URL (set by with-postgres) a fresh database is created on that server and
 * dropped afterwards; otherwise PGlite in memory.
 *
 * Generated, set-based (insert … select from generate_series): one province office, 11 cities,
 * 120 counties under them and the units under the counties; base items at the county offices from
 * their units, submitted over the years; ~30 % forwarded to the city (a copy with root_id /
 * forwarded_from_id, forwarded_to_id on the lower copy, as forward-item.ts does) and ~30 % of
 * those on to the province; publications per office; adoptions by county (own items), city and
 * province publications (on the adopting office's copy and the copy it came from, as publishing
 * an issue records them); leaders' instructions on ~1.5 % of every office's items. Active rule
 * sets for the assessed year at one county, its city and the province (adoption points by tier,
 * submission points at the county, instruction bonuses).
 *
 * Each figure times the module and its bare counterpart in turns (module, bare, module, …), so
 * that both meet the same load on a shared machine, and prints the medians. The ranking is warmed
 * up past PostgreSQL's first five executions of a prepared statement (planned for their
 * parameters, before it settles on a generic plan), as in a long-running server; the bare query
 * is sent as it is written, parsed and planned on every run.
 *
 * Measured: (a) refreshOffice(…, { force: true }) — Registry.forOffice (the office, its ancestors
 * and its subtree), facts, engine, the set-based inserts of the ledger and of its sums by month —
 * vs one hand-written grouped query summing submissions, adoptions × points and instruction
 * bonuses per credited member over the year (its totals are checked against the ledger's);
 * (b) getRanking with an editor of the office, for a month and for the year — one prepared
 * query: the rule set, the staleness check, the office's members with their figures (June's and
 * 累计 from assessment_ledger_months, the year's from the ledger) and the run's time — vs a
 * grouped sum by unit over assessment_ledger for the range.
 *
 * Last measured (1,000,000 items, PostgreSQL 15, 2 shared cores; module ms / bare ms):
 *   recompute: province 1073 / 269 = 4.0× · city 637 / 275 = 2.3× · county 510 / 258 = 2.0×
 *   ranking June: county 2.9 / 1.2 = 2.4× · province 1.2 / 2.3 = 0.5×
 *   ranking year: county 7.4 / 3.6 = 2.1× · province 14.5 / 11.6 = 1.2×
 * The recompute at the province is the closest to its goal and the noisiest figure on a shared
 * machine: 4.1× before assessment_ledger_months, 4.9× and 5.8× in two runs while it was added
 * (before storeLedger's cheaper array literals; the months write costs ~15–20 ms there).
 */

import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { assessmentRuleSets, orgs, publications } from '../server/db/schema/index.ts';
import type { Actor } from '../server/lib/actor.ts';
import { chinaDate } from '../server/lib/clock.ts';
import type { RulesInput } from '../server/modules/assessment/engine/rules.ts';
import { score } from '../server/modules/assessment/engine/score.ts';
import { loadFacts } from '../server/modules/assessment/facts/load-facts.ts';
import { Registry, rowsOf } from '../server/modules/assessment/facts/registry.ts';
import { rulesOf as parseRules, refreshOffice, scoredUnits } from '../server/modules/assessment/ledger.ts';
import { getRanking, ruleSetForRange } from '../server/modules/assessment/queries/ranking.ts';
import { benchDatabase, compare, fmt, median, ms } from './lib.ts';

const { values: flags } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '16000' },
    years: { type: 'string', default: '5' },
    year: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'ranking-runs': { type: 'string', default: '25' },
  },
});
const num = (s: string) => Number(s.replaceAll(/[_,]/g, ''));
const ITEMS = num(flags.items);
const UNITS = num(flags.units);
const YEARS = num(flags.years);
const YEAR = flags.year ? num(flags.year) : new Date().getUTCFullYear() - 1;
const RUNS = Math.max(3, num(flags.runs));
const RANKING_RUNS = Math.max(3, num(flags['ranking-runs']));
/** Past the five executions PostgreSQL plans for their parameters (see the header). */
const RANKING_WARM_UPS = 6;
const CITIES = 11;
const COUNTIES = 120;
const FORWARD_SHARE = 0.3;
/** Base items so that base + city copies + province copies ≈ --items. */
const BASE = Math.round(ITEMS / (1 + FORWARD_SHARE + FORWARD_SHARE * FORWARD_SHARE));

// ── database ────────────────────────────────────────────────────────────────────────────────
const bench = await benchDatabase();
const database = bench.database;
const db = database.db;

/** One warm-up, then the median of RUNS runs (ms). */
async function time(fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

// ── generation ──────────────────────────────────────────────────────────────────────────────
const firstYear = YEAR - YEARS + 1;
const startTs = `${firstYear}-01-01T00:00:00+08:00`;
const spanSeconds = (Date.parse(`${YEAR + 1}-01-01T00:00:00+08:00`) - Date.parse(startTs)) / 1000;
const run = (q: ReturnType<typeof sql>) => db.execute(q);
const genStarted = performance.now();

// A deterministic uniform number in [0, 1) for an integer key (no random(): the same data every run).
await run(sql`create function bench_rand(bigint) returns float8 language sql immutable
  as $$ select (hashint8($1)::bigint + 2147483648) / 4294967296.0 $$`);

await run(sql`insert into orgs (code, name, short_name, kind, level, sort_order)
  values ('bp', '本省人民政府办公厅', '本省', 'office', 'province', 0)`);
await run(sql`insert into orgs (code, name, short_name, kind, level, parent_id, sort_order)
  select 'bp-c' || lpad(g::text, 2, '0'), '第' || g || '市人民政府办公室', '第' || g || '市', 'office', 'city',
    (select id from orgs where code = 'bp'), g
  from generate_series(1, ${CITIES}) g`);
await run(sql`insert into orgs (code, name, short_name, kind, level, parent_id, sort_order)
  select 'bp-x' || lpad(g::text, 3, '0'), '第' || g || '县人民政府办公室', '第' || g || '县', 'office', 'county', c.id, g
  from generate_series(1, ${COUNTIES}) g
  join orgs c on c.code = 'bp-c' || lpad((((g - 1) % ${CITIES}) + 1)::text, 2, '0')`);
await run(sql`insert into orgs (code, name, short_name, kind, parent_id, group_code, sort_order)
  select 'bp-u' || lpad(g::text, 6, '0'), x.short_name || '单位' || g, '单位' || g, 'unit', x.id,
    case when g % 10 < 3 then 'dept_1' when g % 10 < 6 then 'dept_2' when g % 10 < 8 then 'dept_3' else 'township' end, g
  from generate_series(1, ${UNITS}) g
  join orgs x on x.code = 'bp-x' || lpad((((g - 1) % ${COUNTIES}) + 1)::text, 3, '0')`);
await run(sql`create table bench_units as
  select (row_number() over (order by u.code))::int as n, u.id, u.parent_id as county_id
  from orgs u where u.kind = 'unit' and u.code like 'bp-u%'`);
await run(sql`create unique index on bench_units (n)`);

await run(sql`insert into publications (office_id, name, kind, sort_order)
  select id, short_name || '政务信息', '普刊', 0 from orgs where kind = 'office' and code like 'bp%'`);
await run(sql`insert into publications (office_id, name, kind, sort_order)
  select id, short_name || '政务信息●专报', '专报', 1 from orgs where level = 'city' and code like 'bp%'`);
await run(sql`insert into publications (office_id, name, kind, sort_order)
  select id, short_name || '政务信息●互联网', '互联网', 1 from orgs where level = 'province' and code like 'bp%'`);

// Base items at the county offices, from their units, spread over the years.
await run(sql`insert into items (office_id, submitting_unit_id, origin_unit_id, title, body, category_code,
    author_name, status, submitted_at, created_at, updated_at)
  select u.county_id, u.id, u.id, '基层信息第' || g || '号', '为切实做好有关工作，采取了有力措施。',
    case when g % 7 = 0 then 'research' else 'dynamic' end, '信息员', 'accepted', t.at, t.at, t.at
  from generate_series(1, ${BASE}) g
  join bench_units u on u.n = 1 + floor(bench_rand(g * 7 + 1) * ${UNITS})::int
  cross join lateral (select ${startTs}::timestamptz + bench_rand(g * 7 + 2) * ${spanSeconds} * interval '1 second' as at) t`);
// 转报: copies at the city (from county items), then at the province (from city copies).
const forward = (from: 'county' | 'city', salt: number) =>
  run(sql`insert into items (office_id, submitting_unit_id, origin_unit_id, root_id, forwarded_from_id, title, body,
      category_code, author_name, status, submitted_at, created_at, updated_at)
    select x.parent_id, i.office_id, i.origin_unit_id, coalesce(i.root_id, i.id), i.id, i.title, i.body,
      i.category_code, i.author_name, 'accepted', t.at, t.at, t.at
    from items i join orgs x on x.id = i.office_id and x.level = ${from}
    cross join lateral (select i.submitted_at + bench_rand(i.serial * 11 + ${salt}) * interval '2 days' as at) t
    where bench_rand(i.serial * 13 + ${salt}) < ${FORWARD_SHARE}`);
await forward('county', 1);
await forward('city', 2);
await run(sql`update items l set forwarded_to_id = c.id from items c where c.forwarded_from_id = l.id`);

// 采用: the county's own publication on its items; city and province publications on their copy and
// on the copy it came from (what publishing an issue records).
const adoptedOn = (salt: number) =>
  sql`((i.submitted_at at time zone 'Asia/Shanghai')::date + (1 + floor(bench_rand(i.serial * 17 + ${salt}) * 20))::int)`;
const adoptionKind = (salt: number) =>
  sql`case when bench_rand(i.serial * 19 + ${salt}) < 0.8 then '全文采用' when bench_rand(i.serial * 19 + ${salt}) < 0.9 then '摘要采用' else '综合采用' end`;
await run(sql`insert into upper_adoptions (item_id, publication_id, adoption_kind, adopted_on, recorded_by_name)
  select i.id, p.id, ${adoptionKind(1)}, ${adoptedOn(1)}, '编辑'
  from items i join orgs x on x.id = i.office_id and x.level = 'county'
  join publications p on p.office_id = i.office_id
  where bench_rand(i.serial * 23 + 1) < 0.12`);
const upperAdoptions = (level: 'city' | 'province', share: number, otherKind: string, salt: number) =>
  run(sql`insert into upper_adoptions (item_id, publication_id, adoption_kind, adopted_on, recorded_by_name)
    select v.item_id, p.id, ${adoptionKind(salt)}, ${adoptedOn(salt)}, '编辑'
    from items i join orgs x on x.id = i.office_id and x.level = ${level}
    join publications p on p.office_id = i.office_id
      and p.kind = case when bench_rand(i.serial * 29 + ${salt}) < 0.75 then '普刊' else ${otherKind} end
    cross join lateral (values (i.id), (i.forwarded_from_id)) v(item_id)
    where bench_rand(i.serial * 23 + ${salt}) < ${share}`);
await upperAdoptions('city', 0.35, '专报', 2);
await upperAdoptions('province', 0.3, '互联网', 3);

// 批示: a leader of the office on ~1.5 % of its items.
await run(sql`insert into instructions (office_id, item_id, origin_unit_id, source, leader_name, level, text,
    instructed_on, recorded_by_name)
  select i.office_id, i.id, i.origin_unit_id, 'paper', '领导', x.level, '请阅处。',
    (i.submitted_at at time zone 'Asia/Shanghai')::date + (1 + floor(bench_rand(i.serial * 31 + 1) * 10))::int, '编辑'
  from items i join orgs x on x.id = i.office_id
  where x.code like 'bp%' and bench_rand(i.serial * 31 + 2) < 0.015`);
await run(sql`drop table bench_units`);
await run(sql`analyze`);
const genMs = performance.now() - genStarted;

// ── rule sets ───────────────────────────────────────────────────────────────────────────────
const [province] = await db.select().from(orgs).where(eq(orgs.code, 'bp'));
const [city] = await db.select().from(orgs).where(eq(orgs.code, 'bp-c01'));
const [county] = await db.select().from(orgs).where(eq(orgs.code, 'bp-x001'));
const pubs = await db
  .select({ id: publications.id, officeId: publications.officeId, kind: publications.kind })
  .from(publications);
const ancestors = new Map([
  [county.id, [city.id, province.id]],
  [city.id, [province.id]],
  [province.id, []],
]);
const instructionRows = [
  { level: 'province' as const, points: '20' },
  { level: 'city' as const, points: '10' },
  { level: 'county' as const, points: '5' },
];
const rulesOf: Record<string, RulesInput> = {
  [county.id]: {
    groups: [
      { code: 'dept_1', name: '一类部门', unitGroups: ['dept_1'] },
      { code: 'dept_2', name: '二类部门', unitGroups: ['dept_2'] },
      { code: 'dept_3', name: '三类部门', unitGroups: ['dept_3'] },
      { code: 'township', name: '乡镇街道', unitGroups: ['township'] },
    ],
    adoption: {
      rows: [
        { key: 'own', tiers: ['own'], points: '2' },
        { key: 'city', tiers: ['city'], points: '5' },
        { key: 'prov_web', tiers: ['province'], publicationKinds: ['互联网'], points: '5' },
        { key: 'prov', tiers: ['province'], points: '10' },
      ],
      combine: 'sum',
      multipliers: [],
    },
    joint: 'share',
    // About 10 submissions a unit a year: the cap is never reached, so the bare sum can match.
    submission: { points: '0.5', cap: '20' },
    instructions: { rows: instructionRows, mode: 'sum' },
    quotas: [],
    zeroOut: [],
    floor: '0',
  },
  [city.id]: {
    groups: [{ code: 'counties', name: '县（市、区）', offices: true }],
    adoption: {
      rows: [
        { key: 'own', tiers: ['own'], points: '1' },
        { key: 'prov_web', tiers: ['province'], publicationKinds: ['互联网'], points: '2' },
        { key: 'prov', tiers: ['province'], points: '4' },
      ],
      combine: 'sum',
      multipliers: [],
    },
    joint: 'even',
    instructions: { rows: instructionRows, mode: 'sum' },
    quotas: [],
    zeroOut: [],
  },
  [province.id]: {
    groups: [{ code: 'cities', name: '市', offices: true }],
    adoption: {
      rows: [
        { key: 'own_web', tiers: ['own'], publicationKinds: ['互联网'], points: '1' },
        { key: 'own', tiers: ['own'], points: '2' },
      ],
      combine: 'sum',
      multipliers: [],
    },
    joint: 'even',
    instructions: { rows: instructionRows, mode: 'sum' },
    quotas: [],
    zeroOut: [],
  },
};
/** The same rules written by hand for the bare query: points (ten-thousandths) per publication. */
function publicationPoints(officeId: string): [string, number][] {
  const upper = ancestors.get(officeId) ?? [];
  return pubs
    .flatMap((p): [string, number][] => {
      const web = p.kind === '互联网';
      if (officeId === county.id) {
        if (p.officeId === county.id) return [[p.id, 2]];
        if (p.officeId === city.id) return [[p.id, 5]];
        if (p.officeId === province.id) return [[p.id, web ? 5 : 10]];
      } else if (officeId === city.id) {
        if (p.officeId === city.id) return [[p.id, 1]];
        if (upper.includes(p.officeId)) return [[p.id, web ? 2 : 4]];
      } else if (p.officeId === province.id) return [[p.id, web ? 1 : 2]];
      return [];
    })
    .map(([id, points]) => [id, points * 10_000]);
}

const from = `${YEAR}-01-01`;
const to = `${YEAR}-12-31`;
const ruleSetOf = new Map<string, string>();
for (const office of [county, city, province]) {
  const id = randomUUID();
  ruleSetOf.set(office.id, id);
  await db.insert(assessmentRuleSets).values({
    id,
    seriesId: id,
    versionNo: 1,
    officeId: office.id,
    name: `${YEAR}年度${office.shortName}政务信息工作考核办法`,
    periodStart: from,
    periodEnd: to,
    status: 'active',
    rules: rulesOf[office.id],
    createdByName: '测试',
    activatedAt: new Date(),
    activatedByName: '测试',
  });
}

// ── what was generated ──────────────────────────────────────────────────────────────────────
const [counts] = await rowsOf<Record<string, number>>(
  db,
  sql`select
    (select count(*)::int from orgs where kind = 'office') as offices,
    (select count(*)::int from orgs where kind = 'unit') as units,
    (select count(*)::int from items) as items,
    (select count(*)::int from items where forwarded_from_id is null) as base_items,
    (select count(*)::int from items i join orgs o on o.id = i.office_id where o.level = 'city') as city_copies,
    (select count(*)::int from items i join orgs o on o.id = i.office_id where o.level = 'province') as province_copies,
    (select count(*)::int from publications) as publications,
    (select count(*)::int from upper_adoptions) as adoptions,
    (select count(*)::int from instructions) as instructions,
    (select count(*)::int from items where submitted_at >= ${from}::date and submitted_at < ${to}::date + 1) as items_in_year`,
);
const dbKind = database.kind === 'postgresql' ? 'PostgreSQL (with-postgres)' : 'PGlite (memory)';
console.log(`\nAssessment bench — ${dbKind}, assessed year ${YEAR}, items ${firstYear}–${YEAR}`);
console.log(
  `generated in ${(genMs / 1000).toFixed(1)} s: ${fmt(counts.offices)} offices (1 province, ${CITIES} cities, ${COUNTIES} counties), ${fmt(counts.units)} units;`,
);
console.log(
  `  ${fmt(counts.items)} items (${fmt(counts.base_items)} at counties, ${fmt(counts.city_copies)} forwarded to cities, ${fmt(counts.province_copies)} to the province; ${fmt(counts.items_in_year)} in ${YEAR})`,
);
console.log(
  `  ${fmt(counts.publications)} publications, ${fmt(counts.adoptions)} adoption records, ${fmt(counts.instructions)} instructions`,
);
console.log(
  `  runs, module and bare in turns: recompute 1 warm-up + median of ${RUNS}; ranking ${RANKING_WARM_UPS} warm-ups + median of ${RANKING_RUNS}`,
);

// ── (a) full recomputation vs the bare aggregate ────────────────────────────────────────────
const toEnd = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString();
const fromTs = new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString();
function bareAggregate(officeId: string) {
  const points = sql.join(
    publicationPoints(officeId).map(([id, p]) => sql`(${id}::uuid, ${p}::bigint)`),
    sql`, `,
  );
  const submissionPoints = officeId === county.id ? 5000 : 0;
  const chain = sql`coalesce(m.root_id, m.id) = coalesce(c.root_id, c.id) and m.office_id = ${officeId} and m.status <> 'merged'`;
  return sql`
    with pts(publication_id, points) as (values ${points}),
      lv(level, points) as (values ('province', 200000::bigint), ('city', 100000::bigint), ('county', 50000::bigint)),
      facts as (
        select m.origin_unit_id, 1 as submitted, ${submissionPoints}::bigint as points from items m
        where m.office_id = ${officeId} and m.submitted_at >= ${fromTs}::timestamptz and m.submitted_at < ${toEnd}::timestamptz
        union all
        select m.origin_unit_id, 0, max(pts.points) from upper_adoptions a
          join items c on c.id = a.item_id join items m on ${chain}
          join pts on pts.publication_id = a.publication_id
        where a.adopted_on between ${from}::date and ${to}::date
        group by m.id, m.origin_unit_id, a.publication_id
        union all
        select m.origin_unit_id, 0, lv.points from instructions ins
          join items c on c.id = ins.item_id join items m on ${chain}
          join lv on lv.level = ins.level
        where ins.instructed_on between ${from}::date and ${to}::date
      )
    select case when u.parent_id = ${officeId} then u.id when p1.parent_id = ${officeId} then p1.id else p1.parent_id end as unit_id,
      sum(f.submitted)::int as submitted, sum(f.points)::bigint as points
    from facts f join orgs u on u.id = f.origin_unit_id left join orgs p1 on p1.id = u.parent_id
    group by 1`;
}

type Row = { label: string; rows: string; module: number; bare: number; goal: number };
const table: Row[] = [];
const now = new Date();
const offices = [
  { name: `province (${province.shortName}, ${CITIES} cities)`, office: province },
  { name: `city (${city.shortName}, its counties)`, office: city },
  { name: `county (${county.shortName}, its units)`, office: county },
];
const mismatches: string[] = [];
const recomputeMs = new Map<string, number>();
for (const { name, office } of offices) {
  const ruleSetId = ruleSetOf.get(office.id) ?? '';
  const bare = bareAggregate(office.id);
  const { module: moduleMs, bare: bareMs } = await compare(
    () => refreshOffice(db, office.id, now, { force: true }),
    () => db.execute(bare),
    { warmUps: 1, runs: RUNS },
  );
  recomputeMs.set(office.id, moduleMs);
  const [ledger] = await rowsOf<{ entries: number; points: string }>(
    db,
    sql`select count(*)::int as entries, coalesce(sum(points), 0)::text as points from assessment_ledger
        where rule_set_id = ${ruleSetId}`,
  );
  const sums = await rowsOf<{ points: string | number }>(db, bare);
  const bareTotal = sums.reduce((s, r) => s + Number(r.points), 0);
  if (bareTotal !== Number(ledger.points)) {
    mismatches.push(`${name}: ledger ${ledger.points} ≠ bare ${bareTotal} (ten-thousandths)`);
  }
  table.push({
    label: `recompute ${YEAR}: ${name}`,
    rows: `${fmt(ledger.entries)} entries`,
    module: moduleMs,
    bare: bareMs,
    goal: 5,
  });
}

// ── (b) ranking API vs the bare ranking query ───────────────────────────────────────────────
const editorOf = (office: typeof province): Actor => {
  const unit = {
    id: office.id,
    name: office.name,
    shortName: office.shortName,
    kind: office.kind,
    parentId: office.parentId,
    isPrimary: true,
  };
  return {
    userId: randomUUID(),
    username: 'bench-editor',
    displayName: '测试编辑',
    roles: ['editor'],
    units: [unit],
    primaryUnit: unit,
    mustChangePassword: false,
    sessionId: 'bench',
    csrfToken: 'bench',
  };
};
const bareRanking = (ruleSetId: string, f: string, t: string) =>
  sql`select unit_id, (coalesce(sum(quantity) filter (where kind = 'submission'), 0) / 1000)::int as submitted,
        coalesce(sum(points), 0) as points
      from assessment_ledger where rule_set_id = ${ruleSetId} and "on" between ${f}::date and ${t}::date
      group by unit_id`;
const ranges = [
  { label: 'June', from: `${YEAR}-06-01`, to: `${YEAR}-06-30` },
  { label: 'year', from, to },
];
for (const { name, office } of [offices[2], offices[0]]) {
  const actor = editorOf(office);
  const ruleSetId = ruleSetOf.get(office.id) ?? '';
  for (const r of ranges) {
    const q = { officeId: office.id, from: r.from, to: r.to };
    let ranked = 0;
    const bare = bareRanking(ruleSetId, r.from, r.to);
    const { module: moduleMs, bare: bareMs } = await compare(
      async () => {
        const ranking = await getRanking(db, actor, q, now);
        ranked = ranking.groups.reduce((s, g) => s + g.rows.length, 0);
      },
      () => db.execute(bare),
      { warmUps: RANKING_WARM_UPS, runs: RANKING_RUNS },
    );
    const [n] = await rowsOf<{ n: number }>(
      db,
      sql`select count(*)::int as n from assessment_ledger where rule_set_id = ${ruleSetId} and "on" between ${r.from}::date and ${r.to}::date`,
    );
    table.push({
      label: `ranking ${r.label}: ${name}`,
      rows: `${fmt(n.n)} entries, ${ranked} ranked`,
      module: moduleMs,
      bare: bareMs,
      goal: 3,
    });
  }
}

// ── where the module's time goes (same warm-up + median) ────────────────────────────────────
const breakdown: string[] = [];
for (const { name, office } of offices) {
  const [row] = await db
    .select()
    .from(assessmentRuleSets)
    .where(eq(assessmentRuleSets.id, ruleSetOf.get(office.id) ?? ''));
  const registry = await Registry.forOffice(db, office.id);
  const period = { from, to };
  const registryMs = await time(() => Registry.forOffice(db, office.id));
  const factsMs = await time(() => loadFacts(db, registry, office.id, period, now));
  const facts = await loadFacts(db, registry, office.id, period, now);
  const rules = parseRules(row);
  const units = scoredUnits(registry, office.id, rules);
  const engineMs = await time(async () => score({ rules, period, asOf: chinaDate(now), units, facts }));
  const checkMs = await time(() => refreshOffice(db, office.id, now));
  const ruleSetMs = await time(() =>
    ruleSetForRange(db, editorOf(office), { officeId: office.id, from, to }),
  );
  breakdown.push(
    `${name}: Registry.forOffice ${ms(registryMs)} · loadFacts ${ms(factsMs)} · engine ${ms(engineMs)}` +
      ` · the rest (ledger write, lock, marks) ≈ ${ms((recomputeMs.get(office.id) ?? 0) - registryMs - factsMs - engineMs)} ms;` +
      ` alone: refresh check ${ms(checkMs)} · rule set ${ms(ruleSetMs)} ms (the ranking asks both in its one query)`,
  );
}

// ── report ──────────────────────────────────────────────────────────────────────────────────
const w = Math.max(...table.map((r) => r.label.length));
const wr = Math.max(...table.map((r) => r.rows.length));
console.log(
  `\n${'scenario'.padEnd(w)}  ${'rows'.padEnd(wr)}  ${'module ms'.padStart(9)}  ${'bare ms'.padStart(8)}  ${'ratio'.padStart(6)}  goal`,
);
let missed = 0;
for (const r of table) {
  const ratio = r.module / r.bare;
  const ok = ratio <= r.goal;
  if (!ok) missed++;
  console.log(
    `${r.label.padEnd(w)}  ${r.rows.padEnd(wr)}  ${ms(r.module).padStart(9)}  ${ms(r.bare).padStart(8)}  ${`${ratio.toFixed(1)}×`.padStart(6)}  ≤ ${r.goal}× ${ok ? 'met' : 'MISSED'}`,
  );
}
console.log(
  missed
    ? `\n${missed} of ${table.length} goals MISSED (ratios measured in this run).`
    : `\nAll ${table.length} goals met (ratios measured in this run).`,
);
console.log(`\nWhere the module's time goes (ms):\n  ${breakdown.join('\n  ')}`);
console.log(
  mismatches.length
    ? `Totals DIFFER between the ledger and the bare aggregate:\n  ${mismatches.join('\n  ')}`
    : 'Ledger totals equal the bare aggregate’s at every office (same rows, same points).',
);

await bench.close();
