import type { Db } from '../../../db/client.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';

/** Every 考评 Excel export leaves the same trace: whose rule set, what was exported, how many rows. */
export async function auditExport(
  db: Db,
  audit: AuditContext,
  exported: { ruleSetId: string; label: string; rows: number },
): Promise<void> {
  await recordAudit(db, audit, {
    action: 'assessment.exported',
    targetType: 'assessment_rule_set',
    targetId: exported.ruleSetId,
    targetLabel: exported.label,
    diff: { rows: exported.rows },
  });
}
