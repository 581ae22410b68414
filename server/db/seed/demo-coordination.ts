import { and, asc, desc, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { chinaDate, DAY_MS, HOUR_MS } from '../../lib/clock.ts';
import { defaultChecklist } from '../../modules/meetings/index.ts';
import type { Db } from '../client.ts';
import {
  circulations,
  commissions,
  commissionTargets,
  instructionAssignments,
  instructionFeedback,
  instructions,
  items,
  liaisonFilingRevisions,
  liaisonFilings,
  meetingParticipants,
  meetings,
  orgs,
  publicationIssues,
  topics,
  users,
} from '../schema/index.ts';

export type DemoCoordinationSummary = {
  instructions: number;
  filings: number;
  meetings: number;
  commissions: number;
  topics: number;
};

/** 分管领导 of the demo units, by position in the registry (a name per unit, nothing personal). */
const LEADER_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const LEADER_GIVEN = [
  '建国',
  '志强',
  '海军',
  '晓明',
  '立新',
  '卫东',
  '文华',
  '永平',
  '国栋',
  '俊峰',
  '秀兰',
  '红梅',
];
/** Units that have not filed this year: the office's 未备案 list is never empty in the demo. */
const NOT_FILED = 5;

const at = (now: Date, daysAgo: number, hour = 9) => {
  const day = chinaDate(new Date(now.getTime() - daysAgo * DAY_MS));
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
};

/**
 * 汾阳's coordination records, in phase with the calendar: the 副市长's instructions on items
 * circulated to him (one closed after accepted feedback, one waiting for the unit's report), an
 * instruction of 吕梁's 副市长 recorded from paper with one unit overdue and one report to review,
 * a paper instruction on an issue not yet assigned; this year's liaison filings of all but a few
 * units (one changed once); the year's meetings and training with attendance, and one to come.
 * Runs after the circulation demo, in the same transaction.
 */
export async function seedDemoCoordination(tx: Db, now: Date): Promise<DemoCoordinationSummary> {
  const [office] = await tx.select().from(orgs).where(eq(orgs.code, 'fy'));
  const people = await tx
    .select({ id: users.id, username: users.username, name: users.displayName, phone: users.phone })
    .from(users);
  const byName = new Map(people.map((p) => [p.username, p]));
  const editor = byName.get('editor');
  const leader = byName.get('leader');
  if (!office || !editor || !leader) throw new Error('演示数据缺少汾阳市政府办、编辑或领导');
  const units = await tx
    .select()
    .from(orgs)
    .where(and(eq(orgs.parentId, office.id), eq(orgs.active, true)))
    .orderBy(asc(orgs.sortOrder), asc(orgs.code));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const reporterOf = (code: string) => byName.get(`${code}_xxy`);
  const signerOf = (code: string) => byName.get(`${code}_qf`);

  // ── 领导批示 ─────────────────────────────────────────────────────────────────────────────
  let instructionCount = 0;
  const assigned = { assignedById: editor.id, assignedByName: editor.name };
  const addInstruction = async (values: typeof instructions.$inferInsert) => {
    const [row] = await tx.insert(instructions).values(values).returning({ id: instructions.id });
    instructionCount++;
    return row?.id as string;
  };
  const read = await tx
    .select({ itemId: circulations.itemId, readAt: circulations.readAt })
    .from(circulations)
    .where(
      and(
        eq(circulations.recipientId, leader.id),
        isNotNull(circulations.itemId),
        isNotNull(circulations.readAt),
      ),
    )
    .orderBy(asc(circulations.readAt));
  const readItems = read.length
    ? await tx
        .select({ id: items.id, title: items.title, unitId: items.originUnitId })
        .from(items)
        .where(
          inArray(
            items.id,
            read.map((r) => r.itemId as string),
          ),
        )
    : [];
  const online = read
    .map((r) => ({ ...r, item: readItems.find((i) => i.id === r.itemId) }))
    .filter((r) => r.item && unitById.has(r.item.unitId));
  for (const [i, r] of online.slice(0, 2).entries()) {
    const item = r.item as NonNullable<(typeof online)[number]['item']>;
    const unit = unitById.get(item.unitId) as (typeof units)[number];
    const writtenAt = new Date((r.readAt as Date).getTime() + HOUR_MS);
    const assignedAt = new Date(writtenAt.getTime() + 2 * HOUR_MS);
    const closed = i === 0 && now.getTime() - assignedAt.getTime() > 3 * HOUR_MS;
    const id = await addInstruction({
      officeId: office.id,
      itemId: item.id,
      originUnitId: unit.id,
      source: 'online',
      leaderId: leader.id,
      leaderName: leader.name,
      leaderTitle: '副市长',
      level: 'county',
      text: closed
        ? `此经验做法很好，请${unit.shortName}认真总结，形成可复制推广的制度成果。`
        : `请${unit.shortName}抓紧研究，拿出具体落实措施，按期报告进展情况。`,
      instructedOn: chinaDate(writtenAt),
      status: 'assigned',
      recordedById: leader.id,
      recordedByName: leader.name,
      createdAt: writtenAt,
      updatedAt: assignedAt,
      version: 2,
    });
    const [a] = await tx
      .insert(instructionAssignments)
      .values({
        instructionId: id,
        unitId: unit.id,
        deadline: chinaDate(new Date(assignedAt.getTime() + 10 * DAY_MS)),
        requirement: '请书面报送落实情况及下一步打算。',
        ...assigned,
        assignedAt,
      })
      .returning({ id: instructionAssignments.id });
    const reporter = reporterOf(unit.code);
    if (closed && a && reporter) {
      const fedAt = new Date(assignedAt.getTime() + HOUR_MS);
      const decidedAt = new Date(fedAt.getTime() + HOUR_MS);
      await tx.insert(instructionFeedback).values({
        assignmentId: a.id,
        round: 1,
        text: `${unit.shortName}已召开专题会议研究，将相关做法形成工作制度，并在系统内推广。`,
        submittedById: reporter.id,
        submittedByName: reporter.name,
        submittedAt: fedAt,
        decision: 'accepted',
        decisionNote: '同意办结。',
        decidedById: editor.id,
        decidedByName: editor.name,
        decidedAt,
      });
      await tx
        .update(instructionAssignments)
        .set({ status: 'completed', firstFeedbackAt: fedAt, completedAt: decidedAt, version: 3 })
        .where(eq(instructionAssignments.id, a.id));
      await tx
        .update(instructions)
        .set({ status: 'closed', closedAt: decidedAt, updatedAt: decidedAt, version: 3 })
        .where(eq(instructions.id, id));
    }
  }

  // 吕梁's 副市长 on a published item of 汾阳, received on paper: two units, one overdue.
  const [older] = await tx
    .select({ id: items.id, unitId: items.originUnitId })
    .from(items)
    .where(and(eq(items.officeId, office.id), eq(items.status, 'published')))
    .orderBy(desc(items.decidedAt))
    .offset(8)
    .limit(1);
  const handling = units.filter((u) => u.kind === 'unit' && reporterOf(u.code)).slice(0, 2);
  const olderUnit = older && unitById.get(older.unitId);
  if (older && olderUnit && handling.length === 2) {
    const writtenOn = at(now, 25);
    const assignedAt = new Date(writtenOn.getTime() + DAY_MS);
    const pair = [olderUnit, ...handling.filter((u) => u.id !== olderUnit.id)].slice(0, 2);
    const id = await addInstruction({
      officeId: office.id,
      itemId: older.id,
      originUnitId: olderUnit.id,
      source: 'upper',
      leaderName: '李建平',
      leaderTitle: '吕梁市副市长',
      level: 'city',
      text: '汾阳的做法值得肯定，请汾阳市政府督促相关部门进一步完善机制，持续抓好落实。',
      instructedOn: chinaDate(writtenOn),
      status: 'assigned',
      recordedById: editor.id,
      recordedByName: editor.name,
      createdAt: writtenOn,
      updatedAt: assignedAt,
      version: 2,
    });
    for (const [i, unit] of pair.entries()) {
      const [a] = await tx
        .insert(instructionAssignments)
        .values({
          instructionId: id,
          unitId: unit.id,
          deadline: chinaDate(new Date(now.getTime() - 3 * DAY_MS)),
          requirement: '请于期限前报送落实情况，由市政府办汇总后报吕梁市政府办。',
          ...assigned,
          assignedAt,
        })
        .returning({ id: instructionAssignments.id });
      const reporter = reporterOf(unit.code);
      if (i === 0 && a && reporter) {
        const fedAt = at(now, 5, 16);
        await tx.insert(instructionFeedback).values({
          assignmentId: a.id,
          round: 1,
          text: `${unit.shortName}已制定完善工作机制的具体方案，明确责任分工和时间节点，正在逐项推进。`,
          submittedById: reporter.id,
          submittedByName: reporter.name,
          submittedAt: fedAt,
        });
        await tx
          .update(instructionAssignments)
          .set({ status: 'feedback_submitted', firstFeedbackAt: fedAt, version: 2 })
          .where(eq(instructionAssignments.id, a.id));
      }
    }
  }

  // The 市长's instruction on the latest issue, recorded from paper, waiting to be assigned.
  const [issue] = await tx
    .select({ id: publicationIssues.id, publishedAt: publicationIssues.publishedAt })
    .from(publicationIssues)
    .where(and(eq(publicationIssues.officeId, office.id), eq(publicationIssues.status, 'published')))
    .orderBy(desc(publicationIssues.publishedAt))
    .limit(1);
  if (issue?.publishedAt && now.getTime() - issue.publishedAt.getTime() > DAY_MS) {
    const recordedAt = new Date(Math.max(issue.publishedAt.getTime() + DAY_MS, now.getTime() - 2 * HOUR_MS));
    await addInstruction({
      officeId: office.id,
      issueId: issue.id,
      source: 'paper',
      leaderName: '王志刚',
      leaderTitle: '市长',
      level: 'county',
      text: '本期信息反映的问题要高度重视，请市政府办梳理后交相关部门办理。',
      instructedOn: chinaDate(recordedAt),
      recordedById: editor.id,
      recordedByName: editor.name,
      createdAt: recordedAt,
      updatedAt: recordedAt,
    });
  }

  // ── 联络员备案 ─────────────────────────────────────────────────────────────────────────
  const year = Number(chinaDate(now).slice(0, 4));
  const filers = units.filter((u) => reporterOf(u.code)).slice(0, Math.max(0, units.length - NOT_FILED));
  // All filings in one statement, then all their versions in another.
  const planned = filers.flatMap((unit, i) => {
    const reporter = reporterOf(unit.code);
    const filer = reporter ?? signerOf(unit.code);
    if (!reporter || !filer) return [];
    const january = new Date(`${year}-01-${String(5 + (i % 20)).padStart(2, '0')}T10:00:00+08:00`);
    const filedAt = new Date(Math.min(now.getTime() - HOUR_MS, january.getTime()));
    const data = {
      leaderName: `${LEADER_SURNAMES[i % LEADER_SURNAMES.length]}${LEADER_GIVEN[i % LEADER_GIVEN.length]}`,
      leaderTitle: /镇|乡|街道|办事处/.test(unit.name) ? '党委副书记' : '副局长',
      leaderPhone: `0358-72${String(30000 + i * 7).slice(-5)}`,
      reporterName: reporter.name,
      reporterTitle: '信息员',
      reporterPhone: `0358-72${String(40000 + i * 11).slice(-5)}`,
      reporterMobile:
        reporter.phone && /^1[3-9]\d{9}$/.test(reporter.phone)
          ? reporter.phone
          : `139035${String(80000 + i).slice(-5)}`,
      reporterEmail: null as string | null,
    };
    // One unit changed its 分管领导 a month after filing: two versions in its history.
    const changedAt =
      i === 2 && now.getTime() - filedAt.getTime() > 30 * DAY_MS
        ? new Date(filedAt.getTime() + 30 * DAY_MS)
        : null;
    return [{ unit, filer, filedAt, data, changedAt }];
  });
  const filed = planned.length
    ? await tx
        .insert(liaisonFilings)
        .values(
          planned.map((p) => ({
            unitId: p.unit.id,
            year,
            ...p.data,
            filedById: p.filer.id,
            filedByName: p.filer.name,
            filedAt: p.filedAt,
            updatedAt: p.changedAt ?? p.filedAt,
            version: p.changedAt ? 2 : 1,
          })),
        )
        .returning({ id: liaisonFilings.id, unitId: liaisonFilings.unitId })
    : [];
  const filingOf = new Map(filed.map((f) => [f.unitId, f.id]));
  const revisions = planned.flatMap((p) => {
    const filingId = filingOf.get(p.unit.id) as string;
    const by = { changedById: p.filer.id, changedByName: p.filer.name };
    if (!p.changedAt) return [{ filingId, version: 1, data: p.data, ...by, changedAt: p.filedAt }];
    return [
      {
        filingId,
        version: 1,
        data: { ...p.data, leaderName: '冯国强', leaderTitle: '局长' },
        ...by,
        changedAt: p.filedAt,
      },
      { filingId, version: 2, data: p.data, ...by, changedAt: p.changedAt },
    ];
  });
  if (revisions.length) await tx.insert(liaisonFilingRevisions).values(revisions);
  const filings = filed.length;

  // ── 会议与培训 ────────────────────────────────────────────────────────────────────────
  const done = (
    kind: 'work_meeting' | 'training' | 'video_conference',
    by: string,
    when: Date,
    upTo = 99,
  ) => {
    const c = defaultChecklist(kind);
    let n = 0;
    for (const phase of ['before', 'during', 'after'] as const)
      for (const item of c[phase])
        if (n++ < upTo) Object.assign(item, { done: true, doneByName: by, doneAt: when.toISOString() });
    return c;
  };
  const MEETINGS: {
    kind: 'work_meeting' | 'training' | 'video_conference';
    level: 'national' | 'province' | 'city' | 'county';
    title: string;
    organiser: string;
    daysAgo: number;
    hours: number;
    location: string;
    invite: number;
    minutes: string;
  }[] = [
    {
      kind: 'work_meeting',
      level: 'county',
      title: `汾阳市${year}年政务信息工作会议`,
      organiser: '汾阳市人民政府办公室',
      daysAgo: 290,
      hours: 2,
      location: '市政府三楼会议室',
      invite: 99,
      minutes: '会议总结了上年度政务信息工作，通报了各单位信息报送采用情况，部署了本年度重点任务。',
    },
    {
      kind: 'training',
      level: 'province',
      title: '全省政务信息工作业务培训班',
      organiser: '山西省人民政府办公厅',
      daysAgo: 220,
      hours: 16,
      location: '太原市',
      invite: 0,
      minutes: '信息科两名同志参加培训，学习了政务信息写作、报送和保密要求。',
    },
    {
      kind: 'video_conference',
      level: 'city',
      title: '全市政务信息工作推进视频会议',
      organiser: '吕梁市人民政府办公室',
      daysAgo: 120,
      hours: 1.5,
      location: '市政府视频会议室',
      invite: 8,
      minutes: '吕梁市政府办通报了各县（市、区）信息报送情况，汾阳市排名第三。',
    },
    {
      kind: 'training',
      level: 'county',
      title: '全市信息员业务培训班',
      organiser: '汾阳市人民政府办公室',
      daysAgo: -10,
      hours: 3,
      location: '市政府三楼会议室',
      invite: 12,
      minutes: '',
    },
  ];
  for (const m of MEETINGS) {
    const startsAt = at(now, m.daysAgo, 9);
    if (m.daysAgo > 0 && Number(chinaDate(startsAt).slice(0, 4)) !== year) continue;
    const past = startsAt.getTime() < now.getTime();
    const [row] = await tx
      .insert(meetings)
      .values({
        officeId: office.id,
        kind: m.kind,
        level: m.level,
        title: m.title,
        organiser: m.organiser,
        startsAt,
        endsAt: new Date(startsAt.getTime() + m.hours * HOUR_MS),
        location: m.location,
        checklist: past
          ? done(m.kind, editor.name, startsAt)
          : done(m.kind, editor.name, new Date(now.getTime() - DAY_MS), 1),
        minutes: m.minutes,
        createdByName: editor.name,
        createdAt: new Date(startsAt.getTime() - 7 * DAY_MS),
        updatedAt: past ? startsAt : new Date(now.getTime() - DAY_MS),
        version: past ? 3 : 2,
      })
      .returning({ id: meetings.id });
    const invited = units.filter((u) => reporterOf(u.code)).slice(0, m.invite);
    if (!row || invited.length === 0) continue;
    await tx.insert(meetingParticipants).values(
      invited.map((u, i) => {
        const attendance = !past
          ? 'expected'
          : i % 11 === 5
            ? 'absent'
            : i % 13 === 7
              ? 'excused'
              : 'present';
        return {
          meetingId: row.id,
          unitId: u.id,
          attendance,
          attendees: attendance === 'present' ? (reporterOf(u.code)?.name ?? null) : null,
        } as const;
      }),
    );
  }
  const topicCount = await seedTopics(tx, now, office.id, editor.name);
  const commissionCount = await seedCommissions(tx, now, office.id, editor, units, reporterOf);
  return {
    instructions: instructionCount,
    filings,
    meetings: MEETINGS.length,
    topics: topicCount,
    commissions: commissionCount,
  };
}

/** The first and last day of the quarter `offset` quarters from the one holding `day`. */
function quarterOf(day: string, offset = 0) {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + offset;
  const year = y + Math.floor(q / 4);
  const first = (((q % 4) + 4) % 4) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { start: `${year}-${mm(first)}-01`, end: `${year}-${mm(first + 2)}-${last}` };
}

/**
 * 报送要点: two published for this quarter (the office's items of the period tagged to them), one of
 * the last quarter, ended, and a draft for the next one.
 */
async function seedTopics(tx: Db, now: Date, officeId: string, editorName: string): Promise<number> {
  const today = chinaDate(now);
  const current = quarterOf(today);
  const last = quarterOf(today, -1);
  const next = quarterOf(today, 1);
  const published = (start: string) => new Date(new Date(`${start}T09:00:00+08:00`).getTime() - 3 * DAY_MS);
  const rows = await tx
    .insert(topics)
    .values([
      {
        officeId,
        title: '优化营商环境',
        description:
          '围绕“放管服”改革、惠企政策落地、审批提速等方面，报送经验做法、取得成效和企业反映的问题。',
        periodStart: current.start,
        periodEnd: current.end,
        status: 'published' as const,
        sortOrder: 1,
        createdByName: editorName,
        publishedAt: published(current.start),
        createdAt: published(current.start),
        version: 2,
      },
      {
        officeId,
        title: '乡村振兴与特色产业',
        description: '报送特色种养、农产品加工、农旅融合等方面的新举措和典型案例。',
        periodStart: current.start,
        periodEnd: current.end,
        status: 'published' as const,
        sortOrder: 2,
        createdByName: editorName,
        publishedAt: published(current.start),
        createdAt: published(current.start),
        version: 2,
      },
      {
        officeId,
        title: '安全生产与防汛',
        description: '报送隐患排查整治、应急演练和汛期值守情况。',
        periodStart: last.start,
        periodEnd: last.end,
        status: 'published' as const,
        sortOrder: 1,
        createdByName: editorName,
        publishedAt: published(last.start),
        createdAt: published(last.start),
        version: 2,
      },
      {
        officeId,
        title: '冬春季节民生保障',
        description: '报送供暖、保供稳价、困难群众帮扶等方面的做法。',
        periodStart: next.start,
        periodEnd: next.end,
        status: 'draft' as const,
        sortOrder: 1,
        createdByName: editorName,
        createdAt: now,
      },
    ])
    .returning({ id: topics.id, start: topics.periodStart, end: topics.periodEnd, title: topics.title });
  // Tag the office's items of each published topic's period by their category of work.
  const rules: [string, RegExp][] = [
    ['优化营商环境', /企业|营商|审批|政务服务|财政|税/],
    ['乡村振兴与特色产业', /乡村|农|畜|种植|养殖|产业/],
    ['安全生产与防汛', /安全|防汛|隐患|应急|水/],
  ];
  const candidates = await tx
    .select({ id: items.id, title: items.title, submittedAt: items.submittedAt })
    .from(items)
    .where(
      and(
        eq(items.officeId, officeId),
        isNotNull(items.submittedAt),
        inArray(items.status, ['submitted', 'accepted', 'in_issue', 'published', 'returned', 'rejected']),
      ),
    )
    .orderBy(desc(items.submittedAt))
    .limit(400);
  for (const [title, pattern] of rules) {
    const topic = rows.find((r) => r.title === title);
    if (!topic) continue;
    const from = new Date(`${topic.start}T00:00:00+08:00`).getTime();
    const to = new Date(`${topic.end}T00:00:00+08:00`).getTime() + DAY_MS;
    const ids = candidates
      .filter((c) => {
        const at = (c.submittedAt as Date).getTime();
        return at >= from && at < to && pattern.test(c.title);
      })
      .slice(0, 12)
      .map((c) => c.id);
    if (ids.length) await tx.update(items).set({ topicId: topic.id }).where(inArray(items.id, ids));
  }
  return rows.length;
}

type Person = { id: string; name: string; phone: string | null };

/**
 * 约稿: one issued this week to four units (two read it, one declined, one still open, due in three
 * days) and one of last month, closed, answered late by one unit and missed by another.
 */
async function seedCommissions(
  tx: Db,
  now: Date,
  officeId: string,
  editor: Person,
  units: (typeof orgs.$inferSelect)[],
  reporterOf: (code: string) => Person | undefined,
): Promise<number> {
  const targets = units.filter((u) => u.kind === 'unit' && reporterOf(u.code)).slice(0, 4);
  if (targets.length < 4) return 0;
  const year = Number(chinaDate(now).slice(0, 4));
  const issuedOld = at(now, 40, 10);
  const issuedNew = at(now, 2, 10);
  if (Number(chinaDate(issuedOld).slice(0, 4)) !== year) return 0;
  const base = {
    officeId,
    year,
    contactName: editor.name,
    contactPhone: '0358-7221000',
    createdById: editor.id,
    createdByName: editor.name,
    issuedByName: editor.name,
  };
  const [old, fresh] = await tx
    .insert(commissions)
    .values([
      {
        ...base,
        number: 1,
        topic: '三季度重点项目建设进展',
        requirements:
          '请围绕三季度重点项目开工、投资完成和要素保障情况报送信息 1 至 2 篇，突出进度和成效，附典型做法。',
        deadline: new Date(at(now, 30, 17).getTime()),
        status: 'closed',
        issuedAt: issuedOld,
        closedAt: at(now, 28, 9),
        createdAt: issuedOld,
        updatedAt: at(now, 28, 9),
        version: 3,
      },
      {
        ...base,
        number: 2,
        topic: '惠企政策落地情况',
        requirements: '请报送本单位落实惠企政策的具体做法、取得成效和典型案例，每篇不超过 800 字。',
        deadline: new Date(at(now, -3, 17).getTime()),
        status: 'issued',
        issuedAt: issuedNew,
        createdAt: issuedNew,
        updatedAt: issuedNew,
        version: 2,
      },
    ])
    .returning({ id: commissions.id });
  if (!old || !fresh) return 0;
  const reader = (u: (typeof targets)[number], when: Date) => {
    const r = reporterOf(u.code) as Person;
    return { readAt: when, readById: r.id, readByName: r.name };
  };
  const [a, b, c, d] = targets as [
    (typeof targets)[number],
    (typeof targets)[number],
    (typeof targets)[number],
    (typeof targets)[number],
  ];
  await tx.insert(commissionTargets).values([
    // Last month's: a answered on time, b late, c declined, d missed.
    {
      commissionId: old.id,
      unitId: a.id,
      ...reader(a, at(now, 39, 11)),
      answer: 'answered',
      answeredAt: at(now, 33, 16),
    },
    {
      commissionId: old.id,
      unitId: b.id,
      ...reader(b, at(now, 38, 9)),
      answer: 'answered',
      answeredAt: at(now, 29, 10),
    },
    {
      commissionId: old.id,
      unitId: c.id,
      ...reader(c, at(now, 39, 15)),
      answer: 'declined',
      answeredAt: at(now, 35, 9),
      declineReason: '本单位三季度无新建项目，暂无可报送的信息。',
    },
    { commissionId: old.id, unitId: d.id, remindedAt: at(now, 31, 9), overdueNotifiedAt: at(now, 29, 9) },
    // This week's: two read, one declined, two open.
    { commissionId: fresh.id, unitId: a.id, ...reader(a, at(now, 2, 15)) },
    {
      commissionId: fresh.id,
      unitId: b.id,
      ...reader(b, at(now, 1, 9)),
      answer: 'declined',
      answeredAt: at(now, 1, 10),
      declineReason: '本单位近期无惠企政策相关工作。',
    },
    { commissionId: fresh.id, unitId: c.id },
    { commissionId: fresh.id, unitId: d.id },
  ]);
  // The answers of last month: the units' items of that time, linked to the commission.
  for (const [unit, answeredAt] of [
    [a, at(now, 33, 16)],
    [b, at(now, 29, 10)],
  ] as const) {
    const [linked] = await tx
      .select({ id: items.id })
      .from(items)
      .where(
        and(
          eq(items.officeId, officeId),
          eq(items.originUnitId, unit.id),
          gte(items.submittedAt, issuedOld),
          lte(items.submittedAt, answeredAt),
        ),
      )
      .orderBy(desc(items.submittedAt))
      .limit(1);
    if (linked) await tx.update(items).set({ commissionId: old.id }).where(eq(items.id, linked.id));
  }
  return 2;
}
