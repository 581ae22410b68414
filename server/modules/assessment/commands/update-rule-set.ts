import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { assertStaff, readerOf } from '../access.ts';
import { ruleSetLabel } from '../present.ts';
import type { UpdateRuleSetInput } from '../schemas.ts';
import { parseRulesForDraft } from './create-rule-set.ts';
import { assertDraft, assertRuleSetVersion, findRuleSet } from './find-rule-set.ts';

/** Saves a draft version; an activated version is never edited (a change is a new version). */
export function updateRuleSet(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateRuleSetInput,
  audit: AuditContext,
) {
  return db.transaction(async (tx) => {
    const row = await findRuleSet(tx, actor, id, true);
    assertStaff(readerOf(actor), row.officeId);
    assertDraft(row, '修改');
    assertRuleSetVersion(row, input.version);
    const rules = parseRulesForDraft(input.rules);
    const [saved] = await tx
      .update(assessmentRuleSets)
      .set({
        name: input.name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        rules,
        note: input.note,
        version: sql`${assessmentRuleSets.version} + 1`,
      })
      .where(eq(assessmentRuleSets.id, row.id))
      .returning();
    if (!saved) throw new Error('update failed');
    await recordAudit(tx, audit, {
      action: 'assessment.rule_set_updated',
      targetType: 'assessment_rule_set',
      targetId: row.id,
      targetLabel: ruleSetLabel(saved),
      diff: {
        before: { name: row.name, period: `${row.periodStart}—${row.periodEnd}`, rules: row.rules },
        after: { name: saved.name, period: `${saved.periodStart}—${saved.periodEnd}`, rules },
      },
    });
    return saved;
  });
}
