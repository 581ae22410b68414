import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { getOrg } from '../queries/get-org.ts';
import {
  assertVersion,
  auditRecord,
  childrenOf,
  findOrg,
  loadTree,
  lockTree,
  updateOrgVersioned,
} from '../registry.ts';
import { childrenProblem } from '../rules.ts';
import type { DeactivateOrgInput, OrgView } from '../schemas.ts';

/**
 * Closes a unit or office (system administrator). Nothing is deleted: users and history keep
 * pointing at it, and a successor may be named for renamed or merged units.
 */
export async function deactivateOrg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: DeactivateOrgInput,
  audit: AuditContext,
): Promise<OrgView> {
  return ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    const before = await findOrg(tx, id);
    assertVersion(before, input.version);
    if (!before.active) throw conflict('该单位已停用');
    if (input.validTo < before.validFrom) throw badRequest(`失效日期不能早于生效日期（${before.validFrom}）`);
    const tree = await loadTree(tx);
    const successorId = input.successorId ?? null;
    if (successorId) {
      const successor = tree.get(successorId);
      if (successorId === id) throw badRequest('接续单位不能是本单位');
      if (!successor) throw badRequest('接续单位不存在');
      if (!successor.active) throw badRequest(`接续单位“${successor.name}”已停用`);
    }
    const childProblem = childrenProblem({ ...before, active: false }, childrenOf(tree, id));
    if (childProblem) throw conflict(childProblem.message);
    const after = await updateOrgVersioned(tx, id, input.version, {
      active: false,
      validTo: input.validTo,
      successorId,
      deactivationReason: input.reason,
    });
    // The office's rankings regroup (docs/domain.md §3.3).
    if (before.parentId) await markFactsChanged(tx, before.parentId);
    await recordAudit(tx, audit, {
      action: 'org.deactivated',
      targetType: 'org',
      targetId: id,
      targetLabel: before.name,
      diff: {
        ...diffRecords(auditRecord(before), auditRecord(after)),
        ...(successorId ? { successorName: [null, tree.get(successorId)?.name ?? null] } : {}),
      },
    });
    return getOrg(tx, actor, id);
  });
}
