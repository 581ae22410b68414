import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  issueItems,
  items,
  orgs,
  portalQueue,
  publicationIssues,
  publications,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { staffOfficeIds } from '../circulation/index.ts';
import { PORTAL_STATUS_LABELS, type PortalEntry } from './schemas.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The issue the item was published in: the one named on the row, else its issue_items row. */
const issueIdOf = sql<string | null>`coalesce(${portalQueue.issueId}, ${issueItems.issueId})`;

/**
 * Portal queue rows with their item and issue, newest first. `where` carries the office scope;
 * actions are computed for `actor` (only office staff may withdraw a queued row).
 */
export async function loadPortalEntries(
  db: Db,
  actor: Actor,
  where: SQL | undefined,
  page?: { limit: number; offset: number },
): Promise<PortalEntry[]> {
  const query = db
    .select({
      row: portalQueue,
      serial: items.serial,
      title: items.title,
      unitName: orgs.shortName,
      issueId: issueIdOf,
      issueLabel: publicationIssues.label,
      publicationName: publications.name,
    })
    .from(portalQueue)
    .innerJoin(items, eq(items.id, portalQueue.itemId))
    .innerJoin(orgs, eq(orgs.id, items.originUnitId))
    .leftJoin(issueItems, eq(issueItems.itemId, portalQueue.itemId))
    .leftJoin(publicationIssues, eq(publicationIssues.id, issueIdOf))
    .leftJoin(publications, eq(publications.id, publicationIssues.publicationId))
    .where(where)
    .orderBy(desc(portalQueue.queuedAt), desc(portalQueue.id))
    .$dynamic();
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  const offices = staffOfficeIds(actor);
  return rows.map(({ row, ...r }) => ({
    id: row.id,
    itemId: row.itemId,
    serial: r.serial,
    title: r.title,
    unitName: r.unitName,
    issueId: r.issueId,
    issueLabel: r.issueLabel,
    publicationName: r.publicationName,
    status: row.status,
    statusLabel: PORTAL_STATUS_LABELS[row.status],
    queuedByName: row.queuedByName,
    queuedAt: row.queuedAt.toISOString(),
    withdrawnReason: row.withdrawnReason,
    withdrawnAt: iso(row.withdrawnAt),
    postedAt: iso(row.postedAt),
    version: row.version,
    actions: row.status === 'queued' && offices.includes(row.officeId) ? ['withdraw'] : [],
  }));
}

/** One entry, for the answer to a write. */
export async function loadPortalEntry(db: Db, actor: Actor, id: number): Promise<PortalEntry> {
  const [entry] = await loadPortalEntries(db, actor, eq(portalQueue.id, id));
  return entry;
}
