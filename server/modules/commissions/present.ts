import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEvents, commissionTargets, items, orgs, recordAttachments } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { ITEM_STATUS_LABELS, itemScope } from '../items/index.ts';
import { noticeTitle } from './commands/shared.ts';
import { formatDeadline, isLate, isMissed, isOverdue } from './deadlines.ts';
import { ANSWER_LABELS, answerMachine, COMMISSION_STATUS_LABELS, commissionMachine } from './machine.ts';
import { commissionNumberLabel, officeDocumentCode } from './numbering.ts';
import type { CommissionView } from './schemas.ts';
import { type CommissionRow, isStaffOf, readerOf, type TargetRow } from './scope.ts';

type Counted = Pick<TargetRow, 'readAt' | 'answer' | 'answeredAt'>;

/** The figures of a set of targets: read, answered, declined, open, late, missed. */
export function countTargets(row: Pick<CommissionRow, 'deadline' | 'status'>, targets: Counted[], now: Date) {
  return {
    total: targets.length,
    read: targets.filter((t) => t.readAt).length,
    answered: targets.filter((t) => t.answer === 'answered').length,
    declined: targets.filter((t) => t.answer === 'declined').length,
    open: targets.filter((t) => t.answer === 'open').length,
    late: targets.filter((t) => isLate(row.deadline, t.answeredAt)).length,
    missed: targets.filter((t) => isMissed(row.deadline, t.answer, row.status, now)).length,
  };
}

export async function numberLabelOf(tx: Db, row: Pick<CommissionRow, 'officeId' | 'year' | 'number'>) {
  if (!row.year || !row.number) return null;
  return commissionNumberLabel(await officeDocumentCode(tx, row.officeId), row.year, row.number);
}

/**
 * The commission as the caller sees it: the office's 信息科 sees every target (who read it when,
 * who answered, late, missed) and what it may do; a target unit sees the notice and its own
 * answer with the items it linked.
 */
export async function presentCommission(
  tx: Db,
  actor: Actor,
  row: CommissionRow,
  now: Date,
): Promise<CommissionView> {
  const reader = readerOf(actor);
  const staff = isStaffOf(actor, row);
  const [office] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.officeId));
  const all = await tx
    .select({ t: commissionTargets, unitName: orgs.name })
    .from(commissionTargets)
    .innerJoin(orgs, eq(orgs.id, commissionTargets.unitId))
    .where(eq(commissionTargets.commissionId, row.id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.name));
  const visible = staff ? all : all.filter((x) => reader.unitIds.includes(x.t.unitId));
  // The linked items the caller may read: the unit its own, the office those signed off to it.
  const linked = await tx
    .select({
      id: items.id,
      title: items.title,
      status: items.status,
      submittedAt: items.submittedAt,
      unitId: items.submittingUnitId,
    })
    .from(items)
    .where(and(eq(items.commissionId, row.id), isNull(items.forwardedFromId), itemScope(actor)))
    .orderBy(asc(items.createdAt));
  const files = await tx
    .select()
    .from(recordAttachments)
    .where(and(eq(recordAttachments.recordType, 'commission'), eq(recordAttachments.recordId, row.id)))
    .orderBy(asc(recordAttachments.createdAt));
  const [cancelled] =
    row.status === 'cancelled'
      ? await tx
          .select({ diff: auditEvents.diff })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'commission.cancelled'), eq(auditEvents.targetId, row.id)))
          .orderBy(desc(auditEvents.id))
          .limit(1)
      : [];
  const caller = { roles: actor.roles, unitIds: reader.unitIds };
  const targets = visible.map(({ t, unitName }) => {
    const facts = { answer: t.answer, unitId: t.unitId, status: row.status };
    return {
      unit: { id: t.unitId, name: unitName },
      readAt: t.readAt,
      readByName: t.readByName,
      answer: t.answer,
      answerLabel: ANSWER_LABELS[t.answer],
      answeredAt: t.answeredAt,
      late: isLate(row.deadline, t.answeredAt),
      overdue: isOverdue(row.deadline, t.answer, row.status, now),
      missed: isMissed(row.deadline, t.answer, row.status, now),
      declineReason: t.declineReason,
      items: linked
        .filter((i) => i.unitId === t.unitId)
        .map((i) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          statusLabel: ITEM_STATUS_LABELS[i.status],
          submittedAt: i.submittedAt,
        })),
      actions: answerMachine.allowed(facts, caller),
    };
  });
  const own = targets.filter((t) => reader.unitIds.includes(t.unit.id));
  const actions: string[] = staff
    ? commissionMachine.allowed(row, { roles: actor.roles, staffOfficeIds: reader.staffOfficeIds })
    : [];
  if (staff && (row.status === 'draft' || row.status === 'issued')) actions.push('attach');
  for (const a of ['answer', 'decline'] as const) {
    if (own.some((t) => t.actions.includes(a))) actions.push(a);
  }
  return {
    id: row.id,
    office: { id: row.officeId, name: office?.name ?? '' },
    year: row.year,
    number: row.number,
    numberLabel: await numberLabelOf(tx, row),
    title: noticeTitle(row.topic),
    topic: row.topic,
    requirements: row.requirements,
    deadline: row.deadline,
    deadlineLabel: formatDeadline(row.deadline),
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    status: row.status,
    statusLabel: COMMISSION_STATUS_LABELS[row.status],
    overdue: targets.some((t) => t.overdue),
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    issuedAt: row.issuedAt,
    issuedByName: row.issuedByName,
    closedAt: row.closedAt,
    cancelReason: ((cancelled?.diff as { reason?: string } | null)?.reason ?? null) || null,
    version: row.version,
    counts: countTargets(
      row,
      visible.map((v) => v.t),
      now,
    ),
    targets,
    files: files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mimeType: f.mimeType,
      sizeBytes: f.sizeBytes,
      uploadedByName: f.uploadedByName,
      createdAt: f.createdAt,
    })),
    actions,
  };
}
