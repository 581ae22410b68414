import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
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
import { commissions, topics } from './coordination.ts';
import { publicationIssues } from './issues.ts';
import { orgs, publications } from './orgs.ts';

/** Workflow states of an item; the transition table in server/modules/items/workflow.ts moves between them. */
export const ITEM_STATUSES = [
  'draft',
  'pending_signoff',
  'submitted',
  'returned',
  'rejected',
  'accepted',
  'in_issue',
  'published',
  'merged',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** 普通 / 紧急 / 送阅件. */
export const ITEM_PRIORITIES = ['normal', 'urgent', 'for_reading'] as const;
export type ItemPriority = (typeof ITEM_PRIORITIES)[number];

/** 普通 / 秘密 / 机密 — only `public` may ever reach a public page. */
export const SECRECY_LEVELS = ['public', 'secret', 'confidential'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];

/**
 * An information item (政务信息) as held by one receiving office. Forwarding (转报) creates a copy
 * at the parent office (`forwardedFromId` → the lower copy, `rootId` → the original) that keeps
 * the origin unit; each office runs the same workflow on its own copy.
 */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-facing number, unique per installation (信息编号). */
    serial: bigint('serial', { mode: 'number' }).generatedAlwaysAsIdentity(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    submittingUnitId: uuid('submitting_unit_id')
      .notNull()
      .references(() => orgs.id),
    originUnitId: uuid('origin_unit_id')
      .notNull()
      .references(() => orgs.id),
    rootId: uuid('root_id').references((): AnyPgColumn => items.id),
    forwardedFromId: uuid('forwarded_from_id').references((): AnyPgColumn => items.id),
    /** Set on the lower copy once it has been forwarded (1事1报: once). */
    forwardedToId: uuid('forwarded_to_id').references((): AnyPgColumn => items.id),
    followUpOfId: uuid('follow_up_of_id').references((): AnyPgColumn => items.id),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => items.id),
    /** The 约稿 this item answers, and the 报送要点 it is written to (the unit's choice). */
    commissionId: uuid('commission_id').references((): AnyPgColumn => commissions.id),
    topicId: uuid('topic_id').references((): AnyPgColumn => topics.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    categoryCode: text('category_code').notNull(),
    priority: text('priority').notNull().$type<ItemPriority>().default('normal'),
    secrecy: text('secrecy').notNull().$type<SecrecyLevel>().default('public'),
    keywords: text('keywords').array().notNull().default([]),
    authorId: uuid('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    authorPhone: text('author_phone'),
    signerId: uuid('signer_id').references(() => users.id),
    signerName: text('signer_name'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    eventAt: timestamp('event_at', { withTimezone: true }),
    status: text('status').notNull().$type<ItemStatus>().default('draft'),
    targetPublicationId: uuid('target_publication_id').references(() => publications.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The latest version number in item_versions. */
    currentVersion: integer('current_version').notNull().default(1),
    /** Optimistic lock for every write to the row. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('items_serial').on(t.serial),
    index('items_office_status').on(t.officeId, t.status),
    index('items_submitting_unit').on(t.submittingUnitId, t.status),
    index('items_origin_unit').on(t.originUnitId),
    index('items_root').on(t.rootId),
    index('items_submitted_at').on(t.submittedAt),
    /** An office's items by submission time (assessment facts: 报送 and 报送上级 over a period). */
    index('items_office_submitted').on(t.officeId, t.submittedAt),
    index('items_commission').on(t.commissionId),
    index('items_topic').on(t.topicId),
    /** Every copy of one item up the forwarding chain, per office (assessment facts). */
    index('items_chain_office').on(sql`coalesce(${t.rootId}, ${t.id})`, t.officeId),
  ],
);

/** Every saved text of an item: who, when and why. */
export const itemVersions = pgTable(
  'item_versions',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    versionNo: integer('version_no').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    editorId: uuid('editor_id'),
    editorName: text('editor_name').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.versionNo] })],
);

/** The timeline of an item: every transition and notable act, with actor, time and reason. */
export const itemEvents = pgTable(
  'item_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorUnitName: text('actor_unit_name'),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<ItemStatus>(),
    toStatus: text('to_status').$type<ItemStatus>(),
    reason: text('reason'),
    data: jsonb('data'),
  },
  (t) => [index('item_events_item').on(t.itemId, t.at)],
);

/** Units credited for an item; a joint report (合报) splits the credit between several units. */
export const itemCredits = pgTable(
  'item_credits',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgs.id),
    /** Share of the credit, in thousandths (1000 = all). */
    shareMille: integer('share_mille').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.unitId] })],
);

/** Images and attachments, stored on disk by content hash (DATA_DIR/files/ab/abcdef…). */
export const itemAttachments = pgTable(
  'item_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    kind: text('kind').notNull().$type<'image' | 'file'>(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('item_attachments_item').on(t.itemId)],
);

/**
 * Adoption of an item by a publication (采用登记). Written by hand by the office that forwarded the
 * item (上级采用登记 — for offices not on this installation, or to register what the upper office
 * printed), and automatically when an issue containing the item is published (`issueId` set): on
 * the item itself and, for a forwarded copy, on the lower office's copy it came from.
 */
export const upperAdoptions = pgTable(
  'upper_adoptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => publications.id),
    /** 全文采用 / 摘要采用 / 综合采用 / 约稿采用. */
    adoptionKind: text('adoption_kind').notNull(),
    adoptedOn: date('adopted_on').notNull(),
    issueLabel: text('issue_label'),
    note: text('note'),
    /** The issue whose publication wrote this record; null for a hand-recorded adoption. */
    issueId: uuid('issue_id').references((): AnyPgColumn => publicationIssues.id),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('upper_adoptions_item').on(t.itemId),
    uniqueIndex('upper_adoptions_item_publication').on(t.itemId, t.publicationId),
    index('upper_adoptions_adopted_on').on(t.adoptedOn),
    /** A publication's adoptions by day (assessment facts: what the office and those above adopted). */
    index('upper_adoptions_publication_on').on(t.publicationId, t.adoptedOn),
  ],
);
