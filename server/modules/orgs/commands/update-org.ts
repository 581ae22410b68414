import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { getOrg } from '../queries/get-org.ts';
import {
  assertCodeAvailable,
  assertDictionaryCode,
  assertVersion,
  auditRecord,
  childrenOf,
  findOrg,
  loadTree,
  lockTree,
  uniqueOrConflict,
  updateOrgVersioned,
} from '../registry.ts';
import { childrenProblem, kindLevelProblem, parentProblem } from '../rules.ts';
import type { OrgView, UpdateOrgInput } from '../schemas.ts';

/**
 * Edits a registry entry (system administrator). The parent and the active state have their own
 * commands; a change of kind or level is checked against the parent and the children.
 */
export async function updateOrg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateOrgInput,
  audit: AuditContext,
): Promise<OrgView> {
  const { version, ...fields } = input;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Omit<
    UpdateOrgInput,
    'version'
  >;
  const work = ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    const before = await findOrg(tx, id);
    assertVersion(before, version);
    const next = { ...before, ...changes };
    const shapeProblem = kindLevelProblem(next);
    if (shapeProblem) throw badRequest(shapeProblem);
    if (next.code !== before.code) await assertCodeAvailable(tx, next.code, id);
    await assertDictionaryCode(tx, 'unit_category', next.categoryCode, before.categoryCode);
    await assertDictionaryCode(tx, 'assessment_group', next.groupCode, before.groupCode);
    if (next.kind !== before.kind || next.level !== before.level) {
      const tree = await loadTree(tx);
      const parent = next.parentId ? (tree.get(next.parentId) ?? null) : null;
      const problem = parentProblem(next, parent) ?? childrenProblem(next, childrenOf(tree, id))?.message;
      if (problem) throw badRequest(problem);
    }
    const diff = diffRecords(auditRecord(before), auditRecord(next));
    if (Object.keys(diff).length === 0) return getOrg(tx, actor, id);
    const after = await updateOrgVersioned(tx, id, version, changes);
    // The office's rankings regroup (docs/domain.md §3.3).
    for (const p of new Set([before.parentId, after.parentId])) if (p) await markFactsChanged(tx, p);
    await recordAudit(tx, audit, {
      action: 'org.updated',
      targetType: 'org',
      targetId: id,
      targetLabel: after.name,
      diff,
    });
    return getOrg(tx, actor, id);
  });
  return uniqueOrConflict(work, `单位编码 ${input.code ?? ''} 已存在`);
}
