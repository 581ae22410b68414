import { asc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  issueItems,
  items,
  orgs,
  portalQueue,
  publicationIssues,
  publications,
  type SecrecyLevel,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { listCirculation } from '../circulation/index.ts';
import { listIssueFiles } from './documents/archive.ts';
import { allowedIssueActions, ISSUE_STATUS_LABELS } from './issue-workflow.ts';
import { findIssueForActor, type IssueRow, issueCallerFacts } from './repository.ts';
import type { IssueAbility, IssueDetail, IssueSummary } from './schemas.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** What the database says about an issue beyond its row, for its actions. */
type IssueExtras = { itemCount: number; isLast: boolean };

/**
 * What the caller may do with the issue now: the transition table's actions, less those the
 * commands would refuse anyway (deleting a draft that is not the last of its series, locking an
 * empty issue), plus generating documents and circulating a published issue for office staff.
 */
export function issueActions(row: IssueRow, actor: Actor, extras: IssueExtras): IssueAbility[] {
  const caller = issueCallerFacts(actor);
  const out: IssueAbility[] = allowedIssueActions(row, caller).filter(
    (a) => !(a === 'delete' && !extras.isLast) && !(a === 'lock' && extras.itemCount === 0),
  );
  const staff =
    caller.unitIds.includes(row.officeId) && caller.roles.some((r) => r === 'editor' || r === 'chief_editor');
  if (staff) out.push('generate');
  if (staff && row.status === 'published') out.push('circulate');
  return out;
}

/** Whether each issue is the newest of its series (only that one may be deleted). */
async function lastOfSeries(db: Db, rows: IssueRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const tops = await db
    .select({
      publicationId: publicationIssues.publicationId,
      seriesKey: publicationIssues.seriesKey,
      top: max(publicationIssues.number),
    })
    .from(publicationIssues)
    .where(inArray(publicationIssues.publicationId, [...new Set(rows.map((r) => r.publicationId))]))
    .groupBy(publicationIssues.publicationId, publicationIssues.seriesKey);
  const top = new Map(tops.map((t) => [`${t.publicationId}/${t.seriesKey}`, t.top]));
  return new Set(
    rows.filter((r) => top.get(`${r.publicationId}/${r.seriesKey}`) === r.number).map((r) => r.id),
  );
}

/** The list rows of issues, with names, item counts and first item titles in a few queries. */
export async function presentIssueSummaries(db: Db, actor: Actor, rows: IssueRow[]): Promise<IssueSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const names = await db
    .select({ id: publicationIssues.id, publicationName: publications.name, officeName: orgs.name })
    .from(publicationIssues)
    .innerJoin(publications, eq(publications.id, publicationIssues.publicationId))
    .innerJoin(orgs, eq(orgs.id, publicationIssues.officeId))
    .where(inArray(publicationIssues.id, ids));
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const titles = await db
    .select({ issueId: issueItems.issueId, title: items.title })
    .from(issueItems)
    .innerJoin(items, eq(items.id, issueItems.itemId))
    .where(inArray(issueItems.issueId, ids))
    .orderBy(asc(issueItems.issueId), asc(issueItems.position));
  const titlesOf = new Map<string, string[]>();
  for (const t of titles) titlesOf.set(t.issueId, [...(titlesOf.get(t.issueId) ?? []), t.title]);
  const last = await lastOfSeries(db, rows);
  return rows.map((row) => {
    const list = titlesOf.get(row.id) ?? [];
    const name = nameOf.get(row.id);
    return {
      id: row.id,
      publicationId: row.publicationId,
      publicationName: name?.publicationName ?? '',
      officeId: row.officeId,
      officeName: name?.officeName ?? '',
      year: row.year,
      number: row.number,
      totalNumber: row.totalNumber,
      label: row.label,
      title: row.title,
      status: row.status,
      statusLabel: ISSUE_STATUS_LABELS[row.status],
      issueDate: row.issueDate,
      itemCount: list.length,
      firstItemTitles: list.slice(0, 3),
      signerName: row.signerName,
      responsibleEditorName: row.responsibleEditorName,
      createdByName: row.createdByName,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      publishedAt: iso(row.publishedAt),
      version: row.version,
      actions: issueActions(row, actor, { itemCount: list.length, isLast: last.has(row.id) }),
    };
  });
}

const SECRECY_RANK: Record<SecrecyLevel, number> = { public: 0, secret: 1, confidential: 2 };

/** The items of an issue in print order, with what the editor and the document need of each. */
export async function loadIssueItems(db: Db, issueId: string) {
  const rows = await db
    .select({
      itemId: items.id,
      position: issueItems.position,
      serial: items.serial,
      title: items.title,
      body: items.body,
      unitName: orgs.shortName,
      secrecy: items.secrecy,
      status: items.status,
      itemVersion: items.version,
      currentVersion: items.currentVersion,
      forPortal: issueItems.forPortal,
      portalStatus: portalQueue.status,
    })
    .from(issueItems)
    .innerJoin(items, eq(items.id, issueItems.itemId))
    .innerJoin(orgs, eq(orgs.id, items.originUnitId))
    .leftJoin(portalQueue, eq(portalQueue.itemId, items.id))
    .where(eq(issueItems.issueId, issueId))
    .orderBy(asc(issueItems.position));
  return rows.map((r) => ({ ...r, portalStatus: r.portalStatus ?? null }));
}

/**
 * The full issue as the caller may see it. Commands call it inside their transaction (pass the
 * `tx`) so the response shows exactly what was committed. 404 when the caller may not read it.
 */
export async function presentIssueDetail(db: Db, actor: Actor, id: string): Promise<IssueDetail> {
  const row = await findIssueForActor(db, actor, id);
  const [summary] = await presentIssueSummaries(db, actor, [row]);
  const [publication] = await db
    .select({ kind: publications.kind })
    .from(publications)
    .where(eq(publications.id, row.publicationId));
  const list = await loadIssueItems(db, row.id);
  const secrecy = list.reduce<SecrecyLevel>(
    (top, i) => (SECRECY_RANK[i.secrecy] > SECRECY_RANK[top] ? i.secrecy : top),
    'public',
  );
  return {
    ...summary,
    editorNote: row.editorNote,
    distribution: row.distribution,
    printCount: row.printCount,
    responsibleEditorId: row.responsibleEditorId,
    signerId: row.signerId,
    signedByName: row.signedByName,
    signedAt: iso(row.signedAt),
    lockedAt: iso(row.lockedAt),
    secrecy,
    publicationKind: publication?.kind ?? '',
    items: list,
    files: await listIssueFiles(db, row.id),
    // Who read it and when is the circulating office's business, not the other readers'.
    circulation: summary.actions.includes('generate') ? await listCirculation(db, { issueId: row.id }) : [],
  };
}

/** How an issue is named in audit entries and messages: publication and issue number. */
export async function issueAuditLabel(db: Db, row: IssueRow): Promise<string> {
  const [publication] = await db
    .select({ name: publications.name })
    .from(publications)
    .where(eq(publications.id, row.publicationId));
  return `《${publication?.name ?? ''}》${row.label}`;
}
