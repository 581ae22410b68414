import { eq, max } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import {
  assertCanManage,
  assertDefaultPeople,
  assertNameFree,
  assertOffice,
  auditRecord,
  uniqueOrConflict,
} from '../definitions.ts';
import { getPublication } from '../queries/get-publication.ts';
import type { CreatePublicationInput, PublicationDetail } from '../schemas.ts';

/** Defines a new publication (刊物) of an office; it goes to the end of the office's list. */
export async function createPublication(
  ctx: AppContext,
  actor: Actor,
  input: CreatePublicationInput,
  audit: AuditContext,
): Promise<PublicationDetail> {
  assertCanManage(actor, input.officeId);
  return uniqueOrConflict(
    ctx.db.transaction(async (tx) => {
      await assertOffice(tx, input.officeId);
      await assertNameFree(tx, input.officeId, input.name);
      await assertDefaultPeople(tx, input.officeId, input);
      const [last] = await tx
        .select({ sortOrder: max(publications.sortOrder) })
        .from(publications)
        .where(eq(publications.officeId, input.officeId));
      const [row] = await tx
        .insert(publications)
        .values({
          ...input,
          defaultEditorId: input.defaultEditorId ?? null,
          defaultSignerId: input.defaultSignerId ?? null,
          description: input.description || null,
          sortOrder: (last?.sortOrder ?? -1) + 1,
        })
        .returning();
      if (!row) throw new Error('publication insert returned no row');
      await recordAudit(tx, audit, {
        action: 'publication.created',
        targetType: 'publication',
        targetId: row.id,
        targetLabel: row.name,
        diff: diffRecords({}, auditRecord(row)),
      });
      return getPublication(tx, actor, row.id);
    }),
  );
}
