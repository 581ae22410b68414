import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest } from '../../../lib/errors.ts';
import { assertStaff, readerOf } from '../access.ts';
import { rulesSchema } from '../engine/rules.ts';
import { ruleSetLabel } from '../present.ts';
import { pathLabel } from '../rule-context.ts';
import type { CreateRuleSetInput } from '../schemas.ts';

/** Parses rules for storing: the structure must be right; registry problems are shown, not refused, until activation. */
export function parseRulesForDraft(raw: unknown) {
  const parsed = rulesSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) =>
      i.path.length ? `${pathLabel(i.path)}：${i.message}` : i.message,
    );
    throw badRequest(`考核规则有误：${issues[0] ?? '格式不正确'}`, { issues });
  }
  return parsed.data;
}

/** The 信息科 writes a new 考核办法 for a period, as the draft of its first version. */
export function createRuleSet(
  db: Db,
  actor: Actor,
  input: CreateRuleSetInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const reader = readerOf(actor);
    const officeId = input.officeId ?? reader.staff[0];
    if (!officeId) throw badRequest('您不是办公室信息科人员，不能制定考核办法');
    assertStaff(reader, officeId);
    const rules = parseRulesForDraft(input.rules);
    const id = randomUUID();
    const [row] = await tx
      .insert(assessmentRuleSets)
      .values({
        id,
        seriesId: id,
        versionNo: 1,
        officeId,
        name: input.name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        status: 'draft',
        rules,
        note: input.note,
        createdById: actor.userId,
        createdByName: actor.displayName,
        createdAt: clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert failed');
    await recordAudit(tx, audit, {
      action: 'assessment.rule_set_created',
      targetType: 'assessment_rule_set',
      targetId: row.id,
      targetLabel: ruleSetLabel(row),
      diff: { period: `${row.periodStart}—${row.periodEnd}`, rules },
    });
    return row;
  });
}
