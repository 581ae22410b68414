import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentLedger, items, type NoticePeriod, publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest } from '../../../lib/errors.ts';
import { TIER_LABELS } from '../engine/explain.ts';
import { Registry } from '../facts/registry.ts';
import { getRanking } from '../queries/ranking.ts';
import type { Ranking } from '../schemas.ts';

/** What a 通报 prints, frozen: the ranking, the lists of names and the adopted titles per unit. */
export type NoticeSnapshot = {
  office: { id: string; name: string };
  ruleSet: Ranking['ruleSet'];
  range: { from: string; to: string };
  periodTitle: string;
  groups: Ranking['groups'];
  totals: Ranking['totals'];
  units: number;
  reporting: number;
  zeroSubmissions: string[];
  zeroAdoptions: string[];
  /** Lower offices are ranked (a city's counties): the addressee differs. */
  ranksOffices: boolean;
  adopted: { unitId: string; unitName: string; titles: { itemId: string; title: string; marks: string }[] }[];
  legend: { mark: string; meaning: string }[];
};

// Marks printed after a title; CJK characters so every office font has them (symbols such as ★
// fall back to another font and break the printed line).
const SYMBOLS = [
  '〔甲〕',
  '〔乙〕',
  '〔丙〕',
  '〔丁〕',
  '〔戊〕',
  '〔己〕',
  '〔庚〕',
  '〔辛〕',
  '〔壬〕',
  '〔癸〕',
];
const LEVEL_MARKS: Record<string, { mark: string; meaning: string }> = {
  state_council: { mark: '〔国批〕', meaning: '获国务院领导批示' },
  province: { mark: '〔省批〕', meaning: '获省级领导批示' },
  city: { mark: '〔市批〕', meaning: '获市级领导批示' },
  county: { mark: '〔县批〕', meaning: '获县级领导批示' },
  township: { mark: '〔乡批〕', meaning: '获乡镇领导批示' },
};

/** 2026年11月份 / 2026年第三季度 / 2026年度. */
export function noticePeriodTitle(period: NoticePeriod, from: string): string {
  const y = from.slice(0, 4);
  const m = Number(from.slice(5, 7));
  if (period === 'month') return `${y}年${m}月份`;
  if (period === 'quarter') return `${y}年第${'一二三四'[(m - 1) / 3]}季度`;
  return `${y}年度`;
}

/** The days of a notice's period: `at` is 2026-11, 2026-Q3 or 2026. */
export function noticeRange(period: NoticePeriod, at: string): { from: string; to: string } {
  const y = Number(at.slice(0, 4));
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = (m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (period === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (period === 'quarter') {
    const m = (Number(at.slice(6)) - 1) * 3 + 1;
    return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m + 2)}-${pad(last(m + 2))}` };
  }
  const m = Number(at.slice(5, 7));
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last(m))}` };
}

