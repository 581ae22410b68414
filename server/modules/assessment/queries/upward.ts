import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets, publications } from '../../../db/schema/index.ts';
import type { DayRange } from '../engine/periods.ts';
import { rankWithTies } from '../engine/rank.ts';
import { type Registry, rowsOf } from '../facts/registry.ts';
import { refreshOffice, rulesOf, scoredUnits } from '../ledger.ts';

/** One outlet's adoptions of a unit's items in a ledger: a publication, or the website. */
export type OutletTally = {
  /** The publication's id, or 'website'. */
  key: string;
  name: string;
  /** The office that owns the outlet. */
  officeId: string | null;
  outlet: 'own' | 'upper';
  /** Adoptions, a 合报 counted by its share (thousandths). */
  quantity: number;
  /** Scaled points (decimal.ts). */
  points: number;
};

/**
 * A ledger's adoptions per outlet over a range, optionally for one unit; the outlet is the second
 * half of the adoption fact's id (`itemId:publicationId`, facts.ts). Nearest office first (吕梁's
 * publications before the province's), then each office's own order.
 */
export async function outletTallies(
  db: Db,
  registry: Registry,
  ruleSetId: string,
  officeId: string,
  range: DayRange,
  unitId?: string,
): Promise<OutletTally[]> {
  const rows = await rowsOf<{
    key: string;
    outlet: 'own' | 'upper';
    quantity: string | number;
    points: string | number;
  }>(
    db,
    sql`select split_part(fact_id, ':', 2) as key, outlet,
          sum(quantity) as quantity, sum(points) as points
        from assessment_ledger
        where rule_set_id = ${ruleSetId} and kind = 'adoption'
          and "on" between ${range.from}::date and ${range.to}::date
          ${unitId ? sql`and unit_id = ${unitId}::uuid` : sql``}
        group by 1, 2`,
  );
  const ids = rows.map((r) => r.key).filter((k) => k !== 'website');
  const pubs = ids.length
    ? await db
        .select({
          id: publications.id,
          name: publications.name,
          officeId: publications.officeId,
          sortOrder: publications.sortOrder,
        })
        .from(publications)
        .where(inArray(publications.id, ids))
    : [];
  const byId = new Map(pubs.map((p) => [p.id, p]));
  const order = [officeId, ...registry.ancestors(officeId)];
  const place = (t: OutletTally) => {
    const i = t.officeId ? order.indexOf(t.officeId) : 0;
    return i < 0 ? order.length : i;
  };
  return rows
    .map((r) => {
      const p = byId.get(r.key);
      return {
        key: r.key,
        name: r.key === 'website' ? '门户网站' : p ? `《${p.name}》` : '（已删除的刊物）',
        officeId: r.key === 'website' ? officeId : (p?.officeId ?? null),
        outlet: r.outlet,
        quantity: Number(r.quantity),
        points: Number(r.points),
        sort: p?.sortOrder ?? 0,
      };
    })
    .sort((a, b) => place(a) - place(b) || a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'))
    .map(({ sort: _sort, ...t }) => t);
}

export type UpwardStanding = {
  parentId: string;
  parentName: string;
  ruleSet: { id: string; name: string; versionNo: number };
  outlets: OutletTally[];
  /** Scaled points of the office at its parent over the range. */
  points: number;
  /** Rank among the parent's members in the office's group; null when the office is not ranked there. */
  rank: number | null;
  peers: number;
};

/**
 * How an office fares at the office above it over a range, read from the parent's active rule
 * set's ledger (docs/domain.md §3.3): adoptions and points per upper outlet and its rank among
 * the parent's members of its group. Null when there is no parent or no active rule set there
 * covering the range.
 */
export async function upwardStanding(
  db: Db,
  registry: Registry,
  officeId: string,
  range: DayRange,
  now: Date,
): Promise<UpwardStanding | null> {
  const parentId = registry.get(officeId)?.parentId ?? null;
  if (!parentId) return null;
  const [ruleSet] = await db
    .select()
    .from(assessmentRuleSets)
    .where(
      and(
        eq(assessmentRuleSets.officeId, parentId),
        eq(assessmentRuleSets.status, 'active'),
        lte(assessmentRuleSets.periodStart, range.from),
        gte(assessmentRuleSets.periodEnd, range.to),
      ),
    )
    .limit(1);
  if (!ruleSet) return null;
  await refreshOffice(db, parentId, now);
  const outlets = await outletTallies(db, registry, ruleSet.id, parentId, range, officeId);
  const totals = await rowsOf<{ unit_id: string; points: string | number }>(
    db,
    sql`select unit_id, coalesce(sum(points), 0) as points from assessment_ledger
        where rule_set_id = ${ruleSet.id} and "on" between ${range.from}::date and ${range.to}::date
        group by unit_id`,
  );
  const pointsOf = new Map(totals.map((t) => [t.unit_id, Number(t.points)]));
  const units = scoredUnits(registry, parentId, rulesOf(ruleSet));
  const me = units.find((u) => u.id === officeId);
  const peers = me ? units.filter((u) => u.group === me.group) : [];
  const ranked = rankWithTies(peers.map((u) => ({ id: u.id, points: pointsOf.get(u.id) ?? 0 })));
  return {
    parentId,
    parentName: registry.name(parentId),
    ruleSet: { id: ruleSet.id, name: ruleSet.name, versionNo: ruleSet.versionNo },
    outlets,
    points: pointsOf.get(officeId) ?? 0,
    rank: ranked.find((r) => r.id === officeId)?.rank ?? null,
    peers: peers.length,
  };
}
