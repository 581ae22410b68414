import { sql } from 'drizzle-orm';
import {
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
import { orgs } from './orgs.ts';

/** draft (editable) → active (scores are computed with it; never edited again) → superseded. */
export const RULE_SET_STATUSES = ['draft', 'active', 'superseded'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

/**
 * One version of an office's 考核办法 for a period (docs/domain.md §3.1). Versions of one rule set
 * share `seriesId` (the first version's id); a change to an active version is a new draft
 * version, and activating it supersedes the one before. `rules` is the JSON of
 * server/modules/assessment/engine/rules.ts.
 */
export const assessmentRuleSets = pgTable(
  'assessment_rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    versionNo: integer('version_no').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    status: text('status').notNull().$type<RuleSetStatus>().default('draft'),
    rules: jsonb('rules').notNull(),
    note: text('note'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    activatedByName: text('activated_by_name'),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('assessment_rule_sets_series_version').on(t.seriesId, t.versionNo),
    index('assessment_rule_sets_office').on(t.officeId, t.status, t.periodStart),
  ],
);

/**
 * The score ledger: what the engine derived from the facts under one rule-set version, one row
 * per unit and fact (or periodic rule). Never edited: a recomputation replaces a rule set's rows
 * in one transaction. `points` are ten-thousandths of a point (exact).
 */
export const assessmentLedger = pgTable(
  'assessment_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => assessmentRuleSets.id),
    unitId: uuid('unit_id').notNull(),
    groupCode: text('group_code').notNull(),
    on: date('on').notNull(),
    kind: text('kind').notNull(),
    ruleKey: text('rule_key'),
    factId: text('fact_id'),
    itemId: uuid('item_id'),
    outlet: text('outlet').$type<'own' | 'upper'>(),
    quantity: integer('quantity').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [
    index('assessment_ledger_rule_set_on').on(t.ruleSetId, t.on),
    index('assessment_ledger_rule_set_unit').on(t.ruleSetId, t.unitId, t.on),
  ],
);

/**
 * The ledger summed by unit and month, derived from it and replaced with it in the same
 * transaction (storeLedger), never written otherwise. For every unit with entries in a rule set's
 * period, one row per month of the period (months without entries included, as zeros): the
 * month's figures as a ranking sums them, and `cumulative`, the points from the start of the
 * period to the end of the month (累计, docs/domain.md §3.3). A ranking reads 累计 (and a whole
 * month's figures) here, at most one row per unit, instead of every entry since the period began.
 * `submitted`, `adoptedOwn` and `adoptedUpper` are sums of the entries' quantities (thousandths),
 * points ten-thousandths, as in the ledger.
 */
export const assessmentLedgerMonths = pgTable(
  'assessment_ledger_months',
  {
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => assessmentRuleSets.id),
    /** The first day of the month. */
    month: date('month').notNull(),
    unitId: uuid('unit_id').notNull(),
    submitted: bigint('submitted', { mode: 'number' }).notNull(),
    adoptedOwn: bigint('adopted_own', { mode: 'number' }).notNull(),
    adoptedUpper: bigint('adopted_upper', { mode: 'number' }).notNull(),
    /** Distinct items adopted in the month. */
    adoptedItems: integer('adopted_items').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    cumulative: bigint('cumulative', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleSetId, t.month, t.unitId] })],
);

/** The last computation of a rule set's ledger: when, over which facts, and its totals. */
export const assessmentRuns = pgTable('assessment_runs', {
  ruleSetId: uuid('rule_set_id')
    .primaryKey()
    .references(() => assessmentRuleSets.id),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  /** The day the periodic rules were judged up to. */
  asOf: date('as_of').notNull(),
  /** The newest fact change (assessment_changes.id) the computation saw. */
  changesThrough: bigint('changes_through', { mode: 'number' }).notNull(),
  entries: integer('entries').notNull(),
  points: bigint('points', { mode: 'number' }).notNull(),
  durationMs: integer('duration_ms').notNull(),
});

/**
 * Append-only marks that facts of an office changed (an item signed, adopted, forwarded …),
 * written in the same transaction as the change; a ledger is stale while a mark of its office or
 * an office below is newer than its run.
 */
export const assessmentChanges = pgTable(
  'assessment_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    officeId: uuid('office_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('assessment_changes_office').on(t.officeId, t.id)],
);

/**
 * 加减分登记: points an assessing office adds to or takes off a member unit by its own decision
 * (a commendation, a report the office asked for by phone, a breach of discipline), with the
 * reason and the document it rests on. A fact like any other (docs/domain.md §3.2): every rule set
 * of the office whose period holds `on` counts it. Never edited; a mistaken one is revoked (kept,
 * with who revoked it and why) and, if need be, registered again.
 */
export const assessmentAdjustments = pgTable(
  'assessment_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgs.id),
    /** The day it counts on (计分日期). */
    on: date('on').notNull(),
    /** Signed ten-thousandths of a point (exact, as the ledger). */
    points: bigint('points', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** 依据: the document or decision it rests on (文号, 会议纪要 …). */
    basis: text('basis'),
    recordedById: uuid('recorded_by_id'),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByName: text('revoked_by_name'),
    revokeReason: text('revoke_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('assessment_adjustments_office_on').on(t.officeId, t.on)],
);

/** draft (texts editable, figures refreshable) → issued (archived with its hash, never edited). */
export const NOTICE_STATUSES = ['draft', 'issued'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_PERIODS = ['month', 'quarter', 'year'] as const;
export type NoticePeriod = (typeof NOTICE_PERIODS)[number];

/**
 * A 通报 of an office's submission and adoption figures for a month, quarter or year
 * (docs/domain.md §4): the figures are a snapshot of the ranking taken when the draft is made or
 * refreshed and frozen when it is issued; the texts are the office's own. The issued DOCX is
 * stored by its SHA-256 under FILES_DIR.
 */
export const assessmentNotices = pgTable(
  'assessment_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgs.id),
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => assessmentRuleSets.id),
    period: text('period').notNull().$type<NoticePeriod>(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    title: text('title').notNull(),
    addressee: text('addressee').notNull(),
    /** Body sections, in print order: 总体情况, 表扬, 零报送零采用, 存在问题, 工作要求. */
    opening: text('opening').notNull(),
    praise: text('praise').notNull(),
    laggards: text('laggards').notNull(),
    problems: text('problems').notNull(),
    requirements: text('requirements').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    status: text('status').notNull().$type<NoticeStatus>().default('draft'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedByName: text('issued_by_name'),
    fileSha256: text('file_sha256'),
    fileSize: integer('file_size'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_notices_office').on(t.officeId, t.status, t.periodEnd)],
);
