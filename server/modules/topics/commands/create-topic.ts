import type { Db } from '../../../db/client.ts';
import { topics } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { forbidden } from '../../../lib/errors.ts';
import { staffOfficeIds } from '../../circulation/index.ts';
import { periodLabel } from '../periods.ts';
import { topicLabel } from '../present.ts';
import type { CreateTopicInput } from '../schemas.ts';

/**
 * The office's 信息科 sets a 报送要点 for a period, as a draft: units see it once it is published.
 * Without `officeId`, it is the caller's first office.
 */
export function createTopic(
  db: Db,
  actor: Actor,
  input: CreateTopicInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const offices = staffOfficeIds(actor);
    const officeId = input.officeId ?? offices[0];
    if (!officeId || !offices.includes(officeId)) throw forbidden('只能为本办公室设置报送要点');
    const [row] = await tx
      .insert(topics)
      .values({
        officeId,
        title: input.title,
        description: input.description,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        sortOrder: input.sortOrder,
        status: 'draft',
        createdByName: actor.displayName,
        createdAt: clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert failed');
    await recordAudit(tx, audit, {
      action: 'topic.created',
      targetType: 'topic',
      targetId: row.id,
      targetLabel: topicLabel(row),
      diff: {
        title: row.title,
        description: row.description,
        period: periodLabel(row.periodStart, row.periodEnd),
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        sortOrder: row.sortOrder,
      },
    });
    return row;
  });
}
