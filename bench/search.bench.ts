/**
 * Search at scale (issue 12), measured in one run. Generated items at one county office (汾阳,
 * default 200,000; --items), indexed by the product's own writer (`reindexItems`: bigrams and
 * jieba words into search_index), then for a rare phrase, a common two-character word and two
 * spaced words:
 *
 *   (a) the global search (`search`, kind 信息: the list scope, the count up to 1,000, rank, the
 *       highlighted page of 20) against the bare GIN query for the same page (ids by rank);
 *   (b) the 收稿箱 text filter (`listItems` with q: counts per status, the page and its joins)
 *       against the same bare query;
 *   (c) for reference, what the search used to be: ILIKE '%…%' over title and body.
 *
 * Prints milliseconds and ratios only; nothing is asserted.
 *
 * Last measured (200,000 items, PostgreSQL 15, 2 shared cores; search / bare · 收稿箱 · ILIKE ms):
 *   rare phrase (94 matches)       18.7 / 3.9 = 4.8× · 239 · 491
 *   农田 (13,373 matches)          269 / 117 = 2.3×  · 534 · 3.2
 *   专班 台账 (27,749 matches)     225 / 187 = 1.2×  · 611 · 1.6
 * Indexing: ~2,900 items/s; search_index ~1.9 kB per item. Ranking every match of a common word
 * is what costs (the bare query pays it too); ILIKE is fast only where LIMIT 20 stops it early on
 * the newest items. The 收稿箱 figure is dominated by the list's own order and per-status counts
 * (issue 12, outcome 4), not by the text condition.
 * Run:  node scripts/with-postgres.mjs npx tsx bench/search.bench.ts --items 200000
 *       npx tsx bench/search.bench.ts --items 20000            (embedded PGlite, in memory)
 */

import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { items, orgs, users } from '../server/db/schema/index.ts';
import { seedDemo } from '../server/db/seed/demo.ts';
import { type Actor, loadMembership } from '../server/lib/actor.ts';
import { systemClock } from '../server/lib/clock.ts';
import { startLiveHub } from '../server/lib/live.ts';
import { createScheduler } from '../server/lib/scheduler/scheduler.ts';
import { rowsOf } from '../server/lib/sql.ts';
import { queryTerms, searchQuery } from '../server/lib/text/search-text.ts';
import { reindexItems } from '../server/modules/items/index.ts';
import { listItems } from '../server/modules/items/queries/list-items.ts';
import { listExportQuery } from '../server/modules/items/schemas.ts';
import { search } from '../server/modules/search/search.ts';
import { benchDatabase, compare, fmt, ms } from './lib.ts';

const { values: flags } = parseArgs({
  options: { items: { type: 'string', default: '200000' }, runs: { type: 'string', default: '9' } },
});
const N = Number(flags.items.replaceAll(/[_,]/g, ''));
const RUNS = Number(flags.runs);

const SUBJECTS = ['预算绩效管理', '农村饮水安全', '春季动物防疫', '公共文化服务', '信访积案化解', '森林防火'];
const MORE = [
  '国有资产清查',
  '小型水库除险加固',
  '河道清淤疏浚',
  '秸秆综合利用',
  '城乡环境整治',
  '安全生产大检查',
];
const ALL_SUBJECTS = [...SUBJECTS, ...MORE, '高标准农田建设', '营商环境优化', '养老服务体系'];
const MEASURES = [
  '成立工作专班，明确责任分工，倒排工期、挂图作战',
  '组织业务骨干深入乡镇村组开展实地核查，逐项建立台账',
  '召开专题推进会议，对照任务清单逐项督办落实',
  '邀请专家开展业务培训，累计培训基层人员{n}人次',
  '建立周调度、月通报制度，及时研究解决存在的困难和问题',
  '统筹安排专项资金{n}万元，重点向偏远村组倾斜',
];
/** About one item in two thousand carries it. */
const RARE = '无人机植保飞防作业';

// mulberry32: a small PRNG whose low bits are as random as its high ones.
let seed = 7;
const rand = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) % n;
};
const pick = <T>(list: readonly T[]) => list[rand(list.length)] as T;
const fill = (s: string) => s.replaceAll('{n}', () => String(12 + rand(900)));
function text(unit: string) {
  const subject = pick(ALL_SUBJECTS);
  const rare = rand(2000) === 0 ? `，试点开展${RARE}` : '';
  return {
    title: `${unit}扎实推进${subject}工作`,
    body: [
      `为切实做好${subject}工作，${unit}${fill(pick(MEASURES))}${rare}。`,
      `一是${fill(pick(MEASURES))}。二是${fill(pick(MEASURES))}。`,
      `截至目前，已覆盖全市${12 + rand(300)}个行政村，群众满意度明显提升。`,
    ].join('\n'),
  };
}

