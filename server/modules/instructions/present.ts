import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  instructionAssignments,
  instructionFeedback,
  items,
  LEADER_RANK_LABELS,
  orgs,
  publicationIssues,
  publications,
  recordAttachments,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { isLate, isOverdue } from './deadlines.ts';
import {
  ASSIGNMENT_STATUS_LABELS,
  assignmentMachine,
  INSTRUCTION_STATUS_LABELS,
  LEVEL_LABELS,
  SOURCE_LABELS,
} from './machine.ts';
import type { InstructionView } from './schemas.ts';
import { type InstructionRow, isStaffOf, readerOf } from './scope.ts';

type FileRow = typeof recordAttachments.$inferSelect;
const presentFile = (f: FileRow) => ({
  id: f.id,
  fileName: f.fileName,
  mimeType: f.mimeType,
  sizeBytes: f.sizeBytes,
  uploadedByName: f.uploadedByName,
  createdAt: f.createdAt,
});

/** What the instruction is on, named as people say it. */
export async function subjectOf(tx: Db, row: Pick<InstructionRow, 'itemId' | 'issueId'>) {
  if (row.itemId) {
    const [item] = await tx
      .select({ id: items.id, title: items.title })
      .from(items)
      .where(eq(items.id, row.itemId));
    return item
      ? { kind: 'item' as const, id: item.id, title: `《${item.title}》`, link: `/items/${item.id}` }
      : null;
  }
  if (row.issueId) {
    const [issue] = await tx
      .select({ id: publicationIssues.id, label: publicationIssues.label, name: publications.name })
      .from(publicationIssues)
      .innerJoin(publications, eq(publications.id, publicationIssues.publicationId))
      .where(eq(publicationIssues.id, row.issueId));
    return issue
      ? {
          kind: 'issue' as const,
          id: issue.id,
          title: `《${issue.name}》${issue.label}`,
          link: `/issues/${issue.id}`,
        }
      : null;
  }
  return null;
}

/**
 * The instruction as the caller sees it: office staff see every assignment and decide; a unit sees
 * its own assignment (and reports on it); the writing leader sees the handling.
 */
export async function presentInstruction(
  tx: Db,
  actor: Actor,
  row: InstructionRow,
  now: Date,
): Promise<InstructionView> {
  const reader = readerOf(actor);
  const staff = isStaffOf(actor, row);
  const orgIds = [row.officeId, row.originUnitId].filter((x): x is string => Boolean(x));
  const names = new Map(
    (await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds))).map(
      (o) => [o.id, o.name],
    ),
  );
  const allAssignments = await tx
    .select({ a: instructionAssignments, unitName: orgs.name })
    .from(instructionAssignments)
    .innerJoin(orgs, eq(orgs.id, instructionAssignments.unitId))
    .where(eq(instructionAssignments.instructionId, row.id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.name));
  const visible =
    staff || row.leaderId === actor.userId
      ? allAssignments
      : allAssignments.filter((x) => reader.unitIds.includes(x.a.unitId));
  const feedbackRows = visible.length
    ? await tx
        .select()
        .from(instructionFeedback)
        .where(
          inArray(
            instructionFeedback.assignmentId,
            visible.map((v) => v.a.id),
          ),
        )
        .orderBy(asc(instructionFeedback.round))
    : [];
  const fileOwners = [row.id, ...feedbackRows.map((f) => f.id)];
  const files = await tx
    .select()
    .from(recordAttachments)
    .where(inArray(recordAttachments.recordId, fileOwners))
    .orderBy(asc(recordAttachments.createdAt));
  const caller = { roles: actor.roles, unitIds: reader.unitIds, staffOfficeIds: reader.staffOfficeIds };
  const open = row.status !== 'closed';
  return {
    id: row.id,
    serial: row.serial,
    office: { id: row.officeId, name: names.get(row.officeId) ?? '' },
    subject: await subjectOf(tx, row),
    originUnit: row.originUnitId ? { id: row.originUnitId, name: names.get(row.originUnitId) ?? '' } : null,
    source: row.source,
    sourceLabel: SOURCE_LABELS[row.source],
    leaderName: row.leaderName,
    leaderTitle: row.leaderTitle,
    leaderRank: row.leaderRank,
    leaderRankLabel: row.leaderRank ? LEADER_RANK_LABELS[row.leaderRank] : null,
    level: row.level,
    levelLabel: LEVEL_LABELS[row.level],
    text: row.text,
    instructedOn: row.instructedOn,
    status: row.status,
    statusLabel: INSTRUCTION_STATUS_LABELS[row.status],
    recordedByName: row.recordedByName,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    version: row.version,
    files: files.filter((f) => f.recordType === 'instruction' && f.recordId === row.id).map(presentFile),
    assignments: visible.map(({ a, unitName }) => {
      const facts = { status: a.status, unitId: a.unitId, officeId: row.officeId };
      const rounds = feedbackRows.filter((f) => f.assignmentId === a.id);
      const last = rounds.at(-1);
      const actions: string[] = open ? assignmentMachine.allowed(facts, caller) : [];
      // The unit may add files to its latest round while the office has not decided on it.
      if (open && last && !last.decision && reader.unitIds.includes(a.unitId))
        actions.push('attach_feedback');
      return {
        id: a.id,
        unit: { id: a.unitId, name: unitName },
        deadline: a.deadline,
        requirement: a.requirement,
        status: a.status,
        statusLabel: ASSIGNMENT_STATUS_LABELS[a.status],
        overdue: isOverdue(a.deadline, a.status, now),
        late: isLate(a.deadline, a.firstFeedbackAt, now),
        assignedByName: a.assignedByName,
        assignedAt: a.assignedAt,
        completedAt: a.completedAt,
        version: a.version,
        feedback: rounds.map((f) => ({
          id: f.id,
          round: f.round,
          text: f.text,
          submittedByName: f.submittedByName,
          submittedAt: f.submittedAt,
          decision: f.decision,
          decisionNote: f.decisionNote,
          decidedByName: f.decidedByName,
          decidedAt: f.decidedAt,
          files: files.filter((x) => x.recordType === 'feedback' && x.recordId === f.id).map(presentFile),
        })),
        actions,
      };
    }),
    actions: staff && open ? ['assign', 'attach', ...(row.status === 'recorded' ? ['close'] : [])] : [],
  };
}

/** Loads one assignment with its instruction, for the feedback commands. */
export async function assignmentWithInstruction(tx: Db, assignmentId: string) {
  const [row] = await tx
    .select()
    .from(instructionAssignments)
    .where(and(eq(instructionAssignments.id, assignmentId)))
    .for('update');
  return row ?? null;
}
