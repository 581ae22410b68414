import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { forbidden } from '../../../lib/errors.ts';
import { canUpdateContacts } from '../policy.ts';
import { getOrg } from '../queries/get-org.ts';
import { assertVersion, auditRecord, findOrg, updateOrgVersioned } from '../registry.ts';
import type { OrgView, UpdateContactsInput } from '../schemas.ts';

/**
 * Updates a unit's contact details: the system administrator for any unit, a reporter or signer
 * for their own. Registry names are public to logged-in users, so another unit's id is a 403.
 */
export async function updateOrgContacts(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateContactsInput,
  audit: AuditContext,
): Promise<OrgView> {
  return ctx.db.transaction(async (tx) => {
    const before = await findOrg(tx, id);
    if (!canUpdateContacts(actor, id)) throw forbidden('只能维护本单位的联系方式');
    assertVersion(before, input.version);
    const { version, ...fields } = input;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const diff = diffRecords(auditRecord(before), auditRecord({ ...before, ...changes }));
    if (Object.keys(diff).length === 0) return getOrg(tx, actor, id);
    const after = await updateOrgVersioned(tx, id, version, changes);
    await recordAudit(tx, audit, {
      action: 'org.updated',
      targetType: 'org',
      targetId: id,
      targetLabel: after.name,
      diff,
    });
    return getOrg(tx, actor, id);
  });
}
