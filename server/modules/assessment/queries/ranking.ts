import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { badRequest } from '../../../lib/errors.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { readableRuleSet } from '../commands/find-rule-set.ts';
import { formatAmount } from '../engine/decimal.ts';
import { rankWithTies } from '../engine/rank.ts';
import { REGISTRY_COLUMNS, Registry, type RegistryRow } from '../facts/registry.ts';
import { ledgerStale, type RuleSetRow, refreshOffice, rulesOf, scoredUnits } from '../ledger.ts';
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
 * The ranking's one query, by rule set and by office, prepared once per database handle (a
 * named statement on PostgreSQL: parsed and planned once per connection, not on every call).
 */
const rankingStatements = new WeakMap<Db, ReturnType<typeof prepareRanking>>();
function prepareRanking(db: Db) {
  const p = (name: string) => sql`${sql.placeholder(name)}`;
  const fields = { row: assessmentRuleSets, extra: rankingData(p('from'), p('to'), p('today')) };
  const statements = {
    byId: db
      .select(fields)
      .from(assessmentRuleSets)
      .where(eq(assessmentRuleSets.id, p('ruleSetId')))
      .prepare('assessment_ranking_by_id'),
    byOffice: db
      .select(fields)
      .from(assessmentRuleSets)
      .where(activeCovering(p('officeId'), p('from'), p('to')))
      .limit(1)
      .prepare('assessment_ranking_by_office'),
  };
  rankingStatements.set(db, statements);
  return statements;
}

/** A member's sums over the range from the ledger (null when it has no entries). */
type Aggregate = {
  submitted: number | null;
  adopted_own: number | null;
  adopted_upper: number | null;
  adopted_items: number | null;
  points: number | null;
  cumulative: number | null;
};
type RankingData = { stale: boolean; computedMs: number | null; units: (RegistryRow & Aggregate)[] };

/**
 * Rankings per group over a range (docs/domain.md §3.3): read from the ledger, grouped by unit
 * over its (rule set, day) index; 累计 runs from the start of the rule set's period to the end of
 * the range. Ties share a rank (1, 1, 3); units with nothing submitted or adopted are flagged.
 *
 * One round trip when the ledger is current: the rule set, whether the office's ledgers are
 * stale, the office and its members (the registry a ranking needs) with their sums, and the
 * run's time; when stale, the ledgers are refreshed and the same rule set read again.
 */
export async function getRanking(db: Db, actor: Actor, q: RankingQuery, now: Date): Promise<Ranking> {
  const { byId, byOffice } = rankingStatements.get(db) ?? prepareRanking(db);
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
  const { units: rows, computedMs } = parseRankingData(extra);
  const rules = rulesOf(row);
  const registry = Registry.fromRows(rows);
  const units = scoredUnits(registry, row.officeId, rules);
  const byUnit = new Map(rows.map((s) => [s.id, s]));
  const reader = readerOf(actor);
  let total = { submitted: 0, own: 0, upper: 0, points: 0 };
  const groups = rules.groups.map((g) => {
    const rows = units
      .filter((u) => u.group === g.code)
      .map((u) => {
        const s = byUnit.get(u.id);
        const submitted = Number(s?.submitted ?? 0);
        const own = Number(s?.adopted_own ?? 0);
        const upper = Number(s?.adopted_upper ?? 0);
        const items = Number(s?.adopted_items ?? 0);
        const points = Number(s?.points ?? 0);
        total = {
          submitted: total.submitted + submitted,
          own: total.own + own,
          upper: total.upper + upper,
          points: total.points + points,
        };
        return {
          unitId: u.id,
          unitName: registry.get(u.id)?.shortName || u.name,
          submitted,
          adoptedOwn: formatAmount(own * 10),
          adoptedUpper: formatAmount(upper * 10),
          adoptedItems: items,
          adoptionRate: submitted ? Math.round((items * 1000) / submitted) / 10 : null,
          points,
          cumulative: formatAmount(Number(s?.cumulative ?? 0)),
          noSubmissions: submitted === 0,
          noAdoptions: own + upper === 0,
        };
      });
    return {
      code: g.code,
      name: g.name,
      rows: rankWithTies(rows).map((r) => ({ ...r, points: formatAmount(r.points) })),
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

function parseRankingData(extra: unknown): RankingData {
  return (typeof extra === 'string' ? JSON.parse(extra) : extra) as RankingData;
}

/**
 * What a ranking reads besides its rule set, as one JSON value selected with the rule set's row:
 * the staleness check (ledgerStale), the run's time (epoch ms), and the office and its members
 * (REGISTRY_COLUMNS) each with its sums over the ledger of the rule set, over its (rule set, day)
 * index: the figures of the range, and 累计 as the range's points plus a plain sum of the days
 * before it in the period (each row read once, the earlier ones without the range's filters and
 * distinct count).
 * Quantities are thousandths: counts come back ×1000 and are scaled by the caller (×10 →
 * ten-thousandths).
 */
function rankingData(from: SQL, to: SQL, today: SQL): SQL {
  const ruleSet = sql`${assessmentRuleSets.id}`;
  const office = sql`${assessmentRuleSets.officeId}`;
  return sql`json_build_object(
    'stale', ${ledgerStale(office, today)},
    'computedMs', (select (extract(epoch from r.computed_at) * 1000)::float8 from assessment_runs r
      where r.rule_set_id = ${ruleSet}),
    'units', (select coalesce(json_agg(t), '[]'::json) from (
      select ${REGISTRY_COLUMNS}, r.submitted, r.adopted_own, r.adopted_upper, r.adopted_items, r.points,
        coalesce(r.points, 0) + coalesce(c.before, 0) as cumulative
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
      left join (
        select unit_id, sum(points) as before from assessment_ledger l
        where l.rule_set_id = ${ruleSet} and l."on" >= ${sql`${assessmentRuleSets.periodStart}`} and l."on" < ${from}::date
        group by unit_id
      ) c on c.unit_id = o.id
      where o.id = ${office} or o.parent_id = ${office}) t)
  )`;
}
