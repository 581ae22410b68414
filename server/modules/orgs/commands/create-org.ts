import type { AppContext } from '../../../context.ts';
import { orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { todayInChina } from '../fields.ts';
import { getOrg } from '../queries/get-org.ts';
import {
  assertCodeAvailable,
  assertDictionaryCode,
  auditRecord,
  loadTree,
  lockTree,
  nextSortOrder,
  uniqueOrConflict,
} from '../registry.ts';
import { kindLevelProblem, parentProblem } from '../rules.ts';
import type { CreateOrgInput, OrgView } from '../schemas.ts';

/** Adds an office or a unit to the registry (system administrator). */
export async function createOrg(
  ctx: AppContext,
  actor: Actor,
  input: CreateOrgInput,
  audit: AuditContext,
): Promise<OrgView> {
  const level = input.level ?? null;
  const shapeProblem = kindLevelProblem({ kind: input.kind, level });
  if (shapeProblem) throw badRequest(shapeProblem);
  const work = ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    await assertCodeAvailable(tx, input.code);
    await assertDictionaryCode(tx, 'unit_category', input.categoryCode ?? null);
    await assertDictionaryCode(tx, 'assessment_group', input.groupCode ?? null);
    const tree = await loadTree(tx);
    const parent = input.parentId ? tree.get(input.parentId) : null;
    if (input.parentId && !parent) throw badRequest('上级单位不存在');
    const placement = parentProblem(
      { name: input.name, kind: input.kind, level, active: true },
      parent ?? null,
    );
    if (placement) throw badRequest(placement);
    const [row] = await tx
      .insert(orgs)
      .values({
        code: input.code,
        name: input.name,
        shortName: input.shortName,
        kind: input.kind,
        level,
        sectionName: input.sectionName ?? null,
        categoryCode: input.categoryCode ?? null,
        groupCode: input.groupCode ?? null,
        parentId: input.parentId ?? null,
        sortOrder: input.sortOrder ?? (await nextSortOrder(tx, input.parentId ?? null)),
        contactPerson: input.contactPerson ?? null,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail ?? null,
        address: input.address ?? null,
        netAccessDate: input.netAccessDate ?? null,
        netAccessMethod: input.netAccessMethod ?? null,
        netIpRange: input.netIpRange ?? null,
        netFilingNo: input.netFilingNo ?? null,
        validFrom: input.validFrom ?? todayInChina(),
        note: input.note ?? null,
      })
      .returning();
    // The office's rankings regroup (docs/domain.md §3.3).
    if (input.parentId) await markFactsChanged(tx, input.parentId);
    await recordAudit(tx, audit, {
      action: 'org.created',
      targetType: 'org',
      targetId: row.id,
      targetLabel: row.name,
      diff: diffRecords({}, auditRecord(row)),
    });
    return getOrg(tx, actor, row.id);
  });
  return uniqueOrConflict(work, `单位编码 ${input.code} 已存在`);
}
