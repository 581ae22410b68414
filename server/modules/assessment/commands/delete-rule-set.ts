import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { assertStaff, readerOf } from '../access.ts';
import { ruleSetLabel } from '../present.ts';
import { assertDraft, assertRuleSetVersion, findRuleSet } from './find-rule-set.ts';

/** Only a draft that was never activated may be deleted. */
export function deleteRuleSet(db: Db, actor: Actor, id: string, version: number, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const row = await findRuleSet(tx, actor, id, true);
    assertStaff(readerOf(actor), row.officeId);
    assertDraft(row, '删除');
    assertRuleSetVersion(row, version);
    await tx.delete(assessmentRuleSets).where(eq(assessmentRuleSets.id, row.id));
    await recordAudit(tx, audit, {
      action: 'assessment.rule_set_deleted',
      targetType: 'assessment_rule_set',
      targetId: row.id,
      targetLabel: ruleSetLabel(row),
    });
  });
}
