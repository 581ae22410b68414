import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  assessmentLedger,
  assessmentLedgerMonths,
  assessmentRuleSets,
  assessmentRuns,
} from '../../db/schema/index.ts';
import { chinaDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import type { DayRange } from './engine/periods.ts';
import { type Rules, rulesSchema } from './engine/rules.ts';
import { type Entry, type ScoredUnit, score } from './engine/score.ts';
import { groupOf } from './engine/validate.ts';
import { loadFacts } from './facts/load-facts.ts';
import { arrayLiteral, Registry, rowsOf } from './facts/registry.ts';
import { storeLedgerMonths } from './ledger-months.ts';

export type RuleSetRow = typeof assessmentRuleSets.$inferSelect;

/** The stored rules, parsed; a row that no longer parses is a 400 rather than a crash. */
export function rulesOf(row: Pick<RuleSetRow, 'rules'>): Rules {
  const parsed = rulesSchema.safeParse(row.rules);
  if (!parsed.success)
    throw badRequest(`考核办法的规则有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  return parsed.data;
}

/** Rules parsed once per process, by rule set id and version: only of rule sets past draft. */
const frozenRules = new Map<string, Rules>();

/**
 * rulesOf, remembered for a rule set that can no longer change (active or superseded: activation
 * freezes it, docs/domain.md §3.1); a draft is parsed every time.
 */
export function cachedRulesOf(row: Pick<RuleSetRow, 'id' | 'version' | 'status' | 'rules'>): Rules {
  if (row.status === 'draft') return rulesOf(row);
  const key = `${row.id}:${row.version}`;
  let rules = frozenRules.get(key);
  if (!rules) {
    rules = rulesOf(row);
    frozenRules.set(key, rules);
  }
  return rules;
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

/**
 * Replaces a rule set's ledger with a fresh computation (in the caller's transaction): the old
 * rows deleted and the new ones written in one set-based insert, each column passed as one array
 * parameter and unnested side by side in the select list (streamed in order, so ids follow the
 * entries' order; the same on PGlite and PostgreSQL); then its sums by month from the same entries
 * (storeLedgerMonths).
 */
export async function storeLedger(
  tx: Db,
  registry: Registry,
  row: RuleSetRow,
  now: Date,
  changesThrough = 0,
) {
  const started = Date.now();
  const { entries, units, period, asOf } = await computeEntries(tx, registry, row, now);
  const groupOfUnit = new Map(units.map((u) => [u.id, u.group]));
  await tx.delete(assessmentLedgerMonths).where(eq(assessmentLedgerMonths.ruleSetId, row.id));
  await tx.delete(assessmentLedger).where(eq(assessmentLedger.ruleSetId, row.id));
  if (entries.length) {
    // Text is quoted and escaped (arrayLiteral); uuids, dates and numbers go in as they are.
    const column = (type: string, value: (e: Entry) => string | number | null) => {
      const values = entries.map(value);
      const literal =
        type === 'text' ? arrayLiteral(values) : `{${values.map((v) => v ?? 'NULL').join(',')}}`;
      return sql`unnest(${literal}::${sql.raw(type)}[])`;
    };
    await tx.execute(
      sql`insert into assessment_ledger
            (rule_set_id, unit_id, group_code, "on", kind, rule_key, fact_id, item_id, outlet, quantity, points, detail)
          select ${row.id}::uuid, ${sql.join(
            [
              column('uuid', (e) => e.unitId),
              column('text', (e) => groupOfUnit.get(e.unitId) ?? ''),
              column('date', (e) => e.on),
              column('text', (e) => e.kind),
              column('text', (e) => e.ruleKey),
              column('text', (e) => e.factId),
              column('uuid', (e) => e.itemId),
              column('text', (e) => e.outlet),
              column('integer', (e) => e.quantity),
              column('bigint', (e) => e.points),
              column('text', (e) => e.detail),
            ],
            sql`, `,
          )}`,
    );
  }
  await storeLedgerMonths(tx, row.id, entries, period);
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
 * Whether an office's ledgers need recomputing (a boolean SQL expression): a change mark of the
 * office, or an active rule set with no run yet or one judged before today (and before the end of
 * its period). `officeId` is a value or a column of the enclosing query.
 */
export function ledgerStale(officeId: string | SQL, today: string | SQL): SQL<boolean> {
  const office = typeof officeId === 'string' ? sql`${officeId}::uuid` : officeId;
  return sql<boolean>`(exists (select 1 from assessment_changes c where c.office_id = ${office})
    or exists (select 1 from assessment_rule_sets s left join assessment_runs r on r.rule_set_id = s.id
      where s.office_id = ${office} and s.status = 'active'
        and (r.rule_set_id is null or (r.as_of < ${today}::date and r.as_of < s.period_end))))`;
}

/**
 * Brings the ledgers of an office's active rule sets up to date: recomputed when facts of the
 * office (or below) changed since, when a rule set has no run yet, when the day moved on (the
 * periodic rules judge up to today), or when forced. Serialised per office by an advisory lock;
 * the change marks it saw are removed, so a change that commits meanwhile stays and triggers the
 * next refresh — a recomputation racing new adoptions never hides them. `stale: true` says the
 * caller has just seen `ledgerStale` true (folded into its own query): the unlocked check is
 * skipped, the one under the lock is not.
 */
export async function refreshOffice(
  db: Db,
  officeId: string,
  now: Date,
  opts: { force?: boolean; stale?: boolean } = {},
): Promise<boolean> {
  const today = chinaDate(now);
  if (!opts.force && !opts.stale) {
    const [state] = await rowsOf<{ stale: boolean }>(
      db,
      sql`select ${ledgerStale(officeId, today)} as stale`,
    );
    if (!state?.stale) return false;
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`xinbao.assessment.${officeId}`}))`);
    // Under the lock, in one query: still stale? and the marks this computation covers.
    const [state] = await rowsOf<{ stale: boolean; marks: string | null }>(
      tx,
      sql`select ${ledgerStale(officeId, today)} as stale,
            (select string_agg(id::text, ',') from assessment_changes where office_id = ${officeId}) as marks`,
    );
    if (!opts.force && !state?.stale) return false;
    const marks = state?.marks ? state.marks.split(',') : [];
    const through = marks.reduce((m, id) => Math.max(m, Number(id)), 0);
    const registry = await Registry.forOffice(tx, officeId);
    const active = await tx
      .select()
      .from(assessmentRuleSets)
      .where(and(eq(assessmentRuleSets.officeId, officeId), eq(assessmentRuleSets.status, 'active')));
    for (const row of active) await storeLedger(tx, registry, row, now, through);
    if (marks.length) {
      await tx.execute(
        sql`delete from assessment_changes where office_id = ${officeId}
            and id = any(${`{${marks.join(',')}}`}::bigint[])`,
      );
    }
    return true;
  });
}
