import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import {
  assertCanManage,
  auditRecord,
  findPublication,
  STALE_VERSION,
  updatePublicationVersioned,
} from '../definitions.ts';
import { getPublication } from '../queries/get-publication.ts';
import type { PublicationDetail } from '../schemas.ts';

/**
 * Stops (停用) or resumes (启用) a publication. A stopped publication is no longer offered as an
 * accept or adoption target; nothing that already points at it changes.
 */
export async function setPublicationActive(
  ctx: AppContext,
  actor: Actor,
  id: string,
  active: boolean,
  input: { version: number },
  audit: AuditContext,
): Promise<PublicationDetail> {
  return ctx.db.transaction(async (tx) => {
    const before = await findPublication(tx, id, true);
    assertCanManage(actor, before.officeId);
    if (before.version !== input.version) throw conflict(STALE_VERSION);
    if (before.active === active) throw conflict(active ? '该刊物已在用' : '该刊物已停用');
    const after = await updatePublicationVersioned(tx, id, input.version, { active });
    await recordAudit(tx, audit, {
      action: active ? 'publication.activated' : 'publication.deactivated',
      targetType: 'publication',
      targetId: id,
      targetLabel: after.name,
      diff: diffRecords(auditRecord(before), auditRecord(after)),
    });
    return getPublication(tx, actor, id);
  });
}
