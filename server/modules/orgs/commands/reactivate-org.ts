import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { getOrg } from '../queries/get-org.ts';
import { assertVersion, auditRecord, findOrg, lockTree, updateOrgVersioned } from '../registry.ts';
import type { OrgView } from '../schemas.ts';

/** Reopens a deactivated org (system administrator); its parent must be active. */
export async function reactivateOrg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number },
  audit: AuditContext,
): Promise<OrgView> {
  return ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    const before = await findOrg(tx, id);
    assertVersion(before, input.version);
    if (before.active) throw conflict('该单位已是启用状态');
    if (before.parentId) {
      const parent = await findOrg(tx, before.parentId);
      if (!parent.active) {
        throw conflict(`上级单位“${parent.name}”已停用，请先启用上级单位或把本单位调整到其他上级之下`);
      }
    }
    const after = await updateOrgVersioned(tx, id, input.version, {
      active: true,
      validTo: null,
      successorId: null,
      deactivationReason: null,
    });
    // The office's rankings regroup (docs/domain.md §3.3).
    if (before.parentId) await markFactsChanged(tx, before.parentId);
    await recordAudit(tx, audit, {
      action: 'org.reactivated',
      targetType: 'org',
      targetId: id,
      targetLabel: before.name,
      diff: diffRecords(auditRecord(before), auditRecord(after)),
    });
    return getOrg(tx, actor, id);
  });
}
