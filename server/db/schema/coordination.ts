import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { publicationIssues } from './issues.ts';
import { items } from './items.ts';
import { orgs } from './orgs.ts';

// ─── Scheduler ────────────────────────────────────────────────────────────────────────────────

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The scheduler's queue (server/lib/scheduler): one row per run of a job. An instance claims due
 * rows with `FOR UPDATE SKIP LOCKED`, so with several instances on one PostgreSQL each row runs in
 * one of them; `dedupeKey` (unique) makes "enqueue once" safe under races (a recurring slot, a
 * delivery of one notification on one channel). A claim expires at `lockedUntil`: a job whose
 * instance died is taken again.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key'),
    payload: jsonb('payload').notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().$type<JobStatus>().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    index('jobs_due').on(t.status, t.runAt),
    index('jobs_kind').on(t.kind, t.status),
  ],
);

// ─── Notifications ────────────────────────────────────────────────────────────────────────────

/** A message in a user's 消息中心; `link` is the web path of the record it is about. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The office whose channels carry it outward. */
    officeId: uuid('office_id').references(() => orgs.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    /** Unique per user when set: the same fact never notifies twice (a reminder, an overdue mark). */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user').on(t.userId, t.id),
    index('notifications_user_unread').on(t.userId, t.id).where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_dedupe').on(t.userId, t.dedupeKey),
  ],
);

export const CHANNELS = ['sms', 'email', 'wecom', 'dingtalk'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One outbound delivery of a notification on one channel: the delivery log. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    officeId: uuid('office_id').references(() => orgs.id),
    channel: text('channel').notNull().$type<Channel>(),
    /** Phone, e-mail address or the robot's name; what the log shows. */
    address: text('address').notNull(),
    status: text('status').notNull().$type<DeliveryStatus>().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once').on(t.notificationId, t.channel),
    index('notification_deliveries_office').on(t.officeId, t.status, t.id),
  ],
);

/** A user's channel choices: `{ sms: true, email: false, … }`; missing means the default. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  channels: jsonb('channels').notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// ─── Attachments of coordination records ─────────────────────────────────────────────────────

export const RECORD_TYPES = ['instruction', 'feedback', 'commission', 'meeting'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Files on a 批示 (its scan), a 落实反馈, a 约稿 or a meeting; bytes stored by hash as item files. */
export const recordAttachments = pgTable(
  'record_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordType: text('record_type').notNull().$type<RecordType>(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: uuid('uploaded_by_id'),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('record_attachments_record').on(t.recordType, t.recordId),
    index('record_attachments_sha').on(t.sha256),
  ],
);

// ─── Leader instructions (领导批示) ───────────────────────────────────────────────────────────

/** 国务院 / 省 / 市 / 县 (and the 乡镇 level for a township leader's instruction). */
export const INSTRUCTION_LEVELS = ['state_council', 'province', 'city', 'county', 'township'] as const;
export type InstructionLevel = (typeof INSTRUCTION_LEVELS)[number];
export const INSTRUCTION_LEVEL_LABELS: Record<InstructionLevel, string> = {
  state_council: '国务院',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇',
};
/**
 * 主要领导 (the head of the government or Party committee at that level) or 分管领导 / another
 * leader: some 考核办法 pay a principal leader's 批示 more than a deputy's of the same level.
 */
export const LEADER_RANKS = ['principal', 'deputy'] as const;
export type LeaderRank = (typeof LEADER_RANKS)[number];
export const LEADER_RANK_LABELS: Record<LeaderRank, string> = {
  principal: '主要领导',
  deputy: '分管（其他）领导',
};
/** Written by the leader in Xinbao, or recorded by an editor from paper or an upper office. */
export const INSTRUCTION_SOURCES = ['online', 'paper', 'upper'] as const;
export type InstructionSource = (typeof INSTRUCTION_SOURCES)[number];
export const INSTRUCTION_STATUSES = ['recorded', 'assigned', 'closed'] as const;
export type InstructionStatus = (typeof INSTRUCTION_STATUSES)[number];

/** A leader's instruction (批示) on an item or an issue, held by the office that relays it. */
export const instructions = pgTable(
  'instructions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serial: bigint('serial', { mode: 'number' }).generatedAlwaysAsIdentity(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    itemId: uuid('item_id').references(() => items.id),
    issueId: uuid('issue_id').references(() => publicationIssues.id),
    /** The unit the item came from (the origin unit's page shows the marker); null for an issue. */
    originUnitId: uuid('origin_unit_id').references(() => orgs.id),
    source: text('source').notNull().$type<InstructionSource>(),
    leaderId: uuid('leader_id').references(() => users.id),
    leaderName: text('leader_name').notNull(),
    leaderTitle: text('leader_title'),
    level: text('level').notNull().$type<InstructionLevel>(),
    /** Null when not recorded. */
    leaderRank: text('leader_rank').$type<LeaderRank>(),
    text: text('text').notNull(),
    instructedOn: date('instructed_on').notNull(),
    status: text('status').notNull().$type<InstructionStatus>().default('recorded'),
    recordedById: uuid('recorded_by_id'),
    recordedByName: text('recorded_by_name').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('instructions_serial').on(t.serial),
    index('instructions_office').on(t.officeId, t.status, t.id),
    index('instructions_item').on(t.itemId),
    index('instructions_issue').on(t.issueId),
    index('instructions_origin_unit').on(t.originUnitId),
    index('instructions_instructed_on').on(t.instructedOn),
  ],
);

/**
 * 待反馈 → 已反馈 (the office reviews) → 已办结, or back to 需补充 (the office asks for more).
 * Overdue is not a status: a row is overdue while not 已办结 and past its deadline.
 */
