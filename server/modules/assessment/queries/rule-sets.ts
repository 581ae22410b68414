import { and, desc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets, assessmentRuns, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { findRuleSet } from '../commands/find-rule-set.ts';
import { Registry } from '../facts/registry.ts';
import { presentRuleSet } from '../present.ts';
import { checkRules } from '../rule-context.ts';
import type { RuleSetDetail } from '../schemas.ts';

async function summaries(db: Db, where: ReturnType<typeof and>) {
  const rows = await db
    .select({ row: assessmentRuleSets, officeName: orgs.name, computedAt: assessmentRuns.computedAt })
    .from(assessmentRuleSets)
    .innerJoin(orgs, eq(orgs.id, assessmentRuleSets.officeId))
    .leftJoin(assessmentRuns, eq(assessmentRuns.ruleSetId, assessmentRuleSets.id))
    .where(where)
    .orderBy(
      desc(assessmentRuleSets.periodStart),
      assessmentRuleSets.seriesId,
      desc(assessmentRuleSets.versionNo),
    );
  return rows.map((r) => presentRuleSet(r.row, r.officeName, r.computedAt));
}

/** An office's 考核办法, every version, newest period first. */
export async function listRuleSets(db: Db, actor: Actor, officeId?: string) {
  const reader = readerOf(actor);
  const office = officeId ?? defaultOffice(reader);
  if (!office) return [];
  assertCanRead(reader, office);
  return summaries(db, and(eq(assessmentRuleSets.officeId, office)));
}

/** One version with its rules, their Chinese explanation, its problems and the other versions. */
export async function getRuleSet(db: Db, actor: Actor, id: string, now: Date): Promise<RuleSetDetail> {
  const row = await findRuleSet(db, actor, id);
  const reader = readerOf(actor);
  const staff = reader.staff.includes(row.officeId);
  const registry = await Registry.forOffice(db, row.officeId, { scope: 'members' });
  const checked = await checkRules(
    db,
    registry,
    row.officeId,
    row.rules,
    { from: row.periodStart, to: row.periodEnd },
    now,
  );
  const versions = await summaries(db, and(inArray(assessmentRuleSets.seriesId, [row.seriesId])));
  const me = versions.find((v) => v.id === row.id);
  if (!me) throw new Error('rule set vanished');
  const latest = Math.max(...versions.map((v) => v.versionNo));
  // Activation refuses a period overlapping another active 考核办法 of the office: say so before.
  const overlapping =
    row.status === 'draft'
      ? await db
          .select({
            name: assessmentRuleSets.name,
            from: assessmentRuleSets.periodStart,
            to: assessmentRuleSets.periodEnd,
          })
          .from(assessmentRuleSets)
          .where(
            and(
              eq(assessmentRuleSets.officeId, row.officeId),
              eq(assessmentRuleSets.status, 'active'),
              ne(assessmentRuleSets.seriesId, row.seriesId),
              lte(assessmentRuleSets.periodStart, row.periodEnd),
              gte(assessmentRuleSets.periodEnd, row.periodStart),
            ),
          )
      : [];
  const problems = [
    ...(row.status === 'draft' ? checked.problems : []),
    ...overlapping.map((o) => `考核期间与已启用的《${o.name}》（${o.from}—${o.to}）重叠，请调整期间`),
  ];
  const hasDraft = versions.some((v) => v.status === 'draft');
  return {
    ...me,
    rules: row.rules,
    explanation: checked.explanation,
    // Problems of the date only matter to a draft; an active one was checked when activated.
    problems,
    versions,
    canEdit: staff && row.status === 'draft',
    canActivate: staff && row.status === 'draft' && row.versionNo === latest && problems.length === 0,
    canNewVersion: staff && row.status !== 'draft' && !hasDraft,
  };
}
