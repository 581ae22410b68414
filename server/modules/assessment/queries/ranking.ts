import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets, assessmentRuns } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest } from '../../../lib/errors.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { findRuleSet } from '../commands/find-rule-set.ts';
import { formatAmount } from '../engine/decimal.ts';
import { rankWithTies } from '../engine/rank.ts';
import { Registry, rowsOf } from '../facts/registry.ts';
import { type RuleSetRow, refreshOffice, rulesOf, scoredUnits } from '../ledger.ts';
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
  if (q.ruleSetId) {
    const row = await findRuleSet(db, actor, q.ruleSetId);
    if (q.from < row.periodStart || q.to > row.periodEnd) {
      throw badRequest(`所选期间超出了该考核办法的考核期间（${row.periodStart}—${row.periodEnd}）`);
    }
    return row;
  }
  const reader = readerOf(actor);
  const officeId = q.officeId ?? defaultOffice(reader);
  if (!officeId) throw badRequest('您不属于任何办公室或报送单位，没有可查看的考评');
  assertCanRead(reader, officeId);
  const [row] = await db
    .select()
    .from(assessmentRuleSets)
    .where(
      and(
        eq(assessmentRuleSets.officeId, officeId),
        eq(assessmentRuleSets.status, 'active'),
        lte(assessmentRuleSets.periodStart, q.from),
        gte(assessmentRuleSets.periodEnd, q.to),
      ),
    )
    .limit(1);
  if (!row) {
    const [touching] = await db
      .select({ name: assessmentRuleSets.name })
      .from(assessmentRuleSets)
      .where(
        and(
          eq(assessmentRuleSets.officeId, officeId),
          eq(assessmentRuleSets.status, 'active'),
          lte(assessmentRuleSets.periodStart, q.to),
          gte(assessmentRuleSets.periodEnd, q.from),
        ),
      )
      .limit(1);
    throw badRequest(
      touching
        ? '所选期间跨越了两个考核期间，请在一个考核办法的期间内选择'
        : `${q.from}—${q.to} 没有已启用的考核办法，请先制定并启用考核办法`,
    );
  }
  return row;
}

type Aggregate = {
  unit_id: string;
  submitted: number;
  adopted_own: string | number;
  adopted_upper: string | number;
  adopted_items: number;
  points: string | number;
  cumulative: string | number;
};

/**
 * Rankings per group over a range (docs/domain.md §3.3): read from the ledger in one grouped query
 * over its (rule set, day) index; 累计 runs from the start of the rule set's period to the end of
 * the range. Ties share a rank (1, 1, 3); units with nothing submitted or adopted are flagged.
 */
export async function getRanking(db: Db, actor: Actor, q: RankingQuery, now: Date): Promise<Ranking> {
  const row = await ruleSetForRange(db, actor, q);
  if (row.status === 'active') await refreshOffice(db, row.officeId, now);
  const rules = rulesOf(row);
  const registry = await Registry.load(db);
  const units = scoredUnits(registry, row.officeId, rules);
  const sums = await rowsOf<Aggregate>(db, sqlRanking(row.id, q.from, q.to, row.periodStart));
  const byUnit = new Map(sums.map((s) => [s.unit_id, s]));
  const [run] = await db.select().from(assessmentRuns).where(eq(assessmentRuns.ruleSetId, row.id));
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
    computedAt: run?.computedAt.toISOString() ?? null,
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

/** Quantities are thousandths: counts come back ×1000 and are scaled by the caller (×10 → ten-thousandths). */
function sqlRanking(ruleSetId: string, from: string, to: string, periodStart: string) {
  return sql`
    select unit_id,
      (coalesce(sum(quantity) filter (where kind = 'submission' and "on" >= ${from}::date), 0) / 1000)::int as submitted,
      coalesce(sum(quantity) filter (where kind = 'adoption' and outlet = 'own' and "on" >= ${from}::date), 0) as adopted_own,
      coalesce(sum(quantity) filter (where kind = 'adoption' and outlet = 'upper' and "on" >= ${from}::date), 0) as adopted_upper,
      count(distinct item_id) filter (where kind = 'adoption' and "on" >= ${from}::date)::int as adopted_items,
      coalesce(sum(points) filter (where "on" >= ${from}::date), 0) as points,
      coalesce(sum(points), 0) as cumulative
    from assessment_ledger
    where rule_set_id = ${ruleSetId} and "on" between ${periodStart}::date and ${to}::date
    group by unit_id`;
}
