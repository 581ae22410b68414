import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { getOrg } from '../queries/get-org.ts';
import { assertVersion, findOrg, loadTree, lockTree, updateOrgVersioned } from '../registry.ts';
import { createsCycle, parentProblem } from '../rules.ts';
import type { MoveOrgInput, OrgView } from '../schemas.ts';

/** Puts an org under another office (system administrator); the audit names both parents. */
export async function moveOrg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: MoveOrgInput,
  audit: AuditContext,
): Promise<OrgView> {
  return ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    const org = await findOrg(tx, id);
    assertVersion(org, input.version);
    if (input.parentId === org.parentId) return getOrg(tx, actor, id);
    if (input.parentId === id) throw badRequest('不能把单位移到它自己之下');
    const tree = await loadTree(tx);
    const parent = tree.get(input.parentId);
    if (!parent) throw badRequest('上级单位不存在');
    if (createsCycle(id, input.parentId, (x) => tree.get(x)?.parentId ?? null)) {
      throw badRequest(`“${parent.name}”是“${org.name}”的下级，不能作为它的上级`);
    }
    const problem = parentProblem(org, parent);
    if (problem) throw badRequest(problem);
    const from = org.parentId ? (tree.get(org.parentId)?.name ?? null) : null;
    await updateOrgVersioned(tx, id, input.version, { parentId: parent.id });
    // The office's rankings regroup (docs/domain.md §3.3).
    if (org.parentId) await markFactsChanged(tx, org.parentId);
    await markFactsChanged(tx, input.parentId);
    await recordAudit(tx, audit, {
      action: 'org.moved',
      targetType: 'org',
      targetId: id,
      targetLabel: org.name,
      diff: { parentId: [org.parentId, parent.id], parentName: [from, parent.name] },
    });
    return getOrg(tx, actor, id);
  });
}
