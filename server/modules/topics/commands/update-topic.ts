import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { allows } from '../policy.ts';
import { topicLabel } from '../present.ts';
import type { UpdateTopicInput } from '../schemas.ts';
import { assertStaff, findTopic } from '../scope.ts';
import { assertVersion, updateTopic } from './shared.ts';

/**
 * Edits a draft or a published topic (the whole text, at the version read); a withdrawn one is
 * read-only. Saving what is already there writes nothing. Scope 404 → office 403 → status 409 →
 * version 409.
 */
export function editTopic(db: Db, actor: Actor, id: string, input: UpdateTopicInput, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const row = await findTopic(tx, actor, id, true);
    assertStaff(actor, row);
    if (!allows(row.status, 'edit')) throw conflict('该报送要点已撤回，不能再修改');
    assertVersion(row, input.version);
    const values = {
      title: input.title,
      description: input.description,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      sortOrder: input.sortOrder,
    };
    const diff = diffRecords(row, values);
    if (Object.keys(diff).length === 0) return row;
    const updated = await updateTopic(tx, row, input.version, values);
    await recordAudit(tx, audit, {
      action: 'topic.updated',
      targetType: 'topic',
      targetId: row.id,
      targetLabel: topicLabel(updated),
      diff: { ...diff, status: row.status },
    });
    return updated;
  });
}
