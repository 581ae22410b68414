import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { instructionAssignments, instructionFeedback } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { AppError, conflict, forbidden, notFound } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { notify, officeStaff } from '../../notifications/index.ts';
import { assignmentMachine } from '../machine.ts';
import type { DecisionInput, FeedbackInput } from '../schemas.ts';
import { findInstruction, readerOf } from '../scope.ts';
import { indexInstructions } from '../search-index.ts';
import { bump } from './assign-instruction.ts';
import { assertVersion, instructionLabel, instructionLink, refreshLists, unitHandlers } from './shared.ts';

/** The assignment, locked, if the caller may read its instruction and the assignment itself. */
async function loadAssignment(tx: Db, actor: Actor, assignmentId: string) {
  const [a] = await tx
    .select()
    .from(instructionAssignments)
    .where(eq(instructionAssignments.id, assignmentId))
    .for('update');
  if (!a) throw notFound('交办事项不存在或您无权查看');
  const instruction = await findInstruction(tx, actor, a.instructionId, true).catch(() => {
    throw notFound('交办事项不存在或您无权查看');
  });
  const reader = readerOf(actor);
  // A unit sees only its own assignments: another unit's is not there for it.
  if (!reader.staffOfficeIds.includes(instruction.officeId) && !reader.unitIds.includes(a.unitId)) {
    throw notFound('交办事项不存在或您无权查看');
  }
  return { a, instruction, reader };
}

function check(
  action: 'submit_feedback' | 'accept_feedback' | 'request_more',
  a: { status: typeof instructionAssignments.$inferSelect.status; unitId: string },
  officeId: string,
  actor: Actor,
  reader: ReturnType<typeof readerOf>,
) {
  const result = assignmentMachine.check(
    action,
    { status: a.status, unitId: a.unitId, officeId },
    { roles: actor.roles, unitIds: reader.unitIds, staffOfficeIds: reader.staffOfficeIds },
  );
  if (!result.ok)
    throw result.refusal.status === 403
      ? forbidden(result.refusal.message)
      : conflict(result.refusal.message);
  return result.transition;
}

/** 报送落实反馈: the handling unit reports (again, when the office asked for more). */
export function submitFeedback(
  db: Db,
  actor: Actor,
  assignmentId: string,
  input: FeedbackInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const { a, instruction, reader } = await loadAssignment(tx, actor, assignmentId);
    if (instruction.status === 'closed') throw conflict('该批示已办结');
    const t = check('submit_feedback', a, instruction.officeId, actor, reader);
    assertVersion(a.version, input.version);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(instructionFeedback)
      .where(eq(instructionFeedback.assignmentId, a.id));
    const [fb] = await tx
      .insert(instructionFeedback)
      .values({
        assignmentId: a.id,
        round: n + 1,
        text: input.text,
        submittedById: actor.userId,
        submittedByName: actor.displayName,
        submittedAt: clock.now(),
      })
      .returning();
    await tx
      .update(instructionAssignments)
      .set({
        status: t.to ?? a.status,
        firstFeedbackAt: a.firstFeedbackAt ?? clock.now(),
        version: sql`${instructionAssignments.version} + 1`,
      })
      .where(eq(instructionAssignments.id, a.id));
    await indexInstructions(tx, [instruction.id]);
    await markFactsChanged(tx, instruction.officeId);
    await recordAudit(tx, audit, {
      action: 'instruction.feedback_submitted',
      targetType: 'instruction',
      targetId: instruction.id,
      targetLabel: instructionLabel(instruction),
      diff: { round: n + 1, text: input.text },
    });
    await notify(tx, {
      userIds: await officeStaff(tx, instruction.officeId),
      officeId: instruction.officeId,
      kind: 'feedback_submitted',
      title: `落实反馈待审核：${instruction.leaderName}批示（第 ${n + 1} 次反馈）`,
      body: input.text.slice(0, 200),
      link: instructionLink(instruction.id),
      subject: { type: 'instruction', id: instruction.id },
      at: clock.now(),
    });
    await refreshLists(tx, instruction.officeId, [a.unitId]);
    return fb;
  });
}

/**
 * The office decides on the latest feedback: 办结 (accepted) or 需补充 with a reason. When every
 * handling unit is done, the instruction is closed.
 */
export function decideFeedback(
  db: Db,
  actor: Actor,
  assignmentId: string,
  input: DecisionInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const { a, instruction, reader } = await loadAssignment(tx, actor, assignmentId);
    const action = input.decision === 'accepted' ? 'accept_feedback' : 'request_more';
    const t = check(action, a, instruction.officeId, actor, reader);
    assertVersion(a.version, input.version);
    if (t.reasonRequired && !input.note) throw new AppError(400, 'REASON_REQUIRED', '请填写需要补充的内容');
    const [latest] = await tx
      .select()
      .from(instructionFeedback)
      .where(eq(instructionFeedback.assignmentId, a.id))
      .orderBy(sql`${instructionFeedback.round} desc`)
      .limit(1);
    if (!latest || latest.decision) throw conflict('没有待审核的反馈');
    await tx
      .update(instructionFeedback)
      .set({
        decision: input.decision,
        decisionNote: input.note || null,
        decidedById: actor.userId,
        decidedByName: actor.displayName,
        decidedAt: clock.now(),
      })
      .where(eq(instructionFeedback.id, latest.id));
    await tx
      .update(instructionAssignments)
      .set({
        status: t.to ?? a.status,
        completedAt: input.decision === 'accepted' ? clock.now() : null,
        version: sql`${instructionAssignments.version} + 1`,
      })
      .where(eq(instructionAssignments.id, a.id));
    const [open] = await tx
      .select({ n: count() })
      .from(instructionAssignments)
      .where(
        and(
          eq(instructionAssignments.instructionId, instruction.id),
          ne(instructionAssignments.status, 'completed'),
        ),
      );
    const closes = (open?.n ?? 0) === 0;
    await bump(tx, instruction, closes ? { status: 'closed', closedAt: clock.now() } : {}, clock);
    await markFactsChanged(tx, instruction.officeId);
    await recordAudit(tx, audit, {
      action: 'instruction.feedback_decided',
      targetType: 'instruction',
      targetId: instruction.id,
      targetLabel: instructionLabel(instruction),
      diff: { round: latest.round, decision: t.label, note: input.note ?? null, closed: closes },
    });
    await notify(tx, {
      userIds: await unitHandlers(tx, [a.unitId]),
      officeId: instruction.officeId,
      kind: 'feedback_decided',
      title:
        input.decision === 'accepted'
          ? `落实反馈已办结：${instruction.leaderName}批示`
          : `请补充落实反馈：${instruction.leaderName}批示`,
      body: input.note ?? '',
      link: instructionLink(instruction.id),
      subject: { type: 'instruction', id: instruction.id },
      at: clock.now(),
    });
    await refreshLists(tx, instruction.officeId, [a.unitId]);
  });
}
