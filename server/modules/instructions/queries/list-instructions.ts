import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  type AssignmentStatus,
  instructionAssignments,
  instructions,
  items,
  orgs,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { containsPattern } from '../../../lib/like.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { todayInChina } from '../../orgs/index.ts';
import { isOverdue } from '../deadlines.ts';
import { INSTRUCTION_STATUS_LABELS, LEVEL_LABELS } from '../machine.ts';
import { subjectOf } from '../present.ts';
import type { ListFilter } from '../schemas.ts';
import { instructionScope, readerOf } from '../scope.ts';

const OPEN: AssignmentStatus[] = ['awaiting_feedback', 'more_requested'];

/**
 * 批示管理 / 批示反馈: the instructions the caller may read, newest first, with their handling at a
 * glance (units, done, overdue, next deadline). One page query, then one aggregate over the page's
 * assignments — no per-row subqueries. With `'all'`, every row for the list's Excel export.
 */
export async function listInstructions(db: Db, actor: Actor, q: ListFilter, paging: Paging, now: Date) {
  const reader = readerOf(actor);
  const today = todayInChina(now);
  const conds: SQL[] = [instructionScope(reader)];
  if (q.status) conds.push(eq(instructions.status, q.status));
  if (q.level) conds.push(eq(instructions.level, q.level));
  if (q.itemId) conds.push(eq(instructions.itemId, q.itemId));
  const assignmentWhere = (extra: SQL) =>
    sql`exists (select 1 from ${instructionAssignments} where ${and(eq(instructionAssignments.instructionId, instructions.id), extra)})`;
  if (q.unitId)
    conds.push(
      or(
        eq(instructions.originUnitId, q.unitId),
        assignmentWhere(eq(instructionAssignments.unitId, q.unitId)),
      ) as SQL,
    );
  if (q.overdue) {
    const own = reader.staffOfficeIds.length
      ? undefined
      : inArray(instructionAssignments.unitId, reader.unitIds);
    conds.push(
      assignmentWhere(
        and(
          inArray(instructionAssignments.status, OPEN),
          sql`${instructionAssignments.deadline} < ${today}`,
          own,
        ) as SQL,
      ),
    );
  }
  if (q.q) {
    const p = containsPattern(q.q);
    conds.push(or(ilike(instructions.text, p), ilike(instructions.leaderName, p)) as SQL);
  }
  const where = and(...conds);
  const [total] = await db.select({ n: count() }).from(instructions).where(where);
  const window = rowWindow(paging, total?.n ?? 0, '批示');
  const rows = await db
    .select({ i: instructions, originUnitName: orgs.name })
    .from(instructions)
    .leftJoin(orgs, eq(orgs.id, instructions.originUnitId))
    .where(where)
    .orderBy(desc(instructions.instructedOn), desc(instructions.serial))
    .limit(window.limit)
    .offset(window.offset);
  const ids = rows.map((r) => r.i.id);
  const assignments = ids.length
    ? await db
        .select({
          instructionId: instructionAssignments.instructionId,
          unitId: instructionAssignments.unitId,
          status: instructionAssignments.status,
          deadline: instructionAssignments.deadline,
        })
        .from(instructionAssignments)
        .where(inArray(instructionAssignments.instructionId, ids))
    : [];
  const itemTitles = new Map(
    (
      await (rows.some((r) => r.i.itemId)
        ? db
            .select({ id: items.id, title: items.title })
            .from(items)
            .where(
              inArray(
                items.id,
                rows.map((r) => r.i.itemId).filter((x): x is string => Boolean(x)),
              ),
            )
        : Promise.resolve([]))
    ).map((r) => [r.id, r.title]),
  );
  const staffView = (officeId: string) => reader.staffOfficeIds.includes(officeId);
  const page = await Promise.all(
    rows.map(async ({ i, originUnitName }) => {
      const all = assignments.filter((a) => a.instructionId === i.id);
      const mine = staffView(i.officeId) ? all : all.filter((a) => reader.unitIds.includes(a.unitId));
      const open = mine.filter((a) => a.status !== 'completed');
      const subject = i.itemId
        ? {
            kind: 'item' as const,
            id: i.itemId,
            title: `《${itemTitles.get(i.itemId) ?? ''}》`,
            link: `/items/${i.itemId}`,
          }
        : i.issueId
          ? await subjectOf(db, i)
          : null;
      return {
        id: i.id,
        serial: i.serial,
        subject,
        originUnitName,
        leaderName: i.leaderName,
        leaderTitle: i.leaderTitle,
        level: i.level,
        levelLabel: LEVEL_LABELS[i.level],
        text: i.text,
        instructedOn: i.instructedOn,
        status: i.status,
        statusLabel: INSTRUCTION_STATUS_LABELS[i.status],
        units: mine.length,
        completed: mine.length - open.length,
        overdue: mine.filter((a) => isOverdue(a.deadline, a.status, now)).length,
        nextDeadline: open.map((a) => a.deadline).sort()[0] ?? null,
        myStatus: staffView(i.officeId) ? null : (mine[0]?.status ?? null),
      };
    }),
  );
  return { items: page, total: total?.n ?? 0, ...pageFields(paging) };
}
