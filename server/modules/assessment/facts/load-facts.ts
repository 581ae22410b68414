import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { chinaDate, endOfChinaDate } from '../../../lib/clock.ts';
import { getWorkflowLimits } from '../../settings/index.ts';
import type { Facts } from '../engine/facts.ts';
import type { DayRange } from '../engine/periods.ts';
import { idList, type Registry, rowsOf } from './registry.ts';

/**
 * The one definition of what counts (docs/domain.md §3.2): the facts of an assessing office over
 * a range of Beijing days, read in a handful of set queries (no per-row subqueries).
 *
 * - Each fact is tied to the office's own copy of the item; an adoption or an instruction on any
 *   copy up the forwarding chain (the same `coalesce(root_id, id)`) counts for it, once per
 *   publication, whoever recorded it (publishing an issue, the upper office, 离线登记).
 * - The credited unit is the office's member the origin unit lies under; a 合报's shares are
 *   mapped the same way.
 */
export async function loadFacts(
  db: Db,
  registry: Registry,
  officeId: string,
  range: DayRange,
  now: Date,
): Promise<Facts> {
  const fromTs = endOfChinaDate(range.from).getTime() - 86_400_000;
  const from = new Date(fromTs).toISOString();
  const toEnd = endOfChinaDate(range.to).toISOString();
  const upper = registry.ancestors(officeId);
  const adopters = [officeId, ...upper];
  const limits = await getWorkflowLimits(db, officeId);

  const joint = new Map<string, { unitId: string; shareMille: number }[]>();
  for (const c of await rowsOf<{ item_id: string; unit_id: string; share_mille: number }>(
    db,
    sql`select c.item_id, c.unit_id, c.share_mille from item_credits c join items i on i.id = c.item_id
        where i.office_id = ${officeId}`,
  )) {
    joint.set(c.item_id, [...(joint.get(c.item_id) ?? []), { unitId: c.unit_id, shareMille: c.share_mille }]);
  }
  type ItemCols = {
    item_id: string;
    serial: string | number;
    title: string;
    category_code: string;
    origin_unit_id: string;
    submitting_unit_id: string;
  };
  const ref = (r: ItemCols) => ({
    itemId: r.item_id,
    serial: Number(r.serial),
    title: r.title,
    categoryCode: r.category_code,
    credits: registry.credits(
      officeId,
      { originUnitId: r.origin_unit_id, submittingUnitId: r.submitting_unit_id },
      joint.get(r.item_id),
    ),
  });
  const mine = sql`m.id as item_id, m.serial, m.title, m.category_code, m.origin_unit_id, m.submitting_unit_id`;
  const chain = sql`coalesce(m.root_id, m.id) = coalesce(c.root_id, c.id) and m.office_id = ${officeId} and m.status <> 'merged'`;

  // 报送: items that reached the office; a 合报 written at the office is not a submission (its sources are).
  const submissions = await rowsOf<
    ItemCols & {
      submitted_at: Date | string;
      event_at: Date | string | null;
      priority: string;
      forwarded_from_id: string | null;
    }
  >(
    db,
    sql`select ${mine}, m.submitted_at, m.event_at, m.priority, m.forwarded_from_id from items m
        where m.office_id = ${officeId} and m.submitted_at >= ${from}::timestamptz and m.submitted_at < ${toEnd}::timestamptz`,
  );
  const urgentMs = limits.urgentHours * 3_600_000;

  const adoptions = await rowsOf<
    ItemCols & {
      publication_id: string;
      adopted_on: string;
      adoption_kind: string;
      publication_name: string;
      publication_kind: string;
      publication_office_id: string;
      forwarded_to_id: string | null;
    }
  >(
    db,
    sql`select ${mine}, m.forwarded_to_id, a.publication_id, to_char(min(a.adopted_on), 'YYYY-MM-DD') as adopted_on,
          min(a.adoption_kind) as adoption_kind, p.name as publication_name, p.kind as publication_kind,
          p.office_id as publication_office_id
        from upper_adoptions a
        join items c on c.id = a.item_id
        join items m on ${chain}
        join publications p on p.id = a.publication_id
        where a.adopted_on between ${range.from}::date and ${range.to}::date and p.office_id in (${idList(adopters)})
        group by m.id, a.publication_id, p.name, p.kind, p.office_id`,
  );
  // 网站采用: the office's own portal posted the item.
  const website = await rowsOf<ItemCols & { posted_on: string }>(
    db,
    sql`select ${mine}, to_char((q.posted_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as posted_on
        from portal_queue q join items m on m.id = q.item_id
        where q.office_id = ${officeId} and q.status = 'posted'
          and q.posted_at >= ${from}::timestamptz and q.posted_at < ${toEnd}::timestamptz`,
  );
  const internetItems = [
    ...new Set([
      ...adoptions.filter((a) => a.publication_kind === '互联网').map((a) => a.item_id),
      ...website.map((w) => w.item_id),
    ]),
  ];
  const pictures = new Map(
    (
      await rowsOf<{ item_id: string; n: number }>(
        db,
        sql`select item_id, count(*)::int as n from item_attachments
            where kind = 'image' and item_id in (${idList(internetItems)}) group by item_id`,
      )
    ).map((r) => [r.item_id, Number(r.n)]),
  );

  // 报送上级: the chain carried the office's item to an office above.
  const forwards = upper.length
    ? await rowsOf<ItemCols & { office_id: string; submitted_at: Date | string }>(
        db,
        sql`select ${mine}, c.office_id, c.submitted_at from items c join items m on ${chain}
            where c.office_id in (${idList(upper)}) and c.forwarded_from_id is not null
              and c.submitted_at >= ${from}::timestamptz and c.submitted_at < ${toEnd}::timestamptz`,
      )
    : [];

  const instructions = await rowsOf<
    ItemCols & {
      id: string;
      level: string;
      leader_rank: 'principal' | 'deputy' | null;
      instructed_on: string;
      leader_name: string;
    }
  >(
    db,
    sql`select ${mine}, ins.id, ins.level, ins.leader_rank, to_char(ins.instructed_on, 'YYYY-MM-DD') as instructed_on, ins.leader_name
        from instructions ins join items c on c.id = ins.item_id join items m on ${chain}
        where ins.instructed_on between ${range.from}::date and ${range.to}::date`,
  );

  const assignments = await rowsOf<{
    id: string;
    instruction_id: string;
    serial: string | number;
    unit_id: string;
    deadline: string;
    first_feedback_at: Date | string | null;
  }>(
    db,
    sql`select a.id, a.instruction_id, ins.serial, a.unit_id, to_char(a.deadline, 'YYYY-MM-DD') as deadline, a.first_feedback_at
        from instruction_assignments a join instructions ins on ins.id = a.instruction_id
        where ins.office_id = ${officeId} and a.deadline between ${range.from}::date and ${range.to}::date`,
  );

  const commissions = await rowsOf<{
    commission_id: string;
    unit_id: string;
    year: number | null;
    number: number | null;
    topic: string;
    deadline: Date | string;
    status: string;
    answer: string;
    answered_at: Date | string | null;
  }>(
    db,
    sql`select t.commission_id, t.unit_id, c.year, c.number, c.topic, c.deadline, c.status, t.answer, t.answered_at
        from commission_targets t join commissions c on c.id = t.commission_id
        where c.office_id = ${officeId} and c.status in ('issued', 'closed')
          and c.deadline >= ${from}::timestamptz and c.deadline < ${toEnd}::timestamptz`,
  );

  // 加减分登记 of the office (revoked ones no longer count).
  const adjustments = await rowsOf<{
    id: string;
    unit_id: string;
    on: string;
    points: string | number;
    reason: string;
    basis: string | null;
  }>(
    db,
    sql`select id, unit_id, to_char("on", 'YYYY-MM-DD') as on, points, reason, basis from assessment_adjustments
        where office_id = ${officeId} and revoked_at is null and "on" between ${range.from}::date and ${range.to}::date`,
  );

  const time = (v: Date | string) => new Date(v).getTime();
  const member = (unitId: string) => registry.memberOf(unitId, officeId) ?? unitId;
  return {
    submissions: submissions
      .filter((r) => !(joint.has(r.item_id) && r.forwarded_from_id === null))
      .map((r) => ({
        kind: 'submission' as const,
        ...ref(r),
        on: chinaDate(new Date(r.submitted_at)),
        lateUrgent:
          r.priority === 'urgent' &&
          r.event_at !== null &&
          time(r.submitted_at) > time(r.event_at) + urgentMs,
      })),
    adoptions: [
      ...adoptions.map((r) => ({
        kind: 'adoption' as const,
        ...ref(r),
        id: `${r.item_id}:${r.publication_id}`,
        on: r.adopted_on,
        outlet: 'publication' as const,
        publicationId: r.publication_id,
        publicationName: `《${r.publication_name}》`,
        publicationKind: r.publication_kind,
        adopterOfficeId: r.publication_office_id,
        tier: registry.tierOf(r.publication_office_id, officeId),
        route: r.forwarded_to_id ? ('forwarded' as const) : ('direct' as const),
        adoptionKind: r.adoption_kind,
        pictures: pictures.get(r.item_id) ?? 0,
      })),
      ...website.map((r) => ({
        kind: 'adoption' as const,
        ...ref(r),
        id: `${r.item_id}:website`,
        on: r.posted_on,
        outlet: 'website' as const,
        publicationId: null,
        publicationName: '门户网站',
        publicationKind: '网站',
        adopterOfficeId: officeId,
        tier: 'own' as const,
        route: 'direct' as const,
        adoptionKind: '网站发布',
        pictures: pictures.get(r.item_id) ?? 0,
      })),
    ],
    forwards: forwards.map((r) => ({
      kind: 'forward' as const,
      ...ref(r),
      id: `${r.item_id}:${r.office_id}`,
      on: chinaDate(new Date(r.submitted_at)),
      officeName: registry.name(r.office_id),
      tier: registry.tierOf(r.office_id, officeId),
    })),
    instructions: instructions.map((r) => ({
      kind: 'instruction' as const,
      ...ref(r),
      id: r.id,
      on: r.instructed_on,
      level: r.level,
      leaderRank: r.leader_rank,
      leaderName: r.leader_name,
    })),
    assignments: assignments.map((r) => {
      const end = endOfChinaDate(r.deadline).getTime();
      const first = r.first_feedback_at ? time(r.first_feedback_at) : null;
      const outcome =
        first === null ? (now.getTime() >= end ? 'overdue' : 'pending') : first > end ? 'late' : 'on_time';
      return {
        kind: 'assignment' as const,
        id: r.id,
        instructionId: r.instruction_id,
        unitId: member(r.unit_id),
        on: r.deadline,
        outcome,
        label: `第${Number(r.serial)}号`,
      };
    }),
    commissions: commissions.map((r) => {
      const deadline = time(r.deadline);
      const answeredAt = r.answered_at ? time(r.answered_at) : null;
      const outcome =
        r.answer === 'declined'
          ? 'declined'
          : r.answer === 'answered'
            ? answeredAt !== null && answeredAt > deadline
              ? 'late'
              : 'answered'
            : r.status === 'closed' || now.getTime() > deadline
              ? 'missed'
              : 'pending';
      return {
        kind: 'commission' as const,
        id: `${r.commission_id}:${r.unit_id}`,
        commissionId: r.commission_id,
        unitId: member(r.unit_id),
        on: chinaDate(new Date(r.deadline)),
        outcome,
        label: r.number ? `〔${r.year}〕${r.number}号“${r.topic}”` : `“${r.topic}”`,
      };
    }),
    adjustments: adjustments.map((r) => ({
      kind: 'adjustment' as const,
      id: r.id,
      unitId: member(r.unit_id),
      on: r.on,
      points: Number(r.points),
      reason: r.reason,
      basis: r.basis,
    })),
  };
}