/** Takes the figures of a notice from the ledger (recomputed first when facts changed). */
export async function takeSnapshot(
  db: Db,
  actor: Actor,
  officeId: string,
  period: NoticePeriod,
  range: { from: string; to: string },
  now: Date,
): Promise<NoticeSnapshot> {
  const ranking = await getRanking(db, actor, { officeId, from: range.from, to: range.to }, now);
  if (
    ranking.totals.submitted === 0 &&
    ranking.totals.adoptedOwn === '0' &&
    ranking.totals.adoptedUpper === '0'
  ) {
    throw badRequest('该期间各单位没有报送或采用信息，无法生成通报');
  }
  const rows = ranking.groups.flatMap((g) => g.rows);
  const registry = await Registry.forOffice(db, officeId, { scope: 'members' });
  const entries = await db
    .select({
      unitId: assessmentLedger.unitId,
      kind: assessmentLedger.kind,
      factId: assessmentLedger.factId,
      ruleKey: assessmentLedger.ruleKey,
      itemId: assessmentLedger.itemId,
      on: assessmentLedger.on,
      title: items.title,
    })
    .from(assessmentLedger)
    .innerJoin(items, eq(items.id, assessmentLedger.itemId))
    .where(
      and(
        eq(assessmentLedger.ruleSetId, ranking.ruleSet.id),
        between(assessmentLedger.on, range.from, range.to),
        inArray(assessmentLedger.kind, ['adoption', 'instruction']),
      ),
    )
    .orderBy(asc(assessmentLedger.on), asc(assessmentLedger.id));
  const pubIds = [
    ...new Set(
      entries
        .filter((e) => e.kind === 'adoption' && e.factId && !e.factId.endsWith(':website'))
        .map((e) => e.factId?.split(':')[1] as string),
    ),
  ];
  const pubs = pubIds.length
    ? await db
        .select({ id: publications.id, name: publications.name, officeId: publications.officeId })
        .from(publications)
        .where(inArray(publications.id, pubIds))
        .orderBy(asc(publications.sortOrder))
    : [];
  // Own publications first, then upward; each gets a symbol for the legend.
  pubs.sort((a, b) => Number(b.officeId === officeId) - Number(a.officeId === officeId));
  const symbol = new Map(pubs.map((p, i) => [p.id, SYMBOLS[i] ?? `(${i + 1})`]));
  const legend = [
    ...pubs.map((p) => ({
      mark: symbol.get(p.id) as string,
      meaning: `被《${p.name}》采用${p.officeId === officeId ? `（${TIER_LABELS.own}）` : ''}`,
    })),
  ];
  if (entries.some((e) => e.kind === 'adoption' && e.factId?.endsWith(':website'))) {
    symbol.set('website', '〔网〕');
    legend.push({ mark: '〔网〕', meaning: '在门户网站发布' });
  }
  const usedLevels = new Set<string>();
  const byUnit = new Map<string, Map<string, { title: string; marks: string[] }>>();
  for (const e of entries) {
    if (!e.itemId) continue;
    const unitItems = byUnit.get(e.unitId) ?? new Map();
    byUnit.set(e.unitId, unitItems);
    const entry = unitItems.get(e.itemId) ?? { title: e.title, marks: [] };
    unitItems.set(e.itemId, entry);
    if (e.kind === 'adoption') {
      const mark = symbol.get(e.factId?.split(':')[1] ?? '') ?? '';
      if (mark && !entry.marks.includes(mark)) entry.marks.push(mark);
    } else {
      const level = e.ruleKey?.split(':')[1] ?? '';
      const m = LEVEL_MARKS[level];
      if (m && !entry.marks.includes(m.mark)) {
        entry.marks.push(m.mark);
        usedLevels.add(level);
      }
    }
  }
  for (const [level, m] of Object.entries(LEVEL_MARKS)) if (usedLevels.has(level)) legend.push(m);
  const adopted = rows
    .filter((r) => byUnit.has(r.unitId))
    .map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      titles: [...(byUnit.get(r.unitId)?.entries() ?? [])]
        // Only items adopted in the period (an instruction alone does not list a title).
        .filter(([, v]) => v.marks.some((m) => !m.endsWith('批〕')))
        .map(([itemId, v]) => ({ itemId, title: v.title, marks: v.marks.join('') })),
    }))
    .filter((u) => u.titles.length > 0);
  return {
    office: ranking.office,
    ruleSet: ranking.ruleSet,
    range,
    periodTitle: noticePeriodTitle(period, range.from),
    groups: ranking.groups,
    totals: ranking.totals,
    units: rows.length,
    reporting: rows.filter((r) => !r.noSubmissions).length,
    zeroSubmissions: rows.filter((r) => r.noSubmissions).map((r) => r.unitName),
    zeroAdoptions: rows.filter((r) => !r.noSubmissions && r.noAdoptions).map((r) => r.unitName),
    ranksOffices: rows.some((r) => registry.get(r.unitId)?.kind === 'office'),
    adopted,
    legend,
  };
}

/** The texts a draft starts with, in the seed's style; the office edits them. */
export function defaultTexts(s: NoticeSnapshot) {
  const rows = s.groups.flatMap((g) => g.rows);
  const adoptedItems = rows.reduce((n, r) => n + r.adoptedItems, 0);
  const opening =
    `${s.periodTitle}，共收到各单位报送信息${s.totals.submitted}条，` +
    `被采用${adoptedItems}条，其中本级采用${s.totals.adoptedOwn}条次、被上级采用${s.totals.adoptedUpper}条次。` +
    `参加考评的${s.units}个单位中，${s.reporting}个单位报送了信息。现将有关情况通报如下。`;
  const praise = s.groups
    .map((g) => {
      const top = g.rows.filter((r) => r.rank <= 3 && Number(r.points) > 0 && !r.noAdoptions);
      if (!top.length) return `${g.name}中暂无得分单位。`;
      const place =
        top.length === 1 ? '居首位' : `居前${'一二三四五六七八九十'[top.length - 1] ?? top.length}位`;
      return `${g.name}中，${top.map((r) => r.unitName).join('、')}报送采用情况较好，得分${place}，予以表扬。`;
    })
    .join('\n');
  const laggards = [
    s.zeroSubmissions.length
      ? `零报送单位（${s.zeroSubmissions.length}个）：${s.zeroSubmissions.join('、')}。`
      : '本期无零报送单位。',
    s.zeroAdoptions.length
      ? `零采用单位（${s.zeroAdoptions.length}个）：${s.zeroAdoptions.join('、')}。`
      : '本期无零采用单位。',
  ].join('\n');
  const problems =
    '部分单位对政务信息工作重视不够，报送数量少、质量不高，反映问题、提出建议的信息偏少；个别单位信息报送不及时，紧急信息存在迟报现象。';
  const requirements =
    '各单位要进一步提高认识，明确分管领导和信息员，围绕中心工作和报送要点，多报有分析、有建议的高质量信息，做到喜忧兼报。紧急信息要严格按时限报送。零报送、零采用单位要认真查找原因，切实改进工作。';
  return { opening, praise, laggards, problems, requirements };
}
