import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import type { ItemRow } from '../repository.ts';
import { applyTransition, type TransitionInput } from './apply-transition.ts';

/** 拟采用: the office takes the item for one of its own publications, named now. */
export function acceptItem(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  input: TransitionInput & { targetPublicationId?: string },
): Promise<ItemRow> {
  return applyTransition(tx, actor, audit, row, 'accept', input, async () => {
    if (!input.targetPublicationId) throw badRequest('请选择拟采用的刊物');
    const [publication] = await tx
      .select({ id: publications.id, name: publications.name })
      .from(publications)
      .where(
        and(
          eq(publications.id, input.targetPublicationId),
          eq(publications.officeId, row.officeId),
          eq(publications.active, true),
        ),
      );
    if (!publication) throw badRequest('所选刊物不是本办公室的在用刊物');
    return {
      values: { targetPublicationId: publication.id, decidedAt: new Date() },
      eventData: { publicationId: publication.id, publicationName: publication.name },
      auditDiff: { targetPublication: publication.name },
      notice: `拟用于《${publication.name}》`,
    };
  });
}
