import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { conflict } from '../../../lib/errors.ts';
import { assertStaff, readerOf } from '../access.ts';
import { refreshOffice } from '../ledger.ts';
import { ruleSetLabel } from '../present.ts';
import { findRuleSet } from './find-rule-set.ts';

/** 重新计算: the 信息科 recomputes the office's active ledgers now (it is also refreshed on its own when facts change). */
export async function recomputeRuleSet(db: Db, actor: Actor, id: string, audit: AuditContext, clock: Clock) {
  const row = await findRuleSet(db, actor, id);
  assertStaff(readerOf(actor), row.officeId);
  if (row.status !== 'active') throw conflict('只有已启用的考核办法才计算得分；草稿请用“模拟测算”');
  await refreshOffice(db, row.officeId, clock.now(), { force: true });
  await recordAudit(db, audit, {
    action: 'assessment.recomputed',
    targetType: 'assessment_rule_set',
    targetId: row.id,
    targetLabel: ruleSetLabel(row),
  });
  return row;
}