const bench = await benchDatabase();
const db = bench.database.db;
await seedDemo(db, 'Bench@2026x');
const log = pino({ level: 'silent' });
const ctx: AppContext = {
  config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }),
  database: bench.database,
  db,
  log,
  clock: systemClock,
  scheduler: createScheduler({ db, clock: systemClock, log }),
  live: await startLiveHub(bench.database, () => {}),
};
const [fy] = await db.select().from(orgs).where(eq(orgs.code, 'fy'));
if (!fy) throw new Error('no 汾阳');
const units = await db.select().from(orgs).where(eq(orgs.parentId, fy.id));
const [editorUser] = await db.select().from(users).where(eq(users.username, 'editor'));
if (!editorUser) throw new Error('no editor');
const membership = await loadMembership(db, editorUser.id);
const editor: Actor = {
  userId: editorUser.id,
  username: editorUser.username,
  displayName: editorUser.displayName,
  ...membership,
  primaryUnit: membership.units[0] ?? null,
  mustChangePassword: false,
  sessionId: 'bench',
  csrfToken: 'bench',
};

// ── generation and indexing ─────────────────────────────────────────────────────────────────
let t0 = performance.now();
const start = Date.now() - 5 * 365 * 86_400_000;
for (let done = 0; done < N; ) {
  const rows = Array.from({ length: Math.min(2000, N - done) }, () => {
    const unit = pick(units);
    const at = new Date(start + rand(5 * 365 * 86_400) * 1000);
    return {
      officeId: fy.id,
      submittingUnitId: unit.id,
      originUnitId: unit.id,
      ...text(unit.shortName),
      categoryCode: 'dynamic',
      authorName: '测试信息员',
      status: pick(['submitted', 'accepted', 'published', 'rejected'] as const),
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
    };
  });
  await db.insert(items).values(rows);
  done += rows.length;
}
const generated = performance.now() - t0;
t0 = performance.now();
const indexed = await reindexItems(db, 1000);
const indexing = performance.now() - t0;
await db.execute(sql`analyze`);
const [size] = await rowsOf<{ size: string }>(
  db,
  sql`select pg_size_pretty(pg_total_relation_size('search_index')) as size`,
);

console.log(`\nSearch bench — ${bench.kind}`);
console.log(
  `${fmt(N)} items at 汾阳 generated in ${(generated / 1000).toFixed(1)} s; ${fmt(indexed)} indexed by reindexItems in ${(indexing / 1000).toFixed(1)} s (${Math.round(indexed / (indexing / 1000))} items/s); search_index ${size?.size}`,
);
console.log(`runs: 2 warm-ups, then the median of ${RUNS} turns\n`);

// ── measurements ────────────────────────────────────────────────────────────────────────────
const bare = (tsquery: string) => () =>
  db.execute(sql`select s.ref_id from search_index s join items i on i.id = s.ref_id
    where s.kind = 'item' and s.tsv @@ ${tsquery}::tsquery and i.office_id = ${fy.id}
    order by ts_rank_cd(s.tsv, ${tsquery}::tsquery) desc limit 20`);
const ilike = (word: string) => () =>
  db.execute(sql`select id from items where office_id = ${fy.id}
    and (title ilike ${`%${word}%`} or body ilike ${`%${word}%`}) order by submitted_at desc limit 20`);

console.log(
  'query'.padEnd(22),
  'matches'.padStart(9),
  ' search ms  bare ms  ratio',
  ' 收稿箱 ms  ratio',
  '  ILIKE ms',
);
for (const q of [RARE, '农田', '专班 台账']) {
  const tsquery = searchQuery(queryTerms(q));
  if (!tsquery) continue;
  const [matches] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from search_index where kind = 'item' and tsv @@ ${tsquery}::tsquery`,
  );
  // The same words as substrings (every word in the title or the body): the index must agree.
  const words = q.split(' ');
  const [substrings] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from items where ${sql.join(
      words.map((w) => sql`(title || ' ' || body) like ${`%${w}%`}`),
      sql` and `,
    )}`,
  );
  if (substrings?.n !== matches?.n)
    console.log(`  ${q}: the index finds ${matches?.n}, LIKE ${substrings?.n}`);
  const query = { q, kind: 'item' as const, order: 'relevance' as const, page: 1, pageSize: 20 };
  const a = await compare(() => search(db, editor, query), bare(tsquery), { warmUps: 2, runs: RUNS });
  const b = await compare(
    () => listItems(ctx, editor, listExportQuery.parse({ box: 'inbox', q }), { page: 1, pageSize: 20 }),
    bare(tsquery),
    { warmUps: 2, runs: RUNS },
  );
  const c = await compare(ilike(words[0] ?? q), bare(tsquery), { warmUps: 1, runs: 3 });
  console.log(
    q.padEnd(22 - [...q].length),
    fmt(matches?.n ?? 0).padStart(9),
    ms(a.module).padStart(10),
    ms(a.bare).padStart(8),
    `${(a.module / a.bare).toFixed(1)}×`.padStart(6),
    ms(b.module).padStart(10),
    `${(b.module / b.bare).toFixed(1)}×`.padStart(6),
    ms(c.module).padStart(10),
  );
}
await ctx.live.stop();
await bench.close();
