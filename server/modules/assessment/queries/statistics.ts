import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuns } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest, forbidden } from '../../../lib/errors.ts';
import { readerOf } from '../access.ts';
import { formatAmount } from '../engine/decimal.ts';
import { rankWithTies } from '../engine/rank.ts';
import { Registry, rowsOf } from '../facts/registry.ts';
import { refreshOffice, rulesOf, scoredUnits } from '../ledger.ts';
import type { Statistics, StatisticsQuery } from '../schemas.ts';
import { ruleSetForRange } from './ranking.ts';
import { outletTallies, upwardStanding } from './upward.ts';

type Cell = {
  unit_id: string;
  month: string;
  submitted: string | number;
  adopted_own: string | number;
  adopted_upper: string | number;
  points: string | number;
};

/** Thousandths (ledger quantities) as a count: 合报 shares give halves and thirds, one decimal kept. */
const count = (thousandths: number) => Math.round(thousandths / 100) / 10;
const rate = (items: number, submitted: number) =>
  submitted > 0 ? Math.round((items * 1000) / submitted) / 10 : null;

/** The months a range touches: 2026-01 … 2026-12. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * 统计分析 (docs/screens.md): an office's figures over a range, read from the same score ledger as
 * the rankings (docs/domain.md §3.3) in two grouped queries over its (rule set, day) index —
 * submissions and adoptions by month, per unit and per group, coverage (units that never
 * reported), adoptions per outlet, the office's own standing at the office above; with `unitId`
 * (a unit's own view by default for its 信息员 and 签发人) the unit's trend and rank per month.
 */
