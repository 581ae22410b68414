import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { badRequest } from '../../../lib/errors.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { readableRuleSet } from '../commands/find-rule-set.ts';
import { formatAmount } from '../engine/decimal.ts';
import { bucketsWithin, type DayRange } from '../engine/periods.ts';
import { rankWithTies } from '../engine/rank.ts';
import { REGISTRY_COLUMNS, Registry, type RegistryRow } from '../facts/registry.ts';
import { cachedRulesOf, ledgerStale, type RuleSetRow, refreshOffice, scoredUnits } from '../ledger.ts';
import type { Ranking, RankingQuery } from '../schemas.ts';

/**
 * The rule set that scores a range: the one named, or the office's active one whose period holds
 * the whole range.
 */
export async function ruleSetForRange(
  db: Db,
  actor: Actor,
  q: Pick<RankingQuery, 'officeId' | 'ruleSetId' | 'from' | 'to'>,
): Promise<RuleSetRow> {
  const fields = { row: assessmentRuleSets, extra: sql`null` };
  return (
    await lookUpRuleSet(actor, q, {
      byId: (id) => db.select(fields).from(assessmentRuleSets).where(eq(assessmentRuleSets.id, id)),
      byOffice: (officeId) =>
        db
          .select(fields)
          .from(assessmentRuleSets)
          .where(activeCovering(officeId, q.from, q.to))
          .limit(1),
      touching: (officeId) => touchingName(db, officeId, q.from, q.to),
    })
  ).row;
}

type Found = { row: RuleSetRow; extra: unknown };

/** The office's active rule set whose period holds from…to. */
const activeCovering = (officeId: SQL | string, from: SQL | string, to: SQL | string) =>
  and(
    eq(assessmentRuleSets.officeId, officeId),
    eq(assessmentRuleSets.status, 'active'),
    lte(assessmentRuleSets.periodStart, from),
    gte(assessmentRuleSets.periodEnd, to),
  );

/** An active rule set of the office whose period touches from…to (for the message). */
async function touchingName(db: Db, officeId: string, from: string, to: string) {
  const [touching] = await db
    .select({ name: assessmentRuleSets.name })
    .from(assessmentRuleSets)
    .where(
      and(
        eq(assessmentRuleSets.officeId, officeId),
        eq(assessmentRuleSets.status, 'active'),
        lte(assessmentRuleSets.periodStart, to),
        gte(assessmentRuleSets.periodEnd, from),
      ),
    )
    .limit(1);
  return touching?.name ?? null;
}

/**
 * ruleSetForRange's checks around the caller's reads of the row (with whatever else the caller
 * selects with it in the same query, `extra`).
 */
async function lookUpRuleSet(
  actor: Actor,
  q: Pick<RankingQuery, 'officeId' | 'ruleSetId' | 'from' | 'to'>,
  read: {
    byId(id: string): Promise<Found[]>;
    byOffice(officeId: string): Promise<Found[]>;
    touching(officeId: string): Promise<string | null>;
  },
): Promise<Found> {
  if (q.ruleSetId) {
    const [found] = await read.byId(q.ruleSetId);
    const row = readableRuleSet(actor, found?.row);
    if (q.from < row.periodStart || q.to > row.periodEnd) {
      throw badRequest(`所选期间超出了该考核办法的考核期间（${row.periodStart}—${row.periodEnd}）`);
    }
    return { row, extra: found?.extra };
  }
  const reader = readerOf(actor);
  const officeId = q.officeId ?? defaultOffice(reader);
  if (!officeId) throw badRequest('您不属于任何办公室或报送单位，没有可查看的考评');
  assertCanRead(reader, officeId);
  const [found] = await read.byOffice(officeId);
  if (!found) {
    throw badRequest(
      (await read.touching(officeId))
        ? '所选期间跨越了两个考核期间，请在一个考核办法的期间内选择'
        : `${q.from}—${q.to} 没有已启用的考核办法，请先制定并启用考核办法`,
    );
  }
  return found;
}

/**
 * The ranking's one query, by rule set and by office, for a whole month and for any other range
 * (two shapes, so that each has one plan), prepared once per database handle: a named statement
 * on PostgreSQL, parsed once per connection and, after its first executions, no longer planned
 * either (a generic plan; a statement whose parameters could prune half of it would be planned
 * on every call).
 */
const rankingStatements = new WeakMap<Db, ReturnType<typeof prepareRanking>>();
function prepareRanking(db: Db) {
  const p = (name: string) => sql`${sql.placeholder(name)}`;
  const prepare = (shape: 'month' | 'range') => {
    const fields = { row: assessmentRuleSets, extra: rankingData(shape, p('from'), p('to'), p('today')) };
    return {
      byId: db
        .select(fields)
        .from(assessmentRuleSets)
        .where(eq(assessmentRuleSets.id, p('ruleSetId')))
        .prepare(`assessment_ranking_${shape}_by_id`),
      byOffice: db
        .select(fields)
        .from(assessmentRuleSets)
        .where(activeCovering(p('officeId'), p('from'), p('to')))
        .limit(1)
        .prepare(`assessment_ranking_${shape}_by_office`),
    };
  };
  const statements = { month: prepare('month'), range: prepare('range') };
  rankingStatements.set(db, statements);
  return statements;
}

