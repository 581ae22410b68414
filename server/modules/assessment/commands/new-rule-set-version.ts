import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { conflict } from '../../../lib/errors.ts';
import { assertStaff, readerOf } from '../access.ts';
import { ruleSetLabel } from '../present.ts';
import { findRuleSet } from './find-rule-set.ts';

/** A change to an active (or old) version: a new draft version copied from it. One draft per series at a time. */
export function newRuleSetVersion(db: Db, actor: Actor, id: string, audit: AuditContext, clock: Clock) {
  return db.transaction(async (tx) => {
    const from = await findRuleSet(tx, actor, id);
    assertStaff(readerOf(actor), from.officeId);
    // Lock the series' versions so two editors cannot both take the next number.
    const series = await tx
      .select()
      .from(assessmentRuleSets)
      .where(eq(assessmentRuleSets.seriesId, from.seriesId))
      .for('update');
    const draft = series.find((r) => r.status === 'draft');
    if (draft) throw conflict(`该考核办法已有未启用的草稿（第${draft.versionNo}版），请先修改或删除它`);
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(assessmentRuleSets.versionNo) })
      .from(assessmentRuleSets)
      .where(and(eq(assessmentRuleSets.seriesId, from.seriesId)));
    const [row] = await tx
      .insert(assessmentRuleSets)
      .values({
        seriesId: from.seriesId,
        versionNo: (top ?? 0) + 1,
        officeId: from.officeId,
        name: from.name,
        periodStart: from.periodStart,
        periodEnd: from.periodEnd,
        status: 'draft',
        rules: from.rules,
        note: from.note,
        createdById: actor.userId,
        createdByName: actor.displayName,
        createdAt: clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert failed');
    await recordAudit(tx, audit, {
      action: 'assessment.rule_set_versioned',
      targetType: 'assessment_rule_set',
      targetId: row.id,
      targetLabel: ruleSetLabel(row),
      diff: { basedOn: ruleSetLabel(from) },
    });
    return row;
  });
}
