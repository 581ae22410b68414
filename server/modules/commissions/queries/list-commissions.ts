import { and, count, desc, eq, ilike, inArray, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { commissions, commissionTargets, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { containsPattern } from '../../../lib/like.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { formatDeadline, isLate } from '../deadlines.ts';
import { ANSWER_LABELS, COMMISSION_STATUS_LABELS } from '../machine.ts';
import { commissionNumberLabel, officeDocumentCode } from '../numbering.ts';
import type { ListFilter } from '../schemas.ts';
import { commissionScope, ownTargets, readerOf } from '../scope.ts';

const targetExists = (extra: SQL) =>
  sql`exists (select 1 from ${commissionTargets} where ${and(eq(commissionTargets.commissionId, commissions.id), extra)})`;

/**
 * 约稿管理 / 约稿通知: the commissions the caller may read, newest first — the office all of its
 * own, a unit those sent to it. Each row carries its figures from one aggregate query over the
 * page's targets (grouped, no per-row subqueries): read / total, answered, declined, open, late,
 * missed; the office counts every target, a unit only its own, and a unit's row has its answer.
 * With `'all'`, every row for the list's Excel export.
 */
export async function listCommissions(db: Db, actor: Actor, q: ListFilter, paging: Paging, now: Date) {
  const reader = readerOf(actor);
  const conds: SQL[] = [commissionScope(reader)];
  if (q.status) conds.push(eq(commissions.status, q.status));
  if (q.unitId) conds.push(targetExists(eq(commissionTargets.unitId, q.unitId)));
  if (q.q) {
    const p = containsPattern(q.q);
    conds.push(or(ilike(commissions.topic, p), ilike(commissions.requirements, p)) as SQL);
  }
  // Staff of the office count every target; a unit only its own.
  const counted = or(
    reader.staffOfficeIds.length ? inArray(commissions.officeId, reader.staffOfficeIds) : sql`false`,
    ownTargets(reader),
  ) as SQL;
  if (q.overdue) {
    conds.push(
      eq(commissions.status, 'issued'),
      lte(commissions.deadline, now),
      targetExists(and(eq(commissionTargets.answer, 'open'), counted) as SQL),
    );
  }
  const where = and(...conds);
  const open = sql`${commissionTargets.answer} = 'open'`;
  const pastDeadline = sql`${commissions.deadline} <= ${now.toISOString()}::timestamptz`;
  const [total] = await db.select({ n: count() }).from(commissions).where(where);
  const window = rowWindow(paging, total?.n ?? 0, '约稿');
  const rows = await db
    .select({
      c: commissions,
      officeName: orgs.name,
      total: sql<number>`count(${commissionTargets.unitId})::int`,
      read: sql<number>`count(${commissionTargets.readAt})::int`,
      answered: sql<number>`(count(*) filter (where ${commissionTargets.answer} = 'answered'))::int`,
      declined: sql<number>`(count(*) filter (where ${commissionTargets.answer} = 'declined'))::int`,
      open: sql<number>`(count(*) filter (where ${open}))::int`,
      late: sql<number>`(count(*) filter (where ${commissionTargets.answeredAt} > ${commissions.deadline}))::int`,
      missed: sql<number>`(count(*) filter (where ${open} and (${commissions.status} = 'closed' or (${commissions.status} = 'issued' and ${pastDeadline}))))::int`,
    })
    .from(commissions)
    .innerJoin(orgs, eq(orgs.id, commissions.officeId))
    .leftJoin(commissionTargets, and(eq(commissionTargets.commissionId, commissions.id), counted))
    .where(where)
    .groupBy(commissions.id, orgs.name)
    .orderBy(desc(sql`coalesce(${commissions.issuedAt}, ${commissions.createdAt})`), desc(commissions.id))
    .limit(window.limit)
    .offset(window.offset);
  const ids = rows.map((r) => r.c.id);
  // A unit's own answers on the page (one query): the row of a commission it was sent to.
  const mine =
    ids.length && reader.unitIds.length
      ? await db
          .select()
          .from(commissionTargets)
          .where(and(inArray(commissionTargets.commissionId, ids), ownTargets(reader)))
      : [];
  const codes = new Map<string, string>();
  for (const officeId of new Set(rows.filter((r) => r.c.number).map((r) => r.c.officeId))) {
    codes.set(officeId, await officeDocumentCode(db, officeId));
  }
  const items = rows.map(({ c, officeName, ...counts }) => {
    const staff = reader.staffOfficeIds.includes(c.officeId);
    const own = staff ? undefined : mine.find((t) => t.commissionId === c.id);
    return {
      id: c.id,
      office: { id: c.officeId, name: officeName },
      numberLabel:
        c.year && c.number ? commissionNumberLabel(codes.get(c.officeId) ?? '', c.year, c.number) : null,
      topic: c.topic,
      deadline: c.deadline,
      deadlineLabel: formatDeadline(c.deadline),
      status: c.status,
      statusLabel: COMMISSION_STATUS_LABELS[c.status],
      issuedAt: c.issuedAt,
      createdByName: c.createdByName,
      counts,
      overdue: c.status === 'issued' && c.deadline.getTime() <= now.getTime() && counts.open > 0,
      mine: own
        ? {
            unitId: own.unitId,
            readAt: own.readAt,
            answer: own.answer,
            answerLabel: ANSWER_LABELS[own.answer],
            answeredAt: own.answeredAt,
            late: isLate(c.deadline, own.answeredAt),
            declineReason: own.declineReason,
          }
        : null,
    };
  });
  return { items, total: total?.n ?? 0, ...pageFields(paging) };
}

/**
 * The issued commissions a unit may still link an item to (the item form's 关联约稿 choice): sent
 * to one of the caller's units, not closed or cancelled, nearest deadline first.
 */
export async function openCommissionsForUnit(db: Db, actor: Actor) {
  const reader = readerOf(actor);
  if (reader.unitIds.length === 0) return [];
  const rows = await db
    .select({ c: commissions, t: commissionTargets })
    .from(commissions)
    .innerJoin(commissionTargets, eq(commissionTargets.commissionId, commissions.id))
    .where(and(eq(commissions.status, 'issued'), isNotNull(commissions.issuedAt), ownTargets(reader)))
    .orderBy(commissions.deadline);
  const codes = new Map<string, string>();
  for (const officeId of new Set(rows.map((r) => r.c.officeId))) {
    codes.set(officeId, await officeDocumentCode(db, officeId));
  }
  return rows.map(({ c, t }) => ({
    id: c.id,
    numberLabel:
      c.year && c.number ? commissionNumberLabel(codes.get(c.officeId) ?? '', c.year, c.number) : null,
    topic: c.topic,
    deadline: c.deadline,
    deadlineLabel: formatDeadline(c.deadline),
    unitId: t.unitId,
    answer: t.answer,
  }));
}
