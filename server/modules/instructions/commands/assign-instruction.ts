import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { instructionAssignments, instructions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { notify } from '../../notifications/index.ts';
import { todayInChina } from '../../orgs/index.ts';
import type { AssignInput, CloseInput } from '../schemas.ts';
import { findInstruction, type InstructionRow } from '../scope.ts';
import { indexInstructions } from '../search-index.ts';
import {
  assertStaff,
  assertVersion,
  instructionLabel,
  instructionLink,
  officeMembers,
  refreshLists,
  unitHandlers,
} from './shared.ts';

/**
 * 交办: the office hands the instruction to handling units, each with a feedback deadline (today
 * or later) and optional requirements. More units may be added later; a unit already given it is
 * refused by name. The units' 信息员 and 签发人 are told on every channel.
 */
export function assignInstruction(
  db: Db,
  actor: Actor,
  id: string,
  input: AssignInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findInstruction(tx, actor, id, true);
    assertStaff(actor, row, '该批示');
    if (row.status === 'closed') throw conflict('该批示已办结，不能再交办');
    assertVersion(row.version, input.version);
    const today = todayInChina(clock.now());
    const past = input.assignments.find((a) => a.deadline < today);
    if (past) throw badRequest(`反馈期限 ${past.deadline} 早于今天`);
    const ids = input.assignments.map((a) => a.unitId);
    if (new Set(ids).size !== ids.length) throw badRequest('同一单位重复选择');
    const units = await officeMembers(tx, row.officeId, ids);
    const names = new Map(units.map((u) => [u.id, u.name]));
    const existing = await tx
      .select({ unitId: instructionAssignments.unitId })
      .from(instructionAssignments)
      .where(eq(instructionAssignments.instructionId, row.id));
    const again = existing.find((e) => ids.includes(e.unitId));
    if (again) throw conflict(`该批示已交办给${names.get(again.unitId)}`);

    await tx.insert(instructionAssignments).values(
      input.assignments.map((a) => ({
        instructionId: row.id,
        unitId: a.unitId,
        deadline: a.deadline,
        requirement: a.requirement || null,
        assignedById: actor.userId,
        assignedByName: actor.displayName,
        assignedAt: clock.now(),
      })),
    );
    await bump(tx, row, { status: 'assigned' }, clock);
    await markFactsChanged(tx, row.officeId);
    await recordAudit(tx, audit, {
      action: 'instruction.assigned',
      targetType: 'instruction',
      targetId: row.id,
      targetLabel: instructionLabel(row),
      diff: { units: input.assignments.map((a) => `${names.get(a.unitId)}（${a.deadline} 前反馈）`) },
    });
    for (const a of input.assignments) {
      await notify(tx, {
        userIds: await unitHandlers(tx, [a.unitId]),
        officeId: row.officeId,
        kind: 'instruction_assigned',
        title: `${row.leaderName}批示交办：请于 ${a.deadline} 前报送落实情况`,
        body: row.text,
        link: instructionLink(row.id),
        subject: { type: 'instruction', id: row.id },
        at: clock.now(),
      });
    }
    await refreshLists(tx, row.officeId, ids);
  });
}

/** 办结 without handling (阅知类批示): only while nothing has been assigned. */
export function closeInstruction(
  db: Db,
  actor: Actor,
  id: string,
  input: CloseInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findInstruction(tx, actor, id, true);
    assertStaff(actor, row, '该批示');
    if (row.status !== 'recorded') {
      throw conflict(
        row.status === 'closed' ? '该批示已办结' : '该批示已交办，待各承办单位反馈办结后自动办结',
      );
    }
    assertVersion(row.version, input.version);
    await bump(tx, row, { status: 'closed', closedAt: clock.now() }, clock);
    await markFactsChanged(tx, row.officeId);
    await recordAudit(tx, audit, {
      action: 'instruction.closed',
      targetType: 'instruction',
      targetId: row.id,
      targetLabel: instructionLabel(row),
      diff: { note: input.note },
    });
    await refreshLists(tx, row.officeId);
  });
}

/**
 * Every change of an instruction row moves its version (optimistic locking for the next writer)
 * and rewrites its search index rows.
 */
export async function bump(
  tx: Db,
  row: InstructionRow,
  values: Partial<typeof instructions.$inferInsert>,
  clock: Clock,
) {
  await tx
    .update(instructions)
    .set({ ...values, version: sql`${instructions.version} + 1`, updatedAt: clock.now() })
    .where(eq(instructions.id, row.id));
  // Assigning, closing and deciding on feedback all pass here: the search index follows.
  await indexInstructions(tx, [row.id]);
}
