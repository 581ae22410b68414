import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { items } from './items.ts';
import { orgs, type PublicationDistribution, publications } from './orgs.ts';

/** Issue states; the transition table in server/modules/issues/issue-workflow.ts moves between them. */
export const ISSUE_STATUSES = ['draft', 'locked', 'signed', 'published'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/**
 * One issue (期) of a publication. The number is allocated when the draft is created, under a lock
 * on the publication row, so two editors creating issues at once get consecutive numbers; the
 * unique index is the last guard. `seriesKey` is the year for yearly numbering and 'all' for
 * continuous numbering. A draft may only be deleted while it is the last of its series, so the
 * numbers stay without gaps.
 */
export const publicationIssues = pgTable(
  'publication_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => publications.id),
    /** The owning office (copied from the publication, for scope conditions). */
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    seriesKey: text('series_key').notNull(),
    /** The year printed in the label (the year the issue was created). */
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    totalNumber: integer('total_number').notNull(),
    /** The formatted issue-number line, fixed at creation, e.g. 2026年第25期. */
    label: text('label').notNull(),
    /** An optional subject for lists and search (本期要目); the items' titles are searched too. */
    title: text('title'),
    editorNote: text('editor_note'),
    status: text('status').notNull().$type<IssueStatus>().default('draft'),
    distribution: jsonb('distribution').notNull().$type<PublicationDistribution>(),
    printCount: integer('print_count').notNull(),
    responsibleEditorId: uuid('responsible_editor_id').references(() => users.id),
    responsibleEditorName: text('responsible_editor_name'),
    /** The 签发领导 designated for this issue; null = any chief editor of the office. */
    signerId: uuid('signer_id').references(() => users.id),
    signerName: text('signer_name'),
    /** The sign-off date (Asia/Shanghai), printed as the issue date. */
    issueDate: date('issue_date'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedById: uuid('locked_by_id'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedById: uuid('signed_by_id'),
    signedByName: text('signed_by_name'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedById: uuid('published_by_id'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('publication_issues_number').on(t.publicationId, t.seriesKey, t.number),
    uniqueIndex('publication_issues_total').on(t.publicationId, t.totalNumber),
    index('publication_issues_office').on(t.officeId, t.status),
    index('publication_issues_publication_year').on(t.publicationId, t.year),
  ],
);

/** The items of an issue in print order; an item is in at most one issue. */
export const issueItems = pgTable(
  'issue_items',
  {
    issueId: uuid('issue_id')
      .notNull()
      .references(() => publicationIssues.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    position: integer('position').notNull(),
    /** Chosen for the government website: queued for the portal when the issue is published. */
    forPortal: boolean('for_portal').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.itemId] }), uniqueIndex('issue_items_item').on(t.itemId)],
);

export const ISSUE_FILE_KINDS = ['docx', 'pdf'] as const;
export type IssueFileKind = (typeof ISSUE_FILE_KINDS)[number];

/**
 * The archive (归档): every generated document of an issue, stored by content hash in FILES_DIR.
 * `final` marks the copy generated when the issue was published; regenerating a published issue
 * must give the same hash.
 */
export const issueFiles = pgTable(
  'issue_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => publicationIssues.id),
    kind: text('kind').notNull().$type<IssueFileKind>(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** The issue's status when the file was generated. */
    issueStatus: text('issue_status').notNull().$type<IssueStatus>(),
    final: boolean('final').notNull().default(false),
    /** Problems the format checker found (empty = passed); null when the kind has no checker. */
    checkProblems: jsonb('check_problems').$type<string[]>(),
    /** Which converter produced a PDF (libreoffice | chromium). */
    converter: text('converter'),
    generatedById: uuid('generated_by_id'),
    generatedByName: text('generated_by_name').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('issue_files_issue').on(t.issueId, t.generatedAt)],
);

/**
 * Circulation (传阅) of a published issue or of a single item to a leader; `readAt` is set the
 * first time the leader opens it. Exactly one of issueId / itemId is set.
 */
export const circulations = pgTable(
  'circulations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id').references(() => publicationIssues.id),
    itemId: uuid('item_id').references(() => items.id),
    /** The office that circulates (whose staff see the read times). */
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    recipientName: text('recipient_name').notNull(),
    note: text('note'),
    sentById: uuid('sent_by_id'),
    sentByName: text('sent_by_name').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    check('circulations_one_subject', sql`(${t.issueId} is null) <> (${t.itemId} is null)`),
    uniqueIndex('circulations_issue_recipient').on(t.issueId, t.recipientId),
    uniqueIndex('circulations_item_recipient').on(t.itemId, t.recipientId),
    index('circulations_recipient').on(t.recipientId, t.sentAt),
  ],
);

export const PORTAL_QUEUE_STATUSES = ['queued', 'withdrawn', 'posted'] as const;
export type PortalQueueStatus = (typeof PORTAL_QUEUE_STATUSES)[number];

/**
 * The hand-off to the public portal (网站待发布): published items marked 普通 and chosen for the
 * website. The portal (a later issue) takes `queued` rows and marks them `posted`; staff may
 * withdraw a queued row with a reason.
 */
export const portalQueue = pgTable(
  'portal_queue',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    issueId: uuid('issue_id').references(() => publicationIssues.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    status: text('status').notNull().$type<PortalQueueStatus>().default('queued'),
    queuedById: uuid('queued_by_id'),
    queuedByName: text('queued_by_name').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('portal_queue_item').on(t.itemId),
    index('portal_queue_office_status').on(t.officeId, t.status),
  ],
);
