import { and, eq, gte, lte, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { assertStaff, readerOf } from '../access.ts';
import { Registry } from '../facts/registry.ts';
import { storeLedger } from '../ledger.ts';
import { ruleSetLabel } from '../present.ts';
import { checkRules } from '../rule-context.ts';
import { assertDraft, assertRuleSetVersion, findRuleSet } from './find-rule-set.ts';

/**
 * Activates the latest draft version: its rules must have no problem left, its period must not
 * overlap another active 考核办法 of the office; the version it replaces is superseded (kept, with
 * its ledger, for the figures it produced), and the ledger is computed in the same transaction.
 */
export function activateRuleSet(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findRuleSet(tx, actor, id, true);
    assertStaff(readerOf(actor), row.officeId);
    assertDraft(row, '再次启用');
    assertRuleSetVersion(row, version);
    const series = await tx
      .select()
      .from(assessmentRuleSets)
      .where(eq(assessmentRuleSets.seriesId, row.seriesId))
      .for('update');
    if (series.some((r) => r.versionNo > row.versionNo)) throw conflict('只能启用该考核办法的最新版本');
    const now = clock.now();
    const registry = await Registry.forOffice(tx, row.officeId);
    const checked = await checkRules(
      tx,
      registry,
      row.officeId,
      row.rules,
      { from: row.periodStart, to: row.periodEnd },
      now,
    );
    if (checked.problems.length) {
      throw badRequest(`考核办法还有 ${checked.problems.length} 处问题，不能启用：${checked.problems[0]}`, {
        problems: checked.problems,
      });
    }
    const overlapping = await tx
      .select()
      .from(assessmentRuleSets)
      .where(
        and(
          eq(assessmentRuleSets.officeId, row.officeId),
          eq(assessmentRuleSets.status, 'active'),
          ne(assessmentRuleSets.seriesId, row.seriesId),
          lte(assessmentRuleSets.periodStart, row.periodEnd),
          gte(assessmentRuleSets.periodEnd, row.periodStart),
        ),
      );
    if (overlapping[0]) {
      throw conflict(
        `考核期间与已启用的《${overlapping[0].name}》（${overlapping[0].periodStart}—${overlapping[0].periodEnd}）重叠，请先调整期间`,
      );
    }
    const previous = series.find((r) => r.status === 'active');
    if (previous) {
      await tx
        .update(assessmentRuleSets)
        .set({ status: 'superseded', supersededAt: now })
        .where(eq(assessmentRuleSets.id, previous.id));
    }
    const [active] = await tx
      .update(assessmentRuleSets)
      .set({
        status: 'active',
        activatedAt: now,
        activatedByName: actor.displayName,
        version: row.version + 1,
      })
      .where(eq(assessmentRuleSets.id, row.id))
      .returning();
    if (!active) throw new Error('update failed');
    await storeLedger(tx, registry, active, now);
    await recordAudit(tx, audit, {
      action: 'assessment.rule_set_activated',
      targetType: 'assessment_rule_set',
      targetId: row.id,
      targetLabel: ruleSetLabel(row),
      diff: { supersedes: previous ? ruleSetLabel(previous) : null },
    });
    return active;
  });
}