export const ASSIGNMENT_STATUSES = [
  'awaiting_feedback',
  'feedback_submitted',
  'more_requested',
  'completed',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** An instruction given to one handling unit (承办单位) with its feedback deadline. */
export const instructionAssignments = pgTable(
  'instruction_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instructionId: uuid('instruction_id')
      .notNull()
      .references(() => instructions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgs.id),
    deadline: date('deadline').notNull(),
    requirement: text('requirement'),
    status: text('status').notNull().$type<AssignmentStatus>().default('awaiting_feedback'),
    assignedById: uuid('assigned_by_id'),
    assignedByName: text('assigned_by_name').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the first feedback arrived (late if after the deadline's end). */
    firstFeedbackAt: timestamp('first_feedback_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('instruction_assignments_unit').on(t.instructionId, t.unitId),
    index('instruction_assignments_unit_status').on(t.unitId, t.status),
    index('instruction_assignments_deadline').on(t.status, t.deadline),
  ],
);

export const FEEDBACK_DECISIONS = ['accepted', 'more_requested'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];

/** One round of 落实反馈 from a handling unit, and the office's decision on it. */
export const instructionFeedback = pgTable(
  'instruction_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => instructionAssignments.id),
    round: integer('round').notNull(),
    text: text('text').notNull(),
    submittedById: uuid('submitted_by_id'),
    submittedByName: text('submitted_by_name').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decision: text('decision').$type<FeedbackDecision>(),
    decisionNote: text('decision_note'),
    decidedById: uuid('decided_by_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('instruction_feedback_round').on(t.assignmentId, t.round)],
);

// ─── Commissions (约稿) ───────────────────────────────────────────────────────────────────────

export const COMMISSION_STATUSES = ['draft', 'issued', 'closed', 'cancelled'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/** A 约稿通知单 of an office to named units. */
export const commissions = pgTable(
  'commissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    /** 约稿 number in its year, taken when issued (汾政办约〔2026〕3号). */
    year: integer('year'),
    number: integer('number'),
    topic: text('topic').notNull(),
    requirements: text('requirements').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    status: text('status').notNull().$type<CommissionStatus>().default('draft'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedByName: text('issued_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commissions_office').on(t.officeId, t.status, t.deadline),
    uniqueIndex('commissions_number').on(t.officeId, t.year, t.number),
  ],
);

/** 待答复 → 已报送 (an item linked) or 已婉拒 (declined with a reason). */
export const COMMISSION_ANSWERS = ['open', 'answered', 'declined'] as const;
export type CommissionAnswer = (typeof COMMISSION_ANSWERS)[number];

/** A unit a commission was sent to: its read receipt and its answer. */
export const commissionTargets = pgTable(
  'commission_targets',
  {
    commissionId: uuid('commission_id')
      .notNull()
      .references(() => commissions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgs.id),
    readAt: timestamp('read_at', { withTimezone: true }),
    readById: uuid('read_by_id'),
    readByName: text('read_by_name'),
    answer: text('answer').notNull().$type<CommissionAnswer>().default('open'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.commissionId, t.unitId] }),
    index('commission_targets_unit').on(t.unitId, t.answer),
  ],
);

// ─── Priority topics (报送要点) ───────────────────────────────────────────────────────────────

export const TOPIC_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** A priority topic of an office for a period; units tag items to it. */
export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    status: text('status').notNull().$type<TopicStatus>().default('draft'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdByName: text('created_by_name').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('topics_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('topics_office').on(t.officeId, t.status, t.periodEnd),
  ],
);

// ─── Liaison registry (信息联络员备案) ────────────────────────────────────────────────────────

/** A unit's filing for a year: its 分管领导 and 信息员. One per unit and year; changes are revisions. */
export const liaisonFilings = pgTable(
  'liaison_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    leaderName: text('leader_name').notNull(),
    leaderTitle: text('leader_title').notNull(),
    leaderPhone: text('leader_phone').notNull(),
    reporterName: text('reporter_name').notNull(),
    reporterTitle: text('reporter_title'),
    reporterPhone: text('reporter_phone').notNull(),
    reporterMobile: text('reporter_mobile'),
    reporterEmail: text('reporter_email'),
    filedById: uuid('filed_by_id'),
    filedByName: text('filed_by_name').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('liaison_filings_unit_year').on(t.unitId, t.year)],
);

/** Every version of a filing, the first included: who changed what, when. */
export const liaisonFilingRevisions = pgTable(
  'liaison_filing_revisions',
  {
    filingId: uuid('filing_id')
      .notNull()
      .references(() => liaisonFilings.id),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    changedById: uuid('changed_by_id'),
    changedByName: text('changed_by_name').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.filingId, t.version] })],
);

// ─── Meetings and training (会议与培训) ───────────────────────────────────────────────────────

export const MEETING_KINDS = ['work_meeting', 'training', 'video_conference'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

/** A work meeting, training course or video conference an office held or took part in. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').notNull().$type<MeetingKind>(),
    level: text('level').notNull().$type<MeetingLevel>(),
    title: text('title').notNull(),
    organiser: text('organiser').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    location: text('location'),
    /** `{ before: [{label, done}], during: […], after: […] }` — 会前调试、会中保障、会后维护. */
    checklist: jsonb('checklist').notNull().default({}),
    minutes: text('minutes').notNull().default(''),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_office').on(t.officeId, t.startsAt)],
);

export const ATTENDANCE = ['expected', 'present', 'absent', 'excused'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** A unit invited to a meeting and whether it attended (and who came). */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgs.id),
    attendance: text('attendance').notNull().$type<Attendance>().default('expected'),
    attendees: text('attendees'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.unitId] }), index('meeting_participants_unit').on(t.unitId)],
);
