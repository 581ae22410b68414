import { and, asc, desc, eq, gte, inArray, isNotNull, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../../context.ts';
import {
  dictionaryEntries,
  issueItems,
  items,
  orgs,
  publicationIssues,
  publications,
  upperAdoptions,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { forbidden } from '../../../lib/errors.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import { queryTerms, searchQuery } from '../../../lib/text/search-text.ts';
import { loadOfficeLimits } from '../../settings/index.ts';
import { limitsOf, type OfficeLimits } from '../deadline.ts';
import { itemAsSeenBy } from '../office-view.ts';
import { deadlineFields } from '../present.ts';
import { callerFacts, itemScope, officeMaySee } from '../repository.ts';
import type { ItemBox, ItemListFilter, ItemListQuery, ItemSummary } from '../schemas.ts';
import { awaitsUnitSignoff } from '../submission.ts';
import { allowedActions, STATUS_LABELS } from '../workflow.ts';
import { officeDeadlineSql, overdueSql } from './deadline-sql.ts';
import { instructionMarkers } from './instruction-markers.ts';

/** The submitting unit, joined by every query over a queue (the 分类 filter reads its group). */
export const submitter = alias(orgs, 'submitter');
const originOrg = alias(orgs, 'origin_org');
const upper = alias(items, 'upper');
const upperOffice = alias(orgs, 'upper_office');
const category = alias(dictionaryEntries, 'category');

/** The queues' names, for refusals and export files. */
export const BOX_NAMES: Record<ItemBox, string> = {
  mine: '我的信息',
  signoff: '待签发',
  inbox: '收稿箱',
  forwarded: '转报与采用',
};

/**
 * What a queue holds, for a caller allowed to open it (403 naming the queue otherwise). The
 * caller's data scope is applied on top, always.
 */
export function boxCondition(box: ItemBox, actor: Actor): SQL {
  const has = (...roles: Actor['roles']) => roles.some((r) => actor.roles.includes(r));
  const unitIds = actor.units.map((u) => u.id);
  const officeIds = actor.units.filter((u) => u.kind === 'office').map((u) => u.id);
  const refuse = () => forbidden(`您无权查看“${BOX_NAMES[box]}”`);
  const inList = (column: PgColumn, ids: string[]) => (ids.length ? inArray(column, ids) : sql`false`);
  switch (box) {
    case 'mine':
      if (!has('reporter', 'unit_signer')) throw refuse();
      return inList(items.submittingUnitId, unitIds);
    case 'signoff':
      if (!has('unit_signer')) throw refuse();
      return and(inList(items.submittingUnitId, unitIds), eq(items.status, 'pending_signoff')) ?? sql`false`;
    case 'inbox':
      if (!has('editor', 'chief_editor')) throw refuse();
      // What the units signed off to the office, in a status the office may see (not via another branch).
      return and(inList(items.officeId, officeIds), officeMaySee()) ?? sql`false`;
    case 'forwarded':
      if (!has('editor', 'chief_editor')) throw refuse();
      return and(inList(items.officeId, officeIds), isNotNull(items.forwardedToId)) ?? sql`false`;
  }
}

/** The day an item was reported (drafts: written), for the from/to filter. */
const reportedAt = sql`coalesce(${items.submittedAt}, ${items.createdAt})`;
/** A calendar day in Beijing as the instant it starts. */
const beijingDayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000);

/** The filters a queue's search form sets (status aside). */
export type ItemFilters = Pick<
  ItemListQuery,
  'unitId' | 'groupCode' | 'categoryCode' | 'priority' | 'from' | 'to' | 'q'
>;

/**
 * Every filter except status: the per-status counts are taken under these. `viewerUnitIds` are
 * the caller's units: outside the submitting unit a returned item under revision is matched on
 * the text the office returned, never on the unit's unsigned revision (office-view.ts).
 */
export function filterConditions(query: ItemFilters, viewerUnitIds: string[] = []): SQL[] {
  const where: SQL[] = [];
  if (query.unitId) where.push(eq(items.submittingUnitId, query.unitId));
  if (query.groupCode) where.push(eq(submitter.groupCode, query.groupCode));
  if (query.categoryCode) where.push(eq(items.categoryCode, query.categoryCode));
  if (query.priority) where.push(eq(items.priority, query.priority));
  if (query.from) where.push(gte(reportedAt, beijingDayStart(query.from)));
  if (query.to) where.push(lt(reportedAt, beijingDayStart(query.to, 1)));
  if (query.q) where.push(textCondition(query.q, viewerUnitIds));
  return where;
}

/**
 * Title, body, keywords and earlier versions through the search index (docs/domain.md §8), or —
 * for a number — the item's serial (信息编号). Outside the submitting unit only the text the
 * office may see matches (`tsv`); the unit also matches its own unsigned revision (`tsv_own`).
 */
function textCondition(q: string, viewerUnitIds: string[]): SQL {
  const serial = /^\d{1,15}$/.test(q.trim()) ? eq(items.serial, Number(q.trim())) : undefined;
  const query = searchQuery(queryTerms(q));
  if (!query) return serial ?? sql`false`;
  const indexed = (column: 'tsv' | 'tsv_own') =>
    sql`${items.id} in (select ref_id from search_index where kind = 'item' and ${sql.raw(column)} @@ ${query}::tsquery)`;
  const ownUnit = viewerUnitIds.length ? inArray(items.submittingUnitId, viewerUnitIds) : undefined;
  return or(indexed('tsv'), ownUnit ? and(ownUnit, indexed('tsv_own')) : undefined, serial) as SQL;
}

const SORT_COLUMNS = {
  submittedAt: items.submittedAt,
  createdAt: items.createdAt,
  updatedAt: items.updatedAt,
} as const;

/**
 * The order of a page. The inbox by default puts items still awaiting a decision that are
 * urgent or 送阅件 first, then overdue ones, then the newest; other queues show the latest
 * changed first. A stable tiebreak (serial) keeps paging consistent.
 */
function orderOf(query: ItemListFilter, limits: OfficeLimits, now: Date): SQL[] {
  const tiebreak = desc(items.serial);
  if (query.sort) {
    // The soonest deadline first unless asked otherwise; dates newest first.
    const order = query.order ?? (query.sort === 'deadline' ? 'asc' : 'desc');
    const column = query.sort === 'deadline' ? officeDeadlineSql(limits) : SORT_COLUMNS[query.sort];
    return [sql`${column} ${sql.raw(order === 'asc' ? 'asc' : 'desc')} nulls last`, tiebreak];
  }
  if (query.box === 'inbox') {
    const fastTrack = sql`case when ${items.status} = 'submitted' and ${items.priority} in ('urgent', 'for_reading') then 0 else 1 end`;
    return [
      asc(fastTrack),
      desc(overdueSql(limits, now)),
      sql`${items.submittedAt} desc nulls last`,
      tiebreak,
    ];
  }
  return [query.order === 'asc' ? asc(items.updatedAt) : desc(items.updatedAt), tiebreak];
}

/**
 * One page of a queue with the counts per status (same queue and filters, any status), always
 * inside the caller's data scope; with `'all'`, every row of it for the queue's Excel export.
 */
export async function listItems(
  ctx: AppContext,
  actor: Actor,
  query: ItemListFilter,
  paging: Paging,
): Promise<{
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
}> {
  const ownOffices = actor.units.filter((u) => u.kind === 'office').map((u) => u.id);
  // Each item's deadline runs under its receiving office's limits.
  const limits = await loadOfficeLimits(ctx.db);
  const now = new Date();
  const base = [
    itemScope(actor),
    boxCondition(query.box, actor),
    ...filterConditions(
      query,
      actor.units.map((u) => u.id),
    ),
  ];
  const countRows = await ctx.db
    .select({ status: items.status, n: sql<number>`count(*)::int` })
    .from(items)
    .innerJoin(submitter, eq(submitter.id, items.submittingUnitId))
    .where(and(...base))
    .groupBy(items.status);
  const counts = Object.fromEntries(countRows.map((r) => [r.status, Number(r.n)]));
  const total = query.status
    ? (counts[query.status] ?? 0)
    : countRows.reduce((sum, r) => sum + Number(r.n), 0);
  const window = rowWindow(paging, total, '信息');

  const rows = await ctx.db
    .select({
      item: items,
      submitterName: submitter.name,
      submitterGroup: submitter.groupCode,
      originName: originOrg.name,
      categoryLabel: category.label,
      upperStatus: upper.status,
      upperOfficeName: upperOffice.name,
      issueStatus: publicationIssues.status,
      adoptionCount: sql<number>`(select count(*)::int from ${upperAdoptions}
        join ${publications} on ${publications.id} = ${upperAdoptions.publicationId}
        where ${upperAdoptions.itemId} = ${items.id} and ${notOwnPublication(ownOffices)})`,
    })
    .from(items)
    .innerJoin(submitter, eq(submitter.id, items.submittingUnitId))
    .innerJoin(originOrg, eq(originOrg.id, items.originUnitId))
    .leftJoin(category, and(eq(category.dictionary, 'item_category'), eq(category.code, items.categoryCode)))
    .leftJoin(upper, eq(upper.id, items.forwardedToId))
    .leftJoin(upperOffice, eq(upperOffice.id, upper.officeId))
    .leftJoin(issueItems, eq(issueItems.itemId, items.id))
    .leftJoin(publicationIssues, eq(publicationIssues.id, issueItems.issueId))
    .where(and(...base, query.status ? eq(items.status, query.status) : undefined))
    .orderBy(...orderOf(query, limits, now))
    .limit(window.limit)
    .offset(window.offset);

  const adoptions = await adoptionsOf(
    ctx,
    rows.map((r) => r.item.id),
    ownOffices,
  );
  const markers = await instructionMarkers(
    ctx.db,
    rows.map((r) => r.item.rootId ?? r.item.id),
  );
  const caller = callerFacts(actor);
  // A returned item under revision shows the office the title it returned (office-view.ts).
  const seen = new Map(
    await Promise.all(
      rows.map(async ({ item }) => [item.id, await itemAsSeenBy(ctx.db, actor, item)] as const),
    ),
  );
  return {
    items: rows.map(({ item, ...r }) => ({
      id: item.id,
      serial: item.serial,
      title: seen.get(item.id)?.title ?? item.title,
      status: item.status,
      statusLabel: STATUS_LABELS[item.status],
      priority: item.priority,
      secrecy: item.secrecy,
      categoryLabel: r.categoryLabel ?? item.categoryCode,
      submittingUnit: { id: item.submittingUnitId, name: r.submitterName, groupCode: r.submitterGroup },
      originUnit: { id: item.originUnitId, name: r.originName },
      authorName: item.authorName,
      // Back with the unit, the earlier round's submission time and time limit are void (as on the item page).
      submittedAt: awaitsUnitSignoff(item) ? null : (item.submittedAt?.toISOString() ?? null),
      updatedAt: item.updatedAt.toISOString(),
      ...(awaitsUnitSignoff(item)
        ? { deadlineAt: null, overdue: false }
        : deadlineFields(item, limitsOf(limits, item.officeId), now)),
      forwardedTo:
        r.upperStatus && r.upperOfficeName ? { status: r.upperStatus, officeName: r.upperOfficeName } : null,
      adoptionCount: Number(r.adoptionCount),
      adoptions: adoptions.get(item.id) ?? [],
      instructionCount: markers.get(item.rootId ?? item.id)?.length ?? 0,
      version: item.version,
      // Items in an issue may be edited while the issue is a draft.
      actions: allowedActions({ ...item, issueStatus: r.issueStatus }, caller),
    })),
    total,
    ...pageFields(paging),
    counts,
  };
}

/**
 * The upper adoptions of a page's items in one query, so the 转报与采用 list can show them
 * without reading each item's detail.
 */
/**
 * Lists show the adoptions by publications above the caller: for a unit every adoption of its
 * item (汾阳政务信息 included), for an office's staff not their own publication's, which is their
 * own decision rather than an upper adoption. The item page lists them all.
 */
function notOwnPublication(ownOffices: string[]): SQL {
  return ownOffices.length ? notInArray(publications.officeId, ownOffices) : sql`true`;
}

async function adoptionsOf(
  ctx: AppContext,
  itemIds: string[],
  ownOffices: string[],
): Promise<Map<string, ItemSummary['adoptions']>> {
  const byItem = new Map<string, ItemSummary['adoptions']>();
  if (!itemIds.length) return byItem;
  const rows = await ctx.db
    .select({
      itemId: upperAdoptions.itemId,
      id: upperAdoptions.id,
      publicationId: upperAdoptions.publicationId,
      publicationName: publications.name,
      adoptionKind: upperAdoptions.adoptionKind,
      adoptedOn: upperAdoptions.adoptedOn,
      issueLabel: upperAdoptions.issueLabel,
    })
    .from(upperAdoptions)
    .innerJoin(publications, eq(publications.id, upperAdoptions.publicationId))
    .where(and(inArray(upperAdoptions.itemId, itemIds), notOwnPublication(ownOffices)))
    .orderBy(asc(upperAdoptions.adoptedOn), asc(upperAdoptions.recordedAt));
  for (const { itemId, ...adoption } of rows) {
    const list = byItem.get(itemId);
    if (list) list.push(adoption);
    else byItem.set(itemId, [adoption]);
  }
  return byItem;
}
