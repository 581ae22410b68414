import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { conflict } from '../../../lib/errors.ts';
import { topicLabel } from '../present.ts';
import type { WithdrawInput } from '../schemas.ts';
import { assertStaff, findTopic } from '../scope.ts';
import { assertVersion, updateTopic } from './shared.ts';

/**
 * 撤回 with a reason: the topic leaves the units' lists and the item form; items already tagged
 * keep their tag and stay counted. A draft may be withdrawn too (discarded). Read-only after.
 */
export function withdrawTopic(
  db: Db,
  actor: Actor,
  id: string,
  input: WithdrawInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findTopic(tx, actor, id, true);
    assertStaff(actor, row);
    if (row.status === 'withdrawn') throw conflict('该报送要点已撤回');
    assertVersion(row, input.version);
    const updated = await updateTopic(tx, row, input.version, { status: 'withdrawn' });
    await recordAudit(tx, audit, {
      action: 'topic.withdrawn',
      targetType: 'topic',
      targetId: row.id,
      targetLabel: topicLabel(row),
      diff: {
        status: [row.status, 'withdrawn'],
        reason: input.reason,
        byName: actor.displayName,
        at: clock.now().toISOString(),
      },
    });
    return updated;
  });
}
