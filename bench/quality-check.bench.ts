/**
 * Quality check vs a bare SELECT of the same candidates, on generated county data.
 * Run: npx tsx bench/quality-check.bench.ts   (prints ratios only, measured in one run)
 *
 * Scenarios: a county's 90-day window (~750 submitted items) and the candidate cap (2,500 items
 * in the window, 2,000 compared). "cold" = every candidate's vectors computed (first check after
 * a start, or after every item changed); "warm" = vectors cached, the usual case while writing.
 */

import { and, desc, eq, gte, ne, sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { openDatabase } from '../server/db/client.ts';
import { items, orgs } from '../server/db/schema/index.ts';
import { seedDemo } from '../server/db/seed/demo.ts';
import { systemClock } from '../server/lib/clock.ts';
import { startLiveHub } from '../server/lib/live.ts';
import { createScheduler } from '../server/lib/scheduler/scheduler.ts';
import { checkItemQuality } from '../server/modules/items/quality.ts';

const SUBJECTS = [
  '预算绩效管理',
  '农村饮水安全',
  '春季动物防疫',
  '公共文化服务',
  '信访积案化解',
  '森林防火',
  '国有资产清查',
  '小型水库除险加固',
  '河道清淤疏浚',
  '秸秆综合利用',
  '城乡环境整治',
  '安全生产大检查',
  '高标准农田建设',
  '营商环境优化',
  '养老服务体系',
];
const VERBS = ['扎实推进', '多措并举抓好', '全面启动', '稳步推进', '着力抓好', '高标准完成', '创新开展'];
const MEASURES = [
  '成立工作专班，明确责任分工，倒排工期、挂图作战',
  '组织业务骨干深入乡镇村组开展实地核查，逐项建立台账',
  '召开专题推进会议，对照任务清单逐项督办落实',
  '邀请专家开展业务培训，累计培训基层人员{n}人次',
  '建立周调度、月通报制度，及时研究解决存在的困难和问题',
  '统筹安排专项资金{n}万元，重点向偏远村组倾斜',
  '对发现的{n}个问题实行销号管理，目前已整改到位',
  '通过政务网站、微信公众号等渠道开展政策宣传，发放资料{n}份',
];
const RESULTS = [
  '截至目前，已覆盖全市{n}个行政村，群众满意度明显提升。',
  '下一步，将持续巩固工作成效，确保各项任务按期完成。',
  '全年计划完成投资{n}万元，目前已完成进度的{n}%。',
];

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
};
const pick = <T>(list: readonly T[]) => list[rand(list.length)];
const fill = (s: string) => s.replaceAll('{n}', () => String(12 + rand(900)));

function text(unit: string) {
  const subject = pick(SUBJECTS);
  const paragraphs = [
    `为切实做好${subject}工作，${1 + rand(12)}月${1 + rand(28)}日以来，${unit}${fill(pick(MEASURES))}，${fill(pick(MEASURES))}。`,
    `一是${fill(pick(MEASURES))}。二是${fill(pick(MEASURES))}。三是${fill(pick(MEASURES))}。`,
    `${fill(pick(MEASURES))}，${fill(pick(MEASURES))}。${fill(pick(RESULTS))}`,
    fill(pick(RESULTS)),
  ];
  return { title: `${unit}${pick(VERBS)}${subject}工作`, body: paragraphs.join('\n') };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>, runs: number, before?: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
await seedDemo(database.db, 'Bench@2026x');
const db = database.db;
const log = pino({ level: 'silent' });
const ctx: AppContext = {
  config,
  database,
  db,
  log,
  clock: systemClock,
  scheduler: createScheduler({ db, clock: systemClock, log }),
  live: await startLiveHub(database, () => {}),
};

const [fy] = await db.select().from(orgs).where(eq(orgs.code, 'fy'));
const [xy] = await db.select().from(orgs).where(eq(orgs.code, 'xy'));
const units = await db.select().from(orgs).where(eq(orgs.parentId, fy.id));

// Load the segmenter, the IDF table and the registry words outside the measurements.
await checkItemQuality(ctx, db, { title: '预热', body: '预热。', unitId: xy.id, officeId: xy.id });

async function insertItems(n: number) {
  const rows = Array.from({ length: n }, () => {
    const unit = pick(units);
    const daysAgo = rand(89);
    const at = new Date(Date.now() - daysAgo * 86_400_000);
    return {
      officeId: fy.id,
      submittingUnitId: unit.id,
      originUnitId: unit.id,
      ...text(unit.shortName),
      categoryCode: 'dynamic',
      authorName: '测试信息员',
      authorPhone: '0358-7221234',
      status: 'submitted' as const,
      submittedAt: at,
      updatedAt: at,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(items).values(rows.slice(i, i + 500));
}

const since = new Date(Date.now() - 90 * 86_400_000);
const recency = sql`coalesce(${items.submittedAt}, ${items.updatedAt})`;
const bareSelect = () =>
  db
    .select({ id: items.id, version: items.version, title: items.title, body: items.body })
    .from(items)
    .where(and(eq(items.officeId, fy.id), ne(items.status, 'draft'), gte(recency, since)))
    .orderBy(desc(recency))
    .limit(2000);

const probe = { ...text('财政局'), authorPhone: '0358-7221234', unitId: units[0].id, officeId: fy.id };
const check = () => checkItemQuality(ctx, db, probe);
const invalidate = () => db.update(items).set({ version: sql`${items.version} + 1` });

for (const [label, total] of [
  ['county, 90 days (~750 items)', 750],
  ['candidate cap (2,500 in window, 2,000 compared)', 2500],
] as const) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(items);
  await insertItems(total - n);
  await bareSelect(); // warm the database's caches as much as the check's
  const base = await time(bareSelect, 15);
  const cold = await time(check, 3, invalidate);
  const warm = await time(check, 15);
  console.log(`${label}:`);
  console.log(`  check, vectors cached   / bare SELECT of the candidates: ${(warm / base).toFixed(1)}×`);
  console.log(`  check, vectors computed / bare SELECT of the candidates: ${(cold / base).toFixed(1)}×`);
}
await ctx.live.stop();
await database.close();
