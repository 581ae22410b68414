import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import {
  assertCanManage,
  assertDefaultPeople,
  assertNameFree,
  auditRecord,
  findPublication,
  STALE_VERSION,
  uniqueOrConflict,
  updatePublicationVersioned,
} from '../definitions.ts';
import { getPublication } from '../queries/get-publication.ts';
import type { PublicationDetail, UpdatePublicationInput } from '../schemas.ts';

/** Changes a publication's definition; issues already numbered keep their labels. */
export async function updatePublication(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdatePublicationInput,
  audit: AuditContext,
): Promise<PublicationDetail> {
  return uniqueOrConflict(
    ctx.db.transaction(async (tx) => {
      const before = await findPublication(tx, id, true);
      assertCanManage(actor, before.officeId);
      if (before.version !== input.version) throw conflict(STALE_VERSION);
      const { version, ...changes } = input;
      if (changes.name !== undefined) await assertNameFree(tx, before.officeId, changes.name, id);
      await assertDefaultPeople(tx, before.officeId, changes);
      if (changes.description !== undefined) changes.description = changes.description || null;
      const after = await updatePublicationVersioned(tx, id, version, changes);
      await recordAudit(tx, audit, {
        action: 'publication.updated',
        targetType: 'publication',
        targetId: id,
        targetLabel: after.name,
        diff: diffRecords(auditRecord(before), auditRecord(after)),
      });
      return getPublication(tx, actor, id);
    }),
  );
}