export async function getStatistics(
  db: Db,
  actor: Actor,
  q: StatisticsQuery,
  now: Date,
): Promise<Statistics> {
  const row = await ruleSetForRange(db, actor, q);
  const officeId = row.officeId;
  const reader = readerOf(actor);
  const allUnits = reader.staff.includes(officeId) || reader.leader.includes(officeId);
  const ownUnits = reader.member.get(officeId) ?? [];
  const unitId = q.unitId ?? (allUnits ? undefined : ownUnits[0]);
  if (unitId && !allUnits && !ownUnits.includes(unitId)) throw forbidden('只能查看本单位的统计');
  if (row.status === 'active') await refreshOffice(db, officeId, now);

  const rules = rulesOf(row);
  const registry = await Registry.forOffice(db, officeId, { scope: 'members', peers: true });
  const units = scoredUnits(registry, officeId, rules);
  if (unitId && !units.some((u) => u.id === unitId)) throw badRequest('该单位不在本考核办法的考核范围内');
  const range = { from: q.from, to: q.to };
  const cells = await rowsOf<Cell>(
    db,
    sql`select unit_id, to_char("on", 'YYYY-MM') as month,
          coalesce(sum(quantity) filter (where kind = 'submission'), 0) as submitted,
          coalesce(sum(quantity) filter (where kind = 'adoption' and outlet = 'own'), 0) as adopted_own,
          coalesce(sum(quantity) filter (where kind = 'adoption' and outlet = 'upper'), 0) as adopted_upper,
          coalesce(sum(points), 0) as points
        from assessment_ledger
        where rule_set_id = ${row.id} and "on" between ${q.from}::date and ${q.to}::date
        group by unit_id, 2`,
  );
  const itemRows = await rowsOf<{ unit_id: string; items: number }>(
    db,
    sql`select unit_id, count(distinct item_id)::int as items
        from assessment_ledger
        where rule_set_id = ${row.id} and kind = 'adoption'
          and "on" between ${q.from}::date and ${q.to}::date
        group by unit_id`,
  );
  const itemsOf = new Map(itemRows.map((r) => [r.unit_id, Number(r.items)]));
  const months = monthsOf(q.from, q.to);
  const groupName = new Map(rules.groups.map((g) => [g.code, g.name]));

  type Sum = { submitted: number; own: number; upper: number; points: number };
  const zero = (): Sum => ({ submitted: 0, own: 0, upper: 0, points: 0 });
  const add = (s: Sum, c: Cell) => {
    s.submitted += Number(c.submitted);
    s.own += Number(c.adopted_own);
    s.upper += Number(c.adopted_upper);
    s.points += Number(c.points);
  };
  const scored = new Set(units.map((u) => u.id));
  const perUnit = new Map(units.map((u) => [u.id, zero()]));
  const perMonth = new Map(months.map((m) => [m, zero()]));
  const perUnitMonth = new Map<string, Sum>();
  for (const c of cells) {
    if (!scored.has(c.unit_id)) continue;
    add(perUnit.get(c.unit_id) as Sum, c);
    const m = perMonth.get(c.month);
    if (m) add(m, c);
    const key = `${c.unit_id}|${c.month}`;
    const um = perUnitMonth.get(key) ?? zero();
    add(um, c);
    perUnitMonth.set(key, um);
  }

  const nameOf = (id: string) => registry.get(id)?.shortName || registry.name(id);
  const ranked = rules.groups.flatMap((g) =>
    rankWithTies(
      units
        .filter((u) => u.group === g.code)
        .map((u) => ({ unit: u, points: (perUnit.get(u.id) as Sum).points })),
    ),
  );
  const unitRows = ranked.map(({ unit, rank }) => {
    const s = perUnit.get(unit.id) as Sum;
    const items = itemsOf.get(unit.id) ?? 0;
    return {
      unitId: unit.id,
      unitName: nameOf(unit.id),
      groupCode: unit.group,
      groupName: groupName.get(unit.group) ?? unit.group,
      rank,
      submitted: count(s.submitted),
      adoptedOwn: count(s.own),
      adoptedUpper: count(s.upper),
      adoptedItems: items,
      adoptionRate: rate(items, count(s.submitted)),
      points: formatAmount(s.points),
    };
  });

  const groups = rules.groups.map((g) => {
    const rows = unitRows.filter((r) => r.groupCode === g.code);
    const submitted = rows.reduce((t, r) => t + r.submitted, 0);
    const items = rows.reduce((t, r) => t + r.adoptedItems, 0);
    return {
      code: g.code,
      name: g.name,
      members: rows.length,
      reported: rows.filter((r) => r.submitted > 0).length,
      submitted: Math.round(submitted * 10) / 10,
      adoptedItems: items,
      adoptionRate: rate(items, submitted),
      points: formatAmount(rows.reduce((t, r) => t + (perUnit.get(r.unitId) as Sum).points, 0)),
    };
  });

  const all = [...perUnit.values()].reduce(
    (t, s) => ({
      submitted: t.submitted + s.submitted,
      own: t.own + s.own,
      upper: t.upper + s.upper,
      points: t.points + s.points,
    }),
    zero(),
  );
  const adoptedItems = unitRows.reduce((t, r) => t + r.adoptedItems, 0);
  const outlets = await outletTallies(db, registry, row.id, officeId, range, unitId);
  const [run] = await db.select().from(assessmentRuns).where(eq(assessmentRuns.ruleSetId, row.id));

  let unit: Statistics['unit'] = null;
  if (unitId) {
    const me = unitRows.find((r) => r.unitId === unitId);
    const peers = units.filter((u) => u.group === me?.groupCode);
    unit = {
      unitId,
      unitName: nameOf(unitId),
      groupName: me?.groupName ?? '',
      rank: me?.rank ?? null,
      peers: peers.length,
      months: months.map((month) => {
        const ranks = rankWithTies(
          peers.map((u) => ({ id: u.id, points: perUnitMonth.get(`${u.id}|${month}`)?.points ?? 0 })),
        );
        const s = perUnitMonth.get(`${unitId}|${month}`) ?? zero();
        return {
          month,
          submitted: count(s.submitted),
          adopted: count(s.own + s.upper),
          points: formatAmount(s.points),
          rank: ranks.find((r) => r.id === unitId)?.rank ?? null,
        };
      }),
    };
  }

  const upward = unitId ? null : await upwardStanding(db, registry, officeId, range, now);
  return {
    office: { id: officeId, name: registry.name(officeId) },
    ruleSet: { id: row.id, name: row.name, versionNo: row.versionNo, status: row.status },
    computedAt: run?.computedAt.toISOString() ?? null,
    range,
    allUnits,
    totals: {
      members: units.length,
      reported: unitRows.filter((r) => r.submitted > 0).length,
      submitted: count(all.submitted),
      adoptedOwn: count(all.own),
      adoptedUpper: count(all.upper),
      adoptedItems,
      adoptionRate: rate(adoptedItems, count(all.submitted)),
      points: formatAmount(all.points),
    },
    months: months.map((month) => {
      const s = perMonth.get(month) ?? zero();
      return {
        month,
        submitted: count(s.submitted),
        adoptedOwn: count(s.own),
        adoptedUpper: count(s.upper),
        points: formatAmount(s.points),
      };
    }),
    groups,
    units: unitRows,
    silent: unitRows
      .filter((r) => r.submitted === 0)
      .map((r) => ({ unitId: r.unitId, unitName: r.unitName, groupName: r.groupName })),
    outlets: outlets.map((o) => ({
      key: o.key,
      name: o.name,
      outlet: o.outlet,
      adoptions: count(o.quantity),
      points: formatAmount(o.points),
    })),
    upward: upward && {
      officeName: upward.parentName,
      ruleSetName: upward.ruleSet.name,
      versionNo: upward.ruleSet.versionNo,
      adoptions: count(upward.outlets.reduce((t, o) => t + o.quantity, 0)),
      points: formatAmount(upward.points),
      rank: upward.rank,
      peers: upward.peers,
      outlets: upward.outlets.map((o) => ({
        name: o.name,
        adoptions: count(o.quantity),
        points: formatAmount(o.points),
      })),
    },
    unit,
  };
}