/** A member's figures over the range (null when it has none) and its 累计. */
type Aggregate = {
  submitted: number | null;
  adopted_own: number | null;
  adopted_upper: number | null;
  adopted_items: number | null;
  points: number | null;
  cumulative: number | null;
};
type UnitRow = RegistryRow & Aggregate;
/** The fields of a UnitRow, each selected under its name (the registry's by REGISTRY_COLUMNS). */
const UNIT_FIELDS = Object.keys({
  id: true,
  parent_id: true,
  kind: true,
  level: true,
  name: true,
  short_name: true,
  group_code: true,
  category_code: true,
  active: true,
  sort_order: true,
  submitted: true,
  adopted_own: true,
  adopted_upper: true,
  adopted_items: true,
  points: true,
  cumulative: true,
} satisfies Record<keyof UnitRow, true>) as (keyof UnitRow)[];
/** The units as columns: one JSON array per field, the rows in the same order in each. */
type UnitColumns = { [K in keyof UnitRow]: UnitRow[K][] };
type RankingData = { stale: boolean; computedMs: number | null; units: UnitColumns | null };

/**
 * Rankings per group over a range (docs/domain.md §3.3): read from the ledger (a whole month and
 * 累计 from its sums by month); 累计 runs from the start of the rule set's period to the end of
 * the range. Ties share a rank (1, 1, 3); units with nothing submitted or adopted are flagged.
 *
 * One round trip when the ledger is current: the rule set, whether the office's ledgers are
 * stale, the office and its members (the registry a ranking needs) with their sums, and the
 * run's time; when stale, the ledgers are refreshed and the same rule set read again.
 */
export async function getRanking(db: Db, actor: Actor, q: RankingQuery, now: Date): Promise<Ranking> {
  const statements = rankingStatements.get(db) ?? prepareRanking(db);
  const { byId, byOffice } = isWholeMonth(q) ? statements.month : statements.range;
  const params = { from: q.from, to: q.to, today: chinaDate(now) };
  const read = {
    byId: (ruleSetId: string) => byId.execute({ ...params, ruleSetId }),
    byOffice: (officeId: string) => byOffice.execute({ ...params, officeId }),
    touching: (officeId: string) => touchingName(db, officeId, q.from, q.to),
  };
  let { row, extra } = await lookUpRuleSet(actor, q, read);
  if (row.status === 'active' && parseRankingData(extra).stale) {
    await refreshOffice(db, row.officeId, now, { stale: true });
    ({ row, extra } = await lookUpRuleSet(actor, { ...q, ruleSetId: row.id }, read));
  }
  const { units: columns, computedMs } = parseRankingData(extra);
  const rows = unitRows(columns);
  const rules = cachedRulesOf(row);
  const registry = Registry.fromRows(rows);
  const units = scoredUnits(registry, row.officeId, rules);
  const byUnit = new Map(rows.map((s) => [s.id, s]));
  const reader = readerOf(actor);
  const total = { submitted: 0, own: 0, upper: 0, points: 0 };
  const groups = rules.groups.map((g) => {
    const members = units.filter((u) => u.group === g.code);
    const figures = members.map((u) => {
      const s = byUnit.get(u.id);
      const f = {
        submitted: Number(s?.submitted ?? 0),
        own: Number(s?.adopted_own ?? 0),
        upper: Number(s?.adopted_upper ?? 0),
        items: Number(s?.adopted_items ?? 0),
        points: Number(s?.points ?? 0),
        cumulative: Number(s?.cumulative ?? 0),
      };
      total.submitted += f.submitted;
      total.own += f.own;
      total.upper += f.upper;
      total.points += f.points;
      return f;
    });
    // Ranked by index, so that each row is built once (not copied with its rank, then its points).
    const ranked = rankWithTies(figures.map((f, i) => ({ points: f.points, i })));
    return {
      code: g.code,
      name: g.name,
      rows: ranked.map(({ i, rank }) => {
        const u = members[i];
        const f = figures[i];
        return {
          unitId: u.id,
          unitName: registry.get(u.id)?.shortName || u.name,
          submitted: f.submitted,
          adoptedOwn: formatAmount(f.own * 10),
          adoptedUpper: formatAmount(f.upper * 10),
          adoptedItems: f.items,
          adoptionRate: f.submitted ? Math.round((f.items * 1000) / f.submitted) / 10 : null,
          points: formatAmount(f.points),
          cumulative: formatAmount(f.cumulative),
          noSubmissions: f.submitted === 0,
          noAdoptions: f.own + f.upper === 0,
          rank,
        };
      }),
    };
  });
  return {
    office: { id: row.officeId, name: registry.name(row.officeId) },
    ruleSet: {
      id: row.id,
      name: row.name,
      versionNo: row.versionNo,
      status: row.status,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
    },
    computedAt: computedMs == null ? null : new Date(Math.round(computedMs)).toISOString(),
    range: { from: q.from, to: q.to },
    groups,
    totals: {
      submitted: total.submitted,
      adoptedOwn: formatAmount(total.own * 10),
      adoptedUpper: formatAmount(total.upper * 10),
      points: formatAmount(total.points),
    },
    allUnits: reader.staff.includes(row.officeId) || reader.leader.includes(row.officeId),
  };
}

