import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { instructionAssignments, instructions } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { staffOfficeIds } from '../circulation/index.ts';

/**
 * Who reads an instruction: the staff of the office that holds it (all of it); a unit it was
 * assigned to, or whose item it is on (the instruction, and only that unit's own assignment);
 * the leader who wrote it. Administrators see none (三员分立: no content).
 */
export type InstructionReader = {
  staffOfficeIds: string[];
  unitIds: string[];
  userId: string;
};

export function readerOf(actor: Actor): InstructionReader {
  const unitRole = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  const staff = staffOfficeIds(actor);
  // A county office can itself be a handling unit of the city office: its editors answer for it.
  const unitIds = new Set([...(unitRole ? actor.units.map((u) => u.id) : []), ...staff]);
  return { staffOfficeIds: staff, unitIds: [...unitIds], userId: actor.userId };
}

export function instructionScope(r: InstructionReader): SQL {
  const parts: SQL[] = [];
  if (r.staffOfficeIds.length) parts.push(inArray(instructions.officeId, r.staffOfficeIds));
  if (r.unitIds.length) {
    parts.push(inArray(instructions.originUnitId, r.unitIds));
    parts.push(
      sql`exists (select 1 from ${instructionAssignments} where ${and(
        eq(instructionAssignments.instructionId, instructions.id),
        inArray(instructionAssignments.unitId, r.unitIds),
      )})`,
    );
  }
  parts.push(eq(instructions.leaderId, r.userId));
  return or(...parts) ?? sql`false`;
}

export type InstructionRow = typeof instructions.$inferSelect;

/** The instruction if the caller may read it (404 otherwise — nobody learns it exists). */
export async function findInstruction(
  tx: Db,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<InstructionRow> {
  const q = tx
    .select()
    .from(instructions)
    .where(and(eq(instructions.id, id), instructionScope(readerOf(actor))));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('批示不存在或您无权查看');
  return row;
}

/** Whether the caller works in the office that holds the instruction (assigns, decides, closes). */
export const isStaffOf = (actor: Actor, row: Pick<InstructionRow, 'officeId'>) =>
  readerOf(actor).staffOfficeIds.includes(row.officeId);
