import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

/** Kinds of organisation in the registry: an office (政府办) that receives items, or a reporting unit. */
export type OrgKind = 'office' | 'unit';
/** Administrative level of an office (national: 国务院办公厅, 中办 — the top of a forwarding chain). */
export type OfficeLevel = 'county' | 'city' | 'province' | 'national';

/** The configurable dictionaries. */
export const DICTIONARY_NAMES = [
  'unit_category',
  'assessment_group',
  'item_category',
  'sensitive_word',
] as const;
export type DictionaryName = (typeof DICTIONARY_NAMES)[number];

/** Configurable dictionaries (unit categories, assessment groups, …), one row per entry. */
export const dictionaryEntries = pgTable(
  'dictionary_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dictionary: text('dictionary').notNull().$type<DictionaryName>(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('dictionary_entries_dict_code').on(t.dictionary, t.code)],
);

/**
 * The unit registry (组织机构): offices and the units that report to them, as one tree.
 * Units are never deleted; deactivation sets validTo so history keeps pointing at them.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind').notNull().$type<OrgKind>(),
    level: text('level').$type<OfficeLevel>(),
    sectionName: text('section_name'),
    categoryCode: text('category_code'),
    groupCode: text('group_code'),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    sortOrder: integer('sort_order').notNull().default(0),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    address: text('address'),
    netAccessDate: date('net_access_date'),
    netAccessMethod: text('net_access_method'),
    netIpRange: text('net_ip_range'),
    netFilingNo: text('net_filing_no'),
    active: boolean('active').notNull().default(true),
    validFrom: date('valid_from').notNull().default(sql`CURRENT_DATE`),
    validTo: date('valid_to'),
    deactivationReason: text('deactivation_reason'),
    successorId: uuid('successor_id').references((): AnyPgColumn => orgs.id),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orgs_code').on(t.code), index('orgs_parent').on(t.parentId)],
);

/** Kinds of publication (刊物类别). */
export const PUBLICATION_KINDS = [
  '普刊',
  '要情',
  '专报',
  '增刊',
  '送阅件',
  '参阅',
  '互联网',
  '其他',
] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
/** Issue numbers restart at 1 each year, or run on for ever. */
export type PublicationNumbering = 'yearly' | 'continuous';
/** Issue-number label: 2026年第N期 | 〔2026〕N期 | 第N期. */
export type PublicationLabelFormat = 'year_issue' | 'bracket' | 'plain';
/** Default 报尾 lines: 报 (upper levels), 送 (peers, leaders), 发 (subordinate units). */
export type PublicationDistribution = { bao: string; song: string; fa: string };

/**
 * Outlets that adopt items (信息刊物), owned by an office. What an adoption scores is not a
 * property of the publication: the assessment's versioned rule sets (考核办法) say it.
 * A supplement (增刊) is its own row with kind 增刊 and therefore its own numbering series,
 * rather than a flag on the main publication.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<PublicationKind>(),
    numbering: text('numbering').notNull().$type<PublicationNumbering>().default('yearly'),
    labelFormat: text('label_format').notNull().$type<PublicationLabelFormat>().default('year_issue'),
    /** Adds （总第N期） after the label. */
    showTotal: boolean('show_total').notNull().default(false),
    distribution: jsonb('distribution')
      .notNull()
      .$type<PublicationDistribution>()
      .default({ bao: '', song: '', fa: '' }),
    printCount: integer('print_count').notNull().default(50),
    defaultEditorId: uuid('default_editor_id').references((): AnyPgColumn => users.id),
    defaultSignerId: uuid('default_signer_id').references((): AnyPgColumn => users.id),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publications_office_name').on(t.officeId, t.name)],
);