/** Whether the range is one whole calendar month. */
function isWholeMonth(range: DayRange): boolean {
  const [month] = bucketsWithin('month', range);
  return month?.from === range.from && month.to === range.to;
}

/** The rows of the units' columns. */
function unitRows(c: UnitColumns | null): UnitRow[] {
  if (!c) return [];
  return c.id.map((id, i) => ({
    id,
    parent_id: c.parent_id[i],
    kind: c.kind[i],
    level: c.level[i],
    name: c.name[i],
    short_name: c.short_name[i],
    group_code: c.group_code[i],
    category_code: c.category_code[i],
    active: c.active[i],
    sort_order: c.sort_order[i],
    submitted: c.submitted[i],
    adopted_own: c.adopted_own[i],
    adopted_upper: c.adopted_upper[i],
    adopted_items: c.adopted_items[i],
    points: c.points[i],
    cumulative: c.cumulative[i],
  }));
}

function parseRankingData(extra: unknown): RankingData {
  return (typeof extra === 'string' ? JSON.parse(extra) : extra) as RankingData;
}

/**
 * What a ranking reads besides its rule set, as one JSON value selected with the rule set's row:
 * the staleness check (ledgerStale), the run's time (epoch ms), and the office and its members
 * (REGISTRY_COLUMNS) each with its figures for the range and its 累计, as columns (one JSON array
 * per field: PostgreSQL looks up how to write a field once per array, not once per unit).
 * - `month` (from…to is one calendar month): the month's row of assessment_ledger_months.
 * - `range`: the ledger summed over its (rule set, day) index; 累计 is the running total of the
 *   month holding `to`, less that month's entries after `to`.
 * Quantities are thousandths: counts come back ×1000 and are scaled by the caller (×10 →
 * ten-thousandths).
 */
function rankingData(shape: 'month' | 'range', from: SQL, to: SQL, today: SQL): SQL {
  const ruleSet = sql`${assessmentRuleSets.id}`;
  const office = sql`${assessmentRuleSets.officeId}`;
  const columns = sql.raw(UNIT_FIELDS.map((f) => `'${f}', array_agg(t.${f})`).join(', '));
  const units =
    shape === 'month'
      ? sql`select ${REGISTRY_COLUMNS}, (m.submitted / 1000)::int as submitted, m.adopted_own, m.adopted_upper,
            m.adopted_items, m.points, m.cumulative
          from orgs o
          left join assessment_ledger_months m
            on m.rule_set_id = ${ruleSet} and m.month = ${from}::date and m.unit_id = o.id`
      : sql`select ${REGISTRY_COLUMNS}, r.submitted, r.adopted_own, r.adopted_upper, r.adopted_items, r.points,
            coalesce(m.cumulative, 0) - coalesce(a.after, 0) as cumulative
          from orgs o
          left join (
            select unit_id,
              (coalesce(sum(quantity) filter (where kind = 'submission'), 0) / 1000)::int as submitted,
              coalesce(sum(quantity) filter (where kind = 'adoption' and outlet = 'own'), 0) as adopted_own,
              coalesce(sum(quantity) filter (where kind = 'adoption' and outlet = 'upper'), 0) as adopted_upper,
              count(distinct item_id) filter (where kind = 'adoption')::int as adopted_items,
              coalesce(sum(points), 0) as points
            from assessment_ledger l
            where l.rule_set_id = ${ruleSet} and l."on" between ${from}::date and ${to}::date
            group by unit_id
          ) r on r.unit_id = o.id
          left join assessment_ledger_months m
            on m.rule_set_id = ${ruleSet} and m.month = date_trunc('month', ${to}::timestamp)::date
              and m.unit_id = o.id
          left join (
            select unit_id, sum(points) as after from assessment_ledger l
            where l.rule_set_id = ${ruleSet} and l."on" > ${to}::date
              and l."on" < date_trunc('month', ${to}::timestamp) + interval '1 month'
              and l."on" <= ${sql`${assessmentRuleSets.periodEnd}`}
            group by unit_id
          ) a on a.unit_id = o.id`;
  return sql`json_build_object(
    'stale', ${ledgerStale(office, today)},
    'computedMs', (select (extract(epoch from r.computed_at) * 1000)::float8 from assessment_runs r
      where r.rule_set_id = ${ruleSet}),
    'units', (select json_build_object(${columns}) from (${units}
      where o.id = ${office} or o.parent_id = ${office}) t)
  )`;
}
