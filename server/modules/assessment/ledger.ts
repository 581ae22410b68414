import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { assessmentLedger, assessmentRuleSets, assessmentRuns } from '../../db/schema/index.ts';
import { chinaDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import type { DayRange } from './engine/periods.ts';
import { type Rules, rulesSchema } from './engine/rules.ts';
import { type Entry, type ScoredUnit, score } from './engine/score.ts';
import { groupOf } from './engine/validate.ts';
import { loadFacts } from './facts/load-facts.ts';
import { Registry, rowsOf } from './facts/registry.ts';

export type RuleSetRow = typeof assessmentRuleSets.$inferSelect;

/** The stored rules, parsed; a row that no longer parses is a 400 rather than a crash. */
export function rulesOf(row: Pick<RuleSetRow, 'rules'>): Rules {
  const parsed = rulesSchema.safeParse(row.rules);
  if (!parsed.success)
    throw badRequest(`考核办法的规则有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  return parsed.data;
}

/** The office's members that a rule set ranks, with their group. */
export function scoredUnits(registry: Registry, officeId: string, rules: Rules): ScoredUnit[] {
  return registry.members(officeId).flatMap((m) => {
    const group = groupOf(rules, m);
    return group ? [{ id: m.id, name: m.name, group }] : [];
  });
}

/** Runs the engine for a rule set (stored or draft) over its period, without storing anything. */
export async function computeEntries(
  db: Db,
  registry: Registry,
  row: Pick<RuleSetRow, 'officeId' | 'rules' | 'periodStart' | 'periodEnd'>,
  now: Date,
  rulesOverride?: Rules,
): Promise<{ entries: Entry[]; units: ScoredUnit[]; period: DayRange; asOf: string }> {
  const rules = rulesOverride ?? rulesOf(row);
  const period = { from: row.periodStart, to: row.periodEnd };
  const asOf = chinaDate(now);
  const units = scoredUnits(registry, row.officeId, rules);
  const facts = await loadFacts(db, registry, row.officeId, period, now);
  return { entries: score({ rules, period, asOf, units, facts }), units, period, asOf };
}

const CHUNK = 1000;

/** Replaces a rule set's ledger with a fresh computation (in the caller's transaction). */
export async function storeLedger(
  tx: Db,
  registry: Registry,
  row: RuleSetRow,
  now: Date,
  changesThrough = 0,
) {
  const started = Date.now();
  const { entries, units, asOf } = await computeEntries(tx, registry, row, now);
  const groupOfUnit = new Map(units.map((u) => [u.id, u.group]));
  await tx.delete(assessmentLedger).where(eq(assessmentLedger.ruleSetId, row.id));
  for (let i = 0; i < entries.length; i += CHUNK) {
    await tx.insert(assessmentLedger).values(
      entries.slice(i, i + CHUNK).map((e) => ({
        ruleSetId: row.id,
        unitId: e.unitId,
        groupCode: groupOfUnit.get(e.unitId) ?? '',
        on: e.on,
        kind: e.kind,
        ruleKey: e.ruleKey,
        factId: e.factId,
        itemId: e.itemId,
        outlet: e.outlet,
        quantity: e.quantity,
        points: e.points,
        detail: e.detail,
      })),
    );
  }
  const run = {
    computedAt: now,
    asOf,
    changesThrough,
    entries: entries.length,
    points: entries.reduce((s, e) => s + e.points, 0),
    durationMs: Date.now() - started,
  };
  await tx
    .insert(assessmentRuns)
    .values({ ruleSetId: row.id, ...run })
    .onConflictDoUpdate({ target: assessmentRuns.ruleSetId, set: run });
}

/**
 * Brings the ledgers of an office's active rule sets up to date: recomputed when facts of the
 * office (or below) changed since, when a rule set has no run yet, when the day moved on (the
 * periodic rules judge up to today), or when forced. Serialised per office by an advisory lock;
 * the change marks it saw are removed, so a change that commits meanwhile stays and triggers the
 * next refresh — a recomputation racing new adoptions never hides them.
 */
export async function refreshOffice(
  db: Db,
  officeId: string,
  now: Date,
  opts: { force?: boolean } = {},
): Promise<boolean> {
  const today = chinaDate(now);
  const needed = async (tx: Db) => {
    const [state] = await rowsOf<{ marks: number; missing: number }>(
      tx,
      sql`select
            (select count(*)::int from (select 1 from assessment_changes where office_id = ${officeId} limit 1) m) as marks,
            (select count(*)::int from assessment_rule_sets s left join assessment_runs r on r.rule_set_id = s.id
              where s.office_id = ${officeId} and s.status = 'active'
                and (r.rule_set_id is null or (r.as_of < ${today}::date and r.as_of < s.period_end))) as missing`,
    );
    return Number(state?.marks ?? 0) > 0 || Number(state?.missing ?? 0) > 0;
  };
  if (!opts.force && !(await needed(db))) return false;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`xinbao.assessment.${officeId}`}))`);
    if (!opts.force && !(await needed(tx))) return false;
    const marks = await rowsOf<{ id: string | number }>(
      tx,
      sql`select id from assessment_changes where office_id = ${officeId}`,
    );
    const through = marks.reduce((m, r) => Math.max(m, Number(r.id)), 0);
    const registry = await Registry.load(tx);
    const active = await tx
      .select()
      .from(assessmentRuleSets)
      .where(and(eq(assessmentRuleSets.officeId, officeId), eq(assessmentRuleSets.status, 'active')));
    for (const row of active) await storeLedger(tx, registry, row, now, through);
    if (marks.length) {
      await tx.execute(
        sql`delete from assessment_changes where office_id = ${officeId}
            and id = any(${`{${marks.map((m) => m.id).join(',')}}`}::bigint[])`,
      );
    }
    return true;
  });
}
